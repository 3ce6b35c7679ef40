#ifndef bendsim_checkpoint_h
#define bendsim_checkpoint_h

#include <array>
#include <bendsim/fingerprint.h>
#include <bendsim/results.h>
#include <string>
#include <utility>
#include <vector>

namespace bendsim
{
  /**
   * Everything a cyclic run needs to continue after the cycle it was taken
   * at, stored independently of the MPI partition: cells and faces are
   * identified by their centres, so a run checkpointed on N ranks resumes on
   * any number of ranks.
   */
  struct Checkpoint
  {
    /** One step already written to history.csv: what summary.json needs of
     *  it after a resume. */
    struct Step
    {
      unsigned int cycle         = 0;
      unsigned int cycle_jump    = 0;
      double       pce_retention = 1;
    };
    /** The solution on one cell: its centre and its DoF values in the
     *  cell's local order (discontinuous elements: no DoF is shared). */
    struct CellValues
    {
      std::array<double, 3> center{{0., 0., 0.}};
      std::vector<double>   values;
    };
    /** The history of one potential crack face, identified by its centre. */
    struct FaceState
    {
      std::array<double, 3> center{{0., 0., 0.}};
      bool                  active          = false;
      double                fatigue_damage  = 0;
      double                stress_ratio    = 0;
      double                largest_damage  = 0;
      double                largest_opening = 0;
      double                opening_work    = 0;
      double                growth_credit   = 0; ///< µm, see FaceHistory
      /** Per quadrature point: rate-independent and viscous damage. */
      std::vector<std::pair<double, double>> damage;
      /** Per quadrature point: dissipated fraction of G_c. */
      std::vector<double> dissipated_fraction;
    };

    unsigned int dimension = 0;
    /** The case it was written by (RunParameters::fingerprint). */
    CaseFingerprint fingerprint;
    /** The next cycle to solve, and the jump that leads to it. */
    unsigned int next_cycle = 0;
    unsigned int jump       = 0;
    /** What set that jump (a JumpLimit). */
    unsigned int                                jump_limit           = 0;
    double                                      first_hold_increment = 1;
    double                                      reference_residual   = 0;
    std::vector<Step>                           steps;
    std::vector<FirstCrack>                     first_crack; ///< per layer
    std::vector<std::pair<double, std::string>> pvd_records;
    std::vector<CellValues>                     cells;
    std::vector<FaceState>                      faces;

    /** The largest cycle counter a checkpoint may hold: that of the largest
     *  Cycling/Number of cycles a case accepts. */
    static constexpr unsigned int largest_cycle = 2147483647;

    /**
     * Write to @p filename atomically: a temporary file, flushed and checked,
     * renamed over the old one, so that a kill or a full disk during writing
     * leaves the previous checkpoint whole. The file ends with a checksum
     * (FNV-1a 64) of everything before it. Throws OutputFailure naming the
     * file if it could not be written.
     */
    void
    write(const std::string &filename) const;

    /**
     * Read a file written by write(). Throws InputError naming the file if it
     * is not a complete bendsim checkpoint of this format, if its checksum
     * does not match its content ("corrupt"), or if a field is out of its
     * range: a cycle counter beyond largest_cycle or inconsistent with the
     * cycles solved, a damage outside [0, 1], a value that is not finite.
     */
    static Checkpoint
    read(const std::string &filename);
  };

  /**
   * A key for matching cells and faces by their centres across partitions:
   * the coordinates rounded to 1e-9 µm (meshes are generated identically on
   * every rank, so equal centres agree far below that).
   */
  std::array<long long, 3>
  position_key(const std::array<double, 3> &center);
} // namespace bendsim

#endif
