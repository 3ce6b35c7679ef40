#include <bendsim/laminate.h>
#include <stdexcept>

namespace bendsim
{
  namespace laminate
  {
    double
    neutral_axis_height(const std::vector<Ply> &plies)
    {
      if (plies.empty())
        throw std::invalid_argument("laminate: a stack needs at least one ply");

      double stiffness = 0; // sum E_i t_i
      double moment    = 0; // sum E_i t_i y_i
      double bottom    = 0;
      for (const Ply &ply : plies)
        {
          const double mid_height = bottom + 0.5 * ply.thickness;
          stiffness += ply.axial_modulus * ply.thickness;
          moment += ply.axial_modulus * ply.thickness * mid_height;
          bottom += ply.thickness;
        }
      return moment / stiffness;
    }


    double
    axial_strain(const double height,
                 const double neutral_axis,
                 const double curvature)
    {
      return curvature * (height - neutral_axis);
    }


    double
    suo_film_on_foil_top_strain(const double film_thickness,
                                const double foil_thickness,
                                const double film_modulus,
                                const double foil_modulus,
                                const double radius)
    {
      const double eta = film_thickness / foil_thickness;
      const double chi = film_modulus / foil_modulus;
      return (film_thickness + foil_thickness) / (2. * radius) *
             (1. + 2. * eta + chi * eta * eta) /
             ((1. + eta) * (1. + chi * eta));
    }


    double
    thermal_misfit_eigenstrain(const double expansion_coefficient,
                               const double substrate_expansion_coefficient,
                               const double processing_temperature_change)
    {
      // Cooling by dT from the stress-free state shrinks the layer by
      // alpha dT and the substrate below it by alpha_s dT; bonded, the layer
      // is left with the free misfit -(alpha - alpha_s) dT relative to it.
      return -(expansion_coefficient - substrate_expansion_coefficient) *
             processing_temperature_change;
    }


    double
    restrained_film_stress(const double eigenstrain,
                           const double youngs_modulus,
                           const double poisson_ratio)
    {
      return -youngs_modulus / (1. - poisson_ratio) * eigenstrain;
    }


    double
    residual_stress_eigenstrain(const double residual_stress,
                                const double youngs_modulus,
                                const double poisson_ratio)
    {
      return -residual_stress * (1. - poisson_ratio) / youngs_modulus;
    }


    double
    free_laminate_curvature(const std::vector<Ply> &plies)
    {
      if (plies.empty())
        throw std::invalid_argument("laminate: a stack needs at least one ply");
      // Axial strain eps_0 + kappa y (y from the stack bottom); the ply
      // stress E_i (eps_0 + kappa y) + s_i integrates to zero force and
      // zero moment.
      double a = 0, b = 0, d = 0, force = 0, moment = 0;
      double bottom = 0;
      for (const Ply &ply : plies)
        {
          const double top = bottom + ply.thickness;
          a += ply.axial_modulus * ply.thickness;
          b += ply.axial_modulus * (top * top - bottom * bottom) / 2.;
          d += ply.axial_modulus *
               (top * top * top - bottom * bottom * bottom) / 3.;
          force += ply.restrained_stress * ply.thickness;
          moment += ply.restrained_stress * (top * top - bottom * bottom) / 2.;
          bottom = top;
        }
      return (b * force - a * moment) / (a * d - b * b);
    }


    double
    held_flat_axial_strain(const std::vector<Ply> &plies)
    {
      double stiffness = 0, force = 0;
      for (const Ply &ply : plies)
        {
          stiffness += ply.axial_modulus * ply.thickness;
          force += ply.restrained_stress * ply.thickness;
        }
      if (stiffness == 0)
        throw std::invalid_argument("laminate: a stack needs at least one ply");
      return -force / stiffness;
    }


    double
    bilayer_misfit_curvature(const double substrate_thickness,
                             const double substrate_modulus,
                             const double film_thickness,
                             const double film_modulus,
                             const double misfit_strain)
    {
      const double m = substrate_thickness / film_thickness;
      const double n = substrate_modulus / film_modulus;
      const double h = substrate_thickness + film_thickness;
      return 6. * misfit_strain * (1. + m) * (1. + m) /
             (h * (3. * (1. + m) * (1. + m) +
                   (1. + m * n) * (m * m + 1. / (m * n))));
    }


    double
    stoney_curvature(const double film_stress,
                     const double film_thickness,
                     const double substrate_thickness,
                     const double substrate_modulus)
    {
      return -6. * film_stress * film_thickness /
             (substrate_modulus * substrate_thickness * substrate_thickness);
    }
  } // namespace laminate
} // namespace bendsim
