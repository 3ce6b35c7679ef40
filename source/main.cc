// bendsim: bending of layered flexible solar cells, from a parameter file.
//
//   mpirun -np N bendsim case.prm
//   mpirun -np N bendsim --resume <output folder>
//   bendsim --validate case.prm
//   ... --set "Subsection/Entry=value" (repeatable): override case entries
//   bendsim --help | --version | --print-parameters

#include <bendsim/input_error.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/output_failure.h>
#include <bendsim/parameter_reader.h>
#include <bendsim/parameters.h>
#include <bendsim/solver_failure.h>
#include <bendsim/stop_request.h>
#include <bendsim_revision.h>
#include <deal.II/base/mpi.h>
#include <iostream>
#include <string>
#include <vector>

namespace
{
  /** Exit statuses, listed by --help. */
  enum ExitStatus
  {
    done           = 0,
    bad_input      = 1,
    usage          = 2,
    stopped        = 3,
    solver_failure = 4,
    output_failure = 5
  };


  void
  print_usage(std::ostream &out)
  {
    out
      << "bendsim: finite-element bending of layered flexible solar cells\n"
         "\n"
         "usage:\n"
         "  mpirun -np N bendsim case.prm   run the case in the parameter file\n"
         "  mpirun -np N bendsim --resume <output folder>\n"
         "                                  continue a cyclic run from its\n"
         "                                  checkpoint (any number of ranks)\n"
         "  bendsim --validate case.prm     read and check the case (and its\n"
         "                                  material library and mesh file)\n"
         "                                  without running it or writing\n"
         "                                  anything\n"
         "  --set \"Subsection/Entry=value\"  with a run, --validate or --resume:\n"
         "                                  override an entry of the case file\n"
         "                                  (\"Entry=value\" at the top level,\n"
         "                                  \"A/B/Entry=value\" nested); may be\n"
         "                                  repeated, the last one wins. The\n"
         "                                  value is checked like one in the\n"
         "                                  file, and parameters.prm in the\n"
         "                                  output folder records it. With\n"
         "                                  --resume it may only repeat a value\n"
         "                                  of the run\n"
         "  bendsim --print-parameters      every entry with its default, unit\n"
         "                                  and documentation\n"
         "  bendsim --version               version, git revision, deal.II\n"
         "  bendsim --help                  this text\n"
         "\n"
         "Exit status: 0 done; 1 bad input (the message names the file and\n"
         "entry) or an unexpected error; 2 bad command line; 3 stopped by\n"
         "SIGTERM or SIGINT with a checkpoint (continue with --resume);\n"
         "4 the solver failed (the last converged state is written);\n"
         "5 an output file could not be written, e.g. on a full disk (the\n"
         "message names it; the newest checkpoint stays readable).\n"
         "\n"
         "Units: lengths in µm, moduli and stresses in MPa, bending radius\n"
         "in mm. Results go to the case's 'Output folder' (default\n"
         "output/<case name>): solution.pvd (ParaView), history.csv,\n"
         "summary.json, parameters.prm and materials.prm as used.\n"
         "Examples: parameters/qd_device.prm, parameters/thin_film_device.prm\n";
  }
} // namespace


int
main(int argc, char *argv[])
{
  using namespace bendsim;
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  // Progress lines appear at once, also when the output goes to a file.
  std::cout.setf(std::ios::unitbuf);
  const bool root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  // The overrides "--set Subsection/Entry=value" (or "--set=...") may stand
  // anywhere; the other arguments are read as if they were not there.
  std::vector<std::string> arguments, overrides;
  for (int i = 1; i < argc; ++i)
    {
      const std::string a = argv[i];
      if (a == "--set" || a.rfind("--set=", 0) == 0)
        {
          if (a == "--set" && i + 1 == argc)
            {
              if (root)
                {
                  std::cerr << "bendsim: --set needs an argument "
                               "\"Subsection/Entry=value\"\n\n";
                  print_usage(std::cerr);
                }
              return usage;
            }
          const std::string o = a == "--set" ? argv[++i] : a.substr(6);
          if (!parameter_reader::is_entry_override(o))
            {
              if (root)
                {
                  std::cerr << "bendsim: --set " << o
                            << ": not of the form \"Subsection/Entry=value\" "
                               "(\"Entry=value\" for a top-level entry)\n\n";
                  print_usage(std::cerr);
                }
              return usage;
            }
          overrides.push_back(o);
        }
      else
        arguments.push_back(a);
    }
  const std::size_t n_arguments = arguments.size();

  const std::string argument = n_arguments > 0 ? arguments[0] : "";
  const bool        resume   = n_arguments == 2 && argument == "--resume";
  const bool        validate = n_arguments == 2 && argument == "--validate";
  const bool with_operand = argument == "--resume" || argument == "--validate";
  if ((n_arguments != 1 && !resume && !validate) ||
      (with_operand && n_arguments != 2) || argument == "--help" ||
      argument == "-h")
    {
      const bool asked = n_arguments == 1 && !with_operand;
      if (root)
        print_usage(asked ? std::cout : std::cerr);
      return asked ? done : usage;
    }
  if (!overrides.empty() &&
      (argument == "--print-parameters" || argument == "--version"))
    {
      if (root)
        {
          std::cerr << "bendsim: --set applies to a case: a run, --validate "
                       "or --resume\n\n";
          print_usage(std::cerr);
        }
      return usage;
    }
  if (argument == "--print-parameters")
    {
      if (root)
        RunParameters::print_documentation(std::cout);
      return done;
    }
  if (argument == "--version")
    {
      if (root)
        std::cout << "bendsim " << BENDSIM_VERSION << " (git "
                  << BENDSIM_GIT_REVISION << "), deal.II "
                  << BENDSIM_DEAL_II_VERSION << '\n';
      return done;
    }
  if (!with_operand && argument.size() > 1 && argument[0] == '-')
    {
      if (root)
        {
          std::cerr << "bendsim: unknown option " << argument << "\n\n";
          print_usage(std::cerr);
        }
      return usage;
    }

  try
    {
      // Every rank reads and validates the input itself, so bad input ends
      // every rank the same way, before any collective operation or any
      // file is written.
      const std::string case_file = with_operand ? arguments[1] : argument;
      RunParameters     parameters =
        resume ? RunParameters::read_for_resume(case_file, overrides) :
                     RunParameters::read(case_file, "", overrides);
      parameters.command_line.assign(argv, argv + argc);
      if (validate)
        {
          if (root)
            std::cout << "bendsim: " << case_file
                      << (overrides.empty() ? "" : " with its --set overrides")
                      << " is a valid case (" << parameters.dimension << "D, "
                      << parameters.stack.n_layers() << " layers)\n";
          return done;
        }
      // SIGTERM/SIGINT end a cyclic run with a checkpoint (exit status 3)
      // instead of killing it.
      if (is_cyclic(parameters.loading.type))
        install_stop_request_handlers();
      const RunResults results = parameters.dimension == 2 ?
                                   run_bending<2>(parameters, MPI_COMM_WORLD) :
                                   run_bending<3>(parameters, MPI_COMM_WORLD);
      if (results.interrupted)
        return stopped;
    }
  catch (const InputError &e)
    {
      if (root)
        std::cerr << "bendsim: error in the input: " << e.what() << std::endl;
      return bad_input;
    }
  catch (const SolverFailure &e)
    {
      if (root)
        std::cerr << "bendsim: the solver failed: " << e.what() << std::endl;
      return solver_failure;
    }
  catch (const OutputFailure &e)
    {
      if (root)
        std::cerr << "bendsim: cannot write the output: " << e.what()
                  << std::endl;
      return output_failure;
    }
  catch (const std::exception &e)
    {
      // An unexpected error may have been raised on this rank alone, while
      // the others wait in a collective operation: report it from here and
      // end every rank.
      const unsigned int rank =
        dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
      const unsigned int n_ranks =
        dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
      if (root || n_ranks > 1)
        std::cerr << "\n----------------------------------------------------\n"
                  << "bendsim stopped with an error"
                  << (n_ranks > 1 ? " on rank " + std::to_string(rank) : "")
                  << ":\n"
                  << e.what() << "\nAborting!\n"
                  << "----------------------------------------------------"
                  << std::endl;
      if (n_ranks > 1)
        MPI_Abort(MPI_COMM_WORLD, bad_input);
      return bad_input;
    }
  return done;
}
