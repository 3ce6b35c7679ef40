#ifndef bendsim_parameters_h
#define bendsim_parameters_h

#include <bendsim/fingerprint.h>
#include <bendsim/material_library.h>
#include <bendsim/solar_cell.h>
#include <bendsim/stack.h>
#include <iosfwd>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace bendsim
{
  /** Which side of the stack the films are on when it is bent. */
  enum class FilmSide
  {
    tension,    ///< films on the outside of the bend (convex side)
    compression ///< films on the inside of the bend (concave side)
  };

  enum class LinearSolverType
  {
    direct, ///< sparse direct factorisation (Trilinos Amesos)
    cg_amg  ///< conjugate gradients preconditioned by Trilinos ML AMG
  };

  enum class LoadingType
  {
    bending,                ///< imposed curvature (the device under test)
    cyclic_bending,         ///< flat -> radius -> flat, many cycles
    double_cantilever_beam, ///< opening of a two-layer beam (verification)
    /** The beam's opening cycled 0 -> Opening displacement -> 0 (fatigue
     *  crack growth verification). */
    cyclic_double_cantilever_beam,
    free_ends ///< traction-free ends, residual stress only (verification)
  };

  /** Whether @p type cycles the load (cycle jumps, fatigue, checkpoints). */
  inline bool
  is_cyclic(const LoadingType type)
  {
    return type == LoadingType::cyclic_bending ||
           type == LoadingType::cyclic_double_cantilever_beam;
  }

  /** Whether @p type opens a double cantilever beam. */
  inline bool
  is_double_cantilever_beam(const LoadingType type)
  {
    return type == LoadingType::double_cantilever_beam ||
           type == LoadingType::cyclic_double_cantilever_beam;
  }

  /** subsection Loading */
  struct LoadingParameters
  {
    LoadingType type                 = LoadingType::bending;
    double      opening_displacement = 10; ///< µm, double cantilever beam
    double      initial_crack_length = 50; ///< µm, double cantilever beam

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };

  /** subsection Bending */
  struct BendingParameters
  {
    double       bending_radius = 7.5; ///< mm
    FilmSide     film_side      = FilmSide::tension;
    unsigned int load_steps     = 1;

    /** Signed curvature in 1/µm: positive when the top (films) is in tension.
     */
    double
    curvature() const;

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };

  /** subsection Mesh */
  /**
   * Cyclic bending (Loading/Type = cyclic bending): flat -> bending radius ->
   * flat (-> minus the radius -> flat when fully reversed) per cycle. The
   * first cycles are solved one by one; then cycle jumps extrapolate the
   * fatigue damage over many cycles (see fatigue_law.h).
   */
  struct CyclingParameters
  {
    unsigned int number_of_cycles           = 1000;
    unsigned int explicit_cycles            = 5;
    double       damage_increment_per_jump  = 0.05; ///< largest Delta D
    unsigned int separations_per_jump       = 1;    ///< see run_cycles
    unsigned int largest_cycle_jump         = 100;
    unsigned int crack_onsets_per_jump      = 1; ///< see run_cycles
    bool         fully_reversed             = false;
    std::vector<unsigned int> output_cycles = {1, 10, 100, 1000};

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };


  /**
   * The solar cell the stack is part of (cyclic bending): the one-diode
   * model fitted to a measured cell, and how the crack statistics degrade it
   * (see solar_cell.h). Layers are named as in Stack/Layers.
   */
  struct DeviceParameters
  {
    std::string              electrode_layer;
    std::vector<std::string> absorber_layers;
    double                   open_circuit_voltage          = 1.24; ///< V
    double                   short_circuit_current_density = 13.6; ///< mA/cm^2
    double                   fill_factor                   = 0.73;
    double                   ideality_factor               = 1.29;
    double                   shunt_resistance              = 1000; ///< Ohm cm^2
    DamageCoupling           coupling;
    /** Resolved layer indices (numbers::invalid_unsigned_int: none). */
    unsigned int              electrode = static_cast<unsigned int>(-1);
    std::vector<unsigned int> absorbers;

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm,
          const Stack              &stack,
          const std::string        &case_file);

    /**
     * Throws an InputError naming the entry of @p case_file at fault unless
     * the intact cell is one the one-diode fit (solar_cell.h) can make:
     * V_oc and J_sc in the ranges of a single junction at 1 sun, a shunt that
     * lets the cell reach its V_oc, and a fill factor the chosen ideality
     * factor and shunt resistance can reach at that V_oc. For the cases that
     * build the device model: the cyclic ones.
     */
    void
    check_cell(const std::string &case_file) const;
  };


  struct MeshParameters
  {
    double       segment_length      = 100; ///< µm
    unsigned int cells_along_segment = 400;
    /// Length of the central cells over that of the end cells (1: uniform).
    double       centre_grading_ratio = 1;
    double       segment_width        = 2; ///< µm (3D)
    unsigned int cells_across_width   = 2; ///< (3D)
    std::string  mesh_file; ///< Gmsh file, resolved against the case file

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };

  /** subsection Solver */
  struct SolverParameters
  {
    unsigned int polynomial_degree = 2;
    /** Continuous elements across every face that cannot crack (nodal
     *  continuity constraints); discontinuous ones only where a face can
     *  open. false: interior penalty on every face. */
    bool             continuous_off_cracks     = true;
    double           penalty_factor            = 10;
    LinearSolverType linear_solver             = LinearSolverType::direct;
    std::string      direct_solver             = "Amesos_Mumps";
    unsigned int     low_rank_update_dofs      = 0;
    double           relative_tolerance        = 1e-10;
    unsigned int     maximum_iterations        = 5000;
    double           newton_tolerance          = 1e-8;
    unsigned int     maximum_newton_iterations = 25;
    double           minimum_load_step = 1e-4; ///< fraction of the full load
    unsigned int     maximum_activation_passes = 50;

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };

  /** subsection Fracture */
  struct FractureParameters
  {
    bool         enabled     = true;
    unsigned int random_seed = 1;
    /** A cohesive face is separated (traction-free) once every point has
     *  dissipated this fraction of its mixed-mode G_c. */
    double separation_energy_fraction = 0.95;
    double viscosity                  = 0; ///< in units of the load factor

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };

  /** subsection Output */
  struct OutputParameters
  {
    bool write_vtu = true;
    /** Cyclic bending: solved cycles between checkpoints; 0 writes one only
     *  when SIGTERM or SIGINT arrives. */
    unsigned int checkpoint_interval = 10;
    /** Output/Verbosity = iterations: print every Newton iteration. */
    bool print_iterations = false;

    static void
    declare(dealii::ParameterHandler &prm);
    void
    parse(dealii::ParameterHandler &prm);
  };

  /**
   * Everything one run needs, read from a case file (and the material
   * library it names), validated, with defaults written once in the
   * declarations.
   */
  struct RunParameters
  {
    std::string  case_file;
    unsigned int dimension = 2;
    std::string  output_folder;
    /** Continue from the checkpoint in output_folder (bendsim --resume),
     *  not a case file entry. */
    bool               resume = false;
    std::string        material_library_file;
    LoadingParameters  loading;
    BendingParameters  bending;
    CyclingParameters  cycling;
    DeviceParameters   device;
    MeshParameters     mesh;
    SolverParameters   solver;
    FractureParameters fracture;
    OutputParameters   output;
    Stack              stack;
    /** What defines the model (fingerprint.h): checked when a run resumes
     *  from a checkpoint. */
    CaseFingerprint fingerprint;
    /** The command line of the run (argv), for summary.json's provenance;
     *  set by bendsim's main(), not a case file entry. */
    std::vector<std::string> command_line;

    /**
     * Read and validate @p case_file. Throws InputError naming the file and
     * entry for any bad input. Reads files only; writes nothing. A
     * non-empty @p material_library_file replaces Materials/Library file.
     * @p overrides ("Subsection/Entry=value", bendsim --set) are set after
     * the file (and its includes) is parsed, before anything is validated,
     * and are part of used_parameters_text() and the fingerprint.
     */
    static RunParameters
    read(const std::string              &case_file,
         const std::string              &material_library_file = "",
         const std::vector<std::string> &overrides             = {});

    /**
     * The parameters of the run whose output folder is @p output_folder, to
     * continue it from its checkpoint: its parameters.prm and materials.prm
     * as used, with the output folder and resume set. @p overrides may only
     * repeat values of that parameters.prm: one that changes a value is an
     * InputError.
     */
    static RunParameters
    read_for_resume(const std::string              &output_folder,
                    const std::vector<std::string> &overrides = {});

    /**
     * Declare every entry of a case file; one subsection "Layer <name>" per
     * name in @p layer_names.
     */
    static void
    declare(dealii::ParameterHandler       &prm,
            const std::vector<std::string> &layer_names);

    /** Print every entry with its default and documentation
     * (--print-parameters). */
    static void
    print_documentation(std::ostream &out);

    /** The case file's entries as used, in .prm format, to keep with the
     * output. */
    std::string
    used_parameters_text() const;

  private:
    std::string used_parameters;
  };
} // namespace bendsim

#endif
