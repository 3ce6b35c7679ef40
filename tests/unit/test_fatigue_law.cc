// The cycle-based fatigue law of a cohesive face as a pure kernel.
#include <algorithm>
#include <bendsim/fatigue_law.h>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace bendsim;

namespace
{
  FatigueProperties
  properties(const double endurance_ratio = 0.3)
  {
    FatigueProperties p;
    p.rate_coefficient = 1e-3; // 1/cycle
    p.endurance_ratio  = endurance_ratio;
    return p;
  }

  /** dD/dN written out here, independently of the library. */
  double
  rate(const FatigueProperties &p, const double s, const double D)
  {
    const double lambda = s / (1. - D);
    return lambda > p.endurance_ratio ?
             p.rate_coefficient * lambda * (lambda - p.endurance_ratio) :
             0.;
  }

  /** Classical 4th-order Runge-Kutta over @p cycles, 20 steps per cycle. */
  double
  runge_kutta(const FatigueProperties &p,
              const double             s,
              double                   D,
              const double             cycles)
  {
    const unsigned int steps = static_cast<unsigned int>(20 * cycles);
    const double       h     = cycles / steps;
    for (unsigned int k = 0; k < steps; ++k)
      {
        const double k1 = rate(p, s, D);
        const double k2 = rate(p, s, D + 0.5 * h * k1);
        const double k3 = rate(p, s, D + 0.5 * h * k2);
        const double k4 = rate(p, s, D + h * k3);
        D += h / 6. * (k1 + 2. * k2 + 2. * k3 + k4);
      }
    return D;
  }

  struct Case
  {
    double endurance_ratio, stress_ratio, damage;
  };

  /** Loads below, near and above the endurance limit, c_e = 0 included. */
  const std::vector<Case> cases = {{0.3, 0.5, 0.},
                                   {0.3, 0.31, 0.},
                                   {0.3, 0.6, 0.2},
                                   {0.6, 0.5, 0.2},
                                   {0.6, 0.35, 0.45},
                                   {0., 0.4, 0.},
                                   {1e-8, 0.4, 0.05},
                                   {0.9, 0.6, 0.34}};
} // namespace

TEST(FatigueLaw, RateIsQuadraticInTheLoadRatio)
{
  for (const Case &c : cases)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      const double            s = c.stress_ratio;
      EXPECT_NEAR(fatigue_damage_rate(p, s, 0.),
                  p.rate_coefficient * s * std::max(0., s - c.endurance_ratio),
                  1e-15);
      EXPECT_NEAR(fatigue_damage_rate(p, s, c.damage),
                  rate(p, s, c.damage),
                  1e-15);
    }
  EXPECT_DOUBLE_EQ(degraded_strength_factor(0.25), 0.75);
}

TEST(FatigueLaw, NoGrowthAtOrBelowTheEnduranceLimit)
{
  const FatigueProperties p = properties(0.4);
  for (const double s : {0., 0.1, 0.3, 0.4})
    {
      EXPECT_EQ(fatigue_damage_rate(p, s, 0.), 0.);
      EXPECT_EQ(advance_fatigue_damage(p, s, 0., 1e12), 0.);
      EXPECT_TRUE(std::isinf(cycles_to_damage(p, s, 0., 0.1)));
      EXPECT_TRUE(std::isinf(cycles_to_onset(p, s, 0.)));
    }
  // The limit applies to lambda = s / (1 - D): s = 0.3 grows once D > 1/4.
  EXPECT_EQ(advance_fatigue_damage(p, 0.3, 0.25, 1e9), 0.25);
  EXPECT_GT(advance_fatigue_damage(p, 0.3, 0.26, 1.), 0.26);
  // A rate coefficient of 0 disables fatigue.
  FatigueProperties off = p;
  off.rate_coefficient  = 0;
  EXPECT_EQ(advance_fatigue_damage(off, 0.9, 0.1, 1e9), 0.1);
  EXPECT_TRUE(std::isinf(cycles_to_onset(off, 0.9, 0.)));
}

TEST(FatigueLaw, MatchesExplicitIntegrationCycleByCycle)
{
  for (const Case &c : cases)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      // Integrate to about half-way to onset, then a bit further.
      const double onset = cycles_to_onset(p, c.stress_ratio, c.damage);
      ASSERT_TRUE(std::isfinite(onset));
      for (const double fraction : {0.5, 0.99})
        {
          const double cycles = std::floor(fraction * onset) + 0.5;
          const double D_rk = runge_kutta(p, c.stress_ratio, c.damage, cycles);
          const double D =
            advance_fatigue_damage(p, c.stress_ratio, c.damage, cycles);
          EXPECT_NEAR(D, D_rk, 1e-6 * (D_rk - c.damage))
            << "c_e " << c.endurance_ratio << ", s " << c.stress_ratio;
          EXPECT_NEAR(cycles_to_damage(p, c.stress_ratio, c.damage, D_rk),
                      cycles,
                      1e-6 * cycles);
        }
    }
}

TEST(FatigueLaw, CycleJumpsCompose)
{
  for (const Case &c : cases)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      const double onset        = cycles_to_onset(p, c.stress_ratio, c.damage);
      for (const double f1 : {0.013, 0.4, 0.75})
        {
          const double n1 = f1 * onset, n2 = (1. - f1) * 0.7 * onset;
          const double twice = advance_fatigue_damage(
            p,
            c.stress_ratio,
            advance_fatigue_damage(p, c.stress_ratio, c.damage, n1),
            n2);
          EXPECT_NEAR(
            twice,
            advance_fatigue_damage(p, c.stress_ratio, c.damage, n1 + n2),
            1e-12);
        }
    }
}

TEST(FatigueLaw, CyclesToDamageAndAdvanceAreInverse)
{
  std::vector<Case> all = cases;
  all.push_back({0.5, 0.5 * (1. + 1e-6), 0.}); // barely above the limit
  for (const Case &c : all)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      for (const double D1 : {c.damage + 1e-9,
                              c.damage + 0.01,
                              0.5 * (1. + c.damage),
                              0.999,
                              1. - 1e-9})
        {
          const double n = cycles_to_damage(p, c.stress_ratio, c.damage, D1);
          ASSERT_TRUE(std::isfinite(n));
          const double D =
            advance_fatigue_damage(p, c.stress_ratio, c.damage, n);
          // Near D = 1 the rate is large and D(N) ill-conditioned: allow
          // the rounding of n, a few ulps, times the rate.
          EXPECT_NEAR(D, D1, 1e-12 + 1e-14 * n * rate(p, c.stress_ratio, D1));
          // Back to cycles: up to the rounding of D, 1e-16 / rate cycles.
          EXPECT_NEAR(cycles_to_damage(p, c.stress_ratio, c.damage, D),
                      n,
                      1e-10 * n + 1e-15 / rate(p, c.stress_ratio, D));
        }
    }
}

TEST(FatigueLaw, ZeroEnduranceRatioIsTheCubicLawAndTheLimitOfTheGeneralOne)
{
  const FatigueProperties p = properties(0.);
  const double            C = p.rate_coefficient;
  for (const double s : {0.05, 0.4, 0.9})
    for (const double D0 : {0., 0.3})
      {
        const double u0 = 1. - D0, u1 = 0.5 * u0;
        // dN = -u^2 du / (C s^2): N = (u0^3 - u1^3) / (3 C s^2).
        const double n = (u0 * u0 * u0 - u1 * u1 * u1) / (3. * C * s * s);
        EXPECT_NEAR(cycles_to_damage(p, s, D0, 1. - u1), n, 1e-13 * n);
        EXPECT_NEAR(advance_fatigue_damage(p, s, D0, n), 1. - u1, 1e-13);

        // c_e -> 0: dN/dc_e = (u0^4 - u1^4) / (4 C s^3) at c_e = 0. A
        // closed form that cancels would miss this by orders of magnitude.
        const double c_e  = 1e-8;
        const double n_ce = cycles_to_damage(properties(c_e), s, D0, 1. - u1);
        const double slope =
          (std::pow(u0, 4) - std::pow(u1, 4)) / (4. * C * s * s * s);
        EXPECT_NEAR(n_ce - n, c_e * slope, 1e-4 * c_e * slope);
      }
}

TEST(FatigueLaw, SmallIncrementsAndBranchesAreFreeOfCancellation)
{
  // For a tiny increment the cycles are increment / rate to first order.
  // Damages and increment are dyadic so that D + dD and 1 - D are exact.
  const double      increment = std::ldexp(1., -33); // ~1.2e-10
  std::vector<Case> dyadic    = {{0.3, 0.31, 0.},
                                 {0.3, 0.6, 0.25},
                                 {0.6, 0.5, 0.25},
                                 {0., 0.4, 0.},
                                 {1e-8, 0.4, 0.375},
                                 {0.9, 0.6, 0.375}};
  for (const Case &c : dyadic)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      const double            n = increment / rate(p, c.stress_ratio, c.damage);
      EXPECT_NEAR(
        cycles_for_damage_increment(p, c.stress_ratio, c.damage, increment),
        n,
        1e-8 * n);
    }
  // The series (c_e / lambda <= 1/2) and logarithm branches meet smoothly.
  const FatigueProperties p = properties(0.3);
  const double below        = cycles_to_damage(p, 0.6 * (1 - 1e-13), 0., 0.4);
  const double above        = cycles_to_damage(p, 0.6 * (1 + 1e-13), 0., 0.4);
  EXPECT_NEAR(below, above, 1e-11 * above);
}

TEST(FatigueLaw, OnsetLifeIsAnSNCurve)
{
  for (const Case &c : cases)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      const double            n = cycles_to_onset(p, c.stress_ratio, c.damage);
      const double D = advance_fatigue_damage(p, c.stress_ratio, c.damage, n);
      EXPECT_NEAR(c.stress_ratio / (1. - D), 1., 1e-9);

      FatigueProperties faster = p;
      faster.rate_coefficient *= 2;
      EXPECT_DOUBLE_EQ(cycles_to_onset(faster, c.stress_ratio, c.damage),
                       0.5 * n);
    }
  // Higher stress ratio, shorter life; none once lambda >= 1.
  const FatigueProperties p    = properties(0.3);
  double                  life = std::numeric_limits<double>::infinity();
  for (double s = 0.301; s < 1.; s += 0.01)
    {
      const double n = cycles_to_onset(p, s, 0.);
      EXPECT_LT(n, life) << "s " << s;
      life = n;
    }
  EXPECT_EQ(cycles_to_onset(p, 1., 0.), 0.);
  EXPECT_EQ(cycles_to_onset(p, 0.8, 0.2), 0.);
}

TEST(FatigueLaw, CycleJumpGivesExactlyTheDamageIncrement)
{
  for (const Case &c : cases)
    {
      const FatigueProperties p = properties(c.endurance_ratio);
      for (const double increment : {1e-6, 1e-3, 0.05})
        {
          const double n =
            cycles_for_damage_increment(p, c.stress_ratio, c.damage, increment);
          EXPECT_NEAR(advance_fatigue_damage(p, c.stress_ratio, c.damage, n),
                      c.damage + increment,
                      1e-13);
        }
    }
}

TEST(FatigueLaw, DamageIsCappedBelowOne)
{
  const FatigueProperties p = properties(0.3);
  EXPECT_EQ(advance_fatigue_damage(p, 0.5, 0., 1e30), max_fatigue_damage);
  const double to_cap = cycles_to_damage(p, 0.5, 0., 1.);
  EXPECT_TRUE(std::isfinite(to_cap));
  EXPECT_EQ(to_cap, cycles_to_damage(p, 0.5, 0., max_fatigue_damage));
  EXPECT_NEAR(advance_fatigue_damage(p, 0.5, 0., to_cap),
              max_fatigue_damage,
              1e-14);
}

TEST(FatigueLaw, RejectsArgumentsOutsideTheirRange)
{
  const FatigueProperties p = properties();
  EXPECT_THROW(fatigue_damage_rate(p, -0.1, 0.), std::domain_error);
  EXPECT_THROW(fatigue_damage_rate(p, 0.5, 1.), std::domain_error);
  EXPECT_THROW(advance_fatigue_damage(p, 0.5, 0., -1.), std::domain_error);
  EXPECT_THROW(cycles_for_damage_increment(p, 0.5, 0., -1e-3),
               std::domain_error);
  EXPECT_THROW(fatigue_damage_rate(properties(1.), 0.5, 0.), std::domain_error);
}


// The Paris law of crack growth: C_P (G/G_c)^m at and above the threshold,
// nothing below it, G capped at G_c.
TEST(CrackGrowth, ParisLawAboveTheThresholdOnly)
{
  CrackGrowthProperties p;
  p.paris_coefficient = 2.; // µm/cycle
  p.paris_exponent    = 4.;
  p.threshold_ratio   = 0.3;
  const double Gc     = 0.5; // J/m^2
  EXPECT_DOUBLE_EQ(crack_growth_rate(p, 0.25, Gc), 2. * std::pow(0.5, 4));
  EXPECT_DOUBLE_EQ(crack_growth_rate(p, 0.15, Gc), 2. * std::pow(0.3, 4));
  EXPECT_EQ(crack_growth_rate(p, 0.1499, Gc), 0.);
  EXPECT_EQ(crack_growth_rate(p, 0., Gc), 0.);
  EXPECT_EQ(crack_growth_rate(p, -1., Gc), 0.);
  EXPECT_DOUBLE_EQ(crack_growth_rate(p, 0.7, Gc), 2.);
  // A decade of rate is a factor 10^(1/m) of G.
  EXPECT_NEAR(crack_growth_rate(p, 0.4, Gc) /
                crack_growth_rate(p, 0.4 / std::pow(10., 0.25), Gc),
              10.,
              1e-12);
  p.paris_coefficient = 0;
  EXPECT_EQ(crack_growth_rate(p, 0.4, Gc), 0.);
  p.paris_coefficient = 1;
  EXPECT_THROW(crack_growth_rate(p, 0.4, 0.), std::domain_error);
  p.threshold_ratio = 1.5;
  EXPECT_THROW(crack_growth_rate(p, 0.4, Gc), std::domain_error);
}
