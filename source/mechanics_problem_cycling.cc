// MechanicsProblem as the model the cycle loop drives (cycling_driver.h): the
// peak of a cycle and what is measured at it (fatigue and cycle jumps are in
// mechanics_problem_fatigue.cc, checkpoints in mechanics_problem_output.cc).

#include "mechanics_problem_class.h"

#include <algorithm>
#include <cmath>

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
    MechanicsProblem<dim>::solve_peak(const bool from_flat)
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
          const std::vector<FaceHistory> reversed = crack_faces.history;
          current                                 = flat_state;
          ramp(0., 1., count);
          for (unsigned int i = 0; i < crack_faces.history.size(); ++i)
            {
              FaceHistory       &h = crack_faces.history[i];
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


    // The cracks with the stack bent back to flat, where the cell's J-V
    // curve is measured. Without residual stress the flat state is the
    // undeformed one (the secant unloading of the cohesive law takes every
    // face back to zero opening and traction), so every crack is closed and
    // nothing needs solving. With residual stress the flat state is solved
    // from the peak and then discarded: the cycle goes on from the peak as
    // solved. Returns empty lists if the flat state does not converge.
    template <int dim>
    DamageMetrics
    MechanicsProblem<dim>::flat_damage(const DamageMetrics &peak_damage)
    {
      if (!stack.has_eigenstrain())
        {
          DamageMetrics flat = peak_damage;
          std::fill(flat.largest_opening.begin(),
                    flat.largest_opening.end(),
                    0.);
          for (std::vector<ChannelCrack> &cracks : flat.crack_list)
            for (ChannelCrack &crack : cracks)
              crack.gap = 0;
          return flat;
        }
      const std::vector<FaceHistory>      peak_history = crack_faces.history;
      const TrilinosWrappers::MPI::Vector peak         = current;
      const double  peak_reference_residual            = reference_residual;
      DamageMetrics flat;
      StepResult    r;
      if (advance_to(0., 1., r))
        flat = measure_damage();
      crack_faces.history = peak_history;
      current             = peak;
      solution            = current;
      reference_residual  = peak_reference_residual;
      return flat;
    }


    template <int dim>
    void
    MechanicsProblem<dim>::save_cycle_start()
    {
      cycle_start = {crack_faces.history,
                     current,
                     first_hold_increment,
                     reference_residual};
    }


    template <int dim>
    void
    MechanicsProblem<dim>::restore_cycle_start()
    {
      crack_faces.history  = cycle_start.face_history;
      current              = cycle_start.current;
      solution             = current;
      first_hold_increment = cycle_start.first_hold_increment;
      reference_residual   = cycle_start.reference_residual;
    }


    template <int dim>
    StepResult
    MechanicsProblem<dim>::measure_peak(const unsigned int step)
    {
      StepResult r = record_state(step, 1.);
      crack_faces.find_crack_fronts();
      crack_faces.record_fronts(r.damage);
      if (is_double_cantilever_beam(parameters.loading.type))
        {
          r.load_point_opening = parameters.loading.opening_displacement;
          r.load_point_force   = load_point_force;
        }
      return r;
    }


    template <int dim>
    void
    MechanicsProblem<dim>::measure_flat(DamageMetrics &damage)
    {
      DamageMetrics flat          = flat_damage(damage);
      damage.largest_flat_opening = std::move(flat.largest_opening);
      damage.flat_crack_list      = std::move(flat.crack_list);
    }


    template <int dim>
    std::pair<double, JumpLimit>
    MechanicsProblem<dim>::fatigue_cycle_jump() const
    {
      return crack_faces.cycle_jump();
    }


    template <int dim>
    void
    MechanicsProblem<dim>::apply_fatigue(const double cycles)
    {
      crack_faces.apply_fatigue(cycles);
    }


    template <int dim>
    void
    MechanicsProblem<dim>::write_fields(const unsigned int cycle)
    {
      output_results(cycle, cycle);
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                            \
  template unsigned int  MechanicsProblem<dim>::solve_peak(bool);           \
  template DamageMetrics MechanicsProblem<dim>::flat_damage(                \
    const DamageMetrics &);                                                 \
  template void       MechanicsProblem<dim>::save_cycle_start();            \
  template void       MechanicsProblem<dim>::restore_cycle_start();         \
  template StepResult MechanicsProblem<dim>::measure_peak(unsigned int);    \
  template void       MechanicsProblem<dim>::measure_flat(DamageMetrics &); \
  template std::pair<double, JumpLimit>                                     \
                MechanicsProblem<dim>::fatigue_cycle_jump() const;          \
  template void MechanicsProblem<dim>::apply_fatigue(double);               \
  template void MechanicsProblem<dim>::write_fields(unsigned int)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
