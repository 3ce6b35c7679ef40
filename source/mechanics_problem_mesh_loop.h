// What the face loops of MechanicsProblem (assemble_linear_part, scan_faces)
// share: the per-thread data of MeshWorker::mesh_loop and the local frame of a
// face.
#ifndef bendsim_mechanics_problem_mesh_loop_h
#define bendsim_mechanics_problem_mesh_loop_h

#include <cmath>
#include <deal.II/base/quadrature.h>
#include <deal.II/base/tensor.h>
#include <deal.II/base/types.h>
#include <deal.II/fe/fe_interface_values.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>
#include <vector>

namespace bendsim
{
  namespace internal
  {
    /** Per-thread FE evaluators for mesh_loop (cf. step-74). */
    template <int dim>
    struct ScratchData
    {
      ScratchData(const dealii::Mapping<dim>        &mapping,
                  const dealii::FiniteElement<dim>  &fe,
                  const dealii::Quadrature<dim>     &cell_quadrature,
                  const dealii::Quadrature<dim - 1> &face_quadrature)
        : fe_values(mapping,
                    fe,
                    cell_quadrature,
                    dealii::update_gradients | dealii::update_JxW_values)
        , fe_interface_values(mapping,
                              fe,
                              face_quadrature,
                              dealii::update_values | dealii::update_gradients |
                                dealii::update_JxW_values |
                                dealii::update_normal_vectors |
                                dealii::update_quadrature_points)
      {
      }

      ScratchData(const ScratchData &other)
        : ScratchData(other.fe_values.get_mapping(),
                      other.fe_values.get_fe(),
                      other.fe_values.get_quadrature(),
                      other.fe_interface_values.get_quadrature())
      {
      }

      dealii::FEValues<dim>          fe_values;
      dealii::FEInterfaceValues<dim> fe_interface_values;
    };

    struct CopyDataFace
    {
      dealii::FullMatrix<double>                   matrix;
      dealii::Vector<double>                       rhs;
      std::vector<dealii::types::global_dof_index> joint_dof_indices;
    };

    struct CopyData
    {
      dealii::FullMatrix<double>                   matrix;
      dealii::Vector<double>                       rhs;
      std::vector<dealii::types::global_dof_index> local_dof_indices;
      std::vector<CopyDataFace>                    face_data;
    };


    /** Rows: the unit normal, then the tangent(s) of a face. */
    template <int dim>
    dealii::Tensor<2, dim>
    local_frame(const dealii::Tensor<1, dim> &normal)
    {
      dealii::Tensor<2, dim> frame;
      frame[0] = normal;
      if (dim == 2)
        {
          frame[1][0] = -normal[1];
          frame[1][1] = normal[0];
        }
      else
        {
          dealii::Tensor<1, dim> helper;
          helper[std::abs(normal[0]) < 0.9 ? 0 : 1] = 1.;
          dealii::Tensor<1, dim> t1 = helper - (helper * normal) * normal;
          t1 /= t1.norm();
          frame[1] = t1;
          frame[2] = dealii::cross_product_3d(normal, t1);
        }
      return frame;
    }
  } // namespace internal
} // namespace bendsim

#endif
