// The solar cell of a device case, seen through the damage of its stack.
#ifndef bendsim_device_model_h
#define bendsim_device_model_h

#include <bendsim/damage_metrics.h>
#include <bendsim/parameters.h>
#include <bendsim/results.h>

namespace bendsim
{
  /**
   * The one-diode cell of Device/ (solar_cell.h), fitted once to the intact
   * cell's V_oc, J_sc and FF, and what a measured damage state does to it.
   * Knows nothing of finite elements: it sees the stack only through
   * DamageMetrics.
   */
  class DeviceModel
  {
  public:
    explicit DeviceModel(const DeviceParameters &device);

    /** Whether state() needs the flat state of @p metrics: the electrode
     *  has cracks, whose gaps with the cell flat decide whether they
     *  conduct. */
    bool
    needs_flat_state(const DamageMetrics &metrics) const;

    /**
     * What the cell model sees of @p metrics and the cell it makes: channel
     * cracks in the bottom electrode (closed or open by their gaps in
     * metrics.flat_crack_list, or closed where the flat state was not
     * measured), through the resistor chain of electrode.h; cracks through the
     * absorber (the smallest density of its layers: a shunt path needs a crack
     * through all of them); the largest delaminated fraction of the interfaces
     * in the current path, from the electrode's top upwards.
     */
    DeviceState
    state(const DamageMetrics &metrics) const;

  private:
    DeviceParameters device;
    DiodeParameters  intact_cell;
    double           intact_efficiency; ///< %
  };
} // namespace bendsim

#endif
