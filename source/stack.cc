#include <bendsim/laminate.h>
#include <bendsim/stack.h>
#include <stdexcept>

namespace bendsim
{
  Stack::Stack(std::vector<Layer> layers)
    : layer_list(std::move(layers))
  {
    double height = 0;
    for (Layer &layer : layer_list)
      {
        layer.bottom = height;
        height += layer.thickness;
        layer.top = height;
      }
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
} // namespace bendsim
