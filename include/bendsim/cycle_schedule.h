// Which cycles of a cyclic run are solved, and how far each jump goes.
#ifndef bendsim_cycle_schedule_h
#define bendsim_cycle_schedule_h

#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <utility>

namespace bendsim
{
  /**
   * The cycle protocol of Cycling/: the cycles solved one by one (1 to
   * Explicit cycles), the cycles that must be solved and recorded (Output
   * cycles and the last), and the length of each cycle jump once the fatigue
   * model has said how far its state can be extrapolated. Knows nothing of
   * the finite elements: the cyclic loop asks it, the mechanics answers the
   * fatigue part.
   */
  class CycleSchedule
  {
  public:
    explicit CycleSchedule(const CyclingParameters &cycling);

    /** Is @p cycle one of Output cycles, or the last one? */
    bool
    is_output_cycle(unsigned int cycle) const;

    /** The first output cycle after @p cycle, or the last cycle. */
    unsigned int
    next_stop(unsigned int cycle) const;

    /** Is the cycle after @p cycle reached by a jump (so the fatigue
     *  model's estimate is needed), rather than solved next? */
    bool
    jumps_from(unsigned int cycle) const;

    /**
     * The jump from the solved @p cycle: @p fatigue_cycles (the fatigue
     * model's estimate, with what set it) rounded down, at least 1, at most
     * Largest cycle jump, and ending at the next stop; 1 cycle with
     * JumpLimit::explicit_cycle where jumps_from() is false.
     */
    std::pair<unsigned int, JumpLimit>
    jump(unsigned int cycle, double fatigue_cycles, JumpLimit limit) const;

  private:
    CyclingParameters cycling;
  };
} // namespace bendsim

#endif
