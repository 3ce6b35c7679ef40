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
// strain: the first bend leaves it intact, fatigue cracks it later. Cycle
// jumps hold the driving forces of a solved cycle over many cycles, so each
// crack may come a little late or early: every crack of explicit cycling
// (every cycle solved) must appear with jumps within 5 % of its cycle, any
// further crack only in the last 5 % of the run, and the PCE retention must
// agree where the crack counts do; with fewer solves.
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

  // The cycle at which each crack count is first reached.
  const auto crack_cycles = [&](const RunResults &r) {
    std::vector<unsigned int> cycles;
    for (const StepResult &s : r.steps)
      while (cycles.size() < s.damage.cracks[film])
        cycles.push_back(s.cycle);
    return cycles;
  };
  const std::vector<unsigned int> e = crack_cycles(explicit_);
  const std::vector<unsigned int> j = crack_cycles(jumps);
  ASSERT_GE(j.size(), e.size());
  for (unsigned int k = 0; k < e.size(); ++k)
    EXPECT_NEAR(j[k], e[k], 0.05 * e[k]) << "crack " << k + 1;
  for (unsigned int k = e.size(); k < j.size(); ++k)
    EXPECT_GE(j[k], 0.95 * p.cycling.number_of_cycles) << "crack " << k + 1;
  for (const StepResult &s : jumps.steps)
    if (s.damage.cracks[film] ==
        at_cycle(explicit_, s.cycle).damage.cracks[film])
      {
        EXPECT_NEAR(s.device.pce_retention,
                    at_cycle(explicit_, s.cycle).device.pce_retention,
                    0.02 * at_cycle(explicit_, s.cycle).device.pce_retention)
          << "cycle " << s.cycle;
      }
}


// Fully reversed cycles bend the stack both ways. A film on the compressed
// side of a one-sided bend never sees tension and never cracks; fully
// reversed, it is in tension at the -R peak of every cycle and must crack as
// a film on the stretched side of one-sided cycles does (the compressed peak
// closes its faces and adds no fatigue).
TEST(FatigueVerification, FullyReversedCyclesCrackAFilmOnEitherSide)
{
  RunParameters tension =
    RunParameters::read(cases + "verification/fatigue_film.prm");
  tension.cycling.number_of_cycles = 200;
  const unsigned int film          = 1;
  RunParameters      compression   = tension;
  compression.bending.film_side    = FilmSide::compression;
  RunParameters reversed           = compression;
  reversed.cycling.fully_reversed  = true;

  const RunResults t = run_bending<2>(tension, MPI_COMM_WORLD, false);
  const RunResults c = run_bending<2>(compression, MPI_COMM_WORLD, false);
  const RunResults r = run_bending<2>(reversed, MPI_COMM_WORLD, false);

  EXPECT_EQ(c.steps.back().damage.cracks[film], 0u);
  EXPECT_FALSE(c.first_crack[film].cracked);
  EXPECT_DOUBLE_EQ(c.steps.back().device.pce_retention, 1.);

  ASSERT_TRUE(t.first_crack[film].cracked);
  ASSERT_TRUE(r.first_crack[film].cracked);
  EXPECT_EQ(r.first_crack[film].cycle, t.first_crack[film].cycle);
  EXPECT_EQ(r.steps.back().damage.cracks[film],
            t.steps.back().damage.cracks[film]);
  EXPECT_NEAR(r.steps.back().device.pce_retention,
              t.steps.back().device.pce_retention,
              0.02 * t.steps.back().device.pce_retention);
}


// A face whose strength the stress-life law uses up is a crack. At R = 0.36
// mm the first bend leaves one column of the film softening (a process
// zone, no crack); without fatigue crack growth (Paris coefficient 0) the
// only way to a crack is that the faces' fatigue damage reaches its end,
// where the degraded strength and toughness are zero and the face carries
// no traction. Its cohesive law alone would never separate it (strength and
// G_c degrade alike, so the opening at separation stays the same): the
// faces must be counted as separated then, and the cell's retention fall.
TEST(FatigueVerification, AFaceThatFatigueUsesUpIsACrack)
{
  RunParameters p =
    RunParameters::read(cases + "verification/fatigue_film.prm");
  p.bending.bending_radius      = 0.36;
  p.cycling.number_of_cycles    = 400;
  const unsigned int     film   = 1;
  std::vector<Layer>     layers = p.stack.layers();
  std::vector<Interface> interfaces;
  for (unsigned int i = 0; i + 1 < layers.size(); ++i)
    interfaces.push_back(p.stack.interface(i));
  layers[film].material.fracture.paris_coefficient = 0;
  p.stack                                          = Stack(layers, interfaces);

  const RunResults r = run_bending<2>(p, MPI_COMM_WORLD, false);
  ASSERT_EQ(r.steps.front().cycle, 1u);
  EXPECT_EQ(r.steps.front().damage.cracks[film], 0u);
  EXPECT_GE(r.steps.front().damage.process_zone_columns[film], 1u);
  EXPECT_GE(r.steps.back().damage.cracks[film], 1u);
  EXPECT_LT(r.steps.back().device.pce_retention, 1.);
}
