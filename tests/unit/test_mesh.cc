// Graded cell heights of the layered mesh generator.
#include <bendsim/mesh.h>
#include <gtest/gtest.h>
#include <numeric>

TEST(Mesh, UniformLayerHasEqualCells)
{
  bendsim::Layer layer;
  layer.thickness               = 0.3;
  layer.cells_through_thickness = 3;
  const auto heights            = bendsim::layer_cell_heights(layer);
  ASSERT_EQ(heights.size(), 3u);
  for (const double h : heights)
    EXPECT_NEAR(h, 0.1, 1e-15);
}

TEST(Mesh, GradedLayerKeepsThicknessAndRatio)
{
  bendsim::Layer layer;
  layer.thickness               = 125.;
  layer.cells_through_thickness = 20;
  layer.grading_ratio           = 0.2;
  const auto heights            = bendsim::layer_cell_heights(layer);
  ASSERT_EQ(heights.size(), 20u);
  EXPECT_NEAR(std::accumulate(heights.begin(), heights.end(), 0.), 125., 1e-10);
  EXPECT_NEAR(heights.back() / heights.front(), 0.2, 1e-12);
  for (unsigned int i = 1; i < heights.size(); ++i)
    EXPECT_LT(heights[i], heights[i - 1]);
}

TEST(Mesh, CentreGradedSegmentIsSymmetricAndKeepsItsLength)
{
  bendsim::MeshParameters mesh;
  mesh.segment_length       = 200.;
  mesh.cells_along_segment  = 40;
  mesh.centre_grading_ratio = 0.01;
  const auto lengths        = bendsim::segment_cell_lengths(mesh);
  ASSERT_EQ(lengths.size(), 40u);
  EXPECT_NEAR(std::accumulate(lengths.begin(), lengths.end(), 0.), 200., 1e-10);
  EXPECT_NEAR(lengths[19] / lengths[0], 0.01, 1e-12);
  for (unsigned int i = 0; i < 20; ++i)
    EXPECT_DOUBLE_EQ(lengths[i], lengths[39 - i]);
  for (unsigned int i = 1; i < 20; ++i)
    EXPECT_LT(lengths[i], lengths[i - 1]);
}
