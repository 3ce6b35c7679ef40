// The rows of a matrix that are unknowns, as a matrix of their own.
#ifndef bendsim_reduced_system_h
#define bendsim_reduced_system_h

#include <deal.II/base/index_set.h>
#include <memory>
#include <vector>

class Epetra_CrsMatrix;
class Epetra_Map;

namespace bendsim
{
  namespace internal
  {
    /**
     * A matrix A restricted to the rows and columns of its unknowns. The
     * other rows are those of constrained DoFs after condensation: a
     * diagonal entry and no other coupling, in their row or in their
     * column, so that A x = b is the reduced system for the unknowns and
     * x_i = b_i / A_ii for the others. Keeping those rows in a sparse
     * direct factorisation costs more than their number suggests (the
     * fill-reducing ordering sees them), so they are taken out here, and
     * vectors are mapped in and out.
     *
     * The reduced matrix has a contiguous numbering of its own (this
     * rank's unknowns in increasing order, after those of the lower
     * ranks). A matrix with the sparsity pattern seen last only has its
     * values copied, so that a factorisation of the reduced matrix can keep
     * its symbolic phase.
     */
    class ReducedSystem
    {
    public:
      ReducedSystem();
      ~ReducedSystem();

      /**
       * Takes the values of @p matrix on the rows of @p unknowns (a subset
       * of this rank's rows; an empty index set means all of them). Returns
       * true if the reduced pattern is new, false if it is that of the last
       * call and only the values were copied. Collective.
       */
      bool
      reinit(const Epetra_CrsMatrix &matrix, const dealii::IndexSet &unknowns);

      /** The diagonal of the rows that are not unknowns, from @p matrix
       *  (with the pattern of the last reinit()). */
      void
      update_other_diagonal(const Epetra_CrsMatrix &matrix);

      /** The reduced matrix. */
      Epetra_CrsMatrix &
      matrix();

      /** Its row map. */
      const Epetra_Map &
      map() const;

      /** The reduced local row of the local row @p row of the full
       *  matrix, or -1 if that row is not an unknown. */
      int
      reduced_row(const int row) const
      {
        return reduced_rows[row];
      }

      /** The entries [first, last) of reduced local row @p row in the
       *  reduced matrix's storage (see values()). */
      std::pair<int, int>
      entries(const int row) const
      {
        return {row_start[row], row_start[row + 1]};
      }

      /** The reduced matrix's values, row by row. */
      const double *
      values() const;

      /** The position, within its row of the full matrix, of the reduced
       *  matrix's entry @p entry. */
      int
      source_position(const int entry) const
      {
        return source_positions[entry];
      }

      /** @p reduced = the unknowns' entries of @p full (local arrays). */
      void
      restrict_vector(const double *full, double *reduced) const;

      /** @p full = @p reduced on the unknowns and @p full_rhs / A_ii on
       *  the other rows (local arrays; @p full_rhs may alias @p full). */
      void
      extend_vector(const double *reduced,
                    const double *full_rhs,
                    double       *full) const;

    private:
      void
      copy_values(const Epetra_CrsMatrix &matrix);

      /** The full pattern seen last: column GIDs of each row, in order. */
      std::vector<int>                  pattern_columns;
      std::vector<int>                  pattern_row_start;
      dealii::IndexSet                  pattern_unknowns;
      std::unique_ptr<Epetra_Map>       reduced_map;
      std::unique_ptr<Epetra_CrsMatrix> reduced_matrix;
      std::vector<int>                  unknown_rows; // reduced -> full row
      std::vector<int>                  reduced_rows; // full row -> reduced, -1
      std::vector<int>                  other_rows;   // full rows not unknowns
      std::vector<double>               other_diagonal;
      std::vector<int>                  row_start; // of the reduced rows
      std::vector<int>                  source_positions;
    };
  } // namespace internal
} // namespace bendsim

#endif
