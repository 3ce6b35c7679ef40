#ifndef bendsim_stack_h
#define bendsim_stack_h

#include <bendsim/material_library.h>
#include <string>
#include <vector>

namespace bendsim
{
  /**
   * One layer of the device stack. Heights in µm above the bottom of the
   * stack (the bottom face of the substrate).
   */
  struct Layer
  {
    std::string  name;                        ///< unique label, e.g. "ITO"
    Material     material;                    ///< its elastic constants
    double       thickness               = 0; ///< µm
    unsigned int cells_through_thickness = 1;
    /** Height of the layer's top cell over its bottom cell (1: uniform). */
    double grading_ratio = 1;
    bool   crackable     = false; ///< may channel cracks form inside it?
    double bottom        = 0;     ///< µm
    double top           = 0;     ///< µm
  };


  /**
   * The ordered layers of a device, bottom (substrate) to top. The layer
   * index is the material id of the cells of that layer in the mesh.
   */
  class Stack
  {
  public:
    /** Stack @p layers bottom to top; their bottom/top heights are set here. */
    explicit Stack(std::vector<Layer> layers = {});

    unsigned int
    n_layers() const;

    const Layer &
    layer(unsigned int index) const;

    const std::vector<Layer> &
    layers() const;

    /** µm */
    double
    total_thickness() const;

    /** Index of the first layer whose name is @p name, or n_layers(). */
    unsigned int
    find(const std::string &name) const;

    /**
     * Neutral-axis height (µm above the stack bottom) of the intact stack by
     * classical laminate theory with plane-strain moduli.
     */
    double
    laminate_neutral_axis_height() const;

  private:
    std::vector<Layer> layer_list;
  };
} // namespace bendsim

#endif
