// Verification of energy-controlled fatigue crack growth in whole
// finite-element runs: a double cantilever beam cycled at a constant opening
// amplitude (parameters/verification/fatigue_dcb.prm) against the Paris law
// it prescribes, with G_max from beam theory of the current crack length.
// ctest runs this on 1 and 2 MPI ranks.
#include <bendsim/laminate.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <cmath>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>
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
    double cycle  = 0;
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
        c.cycle         = s.cycle;
        c.length        = 0.25 * L + 0.5 * L * s.damage.delaminated_fraction[0];
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
    RunParameters p =
      RunParameters::read(cases + "verification/fatigue_dcb.prm");
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
    const RunParameters p         = fatigue_dcb(cells_along);
    const RunResults    r         = run_bending<2>(p, MPI_COMM_WORLD, false);
    const auto          cs        = crack_states(p, r);
    const auto         &interface = p.stack.interface(0).fracture;
    const double        Gc        = interface.mode_I_energy;
    const auto          paris     = [&](const double G) {
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
        EXPECT_NEAR(cs[i].front_G,
                    cs[i].beam_theory_G,
                    0.05 * cs[i].beam_theory_G);
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
  RunParameters   p         = fatigue_dcb(320);
  const Material &arm       = p.stack.layer(0).material;
  const double    h         = p.stack.layer(0).thickness;
  const double    EI        = arm.plane_strain_modulus() * h * h * h / 12.;
  const double    a         = p.loading.initial_crack_length + root_rotation(p);
  const double    delta     = p.loading.opening_displacement;
  const double    G_max     = 9. * EI * delta * delta / (4. * std::pow(a, 4));
  Interface       interface = p.stack.interface(0);
  interface.fracture.fatigue_threshold_ratio =
    G_max / (0.9 * interface.fracture.mode_I_energy);
  p.stack                    = Stack(p.stack.layers(), {interface});
  p.cycling.number_of_cycles = 10000;
  const RunResults r         = run_bending<2>(p, MPI_COMM_WORLD, false);
  ASSERT_EQ(r.steps.back().cycle, 10000u);
  EXPECT_LE(r.steps.size(), 3u); // nothing grows: one jump to the end
  for (const StepResult &s : r.steps)
    EXPECT_NEAR(s.damage.delaminated_fraction[0], 0.5, 1e-12)
      << "cycle " << s.cycle;
}


namespace
{
  /**
   * The steady-state driving force of a debond growing from a channel
   * crack through the film of fatigue_debond.prm (Hutchinson and Suo 1992):
   * G_d = sigma^2 h / (2 Ebar_f), with sigma the film's stress at its
   * mid-height by laminate theory.
   */
  double
  debond_driving_force(const RunParameters &p)
  {
    const Layer &film = p.stack.layer(1);
    const double strain =
      laminate::axial_strain(0.5 * (film.bottom + film.top),
                             p.stack.laminate_neutral_axis_height(),
                             p.bending.curvature());
    const double modulus = film.material.plane_strain_modulus();
    const double stress  = modulus * strain;
    return stress * stress * film.thickness / (2. * modulus);
  }

  RunParameters
  fatigue_debond(const double threshold_over_driving_force)
  {
    RunParameters p =
      RunParameters::read(cases + "verification/fatigue_debond.prm");
    Interface interface = p.stack.interface(0);
    interface.fracture.fatigue_threshold_ratio =
      threshold_over_driving_force * debond_driving_force(p) /
      interface.fracture.mode_I_energy;
    p.stack = Stack(p.stack.layers(), {interface});
    return p;
  }

  /** Debonded length (µm, both sides of the crack) at a step. */
  double
  debonded_length(const RunParameters &p, const StepResult &s)
  {
    return 0.5 * p.mesh.segment_length * s.damage.delaminated_fraction[0];
  }
} // namespace


// Above the threshold the debond grows from the crack's root at the Paris
// rate of its J-integral, which settles within 10 % of G_d; with the
// threshold 1/0.9 above G_d it arrests: no growth over the last 9000 of
// 10^4 cycles. The J of a debond shorter than a few film thicknesses is
// above G_d (1.23 G_d at 0.25 um, 1.06 G_d at 2 um on this mesh), so the
// arrested debond may have grown that far: at most 3 film thicknesses on
// each side.
TEST(FatigueGrowthVerification, DebondGrowsOnlyAboveItsThreshold)
{
  const RunParameters below = [] {
    RunParameters p            = fatigue_debond(0.5);
    p.cycling.number_of_cycles = 20;
    return p;
  }();
  const RunResults  grows     = run_bending<2>(below, MPI_COMM_WORLD, false);
  const double      G_d       = debond_driving_force(below);
  const auto       &interface = below.stack.interface(0).fracture;
  const StepResult &last      = grows.steps.back();
  ASSERT_GT(debonded_length(below, last), 2.) << "the debond must grow";
  const double G_front = last.damage.debond_front_energy_release_rate[0];
  EXPECT_NEAR(G_front, G_d, 0.1 * G_d);
  // The rate over the last steps against the Paris law at the front's J.
  const StepResult &earlier = grows.steps[grows.steps.size() / 2];
  const double      rate =
    (debonded_length(below, last) - debonded_length(below, earlier)) /
    (2. * (last.cycle - earlier.cycle)); // two fronts
  const double paris_rate =
    interface.paris_coefficient *
    std::pow(G_front / interface.mode_I_energy, interface.paris_exponent);
  EXPECT_NEAR(rate, paris_rate, 0.2 * paris_rate)
    << "G_front " << G_front << ", G_d " << G_d;

  const RunParameters above = fatigue_debond(1. / 0.9);
  const RunResults    stays = run_bending<2>(above, MPI_COMM_WORLD, false);
  ASSERT_EQ(stays.steps.back().cycle, 10000u);
  double at_1000 = 0;
  for (const StepResult &s : stays.steps)
    if (s.cycle <= 1000)
      at_1000 = debonded_length(above, s);
  EXPECT_EQ(debonded_length(above, stays.steps.back()), at_1000);
  EXPECT_LE(at_1000, 2. * 3. * above.stack.layer(1).thickness);
}
