// Verification of the bending solver against closed-form solutions, run in
// process on every rank (ctest runs this on 1 and 2 MPI ranks).
//
// Pure bending of a perfectly bonded stack is the piecewise-quadratic field
// u_x = kappa x (y - y_n), which degree-2 elements represent exactly: the
// finite-element strains must equal laminate theory to solver precision.
// The tolerances below are the ones the project promises (1 %), far above
// that precision but far below the error of any wrong physics (a neutral
// axis at the substrate's mid-plane, say, is off by 3-5 %).
#include "expect_relative_near.h"

#include <bendsim/laminate.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

namespace
{
  using namespace bendsim;

  const std::string cases = std::string(BENDSIM_SOURCE_DIR) + "/parameters/";

  RunParameters
  read_case(const std::string &name, const unsigned int cells_along = 0)
  {
    RunParameters p = RunParameters::read(cases + name);
    // The device cases at a coarser mesh along the segment: pure bending does
    // not depend on it, and the test stays fast.
    if (cells_along > 0)
      p.mesh.cells_along_segment = cells_along;
    return p;
  }

  /** Every layer's bottom and top axial strain against laminate theory. */
  void
  expect_laminate_strains(const RunParameters &p, const StepResult &result)
  {
    const double y_n = p.stack.laminate_neutral_axis_height();
    expect_relative_near(result.neutral_axis_height, y_n, 1e-3, "neutral axis");
    expect_relative_near(result.measured_curvature,
                         p.bending.curvature(),
                         1e-3,
                         "curvature");
    for (unsigned int i = 0; i < p.stack.n_layers(); ++i)
      {
        const Layer &layer = p.stack.layer(i);
        expect_relative_near(result.layers[i].bottom_axial_strain,
                             laminate::axial_strain(layer.bottom,
                                                    y_n,
                                                    p.bending.curvature()),
                             0.01,
                             layer.name + " bottom");
        expect_relative_near(result.layers[i].top_axial_strain,
                             laminate::axial_strain(layer.top,
                                                    y_n,
                                                    p.bending.curvature()),
                             0.01,
                             layer.name + " top");
      }
  }

  /**
   * Suo et al. (1999) film-on-foil strain at the top of the films: the foil
   * is the substrate (layer 0), the film all layers above it lumped into one
   * of the same thickness and axial stiffness.
   */
  double
  suo_top_strain(const RunParameters &p)
  {
    const Layer &foil           = p.stack.layer(0);
    double       film_thickness = 0;
    double       film_stiffness = 0; // sum E'_i t_i
    for (unsigned int i = 1; i < p.stack.n_layers(); ++i)
      {
        film_thickness += p.stack.layer(i).thickness;
        film_stiffness += p.stack.layer(i).thickness *
                          p.stack.layer(i).material.plane_strain_modulus();
      }
    return laminate::suo_film_on_foil_top_strain(
      film_thickness,
      foil.thickness,
      film_stiffness / film_thickness,
      foil.material.plane_strain_modulus(),
      p.bending.bending_radius * 1000.);
  }

  /**
   * A device case (at 100 cells along the segment), bent once without
   * fracture: every layer against
   * laminate theory, and its absorber layer @p absorber against Suo et al.
   */
  void
  expect_device_matches_laminate_and_suo(const std::string &case_name,
                                         const std::string &absorber)
  {
    // The elastic solution of the intact stack: one monotonic bend, no
    // cracks (the cases themselves bend cyclically with fracture).
    RunParameters p    = read_case(case_name, 100);
    p.loading.type     = LoadingType::bending;
    p.fracture.enabled = false;
    const RunResults r = run_bending<2>(p, MPI_COMM_WORLD, false);
    expect_laminate_strains(p, r.steps.back());
    const unsigned int index = p.stack.find(absorber);
    ASSERT_LT(index, p.stack.n_layers()) << "no layer " << absorber;
    expect_relative_near(r.steps.back().layers[index].top_axial_strain,
                         suo_top_strain(p),
                         0.01,
                         absorber + " film strain vs Suo et al. 1999");
  }
} // namespace


TEST(BendingVerification, HomogeneousBeam)
{
  const RunParameters p = read_case("verification/homogeneous_beam.prm");
  const RunResults    r = run_bending<2>(p, MPI_COMM_WORLD, false);
  expect_laminate_strains(p, r.steps.back());
  // Mid-plane neutral axis, surface strain h/2R.
  expect_relative_near(r.steps.back().neutral_axis_height,
                       0.5 * p.stack.total_thickness(),
                       1e-6,
                       "mid-plane");
  expect_relative_near(r.steps.back().layers[0].top_axial_strain,
                       p.stack.total_thickness() /
                         (2. * p.bending.bending_radius * 1000.),
                       1e-6,
                       "h/2R");
}

TEST(BendingVerification, BilayerAgainstSuo1999)
{
  const RunParameters p = read_case("verification/bilayer_suo.prm");
  const RunResults    r = run_bending<2>(p, MPI_COMM_WORLD, false);
  expect_laminate_strains(p, r.steps.back());
  expect_relative_near(r.steps.back().layers.back().top_axial_strain,
                       suo_top_strain(p),
                       1e-4,
                       "film top strain vs Suo et al. 1999");
}

TEST(BendingVerification, FilmInCompressionFlipsEveryStrain)
{
  RunParameters p     = read_case("verification/bilayer_suo.prm");
  p.bending.film_side = FilmSide::compression;
  const RunResults r  = run_bending<2>(p, MPI_COMM_WORLD, false);
  expect_laminate_strains(p, r.steps.back());
  EXPECT_LT(r.steps.back().layers.back().top_axial_strain, 0.);
}

TEST(BendingVerification, QdDeviceAgainstLaminateTheoryAndSuo)
{
  expect_device_matches_laminate_and_suo("qd_device.prm", "QD");
}

TEST(BendingVerification, ThinFilmDeviceAgainstLaminateTheoryAndSuo)
{
  expect_device_matches_laminate_and_suo("thin_film_device.prm", "Perovskite");
}

TEST(BendingVerification, ThreeDimensionalSlabEqualsPlaneStrain)
{
  RunParameters p            = read_case("verification/qd_device_coarse.prm");
  p.dimension                = 3;
  p.mesh.cells_along_segment = 10;
  p.mesh.segment_width       = 2.;
  p.mesh.cells_across_width  = 1;
  const RunResults r         = run_bending<3>(p, MPI_COMM_WORLD, false);
  expect_laminate_strains(p, r.steps.back());
}
