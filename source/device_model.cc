// DeviceModel: the cell of a device case and the damage it sees.

#include <algorithm>
#include <bendsim/device_model.h>
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


  DeviceState
  DeviceModel::state(const DamageMetrics &metrics) const
  {
    const unsigned int n_layers      = metrics.crack_density.size();
    const bool         has_electrode = device.electrode < n_layers;
    DeviceState        state;
    if (has_electrode)
      state.damage.electrode_crack_density =
        metrics.crack_density[device.electrode];
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
