// bendsim: bending of layered flexible solar cells, from a parameter file.
//
//   mpirun -np N bendsim case.prm
//   mpirun -np N bendsim --resume <output folder>
//   bendsim --help | --print-parameters

#include <bendsim/input_error.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <bendsim/stop_request.h>
#include <deal.II/base/mpi.h>
#include <iostream>
#include <string>

namespace
{
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
         "  bendsim --print-parameters      every entry with its default, unit\n"
         "                                  and documentation\n"
         "  bendsim --help                  this text\n"
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

  const std::string argument = argc > 1 ? argv[1] : "";
  const bool        resume   = argc == 3 && argument == "--resume";
  if ((argc != 2 && !resume) || (argument == "--resume" && !resume) ||
      argument == "--help" || argument == "-h")
    {
      const bool asked = argc == 2 && argument != "--resume";
      if (root)
        print_usage(asked ? std::cout : std::cerr);
      return asked ? 0 : 2;
    }
  if (argument == "--print-parameters")
    {
      if (root)
        RunParameters::print_documentation(std::cout);
      return 0;
    }

  try
    {
      // Every rank reads and validates the input itself, so bad input ends
      // every rank the same way, before any collective operation or any
      // file is written.
      const RunParameters parameters =
        resume ? RunParameters::read_for_resume(argv[2]) :
                 RunParameters::read(argument);
      // SIGTERM/SIGINT end a cyclic run with a checkpoint (exit status 3)
      // instead of killing it.
      if (is_cyclic(parameters.loading.type))
        install_stop_request_handlers();
      const RunResults results = parameters.dimension == 2 ?
                                   run_bending<2>(parameters, MPI_COMM_WORLD) :
                                   run_bending<3>(parameters, MPI_COMM_WORLD);
      if (results.interrupted)
        return 3;
    }
  catch (const InputError &e)
    {
      if (root)
        std::cerr << "bendsim: error in the input: " << e.what() << std::endl;
      return 1;
    }
  catch (const std::exception &e)
    {
      if (root)
        std::cerr << "\n----------------------------------------------------\n"
                  << "bendsim stopped with an error:\n"
                  << e.what() << "\nAborting!\n"
                  << "----------------------------------------------------"
                  << std::endl;
      return 1;
    }
  return 0;
}
