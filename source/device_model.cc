// DeviceModel: the cell of a device case and the damage it sees.

#include <algorithm>
#include <bendsim/device_model.h>
#include <bendsim/electrode.h>
#include <bendsim/solar_cell.h>
#include <limits>

namespace bendsim
{
  DeviceModel::DeviceModel(const DeviceParameters &device)
    : device(device)
    , intact_cell(fit_diode_parameters(device.open_circuit_voltage,
                                       device.short_circuit_current_density,
                                       device.fill_factor,
                                       device.ideality_factor,
                                       device.shunt_resistance))
    , intact_efficiency(evaluate_cell(intact_cell).efficiency)
  {
  }


  bool
  DeviceModel::needs_flat_state(const DamageMetrics &metrics) const
  {
    return device.electrode < metrics.crack_list.size() &&
           !metrics.crack_list[device.electrode].empty();
  }


  DeviceState
  DeviceModel::state(const DamageMetrics &metrics) const
  {
    const unsigned int n_layers      = metrics.crack_density.size();
    const bool         has_electrode = device.electrode < n_layers;
    DeviceState        state;
    if (has_electrode)
      {
        const unsigned int k                 = device.electrode;
        state.damage.electrode_crack_density = metrics.crack_density[k];
        std::vector<ElectrodeCrack> cracks;
        const bool                  flat = k < metrics.flat_crack_list.size();
        for (const ChannelCrack &c :
             flat ? metrics.flat_crack_list[k] : metrics.crack_list[k])
          cracks.push_back({c.x, flat ? c.gap : 0.});
        const ElectrodeParameters &electrode = device.coupling.electrode;
        if (metrics.counted_length > 0)
          {
            const ElectrodeState e = cracked_electrode(electrode,
                                                       cracks,
                                                       metrics.counted_start,
                                                       metrics.counted_length);
            state.damage.electrode_open_crack_density =
              e.open_cracks / (metrics.counted_length / 1000.);
            state.damage.electrode_sheet_resistance   = e.sheet_resistance;
            state.damage.electrode_connected_fraction = e.connected_fraction;
            state.damage.electrode_added_series_resistance =
              e.added_series_resistance;
          }
        else
          state.damage.electrode_sheet_resistance = electrode.sheet_resistance;
      }
    if (!device.absorbers.empty())
      {
        state.damage.absorber_crack_density =
          std::numeric_limits<double>::max();
        for (const unsigned int k : device.absorbers)
          state.damage.absorber_crack_density =
            std::min(state.damage.absorber_crack_density,
                     metrics.crack_density[k]);
      }
    for (unsigned int i = has_electrode ? device.electrode : 0;
         i < metrics.delaminated_fraction.size();
         ++i)
      state.damage.delaminated_fraction =
        std::max(state.damage.delaminated_fraction,
                 metrics.delaminated_fraction[i]);
    state.diode = damaged_cell(intact_cell, state.damage, device.coupling);
    state.performance       = evaluate_cell(state.diode);
    state.intact_efficiency = intact_efficiency;
    state.pce_retention     = state.performance.efficiency / intact_efficiency;
    return state;
  }
} // namespace bendsim
