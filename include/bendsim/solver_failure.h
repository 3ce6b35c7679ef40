#ifndef bendsim_solver_failure_h
#define bendsim_solver_failure_h

#include <stdexcept>

namespace bendsim
{
  /**
   * The nonlinear solution failed: a load step did not converge even at
   * Solver/Minimum load step, or the residual-stress state did not. The last
   * converged state has been written to the output folder; the message says
   * what to try. main() exits with status 4.
   */
  class SolverFailure : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };
} // namespace bendsim

#endif
