// Reading a case: a good one, and every kind of bad input, each of which must
// end in an InputError that names the file and the entry.
#include <bendsim/input_error.h>
#include <bendsim/mesh.h>
#include <bendsim/parameters.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace
{
  namespace fs = std::filesystem;

  const std::string source_dir = BENDSIM_SOURCE_DIR;

  /** A scratch folder with a material library and a case file. */
  class CaseFile : public ::testing::Test
  {
  protected:
    void
    SetUp() override
    {
      folder =
        fs::temp_directory_path() /
        ("bendsim_test_" + std::to_string(::getpid()) + "_" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
      fs::create_directories(folder);
      write("materials.prm",
            "set Materials = Foil, Film\n"
            "subsection Material Foil\n  set Young's modulus = 4500\n"
            "  set Poisson ratio = 0.4\nend\n"
            "subsection Material Film\n  set Young's modulus = 2300\n"
            "  set Poisson ratio = 0.3\nend\n");
    }

    void
    TearDown() override
    {
      fs::remove_all(folder);
    }

    std::string
    write(const std::string &name, const std::string &text) const
    {
      const std::string path = (folder / name).string();
      std::ofstream(path) << text;
      return path;
    }

    /** A valid two-layer case with @p replace substituted for @p original. */
    std::string
    case_text(const std::string &original = "",
              const std::string &replace  = "") const
    {
      std::string text =
        "set Dimension = 2\n"
        "subsection Stack\n"
        "  set Layers = Substrate, Absorber\n"
        "  subsection Layer Substrate\n"
        "    set Material = Foil\n    set Thickness = 10\n"
        "    set Cells through thickness = 4\n  end\n"
        "  subsection Layer Absorber\n"
        "    set Material = Film\n    set Thickness = 0.3\n  end\n"
        "end\n"
        "subsection Bending\n  set Bending radius = 1\nend\n"
        "subsection Mesh\n  set Segment length = 20\n"
        "  set Cells along segment = 10\nend\n";
      if (!original.empty())
        {
          const auto at = text.find(original);
          EXPECT_NE(at, std::string::npos) << original;
          text.replace(at, original.size(), replace);
        }
      return text;
    }

    /** Read @p text as a case; return the InputError message ("" if none). */
    std::string
    error_of(const std::string &text) const
    {
      const std::string file = write("case.prm", text);
      try
        {
          bendsim::RunParameters::read(file);
        }
      catch (const bendsim::InputError &e)
        {
          return e.what();
        }
      return "";
    }

    void
    expect_error(const std::string &text,
                 const std::string &entry,
                 const std::string &file = "case.prm") const
    {
      const std::string message = error_of(text);
      ASSERT_FALSE(message.empty()) << "bad input was accepted";
      EXPECT_NE(message.find(file), std::string::npos) << message;
      EXPECT_NE(message.find(entry), std::string::npos) << message;
    }

    fs::path folder;
  };
} // namespace

TEST_F(CaseFile, ValidCaseIsReadWithDefaults)
{
  const auto p = bendsim::RunParameters::read(write("case.prm", case_text()));
  ASSERT_EQ(p.stack.n_layers(), 2u);
  EXPECT_DOUBLE_EQ(p.stack.total_thickness(), 10.3);
  EXPECT_DOUBLE_EQ(p.stack.layer(1).bottom, 10.);
  EXPECT_EQ(p.stack.layer(1).material.name, "Film");
  EXPECT_DOUBLE_EQ(p.bending.curvature(), 1e-3);
  EXPECT_EQ(p.output_folder, "output/case");
  EXPECT_EQ(p.solver.polynomial_degree, 2u);
}

TEST_F(CaseFile, CompressionFlipsTheCurvature)
{
  const auto p = bendsim::RunParameters::read(
    write("case.prm",
          case_text("set Bending radius = 1",
                    "set Bending radius = 1\n  set Film side = compression")));
  EXPECT_DOUBLE_EQ(p.bending.curvature(), -1e-3);
}

TEST_F(CaseFile, MissingFile)
{
  try
    {
      bendsim::RunParameters::read((folder / "nothing.prm").string());
      FAIL();
    }
  catch (const bendsim::InputError &e)
    {
      EXPECT_NE(std::string(e.what()).find("nothing.prm"), std::string::npos);
    }
}

TEST_F(CaseFile, UnknownEntry)
{
  expect_error(case_text("set Dimension = 2",
                         "set Dimension = 2\nset Colour = red"),
               "Colour");
}

TEST_F(CaseFile, WrongType)
{
  expect_error(case_text("set Thickness = 0.3", "set Thickness = thin"),
               "Thickness");
}

TEST_F(CaseFile, NegativeThickness)
{
  expect_error(case_text("set Thickness = 0.3", "set Thickness = -0.3"),
               "Thickness");
}

TEST_F(CaseFile, ZeroThicknessIsNonPhysical)
{
  expect_error(case_text("set Thickness = 0.3", "set Thickness = 0"),
               "Stack/Layer Absorber/Thickness");
}

TEST_F(CaseFile, DimensionOutOfRange)
{
  expect_error(case_text("set Dimension = 2", "set Dimension = 4"),
               "Dimension");
}

TEST_F(CaseFile, ZeroBendingRadius)
{
  expect_error(case_text("set Bending radius = 1", "set Bending radius = 0"),
               "Bending/Bending radius");
}

TEST_F(CaseFile, SegmentTooLongForSmallRotations)
{
  expect_error(case_text("set Segment length = 20", "set Segment length = 500"),
               "Mesh/Segment length");
}

TEST_F(CaseFile, UnknownMaterial)
{
  expect_error(case_text("set Material = Film", "set Material = Glass"),
               "Stack/Layer Absorber/Material");
}

TEST_F(CaseFile, StackWithoutLayers)
{
  expect_error(case_text("set Layers = Substrate, Absorber", "set Layers ="),
               "Stack/Layers");
}

TEST_F(CaseFile, DuplicateLayerName)
{
  expect_error(case_text("set Layers = Substrate, Absorber",
                         "set Layers = Substrate, Substrate"),
               "Stack/Layers");
}

TEST_F(CaseFile, MissingMaterialLibrary)
{
  expect_error(case_text("set Dimension = 2",
                         "set Dimension = 2\nsubsection Materials\n"
                         "  set Library file = missing.prm\nend"),
               "cannot open",
               "missing.prm");
}

TEST_F(CaseFile, MissingMeshFile)
{
  expect_error(case_text("set Cells along segment = 10",
                         "set Cells along segment = 10\n"
                         "  set Mesh file = missing.msh"),
               "Mesh/Mesh file");
}

TEST_F(CaseFile, PoissonRatioOfOneHalfInTheLibrary)
{
  write("materials.prm",
        "set Materials = Foil, Film\n"
        "subsection Material Foil\n  set Young's modulus = 4500\n"
        "  set Poisson ratio = 0.5\nend\n"
        "subsection Material Film\n  set Young's modulus = 2300\nend\n");
  expect_error(case_text(), "Material Foil/Poisson ratio", "materials.prm");
}

TEST_F(CaseFile, NonPositiveModulusInTheLibrary)
{
  write("materials.prm",
        "set Materials = Foil, Film\n"
        "subsection Material Foil\n  set Young's modulus = 0\nend\n"
        "subsection Material Film\n  set Young's modulus = 2300\nend\n");
  expect_error(case_text(), "Material Foil/Young's modulus", "materials.prm");
}

TEST_F(CaseFile, ProcessingTemperatureGivesTheThermalMisfit)
{
  // Film alpha 5e-5 on a foil of 2e-5, processed 100 K above room
  // temperature: eigenstrain -(5e-5 - 2e-5) 100 against the foil.
  write("materials.prm",
        "set Materials = Foil, Film\n"
        "subsection Material Foil\n  set Young's modulus = 4500\n"
        "  set Poisson ratio = 0.4\n"
        "  set Thermal expansion coefficient = 2e-5\nend\n"
        "subsection Material Film\n  set Young's modulus = 2300\n"
        "  set Poisson ratio = 0.3\n"
        "  set Thermal expansion coefficient = 5e-5\nend\n");
  const auto p = bendsim::RunParameters::read(
    write("case.prm",
          case_text("set Thickness = 0.3\n",
                    "set Thickness = 0.3\n"
                    "    set Processing temperature change = 100\n")));
  EXPECT_NEAR(p.stack.layer(1).eigenstrain, -3e-3, 1e-15);
  EXPECT_EQ(p.stack.layer(0).eigenstrain, 0.);
  EXPECT_TRUE(p.stack.has_eigenstrain());
}

TEST_F(CaseFile, ResidualStressGivesTheEigenstrain)
{
  const auto p = bendsim::RunParameters::read(
    write("case.prm",
          case_text("set Thickness = 0.3\n",
                    "set Thickness = 0.3\n    set Residual stress = 30\n")));
  EXPECT_NEAR(p.stack.layer(1).eigenstrain, -30. * 0.7 / 2300., 1e-15);
  const auto defaults =
    bendsim::RunParameters::read(write("case.prm", case_text()));
  EXPECT_FALSE(defaults.stack.has_eigenstrain());
}

TEST_F(CaseFile, ResidualStressAndProcessingTemperatureTogether)
{
  expect_error(case_text("set Thickness = 0.3\n",
                         "set Thickness = 0.3\n    set Residual stress = 30\n"
                         "    set Processing temperature change = 100\n"),
               "Stack/Layer Absorber/Residual stress");
}

TEST_F(CaseFile, ProcessingTemperatureOfTheSubstrate)
{
  expect_error(case_text("set Cells through thickness = 4\n",
                         "set Cells through thickness = 4\n"
                         "    set Processing temperature change = 100\n"),
               "Stack/Layer Substrate/Processing temperature change");
}

TEST_F(CaseFile, ProcessingTemperatureOutOfRange)
{
  expect_error(case_text("set Thickness = 0.3\n",
                         "set Thickness = 0.3\n"
                         "    set Processing temperature change = 5000\n"),
               "Processing temperature change");
}

TEST(ShippedCases, DevicesReadCleanly)
{
  for (const auto &[name, n_layers] :
       {std::make_pair("qd_device", 8u),
        std::make_pair("thin_film_device", 7u),
        std::make_pair("pbs_qd_film", 3u),
        std::make_pair("mixed_perovskite_film", 3u)})
    {
      const auto p = bendsim::RunParameters::read(source_dir + "/parameters/" +
                                                  name + ".prm");
      EXPECT_EQ(p.stack.n_layers(), n_layers) << name;
      EXPECT_DOUBLE_EQ(p.bending.bending_radius, 7.5);
      EXPECT_EQ(p.loading.type, bendsim::LoadingType::cyclic_bending);
      EXPECT_EQ(p.cycling.number_of_cycles, 1000u);
      EXPECT_LT(p.device.electrode, p.stack.n_layers()) << name;
      EXPECT_FALSE(p.device.absorbers.empty()) << name;
    }
}

TEST(ShippedCases, SubstrateResolvesTheShearLagUnderTheFilms)
{
  // The ITO's shear-lag length Z h ~ 1.5 µm reaches into the PET below it:
  // its top cells must be a fraction of that (0.1-0.2 µm), and its bottom
  // cells, the tallest, no more than 65 times as tall as they are long.
  for (const std::string name : {"qd_device",
                                 "thin_film_device",
                                 "pbs_qd_film",
                                 "mixed_perovskite_film"})
    {
      const auto p = bendsim::RunParameters::read(source_dir + "/parameters/" +
                                                  name + ".prm");
      const bendsim::Layer &substrate = p.stack.layer(0);
      ASSERT_EQ(substrate.name, "PET") << name;
      const auto   heights = bendsim::layer_cell_heights(substrate);
      const double along   = p.mesh.segment_length / p.mesh.cells_along_segment;
      EXPECT_GE(heights.back(), 0.1) << name;
      EXPECT_LE(heights.back(), 0.2) << name;
      EXPECT_LE(heights.front() / along, 65.) << name;
    }
}
