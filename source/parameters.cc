#include <algorithm>
#include <bendsim/input_error.h>
#include <bendsim/laminate.h>
#include <bendsim/parameter_reader.h>
#include <bendsim/parameters.h>
#include <bendsim/solar_cell.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <sstream>

namespace bendsim
{
  namespace
  {
    /** A default value as ParameterHandler text, to ten significant digits
     *  (std::to_string keeps only six decimals: 2e-6 would read 0.000002
     *  and 1.8e-7 zero). */
    std::string
    default_text(const double value)
    {
      std::ostringstream text;
      text << std::setprecision(10) << value;
      return text.str();
    }
  } // namespace

  using namespace dealii;
  using parameter_reader::check_open_range;

  namespace
  {
    constexpr double infinity = std::numeric_limits<double>::infinity();

    /** "output/<case name>" for parameters/<case name>.prm */
    std::string
    default_output_folder(const std::string &case_file)
    {
      std::string name = case_file.substr(case_file.find_last_of('/') + 1);
      const auto  dot  = name.rfind('.');
      if (dot != std::string::npos && dot > 0)
        name = name.substr(0, dot);
      return "output/" + name;
    }

    void
    declare_layer(ParameterHandler &prm)
    {
      prm.declare_entry(
        "Material",
        "",
        Patterns::Anything(),
        "Name of the layer's material in the material library.");
      prm.declare_entry("Thickness",
                        "1",
                        Patterns::Double(0),
                        "Layer thickness, in µm (> 0).");
      prm.declare_entry("Cells through thickness",
                        "1",
                        Patterns::Integer(1, 1000),
                        "Number of mesh cells through the layer's thickness.");
      prm.declare_entry(
        "Grading ratio",
        "1",
        Patterns::Double(0),
        "Height of the layer's top cell divided by the height of its bottom "
        "cell (> 0; 1: uniform cells; < 1: cells shrink towards the top, "
        "used to refine a thick substrate towards the thin films above it).");
      prm.declare_entry("Crackable",
                        "false",
                        Patterns::Bool(),
                        "Whether cracks may form inside this layer (every "
                        "interior face of the layer is a potential crack).");
      prm.declare_entry("Initial cracks",
                        "",
                        Patterns::List(Patterns::Double()),
                        "Comma-separated x positions (µm, from the left end "
                        "of the segment) of cracks through the layer that "
                        "exist before loading; each is placed on the nearest "
                        "column of cell faces.");
      prm.declare_entry(
        "Processing temperature change",
        "0",
        Patterns::Double(-273, 1000),
        "Residual stress from processing, as a temperature: the deposition "
        "or anneal temperature of the layer minus room temperature, in K, in "
        "[-273, 1000]. The layer is stress-free at that temperature, bonded "
        "to what lies below it, and cooled with the stack; the substrate (the "
        "bottom layer) is the reference, so the layer keeps the isotropic "
        "eigenstrain -(alpha - alpha_substrate) dT with the materials' "
        "Thermal expansion coefficient alpha. Must be 0 for the bottom layer "
        "and when Residual stress is given. 0: no thermal residual stress.");
      prm.declare_entry(
        "Residual stress",
        "0",
        Patterns::Double(-10000, 10000),
        "Residual stress from processing, stated directly: the equibiaxial "
        "in-plane stress of the layer on a rigid substrate, in MPa, positive "
        "in tension, in [-10000, 10000]; it becomes the isotropic eigenstrain "
        "-sigma (1 - nu)/E. Instead of, not with, a Processing temperature "
        "change. The stack relaxes it by bending and stretching before the "
        "first bend. 0: none.");
    }
  } // namespace


  void
  LoadingParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Loading");
    prm.declare_entry(
      "Type",
      "bending",
      Patterns::Selection(
        "bending|cyclic bending|double cantilever beam|cyclic double "
        "cantilever beam|free ends"),
      "'bending': the stack bent monotonically to Bending/Bending radius. "
      "'cyclic bending': bent to that radius and back to flat for "
      "Cycling/Number of cycles cycles, with fatigue damage. 'double "
      "cantilever beam': a verification of the cohesive law; the stack must "
      "have two layers (the arms), whose interface is pre-cracked from x = 0 "
      "to the initial crack length and opened at x = 0 by pulling the lower "
      "left and upper left corners apart; the end x = L is clamped. 'cyclic "
      "double cantilever beam': that opening cycled from 0 to Opening "
      "displacement and back for Cycling/Number of cycles cycles, a "
      "verification of fatigue crack growth. 'free "
      "ends': both end faces traction-free, only the rigid-body motion held "
      "(u_x at the lower and upper left corners and u_y at the lower left "
      "corner); the stack takes the shape its residual stresses "
      "(Stack/Layer/Residual stress, Processing temperature change) give "
      "it: a verification of the residual stress against Stoney's formula. "
      "In the bending types the flat stack is held flat (the end faces "
      "plane and unrotated) under its residual stresses, and the curvature "
      "imposed is the total one.");
    prm.declare_entry("Opening displacement",
                      "10",
                      Patterns::Double(0),
                      "Double cantilever beam: the final separation of the two "
                      "load points, in µm, reached in Bending/Load steps.");
    prm.declare_entry(
      "Initial crack length",
      "50",
      Patterns::Double(0),
      "Double cantilever beam: length of the pre-crack from the "
      "loaded end, in µm.");
    prm.leave_subsection();
  }


  void
  LoadingParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Loading");
    const std::string name = prm.get("Type");
    type                   = name == "bending"        ? LoadingType::bending :
                             name == "cyclic bending" ? LoadingType::cyclic_bending :
                             name == "double cantilever beam" ?
                                                        LoadingType::double_cantilever_beam :
                             name == "free ends" ? LoadingType::free_ends :
                                                   LoadingType::cyclic_double_cantilever_beam;
    opening_displacement   = prm.get_double("Opening displacement");
    initial_crack_length   = prm.get_double("Initial crack length");
    prm.leave_subsection();
  }


  double
  BendingParameters::curvature() const
  {
    const double magnitude = 1. / (bending_radius * 1000.); // mm -> µm
    return film_side == FilmSide::tension ? magnitude : -magnitude;
  }


  void
  BendingParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Bending");
    prm.declare_entry("Bending radius",
                      "7.5",
                      Patterns::Double(0),
                      "Radius of the bend, in mm (> 0), measured to the "
                      "stack's neutral axis. The paper's robot uses 7.5 mm.");
    prm.declare_entry("Film side",
                      "tension",
                      Patterns::Selection("tension|compression"),
                      "Where the films are: 'tension' puts them on the outside "
                      "of the bend, 'compression' on the inside.");
    prm.declare_entry("Load steps",
                      "1",
                      Patterns::Integer(1, 100000),
                      "Number of equal curvature increments from flat to the "
                      "bending radius.");
    prm.leave_subsection();
  }


  void
  BendingParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Bending");
    bending_radius = prm.get_double("Bending radius");
    film_side      = prm.get("Film side") == "tension" ? FilmSide::tension :
                                                         FilmSide::compression;
    load_steps     = prm.get_integer("Load steps");
    prm.leave_subsection();
  }


  void
  MeshParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Mesh");
    prm.declare_entry("Segment length",
                      "100",
                      Patterns::Double(0),
                      "Length of the modelled stack segment along the bending "
                      "direction, in µm (> 0).");
    prm.declare_entry("Cells along segment",
                      "400",
                      Patterns::Integer(1),
                      "Number of cells along the segment (layered generator).");
    prm.declare_entry(
      "Grading towards the centre",
      "1",
      Patterns::Double(0),
      "Length of the cells at the middle of the segment divided by that of "
      "the cells at its ends (> 0; 1: uniform cells; < 1: cells shrink "
      "geometrically towards x = L/2 from both ends, used to resolve a crack "
      "tip at the middle). Needs an even number of Cells along segment when "
      "not 1. Layered generator only.");
    prm.declare_entry("Segment width",
                      "2",
                      Patterns::Double(0),
                      "Width of the segment across the bend, in µm (> 0); "
                      "3D only.");
    prm.declare_entry("Cells across width",
                      "2",
                      Patterns::Integer(1),
                      "Number of cells across the width; 3D only.");
    prm.declare_entry(
      "Mesh file",
      "",
      Patterns::Anything(),
      "Gmsh mesh (.msh, format 2 or 4 ASCII) to use instead of the layered "
      "generator, relative to the case file. Physical group k (1, 2, ...) "
      "is the k-th layer of the stack from the bottom; the segment spans "
      "x in [0, Segment length] and y in [0, stack thickness]. Empty: "
      "generate a layered mesh.");
    prm.leave_subsection();
  }


  void
  MeshParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Mesh");
    segment_length       = prm.get_double("Segment length");
    cells_along_segment  = prm.get_integer("Cells along segment");
    centre_grading_ratio = prm.get_double("Grading towards the centre");
    segment_width        = prm.get_double("Segment width");
    cells_across_width   = prm.get_integer("Cells across width");
    mesh_file            = prm.get("Mesh file");
    prm.leave_subsection();
  }


  void
  SolverParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Solver");
    prm.declare_entry("Polynomial degree",
                      "2",
                      Patterns::Integer(1, 4),
                      "Degree of the discontinuous Lagrange elements. Degree "
                      "2 represents pure bending of each layer exactly.");
    prm.declare_entry(
      "Penalty factor",
      "10",
      Patterns::Double(1, 1e4),
      "Dimensionless factor of the interior-penalty stiffness "
      "gamma = factor * p(p+1) * (lambda + 2 mu) / h that keeps intact faces "
      "closed (1 to 10000; larger factors only worsen the conditioning).");
    prm.declare_entry("Linear solver",
                      "direct",
                      Patterns::Selection("direct|cg-amg"),
                      "'direct': sparse direct factorisation (recommended in "
                      "2D); 'cg-amg': conjugate gradients with algebraic "
                      "multigrid (for large 3D meshes).");
    prm.declare_entry("Direct solver",
                      "Amesos_Mumps",
                      Patterns::Selection("Amesos_Mumps|Amesos_Klu"),
                      "Trilinos Amesos package for 'direct': Amesos_Mumps "
                      "(parallel) or Amesos_Klu (serial, gathered on rank 0).");
    prm.declare_entry(
      "Continuous away from cracks",
      "true",
      Patterns::Bool(),
      "true: the displacement is continuous across every face that cannot "
      "crack (the nodes the two cells share there are one unknown), and "
      "discontinuous, coupled by interior penalty until the face turns "
      "cohesive, only across the potential crack faces. false: interior "
      "penalty on every face (the discontinuous Galerkin form throughout; "
      "about twice the unknowns on the shipped cases, and a 1000-cycle "
      "device run several times slower).");
    prm.declare_entry(
      "Low-rank update DoFs",
      "0",
      Patterns::Integer(0),
      "'direct': between factorisations, correct the tangent's changes on "
      "the faces that soften or turn cohesive exactly, by a "
      "Sherman-Morrison-Woodbury update on up to this many of their DoFs "
      "(beyond them GMRES does the rest). 0: no update, GMRES preconditioned "
      "by the last factorisation. Same results either way; the update is "
      "slower on the shipped cases (see the manual's Benchmarks page).");
    prm.declare_entry("Newton tolerance",
                      "1e-8",
                      Patterns::Double(1e-16, 1),
                      "Newton stops when the residual norm falls below this "
                      "fraction of the step's first residual (or of the "
                      "run's first residual, whichever is larger).");
    prm.declare_entry("Maximum Newton iterations",
                      "25",
                      Patterns::Integer(1),
                      "Newton iterations before the load step is cut back.");
    prm.declare_entry("Minimum load step",
                      "1e-4",
                      Patterns::Double(1e-12, 1),
                      "Smallest load increment, as a fraction of the full "
                      "curvature, before the run gives up.");
    prm.declare_entry("Maximum activation passes",
                      "50",
                      Patterns::Integer(1),
                      "Re-solves of one load step after faces reach their "
                      "strength and turn cohesive.");
    prm.declare_entry("Relative tolerance",
                      "1e-10",
                      Patterns::Double(0, 1),
                      "Relative residual at which 'cg-amg' stops.");
    prm.declare_entry("Maximum iterations",
                      "5000",
                      Patterns::Integer(1),
                      "Iteration limit of 'cg-amg'.");
    prm.leave_subsection();
  }


  void
  SolverParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Solver");
    polynomial_degree         = prm.get_integer("Polynomial degree");
    penalty_factor            = prm.get_double("Penalty factor");
    linear_solver             = prm.get("Linear solver") == "direct" ?
                                  LinearSolverType::direct :
                                  LinearSolverType::cg_amg;
    direct_solver             = prm.get("Direct solver");
    low_rank_update_dofs      = prm.get_integer("Low-rank update DoFs");
    continuous_off_cracks     = prm.get_bool("Continuous away from cracks");
    relative_tolerance        = prm.get_double("Relative tolerance");
    maximum_iterations        = prm.get_integer("Maximum iterations");
    newton_tolerance          = prm.get_double("Newton tolerance");
    maximum_newton_iterations = prm.get_integer("Maximum Newton iterations");
    minimum_load_step         = prm.get_double("Minimum load step");
    maximum_activation_passes = prm.get_integer("Maximum activation passes");
    prm.leave_subsection();
  }


  void
  CyclingParameters::declare(ParameterHandler &prm)
  {
    const CyclingParameters defaults;
    prm.enter_subsection("Cycling");
    prm.declare_entry("Number of cycles",
                      std::to_string(defaults.number_of_cycles),
                      Patterns::Integer(1),
                      "Bending cycles to simulate (>= 1).");
    prm.declare_entry("Explicit cycles",
                      std::to_string(defaults.explicit_cycles),
                      Patterns::Integer(1),
                      "Cycles solved one by one before cycle jumps start "
                      "(>= 1).");
    prm.declare_entry(
      "Damage increment per jump",
      default_text(defaults.damage_increment_per_jump),
      Patterns::Double(0, 1),
      "Largest growth of the stress-life damage of any softening face of a "
      "line that holds no crack yet, over one cycle jump (0 to 1). Intact "
      "faces are integrated exactly up to their onset.");
    prm.declare_entry(
      "Separations per jump",
      std::to_string(defaults.separations_per_jump),
      Patterns::Integer(1),
      "A jump ends at the latest with the cycle in which fatigue crack growth "
      "has separated this many faces (>= 1): the fronts' energy release "
      "rates are held over a jump and re-read at the next solved peak. 1 "
      "follows every separation (one solve each); n > 1: fewer solves, the "
      "fronts' driving forces up to n faces late.");
    prm.declare_entry("Largest cycle jump",
                      std::to_string(defaults.largest_cycle_jump),
                      Patterns::Integer(1),
                      "Upper bound of the jump length dN, in cycles (>= 1).");
    prm.declare_entry(
      "Crack onsets per jump",
      std::to_string(defaults.crack_onsets_per_jump),
      Patterns::Integer(1),
      "A jump ends at the latest with the cycle in which this many intact "
      "faces have reached their fatigue-degraded strength (>= 1). 1 follows "
      "every onset (exact, one solve per onset); n > 1 lets faces that reach "
      "it earlier wait, at their strength, until the jump ends: fewer solves, "
      "cracks up to one jump late.");
    prm.declare_entry("Fully reversed",
                      defaults.fully_reversed ? "true" : "false",
                      Patterns::Bool(),
                      "true: each cycle also bends the other way (films in "
                      "compression); false: flat -> radius -> flat.");
    prm.declare_entry("Output cycles",
                      "1, 10, 100, 1000",
                      Patterns::List(Patterns::Integer(1)),
                      "Cycles after which VTU output is written (jumps end "
                      "exactly on them); the last cycle is always written.");
    prm.leave_subsection();
  }


  void
  CyclingParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Cycling");
    number_of_cycles      = prm.get_integer("Number of cycles");
    explicit_cycles       = prm.get_integer("Explicit cycles");
    separations_per_jump  = prm.get_integer("Separations per jump");
    largest_cycle_jump    = prm.get_integer("Largest cycle jump");
    crack_onsets_per_jump = prm.get_integer("Crack onsets per jump");
    fully_reversed        = prm.get_bool("Fully reversed");
    output_cycles.clear();
    for (const std::string &c :
         Utilities::split_string_list(prm.get("Output cycles")))
      output_cycles.push_back(Utilities::string_to_int(c));
    prm.leave_subsection();
  }


  void
  DeviceParameters::declare(ParameterHandler &prm)
  {
    const DeviceParameters defaults;
    prm.enter_subsection("Device");
    prm.declare_entry("Electrode layer",
                      defaults.electrode_layer,
                      Patterns::Anything(),
                      "The layer of Stack/Layers that is the transparent "
                      "bottom electrode (its channel cracks raise the series "
                      "resistance); empty: none. Interfaces from its top "
                      "upwards are in the current path.");
    prm.declare_entry("Absorber layers",
                      "",
                      Patterns::Anything(),
                      "Comma-separated layers of Stack/Layers that make up "
                      "the absorber (cracks through them shunt the cell and "
                      "remove active area); empty: none.");
    prm.declare_entry("Open-circuit voltage",
                      default_text(defaults.open_circuit_voltage),
                      Patterns::Double(0),
                      "V_oc of the intact cell, in V (> 0, at most 3: a single "
                      "junction); default: PET/ITO target device of Hu et al. "
                      "2021, Table 1.");
    prm.declare_entry(
      "Short-circuit current density",
      default_text(defaults.short_circuit_current_density),
      Patterns::Double(0),
      "J_sc of the intact cell, in mA/cm^2 (0.1 to 50: a single "
      "junction at 1 sun).");
    prm.declare_entry("Fill factor",
                      default_text(defaults.fill_factor),
                      Patterns::Double(0, 1),
                      "FF of the intact cell (0 to 1), one the one-diode fit "
                      "reaches with the Ideality factor and Shunt resistance "
                      "at this V_oc (checked when the case is read).");
    prm.declare_entry("Ideality factor",
                      default_text(defaults.ideality_factor),
                      Patterns::Double(0.5, 5),
                      "Diode ideality factor n used in the fit (0.5 to 5); "
                      "1.29 is the paper's light-intensity measurement.");
    prm.declare_entry("Shunt resistance",
                      default_text(defaults.shunt_resistance),
                      Patterns::Double(0),
                      "Shunt resistance of the intact cell used in the fit, "
                      "in Ohm cm^2 (> 0).");
    const ElectrodeParameters &electrode = defaults.coupling.electrode;
    prm.declare_entry("Electrode sheet resistance",
                      default_text(electrode.sheet_resistance),
                      Patterns::Double(0),
                      "Sheet resistance of the intact electrode, in Ohm/sq "
                      "(> 0). Estimate: 15, ITO on PET as used for perovskite "
                      "cells (commercial sheets 10 to 60).");
    prm.declare_entry("Electrode path length",
                      default_text(electrode.path_length),
                      Patterns::Double(0),
                      "Length of the lateral current path in the electrode, "
                      "from the cell's far edge to the contact strip, across "
                      "the channel cracks, in cm (> 0). Estimate: 0.3, one "
                      "side of the 0.072 cm^2 aperture of Hu et al. 2021.");
    prm.declare_entry(
      "Crack contact resistance",
      default_text(electrode.crack_contact_resistance),
      Patterns::Double(0),
      "Line resistance of one closed electrode crack, in Ohm cm (>= 0): "
      "its faces touch and conduct through their contact. Fitted: the default "
      "makes the QD device keep 90 % after 100 cycles at 7.5 mm, on the mean "
      "of five seeds (Hu et al. "
      "2021).");
    prm.declare_entry("Crack contact gap",
                      default_text(electrode.contact_gap),
                      Patterns::Double(0),
                      "Gap of an electrode crack with the cell flat, in µm "
                      "(>= 0), at or below which its faces touch and "
                      "conduct; a wider gap cuts the current path. Estimate: "
                      "0.002, the RMS roughness of sputtered ITO.");
    prm.declare_entry(
      "Shunt conductance per absorber crack density",
      default_text(
        defaults.coupling.shunt_conductance_per_absorber_crack_density),
      Patterns::Double(0),
      "Shunt conductance added per crack/mm through the absorber, in "
      "1/(Ohm cm^2) per (1/mm) (>= 0). 0: no conductive path across a crack "
      "while the layers above the absorber are intact.");
    prm.declare_entry(
      "Crack face recombination length",
      default_text(defaults.coupling.crack_face_recombination_length),
      Patterns::Double(0),
      "Width of the strip on each side of a crack through the absorber whose "
      "carriers recombine at the crack faces, in µm (>= 0). Estimate: 0.1, "
      "range 0.03 to 1.");
    prm.leave_subsection();
  }


  void
  DeviceParameters::parse(ParameterHandler  &prm,
                          const Stack       &stack,
                          const std::string &case_file)
  {
    const auto layer_index = [&](const std::string &name,
                                 const std::string &entry) {
      for (unsigned int k = 0; k < stack.n_layers(); ++k)
        if (stack.layer(k).name == name)
          return k;
      throw InputError(case_file,
                       "Device/" + entry,
                       "'" + name + "' is not a layer of Stack/Layers");
    };
    prm.enter_subsection("Device");
    electrode_layer = prm.get("Electrode layer");
    absorber_layers = Utilities::split_string_list(prm.get("Absorber layers"));
    open_circuit_voltage = prm.get_double("Open-circuit voltage");
    short_circuit_current_density =
      prm.get_double("Short-circuit current density");
    fill_factor      = prm.get_double("Fill factor");
    ideality_factor  = prm.get_double("Ideality factor");
    shunt_resistance = prm.get_double("Shunt resistance");
    coupling.electrode.sheet_resistance =
      prm.get_double("Electrode sheet resistance");
    coupling.electrode.path_length = prm.get_double("Electrode path length");
    coupling.electrode.crack_contact_resistance =
      prm.get_double("Crack contact resistance");
    coupling.electrode.contact_gap = prm.get_double("Crack contact gap");
    coupling.shunt_conductance_per_absorber_crack_density =
      prm.get_double("Shunt conductance per absorber crack density");
    coupling.crack_face_recombination_length =
      prm.get_double("Crack face recombination length");
    prm.leave_subsection();

    for (const auto &[entry, value] :
         {std::make_pair("Open-circuit voltage", open_circuit_voltage),
          std::make_pair("Short-circuit current density",
                         short_circuit_current_density),
          std::make_pair("Fill factor", fill_factor),
          std::make_pair("Shunt resistance", shunt_resistance),
          std::make_pair("Electrode sheet resistance",
                         coupling.electrode.sheet_resistance),
          std::make_pair("Electrode path length",
                         coupling.electrode.path_length)})
      parameter_reader::check_open_range(
        value,
        0,
        entry == std::string("Fill factor") ?
          1. :
          std::numeric_limits<double>::infinity(),
        "",
        case_file,
        std::string("Device/") + entry);
    electrode = electrode_layer.empty() ?
                  static_cast<unsigned int>(-1) :
                  layer_index(electrode_layer, "Electrode layer");
    absorbers.clear();
    for (const std::string &name : absorber_layers)
      absorbers.push_back(layer_index(name, "Absorber layers"));
  }


  void
  DeviceParameters::check_cell(const std::string &case_file) const
  {
    // Bounds of a single junction at 1 sun (AM1.5G, 100 mW/cm^2, the
    // irradiance evaluate_cell() assumes): q V_oc stays below the absorber's
    // band gap, below 3 eV for the absorbers of solar cells; J_sc is at most
    // the current of every photon above the gap, about 44 mA/cm^2 for
    // silicon's 1.12 eV (Shockley-Queisser); below 0.1 mA/cm^2 the cell
    // would convert less than 0.3 % of the light even at V_oc 3 V and FF 1.
    constexpr double largest_open_circuit_voltage = 3;      // V
    constexpr double smallest_current_density     = 0.1;    // mA/cm^2
    constexpr double largest_current_density      = 50.;    // mA/cm^2
    constexpr double temperature                  = 298.15; // K, as the fit
    const auto       text = [](const double value, const int digits = 3) {
      std::ostringstream out;
      out << std::setprecision(digits) << value;
      return out.str();
    };
    const double v_oc = open_circuit_voltage,
                 j_sc = short_circuit_current_density, n = ideality_factor,
                 r_sh = shunt_resistance, ff = fill_factor;

    if (v_oc > largest_open_circuit_voltage)
      throw InputError(
        case_file,
        "Device/Open-circuit voltage",
        "an open-circuit voltage of " + text(v_oc) +
          " V is above what a single junction reaches: q V_oc stays below the "
          "absorber's band gap, and the band gaps of solar-cell absorbers are "
          "below 3 eV (allowed: 0 < V_oc <= " +
          text(largest_open_circuit_voltage) + " V)");
    if (!(j_sc >= smallest_current_density && j_sc <= largest_current_density))
      throw InputError(
        case_file,
        "Device/Short-circuit current density",
        "a short-circuit current density of " + text(j_sc) +
          " mA/cm^2 is outside the range of a single-junction cell at 1 sun "
          "(AM1.5G, 100 mW/cm^2, as the device model evaluates it), " +
          text(smallest_current_density) + " to " +
          text(largest_current_density) +
          " mA/cm^2: collecting every photon above silicon's 1.12 eV band gap "
          "gives about 44 mA/cm^2, and below 0.1 mA/cm^2 the cell would "
          "convert less than 0.3 % of the light even at V_oc 3 V and FF 1");
    if (!(1e-3 * j_sc > v_oc / r_sh))
      throw InputError(
        case_file,
        "Device/Shunt resistance",
        "a shunt resistance of " + text(r_sh, 6) +
          " Ohm cm^2 alone draws V_oc/R_sh = " + text(1e3 * v_oc / r_sh) +
          " mA/cm^2 at the open-circuit voltage " + text(v_oc) +
          " V, not less than the short-circuit current density " + text(j_sc) +
          " mA/cm^2: the cell cannot reach that V_oc; R_sh must exceed "
          "V_oc/J_sc = " +
          text(1e3 * v_oc / j_sc) + " Ohm cm^2");

    const FillFactorRange range =
      reachable_fill_factors(v_oc, j_sc, n, r_sh, temperature);
    const std::string diode = "a diode with ideality factor " + text(n) +
                              " and shunt resistance " + text(r_sh, 6) +
                              " Ohm cm^2 at V_oc " + text(v_oc) +
                              " V and J_sc " + text(j_sc) + " mA/cm^2";
    if (!(ff < range.highest))
      {
        const double a = n * thermal_voltage(temperature);
        // The V_oc an ideal diode of this n needs for ff: if a plausible V_oc
        // would do, the V_oc is too small for the ideality factor; if not,
        // the fill factor is too high for any cell of this n.
        const double needed =
          ff > 0.25 ? minimum_open_circuit_voltage(ff, n, temperature) : 0.;
        if (needed > v_oc && needed <= largest_open_circuit_voltage)
          throw InputError(
            case_file,
            "Device/Open-circuit voltage",
            "an open-circuit voltage of " + text(v_oc) +
              " V is too small for a diode with ideality factor " + text(n) +
              " (n kT/q = " + text(1e3 * a) + " mV at " + text(temperature, 5) +
              " K) to reach the fill factor " + text(ff) +
              ": even with no series resistance and no shunt it needs V_oc >= " +
              text(needed) + " V (at " + text(v_oc) +
              " V, and with the shunt resistance of " + text(r_sh, 6) +
              " Ohm cm^2, at most FF " + text(range.highest) + ")");
        throw InputError(
          case_file,
          "Device/Fill factor",
          "a fill factor of " + text(ff) + " is above what " + diode +
            " can reach (max " + text(range.highest) +
            ", with no series resistance; " +
            (needed > largest_open_circuit_voltage ?
               "even with no shunt a diode of this ideality factor needs "
               "V_oc >= " +
                 text(needed) + " V for it, beyond the " +
                 text(largest_open_circuit_voltage) +
                 " V of a single junction)" :
               "without the shunt it could reach " +
                 text(ideal_fill_factor(v_oc / a)) +
                 ": raise the Shunt resistance)"));
      }
    if (!(ff > range.lowest))
      throw InputError(
        case_file,
        "Device/Fill factor",
        "a fill factor of " + text(ff) + " is below what " + diode +
          " can reach (min " + text(range.lowest) +
          ", at a series resistance of 0.9 V_oc/J_sc = " +
          text(0.9e3 * v_oc / j_sc) +
          " Ohm cm^2, where the cell is nearly a resistor: FF -> 1/4)");
  }


  void
  FractureParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Fracture");
    prm.declare_entry("Enable",
                      "true",
                      Patterns::Bool(),
                      "Whether faces in crackable layers and at crackable "
                      "interfaces turn into cohesive cracks when they reach "
                      "their strength. false: purely elastic.");
    prm.declare_entry("Random seed",
                      "1",
                      Patterns::Integer(0),
                      "Seed of the face-to-face strength scatter. The same "
                      "seed gives the same strengths on any number of ranks.");
    prm.declare_entry(
      "Separation energy fraction",
      "0.95",
      Patterns::Double(0.5, 1),
      "A cohesive face counts as separated (traction-free: cracked or "
      "delaminated in every statistic, the output and the cell model) once "
      "every point of it has dissipated this fraction of its mixed-mode "
      "fracture energy G_c (0.5 to 1); it then carries at most (1 - fraction) "
      "of its strength. Faces that soften but have not got there are the "
      "process zone.");
    prm.declare_entry("Viscosity",
                      "0",
                      Patterns::Double(0),
                      "Viscous regularisation of the damage (Gao and Bower "
                      "2004), as a relaxation time in units of the load "
                      "factor (0: none). Helps through snap-backs.");
    prm.leave_subsection();
  }


  void
  FractureParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Fracture");
    enabled                    = prm.get_bool("Enable");
    random_seed                = prm.get_integer("Random seed");
    separation_energy_fraction = prm.get_double("Separation energy fraction");
    viscosity                  = prm.get_double("Viscosity");
    prm.leave_subsection();
  }


  void
  OutputParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    prm.declare_entry("Write VTU",
                      "true",
                      Patterns::Bool(),
                      "Write the fields (solution.pvd + PVTU/VTU) for ParaView "
                      "at every load step.");
    prm.declare_entry(
      "Checkpoint interval",
      std::to_string(OutputParameters().checkpoint_interval),
      Patterns::Integer(0),
      "Cyclic bending: write checkpoint.bin to the output folder every this "
      "many solved cycles (explicit cycles and jumps), so that "
      "'bendsim --resume <output folder>' can continue the run. A checkpoint "
      "is also written when SIGTERM or SIGINT arrives; 0: only then.");
    prm.declare_entry(
      "Verbosity",
      "progress",
      Patterns::Selection("progress|iterations"),
      "What rank 0 prints (and log.txt keeps): 'progress': the mesh, one line "
      "per load step or solved cycle, cut-backs and warnings; 'iterations': "
      "also every Newton iteration (residual, line-search step) and every "
      "re-solve after faces reached their strength.");
    prm.leave_subsection();
  }


  void
  OutputParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    write_vtu           = prm.get_bool("Write VTU");
    checkpoint_interval = prm.get_integer("Checkpoint interval");
    print_iterations    = prm.get("Verbosity") == "iterations";
    prm.leave_subsection();
  }


  void
  RunParameters::declare(ParameterHandler               &prm,
                         const std::vector<std::string> &layer_names)
  {
    prm.declare_entry("Dimension",
                      "2",
                      Patterns::Integer(2, 3),
                      "2: plane-strain cross-section of the strip; 3: a slab "
                      "of it with symmetry (plane-strain) faces across the "
                      "width.");
    prm.declare_entry("Output folder",
                      "",
                      Patterns::Anything(),
                      "Folder for the results, relative to the working "
                      "directory. Empty: output/<case file name>.");

    prm.enter_subsection("Materials");
    prm.declare_entry("Library file",
                      "materials.prm",
                      Patterns::Anything(),
                      "Material library, relative to the case file's folder.");
    prm.leave_subsection();

    prm.enter_subsection("Stack");
    prm.declare_entry("Layers",
                      "",
                      Patterns::Anything(),
                      "Comma-separated unique layer names, from the bottom "
                      "(substrate) to the top. Each needs a subsection "
                      "'Layer <name>'.");
    prm.declare_entry("Uncrackable interfaces",
                      "",
                      Patterns::Anything(),
                      "Comma-separated interfaces 'lower/upper' (layer "
                      "names) that may not delaminate. Every other interface "
                      "may, with the properties the material library gives "
                      "for its pair of materials (else those of the weaker "
                      "material).");
    for (const std::string &name : layer_names)
      {
        prm.enter_subsection("Layer " + name);
        declare_layer(prm);
        prm.leave_subsection();
      }
    prm.leave_subsection();

    LoadingParameters::declare(prm);
    BendingParameters::declare(prm);
    CyclingParameters::declare(prm);
    DeviceParameters::declare(prm);
    MeshParameters::declare(prm);
    SolverParameters::declare(prm);
    FractureParameters::declare(prm);
    OutputParameters::declare(prm);
  }


  RunParameters
  RunParameters::read(const std::string              &case_file,
                      const std::string              &material_library_file,
                      const std::vector<std::string> &overrides)
  {
    using namespace parameter_reader;

    // First pass: the layer names decide which subsections exist.
    ParameterHandler names_prm;
    names_prm.enter_subsection("Stack");
    names_prm.declare_entry("Layers", "", Patterns::Anything());
    names_prm.leave_subsection();
    parse_file(names_prm, case_file, true);
    apply_overrides(names_prm, overrides, case_file, true);
    names_prm.enter_subsection("Stack");
    const std::vector<std::string> layer_names =
      get_unique_names(names_prm, "Layers", case_file, "Stack/Layers");
    names_prm.leave_subsection();
    if (layer_names.empty())
      throw InputError(case_file,
                       "Stack/Layers",
                       "the stack has no layers; list them bottom to top");

    ParameterHandler prm;
    declare(prm, layer_names);
    parse_file(prm, case_file);
    apply_overrides(prm, overrides, case_file);

    RunParameters p;
    p.case_file     = case_file;
    p.dimension     = prm.get_integer("Dimension");
    p.output_folder = prm.get("Output folder");
    if (p.output_folder.empty())
      p.output_folder = default_output_folder(case_file);

    prm.enter_subsection("Materials");
    p.material_library_file =
      material_library_file.empty() ?
        resolve_relative_to(case_file, prm.get("Library file")) :
        material_library_file;
    prm.leave_subsection();
    if (!std::filesystem::is_regular_file(p.material_library_file) ||
        !std::ifstream(p.material_library_file))
      throw InputError(case_file,
                       "Materials/Library file",
                       "cannot open the material library " +
                         p.material_library_file +
                         " (a readable file, relative to the case file)");
    const MaterialLibrary library =
      MaterialLibrary::read(p.material_library_file);

    std::vector<Layer> layers;
    prm.enter_subsection("Stack");
    for (const std::string &name : layer_names)
      {
        const std::string path = "Stack/Layer " + name;
        prm.enter_subsection("Layer " + name);
        Layer layer;
        layer.name = name;
        layer.material =
          library.get(prm.get("Material"), case_file, path + "/Material");
        layer.thickness = prm.get_double("Thickness");
        layer.cells_through_thickness =
          prm.get_integer("Cells through thickness");
        layer.grading_ratio = prm.get_double("Grading ratio");
        layer.crackable     = prm.get_bool("Crackable");
        for (const std::string &x :
             Utilities::split_string_list(prm.get("Initial cracks")))
          layer.initial_cracks.push_back(Utilities::string_to_double(x));
        layer.processing_temperature_change =
          prm.get_double("Processing temperature change");
        layer.residual_stress = prm.get_double("Residual stress");
        prm.leave_subsection();
        if (layer.processing_temperature_change != 0. &&
            layer.residual_stress != 0.)
          throw InputError(case_file,
                           path + "/Residual stress",
                           "give either a Processing temperature change or a "
                           "Residual stress, not both");
        if (layers.empty() && layer.processing_temperature_change != 0.)
          throw InputError(case_file,
                           path + "/Processing temperature change",
                           "the bottom layer (the substrate) is the reference "
                           "of the thermal misfit and has none; set the "
                           "processing temperatures of the layers above it");
        // The substrate is the reference of the thermal misfit.
        const double substrate_expansion =
          layers.empty() ?
            layer.material.thermal_expansion_coefficient :
            layers.front().material.thermal_expansion_coefficient;
        layer.eigenstrain = layer.residual_stress != 0. ?
                              laminate::residual_stress_eigenstrain(
                                layer.residual_stress,
                                layer.material.youngs_modulus,
                                layer.material.poisson_ratio) :
                              laminate::thermal_misfit_eigenstrain(
                                layer.material.thermal_expansion_coefficient,
                                substrate_expansion,
                                layer.processing_temperature_change);
        check_open_range(
          layer.thickness, 0, infinity, "µm", case_file, path + "/Thickness");
        // Beyond a millionfold change of cell size across one layer the
        // thinnest cells lose the digits of their own height.
        check_open_range(layer.grading_ratio,
                         1e-6,
                         1e6,
                         "",
                         case_file,
                         path + "/Grading ratio");
        layers.push_back(layer);
      }

    const std::vector<std::string> uncrackable = get_unique_names(
      prm, "Uncrackable interfaces", case_file, "Stack/Uncrackable interfaces");
    std::vector<Interface> interfaces;
    for (unsigned int i = 0; i + 1 < layers.size(); ++i)
      {
        Interface interface;
        interface.lower    = i;
        interface.fracture = library.interface(layers[i].material.name,
                                               layers[i + 1].material.name,
                                               interface.from_library);
        interface.crackable =
          std::find(uncrackable.begin(),
                    uncrackable.end(),
                    layers[i].name + "/" + layers[i + 1].name) ==
          uncrackable.end();
        interfaces.push_back(interface);
      }
    for (const std::string &name : uncrackable)
      {
        bool found = false;
        for (unsigned int i = 0; i + 1 < layers.size(); ++i)
          found |= (name == layers[i].name + "/" + layers[i + 1].name);
        if (!found)
          throw InputError(case_file,
                           "Stack/Uncrackable interfaces",
                           "'" + name +
                             "' is not an interface 'lower/upper' of two "
                             "adjacent layers");
      }
    prm.leave_subsection();
    p.stack = Stack(layers, interfaces);

    p.loading.parse(prm);
    p.bending.parse(prm);
    p.cycling.parse(prm);
    p.device.parse(prm, p.stack, case_file);
    p.mesh.parse(prm);
    p.solver.parse(prm);
    p.fracture.parse(prm);
    p.output.parse(prm);

    check_open_range(p.bending.bending_radius,
                     0,
                     infinity,
                     "mm",
                     case_file,
                     "Bending/Bending radius");
    check_open_range(p.mesh.segment_length,
                     0,
                     infinity,
                     "µm",
                     case_file,
                     "Mesh/Segment length");
    check_open_range(
      p.mesh.segment_width, 0, infinity, "µm", case_file, "Mesh/Segment width");
    check_open_range(p.mesh.centre_grading_ratio,
                     1e-6,
                     1e6,
                     "",
                     case_file,
                     "Mesh/Grading towards the centre");
    for (const Layer &layer : p.stack.layers())
      for (const double x : layer.initial_cracks)
        if (!(x > 0 && x < p.mesh.segment_length))
          {
            std::ostringstream message;
            message << "a crack at x = " << x
                    << " µm is not inside the segment (0, "
                    << p.mesh.segment_length << ") µm";
            throw InputError(case_file,
                             "Stack/Layer " + layer.name + "/Initial cracks",
                             message.str());
          }
    if (p.mesh.mesh_file.empty())
      {
        // The layered generator's cells. A direct solver of DG Q2 cells
        // needs ~50 kB per cell: beyond a million the run cannot fit in a
        // workstation's memory, and would fail late, in an allocation.
        double cells   = p.mesh.cells_along_segment;
        double through = 0;
        for (const Layer &layer : p.stack.layers())
          through += layer.cells_through_thickness;
        cells *= through * (p.dimension == 3 ? p.mesh.cells_across_width : 1);
        if (cells > 1e6)
          throw InputError(case_file,
                           "Mesh/Cells along segment",
                           "the mesh would have " +
                             std::to_string(
                               static_cast<unsigned long long>(cells)) +
                             " cells (Cells along segment x the layers' Cells "
                             "through thickness" +
                             (p.dimension == 3 ? " x Cells across width" : "") +
                             "); bendsim's direct solver takes up to 10^6");
      }
    if (p.mesh.centre_grading_ratio != 1. && p.mesh.cells_along_segment % 2)
      throw InputError(case_file,
                       "Mesh/Cells along segment",
                       "must be even with a Grading towards the centre other "
                       "than 1 (got " +
                         std::to_string(p.mesh.cells_along_segment) + ")");

    // The cyclic runs build the device model (cycling_driver.h), and with it
    // the fit of the intact cell: check it here, before any output.
    if (is_cyclic(p.loading.type))
      p.device.check_cell(case_file);

    if (is_double_cantilever_beam(p.loading.type) && p.stack.n_layers() != 2)
      throw InputError(case_file,
                       "Loading/Type",
                       "a double cantilever beam needs a stack of exactly two "
                       "layers (the arms)");
    if (p.loading.type == LoadingType::bending ||
        p.loading.type == LoadingType::cyclic_bending)
      {
        // The segment is modelled with small-strain, small-rotation kinematics:
        // its end faces rotate by +-L/(2R). Keep that below 0.05 rad (and the
        // stack much thinner than R) so the linearisation error stays < 0.1 %.
        const double radius_um = p.bending.bending_radius * 1000.;
        if (p.mesh.segment_length / (2. * radius_um) > 0.05)
          throw InputError(case_file,
                           "Mesh/Segment length",
                           "the segment (" +
                             std::to_string(p.mesh.segment_length) +
                             " µm) is too long for the bending radius: its end "
                             "rotation L/(2R) must stay below 0.05 rad for "
                             "small-rotation kinematics; use L <= 0.1 R");
        if (p.stack.total_thickness() / (2. * radius_um) > 0.05)
          throw InputError(
            case_file,
            "Bending/Bending radius",
            "the bending strain h/(2R) of this stack exceeds 5 %, "
            "beyond bendsim's small-strain model");
      }

    if (!p.mesh.mesh_file.empty())
      {
        p.mesh.mesh_file = resolve_relative_to(case_file, p.mesh.mesh_file);
        if (!std::ifstream(p.mesh.mesh_file))
          throw InputError(case_file,
                           "Mesh/Mesh file",
                           "cannot open the mesh file " + p.mesh.mesh_file);
      }

    // The paths as resolved: the parameters.prm written next to the results
    // is read again by 'bendsim --resume' from the output folder.
    const auto absolute = [](const std::string &path) {
      return path.empty() ? path : std::filesystem::absolute(path).string();
    };
    prm.enter_subsection("Materials");
    prm.set("Library file", absolute(p.material_library_file));
    prm.leave_subsection();
    prm.enter_subsection("Mesh");
    prm.set("Mesh file", absolute(p.mesh.mesh_file));
    prm.leave_subsection();
    std::ostringstream used;
    prm.print_parameters(used, ParameterHandler::ShortPRM);
    p.used_parameters = used.str();
    p.fingerprint =
      case_fingerprint(p.used_parameters, library.parameters_text());
    return p;
  }


  void
  RunParameters::print_documentation(std::ostream &out)
  {
    ParameterHandler prm;
    declare(prm, {"<name>"});
    out << "# Case file entries (one 'subsection Layer <name>' per name in "
           "Stack/Layers):\n";
    prm.print_parameters(out, ParameterHandler::PRM);

    ParameterHandler library;
    library.declare_entry("Materials",
                          "",
                          Patterns::Anything(),
                          "Comma-separated names of the materials defined "
                          "below, each in a 'subsection Material <name>'.");
    library.declare_entry("Interfaces",
                          "",
                          Patterns::Anything(),
                          "Comma-separated material pairs 'lower/upper', each "
                          "in a 'subsection Interface <lower>/<upper>'.");
    library.enter_subsection("Material <name>");
    MaterialLibrary::declare_material(library);
    library.leave_subsection();
    library.enter_subsection("Interface <lower>/<upper>");
    MaterialLibrary::declare_interface(library);
    library.leave_subsection();
    out << "\n# Material library entries (parameters/materials.prm):\n";
    library.print_parameters(out, ParameterHandler::PRM);
  }


  RunParameters
  RunParameters::read_for_resume(const std::string              &output_folder,
                                 const std::vector<std::string> &overrides)
  {
    std::string folder = output_folder;
    while (folder.size() > 1 && folder.back() == '/')
      folder.pop_back();
    const std::string case_file = folder + "/parameters.prm";
    const std::string library   = folder + "/materials.prm";
    RunParameters     p         = read(case_file, library, overrides);
    // A resumed run continues with the parameters that the run used (its
    // overrides included): an override may repeat a value, not change it.
    if (!overrides.empty())
      {
        const std::string used = read(case_file, library).used_parameters;
        if (p.used_parameters != used)
          for (const std::string &o : overrides)
            if (read(case_file, library, {o}).used_parameters != used)
              throw InputError("--set " + o,
                               "",
                               "differs from the value in " + case_file +
                                 ", which the run used: a resumed run "
                                 "continues with the parameters of its "
                                 "output folder (edit that file to change "
                                 "an entry that a continued run may change, "
                                 "such as Cycling/Number of cycles)");
        if (p.used_parameters != used)
          throw InputError(case_file,
                           "",
                           "the --set overrides change values that the run "
                           "used: a resumed run continues with the "
                           "parameters of its output folder");
      }
    if (!is_cyclic(p.loading.type))
      throw InputError(folder + "/parameters.prm",
                       "Loading/Type",
                       "only cyclic bending runs can be resumed");
    p.output_folder = folder;
    p.resume        = true;
    return p;
  }


  std::string
  RunParameters::used_parameters_text() const
  {
    return used_parameters;
  }
} // namespace bendsim
