#include <bendsim/collective.h>
#include <bendsim/input_error.h>
#include <bendsim/output_failure.h>
#include <bendsim/solver_failure.h>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <deal.II/base/mpi.h>
#include <string>
#include <utility>

namespace bendsim
{
  namespace
  {
    /** What a rank saw; sent as an int with the message. */
    enum class Failure
    {
      none,
      input,
      output,
      solver,
      other
    };
  } // namespace


  void
  run_collectively(const MPI_Comm comm, const std::function<void()> &work)
  {
    Failure     failure = Failure::none;
    std::string message;
    // The most specific type first: InputError, OutputFailure and
    // SolverFailure are all std::runtime_errors.
    try
      {
        work();
      }
    catch (const InputError &e)
      {
        failure = Failure::input;
        message = e.what();
      }
    catch (const OutputFailure &e)
      {
        failure = Failure::output;
        message = e.what();
      }
    catch (const SolverFailure &e)
      {
        failure = Failure::solver;
        message = e.what();
      }
    catch (const std::exception &e)
      {
        failure = Failure::other;
        message = e.what();
      }

    const auto outcomes = dealii::Utilities::MPI::all_gather(
      comm, std::make_pair(static_cast<int>(failure), message));
    for (const auto &[kind, text] : outcomes)
      switch (static_cast<Failure>(kind))
        {
          case Failure::none:
            continue;
          case Failure::input:
            throw InputError(text);
          case Failure::output:
            throw OutputFailure(text);
          case Failure::solver:
            throw SolverFailure(text);
          case Failure::other:
            throw std::runtime_error(text);
        }
  }
} // namespace bendsim
