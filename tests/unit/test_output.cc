// summary.json: valid JSON (null for non-finite numbers), the keys the
// post-processing reads, and the provenance block.
#include <bendsim/output.h>
#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <cmath>
#include <deal.II/base/config.h>
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace
{
  /** The cyclic verification case, with results of one step in which some
   *  figures are not finite. */
  struct Summary : public ::testing::Test
  {
    Summary()
      : parameters(bendsim::RunParameters::read(
          std::string(BENDSIM_SOURCE_DIR) +
          "/parameters/verification/fatigue_film.prm"))
    {
      parameters.command_line     = {"bendsim", "fatigue_film.prm"};
      const unsigned int n_layers = parameters.stack.n_layers();

      bendsim::StepResult step;
      step.cycle      = 100;
      step.cycle_jump = 10;
      step.curvature  = 1e-3;
      step.layers.resize(n_layers);
      step.damage.cracks.assign(n_layers, 2);
      step.damage.process_zone_columns.assign(n_layers, 1);
      step.damage.crack_density.assign(n_layers, 0.5);
      step.damage.largest_opening.assign(n_layers, 0.01);
      step.damage.channel_energy_release_rate.assign(n_layers, 3.);
      step.damage.delaminated_fraction.assign(n_layers - 1, 0.);
      step.damage.process_zone_fraction.assign(n_layers - 1, 0.);
      step.device.pce_retention = 0.9;
      // Not finite: a NaN and an infinity.
      step.layers[0].max_axial_strain =
        std::numeric_limits<double>::quiet_NaN();
      step.device.performance.efficiency =
        std::numeric_limits<double>::infinity();
      step.damage.channel_energy_release_rate[0] =
        -std::numeric_limits<double>::infinity();

      results.steps = {step};
      results.first_crack.resize(n_layers);
      results.first_crack[0].cracked   = true;
      results.first_crack[0].curvature = 1e-3;
      results.first_crack[0].cycle     = 12;
      results.n_ranks                  = 2;
      results.n_dofs                   = 1234;
      results.wall_time                = 1.25;
    }

    bendsim::RunParameters parameters;
    bendsim::RunResults    results;
  };
} // namespace


TEST_F(Summary, IsJsonWithNullForNonFiniteNumbers)
{
  const std::string text = bendsim::summary_json(parameters, results);
  nlohmann::json    summary;
  ASSERT_NO_THROW(summary = nlohmann::json::parse(text)) << text;

  EXPECT_TRUE(summary["layers"][0]["max_axial_strain"].is_null());
  EXPECT_TRUE(
    summary["layers"][0]["channel_energy_release_rate_J_per_m2"].is_null());
  EXPECT_TRUE(summary["device"]["final_pce_percent"].is_null());
  // Finite numbers stay numbers, missing ones are null.
  EXPECT_DOUBLE_EQ(
    summary["layers"][1]["channel_energy_release_rate_J_per_m2"].get<double>(),
    3.);
  EXPECT_DOUBLE_EQ(
    summary["device"]["pce_retention_at_100_cycles"].get<double>(), 0.9);
  EXPECT_TRUE(summary["device"]["pce_retention_at_1000_cycles"].is_null());
  EXPECT_TRUE(summary["layers"][1]["first_crack"].is_null());
  EXPECT_EQ(summary["layers"][0]["first_crack"]["cycle"], 12);
  EXPECT_DOUBLE_EQ(
    summary["layers"][0]["first_crack"]["bending_radius_mm"].get<double>(), 1.);
}

TEST_F(Summary, HasTheKeysInOrderWithTwoSpaceIndentation)
{
  const std::string text = bendsim::summary_json(parameters, results);
  EXPECT_EQ(text.rfind("{\n  \"case_file\": ", 0), 0u) << text;
  // tests/runs/run_case.sh greps for this line.
  EXPECT_NE(text.find("\n  \"mpi_ranks\": 2,\n"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');

  const auto summary = nlohmann::json::parse(text);
  for (const char *key : {"case_file",
                          "dimension",
                          "mpi_ranks",
                          "dofs",
                          "unknowns",
                          "cells",
                          "max_cell_aspect_ratio",
                          "bending_radius_mm",
                          "film_side",
                          "curvature_1_per_mm",
                          "measured_curvature_1_per_mm",
                          "stack_thickness_um",
                          "neutral_axis_height_um",
                          "neutral_axis_height_laminate_theory_um",
                          "layers",
                          "interfaces",
                          "cycles",
                          "device",
                          "timing_s",
                          "linear_algebra",
                          "peak_memory_mb",
                          "provenance"})
    EXPECT_TRUE(summary.contains(key)) << key;
  EXPECT_EQ(summary["layers"].size(), parameters.stack.n_layers());
  EXPECT_EQ(summary["interfaces"].size(), parameters.stack.n_layers() - 1);
  EXPECT_EQ(summary["dofs"], 1234);
  EXPECT_EQ(summary["cycles"]["number"], 100);
  EXPECT_EQ(summary["cycles"]["solved_after_a_jump"], 1);
  EXPECT_DOUBLE_EQ(summary["timing_s"]["wall"].get<double>(), 1.25);
}

TEST_F(Summary, NumbersHaveTenSignificantDigits)
{
  results.wall_time = 2. / 3.;
  const auto summary =
    nlohmann::json::parse(bendsim::summary_json(parameters, results));
  EXPECT_EQ(summary["timing_s"]["wall"].get<double>(), 0.6666666667);
}

TEST_F(Summary, HasTheProvenance)
{
  const auto summary =
    nlohmann::json::parse(bendsim::summary_json(parameters, results));
  ASSERT_TRUE(summary.contains("provenance"));
  const auto &provenance = summary["provenance"];
  for (const char *key : {"bendsim_version",
                          "git_revision",
                          "deal_ii_version",
                          "host",
                          "written_utc"})
    {
      ASSERT_TRUE(provenance.contains(key)) << key;
      ASSERT_TRUE(provenance[key].is_string()) << key;
      EXPECT_FALSE(provenance[key].get<std::string>().empty()) << key;
    }
  EXPECT_EQ(provenance["deal_ii_version"], DEAL_II_PACKAGE_VERSION);
  EXPECT_EQ(provenance["command_line"],
            nlohmann::json::array({"bendsim", "fatigue_film.prm"}));
  EXPECT_EQ(provenance["mpi_ranks"], 2);
  // ISO 8601, UTC: 2024-05-01T12:34:56Z.
  const std::string written = provenance["written_utc"];
  ASSERT_EQ(written.size(), 20u) << written;
  EXPECT_EQ(written[4], '-');
  EXPECT_EQ(written[10], 'T');
  EXPECT_EQ(written[13], ':');
  EXPECT_EQ(written.back(), 'Z');
}
