// CyclingDriver: the cycle loop of cyclic runs.

#include <bendsim/cycling_driver.h>
#include <bendsim/laminate.h>
#include <bendsim/output.h>
#include <bendsim/stop_request.h>
#include <deal.II/base/mpi.h>
#include <iomanip>
#include <stdexcept>

namespace bendsim
{
  CyclingDriver::CyclingDriver(const RunParameters &parameters,
                               const MPI_Comm       mpi_communicator,
                               OutputFolder        *output,
                               const dealii::ConditionalOStream &pcout)
    : parameters(parameters)
    , stack(parameters.stack)
    , mpi_communicator(mpi_communicator)
    , output(output)
    , pcout(pcout)
    , schedule(parameters.cycling)
    , device(parameters.device)
  {
  }


  void
  CyclingDriver::run(CyclicModel         &model,
                     RunResults          &results,
                     const dealii::Timer &wall_timer)
  {
    CycleCounter counter;
    if (parameters.resume)
      counter = model.read_checkpoint(results);
    recent.clear();
    unsigned int solved_since_a_checkpoint = 0;
    const auto   stop_here                 = [&]() {
      model.write_checkpoint(counter, results);
      results.interrupted = true;
      pcout << "  stop requested (SIGTERM or SIGINT): checkpoint written "
                                 "before cycle "
            << counter.next_cycle << "; continue with\n    bendsim --resume "
            << output->path() << '\n';
    };
    while (true)
      {
        const unsigned int cycle = counter.next_cycle;
        model.save_cycle_start();
        unsigned int newton_iterations = 0;
        try
          {
            newton_iterations = model.solve_peak(cycle == 1);
          }
        catch (const StopRequested &)
          {
            if (!output)
              throw std::runtime_error("stopped by SIGTERM or SIGINT");
            model.restore_cycle_start();
            stop_here();
            return;
          }
        catch (const std::runtime_error &)
          {
            // The state the solve failed in, for a look in ParaView.
            if (output && parameters.output.write_vtu)
              model.write_fields(cycle);
            throw;
          }

        StepResult r = model.measure_peak(results.steps.size() + 1);
        if (parameters.loading.type == LoadingType::cyclic_bending &&
            (schedule.is_output_cycle(cycle) ||
             device.needs_flat_state(r.damage)))
          model.measure_flat(r.damage);
        r.newton_iterations = newton_iterations;
        r.cycle             = cycle;
        r.cycle_jump        = counter.jump;
        r.jump_limit        = counter.jump_limit;
        r.device            = device.state(r.damage);
        results.steps.push_back(r);
        record_first_cracks(stack, r, cycle, results);

        const double elapsed = wall_timer.wall_time();
        print_progress(r, elapsed, estimated_time_left(cycle, elapsed));
        if (output)
          {
            if (parameters.output.write_vtu && schedule.is_output_cycle(cycle))
              model.write_fields(cycle);
            output->write_history_row(r);
          }
        if (cycle >= parameters.cycling.number_of_cycles)
          break;

        const auto [cycles, limit] =
          schedule.jumps_from(cycle) ?
            model.fatigue_cycle_jump() :
            std::pair<double, JumpLimit>(1., JumpLimit::explicit_cycle);
        std::tie(counter.jump, counter.jump_limit) =
          schedule.jump(cycle, cycles, limit);
        model.apply_fatigue(counter.jump);
        counter.next_cycle = cycle + counter.jump;

        const bool stop =
          dealii::Utilities::MPI::max(int(stop_requested()), mpi_communicator);
        if (output && stop)
          {
            stop_here();
            return;
          }
        const unsigned int interval = parameters.output.checkpoint_interval;
        if (output && interval > 0 && ++solved_since_a_checkpoint >= interval)
          {
            model.write_checkpoint(counter, results);
            solved_since_a_checkpoint = 0;
          }
      }
  }


  double
  CyclingDriver::estimated_time_left(const unsigned int cycle,
                                     const double       elapsed)
  {
    // The pace of the last few solved peaks: jumps lengthen as the run goes
    // on, so the pace since the start would overestimate what is left.
    constexpr unsigned int window = 8;
    recent.emplace_back(elapsed, cycle);
    if (recent.size() > window)
      recent.erase(recent.begin());
    const unsigned int left = parameters.cycling.number_of_cycles - cycle;
    const auto [oldest_time, oldest_cycle] = recent.front();
    if (cycle == oldest_cycle)
      return elapsed * left;
    return (elapsed - oldest_time) * left / (cycle - oldest_cycle);
  }


  void
  CyclingDriver::print_progress(const StepResult &r,
                                const double      elapsed,
                                const double      eta) const
  {
    pcout << "  cycle " << std::setw(6) << r.cycle << " (+" << std::setw(4)
          << r.cycle_jump << ")  cracks";
    for (unsigned int k = 0; k < stack.n_layers(); ++k)
      if (stack.layer(k).crackable)
        pcout << ' ' << stack.layer(k).name << ' ' << std::setw(3)
              << r.damage.cracks[k];
    pcout << "  PCE " << std::setw(6) << std::setprecision(4)
          << r.device.performance.efficiency << " % (" << std::setw(5)
          << std::setprecision(4) << 100. * r.device.pce_retention << " %)";
    pcout << "  elapsed " << std::setprecision(3) << elapsed << " s  ETA "
          << std::setprecision(3) << eta << " s\n";
  }


  void
  record_first_cracks(const Stack       &stack,
                      const StepResult  &step,
                      const unsigned int cycle,
                      RunResults        &results)
  {
    for (unsigned int k = 0; k < stack.n_layers(); ++k)
      if (!results.first_crack[k].cracked && step.damage.cracks[k] > 0)
        results.first_crack[k] = {
          true,
          step.curvature,
          laminate::axial_strain(stack.layer(k).top,
                                 stack.laminate_neutral_axis_height(),
                                 step.curvature),
          cycle};
  }
} // namespace bendsim
