#include <bendsim/damage_metrics.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace bendsim
{
  DamageMetrics
  compute_damage_metrics(const std::vector<FaceRecord> &records,
                         const unsigned int             n_layers,
                         const double                   central_length,
                         const double                   threshold)
  {
    DamageMetrics m;
    m.cracks.assign(n_layers, 0);
    m.crack_density.assign(n_layers, 0.);
    m.largest_opening.assign(n_layers, 0.);
    m.delaminated_fraction.assign(n_layers > 0 ? n_layers - 1 : 0, 0.);

    // Columns of vertical faces: (layer, x rounded to 1e-6 µm) ->
    // (faces, cracked faces).
    std::map<std::pair<unsigned int, long long>, std::pair<unsigned, unsigned>>
                        columns;
    std::vector<double> interface_area(m.delaminated_fraction.size(), 0.);
    std::vector<double> delaminated_area(m.delaminated_fraction.size(), 0.);

    for (const FaceRecord &r : records)
      {
        const bool cracked = r.damage >= threshold;
        if (r.damage > 0)
          ++m.damaged_faces;
        if (r.at_interface)
          {
            if (r.vertical)
              continue;
            interface_area[r.layer] += r.area;
            if (cracked)
              delaminated_area[r.layer] += r.area;
          }
        else
          {
            if (cracked)
              m.largest_opening[r.layer] =
                std::max(m.largest_opening[r.layer], r.opening);
            if (r.vertical)
              {
                auto &column = columns[{r.layer, std::llround(r.x * 1e6)}];
                ++column.first;
                if (cracked)
                  ++column.second;
              }
          }
      }

    for (const auto &[key, column] : columns)
      if (column.second == column.first)
        ++m.cracks[key.first];
    for (unsigned int k = 0; k < n_layers; ++k)
      m.crack_density[k] = m.cracks[k] / (central_length / 1000.);
    for (unsigned int i = 0; i < interface_area.size(); ++i)
      m.delaminated_fraction[i] =
        interface_area[i] > 0 ? delaminated_area[i] / interface_area[i] : 0.;
    return m;
  }
} // namespace bendsim
