// Verification of the residual stress from processing (layer eigenstrains)
// against closed-form solutions, run in process on every rank (ctest runs
// this on 1 and 2 MPI ranks).
//
// A film on a thick substrate with an eigenstrain in the film only, both
// ends traction-free (Loading/Type = free ends): away from the ends the
// strip bends to the curvature of laminate theory. In 2D plane strain the
// strip is a wide plate in cylindrical bending: the film's restrained stress
// is the biaxial -E_f/(1 - nu_f) e (the eigenstrain acts out of the plane
// too), while the substrate resists with its plane-strain modulus
// E_s/(1 - nu_s^2). A formulation without the out-of-plane eigenstrain
// (film stress -E_f/(1 - nu_f^2) e) is off by the factor 1 + nu_f = 1.3,
// one with biaxial substrate moduli by (1 + nu_s) = 1.4: far outside the
// tolerances below.
#include "expect_relative_near.h"

#include <bendsim/laminate.h>
#include <bendsim/mechanics_problem.h>
#include <bendsim/parameters.h>
#include <deal.II/base/mpi.h>
#include <gtest/gtest.h>

namespace
{
  using namespace bendsim;

  /**
   * A PET-like substrate (100 µm, E = 4500 MPa, nu = 0.4) under a compliant
   * film (E = 1000 MPa, nu = 0.3) of thickness @p film_thickness with the
   * isotropic eigenstrain @p eigenstrain, 1000 µm long (ten substrate
   * thicknesses: the end disturbance has decayed in the central half, where
   * curvature and stresses are read).
   */
  RunParameters
  free_bilayer(const double film_thickness, const double eigenstrain)
  {
    Material substrate;
    substrate.name           = "substrate";
    substrate.youngs_modulus = 4500.;
    substrate.poisson_ratio  = 0.4;
    Material film;
    film.name           = "film";
    film.youngs_modulus = 1000.;
    film.poisson_ratio  = 0.3;

    std::vector<Layer> layers(2);
    layers[0].name                    = "substrate";
    layers[0].material                = substrate;
    layers[0].thickness               = 100.;
    layers[0].cells_through_thickness = 4;
    layers[1].name                    = "film";
    layers[1].material                = film;
    layers[1].thickness               = film_thickness;
    layers[1].cells_through_thickness = 1;
    layers[1].eigenstrain             = eigenstrain;
    Interface interface;
    interface.lower = 0;

    RunParameters p;
    p.case_file                = "free bilayer (test_residual_stress.cc)";
    p.stack                    = Stack(layers, {interface});
    p.loading.type             = LoadingType::free_ends;
    p.fracture.enabled         = false;
    p.mesh.segment_length      = 1000.;
    p.mesh.cells_along_segment = 200;
    p.output.write_vtu         = false;
    return p;
  }

  void
  print(const std::string &what, const double fe, const double formula)
  {
    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      std::cout << "  " << what << ": FE " << fe << ", formula " << formula
                << ", relative difference " << fe / formula - 1. << '\n';
  }
} // namespace


TEST(ResidualStressVerification, FreeBilayerCurvatureAgainstLaminateAndStoney)
{
  // A film that wants to shrink (e < 0, e.g. one cooled from a higher
  // processing temperature with the larger expansion coefficient): tensile
  // film stress, film side concave.
  const double        eigenstrain = -1e-3, film_thickness = 1.; // h_f/h_s 0.01
  const RunParameters p      = free_bilayer(film_thickness, eigenstrain);
  const RunResults    r      = run_bending<2>(p, MPI_COMM_WORLD, false);
  const StepResult   &result = r.steps.back();

  const Layer &substrate = p.stack.layer(0);
  const Layer &film      = p.stack.layer(1);
  // (b) The exact bilayer (Timoshenko 1925) with plane-strain axial moduli
  // and the axial misfit (1 + nu_f) e of plane strain; the same as classical
  // laminate theory of the stack.
  const double exact = laminate::bilayer_misfit_curvature(
    substrate.thickness,
    substrate.material.plane_strain_modulus(),
    film.thickness,
    film.material.plane_strain_modulus(),
    (1. + film.material.poisson_ratio) * eigenstrain);
  expect_relative_near(p.stack.laminate_residual_curvature(),
                       exact,
                       1e-12,
                       "laminate theory vs Timoshenko");
  print("curvature vs Timoshenko (1/um)", result.measured_curvature, exact);
  expect_relative_near(result.measured_curvature,
                       exact,
                       0.01,
                       "curvature vs Timoshenko");
  EXPECT_LT(result.measured_curvature, 0.);

  // (a) Stoney with the film's biaxial restrained stress and the
  // substrate's plane-strain modulus (cylindrical bending). Its own error is
  // first order in h_f/h_s, (4 E'_f/E'_s - 1) h_f/h_s = -0.2 % here (see
  // tests/unit/test_laminate.cc); allowed: that plus the 1 % above.
  const double film_stress =
    laminate::restrained_film_stress(eigenstrain,
                                     film.material.youngs_modulus,
                                     film.material.poisson_ratio);
  const double stoney =
    laminate::stoney_curvature(film_stress,
                               film.thickness,
                               substrate.thickness,
                               substrate.material.plane_strain_modulus());
  const double stoney_error =
    std::abs((4. * film.material.plane_strain_modulus() /
                substrate.material.plane_strain_modulus() -
              1.) *
             film.thickness / substrate.thickness);
  print("curvature vs Stoney (1/um)", result.measured_curvature, stoney);
  expect_relative_near(result.measured_curvature,
                       stoney,
                       0.01 + stoney_error,
                       "curvature vs Stoney");

  // The film stress of a thin film on a thick substrate is the biaxial
  // E_f/(1 - nu_f) times the misfit, less the substrate's relaxation,
  // about 4 (E'_f h_f)/(E'_s h_s) = 0.8 % here.
  print("film stress vs E_f/(1 - nu_f) misfit (MPa)",
        result.layers[1].mean_axial_stress,
        film_stress);
  expect_relative_near(result.layers[1].mean_axial_stress,
                       film_stress,
                       0.015,
                       "film stress vs E_f/(1 - nu_f) misfit");
  EXPECT_GT(result.layers[1].mean_axial_stress, 0.);
}


TEST(ResidualStressVerification, ThickFilmAgainstTimoshenko)
{
  // A film half as thick as the substrate, where Stoney is far off (tens of
  // per cent) and only the exact bilayer holds; an expanding film bends its
  // side convex.
  const double        eigenstrain = 2e-3;
  const RunParameters p           = free_bilayer(50., eigenstrain);
  const RunResults    r           = run_bending<2>(p, MPI_COMM_WORLD, false);
  const double        exact       = p.stack.laminate_residual_curvature();
  print("thick film: curvature vs Timoshenko (1/um)",
        r.steps.back().measured_curvature,
        exact);
  expect_relative_near(r.steps.back().measured_curvature,
                       exact,
                       0.01,
                       "thick film: curvature vs Timoshenko");
  EXPECT_GT(exact, 0.);
}


TEST(ResidualStressVerification, EqualAxialMisfitIsStressFree)
{
  // In plane strain the strip cannot expand out of its plane: an isotropic
  // eigenstrain e stretches it axially by (1 + nu) e, with sigma_zz =
  // -E e. Layers with equal (1 + nu_k) e_k therefore expand together along
  // the strip without curvature or axial stress (equal e_k with different
  // nu_k would not).
  const double       film_eigenstrain = 1e-3;
  RunParameters      p                = free_bilayer(10., film_eigenstrain);
  std::vector<Layer> layers           = p.stack.layers();
  const double       axial_misfit =
    (1. + layers[1].material.poisson_ratio) * film_eigenstrain;
  layers[0].eigenstrain =
    axial_misfit / (1. + layers[0].material.poisson_ratio);
  p.stack                  = Stack(layers, {Interface()});
  const RunResults  r      = run_bending<2>(p, MPI_COMM_WORLD, false);
  const StepResult &result = r.steps.back();
  EXPECT_NEAR(result.measured_curvature, 0., 1e-10);
  for (unsigned int k = 0; k < 2; ++k)
    {
      EXPECT_NEAR(result.layers[k].mean_axial_stress, 0., 1e-6)
        << layers[k].name;
      EXPECT_NEAR(result.layers[k].top_axial_strain, axial_misfit, 1e-9)
        << layers[k].name;
    }
}
