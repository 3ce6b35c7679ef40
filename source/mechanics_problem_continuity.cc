// MechanicsProblem: continuous elements away from the cracks. The
// discontinuous elements are needed only where a face can open; across every
// other face the nodes that the two cells share are made one unknown by
// constraints (each node of a class of coincident nodes follows the one with
// the smallest index), which turns the discontinuous space into the
// continuous one there and leaves the interior penalty of those faces with
// nothing to do.

#include "mechanics_problem_class.h"

#include <deal.II/base/mpi.h>
#include <unordered_map>

namespace bendsim
{
  using namespace dealii;

  namespace
  {
    /** Classes of DoFs that are one unknown, each represented by its
     *  smallest index (union-find with path halving). */
    class DofClasses
    {
    public:
      types::global_dof_index
      find(types::global_dof_index dof)
      {
        for (auto it = parent.find(dof);
             it != parent.end() && it->second != dof;
             it = parent.find(dof))
          {
            const auto grandparent = parent.find(it->second);
            if (grandparent != parent.end())
              it->second = grandparent->second;
            dof = it->second;
          }
        return dof;
      }

      void
      unite(const types::global_dof_index a, const types::global_dof_index b)
      {
        const types::global_dof_index root_a = find(a);
        const types::global_dof_index root_b = find(b);
        if (root_a < root_b)
          parent[root_b] = root_a;
        else if (root_b < root_a)
          parent[root_a] = root_b;
      }

    private:
      std::unordered_map<types::global_dof_index, types::global_dof_index>
        parent;
    };
  } // namespace


  namespace internal
  {
    template <int dim>
    bool
    MechanicsProblem<dim>::is_continuous_face(
      const typename DoFHandler<dim>::cell_iterator &cell,
      const unsigned int                             f) const
    {
      if (!parameters.solver.continuous_off_cracks || cell->at_boundary(f))
        return false;
      const auto neighbor = cell->neighbor(f);
      // Hanging faces (meshes refined locally) keep the interior penalty.
      if (neighbor->has_children() || neighbor->level() != cell->level())
        return false;
      return !crack_face_kind(cell, f).potential_crack;
    }


    // Every rank joins the coincident nodes of the faces it sees (its own
    // cells and the ghost layer, which holds every cell that touches one of
    // its own at a node), so the class of each DoF it owns is complete; the
    // owners then hand the lines of the ghost DoFs to the ranks that see
    // them, and the DoFs those lines refer to become locally relevant.
    template <int dim>
    void
    MechanicsProblem<dim>::make_continuity_constraints()
    {
      continuity.clear();
      continuity.reinit(locally_relevant_dofs);
      if (!parameters.solver.continuous_off_cracks)
        {
          continuity.close();
          return;
        }

      const std::vector<Point<dim>> &unit_points = fe.get_unit_support_points();
      const unsigned int             n_dofs      = fe.n_dofs_per_cell();
      std::vector<types::global_dof_index> dofs(n_dofs), neighbor_dofs(n_dofs);
      DofClasses                           classes;
      for (const auto &cell : dof_handler.active_cell_iterators())
        if (!cell->is_artificial())
          for (const unsigned int f : cell->face_indices())
            {
              if (cell->at_boundary(f) || cell->neighbor(f)->is_artificial() ||
                  !(cell->id() < cell->neighbor(f)->id()) ||
                  !is_continuous_face(cell, f))
                continue;
              const auto         neighbor = cell->neighbor(f);
              const unsigned int nf       = cell->neighbor_face_no(f);
              cell->get_dof_indices(dofs);
              neighbor->get_dof_indices(neighbor_dofs);
              const double tolerance =
                1e-6 * cell->face(f)->diameter(); // nodes are >= h/4 apart
              // Face f of the reference cell is x_{f/2} = f%2.
              for (unsigned int i = 0; i < n_dofs; ++i)
                if (std::abs(unit_points[i][f / 2] - f % 2) < 1e-12)
                  {
                    const Point<dim> x =
                      mapping.transform_unit_to_real_cell(cell, unit_points[i]);
                    for (unsigned int j = 0; j < n_dofs; ++j)
                      if (std::abs(unit_points[j][nf / 2] - nf % 2) < 1e-12 &&
                          fe.system_to_component_index(j).first ==
                            fe.system_to_component_index(i).first &&
                          mapping
                              .transform_unit_to_real_cell(neighbor,
                                                           unit_points[j])
                              .distance(x) < tolerance)
                        classes.unite(dofs[i], neighbor_dofs[j]);
                  }
            }

      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            cell->get_dof_indices(dofs);
            for (const types::global_dof_index dof : dofs)
              {
                const types::global_dof_index root = classes.find(dof);
                if (root != dof && !continuity.is_constrained(dof))
                  {
                    continuity.add_line(dof);
                    continuity.add_entry(dof, root, 1.);
                  }
              }
          }
      if (Utilities::MPI::n_mpi_processes(mpi_communicator) > 1)
        continuity.make_consistent_in_parallel(locally_owned_dofs,
                                               locally_relevant_dofs,
                                               mpi_communicator);

      // The DoFs the lines refer to must be seen wherever the lines are.
      std::vector<types::global_dof_index> masters;
      for (const auto &line : continuity.get_lines())
        for (const auto &entry : line.entries)
          if (!locally_relevant_dofs.is_element(entry.first))
            masters.push_back(entry.first);
      std::sort(masters.begin(), masters.end());
      masters.erase(std::unique(masters.begin(), masters.end()), masters.end());
      locally_relevant_dofs.add_indices(masters.begin(), masters.end());

      AffineConstraints<double> lines(locally_relevant_dofs);
      for (const auto &line : continuity.get_lines())
        if (locally_relevant_dofs.is_element(line.index))
          {
            lines.add_line(line.index);
            lines.add_entries(line.index, line.entries);
          }
      lines.close();
      continuity.copy_from(lines);
    }


    // The number of unknowns: the DoFs less those the continuity makes
    // copies of others.
    template <int dim>
    types::global_dof_index
    MechanicsProblem<dim>::n_unknowns() const
    {
      types::global_dof_index n_copies = 0;
      for (const auto &line : continuity.get_lines())
        if (locally_owned_dofs.is_element(line.index))
          ++n_copies;
      return dof_handler.n_dofs() -
             Utilities::MPI::sum(n_copies, mpi_communicator);
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                          \
  template bool MechanicsProblem<dim>::is_continuous_face(                \
    const typename DoFHandler<dim>::cell_iterator &, unsigned int) const; \
                                                                          \
  template void MechanicsProblem<dim>::make_continuity_constraints();     \
                                                                          \
  template types::global_dof_index MechanicsProblem<dim>::n_unknowns() const

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
