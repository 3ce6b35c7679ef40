#ifndef bendsim_stress_postprocessor_h
#define bendsim_stress_postprocessor_h

#include <bendsim/stack.h>
#include <deal.II/numerics/data_postprocessor.h>

namespace bendsim
{
  /**
   * Derived fields for ParaView, computed from the displacement gradient on
   * each cell with the elastic constants of the cell's layer: the strain and
   * stress tensors, the axial (x) strain and stress, and the von Mises
   * stress (in 2D including the plane-strain stress sigma_zz). Stresses in MPa,
   * including the residual stress of each layer's eigenstrain.
   */
  template <int dim>
  class StressPostprocessor : public dealii::DataPostprocessor<dim>
  {
  public:
    explicit StressPostprocessor(const Stack &stack);

    void
    evaluate_vector_field(
      const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
      std::vector<dealii::Vector<double>> &computed_quantities) const override;

    std::vector<std::string>
    get_names() const override;

    std::vector<
      dealii::DataComponentInterpretation::DataComponentInterpretation>
    get_data_component_interpretation() const override;

    dealii::UpdateFlags
    get_needed_update_flags() const override;

  private:
    const Stack &stack;
  };
} // namespace bendsim

#endif
