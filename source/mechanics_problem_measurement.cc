// MechanicsProblem: what a step records: layer strains, measured curvature
// and neutral axis, crack statistics.

#include "mechanics_problem_class.h"

#include <algorithm>
#include <bendsim/damage_metrics.h>
#include <bendsim/elasticity.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <limits>

namespace bendsim
{
  using namespace dealii;

  namespace internal
  {
    template <int dim>
    DamageMetrics
    MechanicsProblem<dim>::measure_damage() const
    {
      const double            length = parameters.mesh.segment_length;
      std::vector<FaceRecord> records;
      for (const FaceHistory &h : crack_faces.history)
        if (h.assembled_here && h.x > 0.25 * length && h.x < 0.75 * length)
          {
            FaceRecord r;
            r.layer        = h.layer;
            r.at_interface = h.at_interface;
            r.vertical     = h.vertical;
            r.x            = h.x;
            r.y            = 0.5 * (h.line_start + h.line_end);
            r.area         = h.area;
            r.damage       = h.active ? h.largest_damage : 0.;
            r.separated    = h.active && h.separated;
            r.in_process_zone =
              h.active && !h.separated && h.largest_damage > 0;
            r.opening      = h.active ? h.largest_opening : 0.;
            r.opening_work = h.active ? h.opening_work : 0.;
            records.push_back(r);
          }
      std::vector<FaceRecord> all;
      for (const auto &part :
           Utilities::MPI::all_gather(mpi_communicator, records))
        all.insert(all.end(), part.begin(), part.end());
      std::vector<double> thickness;
      for (const Layer &layer : stack.layers())
        thickness.push_back(layer.thickness);
      return compute_damage_metrics(all,
                                    thickness,
                                    0.25 * length,
                                    0.5 * length,
                                    dim == 3 ? parameters.mesh.segment_width :
                                               1.);
    }


    // Strains are read in the central half of the segment, away from the
    // end faces, at the Gauss-Lobatto points of each cell, which include the
    // cell's faces and hence every layer's bottom and top.
    template <int dim>
    StepResult
    MechanicsProblem<dim>::measure(const unsigned int step,
                                   const double       load_factor,
                                   const double       curvature) const
    {
      const unsigned int       n_layers = stack.n_layers();
      const double             length   = parameters.mesh.segment_length;
      const QGaussLobatto<dim> quadrature(parameters.solver.polynomial_degree +
                                          1);
      FEValues<dim>            fe_values(mapping,
                              fe,
                              quadrature,
                              update_gradients | update_quadrature_points);
      const FEValuesExtractors::Vector displacements(0);
      std::vector<Tensor<2, dim>>      gradients(quadrature.size());

      // Per layer: bottom sum, bottom count, top sum, top count.
      std::vector<double> sums(4 * n_layers, 0.);
      // Per layer: axial stress sum, count.
      std::vector<double> stress_sums(2 * n_layers, 0.);
      std::vector<double> minima(n_layers, std::numeric_limits<double>::max());
      std::vector<double> maxima(n_layers, -std::numeric_limits<double>::max());
      // Least-squares fit eps = a + b y over the substrate (layer 0):
      // n, sum y, sum y^2, sum eps, sum y eps.
      std::vector<double> fit(5, 0.);

      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned() && cell->center()[0] > 0.25 * length &&
            cell->center()[0] < 0.75 * length)
          {
            fe_values.reinit(cell);
            fe_values[displacements].get_function_gradients(solution,
                                                            gradients);
            const unsigned int k         = cell->material_id();
            const Layer       &layer     = stack.layer(k);
            const double       tolerance = 1e-6 * layer.thickness;
            for (const unsigned int q : fe_values.quadrature_point_indices())
              {
                const double y       = fe_values.quadrature_point(q)[1];
                const double epsilon = gradients[q][0][0];
                minima[k]            = std::min(minima[k], epsilon);
                maxima[k]            = std::max(maxima[k], epsilon);
                stress_sums[2 * k] +=
                  elasticity::stress(symmetrize(gradients[q]),
                                     layer.material,
                                     layer.eigenstrain)[0][0];
                stress_sums[2 * k + 1] += 1;
                if (std::abs(y - layer.bottom) < tolerance)
                  {
                    sums[4 * k] += epsilon;
                    sums[4 * k + 1] += 1;
                  }
                if (std::abs(y - layer.top) < tolerance)
                  {
                    sums[4 * k + 2] += epsilon;
                    sums[4 * k + 3] += 1;
                  }
                if (k == 0)
                  {
                    fit[0] += 1;
                    fit[1] += y;
                    fit[2] += y * y;
                    fit[3] += epsilon;
                    fit[4] += y * epsilon;
                  }
              }
          }
      Utilities::MPI::sum(sums, mpi_communicator, sums);
      Utilities::MPI::sum(fit, mpi_communicator, fit);
      Utilities::MPI::sum(stress_sums, mpi_communicator, stress_sums);
      Utilities::MPI::min(minima, mpi_communicator, minima);
      Utilities::MPI::max(maxima, mpi_communicator, maxima);

      StepResult result;
      result.step        = step;
      result.load_factor = load_factor;
      result.curvature   = curvature;
      result.layers.resize(n_layers);
      for (unsigned int k = 0; k < n_layers; ++k)
        {
          LayerStrains &s       = result.layers[k];
          s.bottom_axial_strain = sums[4 * k] / std::max(sums[4 * k + 1], 1.);
          s.top_axial_strain = sums[4 * k + 2] / std::max(sums[4 * k + 3], 1.);
          s.min_axial_strain = minima[k];
          s.max_axial_strain = maxima[k];
          s.mean_axial_stress =
            stress_sums[2 * k] / std::max(stress_sums[2 * k + 1], 1.);
        }
      const double slope = (fit[0] * fit[4] - fit[1] * fit[3]) /
                           (fit[0] * fit[2] - fit[1] * fit[1]);
      const double intercept     = (fit[3] - slope * fit[1]) / fit[0];
      result.measured_curvature  = slope;
      result.neutral_axis_height = slope == 0 ? 0. : -intercept / slope;
      return result;
    }


    // The measured state at @p load_factor: layer strains, neutral axis,
    // crack statistics.
    template <int dim>
    StepResult
    MechanicsProblem<dim>::record_state(const unsigned int step,
                                        const double       load_factor)
    {
      const double curvature =
        parameters.loading.type == LoadingType::free_ends ?
          0. :
          load_factor * parameters.bending.curvature();
      StepResult r = measure(step, load_factor, curvature);
      r.damage     = measure_damage();
      return r;
    }


    // The members defined in this file, for 2D and 3D.
#define BENDSIM_INSTANTIATE(dim)                                        \
  template DamageMetrics MechanicsProblem<dim>::measure_damage() const; \
                                                                        \
  template StepResult MechanicsProblem<dim>::measure(unsigned int,      \
                                                     double,            \
                                                     double) const;     \
                                                                        \
  template StepResult MechanicsProblem<dim>::record_state(unsigned int, double)

    BENDSIM_INSTANTIATE(2);
    BENDSIM_INSTANTIATE(3);
#undef BENDSIM_INSTANTIATE
  } // namespace internal
} // namespace bendsim
