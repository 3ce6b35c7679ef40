#ifndef bendsim_cohesive_zone_h
#define bendsim_cohesive_zone_h

#include <bendsim/stack.h>
#include <string>
#include <vector>

/**
 * The length of the cohesive (process) zone ahead of a crack, and whether the
 * mesh resolves it: a cohesive law discretised with fewer than about three
 * faces over its process zone gives tractions, crack paths and energy release
 * rates that depend on the mesh (Turon, Dávila, Camanho and Costa, Eng. Fract.
 * Mech. 74:1665, 2007). Lengths in µm, moduli and strengths in MPa, fracture
 * energies in MPa·µm (= J/m^2).
 */
namespace bendsim
{
  /**
   * Cohesive-zone length l_cz = M Ebar G_c / sigma^2 of a cohesive law of
   * strength @p strength and fracture energy @p fracture_energy in a body of
   * modulus @p modulus (the plane-strain modulus Ebar = E/(1 - nu^2) of the
   * material, or interface_modulus() of the two sides of an interface).
   * @p factor is M: 1 gives Hillerborg's characteristic length (Hillerborg,
   * Modéer and Petersson 1976), the choice bendsim makes throughout and the
   * one parameters/materials.prm uses to set the strengths; models of the zone
   * give M from 0.21 (Falk et al. 2001) to 0.88 (Rice 1980, Dugdale 0.39).
   */
  double
  cohesive_zone_length(double modulus,
                       double fracture_energy,
                       double strength,
                       double factor = 1.);

  /**
   * Effective modulus of an interface between two materials of plane-strain
   * moduli @p lower and @p upper: E* = 2 Ebar_1 Ebar_2 / (Ebar_1 + Ebar_2),
   * the harmonic mean, which is Ebar itself for identical materials.
   */
  double
  interface_modulus(double lower, double upper);


  /**
   * What the mesh holds of one cohesive zone (a crackable layer or an
   * interface): its potential crack faces, the largest of them along the
   * zone (the height of a channel-crack face, the length of an interface
   * face), µm, and the smallest strength-scatter factor drawn among them.
   * n_faces = 0: the layer or interface cannot crack.
   */
  struct CohesiveZoneFaces
  {
    unsigned int n_faces                 = 0;
    double       largest_face_size       = 0;
    double       weakest_strength_factor = 1;
  };


  /** One cohesive zone against the faces that discretise it. */
  struct CohesiveZoneResolution
  {
    std::string  name;                    ///< "layer ITO", "interface PET/ITO"
    bool         at_interface    = false; ///< else: channel cracks in a layer
    unsigned int index           = 0; ///< the layer, or the interface's lower
    double       strength_factor = 1; ///< the weakest face's scatter factor
    double       zone_length     = 0; ///< l_cz at that strength, µm
    double       face_size       = 0; ///< largest face along the zone, µm
    double       faces_per_zone  = 0; ///< zone_length / face_size
  };


  /**
   * The cohesive-zone length of every crackable layer and interface of
   * @p stack that has faces in @p layer_faces / @p interface_faces (one entry
   * per layer, and per interface by its lower layer), against the face size
   * there. l_cz is cohesive_zone_length() with M = 1 at the weakest face's
   * strengths, the shorter of mode I (G_Ic, normal strength) and mode II
   * (G_IIc, shear strength); the modulus is the layer's plane-strain modulus,
   * or interface_modulus() of the two layers of an interface.
   */
  std::vector<CohesiveZoneResolution>
  cohesive_zone_resolution(
    const Stack                          &stack,
    const std::vector<CohesiveZoneFaces> &layer_faces,
    const std::vector<CohesiveZoneFaces> &interface_faces);

  /**
   * The zones of cohesive_zone_resolution() that fewer than
   * @p minimum_faces_per_zone faces span.
   */
  std::vector<CohesiveZoneResolution>
  under_resolved_cohesive_zones(
    const Stack                          &stack,
    const std::vector<CohesiveZoneFaces> &layer_faces,
    const std::vector<CohesiveZoneFaces> &interface_faces,
    double                                minimum_faces_per_zone = 3.);
} // namespace bendsim

#endif
