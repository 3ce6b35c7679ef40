// MechanicsProblem: Newton's method on the SIPG/cohesive system, its
// assembly and the linear solves.

#include "mechanics_problem_class.h"
#include "mechanics_problem_mesh_loop.h"

#include <algorithm>
#include <bendsim/cohesive_law.h>
#include <bendsim/elasticity.h>
#include <bendsim/stop_request.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/filtered_iterator.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/meshworker/mesh_loop.h>
#include <iomanip>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /**
     * For a linear contribution whose lower triangle @p matrix holds:
     * mirror it to the upper triangle and set @p rhs = -matrix u, with u the
     * values of @p solution at @p dof_indices (minus the residual).
     */
    template <typename VectorType>
    void
    complete_linear_contribution(
      FullMatrix<double>                         &matrix,
      Vector<double>                             &rhs,
      const std::vector<types::global_dof_index> &dof_indices,
      const VectorType                           &solution)
    {
      const unsigned int n = dof_indices.size();
      for (unsigned int i = 0; i < n; ++i)
        for (unsigned int j = i + 1; j < n; ++j)
          matrix(i, j) = matrix(j, i);
      Vector<double> u_local(n);
      for (unsigned int i = 0; i < n; ++i)
        u_local(i) = solution(dof_indices[i]);
      matrix.vmult(rhs, u_local);
      rhs *= -1.;
    }


    /** A sparse direct factorisation of an earlier tangent, used as the
     *  preconditioner of the current one. */
    struct StaleFactorization
    {
      TrilinosWrappers::SolverDirect *factorization;
      TimerOutput                    *timer;

      void
      vmult(TrilinosWrappers::MPI::Vector       &dst,
            const TrilinosWrappers::MPI::Vector &src) const
      {
        TimerOutput::Scope t(*timer, "back substitution");
        factorization->solve(dst, src);
      }
    };
  } // namespace


  namespace internal
  {
    // Newton's system at the current iterate: the tangent matrix and minus
    // the residual, condensed with the homogeneous end-face constraints (the
    // iterate already satisfies the inhomogeneous ones). Cohesive faces also
    // compute their trial history here.
    template <int dim>
    void
    MechanicsProblem<dim>::assemble_system()
    {
      TimerOutput::Scope t(timer, "assembly");
      system_matrix = 0;
      system_rhs    = 0;

      const unsigned int degree = parameters.solver.polynomial_degree;
      const FEValuesExtractors::Vector displacements(0);

      const auto cell_worker = [&](const auto &cell,
                                   auto       &scratch,
                                   auto       &copy) {
        FEValues<dim> &fe_values = scratch.fe_values;
        fe_values.reinit(cell);
        const unsigned int n_dofs   = fe_values.dofs_per_cell;
        const Layer       &layer    = stack.layer(cell->material_id());
        const Material    &material = layer.material;
        const double       lambda   = material.lame_lambda();
        const double       mu       = material.shear_modulus();
        // The stress of the eigenstrain alone, C : (0 - eps*): a constant
        // load on the layer; the tangent is unchanged.
        const SymmetricTensor<2, dim> eigenstress =
          elasticity::stress(SymmetricTensor<2, dim>(),
                             material,
                             layer.eigenstrain);

        copy.matrix.reinit(n_dofs, n_dofs);
        copy.rhs.reinit(n_dofs);
        copy.local_dof_indices.resize(n_dofs);
        copy.face_data.clear();
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
          }
        // Linear elasticity: the residual is the matrix times the iterate,
        // plus the work of the eigenstress, int sigma(0) : eps(v).
        complete_linear_contribution(copy.matrix,
                                     copy.rhs,
                                     copy.local_dof_indices,
                                     solution);
        if (layer.eigenstrain != 0.)
          for (const unsigned int q : fe_values.quadrature_point_indices())
            for (unsigned int i = 0; i < n_dofs; ++i)
              copy.rhs(i) -= eigenstress *
                             fe_values[displacements].symmetric_gradient(i, q) *
                             fe_values.JxW(q);
      };

      // Intact faces: symmetric interior penalty (SIPG),
      //   -{sigma(u) n}.[v] - {sigma(v) n}.[u] + gamma [u].[v],
      // with [u] = u_0 - u_1 and n pointing from cell 0 to cell 1. The
      // method is consistent, so a solution the elements can represent
      // (pure bending of each layer is quadratic) is reproduced exactly,
      // whatever the penalty.
      // Active cohesive faces: the traction T(Delta) of the cohesive law,
      // Delta = u_1 - u_0 = -[u], does the virtual work T.(-[v]).
      const auto face_worker = [&](const auto        &cell,
                                   const unsigned int f,
                                   const unsigned int sf,
                                   const auto        &ncell,
                                   const unsigned int nf,
                                   const unsigned int nsf,
                                   auto              &scratch,
                                   auto              &copy) {
        FEInterfaceValues<dim> &fe_iv = scratch.fe_interface_values;
        fe_iv.reinit(cell, f, sf, ncell, nf, nsf);
        const unsigned int n_dofs = fe_iv.n_current_interface_dofs();

        copy.face_data.emplace_back();
        CopyDataFace &copy_face     = copy.face_data.back();
        copy_face.joint_dof_indices = fe_iv.get_interface_dof_indices();
        copy_face.matrix.reinit(n_dofs, n_dofs);
        copy_face.rhs.reinit(n_dofs);

        const unsigned int history_index = cell->face(f)->user_index();
        FaceHistory       *history =
          history_index > 0 ? &face_history[history_index - 1] : nullptr;
        if (history)
          history->assembled_here = true;

        const Material *side_material[2] = {
          &stack.layer(cell->material_id()).material,
          &stack.layer(ncell->material_id()).material};
        // The mean eigenstress {C : (0 - eps*)} of the two sides: with it the
        // consistency term -{sigma(u) n}.[v] uses the full stress, so
        // intact faces transmit the residual stress.
        const double side_eigenstrain[2] = {
          stack.layer(cell->material_id()).eigenstrain,
          stack.layer(ncell->material_id()).eigenstrain};
        const bool has_eigenstrain =
          side_eigenstrain[0] != 0. || side_eigenstrain[1] != 0.;
        SymmetricTensor<2, dim> mean_eigenstress;
        if (has_eigenstrain)
          for (unsigned int side = 0; side < 2; ++side)
            mean_eigenstress +=
              0.5 * elasticity::stress(SymmetricTensor<2, dim>(),
                                       *side_material[side],
                                       side_eigenstrain[side]);

        const double                gamma = (history && history->active) ?
                                              0. :
                                              interior_penalty(cell, f, ncell, nf);
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
                if (!history || !history->active)
                  mean_traction[i] =
                    0.5 *
                    elasticity::stress(
                      fe_face[displacements].symmetric_gradient(pair[side], q),
                      *side_material[side]) *
                    normal;
              }
            const double JxW = fe_iv.JxW(q);

            if (!history || !history->active)
              {
                for (unsigned int i = 0; i < n_dofs; ++i)
                  for (unsigned int j = 0; j <= i; ++j)
                    copy_face.matrix(i, j) +=
                      (-jump[i] * mean_traction[j] -
                       mean_traction[i] * jump[j] + gamma * jump[i] * jump[j]) *
                      JxW;
              }
            else
              {
                const Tensor<2, dim> frame = local_frame(normal);
                Tensor<1, dim>       opening; // u_1 - u_0
                for (unsigned int i = 0; i < n_dofs; ++i)
                  opening -=
                    double(solution(copy_face.joint_dof_indices[i])) * jump[i];
                const auto response =
                  evaluate_cohesive_law<dim>(history->properties,
                                             frame * opening,
                                             history->state[q],
                                             viscosity_ratio);
                history->trial[q] = response.state;
                const Tensor<1, dim> traction =
                  transpose(frame) * response.traction;
                const Tensor<2, dim> tangent =
                  transpose(frame) * response.tangent * frame;
                for (unsigned int i = 0; i < n_dofs; ++i)
                  {
                    copy_face.rhs(i) += traction * jump[i] * JxW;
                    for (unsigned int j = 0; j < n_dofs; ++j)
                      copy_face.matrix(i, j) +=
                        jump[i] * (tangent * jump[j]) * JxW;
                  }
              }
          }
        if (!history || !history->active)
          {
            complete_linear_contribution(copy_face.matrix,
                                         copy_face.rhs,
                                         copy_face.joint_dof_indices,
                                         solution);
            if (has_eigenstrain)
              for (const unsigned int q : fe_iv.quadrature_point_indices())
                {
                  const Tensor<1, dim> traction =
                    mean_eigenstress * fe_iv.normal(q);
                  for (unsigned int i = 0; i < n_dofs; ++i)
                    {
                      const auto pair = fe_iv.interface_dof_to_dof_indices(i);
                      const unsigned int side =
                        pair[0] != numbers::invalid_unsigned_int ? 0 : 1;
                      const Tensor<1, dim> value =
                        fe_iv.get_fe_face_values(side)[displacements].value(
                          pair[side], q);
                      const Tensor<1, dim> jump = side == 0 ? value : -value;
                      copy_face.rhs(i) += traction * jump * fe_iv.JxW(q);
                    }
                }
          }
      };

      load_point_force  = 0;
      const auto copier = [&](const CopyData &copy) {
        // The internal force at the upper load point (before condensation).
        for (unsigned int i = 0; i < copy.local_dof_indices.size(); ++i)
          if (copy.local_dof_indices[i] == top_anchor_dof)
            load_point_force -= copy.rhs(i);
        for (const CopyDataFace &face : copy.face_data)
          for (unsigned int i = 0; i < face.joint_dof_indices.size(); ++i)
            if (face.joint_dof_indices[i] == top_anchor_dof)
              load_point_force -= face.rhs(i);
        zero_constraints.distribute_local_to_global(copy.matrix,
                                                    copy.rhs,
                                                    copy.local_dof_indices,
                                                    system_matrix,
                                                    system_rhs);
        for (const CopyDataFace &face : copy.face_data)
          zero_constraints.distribute_local_to_global(face.matrix,
                                                      face.rhs,
                                                      face.joint_dof_indices,
                                                      system_matrix,
                                                      system_rhs);
      };

      const QGauss<dim>     cell_quadrature(degree + 1);
      const QGauss<dim - 1> face_quadrature(degree + 1);
      ScratchData<dim> scratch(mapping, fe, cell_quadrature, face_quadrature);
      CopyData         copy;

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

      system_matrix.compress(VectorOperation::add);
      system_rhs.compress(VectorOperation::add);
      load_point_force =
        Utilities::MPI::sum(load_point_force, mpi_communicator);
    }


    template <int dim>
    void
    MechanicsProblem<dim>::solve_linear_system(
      TrilinosWrappers::MPI::Vector &increment)
    {
      TimerOutput::Scope      t(timer, "solve");
      const SolverParameters &p = parameters.solver;
      increment                 = 0;
      if (p.linear_solver == LinearSolverType::direct)
        {
          // Between factorisations the tangent changes only on the faces
          // that soften or turn cohesive: GMRES preconditioned by the last
          // factorisation solves the new tangent exactly in a few
          // back-substitutions. A fresh factorisation is made when GMRES
          // needs more than a handful of them.
          if (factorization)
            {
              const StaleFactorization preconditioner{factorization.get(),
                                                      &timer};
              SolverControl control(20, 1e-10 * system_rhs.l2_norm());
              SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
                control,
                SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(22));
              try
                {
                  gmres.solve(system_matrix,
                              increment,
                              system_rhs,
                              preconditioner);
                  zero_constraints.distribute(increment);
                  return;
                }
              catch (const SolverControl::NoConvergence &)
                {
                  increment = 0;
                }
            }
          factorization = std::make_unique<TrilinosWrappers::SolverDirect>(
            factorization_control,
            TrilinosWrappers::SolverDirect::AdditionalData(false,
                                                           p.direct_solver));
          {
            TimerOutput::Scope f(timer, "factorization");
            factorization->initialize(system_matrix);
          }
          factorization->solve(increment, system_rhs);
        }
      else
        {
          TrilinosWrappers::PreconditionAMG::AdditionalData data;
          data.elliptic              = true;
          data.higher_order_elements = true;
          data.smoother_sweeps       = 2;
          data.aggregation_threshold = 0.02;
          std::vector<std::vector<bool>> constant_modes;
          DoFTools::extract_constant_modes(dof_handler,
                                           ComponentMask(),
                                           constant_modes);
          data.constant_modes = constant_modes;
          TrilinosWrappers::PreconditionAMG preconditioner;
          preconditioner.initialize(system_matrix, data);

          // Softening cohesive faces make the tangent unsymmetric.
          SolverControl control(p.maximum_iterations,
                                p.relative_tolerance * system_rhs.l2_norm());
          SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
            control,
            SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(100));
          gmres.solve(system_matrix, increment, system_rhs, preconditioner);
        }
      zero_constraints.distribute(increment);
    }


    // Newton's method with a backtracking line search on the residual norm.
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
      if (reference_residual == 0)
        reference_residual = residual;
      const double target =
        p.newton_tolerance * std::max(residual, reference_residual);
      const double first_residual = residual;

      for (unsigned int it = 0; it < p.maximum_newton_iterations; ++it)
        {
          if (residual <= target)
            return true;
          solve_linear_system(increment);
          ++iterations;

          const TrilinosWrappers::MPI::Vector start = current;
          double                              step  = 1.;
          for (unsigned int trial = 0;; ++trial)
            {
              current = start;
              current.add(step, increment);
              solution = current;
              assemble_system();
              const double new_residual = system_rhs.l2_norm();
              if (new_residual < residual || trial == 4)
                {
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
#define BENDSIM_INSTANTIATE(dim)                            \
  template void MechanicsProblem<dim>::assemble_system();   \
                                                            \
  template void MechanicsProblem<dim>::solve_linear_system( \
    TrilinosWrappers::MPI::Vector &);                       \
                                                            \
  template bool MechanicsProblem<dim>::solve_newton(unsigned int &)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
