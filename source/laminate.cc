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
  } // namespace laminate
} // namespace bendsim
