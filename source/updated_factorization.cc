// UpdatedFactorization: a sparse direct factorisation (Amesos) with a
// Sherman-Morrison-Woodbury correction for later changes on a few DoFs.

#include <Amesos.h>
#include <Amesos_BaseSolver.h>
#include <Amesos_Mumps.h>
#include <Epetra_CrsMatrix.h>
#include <Epetra_LinearProblem.h>
#include <Epetra_MultiVector.h>
#include <Epetra_Vector.h>
#include <algorithm>
#include <bendsim/updated_factorization.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/trilinos_index_access.h>
#include <deal.II/lac/vector.h>
#include <stdexcept>

namespace bendsim
{
  namespace internal
  {
    using namespace dealii;

    namespace
    {
      /** The sorted union over all ranks of every rank's @p dofs. */
      std::vector<types::global_dof_index>
      union_over_ranks(const std::vector<types::global_dof_index> &dofs,
                       const MPI_Comm                              comm)
      {
        std::vector<types::global_dof_index> all;
        for (const auto &part : dealii::Utilities::MPI::all_gather(comm, dofs))
          all.insert(all.end(), part.begin(), part.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        return all;
      }


      /** The position of @p dof in the sorted @p dofs, or -1. */
      int
      position(const std::vector<types::global_dof_index> &dofs,
               const types::global_dof_index               dof)
      {
        const auto it = std::lower_bound(dofs.begin(), dofs.end(), dof);
        return (it != dofs.end() && *it == dof) ? int(it - dofs.begin()) : -1;
      }


      void
      check(const int error, const char *what)
      {
        if (error != 0)
          throw std::runtime_error(std::string("the sparse direct solver "
                                               "failed in its ") +
                                   what + " (Amesos error " +
                                   std::to_string(error) + ")");
      }
    } // namespace


    UpdatedFactorization::UpdatedFactorization(const std::string &solver_type,
                                               const MPI_Comm mpi_communicator)
      : solver_type(solver_type)
      , mpi_communicator(mpi_communicator)
    {
    }


    UpdatedFactorization::~UpdatedFactorization() = default;


    void
    UpdatedFactorization::factorize(
      const TrilinosWrappers::SparseMatrix       &matrix,
      const std::vector<types::global_dof_index> &candidate_dofs,
      const IndexSet                             &unknowns)
    {
      // The pattern is fixed from one factorisation to the next in a run:
      // the fill-reducing ordering and the symbolic phase are then kept.
      if (reduced.reinit(matrix.trilinos_matrix(), unknowns) || !solver)
        {
          solver.reset();
          linear_problem = std::make_unique<Epetra_LinearProblem>();
          linear_problem->SetOperator(&reduced.matrix());
          Amesos factory;
          if (!factory.Query(solver_type.c_str()))
            throw std::runtime_error("the sparse direct solver " + solver_type +
                                     " is not in this Trilinos build");
          solver.reset(factory.Create(solver_type.c_str(), *linear_problem));
          // MUMPS's automatic choice of ordering took 2.2 s for the
          // symbolic phase of the device matrix against 0.07 s for AMD,
          // whose factor is no denser here (doc/benchmarks.md).
          if (auto *mumps = dynamic_cast<Amesos_Mumps *>(solver.get()))
            mumps->SetICNTL(7, 0);
          check(solver->SymbolicFactorization(), "symbolic factorisation");
          ++symbolic_factorizations;
          reduced_lhs = std::make_unique<Epetra_Vector>(reduced.map());
          reduced_rhs = std::make_unique<Epetra_Vector>(reduced.map());
        }
      check(solver->NumericFactorization(), "numeric factorisation");

      correction_dofs.clear();
      local_rows.clear();
      z_columns.clear();
      change.reinit(0, 0);
      capacitance.reinit(0);
      watched_dofs = union_over_ranks(candidate_dofs, mpi_communicator);
    }


    bool
    UpdatedFactorization::update(
      const TrilinosWrappers::SparseMatrix       &matrix,
      const std::vector<types::global_dof_index> &candidate_dofs,
      const unsigned int                          largest_rank)
    {
      // Every DoF that has been a candidate since the factorisation stays
      // one: a face restored to its earlier state differs from A_0 again.
      {
        std::vector<types::global_dof_index> merged =
          union_over_ranks(candidate_dofs, mpi_communicator);
        std::vector<types::global_dof_index> both;
        std::set_union(watched_dofs.begin(),
                       watched_dofs.end(),
                       merged.begin(),
                       merged.end(),
                       std::back_inserter(both));
        watched_dofs.swap(both);
      }

      // dK on this rank's watched rows, at watched columns.
      struct Entry
      {
        types::global_dof_index row, column;
        double                  value;
      };
      std::vector<Entry>                   entries;
      std::vector<types::global_dof_index> changed;
      const Epetra_CrsMatrix              &a = matrix.trilinos_matrix();
      reduced.update_other_diagonal(a);
      const double *values0 = reduced.values(); // A_0 on the unknowns
      for (const types::global_dof_index row : watched_dofs)
        {
          const int local_row =
            a.RowMap().LID(TrilinosWrappers::types::int_type(row));
          if (local_row < 0 || reduced.reduced_row(local_row) < 0)
            continue;
          int     n       = 0;
          double *values  = nullptr;
          int    *columns = nullptr;
          a.ExtractMyRowView(local_row, n, values, columns);
          const auto [first, last] =
            reduced.entries(reduced.reduced_row(local_row));
          double scale = 0;
          for (int k = first; k < last; ++k)
            scale = std::max(scale, std::abs(values0[k]));
          for (int k = first; k < last; ++k)
            {
              const int position_in_row = reduced.source_position(k);
              AssertThrow(position_in_row < n,
                          ExcMessage("the matrix has another sparsity "
                                     "pattern than the factorised one"));
              const double difference = values[position_in_row] - values0[k];
              if (std::abs(difference) <= 1e-14 * scale)
                continue;
              const types::global_dof_index column =
                TrilinosWrappers::global_column_index(a,
                                                      columns[position_in_row]);
              if (position(watched_dofs, column) < 0)
                continue;
              entries.push_back({row, column, difference});
              changed.push_back(row);
              changed.push_back(column);
            }
        }

      // S: the DoFs kept so far, then the new ones in increasing order.
      std::vector<types::global_dof_index> new_dofs;
      {
        const std::vector<types::global_dof_index> all =
          union_over_ranks(changed, mpi_communicator);
        std::vector<types::global_dof_index> kept = correction_dofs;
        std::sort(kept.begin(), kept.end());
        std::set_difference(all.begin(),
                            all.end(),
                            kept.begin(),
                            kept.end(),
                            std::back_inserter(new_dofs));
      }
      if (correction_dofs.size() + new_dofs.size() > largest_rank)
        return false;

      // The columns of Z of the new DoFs, by blocks of back-substitutions.
      const Epetra_Map  &map        = reduced.map();
      const unsigned int block_size = 64;
      for (unsigned int first = 0; first < new_dofs.size(); first += block_size)
        {
          const unsigned int n_columns =
            std::min<unsigned int>(block_size, new_dofs.size() - first);
          Epetra_MultiVector unit(map, n_columns), column(map, n_columns);
          for (unsigned int j = 0; j < n_columns; ++j)
            {
              const int local_row = reduced_row_of(a, new_dofs[first + j]);
              if (local_row >= 0)
                unit[j][local_row] = 1.;
            }
          linear_problem->SetLHS(&column);
          linear_problem->SetRHS(&unit);
          check(solver->Solve(), "back-substitution");
          back_substitutions += n_columns;
          for (unsigned int j = 0; j < n_columns; ++j)
            z_columns.emplace_back(column[j], column[j] + map.NumMyElements());
        }
      for (const types::global_dof_index dof : new_dofs)
        {
          correction_dofs.push_back(dof);
          local_rows.push_back(reduced_row_of(a, dof));
        }

      // D = P^T dK P and G = P^T Z, summed over the ranks that own the rows.
      const unsigned int                   s      = correction_dofs.size();
      std::vector<types::global_dof_index> sorted = correction_dofs;
      std::sort(sorted.begin(), sorted.end());
      std::vector<unsigned int> slot(s); // sorted position -> position in S
      for (unsigned int k = 0; k < s; ++k)
        slot[position(sorted, correction_dofs[k])] = k;
      std::vector<double> d_and_g(2 * s * s, 0.);
      for (const Entry &e : entries)
        {
          const int i = position(sorted, e.row), j = position(sorted, e.column);
          d_and_g[slot[i] * s + slot[j]] += e.value;
        }
      for (unsigned int i = 0; i < s; ++i)
        if (local_rows[i] >= 0)
          for (unsigned int j = 0; j < s; ++j)
            d_and_g[s * s + i * s + j] = z_columns[j][local_rows[i]];
      dealii::Utilities::MPI::sum(d_and_g, mpi_communicator, d_and_g);

      change.reinit(s, s);
      for (unsigned int i = 0; i < s; ++i)
        for (unsigned int j = 0; j < s; ++j)
          change(i, j) = d_and_g[i * s + j];
      // I + G D, with D sparse (the faces' blocks): column j of G D is the
      // sum of the columns k of G weighted with D(k, j).
      FullMatrix<double> m(s, s);
      for (unsigned int i = 0; i < s; ++i)
        m(i, i) = 1.;
      for (unsigned int k = 0; k < s; ++k)
        for (unsigned int j = 0; j < s; ++j)
          if (const double d = change(k, j); d != 0.)
            for (unsigned int i = 0; i < s; ++i)
              m(i, j) += d_and_g[s * s + i * s + k] * d;
      capacitance.reinit(s);
      capacitance = m;
      if (s > 0)
        capacitance.compute_lu_factorization();
      return true;
    }


    void
    UpdatedFactorization::vmult(TrilinosWrappers::MPI::Vector       &dst,
                                const TrilinosWrappers::MPI::Vector &src) const
    {
      reduced.restrict_vector(src.trilinos_vector()[0], reduced_rhs->Values());
      linear_problem->SetLHS(reduced_lhs.get());
      linear_problem->SetRHS(reduced_rhs.get());
      check(solver->Solve(), "back-substitution");
      ++back_substitutions;

      double            *y = reduced_lhs->Values();
      const unsigned int s = correction_dofs.size();
      if (s > 0)
        {
          Vector<double> t(s), u(s);
          for (unsigned int i = 0; i < s; ++i)
            if (local_rows[i] >= 0)
              t(i) = y[local_rows[i]];
          dealii::Utilities::MPI::sum(t, mpi_communicator, t);
          capacitance.solve(t);
          change.vmult(u, t);
          const unsigned int n_rows = reduced_lhs->MyLength();
          for (unsigned int j = 0; j < s; ++j)
            {
              const double *z = z_columns[j].data();
              for (unsigned int r = 0; r < n_rows; ++r)
                y[r] -= z[r] * u(j);
            }
        }
      reduced.extend_vector(y,
                            src.trilinos_vector()[0],
                            dst.trilinos_vector()[0]);
    }


    int
    UpdatedFactorization::reduced_row_of(
      const Epetra_CrsMatrix       &matrix,
      const types::global_dof_index dof) const
    {
      const int row =
        matrix.RowMap().LID(TrilinosWrappers::types::int_type(dof));
      return row < 0 ? -1 : reduced.reduced_row(row);
    }
  } // namespace internal
} // namespace bendsim
