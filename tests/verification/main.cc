// GoogleTest entry point for tests that run the finite-element solver under
// MPI: every rank runs every test; only rank 0 prints.
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  ::testing::InitGoogleTest(&argc, argv);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    {
      auto &listeners = ::testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
  return RUN_ALL_TESTS();
}
