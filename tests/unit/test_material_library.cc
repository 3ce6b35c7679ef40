// The shipped material library, and the elastic constants derived from it.
#include <bendsim/input_error.h>
#include <bendsim/material_library.h>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>

namespace
{
  const std::string library_file =
    std::string(BENDSIM_SOURCE_DIR) + "/parameters/materials.prm";
}

TEST(MaterialLibrary, ShipsEveryMaterialOfThePaper)
{
  const auto library = bendsim::MaterialLibrary::read(library_file);
  for (const char *name : {"PET",
                           "ITO",
                           "SnO2",
                           "PCBM",
                           "PCBM_CsPbI3_hybrid",
                           "CsPbI3_QD",
                           "CsPbI2Br",
                           "mixed_perovskite",
                           "PbS_QD",
                           "PTB7",
                           "MoO3",
                           "Ag"})
    EXPECT_NO_THROW(library.get(name, "case.prm", "Material")) << name;
}

TEST(MaterialLibrary, MeasuredModuliOfHu2021)
{
  const auto library = bendsim::MaterialLibrary::read(library_file);
  EXPECT_DOUBLE_EQ(library.get("CsPbI3_QD", "", "").youngs_modulus, 225.);
  EXPECT_DOUBLE_EQ(library.get("CsPbI2Br", "", "").youngs_modulus, 2300.);
}

TEST(MaterialLibrary, DerivedElasticConstants)
{
  bendsim::Material m;
  m.youngs_modulus = 4500.;
  m.poisson_ratio  = 0.4;
  EXPECT_NEAR(m.plane_strain_modulus(), 4500. / 0.84, 1e-9);
  EXPECT_NEAR(m.shear_modulus(), 4500. / 2.8, 1e-9);
  EXPECT_NEAR(m.lame_lambda(), 4500. * 0.4 / (1.4 * 0.2), 1e-9);
  // lambda + 2 mu - lambda^2/(lambda + 2 mu) is the plane-strain modulus.
  const double p_wave = m.lame_lambda() + 2. * m.shear_modulus();
  EXPECT_NEAR(p_wave - m.lame_lambda() * m.lame_lambda() / p_wave,
              m.plane_strain_modulus(),
              1e-9);
}

TEST(MaterialLibrary, UnknownMaterialNamesCaseEntryAndLibrary)
{
  const auto library = bendsim::MaterialLibrary::read(library_file);
  try
    {
      library.get("Unobtainium", "case.prm", "Stack/Layer X/Material");
      FAIL() << "no error for an unknown material";
    }
  catch (const bendsim::InputError &e)
    {
      const std::string message = e.what();
      EXPECT_NE(message.find("case.prm"), std::string::npos) << message;
      EXPECT_NE(message.find("Stack/Layer X/Material"), std::string::npos);
      EXPECT_NE(message.find("Unobtainium"), std::string::npos);
      EXPECT_NE(message.find("CsPbI3_QD"), std::string::npos);
    }
}
