// MechanicsProblem: cyclic bending: fatigue damage and cycle jumps, the peak
// of a cycle, the device state seen by the cell model, and the cycle loop.

#include "mechanics_problem_class.h"

#include <algorithm>
#include <bendsim/fatigue_law.h>
#include <bendsim/laminate.h>
#include <bendsim/solar_cell.h>
#include <bendsim/stop_request.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <iomanip>
#include <limits>
#include <set>

namespace bendsim
{
  using namespace dealii;

  namespace internal
  {
    // The faces of every line of the mesh (crack_front.h), gathered from
    // all ranks at the solved peak, and the crack fronts on them. Every rank
    // ends with the same lines and fronts: each face is sent once, by the
    // rank that assembles it, and the lines are sorted by key and position.
    template <int dim>
    void
    MechanicsProblem<dim>::find_crack_fronts_on_lines()
    {
      // Flattened records [direction, at_interface, layer, offset, depth,
      // start, end, separated, active, j, opening, G_c, credit, C_P, m,
      // G_th/G_c] of the faces this rank assembles.
      constexpr unsigned int n_fields = 16;
      std::vector<double>    records;
      for (const FaceHistory &h : face_history)
        if (h.assembled_here && h.line.direction >= 0)
          records.insert(records.end(),
                         {double(h.line.direction),
                          double(h.line.at_interface),
                          double(h.line.layer),
                          double(h.line.offset),
                          double(h.line.depth),
                          h.line_start,
                          h.line_end,
                          double(h.active && h.separated),
                          double(h.active),
                          h.j_integral,
                          h.largest_opening,
                          h.fracture_energy,
                          h.growth_credit,
                          h.growth.paris_coefficient,
                          h.growth.paris_exponent,
                          h.growth.threshold_ratio});
      std::map<LineKey, std::vector<LineFace>> lines;
      for (const std::vector<double> &part :
           Utilities::MPI::all_gather(mpi_communicator, records))
        for (std::size_t i = 0; i + n_fields <= part.size(); i += n_fields)
          {
            const double *r = &part[i];
            LineKey       key;
            key.direction    = int(r[0]);
            key.at_interface = r[1] != 0.;
            key.layer        = static_cast<unsigned int>(r[2]);
            key.offset       = static_cast<long long>(r[3]);
            key.depth        = static_cast<long long>(r[4]);
            LineFace face;
            face.start           = r[5];
            face.end             = r[6];
            face.separated       = r[7] != 0.;
            face.active          = r[8] != 0.;
            face.j_integral      = r[9];
            face.opening         = r[10];
            face.fracture_energy = r[11];
            face.growth_credit   = r[12];
            face.growth          = {r[13], r[14], r[15]};
            lines[key].push_back(face);
          }
      for (auto &[key, faces] : lines)
        std::sort(faces.begin(),
                  faces.end(),
                  [](const LineFace &a, const LineFace &b) {
                    return a.start < b.start;
                  });

      // Where a separated channel face ends on a horizontal line (an
      // interface, or a row of faces inside a layer), its crack has reached
      // that line: a crack root, from which a debond can grow both ways.
      std::map<LineKey, std::vector<double>> roots;
      for (const auto &[key, faces] : lines)
        if (key.direction == 1)
          for (const LineFace &face : faces)
            if (face.separated)
              for (const double y : {face.start, face.end})
                for (const bool at_interface : {true, false})
                  for (const unsigned int layer :
                       {key.layer, key.layer > 0 ? key.layer - 1 : key.layer})
                    {
                      LineKey horizontal;
                      horizontal.direction    = 0;
                      horizontal.at_interface = at_interface;
                      horizontal.layer        = layer;
                      horizontal.offset       = std::llround(y * 1e6);
                      horizontal.depth        = key.depth;
                      const auto line         = lines.find(horizontal);
                      if (line != lines.end() &&
                          key.offset * 1e-6 > line->second.front().start &&
                          key.offset * 1e-6 < line->second.back().end)
                        roots[horizontal].push_back(key.offset * 1e-6);
                    }

      face_lines.clear();
      for (auto &[key, faces] : lines)
        {
          FaceLine line;
          line.key    = key;
          line.fronts = find_crack_fronts(faces, roots[key]);
          line.faces  = std::move(faces);
          face_lines.push_back(std::move(line));
        }

      // Where this rank keeps each face of a line (a face between two ranks
      // has a history on both): built once, the mesh does not change.
      if (local_line_faces.empty())
        for (unsigned int i = 0; i < face_history.size(); ++i)
          if (face_history[i].line.direction >= 0)
            local_line_faces[{face_history[i].line,
                              std::llround(face_history[i].line_start * 1e6)}]
              .push_back(i);
    }


    // The largest driving force of the fronts of each layer and interface.
    template <int dim>
    void
    MechanicsProblem<dim>::record_fronts(DamageMetrics &metrics) const
    {
      metrics.channel_front_energy_release_rate.assign(stack.n_layers(), 0.);
      metrics.debond_front_energy_release_rate.assign(
        stack.n_layers() > 0 ? stack.n_layers() - 1 : 0, 0.);
      for (const FaceLine &line : face_lines)
        for (const CrackFront &front : line.fronts)
          {
            std::vector<double> &largest =
              line.key.at_interface ?
                metrics.debond_front_energy_release_rate :
                metrics.channel_front_energy_release_rate;
            if (line.key.layer < largest.size() &&
                (line.key.at_interface || line.key.direction == 1))
              largest[line.key.layer] =
                std::max(largest[line.key.layer], front.energy_release_rate);
          }
    }


    // A face that fatigue crack growth has passed is traction-free: fully
    // damaged at every point, all of its fracture energy dissipated.
    template <int dim>
    void
    MechanicsProblem<dim>::separate_face(FaceHistory &h) const
    {
      h.active    = true;
      h.separated = true;
      for (std::vector<CohesiveState> *points : {&h.state, &h.trial})
        for (CohesiveState &q : *points)
          q.damage = q.viscous_damage = q.dissipated_fraction = 1.;
    }


    // Fatigue over @p cycles cycles, the driving forces of the last solved
    // peak held: the crack fronts advance by the Paris law and separate the
    // faces they pass; intact faces on lines without a front lose strength
    // by the stress-life law (initiation). On a line with a front, growth is
    // energy-controlled only: the stress-life law would otherwise let the
    // faces ahead of a crack tip fail by strength at any G, below the
    // threshold too.
    template <int dim>
    void
    MechanicsProblem<dim>::apply_fatigue(const double cycles)
    {
      std::set<LineKey> lines_with_fronts;
      for (FaceLine &line : face_lines)
        {
          if (line.fronts.empty())
            continue;
          lines_with_fronts.insert(line.key);
          const std::vector<double> credit_before = [&] {
            std::vector<double> c;
            for (const LineFace &f : line.faces)
              c.push_back(f.growth_credit);
            return c;
          }();
          const std::vector<unsigned int> separated =
            advance_crack_fronts(line.faces, line.fronts, cycles);
          for (unsigned int i = 0; i < line.faces.size(); ++i)
            if (line.faces[i].growth_credit != credit_before[i] ||
                std::find(separated.begin(), separated.end(), i) !=
                  separated.end())
              {
                const auto local = local_line_faces.find(
                  {line.key, std::llround(line.faces[i].start * 1e6)});
                if (local == local_line_faces.end())
                  continue;
                for (const unsigned int k : local->second)
                  {
                    face_history[k].growth_credit =
                      line.faces[i].growth_credit;
                    if (line.faces[i].separated)
                      separate_face(face_history[k]);
                  }
              }
        }

      for (FaceHistory &h : face_history)
        if (h.fatigue.rate_coefficient > 0 && h.assembled_here && !h.active &&
            lines_with_fronts.count(h.line) == 0)
          {
            h.fatigue_damage = advance_fatigue_damage(h.fatigue,
                                                      h.stress_ratio,
                                                      h.fatigue_damage,
                                                      cycles);
            // With several onsets per jump, an intact face that reaches its
            // degraded strength before the jump ends stops just past it:
            // once it softens its traction, and with it the stress ratio held
            // over the jump, falls. It turns cohesive at the solved cycle.
            if (parameters.cycling.crack_onsets_per_jump > 1)
              h.fatigue_damage =
                std::min(h.fatigue_damage,
                         std::max(0., 1. - h.stress_ratio / (1. + 1e-3)));
            degrade_strengths(h);
          }
    }


    template <int dim>
    void
    MechanicsProblem<dim>::degrade_strengths(FaceHistory &h) const
    {
      const double factor = degraded_strength_factor(h.fatigue_damage);
      h.properties        = h.intact_properties;
      h.properties.normal_strength *= factor;
      h.properties.shear_strength *= factor;
    }


    // The longest cycle jump that ends with the cycle in which the n-th next
    // intact face reaches its degraded strength (n = Cycling/Crack onsets per
    // jump) and, at the latest, with the cycle in which fatigue growth has
    // separated the m-th next face (m = Cycling/Separations per jump): there
    // the stresses redistribute, which a jump at constant driving forces
    // cannot follow. The damage of an intact face needs no other limit: it
    // lowers only the strength of a face that is still coupled by the
    // interior penalty, so the solved state, and with it the stress ratio,
    // stays exactly as it is until that face's onset, and the closed-form
    // law integrates its damage exactly up to there.
    template <int dim>
    double
    MechanicsProblem<dim>::fatigue_cycle_jump() const
    {
      const unsigned int  n_onsets = parameters.cycling.crack_onsets_per_jump;
      double              jump     = std::numeric_limits<double>::infinity();
      std::set<LineKey>   lines_with_fronts;
      std::vector<double> separations; // the same on every rank
      for (const FaceLine &line : face_lines)
        if (!line.fronts.empty())
          {
            lines_with_fronts.insert(line.key);
            std::vector<LineFace> faces = line.faces;
            // Cycles to each of the next separations on this line.
            double elapsed = 0;
            for (unsigned int k = 0;
                 k < parameters.cycling.separations_per_jump;
                 ++k)
              {
                const double next =
                  cycles_to_next_separation(faces, line.fronts);
                if (!std::isfinite(next))
                  break;
                elapsed += next;
                separations.push_back(std::max(1., std::ceil(elapsed)));
                advance_crack_fronts(faces, line.fronts, next);
              }
          }
      std::sort(separations.begin(), separations.end());
      if (!separations.empty())
        jump = std::min(
          jump,
          separations[std::min<std::size_t>(
                        separations.size(),
                        parameters.cycling.separations_per_jump) -
                      1]);

      std::vector<double> onsets; // cycles to onset of the intact faces here
      for (const FaceHistory &h : face_history)
        if (h.fatigue.rate_coefficient > 0 && h.assembled_here && !h.active &&
            lines_with_fronts.count(h.line) == 0)
          onsets.push_back(std::ceil(
            cycles_to_onset(h.fatigue, h.stress_ratio, h.fatigue_damage)));
      // The n-th smallest over all ranks: each rank's n smallest suffice.
      std::sort(onsets.begin(), onsets.end());
      onsets.resize(std::min<std::size_t>(onsets.size(), n_onsets));
      std::vector<double> all;
      for (const auto &part :
           Utilities::MPI::all_gather(mpi_communicator, onsets))
        all.insert(all.end(), part.begin(), part.end());
      std::sort(all.begin(), all.end());
      if (!all.empty())
        jump =
          std::min(jump, all[std::min<std::size_t>(all.size(), n_onsets) - 1]);
      return Utilities::MPI::min(jump, mpi_communicator);
    }


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
          std::vector<double> compression_ratio(face_history.size());
          for (unsigned int i = 0; i < face_history.size(); ++i)
            compression_ratio[i] = face_history[i].stress_ratio;
          current = flat_state;
          ramp(0., 1., count);
          for (unsigned int i = 0; i < face_history.size(); ++i)
            face_history[i].stress_ratio =
              std::max(face_history[i].stress_ratio, compression_ratio[i]);
        }
      else
        peak(1.);
      return newton_iterations;
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
      const CyclingParameters &cycling   = parameters.cycling;
      const auto               next_stop = [&](const unsigned int cycle) {
        unsigned int stop = cycling.number_of_cycles;
        for (const unsigned int c : cycling.output_cycles)
          if (c > cycle)
            stop = std::min(stop, c);
        return stop;
      };
      const auto is_output_cycle = [&](const unsigned int cycle) {
        return cycle == cycling.number_of_cycles ||
               std::find(cycling.output_cycles.begin(),
                         cycling.output_cycles.end(),
                         cycle) != cycling.output_cycles.end();
      };

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

          StepResult r        = record_state(results.steps.size() + 1, 1.);
          find_crack_fronts_on_lines();
          record_fronts(r.damage);
          r.newton_iterations = newton_iterations;
          r.cycle             = cycle;
          r.cycle_jump        = jump;
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
              if (parameters.output.write_vtu && is_output_cycle(cycle))
                output_results(cycle, cycle);
              output->write_history_row(r);
            }
          if (cycle >= cycling.number_of_cycles)
            break;

          jump = 1;
          if (cycle >= cycling.explicit_cycles)
            jump = static_cast<unsigned int>(
              std::clamp(std::floor(fatigue_cycle_jump()),
                         1.,
                         double(cycling.largest_cycle_jump)));
          jump = std::min(jump, next_stop(cycle) - cycle);
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
#define BENDSIM_INSTANTIATE(dim)                                               \
  template void MechanicsProblem<dim>::apply_fatigue(double);                  \
                                                                               \
  template void MechanicsProblem<dim>::find_crack_fronts_on_lines();           \
                                                                               \
  template void MechanicsProblem<dim>::separate_face(FaceHistory &) const;     \
                                                                               \
  template void MechanicsProblem<dim>::record_fronts(DamageMetrics &) const;   \
                                                                               \
  template void MechanicsProblem<dim>::degrade_strengths(FaceHistory &) const; \
                                                                               \
  template double MechanicsProblem<dim>::fatigue_cycle_jump() const;           \
                                                                               \
  template unsigned int MechanicsProblem<dim>::solve_cycle_peak(bool);         \
                                                                               \
  template DeviceState MechanicsProblem<dim>::device_state(                    \
    const DamageMetrics &, const DiodeParameters &, double) const;             \
                                                                               \
  template void MechanicsProblem<dim>::run_cycles(RunResults &, const Timer &)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
