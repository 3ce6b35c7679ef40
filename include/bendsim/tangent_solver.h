// How Newton's linear systems are solved: a corrected direct factorisation
// reused across iterations, or AMG-preconditioned GMRES.
#ifndef bendsim_tangent_solver_h
#define bendsim_tangent_solver_h

#include <bendsim/parameters.h>
#include <bendsim/updated_factorization.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/types.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>
#include <memory>
#include <mpi.h>
#include <vector>

namespace bendsim
{
  /**
   * The solver strategy for the tangent systems of a run (Solver/Linear
   * solver). Direct: between factorisations the tangent changes only on the
   * faces that soften or turn cohesive, so GMRES preconditioned by the last
   * factorisation solves the new tangent in a few back-substitutions, and a
   * fresh factorisation is made for the next solve when it needed more than
   * eight (or at once when it needs more than twenty); with
   * Solver/Low-rank update DoFs > 0 the factorisation is first corrected on
   * the changed DoFs (updated_factorization.h), which makes it exact: one
   * back-substitution, checked by the residual. cg-amg: GMRES with Trilinos
   * ML (the tangent is unsymmetric once faces soften). Owns the
   * factorisation; times its work in the run's timer ("factorization",
   * "back substitution", "low-rank update").
   */
  class TangentSolver
  {
  public:
    TangentSolver(const SolverParameters &parameters,
                  MPI_Comm                mpi_communicator,
                  dealii::TimerOutput    &timer);

    /** Does solve() use the DoFs where the tangent changed? */
    bool
    uses_changed_dofs() const;

    /** The constant modes of the displacement field, for AMG. */
    void
    set_constant_modes(const std::vector<std::vector<bool>> &modes);

    /**
     * Solve @p tangent @p x = @p rhs, @p x starting from zero. @p changed_dofs:
     * where the tangent may differ from the last one factorised (see
     * uses_changed_dofs()); @p unknowns: the rows this rank factorises.
     */
    void
    solve(const dealii::TrilinosWrappers::SparseMatrix       &tangent,
          const dealii::TrilinosWrappers::MPI::Vector        &rhs,
          dealii::TrilinosWrappers::MPI::Vector              &x,
          const std::vector<dealii::types::global_dof_index> &changed_dofs,
          const dealii::IndexSet                             &unknowns);

  private:
    void
    solve_direct(const dealii::TrilinosWrappers::SparseMatrix       &tangent,
                 const dealii::TrilinosWrappers::MPI::Vector        &rhs,
                 dealii::TrilinosWrappers::MPI::Vector              &x,
                 const std::vector<dealii::types::global_dof_index> &changed,
                 const dealii::IndexSet                             &unknowns);

    const SolverParameters                          parameters;
    MPI_Comm                                        mpi_communicator;
    dealii::TimerOutput                            &timer;
    std::unique_ptr<internal::UpdatedFactorization> factorization;
    std::vector<std::vector<bool>>                  constant_modes;
    /** The last solve needed more than a few GMRES iterations. */
    bool refactorize_next = false;
  };
} // namespace bendsim

#endif
