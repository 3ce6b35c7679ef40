#include <bendsim/laminate.h>
#include <bendsim/stack.h>
#include <stdexcept>

namespace bendsim
{
  Stack::Stack(std::vector<Layer> layers, std::vector<Interface> interfaces)
    : layer_list(std::move(layers))
    , interface_list(std::move(interfaces))
  {
    if (interface_list.empty())
      for (unsigned int i = 0; i + 1 < layer_list.size(); ++i)
        interface_list.push_back(Interface{i, {}, false, false});
    if (!layer_list.empty() && interface_list.size() + 1 != layer_list.size())
      throw std::invalid_argument("Stack: needs n_layers - 1 interfaces");
    double height = 0;
    for (Layer &layer : layer_list)
      {
        layer.bottom = height;
        height += layer.thickness;
        layer.top = height;
      }
  }


  const Interface &
  Stack::interface(const unsigned int lower) const
  {
    return interface_list.at(lower);
  }


  std::string
  Stack::interface_name(const unsigned int lower) const
  {
    return layer(lower).name + "/" + layer(lower + 1).name;
  }


  unsigned int
  Stack::n_layers() const
  {
    return layer_list.size();
  }


  const Layer &
  Stack::layer(const unsigned int index) const
  {
    return layer_list.at(index);
  }


  const std::vector<Layer> &
  Stack::layers() const
  {
    return layer_list;
  }


  double
  Stack::total_thickness() const
  {
    return layer_list.empty() ? 0. : layer_list.back().top;
  }


  unsigned int
  Stack::find(const std::string &name) const
  {
    for (unsigned int i = 0; i < layer_list.size(); ++i)
      if (layer_list[i].name == name)
        return i;
    return layer_list.size();
  }


  double
  Stack::laminate_neutral_axis_height() const
  {
    std::vector<laminate::Ply> plies;
    for (const Layer &layer : layer_list)
      plies.push_back({layer.thickness, layer.material.plane_strain_modulus()});
    return laminate::neutral_axis_height(plies);
  }


  bool
  Stack::has_eigenstrain() const
  {
    for (const Layer &layer : layer_list)
      if (layer.eigenstrain != 0.)
        return true;
    return false;
  }


  namespace
  {
    // In plane strain an isotropic eigenstrain e acts on the axial strain
    // as the axial misfit (1 + nu) e against the plane-strain modulus, i.e.
    // through the restrained (biaxial) stress -E/(1 - nu) e.
    std::vector<laminate::Ply>
    residual_stress_plies(const std::vector<Layer> &layers)
    {
      std::vector<laminate::Ply> plies;
      for (const Layer &layer : layers)
        plies.push_back(
          {layer.thickness,
           layer.material.plane_strain_modulus(),
           laminate::restrained_film_stress(layer.eigenstrain,
                                            layer.material.youngs_modulus,
                                            layer.material.poisson_ratio)});
      return plies;
    }
  } // namespace


  double
  Stack::laminate_residual_curvature() const
  {
    return laminate::free_laminate_curvature(residual_stress_plies(layer_list));
  }


  double
  Stack::laminate_flat_residual_stress(const unsigned int index) const
  {
    if (!has_eigenstrain())
      return 0.;
    const std::vector<laminate::Ply> plies = residual_stress_plies(layer_list);
    return plies.at(index).axial_modulus *
             laminate::held_flat_axial_strain(plies) +
           plies.at(index).restrained_stress;
  }
} // namespace bendsim
