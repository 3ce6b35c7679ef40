// CycleSchedule: the cycles solved and the length of each cycle jump.

#include <algorithm>
#include <bendsim/cycle_schedule.h>
#include <cmath>

namespace bendsim
{
  CycleSchedule::CycleSchedule(const CyclingParameters &cycling)
    : cycling(cycling)
  {
  }


  bool
  CycleSchedule::is_output_cycle(const unsigned int cycle) const
  {
    return cycle == cycling.number_of_cycles ||
           std::find(cycling.output_cycles.begin(),
                     cycling.output_cycles.end(),
                     cycle) != cycling.output_cycles.end();
  }


  unsigned int
  CycleSchedule::next_stop(const unsigned int cycle) const
  {
    unsigned int stop = cycling.number_of_cycles;
    for (const unsigned int c : cycling.output_cycles)
      if (c > cycle)
        stop = std::min(stop, c);
    return stop;
  }


  bool
  CycleSchedule::jumps_from(const unsigned int cycle) const
  {
    return cycle >= cycling.explicit_cycles;
  }


  std::pair<unsigned int, JumpLimit>
  CycleSchedule::jump(const unsigned int cycle,
                      const double       fatigue_cycles,
                      JumpLimit          limit) const
  {
    unsigned int cycles = 1;
    // A NaN estimate (which the fatigue law should never give) solves the
    // next cycle rather than jumping blind.
    if (!jumps_from(cycle) || std::isnan(fatigue_cycles))
      limit = JumpLimit::explicit_cycle;
    else
      {
        if (!(fatigue_cycles < cycling.largest_cycle_jump))
          limit = JumpLimit::largest_jump;
        cycles = static_cast<unsigned int>(std::clamp(
          std::floor(fatigue_cycles), 1., double(cycling.largest_cycle_jump)));
      }
    if (next_stop(cycle) - cycle < cycles)
      {
        cycles = next_stop(cycle) - cycle;
        limit  = JumpLimit::schedule;
      }
    return {cycles, limit};
  }
} // namespace bendsim
