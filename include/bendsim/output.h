#ifndef bendsim_output_h
#define bendsim_output_h

#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <bendsim/screen_log.h>
#include <memory>
#include <mpi.h>
#include <string>
#include <utility>
#include <vector>

namespace bendsim
{
  /**
   * The run's output folder. Rank 0 writes the small files (solution.pvd,
   * history.csv, summary.json, parameters.prm); every rank writes its own
   * VTU piece through deal.II. Files are written whole: a file is first
   * written under a temporary name, then renamed over the old one. From its
   * construction on, rank 0's screen output is kept, and from prepare() or
   * resume() on it is also in log.txt.
   */
  class OutputFolder
  {
  public:
    OutputFolder(const RunParameters &parameters, MPI_Comm mpi_communicator);

    /**
     * Create the folder, remove the files an earlier run of bendsim left
     * there (solution*, history.csv, summary.json), and store the parameters
     * and the material library actually used; start log.txt with the
     * screen output so far. Collective: throws the same InputError on
     * every rank, naming the entry Output folder, if the folder cannot be
     * used (a file of that name exists, it cannot be created or written, it
     * is the material library's folder) or if it holds the checkpoint of an
     * unfinished cyclic run (then before writing anything).
     */
    void
    prepare() const;

    /**
     * Continue a run in this folder from a checkpoint: keep the header and
     * the first @p history_rows rows of history.csv (rows written after the
     * checkpoint are dropped, also a half-written last one), restore the
     * solution.pvd records, and remove summary.json; append the screen
     * output to log.txt. Collective: throws the same InputError (history.csv
     * shorter than the checkpoint says) or OutputFailure on every rank.
     */
    void
    resume(unsigned int                                       history_rows,
           const std::vector<std::pair<double, std::string>> &records);

    /** The (time, PVTU file) records of solution.pvd so far. */
    const std::vector<std::pair<double, std::string>> &
    records() const;

    /** The folder, with a trailing '/'. */
    std::string
    path() const;

    /** Record a PVTU file for time @p time and rewrite solution.pvd.
     *  Collective. */
    void
    add_to_pvd(double time, const std::string &pvtu_file);

    /** Append a load step to history.csv (header written on the first
     *  call). Collective; throws OutputFailure on every rank if the row
     *  could not be written. */
    void
    write_history_row(const StepResult &step) const;

    /** Write summary.json with the run's headline figures. Collective;
     *  throws OutputFailure on every rank if it could not be written. */
    void
    write_summary(const RunResults &results) const;

  private:
    const RunParameters                        &parameters;
    const MPI_Comm                              mpi_communicator;
    const std::string                           folder;
    std::vector<std::pair<double, std::string>> pvd_records;
    std::unique_ptr<ScreenLog>                  screen_log; ///< rank 0
  };

  /**
   * The text of summary.json for the run of @p parameters that gave
   * @p results: its headline figures (numbers to 10 significant digits,
   * null where not finite) and a "provenance" block (bendsim version and git
   * revision, deal.II version, parameters.command_line, MPI ranks, host name
   * of the calling rank, and the date and time of the call, UTC, ISO 8601).
   */
  std::string
  summary_json(const RunParameters &parameters, const RunResults &results);

  /**
   * Write @p text to @p filename atomically: to a temporary file, flushed and
   * checked, then renamed over the old one, so that readers never see a
   * half-written file and a failed write leaves the old file whole. Throws
   * OutputFailure naming the file if any step fails.
   */
  void
  write_file_atomically(const std::string &filename, const std::string &text);
} // namespace bendsim

#endif
