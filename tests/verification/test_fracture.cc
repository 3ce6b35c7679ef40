// Verification of the cohesive-crack model in whole finite-element runs
// (ctest runs this on 2 MPI ranks).
#include <bendsim/laminate.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

namespace
{
  using namespace bendsim;

  const std::string cases = std::string(BENDSIM_SOURCE_DIR) + "/parameters/";

  /**
   * Z = G_ss Ebar_f / (sigma^2 h) of the crack in the top layer, with sigma
   * the intact film's stress at its mid-height.
   */
  double
  channel_crack_z(const RunParameters &p, const RunResults &r)
  {
    const unsigned int film = p.stack.n_layers() - 1;
    const Layer       &f    = p.stack.layer(film);
    EXPECT_EQ(r.steps.back().damage.cracks[film], 1u);
    const double strain =
      laminate::axial_strain(0.5 * (f.bottom + f.top),
                             p.stack.laminate_neutral_axis_height(),
                             p.bending.curvature());
    const double modulus = f.material.plane_strain_modulus();
    return r.steps.back().damage.channel_energy_release_rate[film] /
           (modulus * strain * strain * f.thickness);
  }
} // namespace


// Hutchinson and Suo (1992): a channel crack in a film without elastic
// mismatch releases G_ss = 1.976 sigma^2 h / Ebar. The crack-tip singularity
// makes the finite-element value converge from below (-4 % on this mesh).
TEST(FractureVerification, ChannelCrackWithoutMismatch)
{
  const RunParameters p =
    RunParameters::read(cases + "verification/channel_crack.prm");
  const RunResults r = run_bending<2>(p, MPI_COMM_WORLD, false);
  EXPECT_NEAR(channel_crack_z(p, r), 1.976, 0.1 * 1.976);
}

// Beuth (1992): a film three times stiffer than its substrate (alpha = 0.5,
// beta = 0.125) has Z = 3.22.
TEST(FractureVerification, ChannelCrackStiffFilmAgainstBeuth1992)
{
  const RunParameters p =
    RunParameters::read(cases + "verification/channel_crack_stiff.prm");
  const RunResults r = run_bending<2>(p, MPI_COMM_WORLD, false);
  EXPECT_NEAR(channel_crack_z(p, r), 3.22, 0.1 * 3.22);
}

// The shipped devices' bottom electrode, ITO on PET (alpha = 0.92): Z = 10.2
// (Beuth's g(alpha, beta) for this pair, physics references section 3.3).
TEST(FractureVerification, ChannelCrackInItoOnPetAgainstBeuth1992)
{
  const RunParameters p =
    RunParameters::read(cases + "verification/channel_crack_ito_pet.prm");
  const RunResults r = run_bending<2>(p, MPI_COMM_WORLD, false);
  EXPECT_NEAR(channel_crack_z(p, r), 10.2, 0.05 * 10.2);
}

// Intact faces are coupled by the consistent interior penalty, not by a
// cohesive stiffness: switching fracture on must not change the elastic
// solution before any face reaches its strength.
TEST(FractureVerification, IntactFacesAddNoCompliance)
{
  RunParameters elastic =
    RunParameters::read(cases + "verification/thin_film_device_coarse.prm");
  elastic.bending.bending_radius = 30.; // below every strength
  RunParameters cohesive         = elastic;
  cohesive.fracture.enabled      = true;
  const StepResult a =
    run_bending<2>(elastic, MPI_COMM_WORLD, false).steps.back();
  const StepResult b =
    run_bending<2>(cohesive, MPI_COMM_WORLD, false).steps.back();
  EXPECT_EQ(b.damage.damaged_faces, 0u);
  for (unsigned int k = 0; k < a.layers.size(); ++k)
    {
      EXPECT_NEAR(b.layers[k].top_axial_strain,
                  a.layers[k].top_axial_strain,
                  5e-3 * std::abs(a.layers[k].top_axial_strain));
      EXPECT_NEAR(b.layers[k].bottom_axial_strain,
                  a.layers[k].bottom_axial_strain,
                  5e-3 * std::abs(a.layers[k].bottom_axial_strain));
    }
}

// A CsPbI2Br film on PET bent ever tighter: no crack through the film below
// the energy bound of a plane-strain crack through its depth,
// eps = sqrt(G_Ic / (2 Z Ebar h)) (Z = 1.51, Beuth 1992; 2Z the edge-crack
// value), and never fewer cracks at a smaller radius.
TEST(FractureVerification, CrackDensityGrowsAsTheRadiusShrinks)
{
  const RunParameters p =
    RunParameters::read(cases + "verification/film_cracking.prm");
  const RunResults   r     = run_bending<2>(p, MPI_COMM_WORLD, false);
  const unsigned int film  = 1;
  const Layer       &layer = p.stack.layer(film);
  const double       onset = std::sqrt(
    layer.material.fracture.mode_I_energy /
    (2. * 1.51 * layer.material.plane_strain_modulus() * layer.thickness));

  unsigned int previous = 0;
  for (const StepResult &step : r.steps)
    {
      EXPECT_GE(step.damage.cracks[film], previous) << "step " << step.step;
      previous = step.damage.cracks[film];
    }
  EXPECT_GT(r.steps.back().damage.cracks[film], 0u);
  ASSERT_TRUE(r.first_crack[film].cracked);
  EXPECT_GT(r.first_crack[film].top_strain, onset);
  EXPECT_EQ(r.steps.back().damage.cracks[0], 0u); // PET does not crack
}


// Mode I delamination of a double cantilever beam (parameters/verification/
// dcb.prm, opened to 14 um here) against beam theory with the root-rotation
// correction a + chi h (Williams 1989) and linear elastic fracture
// mechanics: elastic compliance delta/P = 2 (a0 + chi h)^3 / (3 E' I), peak
// force P_c = sqrt(G_Ic E' I) / (a0 + chi h), and on the softening branch
// P(delta) = sqrt(G_Ic E' I) / (a + chi h) with
// a + chi h = sqrt(3 delta sqrt(E' I / G_Ic) / 2).
TEST(FractureVerification, DoubleCantileverBeamAgainstBeamTheory)
{
  RunParameters p = RunParameters::read(cases + "verification/dcb.prm");
  p.loading.opening_displacement = 14.;
  p.bending.load_steps           = 28;
  const RunResults r             = run_bending<2>(p, MPI_COMM_WORLD, false);

  const Material &arm          = p.stack.layer(0).material;
  const double    h            = p.stack.layer(0).thickness;
  const double    EI           = arm.plane_strain_modulus() * h * h * h / 12.;
  const double    G            = p.stack.interface(0).fracture.mode_I_energy;
  const double    a0           = p.loading.initial_crack_length + 0.686 * h;
  const double    peak_force   = std::sqrt(G * EI) / a0;
  const double    peak_opening = 2. * peak_force * a0 * a0 * a0 / (3. * EI);
  const auto      lefm_force   = [&](const double delta) {
    return std::sqrt(G * EI) / std::sqrt(1.5 * delta * std::sqrt(EI / G));
  };

  double largest_force = 0;
  for (const StepResult &s : r.steps)
    {
      const double delta = s.load_point_opening;
      const double force = s.load_point_force;
      largest_force      = std::max(largest_force, force);
      if (delta < 0.5 * peak_opening) // elastic, before any face softens
        {
          EXPECT_NEAR(force,
                      3. * EI * delta / (2. * a0 * a0 * a0),
                      0.02 * force)
            << "opening " << delta;
        }
      else if (delta > 1.2 * peak_opening) // crack growing
        {
          EXPECT_NEAR(force, lefm_force(delta), 0.05 * lefm_force(delta))
            << "opening " << delta;
        }
    }
  EXPECT_NEAR(largest_force, peak_force, 0.05 * peak_force);
  EXPECT_NEAR(r.steps.back().load_point_opening, 14., 1e-9);
}
