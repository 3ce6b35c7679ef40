#include <algorithm>
#include <bendsim/damage_metrics.h>
#include <cmath>
#include <map>

namespace bendsim
{
  DamageMetrics
  compute_damage_metrics(const std::vector<FaceRecord> &records,
                         const std::vector<double>     &layer_thickness,
                         const double                   central_start,
                         const double                   central_length,
                         const double                   width)
  {
    const unsigned int n_layers = layer_thickness.size();
    DamageMetrics      m;
    m.counted_start  = central_start;
    m.counted_length = central_length;
    m.crack_list.resize(n_layers);
    m.cracks.assign(n_layers, 0);
    m.process_zone_columns.assign(n_layers, 0);
    m.crack_density.assign(n_layers, 0.);
    m.largest_opening.assign(n_layers, 0.);
    m.channel_energy_release_rate.assign(n_layers, 0.);
    m.delaminated_fraction.assign(n_layers > 0 ? n_layers - 1 : 0, 0.);
    m.process_zone_fraction.assign(m.delaminated_fraction.size(), 0.);

    // Columns of vertical faces: (layer, x rounded to 1e-6 µm) ->
    // faces, cracked faces, opening work.
    struct Column
    {
      unsigned int faces     = 0;
      unsigned int cracked   = 0;
      unsigned int softening = 0;
      double       work      = 0;
      double       lowest    = 1e300; ///< face centre heights
      double       highest   = -1e300;
      double       x         = 0;
      double       gap       = 1e300; ///< smallest face opening, 0: bridged
      /** The last face seen that is not separated: height, in a process
       *  zone. */
      double open_y         = 0;
      bool   open_softening = false;
    };
    std::map<std::pair<unsigned int, long long>, Column> columns;
    std::vector<double> interface_area(m.delaminated_fraction.size(), 0.);
    std::vector<double> delaminated_area(m.delaminated_fraction.size(), 0.);
    std::vector<double> process_zone_area(m.delaminated_fraction.size(), 0.);

    for (const FaceRecord &r : records)
      {
        const bool cracked = r.separated;
        if (r.damage > 0)
          ++m.damaged_faces;
        if (r.at_interface)
          {
            if (r.vertical)
              continue;
            interface_area[r.layer] += r.area;
            if (cracked)
              delaminated_area[r.layer] += r.area;
            else if (r.in_process_zone)
              process_zone_area[r.layer] += r.area;
          }
        else
          {
            if (cracked)
              m.largest_opening[r.layer] =
                std::max(m.largest_opening[r.layer], r.opening);
            if (r.vertical)
              {
                Column &column = columns[{r.layer, std::llround(r.x * 1e6)}];
                ++column.faces;
                column.x   = r.x;
                column.gap = std::min(column.gap, cracked ? r.opening : 0.);
                column.work += r.opening_work;
                column.lowest  = std::min(column.lowest, r.y);
                column.highest = std::max(column.highest, r.y);
                if (cracked)
                  ++column.cracked;
                else
                  {
                    column.open_y         = r.y;
                    column.open_softening = r.in_process_zone;
                    if (r.in_process_zone)
                      ++column.softening;
                  }
              }
          }
      }

    const auto through = [](const Column &c) {
      return c.cracked == c.faces ||
             (c.faces >= 2 && c.cracked + 1 == c.faces && c.open_softening &&
              (c.open_y == c.lowest || c.open_y == c.highest));
    };
    for (const auto &[key, column] : columns)
      if (through(column))
        {
          ++m.cracks[key.first];
          m.crack_list[key.first].push_back(
            {column.x, std::max(column.gap, 0.)});
          m.channel_energy_release_rate[key.first] +=
            column.work / (2. * layer_thickness[key.first] * width);
        }
      else if (column.softening > 0)
        ++m.process_zone_columns[key.first];
    for (unsigned int k = 0; k < n_layers; ++k)
      if (m.cracks[k] > 0)
        m.channel_energy_release_rate[k] /= m.cracks[k];
    for (unsigned int k = 0; k < n_layers; ++k)
      m.crack_density[k] = m.cracks[k] / (central_length / 1000.);
    for (unsigned int i = 0; i < interface_area.size(); ++i)
      {
        m.delaminated_fraction[i] =
          interface_area[i] > 0 ? delaminated_area[i] / interface_area[i] : 0.;
        m.process_zone_fraction[i] =
          interface_area[i] > 0 ? process_zone_area[i] / interface_area[i] : 0.;
      }
    return m;
  }
} // namespace bendsim
