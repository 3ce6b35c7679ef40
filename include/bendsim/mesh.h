#ifndef bendsim_mesh_h
#define bendsim_mesh_h

#include <bendsim/parameters.h>
#include <bendsim/stack.h>
#include <mpi.h>
#include <vector>

namespace dealii
{
  template <int dim, int spacedim>
  class Triangulation;
}

namespace bendsim
{
  /** Boundary ids of the segment's faces, set on every mesh bendsim uses. */
  namespace boundary_id
  {
    constexpr unsigned int left   = 0; ///< x = 0, rotated end face
    constexpr unsigned int right  = 1; ///< x = L, rotated end face
    constexpr unsigned int bottom = 2; ///< y = 0, free
    constexpr unsigned int top    = 3; ///< y = H, free
    constexpr unsigned int front  = 4; ///< z = 0 (3D), symmetry
    constexpr unsigned int back   = 5; ///< z = W (3D), symmetry
  }                                    // namespace boundary_id

  /**
   * Heights of the cells through @p layer, bottom to top, in µm: a geometric
   * series whose top/bottom ratio is the layer's grading ratio and whose sum
   * is its thickness.
   */
  std::vector<double>
  layer_cell_heights(const Layer &layer);

  /**
   * Lengths of the cells along the segment, from x = 0 to x = L, in µm:
   * uniform, or two mirrored geometric series whose centre/end ratio is
   * @p mesh.centre_grading_ratio.
   */
  std::vector<double>
  segment_cell_lengths(const MeshParameters &mesh);

  /**
   * Fill @p triangulation with the segment x in [0, L], y in [0, H]
   * (z in [0, W] in 3D): the layered generator, or the Gmsh file if
   * @p mesh.mesh_file is set. Every cell's material id is the index of its
   * layer in @p stack; boundary ids follow bendsim::boundary_id.
   * Throws InputError for a Gmsh file that does not fit the stack.
   */
  template <int dim>
  void
  create_mesh(dealii::Triangulation<dim, dim> &triangulation,
              const Stack                     &stack,
              const MeshParameters            &mesh,
              const std::string               &case_file);

  /**
   * Largest ratio of a cell's longest to shortest bounding-box edge over all
   * cells owned by any rank of @p mpi_communicator.
   */
  template <int dim>
  double
  max_cell_aspect_ratio(const dealii::Triangulation<dim, dim> &triangulation,
                        MPI_Comm mpi_communicator);
} // namespace bendsim

#endif
