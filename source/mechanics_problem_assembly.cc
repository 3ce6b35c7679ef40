// MechanicsProblem: Newton's method on the SIPG/cohesive system, its
// assembly and the linear solves.

#include "mechanics_problem_class.h"
#include "mechanics_problem_mesh_loop.h"

#include <algorithm>
#include <bendsim/cohesive_law.h>
#include <bendsim/stop_request.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <iomanip>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /**
     * Condenses a residual formed before condensation with the homogeneous
     * end-face @p constraints, as distribute_local_to_global does with each
     * local contribution: the value of a constrained DoF moves to the DoFs
     * it depends on, and its own entry becomes zero.
     */
    void
    condense(const AffineConstraints<double> &constraints,
             const IndexSet                  &locally_owned_dofs,
             TrilinosWrappers::MPI::Vector   &residual)
    {
      std::vector<types::global_dof_index> dofs;
      Vector<double>                       values;
      std::vector<double>                  constrained_values;
      for (const auto &line : constraints.get_lines())
        if (locally_owned_dofs.is_element(line.index))
          {
            dofs.push_back(line.index);
            constrained_values.push_back(residual(line.index));
          }
      for (const types::global_dof_index dof : dofs)
        residual(dof) = 0.;
      residual.compress(VectorOperation::insert);
      values.reinit(constrained_values.size());
      std::copy(constrained_values.begin(),
                constrained_values.end(),
                values.begin());
      constraints.distribute_local_to_global(values, dofs, residual);
      residual.compress(VectorOperation::add);
    }
  } // namespace


  namespace internal
  {
    // Newton's system at the current iterate: minus the residual and, if
    // asked for, the tangent matrix, condensed with the homogeneous end-face
    // constraints (the iterate already satisfies the inhomogeneous ones).
    // The linear part (mechanics_problem_linear_part.cc) is reassembled only
    // when faces have turned cohesive since; the active cohesive faces are
    // evaluated here, and compute their trial history.
    // An active face carries the traction T(Delta) of the cohesive law,
    // Delta = u_1 - u_0 = -[u], which does the virtual work T.(-[v]).
    template <int dim>
    void
    MechanicsProblem<dim>::assemble_system(const bool with_matrix)
    {
      if (!linear_part_is_current())
        assemble_linear_part();
      TimerOutput::Scope t(timer, "assembly");

      // The linear part: f - K u, the internal force at the upper load
      // point before condensation, then condensed.
      linear_part.raw_matrix.vmult(system_rhs, current);
      system_rhs.sadd(-1., 1., linear_part.raw_load);
      load_point_force = 0;
      if (top_anchor_dof != numbers::invalid_dof_index &&
          locally_owned_dofs.is_element(top_anchor_dof))
        load_point_force = -system_rhs(top_anchor_dof);
      condense(zero_constraints, locally_owned_dofs, system_rhs);
      if (with_matrix)
        {
          system_matrix = 0;
          system_matrix.add(1., linear_part.matrix);
        }

      const unsigned int degree = parameters.solver.polynomial_degree;
      const FEValuesExtractors::Vector displacements(0);
      const QGauss<dim - 1>            face_quadrature(degree + 1);
      FEInterfaceValues<dim>           fe_iv(mapping,
                                   fe,
                                   face_quadrature,
                                   update_values | update_JxW_values |
                                     update_normal_vectors);
      FullMatrix<double>               matrix;
      Vector<double>                   rhs;
      std::vector<Tensor<1, dim>>      jump;
      for (const CohesiveFace<dim> &face : linear_part.cohesive_faces)
        {
          fe_iv.reinit(face.cell,
                       face.face_no,
                       face.subface_no,
                       face.neighbor,
                       face.neighbor_face_no,
                       face.neighbor_subface_no);
          const unsigned int n_dofs = fe_iv.n_current_interface_dofs();
          const std::vector<types::global_dof_index> dofs =
            fe_iv.get_interface_dof_indices();
          FaceHistory &history = crack_faces.history[face.history];
          matrix.reinit(n_dofs, n_dofs);
          rhs.reinit(n_dofs);
          jump.resize(n_dofs);

          for (const unsigned int q : fe_iv.quadrature_point_indices())
            {
              for (unsigned int i = 0; i < n_dofs; ++i)
                {
                  const auto pair = fe_iv.interface_dof_to_dof_indices(i);
                  const unsigned int side =
                    pair[0] != numbers::invalid_unsigned_int ? 0 : 1;
                  const Tensor<1, dim> value =
                    fe_iv.get_fe_face_values(side)[displacements].value(
                      pair[side], q);
                  jump[i] = side == 0 ? value : -value;
                }
              const double         JxW   = fe_iv.JxW(q);
              const Tensor<2, dim> frame = local_frame(fe_iv.normal(q));
              Tensor<1, dim>       opening; // u_1 - u_0
              for (unsigned int i = 0; i < n_dofs; ++i)
                opening -= double(solution(dofs[i])) * jump[i];
              const auto response =
                evaluate_cohesive_law<dim>(history.properties,
                                           frame * opening,
                                           history.state[q],
                                           viscosity_ratio);
              history.trial[q] = response.state;
              const Tensor<1, dim> traction =
                transpose(frame) * response.traction;
              const Tensor<2, dim> tangent =
                transpose(frame) * response.tangent * frame;
              for (unsigned int i = 0; i < n_dofs; ++i)
                {
                  rhs(i) += traction * jump[i] * JxW;
                  if (with_matrix)
                    for (unsigned int j = 0; j < n_dofs; ++j)
                      matrix(i, j) += jump[i] * (tangent * jump[j]) * JxW;
                }
            }

          for (unsigned int i = 0; i < n_dofs; ++i)
            if (dofs[i] == top_anchor_dof)
              load_point_force -= rhs(i);
          if (with_matrix)
            zero_constraints.distribute_local_to_global(
              matrix, rhs, dofs, system_matrix, system_rhs);
          else
            zero_constraints.distribute_local_to_global(rhs, dofs, system_rhs);
        }

      if (with_matrix)
        system_matrix.compress(VectorOperation::add);
      system_rhs.compress(VectorOperation::add);
      load_point_force =
        Utilities::MPI::sum(load_point_force, mpi_communicator);
    }


    // The DoFs of the active cohesive faces this rank assembles, and those
    // the end-face constraints make them depend on: where the tangent
    // changes from one Newton iteration to the next.
    template <int dim>
    std::vector<types::global_dof_index>
    MechanicsProblem<dim>::cohesive_face_dofs() const
    {
      std::vector<types::global_dof_index> dofs,
        cell_dofs(fe.n_dofs_per_cell());
      for (const CohesiveFace<dim> &face : linear_part.cohesive_faces)
        for (const auto &cell : {face.cell, face.neighbor})
          {
            cell->get_dof_indices(cell_dofs);
            for (const types::global_dof_index dof : cell_dofs)
              {
                dofs.push_back(dof);
                if (const auto *entries =
                      zero_constraints.get_constraint_entries(dof))
                  for (const auto &entry : *entries)
                    dofs.push_back(entry.first);
              }
          }
      std::sort(dofs.begin(), dofs.end());
      dofs.erase(std::unique(dofs.begin(), dofs.end()), dofs.end());
      return dofs;
    }


    template <int dim>
    void
    MechanicsProblem<dim>::solve_linear_system(
      TrilinosWrappers::MPI::Vector &increment)
    {
      TimerOutput::Scope t(timer, "solve");
      tangent_solver.solve(system_matrix,
                           system_rhs,
                           increment,
                           tangent_solver.uses_changed_dofs() ?
                             cohesive_face_dofs() :
                             std::vector<types::global_dof_index>(),
                           locally_owned_unknowns);
      zero_constraints.distribute(increment);
    }


    // Newton's method with a backtracking line search on the residual norm
    // (its trials assemble only the residual).
    // Every iteration solves with the current tangent (solve_linear_system
    // reuses the last factorisation only as the preconditioner of GMRES, so
    // in the elastic parts of a run one factorisation serves every step).
    // If no step of the search lowers the residual, its shortest step is
    // taken anyway.
    // Converged when the residual has dropped by the Newton tolerance
    // relative to the larger of this solve's first residual and the run's
    // first residual (the load of the first step), so that re-solves after a
    // few faces soften are not held to an absolute zero.
    template <int dim>
    bool
    MechanicsProblem<dim>::solve_newton(unsigned int &iterations)
    {
      const SolverParameters       &p = parameters.solver;
      TrilinosWrappers::MPI::Vector increment(locally_owned_dofs,
                                              mpi_communicator);
      assemble_system();
      double residual = system_rhs.l2_norm();
      // An overflowing residual is a failure, never convergence (the test
      // below would hold for infinity).
      if (!std::isfinite(residual))
        return false;
      if (reference_residual == 0)
        reference_residual = residual;
      const double target =
        p.newton_tolerance * std::max(residual, reference_residual);
      const double first_residual = residual;

      bool has_matrix = true; // of the current iterate
      for (unsigned int it = 0; it < p.maximum_newton_iterations; ++it)
        {
          if (residual <= target)
            return true;
          if (!has_matrix)
            assemble_system();
          solve_linear_system(increment);
          ++iterations;

          const TrilinosWrappers::MPI::Vector start = current;
          double                              step  = 1.;
          for (unsigned int trial = 0;; ++trial)
            {
              current = start;
              current.add(step, increment);
              solution = current;
              assemble_system(/*with_matrix=*/false);
              has_matrix                = false;
              const double new_residual = system_rhs.l2_norm();
              if (new_residual < residual || trial == 4)
                {
                  if (parameters.output.print_iterations)
                    pcout << "      Newton " << std::setw(2) << it + 1
                          << "  residual " << std::scientific
                          << std::setprecision(3) << new_residual
                          << "  line search " << std::defaultfloat << step
                          << '\n';
                  residual = new_residual;
                  break;
                }
              step *= 0.5;
            }
          if (is_cyclic(parameters.loading.type) &&
              Utilities::MPI::max(int(stop_requested()), mpi_communicator))
            throw StopRequested();
          // Give up early on a diverging or stalled iteration (typically a
          // crack snapping through): a smaller load step is cheaper than
          // more iterations.
          if (!std::isfinite(residual) || residual > 1e3 * first_residual ||
              (it >= 7 && residual > 1e-2 * first_residual))
            return false;
        }
      return residual <= target;
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                              \
  template void MechanicsProblem<dim>::assemble_system(bool); \
                                                              \
  template void MechanicsProblem<dim>::solve_linear_system(   \
    TrilinosWrappers::MPI::Vector &);                         \
                                                              \
  template bool MechanicsProblem<dim>::solve_newton(unsigned int &)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
