#ifndef bendsim_collective_h
#define bendsim_collective_h

#include <functional>
#include <mpi.h>

namespace bendsim
{
  /**
   * Run @p work on every rank of @p comm (it may do nothing on some, e.g.
   * write a file on rank 0 only), then share its outcome: if it threw on any
   * rank, every rank throws the failure of the lowest such rank, as the same
   * type (InputError, OutputFailure, SolverFailure; any other exception as
   * std::runtime_error) with the same message. So an error seen by one rank
   * ends every rank the same way, with the same exit status, instead of
   * leaving the others waiting in their next collective operation.
   *
   * Collective: every rank of @p comm must call it.
   */
  void
  run_collectively(MPI_Comm comm, const std::function<void()> &work);
} // namespace bendsim

#endif
