// The class that carries out run_bending: shared by the mechanics_problem*.cc
// files, each of which defines (and instantiates for dim = 2, 3) a part of its
// members. Private to the library: not installed.
#ifndef bendsim_mechanics_problem_class_h
#define bendsim_mechanics_problem_class_h

#include <array>
#include <bendsim/cohesive_law.h>
#include <bendsim/crack_front.h>
#include <bendsim/fatigue_law.h>
#include <bendsim/output.h>
#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <bendsim/updated_factorization.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/index_set.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_solver.h>
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


    /**
     * The straight line of faces a face lies on, along which its crack grows
     * (crack_front.h): a column of vertical faces in a layer (channel
     * cracks; along y) or a row of horizontal faces at an interface or
     * inside a layer (debonds; along x). In 3D each slab of faces at one z
     * is a line of its own; faces normal to z are on no line.
     */
    struct LineKey
    {
      int          direction    = -1; ///< 1: along y, 0: along x, -1: no line
      bool         at_interface = false;
      unsigned int layer        = 0;
      long long    offset = 0; ///< x (along y) or y (along x), in 1e-6 µm
      long long    depth  = 0; ///< z in 1e-6 µm (3D)

      bool
      operator<(const LineKey &other) const
      {
        return std::tie(direction, at_interface, layer, offset, depth) <
               std::tie(other.direction,
                        other.at_interface,
                        other.layer,
                        other.offset,
                        other.depth);
      }
    };


    /** The faces of one line, gathered from all ranks and sorted, with the
     *  fronts found on them at the last solved peak. */
    struct FaceLine
    {
      LineKey                 key;
      std::vector<LineFace>   faces;
      std::vector<CrackFront> fronts;
      /** Holds a crack: a separated face, or the root of a separated crack
       *  that crosses it. Until then the line is still initiating. */
      bool cracked = false;
    };


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
      /** Line of faces, and the face's extent along it (µm). */
      LineKey line;
      double  line_start = 0;
      double  line_end   = 0;
      /** Paris law of its material or interface, and the crack advance
       *  accumulated into it by the fronts that reach it (µm). */
      CrackGrowthProperties growth;
      double                growth_credit = 0;
      /** At the last scan: traction-free (every point's dissipated energy
       *  reached Fracture/Separation energy fraction of G_c); smallest
       *  dissipated fraction over its points; its share of the cohesive-zone
       *  J-integral along its line (J/m^2, crack_front.h); G_c at the mode
       *  mixity of its most open point (J/m^2); the largest traction over
       *  its points (MPa). */
      bool   separated           = false;
      double dissipated_fraction = 0;
      double j_integral          = 0;
      double fracture_energy     = 0;
      double largest_traction    = 0;
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
      /** face_history[i].active when it was assembled. */
      std::vector<bool> active;
      /** The active cohesive faces this rank assembles. */
      std::vector<CohesiveFace<dim>> cohesive_faces;
    };


    /** Thrown out of a Newton solve of a cyclic run when SIGTERM or SIGINT
     *  has arrived at any rank. */
    struct StopRequested
    {
    };


    /**
     * The finite-element model of run_bending (see mechanics_problem.h): its
     * members are defined, by topic, in source/mechanics_problem_*.cc.
     */
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
      apply_fatigue(double cycles);
      void
      find_crack_fronts_on_lines();
      void
      separate_face(FaceHistory &history) const;
      void
      record_fronts(DamageMetrics &metrics) const;
      std::vector<double>
      flat_crack_openings();
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
      /** The cycles the fatigue state can be extrapolated over from the
       *  current peak, and what sets them. Collective. */
      std::pair<double, JumpLimit>
      fatigue_cycle_jump() const;
      /** What set the jump to the cycle being solved. */
      JumpLimit jump_limit = JumpLimit::explicit_cycle;
      unsigned int
      solve_cycle_peak(bool from_flat);
      StepResult
      record_state(unsigned int step, double load_factor);
      void
      solve_residual_state();
      void
      run_monotonic(RunResults &results, const dealii::Timer &wall_timer);
      void
      run_cycles(RunResults &results, const dealii::Timer &wall_timer);
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

      std::vector<FaceHistory> face_history; // by face->user_index() - 1
      /** Every line of faces of the whole mesh, with its fronts, at the last
       *  solved peak (the same on every rank), and where each of its faces
       *  sits in face_history here (none if the rank does not have it). */
      std::vector<FaceLine> face_lines;
      std::map<std::pair<LineKey, long long>, std::vector<unsigned int>>
        local_line_faces;

      // The sparse direct factorisation of an earlier tangent, corrected for
      // the faces changed since: the preconditioner of GMRES until that
      // needs too many iterations (see solve_linear_system).
      std::unique_ptr<UpdatedFactorization> factorization;
      double                                viscosity_ratio    = 0;
      double                                current_curvature  = 0; ///< 1/µm
      double                                reference_residual = 0;

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
