// The cyclic loading protocol: cycles, jumps, checkpoints and progress.
#ifndef bendsim_cycling_driver_h
#define bendsim_cycling_driver_h

#include <bendsim/cycle_schedule.h>
#include <bendsim/device_model.h>
#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <bendsim/stack.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/timer.h>
#include <mpi.h>
#include <utility>

namespace bendsim
{
  class OutputFolder;

  /** Thrown out of a model's solve when SIGTERM or SIGINT has arrived at any
   *  rank: the cycle in progress is abandoned for a checkpoint. */
  struct StopRequested
  {
  };


  /** Where a cyclic run stands between two solved peaks. */
  struct CycleCounter
  {
    unsigned int next_cycle = 1; ///< the cycle to solve next
    unsigned int jump       = 1; ///< the cycles of the jump that leads to it
    JumpLimit    jump_limit = JumpLimit::explicit_cycle; ///< what set it
  };


  /**
   * What the cycling driver asks of the model it cycles. The finite-element
   * mechanics implements it; all its members are collective.
   */
  class CyclicModel
  {
  public:
    virtual ~CyclicModel() = default;

    /** Keep the state before the cycle about to be solved, to go back to
     *  it when a stop is requested in mid-cycle. */
    virtual void
    save_cycle_start() = 0;
    virtual void
    restore_cycle_start() = 0;

    /** Solve the peak of the next cycle (from the flat stack if
     *  @p from_flat) and return its Newton iterations. Throws StopRequested,
     *  or SolverFailure when the peak cannot be solved. */
    virtual unsigned int
    solve_peak(bool from_flat) = 0;

    /** The solved peak as step @p step of the history: strains, damage and
     *  crack fronts. */
    virtual StepResult
    measure_peak(unsigned int step) = 0;

    /** The cracks of the solved peak with the stack bent back to flat,
     *  where the cell is measured, into @p damage's flat_crack_list and
     *  largest_flat_opening; the peak state is kept. */
    virtual void
    measure_flat(DamageMetrics &damage) = 0;

    /** The cycles the fatigue state can be extrapolated over from the
     *  solved peak, and what sets them. */
    virtual std::pair<double, JumpLimit>
    fatigue_cycle_jump() const = 0;

    /** Age the state by @p cycles cycles at the solved peak's loads. */
    virtual void
    apply_fatigue(double cycles) = 0;

    /** Write the fields of the solved peak of @p cycle (VTU/PVTU + PVD). */
    virtual void
    write_fields(unsigned int cycle) = 0;

    /** Write (and read back) everything needed to continue at
     *  @p counter.next_cycle. */
    virtual void
    write_checkpoint(const CycleCounter &counter,
                     const RunResults   &results) const = 0;
    virtual CycleCounter
    read_checkpoint(RunResults &results) = 0;
  };


  /**
   * The cycle loop of a cyclic run (Loading/Type = cyclic bending or cyclic
   * dcb): solve a peak, record it (history row, device state, first cracks,
   * progress line), let the model say how far its fatigue state can be
   * extrapolated, jump, and write checkpoints on the interval and when a
   * stop is requested. Knows nothing of finite elements: the model does the
   * mechanics, the schedule decides which cycles are solved.
   */
  class CyclingDriver
  {
  public:
    CyclingDriver(const RunParameters              &parameters,
                  MPI_Comm                          mpi_communicator,
                  OutputFolder                     *output,
                  const dealii::ConditionalOStream &pcout);

    /** Cycle @p model to Cycling/Number of cycles (or until a stop is
     *  requested), appending the solved peaks to @p results. */
    void
    run(CyclicModel         &model,
        RunResults          &results,
        const dealii::Timer &wall_timer);

  private:
    /** Cycles left after @p cycle divided by the pace of the last few solved
     *  peaks: seconds. */
    double
    estimated_time_left(unsigned int cycle, double elapsed);

    void
    print_progress(const StepResult &step, double elapsed, double eta) const;

    const RunParameters              &parameters;
    const Stack                      &stack;
    MPI_Comm                          mpi_communicator;
    OutputFolder                     *output;
    const dealii::ConditionalOStream &pcout;
    const CycleSchedule               schedule;
    const DeviceModel                 device;
    /** (wall time, cycle) of the latest solved peaks. */
    std::vector<std::pair<double, unsigned int>> recent;
  };


  /** Record in @p results the layers that @p step shows cracked for the
   *  first time (at @p cycle; 0 in monotonic runs), with the nominal strain
   *  at their tops. */
  void
  record_first_cracks(const Stack      &stack,
                      const StepResult &step,
                      unsigned int      cycle,
                      RunResults       &results);
} // namespace bendsim

#endif
