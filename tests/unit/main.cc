// GoogleTest entry point for the unit tests: deal.II's MPI set-up (one rank)
// because the library's parameter reading may use MPI utilities.
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
