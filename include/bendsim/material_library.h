#ifndef bendsim_material_library_h
#define bendsim_material_library_h

#include <map>
#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

namespace bendsim
{
  /**
   * Elastic constants of one material, isotropic and linear. Moduli in MPa.
   */
  struct Material
  {
    std::string name;
    std::string description;
    double      youngs_modulus = 0; ///< MPa
    double      poisson_ratio  = 0; ///< dimensionless, in (-1, 0.5)

    /** E / (1 - nu^2): the axial modulus of a wide strip in plane strain. */
    double
    plane_strain_modulus() const;

    /** First Lamé parameter lambda = E nu / ((1 + nu)(1 - 2 nu)), MPa. */
    double
    lame_lambda() const;

    /** Shear modulus mu = E / (2 (1 + nu)), MPa. */
    double
    shear_modulus() const;
  };


  /**
   * The materials a case may use, read from a library file such as
   * parameters/materials.prm:
   * @code
   * set Materials = PET, ITO
   * subsection Material PET
   *   set Young's modulus = 4500
   *   set Poisson ratio   = 0.40
   * end
   * @endcode
   */
  class MaterialLibrary
  {
  public:
    /**
     * Read and validate @p filename. Throws InputError naming the file and
     * entry for an unreadable file, an unknown entry, or a non-physical
     * value (E <= 0, nu outside (-1, 0.5)).
     */
    static MaterialLibrary
    read(const std::string &filename);

    /** Declare the entries of one material (used by read() and --help). */
    static void
    declare_material(dealii::ParameterHandler &prm);

    /**
     * The material called @p name. Throws InputError naming @p case_file and
     * @p entry, and the materials the library does have, if it is unknown.
     */
    const Material &
    get(const std::string &name,
        const std::string &case_file,
        const std::string &entry) const;

    std::vector<std::string>
    names() const;

    /** The library file this was read from. */
    const std::string &
    file() const;

  private:
    std::string                     filename;
    std::map<std::string, Material> materials;
  };
} // namespace bendsim

#endif
