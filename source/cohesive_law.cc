#include <algorithm>
#include <bendsim/cohesive_law.h>
#include <cmath>
#include <stdexcept>

namespace bendsim
{
  using dealii::Tensor;

  double
  bk_fracture_energy(const CohesiveProperties &p, const double mode_mixity)
  {
    return p.mode_I_energy + (p.mode_II_energy - p.mode_I_energy) *
                               std::pow(mode_mixity, p.bk_exponent);
  }


  double
  dissipated_energy_fraction(const double damage,
                             const double onset_opening,
                             const double final_opening)
  {
    if (damage <= 0)
      return 0.;
    if (damage >= 1)
      return 1.;
    return damage * onset_opening /
           ((1. - damage) * final_opening + damage * onset_opening);
  }


  template <int dim>
  double
  onset_criterion(const CohesiveProperties &p, const Tensor<1, dim> &traction)
  {
    const double normal = std::max(traction[0], 0.) / p.normal_strength;
    double       shear2 = 0;
    for (unsigned int i = 1; i < dim; ++i)
      shear2 += traction[i] * traction[i];
    return normal * normal + shear2 / (p.shear_strength * p.shear_strength);
  }


  template <int dim>
  CohesiveResponse<dim>
  evaluate_cohesive_law(const CohesiveProperties &p,
                        const Tensor<1, dim>     &opening,
                        const CohesiveState      &old_state,
                        const double              viscosity_ratio)
  {
    const double K = p.penalty_stiffness;
    // Zero normal opening counts as open: a fully failed face that has not
    // moved yet (a pre-crack at the first iterate) gets the tangent of an
    // open crack, not the contact stiffness; otherwise Newton's first step
    // from rest sees the pre-crack glued shut.
    const bool   opening_normally = opening[0] >= 0;
    const double a                = opening_normally ? opening[0] : 0.;
    double       s2               = 0;
    for (unsigned int i = 1; i < dim; ++i)
      s2 += opening[i] * opening[i];
    const double lambda2 = a * a + s2;
    const double lambda  = std::sqrt(lambda2);

    // Damage from the current effective opening lambda and mixity B; its
    // gradient d(damage)/d(opening) for the consistent tangent.
    double         trial_damage     = 0;
    double         trial_dissipated = 0;
    Tensor<1, dim> damage_gradient;
    if (lambda > 0)
      {
        const double B  = s2 / lambda2;
        const double n0 = p.normal_strength / K; // pure-mode onset openings
        const double s0 = p.shear_strength / K;
        // Quadratic criterion on a proportional path: onset opening
        // Delta_0 = [(1-B)/n0^2 + B/s0^2]^(-1/2).
        const double P       = (1. - B) / (n0 * n0) + B / (s0 * s0);
        const double delta_0 = 1. / std::sqrt(P);
        // B-K: K Delta_0 Delta_f / 2 = G_c(B).
        const double Gc      = bk_fracture_energy(p, B);
        const double delta_f = 2. * Gc / (K * delta_0);
        if (delta_f <= delta_0)
          throw std::domain_error(
            "cohesive law: penalty stiffness too small for the strength and "
            "fracture energy (needs K > strength^2 / (2 G_c))");

        if (lambda >= delta_f)
          trial_damage = trial_dissipated = 1;
        else if (lambda > delta_0)
          {
            trial_damage =
              delta_f * (lambda - delta_0) / (lambda * (delta_f - delta_0));
            trial_dissipated = (lambda - delta_0) / (delta_f - delta_0);

            // Partial derivatives of d(lambda, Delta_0, Delta_f).
            const double span  = delta_f - delta_0;
            const double d_lam = delta_f * delta_0 / (lambda2 * span);
            const double d_d0 =
              delta_f * (lambda - delta_f) / (lambda * span * span);
            const double d_df =
              -(lambda - delta_0) * delta_0 / (lambda * span * span);
            // Dependence of Delta_0, Delta_f on the mixity B.
            const double dd0_dB =
              -0.5 * std::pow(P, -1.5) * (1. / (s0 * s0) - 1. / (n0 * n0));
            const double dGc_dB = B > 0 ? (p.mode_II_energy - p.mode_I_energy) *
                                            p.bk_exponent *
                                            std::pow(B, p.bk_exponent - 1.) :
                                          0.;
            const double ddf_dB =
              2. / K * (dGc_dB / delta_0 - Gc * dd0_dB / (delta_0 * delta_0));
            const double d_B = d_d0 * dd0_dB + d_df * ddf_dB;

            // d lambda / d Delta and d B / d Delta.
            const double lambda4 = lambda2 * lambda2;
            if (opening_normally)
              damage_gradient[0] =
                d_lam * a / lambda + d_B * (-2. * s2 * a / lambda4);
            for (unsigned int i = 1; i < dim; ++i)
              damage_gradient[i] = d_lam * opening[i] / lambda +
                                   d_B * 2. * opening[i] * a * a / lambda4;
          }
      }

    CohesiveResponse<dim> response;
    const bool            loading = trial_damage > old_state.damage;
    response.state.damage         = loading ? trial_damage : old_state.damage;
    response.state.dissipated_fraction =
      std::max(old_state.dissipated_fraction, trial_dissipated);
    if (!loading)
      damage_gradient = 0;

    // Viscous regularisation: d_v = (d_v,old + (dt/eta) d) / (1 + dt/eta).
    double damage = response.state.damage;
    if (viscosity_ratio > 0)
      {
        const double weight = 1. / (1. + viscosity_ratio);
        damage              = weight * response.state.damage +
                 (1. - weight) * old_state.viscous_damage;
        damage_gradient *= weight;
      }
    response.state.viscous_damage = damage;

    // A fully failed face keeps a residual fraction of K in opening.
    const double stiffness =
      damage >= 1. ? p.residual_stiffness * K : (1. - damage) * K;
    for (unsigned int i = 0; i < dim; ++i)
      {
        const bool   in_contact = (i == 0 && !opening_normally);
        const double k_i        = in_contact ? p.contact_stiffness : stiffness;
        response.traction[i]    = k_i * opening[i];
        response.tangent[i][i]  = k_i;
        if (!in_contact && damage < 1.)
          for (unsigned int j = 0; j < dim; ++j)
            response.tangent[i][j] -= K * opening[i] * damage_gradient[j];
      }
    return response;
  }


  template double
  onset_criterion<2>(const CohesiveProperties &, const Tensor<1, 2> &);
  template double
  onset_criterion<3>(const CohesiveProperties &, const Tensor<1, 3> &);
  template CohesiveResponse<2>
  evaluate_cohesive_law<2>(const CohesiveProperties &,
                           const Tensor<1, 2> &,
                           const CohesiveState &,
                           double);
  template CohesiveResponse<3>
  evaluate_cohesive_law<3>(const CohesiveProperties &,
                           const Tensor<1, 3> &,
                           const CohesiveState &,
                           double);
} // namespace bendsim
