// MechanicsProblem: the fields written for ParaView, and writing and reading
// the checkpoints of cyclic runs.

#include "mechanics_problem_class.h"

#include <algorithm>
#include <array>
#include <bendsim/checkpoint.h>
#include <bendsim/collective.h>
#include <bendsim/input_error.h>
#include <bendsim/output_failure.h>
#include <bendsim/stress_postprocessor.h>
#include <deal.II/base/mpi.h>
#include <deal.II/numerics/data_out.h>
#include <filesystem>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /** The centre of a cell or face, padded to three coordinates: how
     *  checkpoints identify them (position_key in checkpoint.h). */
    template <int dim, typename Iterator>
    std::array<double, 3>
    center_of(const Iterator &object)
    {
      std::array<double, 3> center{{0., 0., 0.}};
      for (unsigned int d = 0; d < dim; ++d)
        center[d] = object->center()[d];
      return center;
    }
  } // namespace


  namespace internal
  {
    template <int dim>
    void
    MechanicsProblem<dim>::output_results(const unsigned int step,
                                          const double       load_factor)
    {
      TimerOutput::Scope             t(timer, "output");
      const StressPostprocessor<dim> stress_postprocessor(stack);

      DataOut<dim> data_out;
      data_out.attach_dof_handler(dof_handler);
      data_out.add_data_vector(
        solution,
        std::vector<std::string>(dim, "displacement"),
        DataOut<dim>::type_dof_data,
        std::vector<DataComponentInterpretation::DataComponentInterpretation>(
          dim, DataComponentInterpretation::component_is_part_of_vector));
      data_out.add_data_vector(solution, stress_postprocessor);

      Vector<float> layer(triangulation.n_active_cells());
      Vector<float> rank(triangulation.n_active_cells());
      for (const auto &cell : triangulation.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            layer(cell->active_cell_index()) = cell->material_id();
            rank(cell->active_cell_index()) =
              triangulation.locally_owned_subdomain();
          }
      // Cracks for ParaView: per cell, over its potential crack faces, the
      // largest damage, normal opening (µm), dissipated fraction of G_c,
      // traction (MPa), crack state (0 intact, 1 process zone, 2 separated)
      // and fatigue (stress-life) damage.
      Vector<float> damage(triangulation.n_active_cells());
      Vector<float> dissipated(triangulation.n_active_cells());
      Vector<float> traction(triangulation.n_active_cells());
      Vector<float> crack_state(triangulation.n_active_cells());
      Vector<float> opening(triangulation.n_active_cells());
      Vector<float> fatigue(triangulation.n_active_cells());
      for (const auto &cell : triangulation.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f) && cell->face(f)->user_index() > 0)
              {
                const FaceHistory &h =
                  crack_faces.history[cell->face(f)->user_index() - 1];
                const unsigned int c = cell->active_cell_index();
                fatigue(c)  = std::max<float>(fatigue(c), h.fatigue_damage);
                traction(c) = std::max<float>(traction(c), h.largest_traction);
                if (h.active)
                  {
                    damage(c)  = std::max<float>(damage(c), h.largest_damage);
                    opening(c) = std::max<float>(opening(c), h.largest_opening);
                    dissipated(c) =
                      std::max<float>(dissipated(c), h.dissipated_fraction);
                    crack_state(c) =
                      std::max<float>(crack_state(c),
                                      h.separated ?
                                        2.f :
                                        (h.largest_damage > 0 ? 1.f : 0.f));
                  }
              }
      data_out.add_data_vector(damage, "damage");
      data_out.add_data_vector(opening, "crack_opening");
      data_out.add_data_vector(dissipated, "dissipated_fraction");
      data_out.add_data_vector(traction, "face_traction");
      data_out.add_data_vector(crack_state, "crack_state");
      data_out.add_data_vector(fatigue, "fatigue_damage");
      data_out.add_data_vector(layer, "layer");
      data_out.add_data_vector(rank, "mpi_rank");
      data_out.build_patches(mapping, parameters.solver.polynomial_degree);

      // The pieces are written by every rank (in groups, with MPI I/O); a
      // piece that cannot be written is an OutputFailure on every rank,
      // naming the step's files, not a deal.II exception on some of them.
      std::string pvtu;
      run_collectively(mpi_communicator, [&]() {
        try
          {
            pvtu = data_out.write_vtu_with_pvtu_record(
              output->path(), "solution", step, mpi_communicator, 4);
          }
        catch (const ExceptionBase &e)
          {
            // What this step left (an empty record, pieces cut short) goes:
            // the folder keeps only whole steps.
            std::ostringstream prefix;
            prefix << "solution_" << std::setw(4) << std::setfill('0') << step
                   << '.';
            std::error_code error;
            for (const auto &entry :
                 std::filesystem::directory_iterator(output->path(), error))
              if (entry.path().filename().string().rfind(prefix.str(), 0) == 0)
                std::filesystem::remove(entry.path(), error);
            throw OutputFailure(
              "cannot write the fields of step " + std::to_string(step) + " (" +
              output->path() + prefix.str() + "*): the write failed (deal.II " +
              e.get_exc_name() + ")");
          }
      });
      output->add_to_pvd(load_factor, pvtu);
    }


    // Checkpoints (checkpoint.h) hold the state between two cycles: the
    // solution of the last solved peak, every face's history with the
    // fatigue damage already advanced over the jump, and what the output
    // and summary.json need of the earlier cycles. Cells and faces are
    // keyed by their centres, so that any partition can read them back.
    // Rank 0 gathers and writes the file; every rank reads all of it.
    template <int dim>
    void
    MechanicsProblem<dim>::write_checkpoint(const CycleCounter &counter,
                                            const RunResults   &results) const
    {
      // Flattened records of this rank: cells [centre, n, values], faces
      // [centre, active, D, s, largest damage, opening, work, growth credit,
      // n_q, (damage, viscous damage, dissipated fraction) per point].
      std::vector<double> cells, faces;
      Vector<double>      values(fe.n_dofs_per_cell());
      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto center = center_of<dim>(cell);
            cell->get_dof_values(current, values);
            cells.insert(cells.end(), center.begin(), center.end());
            cells.push_back(values.size());
            cells.insert(cells.end(), values.begin(), values.end());
            for (const unsigned int f : cell->face_indices())
              {
                const unsigned int index = cell->face(f)->user_index();
                if (index == 0 ||
                    !crack_faces.history[index - 1].assembled_here ||
                    (cell->neighbor(f)->is_locally_owned() &&
                     cell->neighbor(f)->id() < cell->id()))
                  continue;
                const FaceHistory &h           = crack_faces.history[index - 1];
                const auto         face_center = center_of<dim>(cell->face(f));
                faces.insert(faces.end(),
                             face_center.begin(),
                             face_center.end());
                faces.insert(faces.end(),
                             {double(h.active),
                              h.fatigue_damage,
                              h.stress_ratio,
                              h.largest_damage,
                              h.largest_opening,
                              h.opening_work,
                              h.growth_credit,
                              double(h.state.size())});
                for (const CohesiveState &q : h.state)
                  faces.insert(faces.end(),
                               {q.damage,
                                q.viscous_damage,
                                q.dissipated_fraction});
              }
          }
      const auto all_cells = Utilities::MPI::gather(mpi_communicator, cells);
      const auto all_faces = Utilities::MPI::gather(mpi_communicator, faces);
      // A checkpoint that cannot be written (a full disk) stops every rank
      // with the same OutputFailure; the previous one stays in place.
      run_collectively(mpi_communicator, [&]() {
        if (Utilities::MPI::this_mpi_process(mpi_communicator) != 0)
          return;
        Checkpoint c;
        c.dimension            = dim;
        c.fingerprint          = parameters.fingerprint;
        c.next_cycle           = counter.next_cycle;
        c.jump                 = counter.jump;
        c.jump_limit           = static_cast<unsigned int>(counter.jump_limit);
        c.first_hold_increment = first_hold_increment;
        c.reference_residual   = reference_residual;
        for (const StepResult &r : results.steps)
          c.steps.push_back({r.cycle, r.cycle_jump, r.device.pce_retention});
        c.first_crack = results.first_crack;
        c.pvd_records = output->records();
        for (const std::vector<double> &part : all_cells)
          for (std::size_t i = 0; i < part.size();)
            {
              Checkpoint::CellValues cell;
              std::copy(&part[i], &part[i + 3], cell.center.begin());
              const std::size_t n = part[i + 3];
              cell.values.assign(&part[i + 4], &part[i + 4] + n);
              c.cells.push_back(cell);
              i += 4 + n;
            }
        for (const std::vector<double> &part : all_faces)
          for (std::size_t i = 0; i < part.size();)
            {
              Checkpoint::FaceState face;
              std::copy(&part[i], &part[i + 3], face.center.begin());
              face.active           = part[i + 3] != 0.;
              face.fatigue_damage   = part[i + 4];
              face.stress_ratio     = part[i + 5];
              face.largest_damage   = part[i + 6];
              face.largest_opening  = part[i + 7];
              face.opening_work     = part[i + 8];
              face.growth_credit    = part[i + 9];
              const std::size_t n_q = part[i + 10];
              for (std::size_t q = 0; q < n_q; ++q)
                {
                  face.damage.emplace_back(part[i + 11 + 3 * q],
                                           part[i + 12 + 3 * q]);
                  face.dissipated_fraction.push_back(part[i + 13 + 3 * q]);
                }
              c.faces.push_back(face);
              i += 11 + 3 * n_q;
            }
        c.write(output->path() + "checkpoint.bin");
      });
    }


    template <int dim>
    CycleCounter
    MechanicsProblem<dim>::read_checkpoint(RunResults &results)
    {
      // Every rank reads the file; an error on any rank (the file, or a
      // cell or face of its part of the mesh that the checkpoint lacks)
      // ends every rank with the same InputError.
      const std::string filename = output->path() + "checkpoint.bin";
      Checkpoint        c;
      run_collectively(mpi_communicator, [&]() {
        c                   = Checkpoint::read(filename);
        const auto mismatch = [&](const std::string &what) {
          return InputError(filename,
                            "",
                            "the checkpoint was written by a different "
                            "case: " +
                              what);
        };
        const std::vector<std::string> differing =
          differing_parts(c.fingerprint, parameters.fingerprint);
        if (!differing.empty())
          {
            std::string parts;
            for (const std::string &part : differing)
              parts += (parts.empty() ? "" : ", ") + part;
            throw mismatch("its " + parts +
                           (differing.size() == 1 ? " differs" : " differ") +
                           " from this case's (" + parameters.case_file + ", " +
                           parameters.material_library_file + ")");
          }
        if (c.dimension != dim || c.first_crack.size() != stack.n_layers())
          throw mismatch("different dimension or stack");
        if (c.cells.size() != triangulation.n_global_active_cells())
          throw mismatch("different mesh");

        std::map<std::array<long long, 3>, const Checkpoint::CellValues *>
          cells;
        for (const Checkpoint::CellValues &cell : c.cells)
          cells[position_key(cell.center)] = &cell;
        std::map<std::array<long long, 3>, const Checkpoint::FaceState *> faces;
        for (const Checkpoint::FaceState &face : c.faces)
          faces[position_key(face.center)] = &face;

        Vector<double> values(fe.n_dofs_per_cell());
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              const auto found = cells.find(position_key(center_of<dim>(cell)));
              if (found == cells.end() ||
                  found->second->values.size() != values.size())
                throw mismatch("different mesh or polynomial degree");
              std::copy(found->second->values.begin(),
                        found->second->values.end(),
                        values.begin());
              cell->set_dof_values(values, current);
              for (const unsigned int f : cell->face_indices())
                {
                  const unsigned int index = cell->face(f)->user_index();
                  if (index == 0)
                    continue;
                  const auto face =
                    faces.find(position_key(center_of<dim>(cell->face(f))));
                  FaceHistory &h = crack_faces.history[index - 1];
                  if (face == faces.end() ||
                      face->second->damage.size() != h.state.size())
                    throw mismatch("different potential crack faces");
                  const Checkpoint::FaceState &saved = *face->second;
                  h.active                           = saved.active;
                  h.fatigue_damage                   = saved.fatigue_damage;
                  h.stress_ratio                     = saved.stress_ratio;
                  h.largest_damage                   = saved.largest_damage;
                  h.largest_opening                  = saved.largest_opening;
                  h.opening_work                     = saved.opening_work;
                  h.growth_credit                    = saved.growth_credit;
                  for (unsigned int q = 0; q < h.state.size(); ++q)
                    h.state[q] = {saved.damage[q].first,
                                  saved.damage[q].second,
                                  saved.dissipated_fraction[q]};
                  h.trial = h.state;
                  CrackFaces::degrade_strengths(h);
                }
            }
      });
      current.compress(VectorOperation::insert);
      solution = current;

      const CycleCounter counter{c.next_cycle,
                                 c.jump,
                                 static_cast<JumpLimit>(c.jump_limit)};
      first_hold_increment = c.first_hold_increment;
      reference_residual   = c.reference_residual;
      for (const Checkpoint::Step &saved : c.steps)
        {
          StepResult r;
          r.step                 = results.steps.size() + 1;
          r.cycle                = saved.cycle;
          r.cycle_jump           = saved.cycle_jump;
          r.device.pce_retention = saved.pce_retention;
          results.steps.push_back(r);
        }
      results.first_crack = c.first_crack;
      output->resume(c.steps.size(), c.pvd_records);
      pcout << "  resumed from " << filename << " at cycle " << c.next_cycle
            << " (" << c.steps.size() << " cycles solved before)\n";
      return counter;
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                              \
  template void MechanicsProblem<dim>::output_results(unsigned int, double);  \
                                                                              \
  template void MechanicsProblem<dim>::write_checkpoint(const CycleCounter &, \
                                                        const RunResults &)   \
    const;                                                                    \
                                                                              \
  template CycleCounter MechanicsProblem<dim>::read_checkpoint(RunResults &)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
