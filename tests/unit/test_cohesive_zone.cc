// Cohesive-zone length and the mesh-resolution check against hand
// calculations.
#include <bendsim/cohesive_zone.h>
#include <cmath>
#include <gtest/gtest.h>

namespace
{
  bendsim::Material
  material(const std::string &name, const double youngs_modulus)
  {
    bendsim::Material m;
    m.name           = name;
    m.youngs_modulus = youngs_modulus;
    m.poisson_ratio  = 0.; // Ebar = E: the numbers below stay round
    return m;
  }

  /**
   * 100 µm of foil (E = 3000 MPa) under a crackable 1 µm film (E = 1000 MPa).
   * Film: G_Ic = 0.1, N = 10, so l_cz = 1000 * 0.1 / 10^2 = 1 µm; G_IIc =
   * 0.25 with S = 10 sqrt(2.5) gives the same 1 µm in mode II.
   * Interface: E* = 2 * 3000 * 1000 / 4000 = 1500 MPa, G_Ic = 0.2, N = 20:
   * l_cz = 1500 * 0.2 / 400 = 0.75 µm; G_IIc = 0.6, S = 20 sqrt(3): 0.75 µm.
   */
  bendsim::Stack
  foil_and_film()
  {
    bendsim::Layer foil;
    foil.name      = "Foil";
    foil.material  = material("foil", 3000.);
    foil.thickness = 100.;

    bendsim::Layer film;
    film.name                              = "Film";
    film.material                          = material("film", 1000.);
    film.material.fracture.mode_I_energy   = 0.1;
    film.material.fracture.mode_II_energy  = 0.25;
    film.material.fracture.normal_strength = 10.;
    film.material.fracture.shear_strength  = 10. * std::sqrt(2.5);
    film.thickness                         = 1.;
    film.crackable                         = true;

    bendsim::Interface interface;
    interface.lower                    = 0;
    interface.fracture.mode_I_energy   = 0.2;
    interface.fracture.mode_II_energy  = 0.6;
    interface.fracture.normal_strength = 20.;
    interface.fracture.shear_strength  = 20. * std::sqrt(3.);
    return bendsim::Stack({foil, film}, {interface});
  }
} // namespace


TEST(CohesiveZone, HillerborgLengthByHand)
{
  // l_cz = M Ebar G_c / sigma^2: 100 000 MPa * 1 MPa µm / (100 MPa)^2 = 10 µm.
  EXPECT_NEAR(bendsim::cohesive_zone_length(1e5, 1., 100.), 10., 1e-12);
  EXPECT_NEAR(bendsim::cohesive_zone_length(1e5, 1., 100., 0.5), 5., 1e-12);
  // Half the strength: four times the length.
  EXPECT_NEAR(bendsim::cohesive_zone_length(1e5, 1., 50.), 40., 1e-12);
  // ITO of parameters/materials.prm: Ebar = 116 000 / (1 - 0.35^2)
  // = 132 194 MPa, G_Ic = 16 J/m^2, 2000 MPa: 0.529 µm.
  EXPECT_NEAR(bendsim::cohesive_zone_length(116000. / (1. - 0.35 * 0.35),
                                            16.,
                                            2000.),
              0.5288,
              1e-4);
  EXPECT_THROW(bendsim::cohesive_zone_length(1e5, 1., 0.),
               std::invalid_argument);
}

TEST(CohesiveZone, InterfaceModulusIsTheHarmonicMean)
{
  EXPECT_NEAR(bendsim::interface_modulus(1000., 3000.), 1500., 1e-12);
  EXPECT_NEAR(bendsim::interface_modulus(3000., 1000.), 1500., 1e-12);
  EXPECT_NEAR(bendsim::interface_modulus(4500., 4500.), 4500., 1e-12);
}

TEST(CohesiveZone, ResolutionOfASmallStack)
{
  const bendsim::Stack stack = foil_and_film();
  // Film: channel-crack faces 0.1 µm high, weakest face at half the mean
  // strength: l_cz = 4 µm over 40 faces. Interface: faces 0.5 µm long at
  // the mean strength: 0.75 µm over 1.5 faces. The foil cannot crack.
  const std::vector<bendsim::CohesiveZoneFaces> layers     = {{0, 0., 1.},
                                                              {100, 0.1, 0.5}};
  const std::vector<bendsim::CohesiveZoneFaces> interfaces = {{50, 0.5, 1.}};

  const auto zones =
    bendsim::cohesive_zone_resolution(stack, layers, interfaces);
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(zones[0].name, "layer Film");
  EXPECT_FALSE(zones[0].at_interface);
  EXPECT_EQ(zones[0].index, 1u);
  EXPECT_NEAR(zones[0].zone_length, 4., 1e-12);
  EXPECT_NEAR(zones[0].face_size, 0.1, 1e-15);
  EXPECT_NEAR(zones[0].faces_per_zone, 40., 1e-10);
  EXPECT_NEAR(zones[0].strength_factor, 0.5, 1e-15);
  EXPECT_EQ(zones[1].name, "interface Foil/Film");
  EXPECT_TRUE(zones[1].at_interface);
  EXPECT_NEAR(zones[1].zone_length, 0.75, 1e-12);
  EXPECT_NEAR(zones[1].faces_per_zone, 1.5, 1e-12);

  const auto coarse =
    bendsim::under_resolved_cohesive_zones(stack, layers, interfaces);
  ASSERT_EQ(coarse.size(), 1u);
  EXPECT_EQ(coarse[0].name, "interface Foil/Film");

  // Interface faces of 0.25 µm: exactly 3 per zone, resolved.
  EXPECT_TRUE(
    bendsim::under_resolved_cohesive_zones(stack, layers, {{50, 0.25, 1.}})
      .empty());
  // The film's weakest face at 0.1 of the mean: l_cz = 100 µm; at twice the
  // mean: 0.25 µm over 2.5 faces of 0.1 µm, under-resolved.
  const auto strong =
    bendsim::under_resolved_cohesive_zones(stack,
                                           {{0, 0., 1.}, {100, 0.1, 2.}},
                                           {{50, 0.25, 1.}});
  ASSERT_EQ(strong.size(), 1u);
  EXPECT_EQ(strong[0].name, "layer Film");
  EXPECT_NEAR(strong[0].faces_per_zone, 2.5, 1e-10);
}

TEST(CohesiveZone, ShorterModeSetsTheZone)
{
  bendsim::Stack stack = foil_and_film();
  // A shear strength twice the header rule's: l_II = 1000 * 0.25 /
  // (2 * 10 sqrt(2.5))^2 = 0.25 µm, shorter than l_I = 1 µm.
  std::vector<bendsim::Layer> layers = stack.layers();
  layers[1].material.fracture.shear_strength *= 2.;
  stack = bendsim::Stack(layers, {stack.interface(0)});
  const auto zones =
    bendsim::cohesive_zone_resolution(stack,
                                      {{0, 0., 1.}, {10, 0.1, 1.}},
                                      {{0, 0., 1.}});
  ASSERT_EQ(zones.size(), 1u);
  EXPECT_NEAR(zones[0].zone_length, 0.25, 1e-12);
}

TEST(CohesiveZone, NeedsOneEntryPerLayerAndInterface)
{
  EXPECT_THROW(bendsim::cohesive_zone_resolution(foil_and_film(),
                                                 {{0, 0., 1.}},
                                                 {{0, 0., 1.}}),
               std::invalid_argument);
}
