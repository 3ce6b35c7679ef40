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
