#include <algorithm>
#include <bendsim/cohesive_zone.h>
#include <stdexcept>

namespace bendsim
{
  double
  cohesive_zone_length(const double modulus,
                       const double fracture_energy,
                       const double strength,
                       const double factor)
  {
    if (!(strength > 0))
      throw std::invalid_argument(
        "cohesive_zone_length: the strength must be positive");
    return factor * modulus * fracture_energy / (strength * strength);
  }


  double
  interface_modulus(const double lower, const double upper)
  {
    return 2. * lower * upper / (lower + upper);
  }


  std::vector<CohesiveZoneResolution>
  cohesive_zone_resolution(
    const Stack                          &stack,
    const std::vector<CohesiveZoneFaces> &layer_faces,
    const std::vector<CohesiveZoneFaces> &interface_faces)
  {
    if (layer_faces.size() != stack.n_layers() ||
        interface_faces.size() + 1 != std::max(stack.n_layers(), 1u))
      throw std::invalid_argument("cohesive_zone_resolution: needs one entry "
                                  "per layer and per interface");

    // With the one penalty stiffness of bendsim's law for both modes, the
    // zone is as long as the shorter of its pure-mode lengths; the library's
    // strengths make them equal (parameters/materials.prm).
    const auto zone_length = [](const double              modulus,
                                const FractureProperties &fracture,
                                const double              factor) {
      return std::min(cohesive_zone_length(modulus,
                                           fracture.mode_I_energy,
                                           factor * fracture.normal_strength),
                      cohesive_zone_length(modulus,
                                           fracture.mode_II_energy,
                                           factor * fracture.shear_strength));
    };
    const auto add = [](std::vector<CohesiveZoneResolution> &zones,
                        CohesiveZoneResolution               zone,
                        const CohesiveZoneFaces             &faces) {
      zone.strength_factor = faces.weakest_strength_factor;
      zone.face_size       = faces.largest_face_size;
      zone.faces_per_zone  = zone.zone_length / zone.face_size;
      zones.push_back(zone);
    };

    std::vector<CohesiveZoneResolution> zones;
    for (unsigned int i = 0; i < stack.n_layers(); ++i)
      if (layer_faces[i].n_faces > 0)
        {
          const Material        &material = stack.layer(i).material;
          CohesiveZoneResolution zone;
          zone.name         = "layer " + stack.layer(i).name;
          zone.at_interface = false;
          zone.index        = i;
          zone.zone_length =
            zone_length(material.plane_strain_modulus(),
                        material.fracture,
                        layer_faces[i].weakest_strength_factor);
          add(zones, zone, layer_faces[i]);
        }
    for (unsigned int i = 0; i + 1 < stack.n_layers(); ++i)
      if (interface_faces[i].n_faces > 0)
        {
          CohesiveZoneResolution zone;
          zone.name         = "interface " + stack.interface_name(i);
          zone.at_interface = true;
          zone.index        = i;
          zone.zone_length =
            zone_length(interface_modulus(
                          stack.layer(i).material.plane_strain_modulus(),
                          stack.layer(i + 1).material.plane_strain_modulus()),
                        stack.interface(i).fracture,
                        interface_faces[i].weakest_strength_factor);
          add(zones, zone, interface_faces[i]);
        }
    return zones;
  }


  std::vector<CohesiveZoneResolution>
  under_resolved_cohesive_zones(
    const Stack                          &stack,
    const std::vector<CohesiveZoneFaces> &layer_faces,
    const std::vector<CohesiveZoneFaces> &interface_faces,
    const double                          minimum_faces_per_zone)
  {
    std::vector<CohesiveZoneResolution> zones =
      cohesive_zone_resolution(stack, layer_faces, interface_faces);
    zones.erase(std::remove_if(zones.begin(),
                               zones.end(),
                               [&](const CohesiveZoneResolution &zone) {
                                 return zone.faces_per_zone >=
                                        minimum_faces_per_zone;
                               }),
                zones.end());
    return zones;
  }
} // namespace bendsim
