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
  } // namespace laminate
} // namespace bendsim

#endif
