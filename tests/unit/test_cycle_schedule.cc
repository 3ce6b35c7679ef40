// The cycle protocol: output cycles, jump clamping and what each jump's end
// is attributed to.
#include <bendsim/cycle_schedule.h>
#include <gtest/gtest.h>
#include <limits>

namespace
{
  using namespace bendsim;

  CyclingParameters
  cycling()
  {
    CyclingParameters c;
    c.number_of_cycles   = 1000;
    c.explicit_cycles    = 5;
    c.largest_cycle_jump = 100;
    c.output_cycles      = {1, 10, 100, 1000};
    return c;
  }


  TEST(CycleSchedule, StopsAtOutputCyclesAndTheLast)
  {
    const CycleSchedule s(cycling());
    EXPECT_TRUE(s.is_output_cycle(10));
    EXPECT_TRUE(s.is_output_cycle(1000));
    EXPECT_FALSE(s.is_output_cycle(11));
    EXPECT_EQ(s.next_stop(1), 10u);
    EXPECT_EQ(s.next_stop(10), 100u);
    EXPECT_EQ(s.next_stop(150), 1000u);
  }


  TEST(CycleSchedule, SolvesTheExplicitCyclesOneByOne)
  {
    const CycleSchedule s(cycling());
    EXPECT_FALSE(s.jumps_from(4));
    EXPECT_TRUE(s.jumps_from(5));
    const auto [cycles, limit] = s.jump(3, 40., JumpLimit::crack_onset);
    EXPECT_EQ(cycles, 1u);
    EXPECT_EQ(limit, JumpLimit::explicit_cycle);
  }


  TEST(CycleSchedule, ClampsTheFatigueEstimate)
  {
    const CycleSchedule s(cycling());
    // Rounded down, and what set it kept.
    EXPECT_EQ(s.jump(20, 7.9, JumpLimit::damage_increment),
              std::make_pair(7u, JumpLimit::damage_increment));
    // At least one cycle.
    EXPECT_EQ(s.jump(20, 0.2, JumpLimit::crack_growth),
              std::make_pair(1u, JumpLimit::crack_growth));
    // At most Largest cycle jump, also for no limit at all (infinity).
    EXPECT_EQ(s.jump(120,
                     std::numeric_limits<double>::infinity(),
                     JumpLimit::largest_jump),
              std::make_pair(100u, JumpLimit::largest_jump));
    EXPECT_EQ(s.jump(120, 300., JumpLimit::crack_onset),
              std::make_pair(100u, JumpLimit::largest_jump));
    // Ends at the next output cycle.
    EXPECT_EQ(s.jump(95, 40., JumpLimit::crack_onset),
              std::make_pair(5u, JumpLimit::schedule));
    EXPECT_EQ(s.jump(960, 80., JumpLimit::crack_onset),
              std::make_pair(40u, JumpLimit::schedule));
    // A NaN estimate solves the next cycle.
    EXPECT_EQ(s.jump(20,
                     std::numeric_limits<double>::quiet_NaN(),
                     JumpLimit::crack_onset),
              std::make_pair(1u, JumpLimit::explicit_cycle));
  }
} // namespace
