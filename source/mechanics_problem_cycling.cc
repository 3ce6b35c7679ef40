// MechanicsProblem: cyclic bending: the peak of a cycle, the device state
// seen by the cell model, and the cycle loop (fatigue and cycle jumps are in
// mechanics_problem_fatigue.cc).

#include "mechanics_problem_class.h"

#include <algorithm>
#include <bendsim/cycle_schedule.h>
#include <bendsim/fatigue_law.h>
#include <bendsim/laminate.h>
#include <bendsim/solar_cell.h>
#include <bendsim/stop_request.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <iomanip>
#include <limits>

namespace bendsim
{
  using namespace dealii;

  namespace internal
  {
    // The peak of one cycle: the bend to the radius (for fully reversed
    // cycles first the bend the other way). The secant unloading of the
    // cohesive law takes the stack back to the flat state (stress-free, or
    // under its residual stresses only), so only the peaks need solving;
    // between cycles only the fatigue damage changes, and the last peak is
    // the starting guess of the next. If that direct re-solve fails (a burst
    // of new cracks), the cycle is reloaded from flat in load steps with
    // cut-back, starting from the solved flat state (flat_state: zero
    // displacement without eigenstrains).
    template <int dim>
    unsigned int
    MechanicsProblem<dim>::solve_cycle_peak(const bool from_flat)
    {
      unsigned int newton_iterations = 0;
      const auto   count             = [&](double, StepResult &r) {
        newton_iterations += r.newton_iterations;
      };
      // A hold at the peak over the pseudo-time increment dt (in cycles):
      // with Fracture/Viscosity > 0, a crack that snaps through at the
      // fixed curvature is followed by holds short enough for the viscous
      // damage to lag (dt down to the viscosity), then longer ones again.
      // The first hold starts with the increment that the last cycle's first
      // hold converged with (ten times longer if no face reached its
      // strength in it): cracks that keep snapping through cycle after cycle
      // then cost one short hold instead of a failed long one first.
      const auto hold = [&](const double load_factor) {
        const double viscosity = parameters.fracture.viscosity;
        const double shortest  = viscosity > 0 ? 0.1 * viscosity : 1.;
        double       dt        = first_hold_increment;
        double       elapsed   = 0.;
        while (elapsed < 1.)
          {
            StepResult   r;
            const double increment = std::min(dt, 1. - elapsed);
            const bool   converged = advance_to(load_factor, increment, r);
            newton_iterations += r.newton_iterations;
            if (converged)
              {
                if (elapsed == 0.)
                  first_hold_increment = r.activation_passes == 0 ?
                                           std::min(1., 10. * increment) :
                                           increment;
                elapsed += increment;
                dt = std::min(1., 10. * dt);
              }
            else if ((dt *= 0.1) < shortest)
              return false;
          }
        return true;
      };
      const auto peak = [&](const double load_factor) {
        if (from_flat || !hold(load_factor))
          {
            current = flat_state;
            ramp(0., load_factor, count);
          }
      };
      if (parameters.cycling.fully_reversed)
        {
          peak(-1.);
          // The peak of the cycle for each face is the bend that loads it
          // more: its stress ratio, and its share of the crack fronts' J,
          // from whichever peak loads it harder.
          const std::vector<FaceHistory> reversed = face_history;
          current                                 = flat_state;
          ramp(0., 1., count);
          for (unsigned int i = 0; i < face_history.size(); ++i)
            {
              FaceHistory       &h = face_history[i];
              const FaceHistory &r = reversed[i];
              h.stress_ratio       = std::max(h.stress_ratio, r.stress_ratio);
              if (std::abs(r.j_integral) > std::abs(h.j_integral))
                {
                  h.j_integral      = r.j_integral;
                  h.largest_opening = r.largest_opening;
                  h.fracture_energy = r.fracture_energy;
                }
            }
        }
      else
        peak(1.);
      return newton_iterations;
    }


    // The crack openings with the stack bent back to flat, where the cell's
    // J-V curve is measured: zero without residual stress (the secant
    // unloading closes every face), open where a residual stress pulls the
    // crack faces apart. The flat state is solved from the peak and then
    // discarded: the cycle goes on from the peak as solved.
    template <int dim>
    std::vector<double>
    MechanicsProblem<dim>::flat_crack_openings()
    {
      const std::vector<FaceHistory>      peak_history = face_history;
      const TrilinosWrappers::MPI::Vector peak         = current;
      const double        peak_reference_residual      = reference_residual;
      std::vector<double> openings;
      StepResult          r;
      if (advance_to(0., 1., r))
        openings = measure_damage().largest_opening;
      face_history       = peak_history;
      current            = peak;
      solution           = current;
      reference_residual = peak_reference_residual;
      return openings;
    }


    // What the cell model sees of the cracks: channel cracks in the bottom
    // electrode; cracks through the absorber (the smallest density of its
    // layers: a shunt path needs a crack through all of them); the largest
    // delaminated fraction of the interfaces in the current path, from the
    // electrode's top upwards.
    template <int dim>
    DeviceState
    MechanicsProblem<dim>::device_state(const DamageMetrics   &metrics,
                                        const DiodeParameters &intact_cell,
                                        const double intact_efficiency) const
    {
      const DeviceParameters &device = parameters.device;
      const bool  has_electrode      = device.electrode < stack.n_layers();
      DeviceState state;
      if (has_electrode)
        state.damage.electrode_crack_density =
          metrics.crack_density[device.electrode];
      if (!device.absorbers.empty())
        {
          state.damage.absorber_crack_density =
            std::numeric_limits<double>::max();
          for (const unsigned int k : device.absorbers)
            state.damage.absorber_crack_density =
              std::min(state.damage.absorber_crack_density,
                       metrics.crack_density[k]);
        }
      for (unsigned int i = has_electrode ? device.electrode : 0;
           i < metrics.delaminated_fraction.size();
           ++i)
        state.damage.delaminated_fraction =
          std::max(state.damage.delaminated_fraction,
                   metrics.delaminated_fraction[i]);
      state.diode = damaged_cell(intact_cell, state.damage, device.coupling);
      state.performance       = evaluate_cell(state.diode);
      state.intact_efficiency = intact_efficiency;
      state.pce_retention = state.performance.efficiency / intact_efficiency;
      return state;
    }


    template <int dim>
    void
    MechanicsProblem<dim>::run_cycles(RunResults  &results,
                                      const Timer &wall_timer)
    {
      const CyclingParameters &cycling = parameters.cycling;
      const CycleSchedule      schedule(cycling);

      const DeviceParameters &device = parameters.device;
      const DiodeParameters   intact_cell =
        fit_diode_parameters(device.open_circuit_voltage,
                             device.short_circuit_current_density,
                             device.fill_factor,
                             device.ideality_factor,
                             device.shunt_resistance);
      const double intact_efficiency = evaluate_cell(intact_cell).efficiency;

      unsigned int cycle = 1;
      unsigned int jump  = 1;
      if (parameters.resume)
        read_checkpoint(cycle, jump, results);
      const unsigned int first_cycle               = cycle;
      unsigned int       solved_since_a_checkpoint = 0;
      const auto         stop_here = [&](const unsigned int next_cycle) {
        write_checkpoint(next_cycle, jump, results);
        results.interrupted = true;
        pcout << "  stop requested (SIGTERM or SIGINT): checkpoint written "
                         "before cycle "
              << next_cycle << "; continue with\n    bendsim --resume "
              << output->path() << '\n';
      };
      while (true)
        {
          cycle_start                    = {face_history,
                                            current,
                                            first_hold_increment,
                                            reference_residual};
          unsigned int newton_iterations = 0;
          try
            {
              newton_iterations = solve_cycle_peak(cycle == 1);
            }
          catch (const StopRequested &)
            {
              if (!output)
                throw std::runtime_error("stopped by SIGTERM or SIGINT");
              face_history         = cycle_start.face_history;
              current              = cycle_start.current;
              solution             = current;
              first_hold_increment = cycle_start.first_hold_increment;
              reference_residual   = cycle_start.reference_residual;
              stop_here(cycle);
              return;
            }
          catch (const std::runtime_error &)
            {
              if (output && parameters.output.write_vtu)
                output_results(cycle, cycle);
              throw;
            }

          StepResult r = record_state(results.steps.size() + 1, 1.);
          find_crack_fronts_on_lines();
          record_fronts(r.damage);
          if (schedule.is_output_cycle(cycle) &&
              parameters.loading.type == LoadingType::cyclic_bending)
            r.damage.largest_flat_opening = flat_crack_openings();
          r.newton_iterations = newton_iterations;
          r.cycle             = cycle;
          r.cycle_jump        = jump;
          r.jump_limit        = jump_limit;
          if (is_double_cantilever_beam(parameters.loading.type))
            {
              r.load_point_opening = parameters.loading.opening_displacement;
              r.load_point_force   = load_point_force;
            }
          r.device = device_state(r.damage, intact_cell, intact_efficiency);
          results.steps.push_back(r);
          for (unsigned int k = 0; k < stack.n_layers(); ++k)
            if (!results.first_crack[k].cracked && r.damage.cracks[k] > 0)
              results.first_crack[k] = {
                true,
                r.curvature,
                laminate::axial_strain(stack.layer(k).top,
                                       rotation_axis_height,
                                       r.curvature),
                cycle};

          pcout << "  cycle " << std::setw(6) << cycle << " (+" << std::setw(4)
                << jump << ")  cracks";
          for (unsigned int k = 0; k < stack.n_layers(); ++k)
            if (stack.layer(k).crackable)
              pcout << ' ' << stack.layer(k).name << ' ' << std::setw(3)
                    << r.damage.cracks[k];
          pcout << "  PCE " << std::setw(6) << std::setprecision(4)
                << r.device.performance.efficiency << " % (" << std::setw(5)
                << std::setprecision(4) << 100. * r.device.pce_retention
                << " %)";
          const double elapsed = wall_timer.wall_time();
          // At the mean pace so far (the pace grows as jumps lengthen, so
          // this errs on the long side).
          const double eta = elapsed * (cycling.number_of_cycles - cycle) /
                             (cycle - first_cycle + 1);
          pcout << "  elapsed " << std::setprecision(3) << elapsed << " s  ETA "
                << std::setprecision(3) << eta << " s\n";
          if (output)
            {
              if (parameters.output.write_vtu &&
                  schedule.is_output_cycle(cycle))
                output_results(cycle, cycle);
              output->write_history_row(r);
            }
          if (cycle >= cycling.number_of_cycles)
            break;

          const auto [cycles, limit] =
            schedule.jumps_from(cycle) ?
              fatigue_cycle_jump() :
              std::pair<double, JumpLimit>(1., JumpLimit::explicit_cycle);
          std::tie(jump, jump_limit) = schedule.jump(cycle, cycles, limit);
          apply_fatigue(jump);
          cycle += jump;

          const bool stop =
            Utilities::MPI::max(int(stop_requested()), mpi_communicator);
          if (output && stop)
            {
              stop_here(cycle);
              return;
            }
          const unsigned int interval = parameters.output.checkpoint_interval;
          if (output && interval > 0 && ++solved_since_a_checkpoint >= interval)
            {
              write_checkpoint(cycle, jump, results);
              solved_since_a_checkpoint = 0;
            }
        }
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                             \
  template unsigned int MechanicsProblem<dim>::solve_cycle_peak(bool);       \
                                                                             \
  template std::vector<double> MechanicsProblem<dim>::flat_crack_openings(); \
                                                                             \
  template DeviceState MechanicsProblem<dim>::device_state(                  \
    const DamageMetrics &, const DiodeParameters &, double) const;           \
                                                                             \
  template void MechanicsProblem<dim>::run_cycles(RunResults &, const Timer &)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
