#include <algorithm>
#include <bendsim/input_error.h>
#include <bendsim/material_library.h>
#include <bendsim/parameter_reader.h>
#include <deal.II/base/parameter_handler.h>
#include <limits>
#include <sstream>
#include <tuple>

namespace bendsim
{
  double
  Material::plane_strain_modulus() const
  {
    return youngs_modulus / (1. - poisson_ratio * poisson_ratio);
  }


  double
  Material::lame_lambda() const
  {
    return youngs_modulus * poisson_ratio /
           ((1. + poisson_ratio) * (1. - 2. * poisson_ratio));
  }


  double
  Material::shear_modulus() const
  {
    return youngs_modulus / (2. * (1. + poisson_ratio));
  }


  double
  Material::biaxial_modulus() const
  {
    return youngs_modulus / (1. - poisson_ratio);
  }


  FractureProperties
  FractureProperties::weaker(const FractureProperties &a,
                             const FractureProperties &b)
  {
    FractureProperties w;
    w.normal_strength = std::min(a.normal_strength, b.normal_strength);
    w.shear_strength  = std::min(a.shear_strength, b.shear_strength);
    w.mode_I_energy   = std::min(a.mode_I_energy, b.mode_I_energy);
    w.mode_II_energy  = std::min(a.mode_II_energy, b.mode_II_energy);
    w.bk_exponent     = std::max(a.bk_exponent, b.bk_exponent);
    w.weibull_modulus = std::max(a.weibull_modulus, b.weibull_modulus);
    w.fatigue_rate_coefficient =
      std::max(a.fatigue_rate_coefficient, b.fatigue_rate_coefficient);
    w.fatigue_endurance_ratio =
      std::min(a.fatigue_endurance_ratio, b.fatigue_endurance_ratio);
    // Faster growth: larger C_P, and, as G_max/G_c <= 1, smaller m.
    w.paris_coefficient = std::max(a.paris_coefficient, b.paris_coefficient);
    w.paris_exponent    = std::min(a.paris_exponent, b.paris_exponent);
    w.fatigue_threshold_ratio =
      std::min(a.fatigue_threshold_ratio, b.fatigue_threshold_ratio);
    return w;
  }


  namespace
  {
    /** Entries shared by materials and interfaces; @p normal names mode I. */
    void
    declare_fracture(dealii::ParameterHandler &prm, const std::string &normal)
    {
      using dealii::Patterns::Double;
      const FractureProperties defaults;
      prm.declare_entry(normal,
                        std::to_string(defaults.normal_strength),
                        Double(0),
                        "Cohesive strength in mode I (opening): the normal "
                        "traction at which a face starts to soften, in MPa "
                        "(> 0).");
      prm.declare_entry(
        "Shear strength",
        std::to_string(defaults.shear_strength),
        Double(0),
        "Cohesive strength in mode II (sliding), in MPa (> 0).");
      prm.declare_entry("Mode I fracture energy",
                        std::to_string(defaults.mode_I_energy),
                        Double(0),
                        "Critical energy release rate G_Ic, in J/m^2 (> 0).");
      prm.declare_entry("Mode II fracture energy",
                        std::to_string(defaults.mode_II_energy),
                        Double(0),
                        "Critical energy release rate G_IIc, in J/m^2 (> 0).");
      prm.declare_entry("B-K exponent",
                        std::to_string(defaults.bk_exponent),
                        Double(0),
                        "Benzeggagh-Kenane mixed-mode exponent eta (> 0): "
                        "G_c = G_Ic + (G_IIc - G_Ic) B^eta.");
      prm.declare_entry("Weibull modulus",
                        std::to_string(defaults.weibull_modulus),
                        Double(0),
                        "Weibull modulus m of the face-to-face strength "
                        "scatter (the strengths above are the mean); 0: no "
                        "scatter.");
      prm.declare_entry(
        "Fatigue rate coefficient",
        std::to_string(defaults.fatigue_rate_coefficient),
        Double(0),
        "Rate coefficient C of the cyclic damage law dD/dN = C lambda "
        "(lambda - c_e), lambda = peak traction / fatigue-degraded strength "
        "(Roe and Siegmund 2003, cycle form), in 1/cycle (>= 0); 0: no "
        "fatigue.");
      prm.declare_entry(
        "Fatigue endurance ratio",
        std::to_string(defaults.fatigue_endurance_ratio),
        Double(0, 1),
        "Endurance ratio c_e = sigma_f / sigma_0 in [0, 1): below this "
        "fraction of its (degraded) strength a face accumulates no fatigue "
        "damage.");
      prm.declare_entry(
        "Paris coefficient",
        std::to_string(defaults.paris_coefficient),
        Double(0),
        "Fatigue crack growth: C_P of the Paris law da/dN = C_P "
        "(G_max/G_c)^m by which an existing crack or debond advances per "
        "bending cycle, in um/cycle (>= 0); 0: no fatigue growth.");
      prm.declare_entry("Paris exponent",
                        std::to_string(defaults.paris_exponent),
                        Double(0),
                        "Fatigue crack growth: exponent m of the Paris law "
                        "(> 0).");
      prm.declare_entry(
        "Fatigue threshold ratio",
        std::to_string(defaults.fatigue_threshold_ratio),
        Double(0, 1),
        "Fatigue crack growth: threshold G_th / G_c in [0, 1]; a crack "
        "whose energy release rate at the peak of the cycle is below G_th "
        "does not grow.");
    }

    FractureProperties
    parse_fracture(dealii::ParameterHandler &prm,
                   const std::string        &normal,
                   const std::string        &file,
                   const std::string        &section)
    {
      using parameter_reader::check_open_range;
      const double       infinity = std::numeric_limits<double>::infinity();
      FractureProperties f;
      f.normal_strength          = prm.get_double(normal);
      f.shear_strength           = prm.get_double("Shear strength");
      f.mode_I_energy            = prm.get_double("Mode I fracture energy");
      f.mode_II_energy           = prm.get_double("Mode II fracture energy");
      f.bk_exponent              = prm.get_double("B-K exponent");
      f.weibull_modulus          = prm.get_double("Weibull modulus");
      f.fatigue_rate_coefficient = prm.get_double("Fatigue rate coefficient");
      f.fatigue_endurance_ratio  = prm.get_double("Fatigue endurance ratio");
      f.paris_coefficient        = prm.get_double("Paris coefficient");
      f.paris_exponent           = prm.get_double("Paris exponent");
      f.fatigue_threshold_ratio  = prm.get_double("Fatigue threshold ratio");
      if (f.fatigue_endurance_ratio >= 1.)
        throw InputError(file,
                         section + "/Fatigue endurance ratio",
                         "must be in [0, 1), got " +
                           std::to_string(f.fatigue_endurance_ratio));
      for (const auto &[name, value, unit] :
           {std::make_tuple(normal, f.normal_strength, "MPa"),
            std::make_tuple(std::string("Shear strength"),
                            f.shear_strength,
                            "MPa"),
            std::make_tuple(std::string("Mode I fracture energy"),
                            f.mode_I_energy,
                            "J/m^2"),
            std::make_tuple(std::string("Mode II fracture energy"),
                            f.mode_II_energy,
                            "J/m^2"),
            std::make_tuple(std::string("B-K exponent"), f.bk_exponent, ""),
            std::make_tuple(std::string("Paris exponent"),
                            f.paris_exponent,
                            "")})
        check_open_range(value, 0, infinity, unit, file, section + "/" + name);
      return f;
    }
  } // namespace


  void
  MaterialLibrary::declare_interface(dealii::ParameterHandler &prm)
  {
    declare_fracture(prm, "Normal strength");
  }


  void
  MaterialLibrary::declare_material(dealii::ParameterHandler &prm)
  {
    using dealii::Patterns::Anything;
    using dealii::Patterns::Double;
    prm.declare_entry("Young's modulus",
                      "1000",
                      Double(0),
                      "Young's modulus E of the material, in MPa, in (1e-3, "
                      "1e7).");
    prm.declare_entry("Poisson ratio",
                      "0.3",
                      Double(-1, 0.5),
                      "Poisson's ratio nu, dimensionless, in (-1, 0.5).");
    prm.declare_entry(
      "Thermal expansion coefficient",
      "0",
      Double(0),
      "Linear thermal expansion coefficient alpha of the material, in 1/K "
      "(>= 0). A layer processed at Stack/Layer/Processing temperature change "
      "above room temperature is left with the misfit eigenstrain "
      "-(alpha - alpha_substrate) dT against the substrate (the bottom "
      "layer) when it cools.");
    prm.declare_entry("Description",
                      "",
                      Anything(),
                      "Free text: what the material is (for the reader).");
    declare_fracture(prm, "Tensile strength");
  }


  MaterialLibrary
  MaterialLibrary::read(const std::string &filename)
  {
    using namespace parameter_reader;

    // First pass: only the list of names, which decides the subsections.
    dealii::ParameterHandler names_prm;
    names_prm.declare_entry("Materials", "", dealii::Patterns::Anything());
    names_prm.declare_entry("Interfaces", "", dealii::Patterns::Anything());
    parse_file(names_prm, filename, true);
    const std::vector<std::string> names =
      get_unique_names(names_prm, "Materials", filename, "Materials");
    const std::vector<std::string> interface_names =
      get_unique_names(names_prm, "Interfaces", filename, "Interfaces");
    if (names.empty())
      throw InputError(filename, "Materials", "the library lists no materials");

    dealii::ParameterHandler prm;
    prm.declare_entry("Materials",
                      "",
                      dealii::Patterns::Anything(),
                      "Comma-separated names of the materials defined below.");
    prm.declare_entry("Interfaces",
                      "",
                      dealii::Patterns::Anything(),
                      "Comma-separated material pairs 'lower/upper' whose "
                      "interface properties are defined below.");
    for (const std::string &name : names)
      {
        prm.enter_subsection("Material " + name);
        declare_material(prm);
        prm.leave_subsection();
      }
    for (const std::string &name : interface_names)
      {
        prm.enter_subsection("Interface " + name);
        declare_interface(prm);
        prm.leave_subsection();
      }
    parse_file(prm, filename);

    MaterialLibrary library;
    library.filename = filename;
    {
      std::ostringstream used;
      prm.print_parameters(used, dealii::ParameterHandler::ShortPRM);
      library.used_parameters = used.str();
    }
    for (const std::string &name : names)
      {
        const std::string section = "Material " + name;
        prm.enter_subsection(section);
        Material material;
        material.name           = name;
        material.description    = prm.get("Description");
        material.youngs_modulus = prm.get_double("Young's modulus");
        material.poisson_ratio  = prm.get_double("Poisson ratio");
        material.thermal_expansion_coefficient =
          prm.get_double("Thermal expansion coefficient");
        material.fracture =
          parse_fracture(prm, "Tensile strength", filename, section);
        prm.leave_subsection();

        // From soft gels (1 kPa) to beyond diamond (1.2 TPa): outside it,
        // the stresses of a bend underflow or overflow double precision.
        check_open_range(material.youngs_modulus,
                         1e-3,
                         1e7,
                         "MPa",
                         filename,
                         section + "/Young's modulus");
        check_open_range(material.poisson_ratio,
                         -1,
                         0.5,
                         "",
                         filename,
                         section + "/Poisson ratio");
        library.materials[name] = material;
      }
    for (const std::string &name : interface_names)
      {
        const std::string section = "Interface " + name;
        const auto        slash   = name.find('/');
        if (slash == std::string::npos ||
            library.materials.count(name.substr(0, slash)) == 0 ||
            library.materials.count(name.substr(slash + 1)) == 0)
          throw InputError(filename,
                           "Interfaces",
                           "'" + name +
                             "' is not a pair 'lower/upper' of materials "
                             "listed in Materials");
        prm.enter_subsection(section);
        library.interfaces[name] =
          parse_fracture(prm, "Normal strength", filename, section);
        prm.leave_subsection();
      }
    return library;
  }


  const Material &
  MaterialLibrary::get(const std::string &name,
                       const std::string &case_file,
                       const std::string &entry) const
  {
    const auto it = materials.find(name);
    if (it == materials.end())
      {
        std::string known;
        for (const auto &m : materials)
          known += (known.empty() ? "" : ", ") + m.first;
        throw InputError(case_file,
                         entry,
                         "unknown material '" + name + "'; the library " +
                           filename + " defines: " + known);
      }
    return it->second;
  }


  FractureProperties
  MaterialLibrary::interface(const std::string &lower,
                             const std::string &upper,
                             bool              &from_library) const
  {
    const auto it = interfaces.find(lower + "/" + upper);
    from_library  = it != interfaces.end();
    if (from_library)
      return it->second;
    return FractureProperties::weaker(materials.at(lower).fracture,
                                      materials.at(upper).fracture);
  }


  std::vector<std::string>
  MaterialLibrary::names() const
  {
    std::vector<std::string> result;
    for (const auto &m : materials)
      result.push_back(m.first);
    return result;
  }


  const std::string &
  MaterialLibrary::file() const
  {
    return filename;
  }


  const std::string &
  MaterialLibrary::parameters_text() const
  {
    return used_parameters;
  }
} // namespace bendsim
