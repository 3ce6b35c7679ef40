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
   * Cohesive fracture properties of a material (channel cracks through it) or
   * of an interface between two materials (delamination). Strengths in MPa,
   * fracture energies in J/m^2, which in bendsim's units (µm, MPa) is MPa·µm.
   */
  struct FractureProperties
  {
    double normal_strength = 100; ///< mode I onset traction, MPa
    double shear_strength  = 100; ///< mode II onset traction, MPa
    double mode_I_energy   = 1;   ///< G_Ic, J/m^2
    double mode_II_energy  = 2;   ///< G_IIc, J/m^2
    double bk_exponent     = 2;   ///< Benzeggagh-Kenane exponent eta
    double weibull_modulus = 0;   ///< strength scatter; 0: none
    /** Fatigue law (see fatigue_law.h): rate coefficient C, 1/cycle (0: no
     *  fatigue), and endurance ratio c_e = sigma_f / sigma_0. */
    double fatigue_rate_coefficient = 0;
    double fatigue_endurance_ratio  = 0.5;
    /** Fatigue crack growth (Paris law, fatigue_law.h): da/dN = C_P
     *  (G_max/G_c)^m above G_th = threshold_ratio G_c. C_P in µm/cycle (0:
     *  cracks and debonds do not grow by fatigue). */
    double paris_coefficient       = 0;
    double paris_exponent          = 10;
    double fatigue_threshold_ratio = 0.5;

    /** Property by property, the weaker of @p a and @p b. */
    static FractureProperties
    weaker(const FractureProperties &a, const FractureProperties &b);
  };


  /**
   * Elastic constants of one material, isotropic and linear. Moduli in MPa.
   */
  struct Material
  {
    std::string name;
    std::string description;
    double      youngs_modulus = 0; ///< MPa
    double      poisson_ratio  = 0; ///< dimensionless, in (-1, 0.5)
    /** Linear thermal expansion coefficient alpha, 1/K (>= 0): sets the
     *  misfit eigenstrain of a layer processed above room temperature. */
    double             thermal_expansion_coefficient = 0;
    FractureProperties fracture; ///< channel cracks through it

    /** E / (1 - nu^2): the axial modulus of a wide strip in plane strain. */
    double
    plane_strain_modulus() const;

    /** First Lamé parameter lambda = E nu / ((1 + nu)(1 - 2 nu)), MPa. */
    double
    lame_lambda() const;

    /** Shear modulus mu = E / (2 (1 + nu)), MPa. */
    double
    shear_modulus() const;

    /** E / (1 - nu): the in-plane modulus of a film under equibiaxial
     *  stress, MPa. */
    double
    biaxial_modulus() const;
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

    /** Declare the entries of one interface (used by read() and --help). */
    static void
    declare_interface(dealii::ParameterHandler &prm);

    /**
     * Fracture properties of the interface between @p lower and @p upper
     * (material names): the library's "Interface lower/upper" if it has one,
     * otherwise the weaker of the two materials' own properties.
     * @p from_library tells which.
     */
    FractureProperties
    interface(const std::string &lower,
              const std::string &upper,
              bool              &from_library) const;

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

    /** Its entries as read, in deal.II's short .prm form (no comments):
     *  what a case's fingerprint covers of it. */
    const std::string &
    parameters_text() const;

  private:
    std::string                               filename;
    std::string                               used_parameters;
    std::map<std::string, Material>           materials;
    std::map<std::string, FractureProperties> interfaces; // "lower/upper"
  };
} // namespace bendsim

#endif
