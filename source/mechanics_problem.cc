// run_bending and the drivers of MechanicsProblem: run, the monotonic load
// ramp and its load stepping with cut-back. The other members are defined in
// the mechanics_problem_*.cc files (see mechanics_problem_class.h).

#include "mechanics_problem_class.h"

#include <bendsim/mechanics_problem.h>
#include <bendsim/mesh.h>
#include <bendsim/solver_failure.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>
#include <filesystem>
#include <iomanip>
#include <stdexcept>
#include <string>

namespace bendsim
{
  using namespace dealii;

  namespace internal
  {
    // Load factor @p from -> @p to in equal steps of at most 1/(load steps);
    // a step that does not converge is halved (and retried) down to the
    // minimum load step, where it throws with the last converged state in
    // place. @p on_step is called after every accepted step.
    template <int dim>
    void
    MechanicsProblem<dim>::ramp(
      const double                                     from,
      const double                                     to,
      const std::function<void(double, StepResult &)> &on_step)
    {
      const SolverParameters &solver       = parameters.solver;
      const double            nominal_step = 1. / parameters.bending.load_steps;
      const double            direction    = to > from ? 1. : -1.;
      double                  load_factor  = from;
      double                  step         = nominal_step;
      while (direction * (to - load_factor) > 1e-12)
        {
          const double target =
            direction *
            std::min(direction * to, direction * load_factor + step);
          StepResult r;
          if (!advance_to(target, std::abs(target - load_factor), r))
            {
              step *= 0.5;
              pcout << "    step to load factor " << target
                    << " did not converge; cutting the step to " << step
                    << '\n';
              if (step < solver.minimum_load_step)
                {
                  // The caller writes the last converged state, under its
                  // own label (step or cycle).
                  throw SolverFailure(
                    "the load step to load factor " + std::to_string(target) +
                    " did not converge even at the minimum load step (" +
                    std::to_string(solver.minimum_load_step) +
                    "). The last converged state (load factor " +
                    std::to_string(load_factor) + ") is in " +
                    parameters.output_folder +
                    ". Try a Fracture/Viscosity > 0 "
                    "or more load steps.");
                }
              continue;
            }
          load_factor = target;
          step        = std::min(nominal_step, 2. * step);
          on_step(load_factor, r);
        }
    }


    // The residual stresses of processing, before the first bend: the flat
    // stack (load factor 0) in equilibrium with its layers' eigenstrains. In
    // the bending types the end faces stay plane and unrotated at load 0, so
    // the stack is held flat, as the bending rig holds it between bends, and
    // every bend imposes the total curvature; with free ends it takes its
    // own residual curvature. Faces that reach their strength under the
    // residual stresses alone turn cohesive here. The solved state is the
    // flat reference from which the cycles ramp. Without eigenstrains the
    // flat state is u = 0 and nothing is solved.
    template <int dim>
    void
    MechanicsProblem<dim>::solve_residual_state()
    {
      if (!stack.has_eigenstrain())
        return;
      StepResult r;
      if (!advance_to(0., 1., r))
        throw SolverFailure(
          "the residual stress state (the flat stack under its layers' "
          "eigenstrains, before the first bend) did not converge; check "
          "Stack/Layer/Residual stress and Processing temperature change");
      flat_state = current;
      pcout << "  residual stress state: Newton " << r.newton_iterations
            << ", faces reaching their strength re-solved "
            << r.activation_passes << " time(s)\n";
    }


    template <int dim>
    void
    MechanicsProblem<dim>::run_monotonic(RunResults  &results,
                                         const Timer &wall_timer)
    {
      unsigned int n_accepted    = 0;
      double       last_accepted = 0; // load factor
      const auto   on_step = [&](const double load_factor, StepResult &r) {
        ++n_accepted;
        last_accepted              = load_factor;
        const StepResult measured  = record_state(n_accepted, load_factor);
        const double     curvature = measured.curvature;
        r.step                     = measured.step;
        r.load_factor              = measured.load_factor;
        r.curvature                = measured.curvature;
        r.measured_curvature       = measured.measured_curvature;
        r.neutral_axis_height      = measured.neutral_axis_height;
        r.layers                   = measured.layers;
        r.damage                   = measured.damage;
        if (is_double_cantilever_beam(parameters.loading.type))
          {
            r.load_point_opening =
              load_factor * parameters.loading.opening_displacement;
            r.load_point_force = load_point_force;
          }
        results.steps.push_back(r);

        record_first_cracks(stack, r, 0, results);

        unsigned int total_cracks = 0;
        for (const unsigned int c : r.damage.cracks)
          total_cracks += c;
        pcout << "  step " << std::setw(4) << n_accepted << "  load "
              << std::setw(6) << std::setprecision(4) << load_factor;
        if (parameters.loading.type == LoadingType::bending)
          pcout << "  R = " << std::setw(9) << std::setprecision(5)
                << 1. / std::abs(curvature) / 1000. << " mm"
                << "  top strain " << std::setw(7) << std::setprecision(4)
                << 100. * r.layers.back().top_axial_strain << " %";
        else if (parameters.loading.type == LoadingType::free_ends)
          pcout << "  measured curvature " << std::setw(10)
                << std::setprecision(5) << 1000. * r.measured_curvature
                << " 1/mm  top strain " << std::setw(9) << std::setprecision(4)
                << 100. * r.layers.back().top_axial_strain << " %";
        else
          pcout << "  opening " << std::setw(8) << std::setprecision(4)
                << r.load_point_opening << " um  force " << std::setw(9)
                << std::setprecision(4) << r.load_point_force << " uN";
        pcout << "  cracks " << std::setw(4) << total_cracks
              << "  damaged faces " << std::setw(5) << r.damage.damaged_faces
              << "  Newton " << std::setw(3) << r.newton_iterations
              << "  elapsed " << std::setprecision(3) << wall_timer.wall_time()
              << " s\n";
        if (output)
          {
            if (parameters.output.write_vtu)
              output_results(n_accepted, load_factor);
            output->write_history_row(r);
          }
      };
      try
        {
          ramp(0., 1., on_step);
        }
      catch (const std::runtime_error &)
        {
          if (output && parameters.output.write_vtu)
            output_results(n_accepted + 1, last_accepted);
          throw;
        }
    }


    template <int dim>
    RunResults
    MechanicsProblem<dim>::run()
    {
      Timer      wall_timer(mpi_communicator, true);
      RunResults results;
      results.n_ranks = Utilities::MPI::n_mpi_processes(mpi_communicator);
      results.first_crack.resize(stack.n_layers());

      pcout << "bendsim: " << parameters.case_file << ", " << dim << "D, "
            << results.n_ranks << " MPI rank(s)\n";
      setup_system();
      results.n_dofs     = dof_handler.n_dofs();
      results.n_unknowns = n_unknowns();
      results.n_cells    = triangulation.n_global_active_cells();
      results.max_aspect_ratio =
        max_cell_aspect_ratio(triangulation, mpi_communicator);
      pcout << "  mesh: " << results.n_cells << " cells, " << results.n_dofs
            << " DoFs (" << results.n_unknowns
            << " unknowns), largest cell aspect ratio " << std::setprecision(3)
            << results.max_aspect_ratio << ", " << n_potential_crack_faces()
            << " potential crack faces\n";
      if (parameters.resume && !output)
        throw std::runtime_error("a run resumes only into its output folder");
      if (output && !parameters.resume)
        output->prepare();

      solve_residual_state();
      if (is_cyclic(parameters.loading.type))
        CyclingDriver(parameters, mpi_communicator, output.get(), pcout)
          .run(*this, results, wall_timer);
      else
        run_monotonic(results, wall_timer);

      const auto times   = timer.get_summary_data(TimerOutput::total_wall_time);
      const auto time_of = [&](const std::string &name) {
        const auto it = times.find(name);
        return it == times.end() ? 0. : it->second;
      };
      results.setup_time    = time_of("setup");
      results.assembly_time = time_of("assembly") + time_of("linear assembly");
      results.solve_time    = time_of("solve");
      results.factorization_time = time_of("factorization");
      const auto calls           = timer.get_summary_data(TimerOutput::n_calls);
      const auto calls_of        = [&](const std::string &name) {
        const auto it = calls.find(name);
        return it == calls.end() ? 0u : static_cast<unsigned int>(it->second);
      };
      results.n_linear_solves        = calls_of("solve");
      results.n_factorizations       = calls_of("factorization");
      results.n_back_substitutions   = calls_of("back substitution");
      results.back_substitution_time = time_of("back substitution");
      results.low_rank_update_time   = time_of("low-rank update");
      results.output_time            = time_of("output");
      results.wall_time              = wall_timer.wall_time();

      Utilities::System::MemoryStats memory;
      Utilities::System::get_memory_stats(memory);
      const double peak_mb    = memory.VmHWM / 1024.;
      results.peak_memory_max = Utilities::MPI::max(peak_mb, mpi_communicator);
      results.peak_memory_sum = Utilities::MPI::sum(peak_mb, mpi_communicator);

      if (output && !results.interrupted)
        {
          output->write_summary(results);
          // A finished run has nothing to resume: a later --resume, or a
          // sweep that re-runs the point, must start it afresh.
          if (Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
            std::filesystem::remove(output->path() + "checkpoint.bin");
          pcout << "  results in " << output->path() << " (wall time "
                << std::setprecision(3) << results.wall_time << " s)\n";
          if (parameters.output.write_vtu)
            pcout << "  to look at it: paraview " << output->path()
                  << "solution.pvd   (numbers: history.csv, summary.json)\n";
        }
      return results;
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                        \
  template void MechanicsProblem<dim>::solve_residual_state();          \
                                                                        \
  template void MechanicsProblem<dim>::ramp(                            \
    double, double, const std::function<void(double, StepResult &)> &); \
                                                                        \
  template void MechanicsProblem<dim>::run_monotonic(RunResults &,      \
                                                     const Timer &);    \
                                                                        \
  template RunResults MechanicsProblem<dim>::run()

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal


  template <int dim>
  RunResults
  run_bending(const RunParameters &parameters,
              const MPI_Comm       mpi_communicator,
              const bool           write_output)
  {
    internal::MechanicsProblem<dim> problem(parameters,
                                            mpi_communicator,
                                            write_output);
    return problem.run();
  }


  template RunResults
  run_bending<2>(const RunParameters &, MPI_Comm, bool);
  template RunResults
  run_bending<3>(const RunParameters &, MPI_Comm, bool);
} // namespace bendsim
