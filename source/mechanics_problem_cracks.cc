// MechanicsProblem: the potential crack faces at a solved state (onset
// check, activation, openings) and the load step that turns them cohesive.

#include "mechanics_problem_class.h"
#include "mechanics_problem_mesh_loop.h"

#include <algorithm>
#include <bendsim/cohesive_law.h>
#include <bendsim/elasticity.h>
#include <bendsim/laminate.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/filtered_iterator.h>
#include <deal.II/meshworker/mesh_loop.h>

namespace bendsim
{
  using namespace dealii;

  namespace internal
  {
    // After a converged solve: read every potential crack face at the new
    // state. Faces still coupled by the interior penalty are checked against
    // the onset criterion with the traction {sigma} n; with @p activate,
    // those that reach it turn cohesive. Active faces record their largest
    // normal opening and damage for the crack statistics.
    template <int dim>
    unsigned int
    MechanicsProblem<dim>::scan_faces(const bool activate)
    {
      const FEValuesExtractors::Vector displacements(0);
      unsigned int                     activated = 0;
      std::vector<double>              flat_residual_stress;
      for (unsigned int k = 0; k < stack.n_layers(); ++k)
        flat_residual_stress.push_back(stack.laminate_flat_residual_stress(k));

      const auto face_worker = [&](const auto        &cell,
                                   const unsigned int f,
                                   const unsigned int sf,
                                   const auto        &ncell,
                                   const unsigned int nf,
                                   const unsigned int nsf,
                                   auto              &scratch,
                                   auto &) {
        const unsigned int history_index = cell->face(f)->user_index();
        if (history_index == 0)
          return;
        FaceHistory &history          = crack_faces.history[history_index - 1];
        FEInterfaceValues<dim> &fe_iv = scratch.fe_interface_values;
        fe_iv.reinit(cell, f, sf, ncell, nf, nsf);
        const unsigned int n_q = fe_iv.n_quadrature_points;

        std::vector<Tensor<1, dim>> jump_values(n_q);
        std::vector<Tensor<2, dim>> jump_gradients(n_q);
        std::vector<Tensor<2, dim>> gradients[2] = {
          std::vector<Tensor<2, dim>>(n_q), std::vector<Tensor<2, dim>>(n_q)};
        fe_iv[displacements].get_jump_in_function_values(solution, jump_values);
        fe_iv[displacements].get_jump_in_function_gradients(solution,
                                                            jump_gradients);
        for (unsigned int side = 0; side < 2; ++side)
          fe_iv.get_fe_face_values(side)[displacements].get_function_gradients(
            solution, gradients[side]);
        const Layer *side_layer[2] = {&stack.layer(cell->material_id()),
                                      &stack.layer(ncell->material_id())};

        history.largest_opening          = 0;
        history.largest_damage           = 0;
        history.opening_work             = 0;
        history.stress_ratio             = 0;
        history.j_integral               = 0;
        history.largest_traction         = 0;
        history.dissipated_fraction      = 1;
        double largest_effective_opening = -1;
        bool   reaches_strength          = false;
        // The cohesive-zone J-integral takes d(opening)/ds along the line;
        // per unit width of the line in 3D.
        Tensor<1, dim> along;
        if (history.line.direction >= 0)
          along[history.line.direction] = 1.;
        const double per_width =
          dim == 3 && history.area > 0 ?
            (history.line_end - history.line_start) / history.area :
            1.;
        // Axial stress of the intact stack at the face (for G_ss): bending
        // plus the residual stress of the stack held flat.
        const double axial_modulus =
          stack.layer(history.layer).material.plane_strain_modulus();
        const double residual_stress = flat_residual_stress[history.layer];
        for (unsigned int q = 0; q < n_q; ++q)
          {
            const Tensor<1, dim> &normal  = fe_iv.normal(q);
            const double          opening = -jump_values[q] * normal;
            history.largest_opening =
              std::max(history.largest_opening, opening);
            double axial_stress =
              axial_modulus *
              laminate::axial_strain(
                fe_iv.get_fe_face_values(0).quadrature_point(q)[1],
                rotation_axis_height,
                current_curvature);
            if (residual_stress != 0.)
              axial_stress += residual_stress;
            history.opening_work +=
              axial_stress * std::abs(opening) * fe_iv.JxW(q);
            history.largest_damage =
              std::max(history.largest_damage, history.state[q].viscous_damage);
            // The traction in the local frame (normal, then tangential
            // components): the mean stress of the two sides on an intact
            // face, the cohesive law's on an active one.
            Tensor<1, dim>       local;
            Tensor<1, dim>       traction; // global frame
            const Tensor<2, dim> frame         = local_frame(normal);
            const Tensor<1, dim> local_opening = frame * (-jump_values[q]);
            if (!history.active)
              {
                for (unsigned int side = 0; side < 2; ++side)
                  traction +=
                    0.5 *
                    elasticity::stress(symmetrize(gradients[side][q]),
                                       side_layer[side]->material,
                                       side_layer[side]->eigenstrain) *
                    normal;
                local[0]                        = traction * normal;
                const Tensor<1, dim> tangential = traction - local[0] * normal;
                local[1]                        = tangential.norm();
                reaches_strength |=
                  onset_criterion<dim>(history.properties, local) >= 1.;
                history.dissipated_fraction = 0;
              }
            else
              {
                local = evaluate_cohesive_law<dim>(history.properties,
                                                   local_opening,
                                                   history.state[q])
                          .traction;
                traction = transpose(frame) * local;
                history.dissipated_fraction =
                  std::min(history.dissipated_fraction,
                           history.state[q].dissipated_fraction);
              }
            history.largest_traction =
              std::max(history.largest_traction, traction.norm());
            // J = int t . d(delta)/ds ds, delta = u_1 - u_0 = -[u].
            history.j_integral -=
              traction * (jump_gradients[q] * along) * fe_iv.JxW(q) * per_width;
            // G_c at the mode mixity of the most open point: the material's
            // toughness, which the Paris law and its threshold refer to, not
            // the stress-life-degraded value that the face's own law uses.
            const double normal_opening = std::max(local_opening[0], 0.);
            const double effective2     = local_opening.norm_square() -
                                      local_opening[0] * local_opening[0] +
                                      normal_opening * normal_opening;
            if (effective2 > largest_effective_opening)
              {
                largest_effective_opening = effective2;
                const double mixity =
                  effective2 > 0 ?
                    1. - normal_opening * normal_opening / effective2 :
                    0.;
                history.fracture_energy =
                  bk_fracture_energy(history.intact_properties, mixity);
              }
            history.stress_ratio =
              std::max(history.stress_ratio,
                       std::sqrt(onset_criterion<dim>(history.intact_properties,
                                                      local)));
          }
        history.separated =
          history.active && history.dissipated_fraction >=
                              parameters.fracture.separation_energy_fraction;
        if (activate && reaches_strength)
          {
            history.active = true;
            ++activated;
          }
      };

      const QGauss<dim> cell_quadrature(parameters.solver.polynomial_degree +
                                        1);
      const QGauss<dim - 1> face_quadrature(
        parameters.solver.polynomial_degree + 1);
      ScratchData<dim> scratch(mapping, fe, cell_quadrature, face_quadrature);
      CopyData         copy;
      using CellFilter =
        FilteredIterator<typename DoFHandler<dim>::active_cell_iterator>;
      MeshWorker::mesh_loop(
        CellFilter(IteratorFilters::LocallyOwnedCell(),
                   dof_handler.begin_active()),
        CellFilter(IteratorFilters::LocallyOwnedCell(), dof_handler.end()),
        /*cell_worker=*/nullptr,
        [](const CopyData &) {},
        scratch,
        copy,
        MeshWorker::assemble_own_interior_faces_once |
          MeshWorker::assemble_ghost_faces_once,
        /*boundary_worker=*/nullptr,
        face_worker);
      return Utilities::MPI::sum(activated, mpi_communicator);
    }


    // One load step to @p load_factor: impose the end rotation, solve, turn
    // faces that reached their strength cohesive and solve again until no
    // new face does; then accept the history. On failure the state before
    // the step is restored and false returned.
    template <int dim>
    bool
    MechanicsProblem<dim>::advance_to(const double load_factor,
                                      const double step,
                                      StepResult  &result)
    {
      const TrilinosWrappers::MPI::Vector start = current;
      std::vector<bool> was_active(crack_faces.history.size());
      for (unsigned int i = 0; i < crack_faces.history.size(); ++i)
        was_active[i] = crack_faces.history[i].active;

      viscosity_ratio = parameters.fracture.viscosity / step;
      current_curvature =
        parameters.loading.type == LoadingType::bending ||
            parameters.loading.type == LoadingType::cyclic_bending ?
          load_factor * parameters.bending.curvature() :
          0.;
      make_constraints(load_factor, constraints);
      constraints.distribute(current);
      solution = current;

      result.newton_iterations = 0;
      result.activation_passes = 0;
      bool converged           = false;
      for (unsigned int pass = 0;
           pass <= parameters.solver.maximum_activation_passes;
           ++pass)
        {
          converged = solve_newton(result.newton_iterations);
          if (!converged)
            break;
          const unsigned int activated = scan_faces(true);
          if (activated == 0)
            break;
          if (parameters.output.print_iterations)
            pcout << "      " << activated
                  << " face(s) reached their strength; re-solving\n";
          ++result.activation_passes;
          converged = false;
        }

      if (!converged)
        {
          current  = start;
          solution = current;
          for (unsigned int i = 0; i < crack_faces.history.size(); ++i)
            {
              crack_faces.history[i].active = was_active[i];
              crack_faces.history[i].trial  = crack_faces.history[i].state;
            }
          return false;
        }
      for (FaceHistory &h : crack_faces.history)
        h.state = h.trial;
      scan_faces(false);
      return true;
    }


    // Each face once: a face between two ranks has a history on both.
    template <int dim>
    unsigned int
    MechanicsProblem<dim>::n_potential_crack_faces() const
    {
      unsigned int n = 0;
      for (const auto &cell : triangulation.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f) && cell->face(f)->user_index() > 0)
              {
                const auto neighbor = cell->neighbor(f);
                if (neighbor->is_locally_owned() ?
                      cell->id() < neighbor->id() :
                      cell->subdomain_id() < neighbor->subdomain_id())
                  ++n;
              }
      return Utilities::MPI::sum(n, mpi_communicator);
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                 \
  template unsigned int MechanicsProblem<dim>::scan_faces(bool); \
                                                                 \
  template bool MechanicsProblem<dim>::advance_to(double,        \
                                                  double,        \
                                                  StepResult &); \
                                                                 \
  template unsigned int MechanicsProblem<dim>::n_potential_crack_faces() const

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
