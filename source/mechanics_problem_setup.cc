// MechanicsProblem: construction, mesh and DoFs, the potential crack faces
// and their history, the end-face DoFs and the constraints that load them.

#include "mechanics_problem_class.h"

#include <algorithm>
#include <array>
#include <bendsim/cohesive_zone.h>
#include <bendsim/mesh.h>
#include <bendsim/strength_scatter.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <iomanip>

namespace bendsim
{
  using namespace dealii;

  namespace internal
  {
    namespace
    {
      /**
       * The faces of the potential cracks of every crackable layer (its
       * vertical faces: channel cracks) and interface, reduced over the ranks
       * of @p mpi_communicator: how many, the largest along the cohesive zone
       * (a channel-crack face's height, an interface face's length) and the
       * smallest strength-scatter factor drawn among them.
       */
      template <int dim>
      void
      gather_cohesive_zone_faces(
        const Triangulation<dim>       &triangulation,
        const std::vector<FaceHistory> &face_history,
        const Stack                    &stack,
        const MPI_Comm                  mpi_communicator,
        std::vector<CohesiveZoneFaces> &layer_faces,
        std::vector<CohesiveZoneFaces> &interface_faces)
      {
        const unsigned int n_layers = stack.n_layers();
        layer_faces.assign(n_layers, {});
        interface_faces.assign(n_layers > 0 ? n_layers - 1 : 0, {});
        for (const auto &cell : triangulation.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const unsigned int f : cell->face_indices())
              {
                const auto face = cell->face(f);
                // Each face once: from the cell of the smaller id (the
                // neighbour of an owned cell is owned or a ghost).
                if (face->at_boundary() || face->user_index() == 0 ||
                    !(cell->id() < cell->neighbor(f)->id()))
                  continue;
                const FaceHistory &h = face_history[face->user_index() - 1];
                if (!h.at_interface && !h.vertical)
                  continue; // inside a layer, only channel cracks are checked
                const auto box  = face->bounding_box();
                double     size = 0;
                if (h.at_interface)
                  for (unsigned int d = 0; d < dim; ++d)
                    {
                      if (d != 1)
                        size = std::max(size, box.side_length(d));
                    }
                else
                  size = box.side_length(1);
                const double mean_strength =
                  h.at_interface ?
                    stack.interface(h.layer).fracture.normal_strength :
                    stack.layer(h.layer).material.fracture.normal_strength;
                CohesiveZoneFaces &zone = h.at_interface ?
                                            interface_faces[h.layer] :
                                            layer_faces[h.layer];
                ++zone.n_faces;
                zone.largest_face_size = std::max(zone.largest_face_size, size);
                zone.weakest_strength_factor =
                  std::min(zone.weakest_strength_factor,
                           h.intact_properties.normal_strength / mean_strength);
              }
        for (auto *zones : {&layer_faces, &interface_faces})
          for (CohesiveZoneFaces &zone : *zones)
            {
              zone.n_faces =
                Utilities::MPI::sum(zone.n_faces, mpi_communicator);
              zone.largest_face_size =
                Utilities::MPI::max(zone.largest_face_size, mpi_communicator);
              zone.weakest_strength_factor =
                Utilities::MPI::min(zone.weakest_strength_factor,
                                    mpi_communicator);
            }
      }

      /**
       * The cohesive-zone check at setup (cohesive_zone.h): one line on the
       * zones, and a warning for each crackable layer or interface whose
       * zone, at the weakest strength drawn, fewer than three faces span.
       */
      template <int dim>
      void
      report_cohesive_zone_resolution(
        const Triangulation<dim>       &triangulation,
        const std::vector<FaceHistory> &face_history,
        const Stack                    &stack,
        const MPI_Comm                  mpi_communicator,
        const ConditionalOStream       &pcout)
      {
        constexpr double               minimum_faces_per_zone = 3.;
        std::vector<CohesiveZoneFaces> layer_faces, interface_faces;
        gather_cohesive_zone_faces(triangulation,
                                   face_history,
                                   stack,
                                   mpi_communicator,
                                   layer_faces,
                                   interface_faces);
        const auto zones =
          cohesive_zone_resolution(stack, layer_faces, interface_faces);
        if (zones.empty())
          return;
        const auto coarse = under_resolved_cohesive_zones(
          stack, layer_faces, interface_faces, minimum_faces_per_zone);
        pcout << "  cohesive zones (l_cz = Ebar G_c / sigma^2, Hillerborg, at "
                 "the weakest strength drawn): "
              << zones.size() << " zones, " << coarse.size()
              << " spanned by fewer than " << minimum_faces_per_zone
              << " faces";
        const auto least =
          std::min_element(zones.begin(),
                           zones.end(),
                           [](const CohesiveZoneResolution &a,
                              const CohesiveZoneResolution &b) {
                             return a.faces_per_zone < b.faces_per_zone;
                           });
        pcout << "; fewest faces per zone: " << least->name << ", l_cz "
              << std::setprecision(3) << least->zone_length << " um over "
              << least->faces_per_zone << " faces of " << least->face_size
              << " um\n";
        for (const CohesiveZoneResolution &zone : coarse)
          pcout << "  warning: the cohesive zone of " << zone.name
                << " is under-resolved: l_cz = " << std::setprecision(3)
                << zone.zone_length << " um at " << zone.strength_factor
                << " of the mean strength, faces " << zone.face_size << " um, "
                << zone.faces_per_zone << " faces per zone\n";
      }
    } // namespace

    template <int dim>
    MechanicsProblem<dim>::MechanicsProblem(const RunParameters &parameters,
                                            const MPI_Comm mpi_communicator,
                                            const bool     write_output)
      : parameters(parameters)
      , stack(parameters.stack)
      , mpi_communicator(mpi_communicator)
      , pcout(std::cout,
              write_output &&
                Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
      , timer(mpi_communicator,
              pcout,
              TimerOutput::never,
              TimerOutput::wall_times)
      , triangulation(mpi_communicator)
      , fe(FE_DGQ<dim>(parameters.solver.polynomial_degree), dim)
      , dof_handler(triangulation)
      , crack_faces(stack, parameters.cycling, mpi_communicator)
      , tangent_solver(parameters.solver, mpi_communicator, timer)
      , rotation_axis_height(stack.laminate_neutral_axis_height())
    {
      if (write_output)
        output = std::make_unique<OutputFolder>(parameters, mpi_communicator);
    }


    template <int dim>
    void
    MechanicsProblem<dim>::setup_system()
    {
      TimerOutput::Scope t(timer, "setup");
      create_mesh(triangulation, stack, parameters.mesh, parameters.case_file);

      dof_handler.distribute_dofs(fe);
      locally_owned_dofs = dof_handler.locally_owned_dofs();
      DoFTools::extract_locally_relevant_dofs(dof_handler,
                                              locally_relevant_dofs);
      find_boundary_dofs();
      // Every constrained DoF on the right end face refers to the master DoF,
      // so every rank must see it.
      locally_relevant_dofs.add_index(right_end_master.index);
      make_continuity_constraints();

      make_constraints(0., zero_constraints);
      constraints.copy_from(zero_constraints);
      locally_owned_unknowns = locally_owned_dofs;
      {
        IndexSet constrained(dof_handler.n_dofs());
        for (const auto &line : zero_constraints.get_lines())
          if (locally_owned_dofs.is_element(line.index))
            constrained.add_index(line.index);
        constrained.compress();
        locally_owned_unknowns.subtract_set(constrained);
      }
      if (parameters.solver.linear_solver != LinearSolverType::direct)
        {
          std::vector<std::vector<bool>> constant_modes;
          DoFTools::extract_constant_modes(dof_handler,
                                           ComponentMask(),
                                           constant_modes);
          tangent_solver.set_constant_modes(constant_modes);
        }
      setup_face_history();
      report_cohesive_zone_resolution(
        triangulation, crack_faces.history, stack, mpi_communicator, pcout);

      // The cells' couplings, and those of the faces that are not
      // continuous (across the others the continuity makes the DoFs shared).
      const auto make_pattern = [this](DynamicSparsityPattern          &dsp,
                                       const AffineConstraints<double> &c,
                                       const bool keep_constrained) {
        DoFTools::make_sparsity_pattern(dof_handler, dsp, c, keep_constrained);
        // One joint index set per face, as distribute_local_to_global sees
        // it: a constrained DoF of a ghost neighbour gets its diagonal entry.
        const unsigned int                   n = fe.n_dofs_per_cell();
        std::vector<types::global_dof_index> dofs(n), joint(2 * n);
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const unsigned int f : cell->face_indices())
              if (!cell->at_boundary(f) && !is_continuous_face(cell, f))
                {
                  cell->get_dof_indices(dofs);
                  std::copy(dofs.begin(), dofs.end(), joint.begin());
                  cell->neighbor(f)->get_dof_indices(dofs);
                  std::copy(dofs.begin(), dofs.end(), joint.begin() + n);
                  c.add_entries_local_to_global(joint, dsp, keep_constrained);
                }
        SparsityTools::distribute_sparsity_pattern(dsp,
                                                   locally_owned_dofs,
                                                   mpi_communicator,
                                                   locally_relevant_dofs);
      };
      DynamicSparsityPattern dsp(locally_relevant_dofs);
      make_pattern(dsp, zero_constraints, false);
      system_matrix.reinit(locally_owned_dofs,
                           locally_owned_dofs,
                           dsp,
                           mpi_communicator);
      linear_part.matrix.reinit(locally_owned_dofs,
                                locally_owned_dofs,
                                dsp,
                                mpi_communicator);
      linear_part.assembled = false;

      // The linear part's residual f - K u is formed before condensation,
      // so its unconstrained matrix keeps the rows and columns of the
      // constrained DoFs.
      DynamicSparsityPattern raw_dsp(locally_relevant_dofs);
      make_pattern(raw_dsp, AffineConstraints<double>(), true);
      linear_part.raw_matrix.reinit(locally_owned_dofs,
                                    locally_owned_dofs,
                                    raw_dsp,
                                    mpi_communicator);
      linear_part.raw_load.reinit(locally_owned_dofs, mpi_communicator);
      system_rhs.reinit(locally_owned_dofs, mpi_communicator);
      current.reinit(locally_owned_dofs, mpi_communicator);
      flat_state.reinit(locally_owned_dofs, mpi_communicator);
      solution.reinit(locally_owned_dofs,
                      locally_relevant_dofs,
                      mpi_communicator);
    }


    template <int dim>
    double
    MechanicsProblem<dim>::interior_penalty(
      const typename DoFHandler<dim>::cell_iterator &cell,
      const unsigned int                             f,
      const typename DoFHandler<dim>::cell_iterator &neighbor,
      const unsigned int                             nf) const
    {
      // gamma = factor p(p+1) max_s (lambda_s + 2 mu_s) / h_s, with h_s the
      // size of cell s normal to the face.
      const unsigned int degree = parameters.solver.polynomial_degree;
      double             gamma  = 0;
      for (const auto &[c, face_no] :
           {std::make_pair(cell, f), std::make_pair(neighbor, nf)})
        {
          const Material &m = stack.layer(c->material_id()).material;
          const double    h = c->measure() / c->face(face_no)->measure();
          gamma =
            std::max(gamma, (m.lame_lambda() + 2. * m.shear_modulus()) / h);
        }
      return parameters.solver.penalty_factor * degree * (degree + 1) * gamma;
    }


    // Whether an interior face can crack: inside a crackable layer or at a
    // crackable interface (with Fracture/Enable), or on a pre-existing crack
    // (Stack/Layer/Initial cracks on the nearest column of vertical faces;
    // the double cantilever beam's initial debond). A property of the mesh
    // and the case alone, so that every rank classifies its ghost faces as
    // their owners do.
    template <int dim>
    CrackFaceKind
    MechanicsProblem<dim>::crack_face_kind(
      const typename DoFHandler<dim>::cell_iterator &cell,
      const unsigned int                             f) const
    {
      CrackFaceKind      kind;
      const auto         face     = cell->face(f);
      const unsigned int k0       = cell->material_id();
      const unsigned int k1       = cell->neighbor(f)->material_id();
      const double       x        = face->center()[0];
      const bool         vertical = face->bounding_box().side_length(0) <
                            1e-9 * parameters.mesh.segment_length;
      if (k0 != k1)
        {
          kind.potential_crack = stack.interface(std::min(k0, k1)).crackable;
          if (is_double_cantilever_beam(parameters.loading.type) &&
              x < parameters.loading.initial_crack_length)
            kind.potential_crack = kind.initially_cracked = true;
        }
      else
        {
          const Layer &layer   = stack.layer(k0);
          kind.potential_crack = layer.crackable;
          // Half the narrower cell's width, so that both sides agree.
          const double half_width =
            0.5 * std::min(cell->bounding_box().side_length(0),
                           cell->neighbor(f)->bounding_box().side_length(0));
          for (const double x_crack : layer.initial_cracks)
            if (vertical && x - x_crack >= -half_width &&
                x - x_crack < half_width)
              kind.potential_crack = kind.initially_cracked = true;
        }
      kind.potential_crack &=
        parameters.fracture.enabled || kind.initially_cracked;
      return kind;
    }


    template <int dim>
    void
    MechanicsProblem<dim>::setup_face_history()
    {
      const unsigned int n_q =
        QGauss<dim - 1>(parameters.solver.polynomial_degree + 1).size();
      crack_faces.history.clear();
      triangulation.clear_user_data();
      const double length = parameters.mesh.segment_length;

      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            {
              const auto face = cell->face(f);
              if (face->at_boundary() || face->user_index() != 0)
                continue;
              const auto         neighbor = cell->neighbor(f);
              const unsigned int k0       = cell->material_id();
              const unsigned int k1       = neighbor->material_id();

              FaceHistory h;
              h.at_interface           = (k0 != k1);
              h.layer                  = std::min(k0, k1);
              h.x                      = face->center()[0];
              h.area                   = face->measure();
              const auto box           = face->bounding_box();
              h.vertical               = box.side_length(0) < 1e-9 * length;
              const CrackFaceKind kind = crack_face_kind(cell, f);
              h.potential_crack        = kind.potential_crack;
              h.active                 = kind.initially_cracked;
              if (!h.potential_crack)
                continue;
              const FractureProperties &fracture =
                h.at_interface ? stack.interface(h.layer).fracture :
                                 stack.layer(k0).material.fracture;

              std::array<double, 3> center{{0., 0., 0.}};
              for (unsigned int d = 0; d < dim; ++d)
                center[d] = face->center()[d];
              const double scatter =
                weibull_strength_factor(parameters.fracture.random_seed,
                                        center,
                                        fracture.weibull_modulus);
              CohesiveProperties &p = h.properties;
              p.normal_strength     = scatter * fracture.normal_strength;
              p.shear_strength      = scatter * fracture.shear_strength;
              p.mode_I_energy       = fracture.mode_I_energy;
              p.mode_II_energy      = fracture.mode_II_energy;
              p.bk_exponent         = fracture.bk_exponent;
              p.penalty_stiffness =
                interior_penalty(cell, f, neighbor, cell->neighbor_face_no(f));
              p.contact_stiffness = p.penalty_stiffness;
              h.intact_properties = p;
              h.fatigue           = {fracture.fatigue_rate_coefficient,
                                     fracture.fatigue_endurance_ratio};
              h.growth            = {fracture.paris_coefficient,
                                     fracture.paris_exponent,
                                     fracture.fatigue_threshold_ratio};

              // The line of faces it lies on: vertical faces along y,
              // horizontal ones along x (faces normal to z: none).
              const bool normal_to_z =
                dim == 3 && box.side_length(dim - 1) < 1e-9 * length;
              if (!normal_to_z)
                {
                  const unsigned int along = h.vertical ? 1 : 0;
                  h.line.direction         = along;
                  h.line.at_interface      = h.at_interface;
                  h.line.layer             = h.layer;
                  h.line.offset = std::llround(face->center()[1 - along] * 1e6);
                  h.line.depth =
                    dim == 3 ? std::llround(face->center()[dim - 1] * 1e6) : 0;
                  h.line_start = box.lower_bound(along);
                  h.line_end   = box.upper_bound(along);
                }

              CohesiveState initial;
              if (h.active) // a pre-existing crack is fully separated
                initial.damage                = initial.viscous_damage =
                  initial.dissipated_fraction = 1.;
              h.state.assign(n_q, initial);
              h.trial = h.state;
              crack_faces.history.push_back(h);
              face->set_user_index(crack_faces.history.size());
            }
    }


    // The end faces are held by constraints on the nodal DoFs that sit on
    // them: with Lagrange elements whose nodes include the cell's faces, the
    // trace on a face depends on the face's nodes only, so a strongly
    // imposed displacement needs no boundary terms in the DG form.
    template <int dim>
    void
    MechanicsProblem<dim>::find_boundary_dofs()
    {
      const std::vector<Point<dim>> &unit_points = fe.get_unit_support_points();
      std::vector<types::global_dof_index> dof_indices(fe.n_dofs_per_cell());
      const double tolerance = 1e-9 * stack.total_thickness();

      left_end_dofs.clear();
      right_end_dofs.clear();
      symmetry_dofs.clear();
      EndFaceDof              master{numbers::invalid_dof_index, 0};
      types::global_dof_index anchor        = numbers::invalid_dof_index;
      types::global_dof_index top_anchor    = numbers::invalid_dof_index;
      types::global_dof_index bottom_corner = numbers::invalid_dof_index;
      types::global_dof_index top_corner    = numbers::invalid_dof_index;
      right_face_dofs.clear();

      for (const auto &cell : dof_handler.active_cell_iterators())
        if (!cell->is_artificial() && cell->at_boundary())
          {
            cell->get_dof_indices(dof_indices);
            for (const unsigned int f : cell->face_indices())
              if (cell->face(f)->at_boundary())
                {
                  const types::boundary_id id = cell->face(f)->boundary_id();
                  for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i)
                    {
                      // Face f of the reference cell is x_{f/2} = f%2.
                      if (std::abs(unit_points[i][f / 2] - f % 2) > 1e-12)
                        continue;
                      const unsigned int component =
                        fe.system_to_component_index(i).first;
                      const Point<dim> x =
                        mapping.transform_unit_to_real_cell(cell,
                                                            unit_points[i]);
                      const EndFaceDof dof{dof_indices[i], x[1]};
                      if (id == boundary_id::left && component == 0 &&
                          cell->is_locally_owned())
                        {
                          if (std::abs(x[1]) < tolerance)
                            bottom_corner = std::min(bottom_corner, dof.index);
                          if (std::abs(x[1] - stack.total_thickness()) <
                              tolerance)
                            top_corner = std::min(top_corner, dof.index);
                        }
                      if (id == boundary_id::left && component == 0)
                        left_end_dofs.push_back(dof);
                      else if (id == boundary_id::right && component == 0)
                        {
                          right_end_dofs.push_back(dof);
                          if (cell->is_locally_owned() &&
                              (master.index == numbers::invalid_dof_index ||
                               dof.index < master.index))
                            master = dof;
                        }
                      else if ((id == boundary_id::front ||
                                id == boundary_id::back) &&
                               component == dim - 1 && dim == 3)
                        symmetry_dofs.push_back(dof.index);
                      else if (id == boundary_id::left && component == 1 &&
                               std::abs(x[1]) < tolerance &&
                               cell->is_locally_owned())
                        anchor = std::min(anchor, dof.index);
                      if (id == boundary_id::left && component == 1 &&
                          std::abs(x[1] - stack.total_thickness()) <
                            tolerance &&
                          cell->is_locally_owned())
                        top_anchor = std::min(top_anchor, dof.index);
                      if (id == boundary_id::right)
                        right_face_dofs.push_back(dof.index);
                    }
                }
          }

      // One master DoF for the whole right end face: the smallest index any
      // rank owns there; its height comes from its owner.
      right_end_master.index =
        Utilities::MPI::min(master.index, mpi_communicator);
      right_end_master.height =
        Utilities::MPI::sum(master.index == right_end_master.index ?
                              master.height :
                              0.,
                            mpi_communicator);
      anchor_dof     = Utilities::MPI::min(anchor, mpi_communicator);
      top_anchor_dof = Utilities::MPI::min(top_anchor, mpi_communicator);
      left_corner_axial_dofs = {
        {Utilities::MPI::min(bottom_corner, mpi_communicator),
         Utilities::MPI::min(top_corner, mpi_communicator)}};
      AssertThrow(right_end_master.index != numbers::invalid_dof_index &&
                    anchor_dof != numbers::invalid_dof_index,
                  ExcMessage("the mesh has no DoFs on its end faces"));
    }


    // Bending: both end faces stay plane and rotate about the z axis through
    // the height rotation_axis_height: u_x = kappa (x - L/2)(y - y_axis). The
    // right face may also translate along x (the master DoF is free), which
    // makes the net axial force zero: the bending acts about the true
    // neutral axis, whatever the stack or its damage.
    // Double cantilever beam: the end x = L is clamped; the lower and upper
    // left corners move apart vertically by the opening displacement.
    // Free ends: u_x at the lower and upper left corners and u_y at the lower
    // one hold the three rigid-body motions of the plane and nothing more
    // (statically determinate), so both end faces are traction-free.
    template <int dim>
    void
    MechanicsProblem<dim>::make_constraints(
      const double               load_factor,
      AffineConstraints<double> &constraints) const
    {
      constraints.clear();
      constraints.reinit(locally_relevant_dofs);
      for (const auto &line : continuity.get_lines())
        {
          constraints.add_line(line.index);
          constraints.add_entries(line.index, line.entries);
        }
      const auto constrain = [&](const types::global_dof_index index,
                                 const double                  value) {
        if (locally_relevant_dofs.is_element(index) &&
            !constraints.is_constrained(index))
          {
            constraints.add_line(index);
            constraints.set_inhomogeneity(index, value);
          }
      };

      if (parameters.loading.type == LoadingType::free_ends)
        {
          for (const types::global_dof_index index : left_corner_axial_dofs)
            constrain(index, 0.);
          constrain(anchor_dof, 0.);
        }
      else if (is_double_cantilever_beam(parameters.loading.type))
        {
          const double opening =
            load_factor * parameters.loading.opening_displacement;
          for (const types::global_dof_index index : right_face_dofs)
            constrain(index, 0.);
          constrain(anchor_dof, -0.5 * opening);
          constrain(top_anchor_dof, 0.5 * opening);
        }
      else
        {
          const double curvature = load_factor * parameters.bending.curvature();
          const double half_length = 0.5 * parameters.mesh.segment_length;
          for (const EndFaceDof &dof : left_end_dofs)
            constrain(dof.index,
                      -curvature * half_length *
                        (dof.height - rotation_axis_height));
          for (const EndFaceDof &dof : right_end_dofs)
            if (dof.index != right_end_master.index &&
                !constraints.is_constrained(dof.index))
              {
                constraints.add_line(dof.index);
                constraints.add_entry(dof.index, right_end_master.index, 1.);
                constraints.set_inhomogeneity(dof.index,
                                              curvature * half_length *
                                                (dof.height -
                                                 right_end_master.height));
              }
          constrain(anchor_dof, 0.);
        }
      for (const types::global_dof_index index : symmetry_dofs)
        constrain(index, 0.);
      constraints.close();
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                          \
  template MechanicsProblem<dim>::MechanicsProblem(const RunParameters &, \
                                                   MPI_Comm,              \
                                                   bool);                 \
                                                                          \
  template void MechanicsProblem<dim>::setup_system();                    \
                                                                          \
  template double MechanicsProblem<dim>::interior_penalty(                \
    const typename DoFHandler<dim>::cell_iterator &,                      \
    unsigned int,                                                         \
    const typename DoFHandler<dim>::cell_iterator &,                      \
    unsigned int) const;                                                  \
                                                                          \
  template void MechanicsProblem<dim>::setup_face_history();              \
                                                                          \
  template void MechanicsProblem<dim>::find_boundary_dofs();              \
                                                                          \
  template void MechanicsProblem<dim>::make_constraints(                  \
    double, AffineConstraints<double> &) const

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
