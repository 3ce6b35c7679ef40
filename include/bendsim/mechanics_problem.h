#ifndef bendsim_mechanics_problem_h
#define bendsim_mechanics_problem_h

#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <mpi.h>

namespace bendsim
{
  /**
   * Bend the stack of @p parameters from flat to its bending radius in
   * Bending/Load steps increments and return what was measured; with
   * @p write_output, also write the run's output folder (fields, history,
   * summary, parameters used).
   *
   * The model: small-strain linear elasticity of a segment x in [0, L] of the
   * stack's cross-section (plane strain in 2D). Both end faces stay plane
   * and rotate by -+kappa L/2 about the z axis (kappa = 1/R, signed by the
   * film side); the right end face may translate freely along x, so the net
   * axial force vanishes and the curvature acts about the true neutral axis
   * of the stack. One point is held vertically; in 3D the faces z = 0, W are
   * symmetry planes. Discretisation: discontinuous Q_p elements with
   * symmetric interior penalty on every interior face (Arnold et al. 2002),
   * the representation in which any face can later become a cohesive crack.
   */
  template <int dim>
  RunResults
  run_bending(const RunParameters &parameters,
              MPI_Comm             mpi_communicator,
              bool                 write_output = true);
} // namespace bendsim

#endif
