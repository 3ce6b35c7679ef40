#include <bendsim/elasticity.h>
#include <bendsim/stress_postprocessor.h>
#include <deal.II/dofs/dof_handler.h>

namespace bendsim
{
  using namespace dealii;

  template <int dim>
  StressPostprocessor<dim>::StressPostprocessor(const Stack &stack)
    : stack(stack)
  {
  }


  template <int dim>
  std::vector<std::string>
  StressPostprocessor<dim>::get_names() const
  {
    std::vector<std::string> names(dim * dim, "strain");
    names.insert(names.end(), dim * dim, "stress");
    names.insert(names.end(),
                 {"axial_strain", "axial_stress", "von_mises_stress"});
    return names;
  }


  template <int dim>
  std::vector<DataComponentInterpretation::DataComponentInterpretation>
  StressPostprocessor<dim>::get_data_component_interpretation() const
  {
    std::vector<DataComponentInterpretation::DataComponentInterpretation>
      interpretation(2 * dim * dim,
                     DataComponentInterpretation::component_is_part_of_tensor);
    interpretation.insert(interpretation.end(),
                          3,
                          DataComponentInterpretation::component_is_scalar);
    return interpretation;
  }


  template <int dim>
  UpdateFlags
  StressPostprocessor<dim>::get_needed_update_flags() const
  {
    return update_gradients;
  }


  template <int dim>
  void
  StressPostprocessor<dim>::evaluate_vector_field(
    const DataPostprocessorInputs::Vector<dim> &inputs,
    std::vector<Vector<double>>                &computed_quantities) const
  {
    const auto      cell     = inputs.template get_cell<dim>();
    const Layer    &layer    = stack.layer(cell->material_id());
    const Material &material = layer.material;

    for (unsigned int p = 0; p < inputs.solution_gradients.size(); ++p)
      {
        Tensor<2, dim> gradient;
        for (unsigned int d = 0; d < dim; ++d)
          gradient[d] = inputs.solution_gradients[p][d];
        const SymmetricTensor<2, dim> strain = symmetrize(gradient);
        const SymmetricTensor<2, dim> stress =
          elasticity::stress(strain, material, layer.eigenstrain);

        Vector<double> &out = computed_quantities[p];
        for (unsigned int i = 0; i < dim; ++i)
          for (unsigned int j = 0; j < dim; ++j)
            {
              out[i * dim + j]             = strain[i][j];
              out[dim * dim + i * dim + j] = stress[i][j];
            }
        out[2 * dim * dim]     = strain[0][0];
        out[2 * dim * dim + 1] = stress[0][0];
        out[2 * dim * dim + 2] =
          elasticity::von_mises_stress(strain, material, layer.eigenstrain);
      }
  }


  template class StressPostprocessor<2>;
  template class StressPostprocessor<3>;
} // namespace bendsim
