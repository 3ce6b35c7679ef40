#include <bendsim/input_error.h>
#include <bendsim/mesh.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>
#include <fstream>
#include <sstream>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    // n sizes h_i = h_0 q^i, q^(n-1) = last/first ratio, summing to length.
    std::vector<double>
    geometric_sizes(const double       length,
                    const unsigned int n,
                    const double       ratio)
    {
      std::vector<double> sizes(n, length / n);
      if (n > 1 && std::abs(ratio - 1.) > 1e-12)
        {
          const double q  = std::pow(ratio, 1. / (n - 1));
          const double h0 = length * (1. - q) / (1. - std::pow(q, n));
          for (unsigned int i = 0; i < n; ++i)
            sizes[i] = h0 * std::pow(q, i);
        }
      return sizes;
    }
  } // namespace


  std::vector<double>
  layer_cell_heights(const Layer &layer)
  {
    return geometric_sizes(layer.thickness,
                           layer.cells_through_thickness,
                           layer.grading_ratio);
  }


  std::vector<double>
  segment_cell_lengths(const MeshParameters &mesh)
  {
    const unsigned int n = mesh.cells_along_segment;
    if (n < 2 || std::abs(mesh.centre_grading_ratio - 1.) <= 1e-12)
      return geometric_sizes(mesh.segment_length, n, 1.);
    // Each half a geometric series from the end to the centre, mirrored.
    const std::vector<double> half = geometric_sizes(0.5 * mesh.segment_length,
                                                     n / 2,
                                                     mesh.centre_grading_ratio);
    std::vector<double>       lengths(half);
    lengths.insert(lengths.end(), half.rbegin(), half.rend());
    return lengths;
  }


  namespace
  {
    template <int dim>
    Point<dim>
    segment_extent(const Stack &stack, const MeshParameters &mesh)
    {
      Point<dim> extent;
      extent[0] = mesh.segment_length;
      extent[1] = stack.total_thickness();
      if (dim == 3)
        extent[dim - 1] = mesh.segment_width;
      return extent;
    }


    template <int dim>
    void
    make_layered_mesh(Triangulation<dim>   &triangulation,
                      const Stack          &stack,
                      const MeshParameters &mesh)
    {
      std::vector<std::vector<double>> step_sizes(dim);
      step_sizes[0] = segment_cell_lengths(mesh);
      for (const Layer &layer : stack.layers())
        for (const double h : layer_cell_heights(layer))
          step_sizes[1].push_back(h);
      if (dim == 3)
        step_sizes[2].assign(mesh.cells_across_width,
                             mesh.segment_width / mesh.cells_across_width);

      GridGenerator::subdivided_hyper_rectangle(triangulation,
                                                step_sizes,
                                                Point<dim>(),
                                                segment_extent<dim>(stack,
                                                                    mesh));

      for (const auto &cell : triangulation.active_cell_iterators())
        {
          const double y     = cell->center()[1];
          unsigned int index = 0;
          while (index + 1 < stack.n_layers() && y > stack.layer(index).top)
            ++index;
          cell->set_material_id(index);
        }
    }


    template <int dim>
    void
    read_gmsh_mesh(Triangulation<dim>   &triangulation,
                   const Stack          &stack,
                   const MeshParameters &mesh,
                   const std::string    &case_file)
    {
      // Read into a serial triangulation first: p4est accepts only
      // quadrilaterals/hexahedra and would fail without a message on others.
      Triangulation<dim> serial;
      GridIn<dim>        grid_in;
      grid_in.attach_triangulation(serial);
      std::ifstream in(mesh.mesh_file);
      try
        {
          grid_in.read_msh(in);
        }
      catch (const ExceptionBase &e)
        {
          std::ostringstream info;
          e.print_info(info);
          throw InputError(mesh.mesh_file,
                           "",
                           "not a readable Gmsh mesh: " + info.str());
        }
      if (!serial.all_reference_cells_are_hyper_cube())
        throw InputError(mesh.mesh_file,
                         "",
                         "the mesh has cells other than quadrilaterals (2D) "
                         "or hexahedra (3D); recombine it (Gmsh: Recombine)");

      // Physical group k holds the k-th layer from the bottom, and its cells
      // must lie within that layer's heights.
      for (const auto &cell : serial.active_cell_iterators())
        {
          const unsigned int tag = cell->material_id();
          if (tag < 1 || tag > stack.n_layers())
            throw InputError(mesh.mesh_file,
                             "",
                             "physical group " + std::to_string(tag) +
                               " does not name a layer; groups 1 to " +
                               std::to_string(stack.n_layers()) +
                               " are the layers of " + case_file +
                               " bottom to top");
          const Layer &layer     = stack.layer(tag - 1);
          const auto   box       = cell->bounding_box();
          const double tolerance = 1e-6 * stack.total_thickness();
          if (box.lower_bound(1) < layer.bottom - tolerance ||
              box.upper_bound(1) > layer.top + tolerance)
            throw InputError(mesh.mesh_file,
                             "",
                             "a cell of physical group " + std::to_string(tag) +
                               " (layer " + layer.name + " of " + case_file +
                               ", y in [" + std::to_string(layer.bottom) +
                               ", " + std::to_string(layer.top) +
                               "] µm) lies outside that layer");
          cell->set_material_id(tag - 1);
        }
      triangulation.copy_triangulation(serial);

      const auto       box    = GridTools::compute_bounding_box(serial);
      const Point<dim> extent = segment_extent<dim>(stack, mesh);
      for (unsigned int d = 0; d < dim; ++d)
        if (std::abs(box.lower_bound(d)) > 1e-6 * extent[d] ||
            std::abs(box.upper_bound(d) - extent[d]) > 1e-6 * extent[d])
          throw InputError(mesh.mesh_file,
                           "",
                           "the mesh must span [0, " +
                             std::to_string(extent[d]) + "] µm in direction " +
                             std::to_string(d) +
                             " (segment length, stack thickness, width of " +
                             case_file + ")");
    }
  } // namespace


  template <int dim>
  void
  create_mesh(Triangulation<dim>   &triangulation,
              const Stack          &stack,
              const MeshParameters &mesh,
              const std::string    &case_file)
  {
    if (mesh.mesh_file.empty())
      make_layered_mesh(triangulation, stack, mesh);
    else
      read_gmsh_mesh(triangulation, stack, mesh, case_file);

    const Point<dim> extent    = segment_extent<dim>(stack, mesh);
    const double     tolerance = 1e-9 * extent[0];
    for (const auto &cell : triangulation.active_cell_iterators())
      for (const auto &face : cell->face_iterators())
        if (face->at_boundary())
          {
            const Point<dim> c = face->center();
            for (unsigned int d = 0; d < dim; ++d)
              {
                if (std::abs(c[d]) < tolerance)
                  face->set_boundary_id(2 * d);
                else if (std::abs(c[d] - extent[d]) < tolerance)
                  face->set_boundary_id(2 * d + 1);
              }
          }
  }


  template <int dim>
  double
  max_cell_aspect_ratio(const Triangulation<dim> &triangulation,
                        const MPI_Comm            mpi_communicator)
  {
    double ratio = 1;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto box      = cell->bounding_box();
          double     shortest = box.side_length(0), longest = shortest;
          for (unsigned int d = 1; d < dim; ++d)
            {
              shortest = std::min(shortest, box.side_length(d));
              longest  = std::max(longest, box.side_length(d));
            }
          ratio = std::max(ratio, longest / shortest);
        }
    return Utilities::MPI::max(ratio, mpi_communicator);
  }


  template void
  create_mesh<2>(Triangulation<2> &,
                 const Stack &,
                 const MeshParameters &,
                 const std::string &);
  template void
  create_mesh<3>(Triangulation<3> &,
                 const Stack &,
                 const MeshParameters &,
                 const std::string &);
  template double
  max_cell_aspect_ratio<2>(const Triangulation<2> &, MPI_Comm);
  template double
  max_cell_aspect_ratio<3>(const Triangulation<3> &, MPI_Comm);
} // namespace bendsim
