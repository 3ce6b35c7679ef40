// The class that carries out run_bending: shared by the mechanics_problem*.cc
// files, each of which defines (and instantiates for dim = 2, 3) a part of its
// members. Private to the library: not installed.
#ifndef bendsim_mechanics_problem_class_h
#define bendsim_mechanics_problem_class_h

#include <array>
#include <bendsim/crack_faces.h>
#include <bendsim/cycling_driver.h>
#include <bendsim/output.h>
#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <bendsim/tangent_solver.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>
#include <functional>
#include <map>
#include <memory>
#include <mpi.h>
#include <tuple>
#include <vector>

namespace bendsim
{
  namespace internal
  {
    /** A u_x DoF on an end face and the height of its support point (µm). */
    struct EndFaceDof
    {
      dealii::types::global_dof_index index;
      double                          height;
    };


    /** What an interior face is to the fracture model. */
    struct CrackFaceKind
    {
      bool potential_crack   = false; ///< may turn cohesive
      bool initially_cracked = false; ///< a pre-existing crack or debond
    };


    /** An active cohesive face, as the rank that assembles it sees it. */
    template <int dim>
    struct CohesiveFace
    {
      typename dealii::DoFHandler<dim>::cell_iterator cell;
      unsigned int                                    face_no;
      unsigned int                                    subface_no;
      typename dealii::DoFHandler<dim>::cell_iterator neighbor;
      unsigned int                                    neighbor_face_no;
      unsigned int                                    neighbor_subface_no;
      unsigned int                                    history; ///< index
    };


    /**
     * The part of Newton's system that is linear in the displacement: the
     * bulk, the intact (SIPG) faces and the eigenstress loads. It changes only
     * when faces turn cohesive, so it is assembled then, and every Newton
     * iterate adds to it only the active cohesive faces.
     */
    template <int dim>
    struct LinearPart
    {
      /** Condensed with the homogeneous end-face constraints. */
      dealii::TrilinosWrappers::SparseMatrix matrix;
      /** Not condensed, for the residual f - K u of any iterate. */
      dealii::TrilinosWrappers::SparseMatrix raw_matrix;
      /** The work of the eigenstresses, f (not condensed). */
      dealii::TrilinosWrappers::MPI::Vector raw_load;
      bool                                  assembled = false;
      /** crack_faces.history[i].active when it was assembled. */
      std::vector<bool> active;
      /** The active cohesive faces this rank assembles. */
      std::vector<CohesiveFace<dim>> cohesive_faces;
    };


    /**
     * The finite-element model of run_bending (see mechanics_problem.h): its
     * members are defined, by topic, in source/mechanics_problem_*.cc.
     */
    template <int dim>
    class MechanicsProblem : public CyclicModel
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
      CrackFaceKind
      crack_face_kind(
        const typename dealii::DoFHandler<dim>::cell_iterator &cell,
        unsigned int                                           f) const;
      void
      setup_face_history();
      bool
      is_continuous_face(
        const typename dealii::DoFHandler<dim>::cell_iterator &cell,
        unsigned int                                           f) const;
      void
      make_continuity_constraints();
      dealii::types::global_dof_index
      n_unknowns() const;
      void
      make_constraints(double                             load_factor,
                       dealii::AffineConstraints<double> &c) const;
      double
      interior_penalty(
        const typename dealii::DoFHandler<dim>::cell_iterator &cell,
        unsigned int                                           f,
        const typename dealii::DoFHandler<dim>::cell_iterator &neighbor,
        unsigned int                                           nf) const;
      bool
      linear_part_is_current() const;
      void
      assemble_linear_part();
      void
      assemble_system(bool with_matrix = true);
      std::vector<dealii::types::global_dof_index>
      cohesive_face_dofs() const;
      void
      solve_linear_system(dealii::TrilinosWrappers::MPI::Vector &increment);
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
      apply_fatigue(double cycles) override;
      DamageMetrics
      flat_damage(const DamageMetrics &peak_damage);
      unsigned int
      n_potential_crack_faces() const;
      // The cyclic model (cycling_driver.h) the cycle loop drives.
      void
      write_checkpoint(const CycleCounter &counter,
                       const RunResults   &results) const override;
      CycleCounter
      read_checkpoint(RunResults &results) override;
      std::pair<double, JumpLimit>
      fatigue_cycle_jump() const override;
      void
      save_cycle_start() override;
      void
      restore_cycle_start() override;
      unsigned int
      solve_peak(bool from_flat) override;
      StepResult
      measure_peak(unsigned int step) override;
      void
      measure_flat(DamageMetrics &damage) override;
      void
      write_fields(unsigned int cycle) override;

      StepResult
      record_state(unsigned int step, double load_factor);
      void
      solve_residual_state();
      void
      run_monotonic(RunResults &results, const dealii::Timer &wall_timer);
      DamageMetrics
      measure_damage() const;
      StepResult
      measure(unsigned int step, double load_factor, double curvature) const;
      void
      output_results(unsigned int step, double load_factor);

      const RunParameters       &parameters;
      const Stack               &stack;
      MPI_Comm                   mpi_communicator;
      dealii::ConditionalOStream pcout;
      dealii::TimerOutput        timer;
      /** Pseudo-time of the first converged hold at the last cycle peak. */
      double first_hold_increment = 1.;
      /** Cyclic runs: the state before the cycle being solved, from which a
       *  checkpoint is written when a stop is requested in mid-cycle. */
      struct CycleStart
      {
        std::vector<FaceHistory>              face_history;
        dealii::TrilinosWrappers::MPI::Vector current;
        double                                first_hold_increment = 1;
        double                                reference_residual   = 0;
      } cycle_start;

      dealii::parallel::distributed::Triangulation<dim> triangulation;
      const dealii::MappingQ1<dim>                      mapping;
      const dealii::FESystem<dim>                       fe;
      dealii::DoFHandler<dim>                           dof_handler;

      dealii::IndexSet locally_owned_dofs;
      /** Those not constrained by zero_constraints: the rows the direct
       *  solver factorises. */
      dealii::IndexSet locally_owned_unknowns;
      dealii::IndexSet locally_relevant_dofs;
      dealii::AffineConstraints<double>
        constraints; // the end faces at the load
      dealii::AffineConstraints<double>
        zero_constraints; // the same, homogeneous
      /** The nodes that cells share across faces that cannot crack: one
       *  unknown each (Solver/Continuous away from cracks). Part of both
       *  sets of constraints above. */
      dealii::AffineConstraints<double> continuity;

      LinearPart<dim>                        linear_part;
      dealii::TrilinosWrappers::SparseMatrix system_matrix;
      dealii::TrilinosWrappers::MPI::Vector  system_rhs; // minus the residual
      dealii::TrilinosWrappers::MPI::Vector  current;    // owned solution
      dealii::TrilinosWrappers::MPI::Vector solution; // ghosted copy of current
      /** The flat stack under its residual stresses (load factor 0; zero
       *  without eigenstrains): where every ramp from flat starts. */
      dealii::TrilinosWrappers::MPI::Vector flat_state;

      /** The potential crack faces, their lines and their fatigue. */
      CrackFaces crack_faces;

      /** Newton's linear solves and the factorisation they reuse. */
      TangentSolver tangent_solver;
      double        viscosity_ratio    = 0;
      double        current_curvature  = 0; ///< 1/µm
      double        reference_residual = 0;

      std::vector<EndFaceDof>                      left_end_dofs;
      std::vector<EndFaceDof>                      right_end_dofs;
      std::vector<dealii::types::global_dof_index> symmetry_dofs;
      EndFaceDof                                   right_end_master;
      dealii::types::global_dof_index anchor_dof;     // u_y, x = 0, y = 0
      dealii::types::global_dof_index top_anchor_dof; // u_y, x = 0, y = H
      /** u_x at x = 0, y = 0 and at x = 0, y = H (free ends). */
      std::array<dealii::types::global_dof_index, 2> left_corner_axial_dofs;
      std::vector<dealii::types::global_dof_index>
             right_face_dofs;      // all components
      double load_point_force = 0; // internal force at top_anchor_dof
      double rotation_axis_height;

      std::unique_ptr<OutputFolder> output;
    };
  } // namespace internal
} // namespace bendsim

#endif
