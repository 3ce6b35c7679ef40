// The cracked electrode as a resistor chain along the cell's current path.

#include <algorithm>
#include <bendsim/electrode.h>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bendsim
{
  ElectrodeState
  cracked_electrode(const ElectrodeParameters         &electrode,
                    const std::vector<ElectrodeCrack> &cracks,
                    const double                       counted_start,
                    const double                       counted_length)
  {
    const double r_sheet = electrode.sheet_resistance;
    const double r_c     = electrode.crack_contact_resistance;
    const double w       = electrode.path_length; // cm
    if (!(r_sheet >= 0 && r_c >= 0 && w > 0 && counted_length > 0 &&
          electrode.contact_gap >= 0))
      throw std::invalid_argument(
        "cracked_electrode: the sheet and contact resistances and the contact "
        "gap must be non-negative, the path and counted lengths positive");

    // Offsets of the cracks in their period, cm (the map repeats every
    // counted length along the path, starting at the contact).
    const double        period = counted_length * 1e-4;
    std::vector<double> closed;
    double              first_open = std::numeric_limits<double>::infinity();
    ElectrodeState      state;
    for (const ElectrodeCrack &crack : cracks)
      {
        const double offset =
          std::fmod(std::fmod(crack.x - counted_start, counted_length) +
                      counted_length,
                    counted_length) *
          1e-4;
        if (crack.gap <= electrode.contact_gap)
          {
            ++state.closed_cracks;
            closed.push_back(offset);
          }
        else
          {
            ++state.open_cracks;
            first_open = std::min(first_open, offset);
          }
      }

    // The connected length: up to the first cut, or the whole path.
    const double connected   = std::min(first_open, w);
    state.connected_fraction = connected / w;
    const double intact      = r_sheet * w * w / 3.;
    if (!(connected > 0))
      {
        state.sheet_resistance = std::numeric_limits<double>::infinity();
        return state;
      }

    // Ohmic power of the chain at unit current density per unit crack
    // length: the film carries J (W_c - x) at x, each closed crack at x_k
    // the same current through r_c.
    double crack_sum = 0;
    for (const double offset : closed)
      for (unsigned long k = 0; offset + k * period < connected; ++k)
        {
          const double x = offset + k * period;
          crack_sum += (connected - x) * (connected - x);
        }
    const double series = r_sheet * connected * connected / 3. +
                          r_c * crack_sum / connected; // Ohm cm^2
    state.sheet_resistance =
      r_sheet + 3. * r_c * crack_sum / (connected * connected * connected);
    state.added_series_resistance = series - intact;
    return state;
  }
} // namespace bendsim
