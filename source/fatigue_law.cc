// Cycle-based fatigue law of a cohesive face.
//
// Roe & Siegmund (2003, Eng. Fract. Mech. 70:209) let the cohesive strength
// sigma_max = sigma_0 (1 - D) of an irreversible cohesive law decay at the
// rate
//   dD/dt = |dDelta/dt| / delta_Sigma * (T / sigma_max - sigma_f / sigma_0),
// never negative: damage grows with the opening travelled, as long as the
// traction T exceeds the endurance traction sigma_f. With the intact branch
// T = (1 - D) K Delta of bendsim's bilinear law (K delta_0 = sigma_0),
// T / sigma_max = Delta / delta_0, and over a cycle whose peak opening is
// Delta_peak = lambda delta_0, with lambda = s / (1 - D) the peak load ratio
// to the degraded strength (s the peak onset-criterion ratio to the
// undamaged strength), bendsim takes the bracket at the cycle's peak over the
// opening travelled on loading, D frozen within the cycle:
//   dD/dN = (Delta_peak / delta_Sigma) (lambda - c_e)
//         = C lambda max(0, lambda - c_e),   C = delta_0 / delta_Sigma,
// c_e = sigma_f / sigma_0. (Integrating the bracket along the loading half
// instead of taking its peak gives (C/2) max(0, lambda - c_e)^2: the same
// endurance limit and the same lambda^2 growth at high load, a different
// approach to the limit. Roe and Siegmund used delta_Sigma = 4 delta_0, i.e.
// C = 0.25; here C is calibrated.)
//
// At a constant s the law integrates in closed form. With u = 1 - D,
// du = -dD and a = c_e / s,
//   dN = -u^2 du / (C s (s - c_e u)) = -u^2 du / (C s^2 (1 - a u)),
// so going from u0 down to u1 takes N = I(u0, u1) / (C s^2) cycles with
//   I(u0, u1) = int_{u1}^{u0} t^2 / (1 - a t) dt.
// Growth requires lambda > c_e, i.e. a u0 < 1; as u falls, a u falls too, so
// once started the growth never stops and the integrand stays finite.
#include <algorithm>
#include <bendsim/fatigue_law.h>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bendsim
{
  namespace
  {
    const double infinity = std::numeric_limits<double>::infinity();

    void
    check_arguments(const FatigueProperties &p,
                    const double             stress_ratio,
                    const double             damage)
    {
      if (!(p.rate_coefficient >= 0 && std::isfinite(p.rate_coefficient)))
        throw std::domain_error("fatigue law: rate coefficient must be >= 0");
      if (!(p.endurance_ratio >= 0 && p.endurance_ratio < 1))
        throw std::domain_error("fatigue law: endurance ratio not in [0, 1)");
      if (!(stress_ratio >= 0 && std::isfinite(stress_ratio)))
        throw std::domain_error("fatigue law: stress ratio must be >= 0");
      if (!(damage >= 0 && damage < 1))
        throw std::domain_error("fatigue law: damage not in [0, 1)");
    }

    /** True if the face's damage grows at all: C > 0 and lambda > c_e. */
    bool
    grows(const FatigueProperties &p, const double s, const double damage)
    {
      return p.rate_coefficient > 0 && s > p.endurance_ratio * (1. - damage);
    }

    /**
     * I(u0, u1) = int_{u1}^{u0} t^2 / (1 - a t) dt, a = c_e / s, for
     * 0 <= u1 <= u0 and c_e u0 < s, to a few ulps relative even for
     * u1 -> u0, a -> 0 or a u0 -> 1, where the antiderivative
     *   F(u) = -u^2/(2a) - u/a^2 - ln(1 - a u)/a^3
     * cancels catastrophically.
     */
    double
    integral(const double c_e, const double s, const double u0, const double u1)
    {
      const double a = c_e / s;
      const double w = u0 - u1;
      // d_m = u0^m - u1^m, each from the last by d_{m+1} = u0 d_m + u1^m w:
      // sums of positive terms only.
      double d = w * (u0 * u0 + u0 * u1 + u1 * u1);
      if (c_e == 0) // the u^3 law
        return d / 3.;
      if (a * u0 <= 0.5)
        {
          // Geometric series 1/(1 - a t) = sum_k (a t)^k, ratio <= 1/2:
          // I = sum_k a^k (u0^(k+3) - u1^(k+3)) / (k+3).
          double u1_power = u1 * u1 * u1, a_power = 1., sum = 0.;
          for (unsigned int k = 0; k < 200; ++k)
            {
              const double term = a_power * d / (k + 3.);
              sum += term;
              if (term <= 1e-17 * sum)
                break;
              d = u0 * d + u1_power * w;
              u1_power *= u1;
              a_power *= a;
            }
          return sum;
        }
      // F(u0) - F(u1) with ln((1 - a u1)/(1 - a u0)) = log1p(c_e w / (s -
      // c_e u0)); the fused s - c_e u0 keeps its digits as lambda -> c_e.
      // For a u0 > 1/2 the remaining cancellation costs at most a factor ~10.
      return (std::log1p(c_e * w / std::fma(-c_e, u0, s)) -
              a * w * (1. + 0.5 * a * (u0 + u1))) /
             (a * a * a);
    }
  } // namespace


  // Paris law in normalised form (e.g. Turon et al. 2007, Composites A
  // 38:2270; Harper & Hallett 2010, Int. J. Fatigue 32:1774): the rate
  // depends on G_max / G_c, and a threshold G_th below which a crack does not
  // grow at all, the fatigue threshold of subcritical and cyclic crack
  // growth.
  double
  crack_growth_rate(const CrackGrowthProperties &p,
                    const double                 energy_release_rate,
                    const double                 fracture_energy)
  {
    if (!(p.paris_coefficient >= 0 && std::isfinite(p.paris_coefficient)))
      throw std::domain_error("crack growth: Paris coefficient must be >= 0");
    if (!(p.paris_exponent > 0 && std::isfinite(p.paris_exponent)))
      throw std::domain_error("crack growth: Paris exponent must be > 0");
    if (!(p.threshold_ratio >= 0 && p.threshold_ratio <= 1))
      throw std::domain_error("crack growth: threshold ratio not in [0, 1]");
    if (!(fracture_energy > 0 && std::isfinite(fracture_energy)))
      throw std::domain_error("crack growth: fracture energy must be > 0");
    if (!std::isfinite(energy_release_rate))
      throw std::domain_error("crack growth: energy release rate not finite");
    const double ratio = std::min(energy_release_rate / fracture_energy, 1.);
    if (p.paris_coefficient == 0 || ratio <= 0 || ratio < p.threshold_ratio)
      return 0.;
    return p.paris_coefficient * std::pow(ratio, p.paris_exponent);
  }


  double
  degraded_strength_factor(const double damage)
  {
    return 1. - damage;
  }


  double
  fatigue_damage_rate(const FatigueProperties &p,
                      const double             stress_ratio,
                      const double             damage)
  {
    check_arguments(p, stress_ratio, damage);
    const double lambda = stress_ratio / (1. - damage);
    return p.rate_coefficient * lambda *
           std::max(0., lambda - p.endurance_ratio);
  }


  double
  cycles_to_damage(const FatigueProperties &p,
                   const double             stress_ratio,
                   const double             damage_from,
                   double                   damage_to)
  {
    check_arguments(p, stress_ratio, damage_from);
    damage_to = std::min(damage_to, max_fatigue_damage);
    if (damage_to <= damage_from)
      return 0.;
    if (!grows(p, stress_ratio, damage_from))
      return infinity;
    const double s = stress_ratio;
    return integral(p.endurance_ratio, s, 1. - damage_from, 1. - damage_to) /
           (p.rate_coefficient * s * s);
  }


  double
  advance_fatigue_damage(const FatigueProperties &p,
                         const double             stress_ratio,
                         const double             damage,
                         const double             cycles)
  {
    check_arguments(p, stress_ratio, damage);
    if (!(cycles >= 0))
      throw std::domain_error("fatigue law: negative number of cycles");
    if (cycles == 0 || damage >= max_fatigue_damage ||
        !grows(p, stress_ratio, damage))
      return damage;

    const double s      = stress_ratio;
    const double a      = p.endurance_ratio / s;
    const double u0     = 1. - damage;
    const double u_min  = 1. - max_fatigue_damage;
    const double target = cycles * p.rate_coefficient * s * s; // = I(u0, u)
    if (!(integral(p.endurance_ratio, s, u0, u_min) > target))
      return max_fatigue_damage;

    // Solve g(q) = I(u0, q^(1/3)) - target = 0 for q = u^3, in which
    // |g'(q)| = 1/(3 (1 - a u)) >= 1/3 (in u itself g' = -u^2/(1 - a u)
    // vanishes at u = 0 and Newton would crawl towards a small root). g is
    // concave in q, so Newton from q = u0^3, where g = -target < 0, decreases
    // monotonically onto the root; the bracket and bisection only guard against
    // rounding.
    double q_low = u_min * u_min * u_min, q_high = u0 * u0 * u0;
    double q = q_high, u = u0;
    for (unsigned int it = 0; it < 100; ++it)
      {
        const double g = integral(p.endurance_ratio, s, u0, u) - target;
        (g < 0 ? q_high : q_low) = q;
        double q_new             = q + 3. * g * (1. - a * u);
        if (g == 0 || q_new == q)
          break;
        if (!(q_new > q_low && q_new < q_high))
          q_new = 0.5 * (q_low + q_high);
        const double u_new = std::cbrt(q_new);
        const bool   done  = std::abs(u_new - u) <= 1e-15;
        q                  = q_new;
        u                  = u_new;
        if (done)
          break;
      }
    return std::min(1. - u, max_fatigue_damage);
  }


  double
  cycles_to_onset(const FatigueProperties &p,
                  const double             stress_ratio,
                  const double             damage)
  {
    check_arguments(p, stress_ratio, damage);
    if (stress_ratio >= 1. - damage) // lambda >= 1
      return 0.;
    if (1. - stress_ratio > max_fatigue_damage)
      return infinity;
    return cycles_to_damage(p, stress_ratio, damage, 1. - stress_ratio);
  }


  double
  cycles_for_damage_increment(const FatigueProperties &p,
                              const double             stress_ratio,
                              const double             damage,
                              const double             increment)
  {
    if (!(increment >= 0))
      throw std::domain_error("fatigue law: negative damage increment");
    return cycles_to_damage(p, stress_ratio, damage, damage + increment);
  }
} // namespace bendsim
