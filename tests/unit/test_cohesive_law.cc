// The mixed-mode bilinear traction-separation law as a pure kernel.
#include <bendsim/cohesive_law.h>
#include <cmath>
#include <gtest/gtest.h>

using namespace bendsim;
using dealii::Tensor;

namespace
{
  CohesiveProperties
  properties()
  {
    CohesiveProperties p;
    p.normal_strength   = 50.; // MPa
    p.shear_strength    = 80.; // MPa
    p.mode_I_energy     = 0.4; // J/m^2 = MPa µm
    p.mode_II_energy    = 1.2;
    p.bk_exponent       = 2.28;
    p.penalty_stiffness = 1e5; // MPa/µm
    p.contact_stiffness = 1e5;
    return p;
  }

  Tensor<1, 3>
  opening(const double n, const double s1, const double s2 = 0.)
  {
    Tensor<1, 3> d;
    d[0] = n;
    d[1] = s1;
    d[2] = s2;
    return d;
  }

  /**
   * Work of the traction along the straight path 0 -> @p end in @p steps
   * increments (midpoint rule, updating the history as the law goes).
   */
  double
  work_to(const Tensor<1, 3> &end, const unsigned int steps = 20000)
  {
    const CohesiveProperties p = properties();
    CohesiveState            state;
    double                   work = 0;
    for (unsigned int k = 0; k < steps; ++k)
      {
        const Tensor<1, 3> mid = (k + 0.5) / steps * end;
        const auto         r   = evaluate_cohesive_law<3>(p, mid, state);
        work += r.traction * end / steps;
        state =
          evaluate_cohesive_law<3>(p, (k + 1.) / steps * end, state).state;
      }
    return work;
  }

  /** Opening well beyond full separation in direction (cos t, sin t). */
  Tensor<1, 3>
  far_opening(const double angle)
  {
    return opening(std::cos(angle), std::sin(angle)) * 1e-3 * 200.;
  }
} // namespace

TEST(CohesiveLaw, TangentEqualsFiniteDifferences)
{
  const CohesiveProperties p = properties();
  CohesiveState            damaged;
  damaged.damage = damaged.viscous_damage                         = 0.3;
  const std::vector<std::pair<Tensor<1, 3>, CohesiveState>> cases = {
    {opening(4e-4, 0.), CohesiveState()},           // elastic, mode I
    {opening(9e-4, 0.), CohesiveState()},           // softening, mode I
    {opening(1e-5, 1.5e-3, 4e-4), CohesiveState()}, // softening, ~mode II
    {opening(6e-4, 7e-4, -3e-4), CohesiveState()},  // softening, mixed
    {opening(-2e-4, 1.4e-3), CohesiveState()},      // shear under contact
    {opening(3e-4, 2e-4), damaged},                 // unloading, damaged
    {opening(1.2e-3, 9e-4, 2e-4), damaged}};        // softening beyond it
  for (const auto &[delta, state] : cases)
    {
      const auto   r = evaluate_cohesive_law<3>(p, delta, state);
      const double h = 1e-9;
      for (unsigned int j = 0; j < 3; ++j)
        {
          Tensor<1, 3> plus = delta, minus = delta;
          plus[j] += h;
          minus[j] -= h;
          const Tensor<1, 3> fd =
            (evaluate_cohesive_law<3>(p, plus, state).traction -
             evaluate_cohesive_law<3>(p, minus, state).traction) /
            (2. * h);
          for (unsigned int i = 0; i < 3; ++i)
            EXPECT_NEAR(r.tangent[i][j], fd[i], 1e-5 * p.penalty_stiffness)
              << "opening " << delta << ", entry " << i << j;
        }
    }
}

TEST(CohesiveLaw, PureModeOnsetAtTheStrengths)
{
  const CohesiveProperties p  = properties();
  const double             n0 = p.normal_strength / p.penalty_stiffness;
  const double             s0 = p.shear_strength / p.penalty_stiffness;
  auto                     r = evaluate_cohesive_law<3>(p, opening(n0, 0.), {});
  EXPECT_NEAR(r.traction[0], p.normal_strength, 1e-9);
  EXPECT_DOUBLE_EQ(r.state.damage, 0.);
  r = evaluate_cohesive_law<3>(p, opening(0., s0), {});
  EXPECT_NEAR(r.traction[1], p.shear_strength, 1e-9);
  EXPECT_GT(
    evaluate_cohesive_law<3>(p, opening(1.01 * n0, 0.), {}).state.damage, 0.);
}

TEST(CohesiveLaw, MixedModeOnsetMeetsTheQuadraticCriterion)
{
  const CohesiveProperties p = properties();
  // Largest traction along a proportional path at 40 degrees.
  const Tensor<1, 3> direction = opening(std::cos(0.7), std::sin(0.7));
  double             peak      = 0;
  Tensor<1, 3>       peak_traction;
  CohesiveState      state;
  for (unsigned int k = 1; k < 20000; ++k)
    {
      const auto r = evaluate_cohesive_law<3>(p, k * 1e-7 * direction, state);
      state        = r.state;
      if (r.traction.norm() > peak)
        {
          peak          = r.traction.norm();
          peak_traction = r.traction;
        }
    }
  EXPECT_NEAR(onset_criterion<3>(p, peak_traction), 1., 1e-3);
}

TEST(CohesiveLaw, DissipatesModeIEnergy)
{
  EXPECT_NEAR(work_to(far_opening(0.)),
              properties().mode_I_energy,
              1e-4 * properties().mode_I_energy);
}

TEST(CohesiveLaw, DissipatesModeIIEnergy)
{
  EXPECT_NEAR(work_to(far_opening(M_PI / 2)),
              properties().mode_II_energy,
              1e-4 * properties().mode_II_energy);
}

TEST(CohesiveLaw, DissipatesBenzeggaghKenaneEnergyInMixedMode)
{
  const CohesiveProperties p = properties();
  for (const double angle : {0.3, 0.785, 1.2})
    {
      const double B = std::pow(std::sin(angle), 2); // G_shear / G_total
      const double expected =
        p.mode_I_energy +
        (p.mode_II_energy - p.mode_I_energy) * std::pow(B, p.bk_exponent);
      EXPECT_NEAR(work_to(far_opening(angle)), expected, 1e-4 * expected)
        << "angle " << angle;
    }
}

TEST(CohesiveLaw, UnloadsAlongTheDamagedSecantToTheOrigin)
{
  const CohesiveProperties p      = properties();
  const Tensor<1, 3>       peak   = opening(1.2e-3, 3e-4);
  const auto               loaded = evaluate_cohesive_law<3>(p, peak, {});
  ASSERT_GT(loaded.state.damage, 0.1);
  ASSERT_LT(loaded.state.damage, 0.9);
  const double secant = (1. - loaded.state.damage) * p.penalty_stiffness;
  for (const double f : {0.75, 0.5, 0.25, 0.})
    {
      const auto r = evaluate_cohesive_law<3>(p, f * peak, loaded.state);
      EXPECT_DOUBLE_EQ(r.state.damage, loaded.state.damage);
      for (unsigned int i = 0; i < 3; ++i)
        EXPECT_NEAR(r.traction[i], secant * f * peak[i], 1e-9);
    }
  // Reloading follows the same secant until the old opening is reached.
  const auto reloaded = evaluate_cohesive_law<3>(p, 0.9 * peak, loaded.state);
  EXPECT_NEAR(reloaded.traction[0], secant * 0.9 * peak[0], 1e-9);
}

TEST(CohesiveLaw, PenetrationIsResistedWithoutDamage)
{
  const CohesiveProperties p = properties();
  const auto r = evaluate_cohesive_law<3>(p, opening(-1e-2, 0.), {});
  EXPECT_DOUBLE_EQ(r.state.damage, 0.);
  EXPECT_NEAR(r.traction[0], -1e-2 * p.contact_stiffness, 1e-9);
  // Even a fully failed face does not interpenetrate.
  CohesiveState failed;
  failed.damage = failed.viscous_damage = 1.;
  EXPECT_NEAR(
    evaluate_cohesive_law<3>(p, opening(-1e-3, 0.), failed).traction[0],
    -1e-3 * p.contact_stiffness,
    1e-9);
  EXPECT_NEAR(
    evaluate_cohesive_law<3>(p, opening(1e-3, 0.), failed).traction[0],
    1e-3 * p.residual_stiffness * p.penalty_stiffness,
    1e-12);
}

TEST(CohesiveLaw, ViscosityDelaysDamage)
{
  const CohesiveProperties p     = properties();
  const Tensor<1, 3>       delta = opening(1.5e-3, 0.);
  const auto rate_independent    = evaluate_cohesive_law<3>(p, delta, {});
  const auto viscous             = evaluate_cohesive_law<3>(p, delta, {}, 3.);
  EXPECT_DOUBLE_EQ(viscous.state.damage, rate_independent.state.damage);
  EXPECT_NEAR(viscous.state.viscous_damage,
              rate_independent.state.damage / 4.,
              1e-12);
  EXPECT_GT(viscous.traction[0], rate_independent.traction[0]);
}


// The dissipated fraction the law records is the work done along a
// monotonic path minus the elastic energy the secant would give back, over
// G_c: at a point loaded to an opening and unloaded, D = (W - t delta / 2) /
// G_c, measured here by integrating the traction.
TEST(CohesiveLaw, DissipatedFractionIsTheDissipatedEnergyOverGc)
{
  const CohesiveProperties p     = properties();
  const double             onset = p.normal_strength / p.penalty_stiffness;
  const double final_opening     = 2. * p.mode_I_energy / p.normal_strength;
  for (const double fraction : {0.1, 0.5, 0.9})
    {
      const Tensor<1, 3> end =
        opening(onset + fraction * (final_opening - onset), 0.);
      CohesiveState state;
      double        work = 0;
      for (unsigned int k = 0; k < 20000; ++k)
        {
          work += evaluate_cohesive_law<3>(p, (k + 0.5) / 20000 * end, state)
                    .traction *
                  end / 20000;
          state =
            evaluate_cohesive_law<3>(p, (k + 1.) / 20000 * end, state).state;
        }
      const double stored =
        0.5 * evaluate_cohesive_law<3>(p, end, state).traction * end;
      EXPECT_NEAR(state.dissipated_fraction,
                  (work - stored) / p.mode_I_energy,
                  1e-4)
        << "fraction " << fraction;
      EXPECT_NEAR(dissipated_energy_fraction(state.damage,
                                             onset,
                                             final_opening),
                  state.dissipated_fraction,
                  1e-12);
    }
}


// A face counts as separated once its points have dissipated 95 % of G_c;
// there the law must carry at most 5 % of the strength, in any mode mix.
TEST(CohesiveLaw, SeparatedPointCarriesAtMostFivePercentOfItsStrength)
{
  const CohesiveProperties p = properties();
  for (const double angle : {0., 0.6, 1.2, M_PI / 2})
    {
      // Open proportionally until the dissipated fraction reaches 0.95.
      CohesiveState state;
      Tensor<1, 3>  end;
      for (unsigned int k = 1; k < 200000; ++k)
        {
          end   = opening(std::cos(angle), std::sin(angle)) * (k * 1e-5);
          state = evaluate_cohesive_law<3>(p, end, state).state;
          if (state.dissipated_fraction >= 0.95)
            break;
        }
      ASSERT_GE(state.dissipated_fraction, 0.95) << "angle " << angle;
      const Tensor<1, 3> t = evaluate_cohesive_law<3>(p, end, state).traction;
      const double       strength =
        std::sqrt(std::pow(std::cos(angle) * p.normal_strength, 2) +
                  std::pow(std::sin(angle) * p.shear_strength, 2));
      EXPECT_LE(t.norm(), 0.05 * 1.001 * strength) << "angle " << angle;
    }
}
