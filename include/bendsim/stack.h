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
    /** x positions (µm) of cracks through the layer present before loading. */
    std::vector<double> initial_cracks;
    /** Processing (deposition or anneal) temperature minus room
     *  temperature, K: the layer is stress-free there. */
    double processing_temperature_change = 0;
    /** Stated equibiaxial in-plane residual stress on the substrate, MPa,
     *  positive in tension (instead of a processing temperature). */
    double residual_stress = 0;
    /**
     * Isotropic eigenstrain e (eps* = e I, dimensionless) that processing
     * leaves in the layer, relative to the substrate (the bottom layer, whose
     * thermal eigenstrain is zero): -(alpha - alpha_substrate) dT from the
     * processing temperature change, or -sigma_r (1 - nu)/E from a stated
     * residual stress (see laminate.h). The stress is C : (eps - e I).
     */
    double eigenstrain = 0;
  };


  /** The interface between layer @p lower and the layer above it. */
  struct Interface
  {
    unsigned int       lower = 0;
    FractureProperties fracture;
    bool               crackable    = true;
    bool               from_library = false; ///< else: weaker adjacent material
  };


  /**
   * The ordered layers of a device, bottom (substrate) to top. The layer
   * index is the material id of the cells of that layer in the mesh.
   */
  class Stack
  {
  public:
    /**
     * Stack @p layers bottom to top; their bottom/top heights are set here.
     * @p interfaces holds the n_layers() - 1 interfaces, bottom to top.
     */
    explicit Stack(std::vector<Layer>     layers     = {},
                   std::vector<Interface> interfaces = {});

    /** Interface between layers @p lower and @p lower + 1. */
    const Interface &
    interface(unsigned int lower) const;

    /** "lower/upper" layer names of the interface above layer @p lower. */
    std::string
    interface_name(unsigned int lower) const;

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

    /** Whether any layer has an eigenstrain (residual stress). */
    bool
    has_eigenstrain() const;

    /**
     * Curvature (1/µm, positive: top convex) of the intact stack with free
     * ends under the layers' eigenstrains, by classical laminate theory in
     * plane strain (laminate::free_laminate_curvature).
     */
    double
    laminate_residual_curvature() const;

    /**
     * Axial residual stress (MPa) of layer @p index in the intact stack held
     * flat and free of axial force, as in the bending rig between bends, by
     * classical laminate theory in plane strain
     * (laminate::held_flat_axial_strain). Zero without eigenstrains.
     */
    double
    laminate_flat_residual_stress(unsigned int index) const;

  private:
    std::vector<Layer>     layer_list;
    std::vector<Interface> interface_list;
  };
} // namespace bendsim

#endif
