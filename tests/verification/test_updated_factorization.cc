// The low-rank corrected factorisation against a fresh solve of the changed
// matrix, on every rank (ctest runs this on 1 and 2 MPI ranks).
//
// A_0 is a diagonally dominant band matrix; A differs from it in an
// unsymmetric dense block on DoFs 50-55 and in one entry coupling DoFs 120
// and 121. Solving A x = b with the factorisation of A_0 alone leaves a
// residual of order one; with the correction on the changed DoFs it must be
// exact to round-off. A change outside the candidates must show up as a
// residual (the correction does not guess), and a correction beyond the
// largest rank is refused and leaves the earlier one in place.
//
// Constrained rows (a diagonal entry only, in row and column) left out of
// the factorisation must give the same solution as factorising them, and a
// second factorisation with the same pattern must keep the symbolic phase
// and still solve the new values exactly.
#include <bendsim/updated_factorization.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <gtest/gtest.h>

namespace
{
  using namespace dealii;
  using bendsim::internal::UpdatedFactorization;

  constexpr unsigned int n = 200;

  struct System
  {
    IndexSet                       owned;
    TrilinosWrappers::SparseMatrix a0, a;
    TrilinosWrappers::MPI::Vector  b;

    System()
      : owned(n)
    {
      const unsigned int ranks =
        Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
      const unsigned int rank =
        Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
      owned.add_range(rank * n / ranks, (rank + 1) * n / ranks);
      DynamicSparsityPattern dsp(n, n);
      for (unsigned int i = 0; i < n; ++i)
        for (unsigned int j = (i < 3 ? 0 : i - 3); j < std::min(n, i + 4); ++j)
          dsp.add(i, j);
      for (unsigned int i = 50; i < 56; ++i)
        for (unsigned int j = 50; j < 56; ++j)
          dsp.add(i, j);
      dsp.add(10, 90); // for a change outside the candidates
      for (TrilinosWrappers::SparseMatrix *m : {&a0, &a})
        m->reinit(owned, owned, dsp, MPI_COMM_WORLD);
      for (const auto i : owned)
        {
          a0.set(i, i, 8. + 0.01 * i);
          for (unsigned int d = 1; d < 4; ++d)
            {
              if (i >= d)
                a0.set(i, i - d, -1. / d);
              if (i + d < n)
                a0.set(i, i + d, -1.2 / d);
            }
        }
      a0.compress(VectorOperation::insert);
      a.copy_from(a0);
      b.reinit(owned, MPI_COMM_WORLD);
      for (const auto i : owned)
        b(i) = std::sin(0.1 * i) + 1.;
      b.compress(VectorOperation::insert);
    }

    /** The changed matrix: a dense block on 50-55, one entry at (120, 121). */
    void
    change()
    {
      for (unsigned int i = 50; i < 56; ++i)
        if (owned.is_element(i))
          for (unsigned int j = 50; j < 56; ++j)
            a.add(i, j, 3. * std::cos(i + 2. * j));
      if (owned.is_element(120))
        a.add(120, 121, -5.);
      a.compress(VectorOperation::add);
    }

    /** Decouples the rows of @p dofs as a condensation does: their
     *  off-diagonal entries, in row and column, become zero. */
    void
    decouple(const std::vector<unsigned int> &dofs)
    {
      const auto is_listed = [&dofs](const unsigned int i) {
        return std::find(dofs.begin(), dofs.end(), i) != dofs.end();
      };
      for (TrilinosWrappers::SparseMatrix *m : {&a0, &a})
        {
          for (const auto i : owned)
            for (unsigned int j = 0; j < n; ++j)
              if (i != j && (is_listed(i) || is_listed(j)) && m->el(i, j) != 0.)
                m->set(i, j, 0.);
          m->compress(VectorOperation::insert);
        }
    }

    double
    relative_residual(const UpdatedFactorization &f) const
    {
      TrilinosWrappers::MPI::Vector x(owned, MPI_COMM_WORLD), r(x);
      f.vmult(x, b);
      a.vmult(r, x);
      r -= b;
      return r.l2_norm() / b.l2_norm();
    }
  };


  /** The changed DoFs, split between the ranks as faces would be. */
  std::vector<types::global_dof_index>
  changed_dofs()
  {
    std::vector<types::global_dof_index> all = {
      50, 51, 52, 53, 54, 55, 120, 121};
    const unsigned int rank  = Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
    const unsigned int ranks = Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
    std::vector<types::global_dof_index> mine;
    for (unsigned int k = rank; k < all.size(); k += ranks)
      mine.push_back(all[k]);
    return mine;
  }


  TEST(UpdatedFactorization, SolvesTheChangedMatrixExactly)
  {
    System               s;
    UpdatedFactorization f("Amesos_Mumps", MPI_COMM_WORLD);
    f.factorize(s.a0, {});
    s.change();
    EXPECT_GT(s.relative_residual(f), 1e-2); // the stale factorisation

    ASSERT_TRUE(f.update(s.a, changed_dofs(), 100));
    EXPECT_EQ(f.rank(), 8u); // 50-55, 120, 121
    EXPECT_LT(s.relative_residual(f), 1e-12);

    // Updating again with no new candidates keeps it exact.
    ASSERT_TRUE(f.update(s.a, {}, 100));
    EXPECT_LT(s.relative_residual(f), 1e-12);
  }


  TEST(UpdatedFactorization, DoesNotSeeChangesOutsideTheCandidates)
  {
    System               s;
    UpdatedFactorization f("Amesos_Mumps", MPI_COMM_WORLD);
    f.factorize(s.a0, {});
    s.change();
    if (s.owned.is_element(10))
      s.a.add(10, 90, 4.);
    s.a.compress(VectorOperation::add);
    ASSERT_TRUE(f.update(s.a, changed_dofs(), 100));
    EXPECT_GT(s.relative_residual(f), 1e-6);
  }


  TEST(UpdatedFactorization, RefusesToGrowBeyondItsLargestRank)
  {
    System               s;
    UpdatedFactorization f("Amesos_Mumps", MPI_COMM_WORLD);
    f.factorize(s.a0, {});
    s.change();
    const std::vector<types::global_dof_index> block = {120, 121};
    const unsigned int rank = Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
    ASSERT_TRUE(f.update(
      s.a, rank == 0 ? block : std::vector<types::global_dof_index>(), 4));
    EXPECT_EQ(f.rank(), 2u);
    EXPECT_FALSE(f.update(s.a, changed_dofs(), 4));
    EXPECT_EQ(f.rank(), 2u);
    EXPECT_GT(s.relative_residual(f), 1e-2); // only the (120, 121) change
  }


  TEST(UpdatedFactorization, LeavesConstrainedRowsOutOfTheFactorisation)
  {
    System                          s;
    const std::vector<unsigned int> constrained = {0, 1, 2, 99, 100, 199};
    s.decouple(constrained);
    IndexSet unknowns = s.owned, decoupled(n);
    for (const unsigned int d : constrained)
      decoupled.add_index(d);
    unknowns.subtract_set(decoupled);
    UpdatedFactorization reduced("Amesos_Mumps", MPI_COMM_WORLD);
    reduced.factorize(s.a0, {}, unknowns);
    s.a.copy_from(s.a0);
    EXPECT_LT(s.relative_residual(reduced), 1e-12);

    // The same pattern with other values: numeric phase only, and exact.
    for (const auto i : s.owned)
      s.a.set(i, i, 9. + std::cos(double(i)));
    s.a.compress(VectorOperation::insert);
    reduced.factorize(s.a, {}, unknowns);
    EXPECT_EQ(reduced.n_symbolic_factorizations(), 1u);
    EXPECT_LT(s.relative_residual(reduced), 1e-12);

    // The low-rank correction on the unknowns of the changed block, and a
    // new diagonal entry of a constrained row (condensation scales them
    // with the cells' diagonals, so they change with the faces).
    reduced.factorize(s.a0, {}, unknowns);
    s.a.copy_from(s.a0);
    s.change();
    if (s.owned.is_element(99))
      s.a.set(99, 99, 3.5);
    s.a.compress(VectorOperation::insert);
    ASSERT_TRUE(reduced.update(s.a, changed_dofs(), 100));
    EXPECT_LT(s.relative_residual(reduced), 1e-12);
  }
} // namespace
