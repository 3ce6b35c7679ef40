// TangentSolver: the linear solves of Newton's method.

#include <bendsim/tangent_solver.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/trilinos_precondition.h>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /** The corrected factorisation of an earlier tangent, used as the
     *  preconditioner of the current one. */
    struct StaleFactorization
    {
      const internal::UpdatedFactorization *factorization;
      TimerOutput                          *timer;

      void
      vmult(TrilinosWrappers::MPI::Vector       &dst,
            const TrilinosWrappers::MPI::Vector &src) const
      {
        TimerOutput::Scope t(*timer, "back substitution");
        factorization->vmult(dst, src);
      }
    };
  } // namespace


  TangentSolver::TangentSolver(const SolverParameters &parameters,
                               const MPI_Comm          mpi_communicator,
                               TimerOutput            &timer)
    : parameters(parameters)
    , mpi_communicator(mpi_communicator)
    , timer(timer)
  {
  }


  bool
  TangentSolver::uses_changed_dofs() const
  {
    return parameters.linear_solver == LinearSolverType::direct &&
           parameters.low_rank_update_dofs > 0;
  }


  void
  TangentSolver::set_constant_modes(const std::vector<std::vector<bool>> &modes)
  {
    constant_modes = modes;
  }


  void
  TangentSolver::solve(const TrilinosWrappers::SparseMatrix       &tangent,
                       const TrilinosWrappers::MPI::Vector        &rhs,
                       TrilinosWrappers::MPI::Vector              &x,
                       const std::vector<types::global_dof_index> &changed,
                       const IndexSet                             &unknowns)
  {
    x = 0;
    if (parameters.linear_solver == LinearSolverType::direct)
      {
        solve_direct(tangent, rhs, x, changed, unknowns);
        return;
      }
    TrilinosWrappers::PreconditionAMG::AdditionalData data;
    data.elliptic              = true;
    data.higher_order_elements = true;
    data.smoother_sweeps       = 2;
    data.aggregation_threshold = 0.02;
    data.constant_modes        = constant_modes;
    TrilinosWrappers::PreconditionAMG preconditioner;
    preconditioner.initialize(tangent, data);

    // Softening cohesive faces make the tangent unsymmetric.
    SolverControl control(parameters.maximum_iterations,
                          parameters.relative_tolerance * rhs.l2_norm());
    SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
      control, SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(100));
    gmres.solve(tangent, x, rhs, preconditioner);
  }


  void
  TangentSolver::solve_direct(
    const TrilinosWrappers::SparseMatrix       &tangent,
    const TrilinosWrappers::MPI::Vector        &rhs,
    TrilinosWrappers::MPI::Vector              &x,
    const std::vector<types::global_dof_index> &changed,
    const IndexSet                             &unknowns)
  {
    const unsigned int low_rank_dofs = parameters.low_rank_update_dofs;
    if (factorization && !refactorize_next)
      {
        bool updated = false;
        if (low_rank_dofs > 0)
          {
            TimerOutput::Scope u(timer, "low-rank update");
            updated = factorization->update(tangent, changed, low_rank_dofs);
          }
        const StaleFactorization preconditioner{factorization.get(), &timer};
        const double             tolerance = 1e-10 * rhs.l2_norm();
        if (updated)
          {
            // Exact but for round-off: one back-substitution, checked.
            preconditioner.vmult(x, rhs);
            TrilinosWrappers::MPI::Vector residual(rhs);
            tangent.vmult(residual, x);
            residual.sadd(-1., 1., rhs);
            if (residual.l2_norm() <= tolerance)
              return;
          }
        // A factorisation costs about 18 back-substitutions: past 20 GMRES
        // iterations a fresh one is cheaper.
        SolverControl                              control(20, tolerance);
        SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
          control,
          SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(22));
        try
          {
            gmres.solve(tangent, x, rhs, preconditioner);
            // The tangent has moved away from the factorised one (faces
            // soften or turn cohesive): the next solve, typically the next
            // Newton iterate of the same step, is cheaper with a fresh
            // factorisation than with another 9-20 back-substitutions.
            refactorize_next = control.last_step() > 8;
            return;
          }
        catch (const SolverControl::NoConvergence &)
          {
            x = 0;
          }
      }
    if (!factorization)
      factorization = std::make_unique<internal::UpdatedFactorization>(
        parameters.direct_solver, mpi_communicator);
    {
      TimerOutput::Scope f(timer, "factorization");
      factorization->factorize(tangent, changed, unknowns);
    }
    refactorize_next = false;
    const StaleFactorization exact{factorization.get(), &timer};
    exact.vmult(x, rhs);
  }
} // namespace bendsim
