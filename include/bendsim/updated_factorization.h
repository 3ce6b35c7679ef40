// A sparse direct factorisation with a low-rank correction for later
// matrices that differ from the factorised one on a few DoFs.
#ifndef bendsim_updated_factorization_h
#define bendsim_updated_factorization_h

#include <bendsim/reduced_system.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/types.h>
#include <deal.II/lac/lapack_full_matrix.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>
#include <memory>
#include <mpi.h>
#include <string>
#include <vector>

class Amesos_BaseSolver;
class Epetra_LinearProblem;
class Epetra_Vector;

namespace bendsim
{
  namespace internal
  {
    /**
     * The inverse of a matrix A = A_0 + dK from the factorisation of an
     * earlier matrix A_0, when dK is confined to the rows and columns of a
     * few DoFs S (the faces that have softened or turned cohesive since A_0
     * was factorised). With P the columns of the identity at S, D = P^T dK P
     * and Z = A_0^{-1} P, the Sherman-Morrison-Woodbury identity gives
     *
     *   A^{-1} b = y - Z D t,   y = A_0^{-1} b,   (I + P^T Z D) t = P^T y,
     *
     * one back-substitution and a dense system of the size of S per solve.
     * The columns of Z cost one back-substitution each, solved as a block,
     * and are kept until the next factorisation, so a set S that stays the
     * same from one Newton iteration or cycle to the next costs nothing
     * more. Changes of A outside the candidate DoFs passed to update() are
     * not seen: vmult() is then a (good) preconditioner of A, not its
     * inverse.
     *
     * Only the unknowns are factorised (see ReducedSystem): the rows of
     * constrained DoFs are solved by their diagonal. The first
     * factorisation of a sparsity pattern makes the symbolic phase (with
     * the AMD ordering for MUMPS), later ones with that pattern only the
     * numeric phase.
     */
    class UpdatedFactorization
    {
    public:
      /** @p solver_type: an Amesos solver ("Amesos_Mumps", ...). */
      UpdatedFactorization(const std::string &solver_type,
                           MPI_Comm           mpi_communicator);
      ~UpdatedFactorization();

      /**
       * Factorises (a copy of) @p matrix as A_0 and forgets the correction.
       * @p candidate_dofs: the DoFs of this rank whose rows may change later
       * (see update()). @p unknowns: this rank's rows to factorise; every
       * other row must have only its diagonal entry, in its row and in its
       * column (as a condensed matrix has at constrained DoFs). An empty
       * index set means all rows.
       */
      void
      factorize(
        const dealii::TrilinosWrappers::SparseMatrix       &matrix,
        const std::vector<dealii::types::global_dof_index> &candidate_dofs,
        const dealii::IndexSet &unknowns = dealii::IndexSet());

      /**
       * Sets dK = @p matrix - A_0 on the rows and columns of the candidate
       * DoFs: @p candidate_dofs (the DoFs of this rank's faces that may have
       * changed), on all ranks, and every earlier candidate since the
       * factorisation. Computes the columns of Z of the DoFs not yet in S.
       * Returns false, and leaves the correction as it was (a
       * preconditioner of @p matrix, no longer its inverse), if S would
       * grow beyond @p largest_rank DoFs. Collective.
       */
      bool
      update(const dealii::TrilinosWrappers::SparseMatrix       &matrix,
             const std::vector<dealii::types::global_dof_index> &candidate_dofs,
             unsigned int                                        largest_rank);

      /** dst = A^{-1} src with the correction of the last update(). */
      void
      vmult(dealii::TrilinosWrappers::MPI::Vector       &dst,
            const dealii::TrilinosWrappers::MPI::Vector &src) const;

      /** The size of S. */
      unsigned int
      rank() const
      {
        return correction_dofs.size();
      }

      /** Back-substitutions made, single and as columns of Z. */
      unsigned long
      n_back_substitutions() const
      {
        return back_substitutions;
      }

      /** Symbolic factorisations made (one per sparsity pattern). */
      unsigned int
      n_symbolic_factorizations() const
      {
        return symbolic_factorizations;
      }

    private:
      /** The reduced local row of @p dof, or -1 (not this rank's, or not
       *  an unknown). */
      int
      reduced_row_of(const Epetra_CrsMatrix               &matrix,
                     const dealii::types::global_dof_index dof) const;

      std::string                           solver_type;
      MPI_Comm                              mpi_communicator;
      ReducedSystem                         reduced; // A_0 on the unknowns
      std::unique_ptr<Epetra_LinearProblem> linear_problem;
      std::unique_ptr<Amesos_BaseSolver>    solver;
      std::unique_ptr<Epetra_Vector>        reduced_lhs, reduced_rhs;
      unsigned int                          symbolic_factorizations = 0;
      /** Every candidate DoF since the factorisation, sorted. */
      std::vector<dealii::types::global_dof_index> watched_dofs;
      std::vector<dealii::types::global_dof_index> correction_dofs; // S
      /** Reduced local row of each DoF of S on this rank, or -1. */
      std::vector<int> local_rows;
      /** Z, column by column, over this rank's reduced rows. */
      std::vector<std::vector<double>> z_columns;
      /** D and the LU factors of I + P^T Z D. */
      dealii::FullMatrix<double>       change;
      dealii::LAPACKFullMatrix<double> capacitance;
      mutable unsigned long            back_substitutions = 0;
    };
  } // namespace internal
} // namespace bendsim

#endif
