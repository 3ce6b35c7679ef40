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
} // namespace
