// Verification of cyclic bending with fatigue in whole finite-element runs
// (ctest runs this on 2 MPI ranks).
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

namespace
{
  using namespace bendsim;

  const std::string cases = std::string(BENDSIM_SOURCE_DIR) + "/parameters/";

  const StepResult &
  at_cycle(const RunResults &r, const unsigned int cycle)
  {
    for (const StepResult &s : r.steps)
      if (s.cycle == cycle)
        return s;
    ADD_FAILURE() << "no record of cycle " << cycle;
    return r.steps.back();
  }
} // namespace


// The film of fatigue_film.prm is bent to 60 % of its monotonic cracking
// strain: the first bend leaves it intact, the fatigue law cracks it later.
// Cycle jumps must give the crack density and PCE retention of explicit
// cycling (every cycle solved) within 2 %, with fewer solves.
TEST(FatigueVerification, CycleJumpsAgreeWithExplicitCycling)
{
  RunParameters p =
    RunParameters::read(cases + "verification/fatigue_film.prm");
  p.cycling.number_of_cycles = 200;
  const unsigned int film    = 1;
  const RunResults   jumps   = run_bending<2>(p, MPI_COMM_WORLD, false);
  p.cycling.explicit_cycles  = p.cycling.number_of_cycles;
  const RunResults explicit_ = run_bending<2>(p, MPI_COMM_WORLD, false);

  ASSERT_EQ(explicit_.steps.size(), p.cycling.number_of_cycles);
  EXPECT_LT(jumps.steps.size(), explicit_.steps.size());
  EXPECT_EQ(at_cycle(explicit_, 1).damage.cracks[film], 0u);
  EXPECT_GT(at_cycle(explicit_, 200).damage.cracks[film], 0u);
  EXPECT_LT(at_cycle(explicit_, 200).device.pce_retention, 1.);
  for (const unsigned int cycle : {100u, 200u})
    {
      const StepResult &j = at_cycle(jumps, cycle);
      const StepResult &e = at_cycle(explicit_, cycle);
      EXPECT_NEAR(j.damage.crack_density[film],
                  e.damage.crack_density[film],
                  0.02 * e.damage.crack_density[film])
        << "cycle " << cycle;
      EXPECT_NEAR(j.device.pce_retention,
                  e.device.pce_retention,
                  0.02 * e.device.pce_retention)
        << "cycle " << cycle;
    }
}
