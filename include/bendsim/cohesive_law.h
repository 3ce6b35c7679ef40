#ifndef bendsim_cohesive_law_h
#define bendsim_cohesive_law_h

#include <deal.II/base/tensor.h>

namespace bendsim
{
  /**
   * Properties of one cohesive face. Units: strengths in MPa, fracture
   * energies in MPa·µm (= J/m^2), stiffnesses in MPa/µm.
   */
  struct CohesiveProperties
  {
    double normal_strength   = 0; ///< mode I onset traction N
    double shear_strength    = 0; ///< mode II onset traction S
    double mode_I_energy     = 0; ///< G_Ic
    double mode_II_energy    = 0; ///< G_IIc
    double bk_exponent       = 2; ///< Benzeggagh-Kenane eta
    double penalty_stiffness = 0; ///< K, initial stiffness of the intact law
    /** Stiffness that keeps a fully failed face from interpenetrating, and
     *  the tiny fraction of K it keeps in opening so that a detached piece
     *  never makes the system singular. K is the interior-penalty stiffness
     *  (~60 E/h), so the fraction must be far below 1e-8: with 1e-8 the open
     *  100 um pre-crack of the double cantilever beam, opened by microns,
     *  carried 7 % of the load, and the wake of a growing crack more. */
    double contact_stiffness  = 0;
    double residual_stiffness = 1e-12;
  };

  /** History of one cohesive quadrature point. */
  struct CohesiveState
  {
    double damage = 0; ///< rate-independent damage, never decreases
    double viscous_damage =
      0; ///< regularised damage (equals damage without viscosity)
    /** Energy dissipated at the point as a fraction of its mixed-mode
     *  fracture energy G_c(B): D = (lambda_max - Delta_0)/(Delta_f -
     *  Delta_0) on the bilinear law (Turon et al. 2007), never decreases;
     *  1 once the point has opened beyond its final opening. A point whose
     *  D has reached the separation fraction carries at most (1 - D) of its
     *  strength: it is part of a traction-free crack. */
    double dissipated_fraction = 0;
  };

  /**
   * Energy-based damage D (fraction of G_c dissipated) of a bilinear law
   * whose stiffness damage is @p damage, for onset and final openings
   * @p onset_opening < @p final_opening: D = d Delta_0 / ((1 - d) Delta_f +
   * d Delta_0), the inverse of d = D Delta_f / (D Delta_f + (1 - D)
   * Delta_0).
   */
  double
  dissipated_energy_fraction(double damage,
                             double onset_opening,
                             double final_opening);

  /** Traction, consistent tangent and updated history at one point. */
  template <int dim>
  struct CohesiveResponse
  {
    dealii::Tensor<1, dim> traction; ///< local frame, MPa
    dealii::Tensor<2, dim> tangent;  ///< d traction / d opening, MPa/µm
    CohesiveState          state;
  };

  /**
   * Mixed-mode bilinear traction-separation law (Camanho & Dávila, NASA
   * TM-2002-211737): quadratic onset criterion
   * (<T_n>/N)^2 + (T_s/S)^2 = 1, Benzeggagh-Kenane propagation
   * G_c = G_Ic + (G_IIc - G_Ic) B^eta with the mode mixity
   * B = G_shear/G_total = Delta_s^2 / (<Delta_n>^2 + Delta_s^2); linear
   * softening to full separation, damage irreversible (unloading and
   * reloading along the damaged secant, towards the origin); penetration
   * (Delta_n < 0) resisted by the contact stiffness, undamaged.
   *
   * @param opening openings in the face's local frame: component 0 normal
   *                (positive opens), components 1..dim-1 tangential (µm)
   * @param old_state history at the end of the last converged step
   * @param viscosity_ratio eta/dt of the viscous regularisation of Gao and
   *                Bower (2004), d_v' = (d - d_v)/eta; 0 switches it off
   *
   * The tangent is the exact derivative of the returned traction, including
   * the change of onset and final openings with the mode mixity.
   */
  template <int dim>
  CohesiveResponse<dim>
  evaluate_cohesive_law(const CohesiveProperties     &properties,
                        const dealii::Tensor<1, dim> &opening,
                        const CohesiveState          &old_state,
                        double                        viscosity_ratio = 0);

  /**
   * The quadratic onset criterion (<t_n>/N)^2 + (t_s/S)^2 for a traction
   * @p traction in the local frame: a face whose value reaches 1 starts to
   * soften.
   */
  template <int dim>
  double
  onset_criterion(const CohesiveProperties     &properties,
                  const dealii::Tensor<1, dim> &traction);

  /** Critical energy release rate G_c(B) of the B-K criterion, MPa·µm. */
  double
  bk_fracture_energy(const CohesiveProperties &properties, double mode_mixity);
} // namespace bendsim

#endif
