#ifndef bendsim_results_h
#define bendsim_results_h

#include <bendsim/damage_metrics.h>
#include <bendsim/solar_cell.h>
#include <string>
#include <vector>

namespace bendsim
{
  /**
   * Axial strain (dimensionless, e.g. 0.008 = 0.8 %) in one layer, measured
   * in the central half of the segment, away from its ends.
   */
  struct LayerStrains
  {
    double bottom_axial_strain = 0; ///< mean over the layer's bottom face
    double top_axial_strain    = 0; ///< mean over the layer's top face
    double min_axial_strain    = 0;
    double max_axial_strain    = 0;
    /** Mean axial stress sigma_xx over the layer (its points in the central
     *  half of the segment), MPa, with its residual stress. */
    double mean_axial_stress = 0;
  };

  /** The solar cell at one moment of a cyclic run (see solar_cell.h). */
  struct DeviceState
  {
    DeviceDamage    damage;                ///< what the cell model sees
    DiodeParameters diode;                 ///< degraded by it
    CellPerformance performance;           ///< V_oc, J_sc, FF, PCE of that cell
    double          intact_efficiency = 0; ///< PCE of the intact cell, %
    double          pce_retention     = 1; ///< PCE / intact PCE
  };


  /** What set the length of a cycle jump (history.csv's jump_limited_by). */
  enum class JumpLimit
  {
    explicit_cycle,   ///< no jump: cycle 1, or within Explicit cycles
    damage_increment, ///< a face in a process zone: Damage increment per jump
    crack_growth,     ///< a crack front: Separations per jump
    crack_onset,      ///< an intact face: Crack onsets per jump
    largest_jump,     ///< Largest cycle jump
    schedule          ///< an output cycle or the last cycle
  };

  /** The name of @p limit in history.csv. */
  const char *
  to_string(JumpLimit limit);


  /** The state after one load step. */
  struct StepResult
  {
    unsigned int step        = 0;
    double       load_factor = 0; ///< fraction of the target curvature
    double       curvature   = 0; ///< imposed, 1/µm
    /** Curvature fitted to the substrate's axial strain profile, 1/µm. */
    double measured_curvature = 0;
    /** Height where the substrate's fitted axial strain is zero, µm. */
    double                    neutral_axis_height = 0;
    std::vector<LayerStrains> layers;
    DamageMetrics             damage;
    /** Double cantilever beam: separation of the load points (µm) and the
     *  force at the upper one (µN per µm of width in 2D, µN in 3D). */
    double load_point_opening = 0;
    double load_point_force   = 0;
    /** Cyclic bending: the cycle this peak state belongs to, and how many
     *  cycles the jump that led to it spanned (1: solved explicitly). */
    unsigned int cycle      = 0;
    unsigned int cycle_jump = 0;
    JumpLimit    jump_limit = JumpLimit::explicit_cycle; ///< of that jump
    DeviceState  device;
    unsigned int newton_iterations = 0; ///< all passes of the step
    unsigned int activation_passes = 0; ///< re-solves after new cracks
  };

  /** When a layer first cracked through its thickness (0: never). */
  struct FirstCrack
  {
    bool   cracked   = false;
    double curvature = 0; ///< 1/µm
    double top_strain =
      0; ///< nominal (intact-stack) axial strain at the layer top
    unsigned int cycle = 0; ///< cyclic bending: the cycle it was seen at
  };

  /** Headline figures of a whole run. */
  struct RunResults
  {
    std::vector<StepResult> steps;
    std::vector<FirstCrack> first_crack; ///< per layer
    /** Stopped by SIGTERM/SIGINT after writing a checkpoint; no summary. */
    bool               interrupted = false;
    unsigned long long n_dofs      = 0;
    /** DoFs less the copies the continuity constraints make. */
    unsigned long long n_unknowns         = 0;
    unsigned long long n_cells            = 0;
    unsigned int       n_ranks            = 0;
    double             max_aspect_ratio   = 0;
    double             setup_time         = 0; ///< s, mesh + DoFs + sparsity
    double             assembly_time      = 0; ///< s
    double             solve_time         = 0; ///< s, linear solves
    double             factorization_time = 0; ///< s, part of solve_time
    unsigned int       n_factorizations   = 0; ///< sparse direct factorisations
    unsigned int       n_linear_solves    = 0; ///< linear systems solved
    /** Single back-substitutions with a (corrected) earlier factorisation:
     *  the checked solves and GMRES iterations it preconditions. */
    unsigned int n_back_substitutions   = 0;
    double       back_substitution_time = 0; ///< s, part of solve_time
    /** The low-rank corrections: their block back-substitutions (columns of
     *  Z) and dense algebra. */
    double low_rank_update_time = 0; ///< s, part of solve_time
    double output_time          = 0; ///< s
    double wall_time            = 0; ///< s, whole run
    double peak_memory_max      = 0; ///< MB, largest rank
    double peak_memory_sum      = 0; ///< MB, all ranks
  };
} // namespace bendsim

#endif
