// MechanicsProblem: the part of Newton's system that is linear in the
// displacement (the bulk, the intact faces' interior penalty and the
// eigenstress loads), assembled whenever faces have turned cohesive.

#include "mechanics_problem_class.h"
#include "mechanics_problem_mesh_loop.h"

#include <bendsim/elasticity.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/filtered_iterator.h>
#include <deal.II/meshworker/mesh_loop.h>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /** Mirrors the lower triangle of @p matrix, which is all a symmetric
     *  contribution computes, to its upper triangle. */
    void
    complete_symmetric(FullMatrix<double> &matrix)
    {
      for (unsigned int i = 0; i < matrix.m(); ++i)
        for (unsigned int j = i + 1; j < matrix.n(); ++j)
          matrix(i, j) = matrix(j, i);
    }


    /** mesh_loop's copy data, with the active cohesive faces met. */
    template <int dim>
    struct LinearCopyData : internal::CopyData
    {
      std::vector<internal::CohesiveFace<dim>> cohesive_faces;
    };
  } // namespace


  namespace internal
  {
    template <int dim>
    bool
    MechanicsProblem<dim>::linear_part_is_current() const
    {
      bool current = linear_part.assembled &&
                     linear_part.active.size() == crack_faces.history.size();
      for (unsigned int i = 0; current && i < crack_faces.history.size(); ++i)
        current = linear_part.active[i] == crack_faces.history[i].active;
      return Utilities::MPI::min(int(current), mpi_communicator) == 1;
    }


    // The bulk: linear elasticity, with the eigenstress C : (0 - eps*) of the
    // layer as a constant load.
    // Intact faces: symmetric interior penalty (SIPG),
    //   -{sigma(u) n}.[v] - {sigma(v) n}.[u] + gamma [u].[v],
    // with [u] = u_0 - u_1 and n pointing from cell 0 to cell 1. The method
    // is consistent, so a solution the elements can represent (pure bending
    // of each layer is quadratic) is reproduced exactly, whatever the
    // penalty. Their mean eigenstress enters the consistency term, so intact
    // faces transmit the residual stress. Active cohesive faces contribute
    // nothing here: assemble_system adds their traction at each iterate.
    template <int dim>
    void
    MechanicsProblem<dim>::assemble_linear_part()
    {
      TimerOutput::Scope t(timer, "linear assembly");
      linear_part.matrix     = 0;
      linear_part.raw_matrix = 0;
      linear_part.raw_load   = 0;
      linear_part.cohesive_faces.clear();
      linear_part.assembled = true;
      linear_part.active.resize(crack_faces.history.size());
      for (unsigned int i = 0; i < crack_faces.history.size(); ++i)
        linear_part.active[i] = crack_faces.history[i].active;

      const unsigned int degree = parameters.solver.polynomial_degree;
      const FEValuesExtractors::Vector displacements(0);

      const auto cell_worker =
        [&](const auto &cell, auto &scratch, auto &copy) {
          FEValues<dim> &fe_values = scratch.fe_values;
          fe_values.reinit(cell);
          const unsigned int n_dofs   = fe_values.dofs_per_cell;
          const Layer       &layer    = stack.layer(cell->material_id());
          const Material    &material = layer.material;
          const double       lambda   = material.lame_lambda();
          const double       mu       = material.shear_modulus();
          const SymmetricTensor<2, dim> eigenstress =
            elasticity::stress(SymmetricTensor<2, dim>(),
                               material,
                               layer.eigenstrain);

          copy.matrix.reinit(n_dofs, n_dofs);
          copy.rhs.reinit(n_dofs);
          copy.local_dof_indices.resize(n_dofs);
          copy.face_data.clear();
          copy.cohesive_faces.clear();
          cell->get_dof_indices(copy.local_dof_indices);

          std::vector<SymmetricTensor<2, dim>> strain(n_dofs);
          std::vector<double>                  divergence(n_dofs);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              for (unsigned int i = 0; i < n_dofs; ++i)
                {
                  strain[i] = fe_values[displacements].symmetric_gradient(i, q);
                  divergence[i] = trace(strain[i]);
                }
              const double JxW = fe_values.JxW(q);
              for (unsigned int i = 0; i < n_dofs; ++i)
                for (unsigned int j = 0; j <= i; ++j)
                  copy.matrix(i, j) += (lambda * divergence[i] * divergence[j] +
                                        2. * mu * strain[i] * strain[j]) *
                                       JxW;
              if (layer.eigenstrain != 0.)
                for (unsigned int i = 0; i < n_dofs; ++i)
                  copy.rhs(i) -= eigenstress * strain[i] * JxW;
            }
          complete_symmetric(copy.matrix);
        };

      const auto face_worker = [&](const auto        &cell,
                                   const unsigned int f,
                                   const unsigned int sf,
                                   const auto        &ncell,
                                   const unsigned int nf,
                                   const unsigned int nsf,
                                   auto              &scratch,
                                   auto              &copy) {
        const unsigned int history_index = cell->face(f)->user_index();
        if (history_index == 0 && is_continuous_face(cell, f))
          return; // no jump across it
        if (history_index > 0)
          {
            FaceHistory &history   = crack_faces.history[history_index - 1];
            history.assembled_here = true;
            if (history.active)
              {
                copy.cohesive_faces.push_back(
                  {cell, f, sf, ncell, nf, nsf, history_index - 1});
                return;
              }
          }

        FEInterfaceValues<dim> &fe_iv = scratch.fe_interface_values;
        fe_iv.reinit(cell, f, sf, ncell, nf, nsf);
        const unsigned int n_dofs = fe_iv.n_current_interface_dofs();

        copy.face_data.emplace_back();
        CopyDataFace &copy_face     = copy.face_data.back();
        copy_face.joint_dof_indices = fe_iv.get_interface_dof_indices();
        copy_face.matrix.reinit(n_dofs, n_dofs);
        copy_face.rhs.reinit(n_dofs);

        const Layer    *side_layer[2]    = {&stack.layer(cell->material_id()),
                                            &stack.layer(ncell->material_id())};
        const Material *side_material[2] = {&side_layer[0]->material,
                                            &side_layer[1]->material};
        const bool      has_eigenstrain =
          side_layer[0]->eigenstrain != 0. || side_layer[1]->eigenstrain != 0.;
        SymmetricTensor<2, dim> mean_eigenstress;
        if (has_eigenstrain)
          for (unsigned int side = 0; side < 2; ++side)
            mean_eigenstress +=
              0.5 * elasticity::stress(SymmetricTensor<2, dim>(),
                                       *side_material[side],
                                       side_layer[side]->eigenstrain);

        const double gamma = interior_penalty(cell, f, ncell, nf);
        std::vector<Tensor<1, dim>> jump(n_dofs), mean_traction(n_dofs);
        for (const unsigned int q : fe_iv.quadrature_point_indices())
          {
            const Tensor<1, dim> &normal = fe_iv.normal(q);
            for (unsigned int i = 0; i < n_dofs; ++i)
              {
                const auto         pair = fe_iv.interface_dof_to_dof_indices(i);
                const unsigned int side =
                  pair[0] != numbers::invalid_unsigned_int ? 0 : 1;
                const auto          &fe_face = fe_iv.get_fe_face_values(side);
                const Tensor<1, dim> value =
                  fe_face[displacements].value(pair[side], q);
                jump[i] = side == 0 ? value : -value;
                mean_traction[i] =
                  0.5 *
                  elasticity::stress(
                    fe_face[displacements].symmetric_gradient(pair[side], q),
                    *side_material[side]) *
                  normal;
              }
            const double JxW = fe_iv.JxW(q);
            for (unsigned int i = 0; i < n_dofs; ++i)
              for (unsigned int j = 0; j <= i; ++j)
                copy_face.matrix(i, j) +=
                  (-jump[i] * mean_traction[j] - mean_traction[i] * jump[j] +
                   gamma * jump[i] * jump[j]) *
                  JxW;
            if (has_eigenstrain)
              {
                const Tensor<1, dim> traction = mean_eigenstress * normal;
                for (unsigned int i = 0; i < n_dofs; ++i)
                  copy_face.rhs(i) += traction * jump[i] * JxW;
              }
          }
        complete_symmetric(copy_face.matrix);
      };

      const auto copier = [&](const LinearCopyData<dim> &copy) {
        const auto add = [&](const FullMatrix<double>                   &matrix,
                             const Vector<double>                       &load,
                             const std::vector<types::global_dof_index> &dofs) {
          zero_constraints.distribute_local_to_global(matrix,
                                                      dofs,
                                                      linear_part.matrix);
          linear_part.raw_matrix.add(dofs, matrix);
          linear_part.raw_load.add(dofs, load);
        };
        add(copy.matrix, copy.rhs, copy.local_dof_indices);
        for (const CopyDataFace &face : copy.face_data)
          add(face.matrix, face.rhs, face.joint_dof_indices);
        linear_part.cohesive_faces.insert(linear_part.cohesive_faces.end(),
                                          copy.cohesive_faces.begin(),
                                          copy.cohesive_faces.end());
      };

      const QGauss<dim>     cell_quadrature(degree + 1);
      const QGauss<dim - 1> face_quadrature(degree + 1);
      ScratchData<dim> scratch(mapping, fe, cell_quadrature, face_quadrature);
      LinearCopyData<dim> copy;

      using CellFilter =
        FilteredIterator<typename DoFHandler<dim>::active_cell_iterator>;
      MeshWorker::mesh_loop(CellFilter(IteratorFilters::LocallyOwnedCell(),
                                       dof_handler.begin_active()),
                            CellFilter(IteratorFilters::LocallyOwnedCell(),
                                       dof_handler.end()),
                            cell_worker,
                            copier,
                            scratch,
                            copy,
                            MeshWorker::assemble_own_cells |
                              MeshWorker::assemble_own_interior_faces_once |
                              MeshWorker::assemble_ghost_faces_once,
                            /*boundary_worker=*/nullptr,
                            face_worker);

      linear_part.matrix.compress(VectorOperation::add);
      linear_part.raw_matrix.compress(VectorOperation::add);
      linear_part.raw_load.compress(VectorOperation::add);
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                       \
  template bool MechanicsProblem<dim>::linear_part_is_current() const; \
  template void MechanicsProblem<dim>::assemble_linear_part()

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
