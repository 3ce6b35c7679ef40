#include <bendsim/input_error.h>
#include <bendsim/material_library.h>
#include <bendsim/parameter_reader.h>
#include <deal.II/base/parameter_handler.h>
#include <limits>

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


  void
  MaterialLibrary::declare_material(dealii::ParameterHandler &prm)
  {
    using dealii::Patterns::Anything;
    using dealii::Patterns::Double;
    prm.declare_entry("Young's modulus",
                      "1000",
                      Double(0),
                      "Young's modulus E of the material, in MPa (> 0).");
    prm.declare_entry("Poisson ratio",
                      "0.3",
                      Double(-1, 0.5),
                      "Poisson's ratio nu, dimensionless, in (-1, 0.5).");
    prm.declare_entry("Description",
                      "",
                      Anything(),
                      "Free text: what the material is (for the reader).");
  }


  MaterialLibrary
  MaterialLibrary::read(const std::string &filename)
  {
    using namespace parameter_reader;

    // First pass: only the list of names, which decides the subsections.
    dealii::ParameterHandler names_prm;
    names_prm.declare_entry("Materials", "", dealii::Patterns::Anything());
    parse_file(names_prm, filename, true);
    const std::vector<std::string> names =
      get_unique_names(names_prm, "Materials", filename, "Materials");
    if (names.empty())
      throw InputError(filename, "Materials", "the library lists no materials");

    dealii::ParameterHandler prm;
    prm.declare_entry("Materials",
                      "",
                      dealii::Patterns::Anything(),
                      "Comma-separated names of the materials defined below.");
    for (const std::string &name : names)
      {
        prm.enter_subsection("Material " + name);
        declare_material(prm);
        prm.leave_subsection();
      }
    parse_file(prm, filename);

    MaterialLibrary library;
    library.filename = filename;
    for (const std::string &name : names)
      {
        const std::string section = "Material " + name;
        prm.enter_subsection(section);
        Material material;
        material.name           = name;
        material.description    = prm.get("Description");
        material.youngs_modulus = prm.get_double("Young's modulus");
        material.poisson_ratio  = prm.get_double("Poisson ratio");
        prm.leave_subsection();

        check_open_range(material.youngs_modulus,
                         0,
                         std::numeric_limits<double>::infinity(),
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
} // namespace bendsim
