// ReducedSystem: a condensed matrix without its constrained rows.

#include <Epetra_CrsMatrix.h>
#include <Epetra_Import.h>
#include <Epetra_IntVector.h>
#include <Epetra_Map.h>
#include <Epetra_MpiComm.h>
#include <algorithm>
#include <bendsim/reduced_system.h>
#include <deal.II/base/mpi.h>
#include <stdexcept>

namespace bendsim
{
  namespace internal
  {
    using namespace dealii;

    namespace
    {
      void
      check(const int error, const char *what)
      {
        if (error != 0)
          throw std::runtime_error(std::string("the reduced system failed in "
                                               "its ") +
                                   what + " (Epetra error " +
                                   std::to_string(error) + ")");
      }


      /** One local row of a matrix, viewed in place. */
      struct RowView
      {
        int     n       = 0;
        double *values  = nullptr;
        int    *columns = nullptr; // local column indices
      };

      RowView
      row_view(const Epetra_CrsMatrix &matrix, const int row)
      {
        RowView v;
        check(matrix.ExtractMyRowView(row, v.n, v.values, v.columns),
              "row access");
        return v;
      }


      /** The column GIDs of every local row of @p matrix, row by row, and
       *  where each row starts. */
      void
      extract_pattern(const Epetra_CrsMatrix &matrix,
                      std::vector<int>       &columns,
                      std::vector<int>       &row_start)
      {
        const int n_rows = matrix.NumMyRows();
        columns.clear();
        columns.reserve(matrix.NumMyNonzeros());
        row_start.assign(1, 0);
        for (int row = 0; row < n_rows; ++row)
          {
            const RowView view = row_view(matrix, row);
            for (int k = 0; k < view.n; ++k)
              columns.push_back(matrix.GCID(view.columns[k]));
            row_start.push_back(columns.size());
          }
      }
    } // namespace


    ReducedSystem::ReducedSystem()  = default;
    ReducedSystem::~ReducedSystem() = default;


    bool
    ReducedSystem::reinit(const Epetra_CrsMatrix &matrix,
                          const IndexSet         &unknowns)
    {
      const MPI_Comm comm =
        dynamic_cast<const Epetra_MpiComm &>(matrix.Comm()).Comm();
      std::vector<int> columns, starts;
      extract_pattern(matrix, columns, starts);
      const bool same_here = reduced_matrix && columns == pattern_columns &&
                             starts == pattern_row_start &&
                             unknowns == pattern_unknowns;
      if (Utilities::MPI::min(same_here ? 1 : 0, comm) == 1)
        {
          copy_values(matrix);
          return false;
        }
      pattern_columns.swap(columns);
      pattern_row_start.swap(starts);
      pattern_unknowns = unknowns;

      // The unknowns of this rank, numbered after those of the lower ranks.
      const Epetra_Map &row_map = matrix.RowMap();
      const int         n_rows  = matrix.NumMyRows();
      unknown_rows.clear();
      other_rows.clear();
      reduced_rows.assign(n_rows, -1);
      for (int row = 0; row < n_rows; ++row)
        if (unknowns.size() == 0 || unknowns.is_element(row_map.GID(row)))
          {
            reduced_rows[row] = unknown_rows.size();
            unknown_rows.push_back(row);
          }
        else
          other_rows.push_back(row);
      reduced_map = std::make_unique<Epetra_Map>(-1,
                                                 int(unknown_rows.size()),
                                                 0,
                                                 matrix.Comm());

      // The reduced index of every column this rank's rows refer to.
      Epetra_IntVector owned_index(row_map), column_index(matrix.ColMap());
      for (int row = 0; row < n_rows; ++row)
        owned_index[row] =
          reduced_rows[row] < 0 ? -1 : reduced_map->GID(reduced_rows[row]);
      const Epetra_Import import(matrix.ColMap(), row_map);
      check(column_index.Import(owned_index, import, Insert), "import");

      // The reduced matrix, and for each of its entries where it sits in
      // its row of the full matrix (Epetra sorts a row's entries by local
      // column at FillComplete(), so the positions are found afterwards).
      std::vector<int> row_lengths(unknown_rows.size(), 0);
      std::vector<std::vector<std::pair<int, int>>> kept(unknown_rows.size());
      for (unsigned int r = 0; r < unknown_rows.size(); ++r)
        {
          const RowView view = row_view(matrix, unknown_rows[r]);
          for (int k = 0; k < view.n; ++k)
            if (column_index[view.columns[k]] >= 0)
              kept[r].emplace_back(column_index[view.columns[k]], k);
          row_lengths[r] = kept[r].size();
        }
      reduced_matrix = std::make_unique<Epetra_CrsMatrix>(Copy,
                                                          *reduced_map,
                                                          row_lengths.data(),
                                                          true);
      for (unsigned int r = 0; r < unknown_rows.size(); ++r)
        {
          std::vector<int>    indices;
          std::vector<double> zeros(kept[r].size(), 0.);
          for (const auto &[column, position] : kept[r])
            indices.push_back(column);
          check(reduced_matrix->InsertGlobalValues(reduced_map->GID(r),
                                                   indices.size(),
                                                   zeros.data(),
                                                   indices.data()),
                "insertion");
        }
      check(reduced_matrix->FillComplete(), "assembly");

      row_start.assign(1, 0);
      source_positions.clear();
      source_positions.reserve(reduced_matrix->NumMyNonzeros());
      for (unsigned int r = 0; r < unknown_rows.size(); ++r)
        {
          const RowView view = row_view(*reduced_matrix, r);
          std::sort(kept[r].begin(), kept[r].end());
          for (int k = 0; k < view.n; ++k)
            {
              const int  column = reduced_matrix->GCID(view.columns[k]);
              const auto it     = std::lower_bound(kept[r].begin(),
                                               kept[r].end(),
                                               std::make_pair(column, -1));
              source_positions.push_back(it->second);
            }
          row_start.push_back(source_positions.size());
        }
      copy_values(matrix);
      return true;
    }


    void
    ReducedSystem::copy_values(const Epetra_CrsMatrix &matrix)
    {
      double *reduced_values = const_cast<double *>(values());
      for (unsigned int r = 0; r < unknown_rows.size(); ++r)
        {
          const RowView view = row_view(matrix, unknown_rows[r]);
          for (int k = row_start[r]; k < row_start[r + 1]; ++k)
            reduced_values[k] = view.values[source_positions[k]];
        }
      update_other_diagonal(matrix);
    }


    void
    ReducedSystem::update_other_diagonal(const Epetra_CrsMatrix &matrix)
    {
      other_diagonal.assign(other_rows.size(), 0.);
      for (unsigned int i = 0; i < other_rows.size(); ++i)
        {
          const RowView view     = row_view(matrix, other_rows[i]);
          const int     diagonal = matrix.LCID(matrix.GRID(other_rows[i]));
          for (int k = 0; k < view.n; ++k)
            if (view.columns[k] == diagonal)
              other_diagonal[i] = view.values[k];
          if (other_diagonal[i] == 0.)
            throw std::runtime_error(
              "the reduced system: a row that is not an unknown has no "
              "diagonal entry");
        }
    }


    Epetra_CrsMatrix &
    ReducedSystem::matrix()
    {
      return *reduced_matrix;
    }


    const Epetra_Map &
    ReducedSystem::map() const
    {
      return *reduced_map;
    }


    const double *
    ReducedSystem::values() const
    {
      int    *offsets, *indices;
      double *entries;
      check(reduced_matrix->ExtractCrsDataPointers(offsets, indices, entries),
            "storage access");
      return entries;
    }


    void
    ReducedSystem::restrict_vector(const double *full, double *reduced) const
    {
      for (unsigned int r = 0; r < unknown_rows.size(); ++r)
        reduced[r] = full[unknown_rows[r]];
    }


    void
    ReducedSystem::extend_vector(const double *reduced,
                                 const double *full_rhs,
                                 double       *full) const
    {
      for (unsigned int i = 0; i < other_rows.size(); ++i)
        full[other_rows[i]] = full_rhs[other_rows[i]] / other_diagonal[i];
      for (unsigned int r = 0; r < unknown_rows.size(); ++r)
        full[unknown_rows[r]] = reduced[r];
    }
  } // namespace internal
} // namespace bendsim
