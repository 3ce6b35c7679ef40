// run_collectively: an error that one rank meets ends every rank the same way,
// instead of leaving the others waiting in their next collective operation.
// Run on 1 and 2 ranks (verification.mpirun=N); on 1 rank the failing rank is
// rank 0 itself.
#include <bendsim/collective.h>
#include <bendsim/input_error.h>
#include <bendsim/output_failure.h>
#include <bendsim/solver_failure.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>

namespace
{
  using namespace bendsim;

  unsigned int
  rank()
  {
    return dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
  }

  unsigned int
  last_rank()
  {
    return dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) - 1;
  }

  // What every rank caught when only the last rank throws @p Error.
  template <typename Caught, typename Thrown>
  std::string
  caught_when_the_last_rank_throws(const Thrown &error)
  {
    try
      {
        run_collectively(MPI_COMM_WORLD, [&]() {
          if (rank() == last_rank())
            throw error;
        });
      }
    catch (const Caught &e)
      {
        return e.what();
      }
    return "nothing";
  }

  TEST(RunCollectively, AnInputErrorOfOneRankEndsEveryRank)
  {
    const std::string message =
      caught_when_the_last_rank_throws<InputError>(InputError("out is a file"));
    EXPECT_NE(message.find("out is a file"), std::string::npos) << message;
  }

  TEST(RunCollectively, KeepsTheTypeOfOutputAndSolverFailures)
  {
    EXPECT_NE(caught_when_the_last_rank_throws<OutputFailure>(
                OutputFailure("disk full"))
                .find("disk full"),
              std::string::npos);
    EXPECT_NE(caught_when_the_last_rank_throws<SolverFailure>(
                SolverFailure("no convergence"))
                .find("no convergence"),
              std::string::npos);
  }

  TEST(RunCollectively, AnyOtherExceptionArrivesAsARuntimeError)
  {
    EXPECT_EQ(caught_when_the_last_rank_throws<std::runtime_error>(
                std::domain_error("fatigue law: damage not in [0, 1)")),
              "fatigue law: damage not in [0, 1)");
  }

  TEST(RunCollectively, NothingThrownWhenNoRankFails)
  {
    int calls = 0;
    EXPECT_NO_THROW(run_collectively(MPI_COMM_WORLD, [&]() { ++calls; }));
    EXPECT_EQ(calls, 1);
    // The ranks are still in step: a collective operation afterwards completes.
    EXPECT_EQ(dealii::Utilities::MPI::sum(1, MPI_COMM_WORLD),
              int(last_rank() + 1));
  }
} // namespace
