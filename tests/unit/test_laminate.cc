// Classical laminate theory kernel against hand calculations.
#include <bendsim/laminate.h>
#include <gtest/gtest.h>

using namespace bendsim::laminate;

TEST(Laminate, HomogeneousStackBendsAboutItsMidPlane)
{
  // Three plies of the same modulus act as one 10 µm beam.
  const std::vector<Ply> plies = {{2., 4000.}, {5., 4000.}, {3., 4000.}};
  EXPECT_NEAR(neutral_axis_height(plies), 5., 1e-12);
  EXPECT_NEAR(axial_strain(10., 5., 1e-3), 5e-3, 1e-15);
  EXPECT_NEAR(axial_strain(0., 5., -1e-3), 5e-3, 1e-15);
}

TEST(Laminate, BilayerNeutralAxisByHand)
{
  // 10 µm of E = 1 under 2 µm of E = 10: (10*5 + 20*11) / (10 + 20) = 9.
  const std::vector<Ply> plies = {{10., 1.}, {2., 10.}};
  EXPECT_NEAR(neutral_axis_height(plies), 9., 1e-12);
}

TEST(Laminate, SuoFormulaLimits)
{
  // Equal moduli: the top strain is half the total thickness over R.
  EXPECT_NEAR(suo_film_on_foil_top_strain(1., 9., 3., 3., 1000.), 5e-3, 1e-15);
  // Vanishing film: the foil's surface strain d_s / 2R.
  EXPECT_NEAR(suo_film_on_foil_top_strain(1e-9, 125., 2300., 4500., 7500.),
              125. / 15000.,
              1e-9);
}

TEST(Laminate, SuoFormulaEqualsLaminateTheoryForABilayer)
{
  // Suo's formula is laminate theory of two plies: the top strain about the
  // modulus-weighted centroid must agree for any stiffness contrast.
  for (const double chi : {0.05, 1., 25.8, 300.})
    {
      const double d_f = 0.5, d_s = 10., radius = 1000., foil_modulus = 4500.;
      const std::vector<Ply> plies = {{d_s, foil_modulus},
                                      {d_f, chi * foil_modulus}};
      const double           y_n   = neutral_axis_height(plies);
      EXPECT_NEAR(axial_strain(d_s + d_f, y_n, 1. / radius),
                  suo_film_on_foil_top_strain(
                    d_f, d_s, chi * foil_modulus, foil_modulus, radius),
                  1e-12)
        << "chi = " << chi;
    }
}

TEST(Laminate, EmptyStackIsRejected)
{
  EXPECT_THROW(neutral_axis_height({}), std::invalid_argument);
}

TEST(Laminate, EigenstrainConversionsByHand)
{
  // A film 100 K above room temperature, alpha 5e-5 on a substrate of 2e-5:
  // it shrinks 3e-3 more than the substrate on cooling.
  EXPECT_NEAR(thermal_misfit_eigenstrain(5e-5, 2e-5, 100.), -3e-3, 1e-15);
  // The substrate itself is the reference: no eigenstrain.
  EXPECT_EQ(thermal_misfit_eigenstrain(2e-5, 2e-5, 100.), 0.);
  // Restrained on a rigid substrate: sigma = -E/(1 - nu) e, tensile here.
  EXPECT_NEAR(restrained_film_stress(-3e-3, 7000., 0.3), 30., 1e-12);
  // A stated residual stress and its eigenstrain are inverse to each other.
  EXPECT_NEAR(residual_stress_eigenstrain(30., 7000., 0.3), -3e-3, 1e-15);
  EXPECT_NEAR(restrained_film_stress(
                residual_stress_eigenstrain(-45., 1.1e5, 0.35), 1.1e5, 0.35),
              -45.,
              1e-12);
}

TEST(Laminate, FreeLaminateCurvatureEqualsTimoshenkoForABilayer)
{
  // Timoshenko's closed form is laminate theory of two plies, for any
  // thickness and stiffness ratio. Axial misfit: the film's axial eigenstrain
  // -s_f / E_f, the substrate's zero.
  for (const double thickness_ratio : {1e-3, 0.01, 0.3, 1., 4.})
    for (const double modulus_ratio : {0.05, 1., 25.})
      {
        const double h_s = 100., e_s = 5000., misfit = 2e-3;
        const double h_f = thickness_ratio * h_s, e_f = modulus_ratio * e_s;
        const std::vector<Ply> plies = {{h_s, e_s, 0.},
                                        {h_f, e_f, -e_f * misfit}};
        const double           exact =
          bilayer_misfit_curvature(h_s, e_s, h_f, e_f, misfit);
        EXPECT_NEAR(free_laminate_curvature(plies), exact, 1e-12 * exact)
          << "h_f/h_s = " << thickness_ratio << ", E_f/E_s = " << modulus_ratio;
        // A longer film makes the film side convex.
        EXPECT_GT(exact, 0.);
      }
}

TEST(Laminate, FreeLaminateCurvatureByHand)
{
  // Equal plies of thickness h (Timoshenko's m = n = 1): the misfit of the
  // top one bends the pair to 6 misfit 2^2 / (2 h (12 + 2 * 2)) =
  // 3 misfit / (4 h).
  const double h = 10., misfit = 1e-3;
  EXPECT_NEAR(bilayer_misfit_curvature(h, 3000., h, 3000., misfit),
              0.75 * misfit / h,
              1e-15);
  // A uniform eigenstrain or a symmetric stack stays flat.
  EXPECT_NEAR(free_laminate_curvature({{10., 3000., -5.}, {3., 3000., -5.}}),
              0.,
              1e-15);
  EXPECT_NEAR(free_laminate_curvature(
                {{1., 9000., 20.}, {10., 3000., 0.}, {1., 9000., 20.}}),
              0.,
              1e-15);
}

TEST(Laminate, HeldFlatLaminateCarriesNoNetForce)
{
  // 1 µm at -30 MPa restrained on 10 µm: eps_0 = 30 / (1 * 9000 + 10 * 3000).
  const std::vector<Ply> plies  = {{10., 3000., 0.}, {1., 9000., -30.}};
  const double           strain = held_flat_axial_strain(plies);
  EXPECT_NEAR(strain, 30. / 39000., 1e-15);
  EXPECT_NEAR(10. * (3000. * strain) + 1. * (9000. * strain - 30.), 0., 1e-12);
}

TEST(Laminate, StoneyIsTheThinFilmLimitOfTimoshenko)
{
  // A film of residual stress sigma_f on a substrate of axial modulus E_s:
  // Stoney's curvature is the leading term; to first order in h_f/h_s it
  // overestimates the exact one by (4 E_f/E_s - 1) h_f/h_s.
  const double h_s = 100., e_s = 5000., e_f = 2000., film_stress = 10.;
  for (const double h_f : {1., 0.1, 0.01})
    {
      const double exact =
        bilayer_misfit_curvature(h_s, e_s, h_f, e_f, -film_stress / e_f);
      const double stoney = stoney_curvature(film_stress, h_f, h_s, e_s);
      const double ratio  = h_f / h_s;
      EXPECT_NEAR((stoney / exact - 1.) / ratio,
                  4. * e_f / e_s - 1.,
                  0.05 * std::abs(4. * e_f / e_s - 1.))
        << "h_f = " << h_f;
    }
  // Tensile film stress: the film side concave.
  EXPECT_LT(stoney_curvature(10., 1., 100., 5000.), 0.);
}
