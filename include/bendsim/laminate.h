#ifndef bendsim_laminate_h
#define bendsim_laminate_h

#include <vector>

/**
 * Classical laminate (multilayer beam) theory for a stack in pure bending.
 * These closed-form results verify the finite-element solution and give the
 * analytic reference quantities written to summary.json. Lengths in µm,
 * moduli in MPa, curvature in 1/µm.
 *
 * Assumptions: plane sections stay plane, perfect bonding, each ply linear
 * elastic; for a wide strip in plane strain the axial modulus of a ply is its
 * plane-strain modulus E/(1 - nu^2).
 */
namespace bendsim
{
  namespace laminate
  {
    /** One ply, listed from the bottom of the stack upwards. */
    struct Ply
    {
      double thickness;     ///< µm
      double axial_modulus; ///< MPa, e.g. the plane-strain modulus
      /**
       * Axial stress of the ply when it is held at zero strain, MPa: the
       * stress its eigenstrain (thermal misfit, processing) would cause on a
       * rigid substrate; positive in tension. 0: no eigenstrain. For an
       * isotropic eigenstrain e in plane strain, -E/(1 - nu) e (see
       * restrained_film_stress()).
       */
      double restrained_stress = 0;
    };

    /**
     * Height of the neutral axis above the bottom of the stack: the
     * modulus-weighted centroid sum(E_i t_i y_i) / sum(E_i t_i), where y_i is
     * the mid-height of ply i. Zero net axial force under pure bending acts
     * about this axis.
     */
    double
    neutral_axis_height(const std::vector<Ply> &plies);

    /**
     * Axial strain at height @p height under curvature @p curvature (1/µm,
     * positive: top in tension) about the neutral axis at @p neutral_axis.
     */
    double
    axial_strain(double height, double neutral_axis, double curvature);

    /**
     * Strain at the top surface of a film on a foil bent to radius @p radius
     * with the film outside (Suo, Ma, Gleskova, Wagner, APL 74:1177, 1999):
     * eps = (d_f + d_s)/(2R) (1 + 2 eta + chi eta^2) / ((1 + eta)(1 + chi
     * eta)), eta = d_f/d_s, chi = Y_f/Y_s. All lengths in the same unit.
     */
    double
    suo_film_on_foil_top_strain(double film_thickness,
                                double foil_thickness,
                                double film_modulus,
                                double foil_modulus,
                                double radius);

    /**
     * Residual stress from processing (all eigenstrains isotropic,
     * eps* = e I, dimensionless).
     *
     * Thermal misfit of a layer deposited stress-free at a processing
     * temperature dT (K) above room temperature and cooled with the
     * substrate: e = -(alpha_layer - alpha_substrate) dT, expansion
     * coefficients in 1/K. The substrate is the reference: only the
     * difference of expansion coefficients strains a layer against it, and
     * the substrate's own eigenstrain is zero.
     */
    double
    thermal_misfit_eigenstrain(double expansion_coefficient,
                               double substrate_expansion_coefficient,
                               double processing_temperature_change);

    /**
     * Equibiaxial in-plane stress (MPa, positive in tension) of a film with
     * the isotropic eigenstrain @p eigenstrain held at zero in-plane strain
     * and free through its thickness: -E/(1 - nu) e, with the biaxial
     * modulus E/(1 - nu) of the film (@p youngs_modulus in MPa).
     */
    double
    restrained_film_stress(double eigenstrain,
                           double youngs_modulus,
                           double poisson_ratio);

    /** The inverse of restrained_film_stress(): the isotropic eigenstrain
     *  -sigma (1 - nu)/E of a film whose residual stress on a rigid
     *  substrate is @p residual_stress (MPa, positive in tension). */
    double
    residual_stress_eigenstrain(double residual_stress,
                                double youngs_modulus,
                                double poisson_ratio);

    /**
     * Curvature (1/µm, positive: the top in tension, i.e. convex upwards) of
     * a free laminate (no axial force, no moment) whose plies carry the
     * restrained stresses Ply::restrained_stress: classical laminate theory,
     *   A eps_0 + B kappa = -sum s_i t_i,  B eps_0 + D kappa = -sum s_i t_i
     * y_i, with A, B, D the axial, coupling and bending stiffnesses about the
     * stack bottom and y_i the mid-height of ply i. In plane strain (a wide
     * strip in cylindrical bending, bendsim's 2D model) the axial moduli are
     * the plane-strain moduli E/(1 - nu^2).
     */
    double
    free_laminate_curvature(const std::vector<Ply> &plies);

    /**
     * Axial strain of a laminate held flat (no curvature) and free of axial
     * force under the restrained stresses of its plies:
     * eps_0 = -sum s_i t_i / sum E_i t_i. Ply i then carries the axial
     * stress E_i eps_0 + s_i.
     */
    double
    held_flat_axial_strain(const std::vector<Ply> &plies);

    /**
     * Curvature of a free bilayer with the axial misfit strain
     * @p misfit_strain (the film's axial eigenstrain minus the substrate's;
     * positive: the film longer, the film side convex): the exact two-layer
     * beam solution of Timoshenko (J. Opt. Soc. Am. 11:233, 1925),
     *   kappa = 6 misfit (1 + m)^2 / (h [3 (1 + m)^2 + (1 + m n)(m^2 + 1/(m
     * n))]), m = h_s / h_f, n = E_s / E_f, h = h_s + h_f. The moduli are axial
     * (plane-strain moduli in plane strain, where an isotropic eigenstrain e
     * gives the axial misfit (1 + nu) e).
     */
    double
    bilayer_misfit_curvature(double substrate_thickness,
                             double substrate_modulus,
                             double film_thickness,
                             double film_modulus,
                             double misfit_strain);

    /**
     * Stoney's formula (Proc. R. Soc. A 82:172, 1909): the curvature of a
     * substrate under a thin film of residual stress @p film_stress (MPa,
     * positive in tension; tension bends the film side concave, so the
     * curvature is negative), kappa = -6 sigma_f h_f / (M_s h_s^2), exact to
     * first order in h_f/h_s. @p substrate_modulus M_s is the biaxial modulus
     * E/(1 - nu) for a plate curving equally in both directions and the
     * plane-strain modulus E/(1 - nu^2) in cylindrical bending (2D plane
     * strain).
     */
    double
    stoney_curvature(double film_stress,
                     double film_thickness,
                     double substrate_thickness,
                     double substrate_modulus);
  } // namespace laminate
} // namespace bendsim

#endif
