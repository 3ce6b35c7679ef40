// Verification of energy-controlled fatigue crack growth in whole
// finite-element runs: a double cantilever beam cycled at a constant opening
// amplitude (parameters/verification/fatigue_dcb.prm) against the Paris law
// it prescribes, with G_max from beam theory of the current crack length.
// ctest runs this on 1 and 2 MPI ranks.
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

namespace
{
  using namespace bendsim;

  const std::string cases = std::string(BENDSIM_SOURCE_DIR) + "/parameters/";

  /** Root-rotation correction chi h of the arms (Williams 1989). */
  double
  root_rotation(const RunParameters &p)
  {
    return 0.686 * p.stack.layer(0).thickness;
  }

  /** The crack at one solved peak. */
  struct CrackState
  {
    double cycle = 0;
    double length = 0; ///< from the loaded end, µm
    /** Modified beam theory (ASTM D5528): G = 3 P delta / (2 (a + chi h)),
     *  with the force P and opening delta of the solved peak. */
    double beam_theory_G = 0;
    double front_G       = 0; ///< the model's cohesive-zone J-integral
  };

  /**
   * The crack length from the separated fraction of the interface in the
   * central half of the segment, [L/4, 3L/4], which holds the tip
   * throughout: the interface is separated from x = 0 up to the tip.
   */
  std::vector<CrackState>
  crack_states(const RunParameters &p, const RunResults &r)
  {
    const double            L = p.mesh.segment_length;
    std::vector<CrackState> states;
    for (const StepResult &s : r.steps)
      {
        CrackState c;
        c.cycle  = s.cycle;
        c.length = 0.25 * L + 0.5 * L * s.damage.delaminated_fraction[0];
        c.beam_theory_G = 1.5 * s.load_point_force * s.load_point_opening /
                          (c.length + root_rotation(p));
        c.front_G = s.damage.debond_front_energy_release_rate[0];
        if (states.empty() || c.length > states.back().length + 1e-9)
          states.push_back(c);
      }
    return states;
  }

  RunParameters
  fatigue_dcb(const unsigned int cells_along)
  {
    RunParameters p = RunParameters::read(cases + "verification/fatigue_dcb.prm");
    p.mesh.cells_along_segment = cells_along;
    return p;
  }

  /**
   * Runs the beam at @p cells_along cells along it and checks, over windows
   * of at least 2.5 µm of growth, that the cycles the crack took equal those
   * the Paris law needs at the beam-theory G of each solved peak, within
   * 10 %, and that the rate falls by at least a decade along the run.
   */
  void
  expect_paris_law(const unsigned int cells_along)
  {
    const RunParameters p  = fatigue_dcb(cells_along);
    const RunResults    r  = run_bending<2>(p, MPI_COMM_WORLD, false);
    const auto          cs = crack_states(p, r);
    const auto &interface  = p.stack.interface(0).fracture;
    const double Gc        = interface.mode_I_energy;
    const auto   paris     = [&](const double G) {
      return interface.paris_coefficient *
             std::pow(G / Gc, interface.paris_exponent);
    };
    dealii::ConditionalOStream out(
      std::cout, dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0);
    const double face = p.mesh.segment_length / cells_along;
    out << "  faces of " << face << " um: " << cs.size() - 1
        << " faces separated by growth in " << r.steps.back().cycle
        << " cycles\n";
    ASSERT_GE(cs.back().length - cs.front().length, 12.) << "face " << face;

    std::vector<double> rates;
    for (std::size_t i = 0; i + 1 < cs.size();)
      {
        std::size_t j = i + 1;
        while (j + 1 < cs.size() && cs[j].length - cs[i].length < 2.5)
          ++j;
        if (cs[j].length - cs[i].length < 2.5)
          break;
        double expected_cycles = 0;
        for (std::size_t k = i; k < j; ++k)
          expected_cycles +=
            (cs[k + 1].length - cs[k].length) / paris(cs[k].beam_theory_G);
        const double cycles = cs[j].cycle - cs[i].cycle;
        out << "    a " << cs[i].length << " -> " << cs[j].length
            << " um, G/G_c " << cs[i].beam_theory_G / Gc << " (front "
            << cs[i].front_G / Gc << "): " << cycles << " cycles, Paris law "
            << expected_cycles << '\n';
        EXPECT_NEAR(cycles, expected_cycles, 0.1 * expected_cycles)
          << "face " << face << ", a = " << cs[i].length;
        EXPECT_NEAR(cs[i].front_G, cs[i].beam_theory_G, 0.05 * cs[i].beam_theory_G);
        rates.push_back((cs[j].length - cs[i].length) / cycles);
        i = j;
      }
    ASSERT_GE(rates.size(), 3u);
    EXPECT_GE(rates.front() / rates.back(), 10.) << "face " << face;
  }
} // namespace


TEST(FatigueGrowthVerification, DoubleCantileverBeamFollowsParisLaw)
{
  expect_paris_law(320); // faces of 0.625 µm
}

TEST(FatigueGrowthVerification, ParisLawAtCoarserFaces)
{
  expect_paris_law(160); // 1.25 µm
}

TEST(FatigueGrowthVerification, ParisLawAtFinerFaces)
{
  expect_paris_law(640); // 0.3125 µm
}


// The same beam with the threshold set 1/0.9 above the G_max that beam
// theory gives at the pre-crack: 10^4 cycles leave the crack where it was.
TEST(FatigueGrowthVerification, NoGrowthBelowTheThreshold)
{
  RunParameters p = fatigue_dcb(320);
  const Material &arm = p.stack.layer(0).material;
  const double    h   = p.stack.layer(0).thickness;
  const double    EI  = arm.plane_strain_modulus() * h * h * h / 12.;
  const double    a   = p.loading.initial_crack_length + root_rotation(p);
  const double    delta = p.loading.opening_displacement;
  const double    G_max = 9. * EI * delta * delta / (4. * std::pow(a, 4));
  Interface interface = p.stack.interface(0);
  interface.fracture.fatigue_threshold_ratio =
    G_max / (0.9 * interface.fracture.mode_I_energy);
  p.stack = Stack(p.stack.layers(), {interface});
  p.cycling.number_of_cycles = 10000;
  const RunResults r = run_bending<2>(p, MPI_COMM_WORLD, false);
  ASSERT_EQ(r.steps.back().cycle, 10000u);
  EXPECT_LE(r.steps.size(), 3u); // nothing grows: one jump to the end
  for (const StepResult &s : r.steps)
    EXPECT_NEAR(s.damage.delaminated_fraction[0], 0.5, 1e-12)
      << "cycle " << s.cycle;
}
