#include <algorithm>
#include <array>
#include <bendsim/checkpoint.h>
#include <bendsim/cohesive_law.h>
#include <bendsim/damage_metrics.h>
#include <bendsim/elasticity.h>
#include <bendsim/fatigue_law.h>
#include <bendsim/laminate.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/mesh.h>
#include <bendsim/output.h>
#include <bendsim/stop_request.h>
#include <bendsim/strength_scatter.h>
#include <bendsim/stress_postprocessor.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/fe/fe_interface_values.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/filtered_iterator.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_gmres.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>
#include <deal.II/meshworker/mesh_loop.h>
#include <deal.II/numerics/data_out.h>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <limits>
#include <map>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /** Per-thread FE evaluators for mesh_loop (cf. step-74). */
    template <int dim>
    struct ScratchData
    {
      ScratchData(const Mapping<dim>        &mapping,
                  const FiniteElement<dim>  &fe,
                  const Quadrature<dim>     &cell_quadrature,
                  const Quadrature<dim - 1> &face_quadrature)
        : fe_values(mapping,
                    fe,
                    cell_quadrature,
                    update_gradients | update_JxW_values)
        , fe_interface_values(mapping,
                              fe,
                              face_quadrature,
                              update_values | update_gradients |
                                update_JxW_values | update_normal_vectors |
                                update_quadrature_points)
      {
      }

      ScratchData(const ScratchData &other)
        : ScratchData(other.fe_values.get_mapping(),
                      other.fe_values.get_fe(),
                      other.fe_values.get_quadrature(),
                      other.fe_interface_values.get_quadrature())
      {
      }

      FEValues<dim>          fe_values;
      FEInterfaceValues<dim> fe_interface_values;
    };

    struct CopyDataFace
    {
      FullMatrix<double>                   matrix;
      Vector<double>                       rhs;
      std::vector<types::global_dof_index> joint_dof_indices;
    };

    struct CopyData
    {
      FullMatrix<double>                   matrix;
      Vector<double>                       rhs;
      std::vector<types::global_dof_index> local_dof_indices;
      std::vector<CopyDataFace>            face_data;
    };

    /**
     * For a linear contribution whose lower triangle @p matrix holds:
     * mirror it to the upper triangle and set @p rhs = -matrix u, with u the
     * values of @p solution at @p dof_indices (minus the residual).
     */
    template <typename VectorType>
    void
    complete_linear_contribution(
      FullMatrix<double>                         &matrix,
      Vector<double>                             &rhs,
      const std::vector<types::global_dof_index> &dof_indices,
      const VectorType                           &solution)
    {
      const unsigned int n = dof_indices.size();
      for (unsigned int i = 0; i < n; ++i)
        for (unsigned int j = i + 1; j < n; ++j)
          matrix(i, j) = matrix(j, i);
      Vector<double> u_local(n);
      for (unsigned int i = 0; i < n; ++i)
        u_local(i) = solution(dof_indices[i]);
      matrix.vmult(rhs, u_local);
      rhs *= -1.;
    }

    /** A u_x DoF on an end face and the height of its support point (µm). */
    struct EndFaceDof
    {
      types::global_dof_index index;
      double                  height;
    };


    /** A sparse direct factorisation of an earlier tangent, used as the
     *  preconditioner of the current one. */
    struct StaleFactorization
    {
      TrilinosWrappers::SolverDirect *factorization;
      TimerOutput                    *timer;

      void
      vmult(TrilinosWrappers::MPI::Vector       &dst,
            const TrilinosWrappers::MPI::Vector &src) const
      {
        TimerOutput::Scope t(*timer, "back substitution");
        factorization->solve(dst, src);
      }
    };


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


    /** Rows: the unit normal, then the tangent(s) of a face. */
    template <int dim>
    Tensor<2, dim>
    local_frame(const Tensor<1, dim> &normal)
    {
      Tensor<2, dim> frame;
      frame[0] = normal;
      if (dim == 2)
        {
          frame[1][0] = -normal[1];
          frame[1][1] = normal[0];
        }
      else
        {
          Tensor<1, dim> helper;
          helper[std::abs(normal[0]) < 0.9 ? 0 : 1] = 1.;
          Tensor<1, dim> t1 = helper - (helper * normal) * normal;
          t1 /= t1.norm();
          frame[1] = t1;
          frame[2] = cross_product_3d(normal, t1);
        }
      return frame;
    }


    /**
     * A potential crack: an interior face inside a crackable layer or at a
     * crackable interface. Until it reaches its strength ("active") it is
     * coupled by the interior penalty like every other face, so intact faces
     * add no compliance; once active, the cohesive law carries it. Its
     * history lives here, with the rank whose cell assembles the face.
     */
    struct FaceHistory
    {
      bool               potential_crack = false;
      bool               at_interface    = false;
      unsigned int       layer           = 0; ///< or lower layer
      bool               vertical        = false;
      double             x               = 0;
      double             area            = 0;
      CohesiveProperties intact_properties; ///< with the strength scatter
      CohesiveProperties properties;        ///< intact ones degraded by fatigue
      FatigueProperties  fatigue;
      double             fatigue_damage = 0;
      /** Onset-criterion ratio sqrt((<t_n>/N)^2 + (t_s/S)^2) of the face's
       *  traction to its intact strengths, largest over its points, at the
       *  last scan (the peak of the cycle in cyclic runs). */
      double                     stress_ratio   = 0;
      bool                       active         = false;
      bool                       assembled_here = false;
      std::vector<CohesiveState> state; ///< last converged, per q point
      std::vector<CohesiveState> trial; ///< at the current iterate
      double                     largest_opening = 0;
      double                     largest_damage  = 0;
      double                     opening_work    = 0; ///< see FaceRecord
    };


    /** Thrown out of a Newton solve of a cyclic run when SIGTERM or SIGINT
     *  has arrived at any rank. */
    struct StopRequested
    {
    };


    template <int dim>
    class MechanicsProblem
    {
    public:
      MechanicsProblem(const RunParameters &parameters,
                       MPI_Comm             mpi_communicator,
                       bool                 write_output);

      RunResults
      run();

    private:
      void
      setup_system();
      void
      find_boundary_dofs();
      void
      setup_face_history();
      void
      make_constraints(double load_factor, AffineConstraints<double> &c) const;
      double
      interior_penalty(const typename DoFHandler<dim>::cell_iterator &cell,
                       unsigned int                                   f,
                       const typename DoFHandler<dim>::cell_iterator &neighbor,
                       unsigned int                                   nf) const;
      void
      assemble_system();
      void
      solve_linear_system(TrilinosWrappers::MPI::Vector &increment);
      bool
      solve_newton(unsigned int &iterations);
      unsigned int
      scan_faces(bool activate);
      bool
      advance_to(double load_factor, double step, StepResult &result);
      void
      ramp(double                                           from,
           double                                           to,
           const std::function<void(double, StepResult &)> &on_step);
      void
      apply_fatigue(double cycles);
      void
      degrade_strengths(FaceHistory &history) const;
      unsigned int
      n_potential_crack_faces() const;
      void
      write_checkpoint(unsigned int      next_cycle,
                       unsigned int      jump,
                       const RunResults &results) const;
      void
      read_checkpoint(unsigned int &next_cycle,
                      unsigned int &jump,
                      RunResults   &results);
      double
      fatigue_cycle_jump() const;
      unsigned int
      solve_cycle_peak(bool from_flat);
      StepResult
      record_state(unsigned int step, double load_factor);
      void
      run_monotonic(RunResults &results, const Timer &wall_timer);
      void
      run_cycles(RunResults &results, const Timer &wall_timer);
      DeviceState
      device_state(const DamageMetrics   &metrics,
                   const DiodeParameters &intact_cell,
                   double                 intact_efficiency) const;
      DamageMetrics
      measure_damage() const;
      StepResult
      measure(unsigned int step, double load_factor, double curvature) const;
      void
      output_results(unsigned int step, double load_factor);

      const RunParameters &parameters;
      const Stack         &stack;
      MPI_Comm             mpi_communicator;
      ConditionalOStream   pcout;
      TimerOutput          timer;
      /** Pseudo-time of the first converged hold at the last cycle peak. */
      double first_hold_increment = 1.;
      /** Cyclic runs: the state before the cycle being solved, from which a
       *  checkpoint is written when a stop is requested in mid-cycle. */
      struct CycleStart
      {
        std::vector<FaceHistory>      face_history;
        TrilinosWrappers::MPI::Vector current;
        double                        first_hold_increment = 1;
        double                        reference_residual   = 0;
      } cycle_start;

      parallel::distributed::Triangulation<dim> triangulation;
      const MappingQ1<dim>                      mapping;
      const FESystem<dim>                       fe;
      DoFHandler<dim>                           dof_handler;

      IndexSet                  locally_owned_dofs;
      IndexSet                  locally_relevant_dofs;
      AffineConstraints<double> constraints;      // the end faces at the load
      AffineConstraints<double> zero_constraints; // the same, homogeneous

      TrilinosWrappers::SparseMatrix system_matrix;
      TrilinosWrappers::MPI::Vector  system_rhs; // minus the residual
      TrilinosWrappers::MPI::Vector  current;    // owned solution
      TrilinosWrappers::MPI::Vector  solution;   // ghosted copy of current

      std::vector<FaceHistory> face_history; // by face->user_index() - 1

      // The sparse direct factorisation of an earlier tangent: the
      // preconditioner of GMRES until that needs too many iterations (see
      // solve_linear_system).
      SolverControl                                   factorization_control;
      std::unique_ptr<TrilinosWrappers::SolverDirect> factorization;
      double                                          viscosity_ratio = 0;
      double current_curvature  = 0; ///< 1/µm
      double reference_residual = 0;

      std::vector<EndFaceDof>              left_end_dofs;
      std::vector<EndFaceDof>              right_end_dofs;
      std::vector<types::global_dof_index> symmetry_dofs;
      EndFaceDof                           right_end_master;
      types::global_dof_index              anchor_dof;      // u_y, x = 0, y = 0
      types::global_dof_index              top_anchor_dof;  // u_y, x = 0, y = H
      std::vector<types::global_dof_index> right_face_dofs; // all components
      double load_point_force = 0; // internal force at top_anchor_dof
      double rotation_axis_height;

      std::unique_ptr<OutputFolder> output;
    };


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

      make_constraints(0., zero_constraints);
      constraints.copy_from(zero_constraints);
      setup_face_history();

      DynamicSparsityPattern dsp(locally_relevant_dofs);
      DoFTools::make_flux_sparsity_pattern(dof_handler,
                                           dsp,
                                           zero_constraints,
                                           false);
      SparsityTools::distribute_sparsity_pattern(dsp,
                                                 locally_owned_dofs,
                                                 mpi_communicator,
                                                 locally_relevant_dofs);
      system_matrix.reinit(locally_owned_dofs,
                           locally_owned_dofs,
                           dsp,
                           mpi_communicator);
      system_rhs.reinit(locally_owned_dofs, mpi_communicator);
      current.reinit(locally_owned_dofs, mpi_communicator);
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


    template <int dim>
    void
    MechanicsProblem<dim>::setup_face_history()
    {
      const unsigned int n_q =
        QGauss<dim - 1>(parameters.solver.polynomial_degree + 1).size();
      face_history.clear();
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
              h.at_interface = (k0 != k1);
              h.layer        = std::min(k0, k1);
              h.x            = face->center()[0];
              h.area         = face->measure();
              const auto box = face->bounding_box();
              h.vertical     = box.side_length(0) < 1e-9 * length;

              FractureProperties fracture;
              if (h.at_interface)
                {
                  const Interface &interface = stack.interface(h.layer);
                  h.potential_crack          = interface.crackable;
                  fracture                   = interface.fracture;
                  if (parameters.loading.type ==
                        LoadingType::double_cantilever_beam &&
                      h.x < parameters.loading.initial_crack_length)
                    h.potential_crack = h.active = true;
                }
              else
                {
                  const Layer &layer = stack.layer(k0);
                  h.potential_crack  = layer.crackable;
                  fracture           = layer.material.fracture;
                  // A pre-existing crack sits on the column of vertical
                  // faces nearest to its position.
                  const double half_width =
                    0.5 * cell->bounding_box().side_length(0);
                  for (const double x_crack : layer.initial_cracks)
                    if (h.vertical && h.x - x_crack >= -half_width &&
                        h.x - x_crack < half_width)
                      h.potential_crack = h.active = true;
                }
              h.potential_crack &= parameters.fracture.enabled || h.active;
              if (!h.potential_crack)
                continue;

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

              CohesiveState initial;
              if (h.active) // a pre-existing crack is fully separated
                initial.damage = initial.viscous_damage = 1.;
              h.state.assign(n_q, initial);
              h.trial = h.state;
              face_history.push_back(h);
              face->set_user_index(face_history.size());
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
      types::global_dof_index anchor     = numbers::invalid_dof_index;
      types::global_dof_index top_anchor = numbers::invalid_dof_index;
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
    template <int dim>
    void
    MechanicsProblem<dim>::make_constraints(
      const double               load_factor,
      AffineConstraints<double> &constraints) const
    {
      constraints.clear();
      constraints.reinit(locally_relevant_dofs);
      const auto constrain = [&](const types::global_dof_index index,
                                 const double                  value) {
        if (locally_relevant_dofs.is_element(index) &&
            !constraints.is_constrained(index))
          {
            constraints.add_line(index);
            constraints.set_inhomogeneity(index, value);
          }
      };

      if (parameters.loading.type == LoadingType::double_cantilever_beam)
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


    // Newton's system at the current iterate: the tangent matrix and minus
    // the residual, condensed with the homogeneous end-face constraints (the
    // iterate already satisfies the inhomogeneous ones). Cohesive faces also
    // compute their trial history here.
    template <int dim>
    void
    MechanicsProblem<dim>::assemble_system()
    {
      TimerOutput::Scope t(timer, "assembly");
      system_matrix = 0;
      system_rhs    = 0;

      const unsigned int degree = parameters.solver.polynomial_degree;
      const FEValuesExtractors::Vector displacements(0);

      const auto cell_worker =
        [&](const auto &cell, auto &scratch, auto &copy) {
          FEValues<dim> &fe_values = scratch.fe_values;
          fe_values.reinit(cell);
          const unsigned int n_dofs = fe_values.dofs_per_cell;
          const Material &material  = stack.layer(cell->material_id()).material;
          const double    lambda    = material.lame_lambda();
          const double    mu        = material.shear_modulus();

          copy.matrix.reinit(n_dofs, n_dofs);
          copy.rhs.reinit(n_dofs);
          copy.local_dof_indices.resize(n_dofs);
          copy.face_data.clear();
          cell->get_dof_indices(copy.local_dof_indices);

          std::vector<SymmetricTensor<2, dim>> strain(n_dofs);
          std::vector<double>                  divergence(n_dofs);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              for (unsigned int i = 0; i < n_dofs; ++i)
                {
                  strain[i] = fe_values[displacements].symmetric_gradient(i, q);
                  divergence[i] = trace(strain[i]);
                }
              const double JxW = fe_values.JxW(q);
              for (unsigned int i = 0; i < n_dofs; ++i)
                for (unsigned int j = 0; j <= i; ++j)
                  copy.matrix(i, j) += (lambda * divergence[i] * divergence[j] +
                                        2. * mu * strain[i] * strain[j]) *
                                       JxW;
            }
          // Linear elasticity: the residual is the matrix times the iterate.
          complete_linear_contribution(copy.matrix,
                                       copy.rhs,
                                       copy.local_dof_indices,
                                       solution);
        };

      // Intact faces: symmetric interior penalty (SIPG),
      //   -{sigma(u) n}.[v] - {sigma(v) n}.[u] + gamma [u].[v],
      // with [u] = u_0 - u_1 and n pointing from cell 0 to cell 1. The
      // method is consistent, so a solution the elements can represent
      // (pure bending of each layer is quadratic) is reproduced exactly,
      // whatever the penalty.
      // Active cohesive faces: the traction T(Delta) of the cohesive law,
      // Delta = u_1 - u_0 = -[u], does the virtual work T.(-[v]).
      const auto face_worker = [&](const auto        &cell,
                                   const unsigned int f,
                                   const unsigned int sf,
                                   const auto        &ncell,
                                   const unsigned int nf,
                                   const unsigned int nsf,
                                   auto              &scratch,
                                   auto              &copy) {
        FEInterfaceValues<dim> &fe_iv = scratch.fe_interface_values;
        fe_iv.reinit(cell, f, sf, ncell, nf, nsf);
        const unsigned int n_dofs = fe_iv.n_current_interface_dofs();

        copy.face_data.emplace_back();
        CopyDataFace &copy_face     = copy.face_data.back();
        copy_face.joint_dof_indices = fe_iv.get_interface_dof_indices();
        copy_face.matrix.reinit(n_dofs, n_dofs);
        copy_face.rhs.reinit(n_dofs);

        const unsigned int history_index = cell->face(f)->user_index();
        FaceHistory       *history =
          history_index > 0 ? &face_history[history_index - 1] : nullptr;
        if (history)
          history->assembled_here = true;

        const Material *side_material[2] = {
          &stack.layer(cell->material_id()).material,
          &stack.layer(ncell->material_id()).material};

        const double                gamma = (history && history->active) ?
                                              0. :
                                              interior_penalty(cell, f, ncell, nf);
        std::vector<Tensor<1, dim>> jump(n_dofs), mean_traction(n_dofs);
        for (const unsigned int q : fe_iv.quadrature_point_indices())
          {
            const Tensor<1, dim> &normal = fe_iv.normal(q);
            for (unsigned int i = 0; i < n_dofs; ++i)
              {
                const auto         pair = fe_iv.interface_dof_to_dof_indices(i);
                const unsigned int side =
                  pair[0] != numbers::invalid_unsigned_int ? 0 : 1;
                const auto          &fe_face = fe_iv.get_fe_face_values(side);
                const Tensor<1, dim> value =
                  fe_face[displacements].value(pair[side], q);
                jump[i] = side == 0 ? value : -value;
                if (!history || !history->active)
                  mean_traction[i] =
                    0.5 *
                    elasticity::stress(
                      fe_face[displacements].symmetric_gradient(pair[side], q),
                      *side_material[side]) *
                    normal;
              }
            const double JxW = fe_iv.JxW(q);

            if (!history || !history->active)
              {
                for (unsigned int i = 0; i < n_dofs; ++i)
                  for (unsigned int j = 0; j <= i; ++j)
                    copy_face.matrix(i, j) +=
                      (-jump[i] * mean_traction[j] -
                       mean_traction[i] * jump[j] + gamma * jump[i] * jump[j]) *
                      JxW;
              }
            else
              {
                const Tensor<2, dim> frame = local_frame(normal);
                Tensor<1, dim>       opening; // u_1 - u_0
                for (unsigned int i = 0; i < n_dofs; ++i)
                  opening -=
                    double(solution(copy_face.joint_dof_indices[i])) * jump[i];
                const auto response =
                  evaluate_cohesive_law<dim>(history->properties,
                                             frame * opening,
                                             history->state[q],
                                             viscosity_ratio);
                history->trial[q] = response.state;
                const Tensor<1, dim> traction =
                  transpose(frame) * response.traction;
                const Tensor<2, dim> tangent =
                  transpose(frame) * response.tangent * frame;
                for (unsigned int i = 0; i < n_dofs; ++i)
                  {
                    copy_face.rhs(i) += traction * jump[i] * JxW;
                    for (unsigned int j = 0; j < n_dofs; ++j)
                      copy_face.matrix(i, j) +=
                        jump[i] * (tangent * jump[j]) * JxW;
                  }
              }
          }
        if (!history || !history->active)
          complete_linear_contribution(copy_face.matrix,
                                       copy_face.rhs,
                                       copy_face.joint_dof_indices,
                                       solution);
      };

      load_point_force  = 0;
      const auto copier = [&](const CopyData &copy) {
        // The internal force at the upper load point (before condensation).
        for (unsigned int i = 0; i < copy.local_dof_indices.size(); ++i)
          if (copy.local_dof_indices[i] == top_anchor_dof)
            load_point_force -= copy.rhs(i);
        for (const CopyDataFace &face : copy.face_data)
          for (unsigned int i = 0; i < face.joint_dof_indices.size(); ++i)
            if (face.joint_dof_indices[i] == top_anchor_dof)
              load_point_force -= face.rhs(i);
        zero_constraints.distribute_local_to_global(copy.matrix,
                                                    copy.rhs,
                                                    copy.local_dof_indices,
                                                    system_matrix,
                                                    system_rhs);
        for (const CopyDataFace &face : copy.face_data)
          zero_constraints.distribute_local_to_global(face.matrix,
                                                      face.rhs,
                                                      face.joint_dof_indices,
                                                      system_matrix,
                                                      system_rhs);
      };

      const QGauss<dim>     cell_quadrature(degree + 1);
      const QGauss<dim - 1> face_quadrature(degree + 1);
      ScratchData<dim> scratch(mapping, fe, cell_quadrature, face_quadrature);
      CopyData         copy;

      using CellFilter =
        FilteredIterator<typename DoFHandler<dim>::active_cell_iterator>;
      MeshWorker::mesh_loop(CellFilter(IteratorFilters::LocallyOwnedCell(),
                                       dof_handler.begin_active()),
                            CellFilter(IteratorFilters::LocallyOwnedCell(),
                                       dof_handler.end()),
                            cell_worker,
                            copier,
                            scratch,
                            copy,
                            MeshWorker::assemble_own_cells |
                              MeshWorker::assemble_own_interior_faces_once |
                              MeshWorker::assemble_ghost_faces_once,
                            /*boundary_worker=*/nullptr,
                            face_worker);

      system_matrix.compress(VectorOperation::add);
      system_rhs.compress(VectorOperation::add);
      load_point_force =
        Utilities::MPI::sum(load_point_force, mpi_communicator);
    }


    template <int dim>
    void
    MechanicsProblem<dim>::solve_linear_system(
      TrilinosWrappers::MPI::Vector &increment)
    {
      TimerOutput::Scope      t(timer, "solve");
      const SolverParameters &p = parameters.solver;
      increment                 = 0;
      if (p.linear_solver == LinearSolverType::direct)
        {
          // Between factorisations the tangent changes only on the faces
          // that soften or turn cohesive: GMRES preconditioned by the last
          // factorisation solves the new tangent exactly in a few
          // back-substitutions. A fresh factorisation is made when GMRES
          // needs more than a handful of them.
          if (factorization)
            {
              const StaleFactorization preconditioner{factorization.get(),
                                                      &timer};
              SolverControl control(20, 1e-10 * system_rhs.l2_norm());
              SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
                control,
                SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(22));
              try
                {
                  gmres.solve(system_matrix,
                              increment,
                              system_rhs,
                              preconditioner);
                  zero_constraints.distribute(increment);
                  return;
                }
              catch (const SolverControl::NoConvergence &)
                {
                  increment = 0;
                }
            }
          factorization = std::make_unique<TrilinosWrappers::SolverDirect>(
            factorization_control,
            TrilinosWrappers::SolverDirect::AdditionalData(false,
                                                           p.direct_solver));
          {
            TimerOutput::Scope f(timer, "factorization");
            factorization->initialize(system_matrix);
          }
          factorization->solve(increment, system_rhs);
        }
      else
        {
          TrilinosWrappers::PreconditionAMG::AdditionalData data;
          data.elliptic              = true;
          data.higher_order_elements = true;
          data.smoother_sweeps       = 2;
          data.aggregation_threshold = 0.02;
          std::vector<std::vector<bool>> constant_modes;
          DoFTools::extract_constant_modes(dof_handler,
                                           ComponentMask(),
                                           constant_modes);
          data.constant_modes = constant_modes;
          TrilinosWrappers::PreconditionAMG preconditioner;
          preconditioner.initialize(system_matrix, data);

          // Softening cohesive faces make the tangent unsymmetric.
          SolverControl control(p.maximum_iterations,
                                p.relative_tolerance * system_rhs.l2_norm());
          SolverGMRES<TrilinosWrappers::MPI::Vector> gmres(
            control,
            SolverGMRES<TrilinosWrappers::MPI::Vector>::AdditionalData(100));
          gmres.solve(system_matrix, increment, system_rhs, preconditioner);
        }
      zero_constraints.distribute(increment);
    }


    // Newton's method with a backtracking line search on the residual norm.
    // The factorisation of the tangent is reused while an iteration still
    // halves the residual (a modified Newton method: in the elastic
    // parts of a run one factorisation serves every load step), and renewed
    // as soon as it does not.
    // Converged when the residual has dropped by the Newton tolerance
    // relative to the larger of this solve's first residual and the run's
    // first residual (the load of the first step), so that re-solves after a
    // few faces soften are not held to an absolute zero.
    template <int dim>
    bool
    MechanicsProblem<dim>::solve_newton(unsigned int &iterations)
    {
      const SolverParameters       &p = parameters.solver;
      TrilinosWrappers::MPI::Vector increment(locally_owned_dofs,
                                              mpi_communicator);
      assemble_system();
      double residual = system_rhs.l2_norm();
      if (reference_residual == 0)
        reference_residual = residual;
      const double target =
        p.newton_tolerance * std::max(residual, reference_residual);
      const double first_residual = residual;

      for (unsigned int it = 0; it < p.maximum_newton_iterations; ++it)
        {
          if (residual <= target)
            return true;
          solve_linear_system(increment);
          ++iterations;

          const TrilinosWrappers::MPI::Vector start = current;
          double                              step  = 1.;
          for (unsigned int trial = 0;; ++trial)
            {
              current = start;
              current.add(step, increment);
              solution = current;
              assemble_system();
              const double new_residual = system_rhs.l2_norm();
              if (new_residual < residual || trial == 4)
                {
                  pcout << "      Newton " << std::setw(2) << it + 1
                        << "  residual " << std::scientific
                        << std::setprecision(3) << new_residual
                        << "  line search " << std::defaultfloat << step
                        << '\n';
                  residual = new_residual;
                  break;
                }
              step *= 0.5;
            }
          if (parameters.loading.type == LoadingType::cyclic_bending &&
              Utilities::MPI::max(int(stop_requested()), mpi_communicator))
            throw StopRequested();
          // Give up early on a diverging or stalled iteration (typically a
          // crack snapping through): a smaller load step is cheaper than
          // more iterations.
          if (!std::isfinite(residual) || residual > 1e3 * first_residual ||
              (it >= 7 && residual > 1e-2 * first_residual))
            return false;
        }
      return residual <= target;
    }


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
        FaceHistory            &history = face_history[history_index - 1];
        FEInterfaceValues<dim> &fe_iv   = scratch.fe_interface_values;
        fe_iv.reinit(cell, f, sf, ncell, nf, nsf);
        const unsigned int n_q = fe_iv.n_quadrature_points;

        std::vector<Tensor<1, dim>> jump_values(n_q);
        std::vector<Tensor<2, dim>> gradients[2] = {
          std::vector<Tensor<2, dim>>(n_q), std::vector<Tensor<2, dim>>(n_q)};
        fe_iv[displacements].get_jump_in_function_values(solution, jump_values);
        for (unsigned int side = 0; side < 2; ++side)
          fe_iv.get_fe_face_values(side)[displacements].get_function_gradients(
            solution, gradients[side]);
        const Material *side_material[2] = {
          &stack.layer(cell->material_id()).material,
          &stack.layer(ncell->material_id()).material};

        history.largest_opening = 0;
        history.largest_damage  = 0;
        history.opening_work    = 0;
        history.stress_ratio    = 0;
        bool reaches_strength   = false;
        // Axial stress of the intact stack at the face (for G_ss).
        const double axial_modulus =
          stack.layer(history.layer).material.plane_strain_modulus();
        for (unsigned int q = 0; q < n_q; ++q)
          {
            const Tensor<1, dim> &normal  = fe_iv.normal(q);
            const double          opening = -jump_values[q] * normal;
            history.largest_opening =
              std::max(history.largest_opening, opening);
            history.opening_work +=
              axial_modulus *
              laminate::axial_strain(
                fe_iv.get_fe_face_values(0).quadrature_point(q)[1],
                rotation_axis_height,
                current_curvature) *
              std::abs(opening) * fe_iv.JxW(q);
            history.largest_damage =
              std::max(history.largest_damage, history.state[q].viscous_damage);
            // The traction in the local frame (normal, then tangential
            // components): the mean stress of the two sides on an intact
            // face, the cohesive law's on an active one.
            Tensor<1, dim> local;
            if (!history.active)
              {
                Tensor<1, dim> traction;
                for (unsigned int side = 0; side < 2; ++side)
                  traction += 0.5 *
                              elasticity::stress(symmetrize(gradients[side][q]),
                                                 *side_material[side]) *
                              normal;
                local[0]                        = traction * normal;
                const Tensor<1, dim> tangential = traction - local[0] * normal;
                local[1]                        = tangential.norm();
                reaches_strength |=
                  onset_criterion<dim>(history.properties, local) >= 1.;
              }
            else
              local = evaluate_cohesive_law<dim>(history.properties,
                                                 local_frame(normal) *
                                                   (-jump_values[q]),
                                                 history.state[q])
                        .traction;
            history.stress_ratio =
              std::max(history.stress_ratio,
                       std::sqrt(onset_criterion<dim>(history.intact_properties,
                                                      local)));
          }
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
      std::vector<bool>                   was_active(face_history.size());
      for (unsigned int i = 0; i < face_history.size(); ++i)
        was_active[i] = face_history[i].active;

      viscosity_ratio = parameters.fracture.viscosity / step;
      current_curvature =
        parameters.loading.type != LoadingType::double_cantilever_beam ?
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
          pcout << "      " << activated
                << " face(s) reached their strength; re-solving\n";
          ++result.activation_passes;
          converged = false;
        }

      if (!converged)
        {
          current  = start;
          solution = current;
          for (unsigned int i = 0; i < face_history.size(); ++i)
            {
              face_history[i].active = was_active[i];
              face_history[i].trial  = face_history[i].state;
            }
          return false;
        }
      for (FaceHistory &h : face_history)
        h.state = h.trial;
      scan_faces(false);
      return true;
    }


    template <int dim>
    DamageMetrics
    MechanicsProblem<dim>::measure_damage() const
    {
      const double            length = parameters.mesh.segment_length;
      std::vector<FaceRecord> records;
      for (const FaceHistory &h : face_history)
        if (h.assembled_here && h.x > 0.25 * length && h.x < 0.75 * length)
          {
            FaceRecord r;
            r.layer        = h.layer;
            r.at_interface = h.at_interface;
            r.vertical     = h.vertical;
            r.x            = h.x;
            r.area         = h.area;
            r.damage       = h.active ? h.largest_damage : 0.;
            r.opening      = h.active ? h.largest_opening : 0.;
            r.opening_work = h.active ? h.opening_work : 0.;
            records.push_back(r);
          }
      std::vector<FaceRecord> all;
      for (const auto &part :
           Utilities::MPI::all_gather(mpi_communicator, records))
        all.insert(all.end(), part.begin(), part.end());
      std::vector<double> thickness;
      for (const Layer &layer : stack.layers())
        thickness.push_back(layer.thickness);
      return compute_damage_metrics(all,
                                    thickness,
                                    0.5 * length,
                                    dim == 3 ? parameters.mesh.segment_width :
                                               1.,
                                    parameters.fracture.crack_damage_threshold);
    }


    // Strains are read in the central half of the segment, away from the
    // end faces, at the Gauss-Lobatto points of each cell, which include the
    // cell's faces and hence every layer's bottom and top.
    template <int dim>
    StepResult
    MechanicsProblem<dim>::measure(const unsigned int step,
                                   const double       load_factor,
                                   const double       curvature) const
    {
      const unsigned int       n_layers = stack.n_layers();
      const double             length   = parameters.mesh.segment_length;
      const QGaussLobatto<dim> quadrature(parameters.solver.polynomial_degree +
                                          1);
      FEValues<dim>            fe_values(mapping,
                              fe,
                              quadrature,
                              update_gradients | update_quadrature_points);
      const FEValuesExtractors::Vector displacements(0);
      std::vector<Tensor<2, dim>>      gradients(quadrature.size());

      // Per layer: bottom sum, bottom count, top sum, top count.
      std::vector<double> sums(4 * n_layers, 0.);
      std::vector<double> minima(n_layers, std::numeric_limits<double>::max());
      std::vector<double> maxima(n_layers, -std::numeric_limits<double>::max());
      // Least-squares fit eps = a + b y over the substrate (layer 0):
      // n, sum y, sum y^2, sum eps, sum y eps.
      std::vector<double> fit(5, 0.);

      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned() && cell->center()[0] > 0.25 * length &&
            cell->center()[0] < 0.75 * length)
          {
            fe_values.reinit(cell);
            fe_values[displacements].get_function_gradients(solution,
                                                            gradients);
            const unsigned int k         = cell->material_id();
            const Layer       &layer     = stack.layer(k);
            const double       tolerance = 1e-6 * layer.thickness;
            for (const unsigned int q : fe_values.quadrature_point_indices())
              {
                const double y       = fe_values.quadrature_point(q)[1];
                const double epsilon = gradients[q][0][0];
                minima[k]            = std::min(minima[k], epsilon);
                maxima[k]            = std::max(maxima[k], epsilon);
                if (std::abs(y - layer.bottom) < tolerance)
                  {
                    sums[4 * k] += epsilon;
                    sums[4 * k + 1] += 1;
                  }
                if (std::abs(y - layer.top) < tolerance)
                  {
                    sums[4 * k + 2] += epsilon;
                    sums[4 * k + 3] += 1;
                  }
                if (k == 0)
                  {
                    fit[0] += 1;
                    fit[1] += y;
                    fit[2] += y * y;
                    fit[3] += epsilon;
                    fit[4] += y * epsilon;
                  }
              }
          }
      Utilities::MPI::sum(sums, mpi_communicator, sums);
      Utilities::MPI::sum(fit, mpi_communicator, fit);
      Utilities::MPI::min(minima, mpi_communicator, minima);
      Utilities::MPI::max(maxima, mpi_communicator, maxima);

      StepResult result;
      result.step        = step;
      result.load_factor = load_factor;
      result.curvature   = curvature;
      result.layers.resize(n_layers);
      for (unsigned int k = 0; k < n_layers; ++k)
        {
          LayerStrains &s       = result.layers[k];
          s.bottom_axial_strain = sums[4 * k] / std::max(sums[4 * k + 1], 1.);
          s.top_axial_strain = sums[4 * k + 2] / std::max(sums[4 * k + 3], 1.);
          s.min_axial_strain = minima[k];
          s.max_axial_strain = maxima[k];
        }
      const double slope = (fit[0] * fit[4] - fit[1] * fit[3]) /
                           (fit[0] * fit[2] - fit[1] * fit[1]);
      const double intercept     = (fit[3] - slope * fit[1]) / fit[0];
      result.measured_curvature  = slope;
      result.neutral_axis_height = slope == 0 ? 0. : -intercept / slope;
      return result;
    }


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
      // Cracks for ParaView: per cell, the largest damage, normal opening
      // (µm) and fatigue damage of its potential crack faces.
      Vector<float> damage(triangulation.n_active_cells());
      Vector<float> opening(triangulation.n_active_cells());
      Vector<float> fatigue(triangulation.n_active_cells());
      for (const auto &cell : triangulation.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f) && cell->face(f)->user_index() > 0)
              {
                const FaceHistory &h =
                  face_history[cell->face(f)->user_index() - 1];
                fatigue(cell->active_cell_index()) =
                  std::max<float>(fatigue(cell->active_cell_index()),
                                  h.fatigue_damage);
                if (h.active)
                  {
                    const unsigned int c = cell->active_cell_index();
                    damage(c)  = std::max<float>(damage(c), h.largest_damage);
                    opening(c) = std::max<float>(opening(c), h.largest_opening);
                  }
              }
      data_out.add_data_vector(damage, "damage");
      data_out.add_data_vector(opening, "crack_opening");
      data_out.add_data_vector(fatigue, "fatigue_damage");
      data_out.add_data_vector(layer, "layer");
      data_out.add_data_vector(rank, "mpi_rank");
      data_out.build_patches(mapping, parameters.solver.polynomial_degree);

      const std::string pvtu = data_out.write_vtu_with_pvtu_record(
        output->path(), "solution", step, mpi_communicator, 4);
      output->add_to_pvd(load_factor, pvtu);
    }


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
                  throw std::runtime_error(
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


    // The measured state at @p load_factor: layer strains, neutral axis,
    // crack statistics.
    template <int dim>
    StepResult
    MechanicsProblem<dim>::record_state(const unsigned int step,
                                        const double       load_factor)
    {
      const double curvature = load_factor * parameters.bending.curvature();
      StepResult   r         = measure(step, load_factor, curvature);
      r.damage               = measure_damage();
      return r;
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
        last_accepted          = load_factor;
        const double curvature = load_factor * parameters.bending.curvature();
        const StepResult measured = record_state(n_accepted, load_factor);
        r.step                    = measured.step;
        r.load_factor             = measured.load_factor;
        r.curvature               = measured.curvature;
        r.measured_curvature      = measured.measured_curvature;
        r.neutral_axis_height     = measured.neutral_axis_height;
        r.layers                  = measured.layers;
        r.damage                  = measured.damage;
        if (parameters.loading.type == LoadingType::double_cantilever_beam)
          {
            r.load_point_opening =
              load_factor * parameters.loading.opening_displacement;
            r.load_point_force = load_point_force;
          }
        results.steps.push_back(r);

        for (unsigned int k = 0; k < stack.n_layers(); ++k)
          if (!results.first_crack[k].cracked && r.damage.cracks[k] > 0)
            results.first_crack[k] = {
              true,
              curvature,
              laminate::axial_strain(stack.layer(k).top,
                                     rotation_axis_height,
                                     curvature),
              0};

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


    // Fatigue: a face's strengths and fracture energies scale with (1 - D),
    // so its bilinear law keeps the final opening 2 G / sigma while peak
    // traction and onset opening fall with the damage. Over @p cycles the
    // peak stress ratio of the last solved cycle is held (fatigue_law.h
    // integrates the damage exactly at that ratio).
    template <int dim>
    void
    MechanicsProblem<dim>::apply_fatigue(const double cycles)
    {
      for (FaceHistory &h : face_history)
        if (h.fatigue.rate_coefficient > 0 && h.assembled_here)
          {
            h.fatigue_damage = advance_fatigue_damage(h.fatigue,
                                                      h.stress_ratio,
                                                      h.fatigue_damage,
                                                      cycles);
            // With several onsets per jump, an intact face that reaches its
            // degraded strength before the jump ends stops just past it:
            // once it softens its traction, and with it the stress ratio held
            // over the jump, falls. It turns cohesive at the solved cycle.
            if (!h.active && parameters.cycling.crack_onsets_per_jump > 1)
              h.fatigue_damage =
                std::min(h.fatigue_damage,
                         std::max(0., 1. - h.stress_ratio / (1. + 1e-3)));
            degrade_strengths(h);
          }
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


    template <int dim>
    void
    MechanicsProblem<dim>::degrade_strengths(FaceHistory &h) const
    {
      const double factor = degraded_strength_factor(h.fatigue_damage);
      h.properties        = h.intact_properties;
      h.properties.normal_strength *= factor;
      h.properties.shear_strength *= factor;
      h.properties.mode_I_energy *= factor;
      h.properties.mode_II_energy *= factor;
    }


    // The longest cycle jump in which no cohesive face that can still fail
    // gains more fatigue damage than Cycling/Damage increment per jump, and
    // that ends with the cycle in which the n-th next intact face reaches its
    // degraded strength (n = Cycling/Crack onsets per jump): there the
    // stresses redistribute, which a jump at constant stress ratios cannot
    // follow. n = 1 follows every onset. The damage of an intact face needs
    // no such limit: it lowers only the strength of a face that is still
    // coupled by the interior penalty, so the solved state, and with it the
    // stress ratio, stays exactly as it is until that face's onset, and the
    // closed-form law integrates its damage exactly up to there.
    template <int dim>
    double
    MechanicsProblem<dim>::fatigue_cycle_jump() const
    {
      const unsigned int  n_onsets = parameters.cycling.crack_onsets_per_jump;
      double              jump     = std::numeric_limits<double>::infinity();
      std::vector<double> onsets; // cycles to onset of the intact faces here
      for (const FaceHistory &h : face_history)
        if (h.fatigue.rate_coefficient > 0 && h.assembled_here &&
            h.largest_damage < parameters.fracture.crack_damage_threshold)
          {
            if (h.active)
              jump = std::min(jump,
                              cycles_for_damage_increment(
                                h.fatigue,
                                h.stress_ratio,
                                h.fatigue_damage,
                                parameters.cycling.damage_increment_per_jump));
            else
              onsets.push_back(std::ceil(
                cycles_to_onset(h.fatigue, h.stress_ratio, h.fatigue_damage)));
          }
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
    // cohesive law takes the stack back to the flat, stress-free state, so
    // only the peaks need solving; between cycles only the fatigue damage
    // changes, and the last peak is the starting guess of the next. If that
    // direct re-solve fails (a burst of new cracks), the cycle is reloaded
    // from flat in load steps with cut-back.
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
            current = 0;
            ramp(0., load_factor, count);
          }
      };
      if (parameters.cycling.fully_reversed)
        {
          peak(-1.);
          std::vector<double> compression_ratio(face_history.size());
          for (unsigned int i = 0; i < face_history.size(); ++i)
            compression_ratio[i] = face_history[i].stress_ratio;
          current = 0;
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


    // Checkpoints (checkpoint.h) hold the state between two cycles: the
    // solution of the last solved peak, every face's history with the
    // fatigue damage already advanced over the jump, and what the output
    // and summary.json need of the earlier cycles. Cells and faces are
    // keyed by their centres, so that any partition can read them back.
    // Rank 0 gathers and writes the file; every rank reads all of it.
    template <int dim>
    void
    MechanicsProblem<dim>::write_checkpoint(const unsigned int next_cycle,
                                            const unsigned int jump,
                                            const RunResults  &results) const
    {
      // Flattened records of this rank: cells [centre, n, values], faces
      // [centre, active, D, s, largest damage, opening, work, n_q, damages].
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
                if (index == 0 || !face_history[index - 1].assembled_here ||
                    (cell->neighbor(f)->is_locally_owned() &&
                     cell->neighbor(f)->id() < cell->id()))
                  continue;
                const FaceHistory &h           = face_history[index - 1];
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
                              double(h.state.size())});
                for (const CohesiveState &q : h.state)
                  faces.insert(faces.end(), {q.damage, q.viscous_damage});
              }
          }
      const auto  all_cells = Utilities::MPI::gather(mpi_communicator, cells);
      const auto  all_faces = Utilities::MPI::gather(mpi_communicator, faces);
      std::string error;
      if (Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
        try
          {
            Checkpoint c;
            c.dimension            = dim;
            c.next_cycle           = next_cycle;
            c.jump                 = jump;
            c.first_hold_increment = first_hold_increment;
            c.reference_residual   = reference_residual;
            for (const StepResult &r : results.steps)
              c.steps.push_back(
                {r.cycle, r.cycle_jump, r.device.pce_retention});
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
                  const std::size_t n_q = part[i + 9];
                  for (std::size_t q = 0; q < n_q; ++q)
                    face.damage.emplace_back(part[i + 10 + 2 * q],
                                             part[i + 11 + 2 * q]);
                  c.faces.push_back(face);
                  i += 10 + 2 * n_q;
                }
            c.write(output->path() + "checkpoint.bin");
          }
        catch (const std::exception &e)
          {
            error = e.what();
          }
      throw_if_failed_anywhere(error, mpi_communicator);
    }


    template <int dim>
    void
    MechanicsProblem<dim>::read_checkpoint(unsigned int &next_cycle,
                                           unsigned int &jump,
                                           RunResults   &results)
    {
      // Every rank reads the file; an error anywhere ends all ranks.
      const std::string filename = output->path() + "checkpoint.bin";
      Checkpoint        c;
      std::string       error;
      try
        {
          c                   = Checkpoint::read(filename);
          const auto mismatch = [&](const std::string &what) {
            return std::runtime_error("the checkpoint " + filename +
                                      " does not belong to this case: " + what);
          };
          if (c.dimension != dim || c.first_crack.size() != stack.n_layers())
            throw mismatch("different dimension or stack");
          if (c.cells.size() != triangulation.n_global_active_cells())
            throw mismatch("different mesh");

          std::map<std::array<long long, 3>, const Checkpoint::CellValues *>
            cells;
          for (const Checkpoint::CellValues &cell : c.cells)
            cells[position_key(cell.center)] = &cell;
          std::map<std::array<long long, 3>, const Checkpoint::FaceState *>
            faces;
          for (const Checkpoint::FaceState &face : c.faces)
            faces[position_key(face.center)] = &face;

          Vector<double> values(fe.n_dofs_per_cell());
          for (const auto &cell : dof_handler.active_cell_iterators())
            if (cell->is_locally_owned())
              {
                const auto found =
                  cells.find(position_key(center_of<dim>(cell)));
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
                    FaceHistory &h = face_history[index - 1];
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
                    for (unsigned int q = 0; q < h.state.size(); ++q)
                      h.state[q] = {saved.damage[q].first,
                                    saved.damage[q].second};
                    h.trial = h.state;
                    degrade_strengths(h);
                  }
              }
        }
      catch (const std::exception &e)
        {
          error = e.what();
        }
      throw_if_failed_anywhere(error, mpi_communicator);
      current.compress(VectorOperation::insert);
      solution = current;

      next_cycle           = c.next_cycle;
      jump                 = c.jump;
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
      pcout << "  resumed from " << filename << " at cycle " << next_cycle
            << " (" << c.steps.size() << " cycles solved before)\n";
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
          r.newton_iterations = newton_iterations;
          r.cycle             = cycle;
          r.cycle_jump        = jump;
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
      results.n_dofs  = dof_handler.n_dofs();
      results.n_cells = triangulation.n_global_active_cells();
      results.max_aspect_ratio =
        max_cell_aspect_ratio(triangulation, mpi_communicator);
      pcout << "  mesh: " << results.n_cells << " cells, " << results.n_dofs
            << " DoFs, largest cell aspect ratio " << std::setprecision(3)
            << results.max_aspect_ratio << ", " << n_potential_crack_faces()
            << " potential crack faces\n";
      if (parameters.resume && !output)
        throw std::runtime_error("a run resumes only into its output folder");
      if (output && !parameters.resume)
        output->prepare();

      if (parameters.loading.type == LoadingType::cyclic_bending)
        run_cycles(results, wall_timer);
      else
        run_monotonic(results, wall_timer);

      const auto times   = timer.get_summary_data(TimerOutput::total_wall_time);
      const auto time_of = [&](const std::string &name) {
        const auto it = times.find(name);
        return it == times.end() ? 0. : it->second;
      };
      results.setup_time         = time_of("setup");
      results.assembly_time      = time_of("assembly");
      results.solve_time         = time_of("solve");
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
        }
      return results;
    }
  } // namespace


  template <int dim>
  RunResults
  run_bending(const RunParameters &parameters,
              const MPI_Comm       mpi_communicator,
              const bool           write_output)
  {
    MechanicsProblem<dim> problem(parameters, mpi_communicator, write_output);
    return problem.run();
  }


  template RunResults
  run_bending<2>(const RunParameters &, MPI_Comm, bool);
  template RunResults
  run_bending<3>(const RunParameters &, MPI_Comm, bool);
} // namespace bendsim
