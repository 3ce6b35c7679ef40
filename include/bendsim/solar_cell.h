#ifndef bendsim_solar_cell_h
#define bendsim_solar_cell_h

#include <bendsim/electrode.h>
#include <limits>

/**
 * One-diode model of the solar cell and the coupling of mechanical damage to
 * its circuit parameters (DESIGN.md, "Device model (PCE)"). A pure kernel:
 * plain numbers in, plain numbers out.
 *
 * Unit convention: voltages in V, current densities in mA/cm^2, area-specific
 * resistances in Ohm cm^2, power densities in mW/cm^2. With these units a
 * product J R is in mV, not V; the implementation therefore converts current
 * densities to A/cm^2 internally, so that J R is in V, and converts back on
 * return. All quantities are per unit of the cell's total (aperture) area.
 */
namespace bendsim
{
  /**
   * Circuit parameters of the one-diode model
   * J(V) = J_ph - J_0 (exp((V + J R_s)/(n V_T)) - 1) - (V + J R_s)/R_sh.
   */
  struct DiodeParameters
  {
    double photocurrent_density       = 0; ///< J_ph, mA/cm^2
    double saturation_current_density = 0; ///< J_0, mA/cm^2
    double ideality_factor            = 1; ///< n, dimensionless
    double series_resistance          = 0; ///< R_s, Ohm cm^2
    /** R_sh, Ohm cm^2; infinity means no shunt path. */
    double shunt_resistance = std::numeric_limits<double>::infinity();
    double temperature      = 298.15; ///< cell temperature, K
  };

  /** Figures of merit of an illuminated cell. */
  struct CellPerformance
  {
    double open_circuit_voltage          = 0; ///< V_oc, V
    double short_circuit_current_density = 0; ///< J_sc, mA/cm^2
    double fill_factor                   = 0; ///< P_max / (V_oc J_sc)
    double max_power_density             = 0; ///< P_max, mW/cm^2
    double efficiency                    = 0; ///< PCE, %
    double voltage_at_max_power          = 0; ///< V_mpp, V
  };

  /** Thermal voltage k_B T / q (V) at the temperature @p temperature (K). */
  double
  thermal_voltage(double temperature);

  /**
   * Principal branch W_0 of the Lambert W function, the solution w >= -1 of
   * w e^w = @p x, for x >= -1/e. Halley iteration to machine precision; for
   * x > e it works in log space (lambert_w_of_exp()).
   */
  double
  lambert_w(double x);

  /**
   * W_0(e^@p log_x) without forming e^log_x, which overflows for
   * log_x > 709: solves w + ln w = log_x by Halley iteration from the
   * asymptotic expansion w ~ L - ln L + ln L / L (Corless et al., 1996).
   * This is the form the diode equation needs, whose W argument is an
   * exponential of (V + J_ph R_s)/(n V_T).
   */
  double
  lambert_w_of_exp(double log_x);

  /**
   * Current density J (mA/cm^2) at the terminal voltage @p voltage (V),
   * solved exactly with the explicit Lambert W form of Jain and Kapoor
   * (Sol. Energy Mater. Sol. Cells 81:269, 2004); for R_s = 0 the equation is
   * already explicit. Positive J is generated current.
   */
  double
  current_density(const DiodeParameters &diode, double voltage);

  /**
   * V_oc, J_sc, fill factor, maximum power point and PCE of the cell under
   * the irradiance @p irradiance (mW/cm^2; AM1.5G is 100). V_oc is the root
   * of J(V) = 0 (independent of R_s), the maximum power point maximises
   * V J(V) on [0, V_oc] to 1e-10 relative in V. A cell without photocurrent
   * returns all zeros.
   */
  CellPerformance
  evaluate_cell(const DiodeParameters &diode, double irradiance = 100.);

  /**
   * Diode parameters that reproduce a measured V_oc (V), J_sc (mA/cm^2) and
   * fill factor exactly, for a chosen ideality factor and shunt resistance
   * (Ohm cm^2): three figures fix three unknowns J_ph, J_0 and R_s. For a
   * trial R_s, V_oc and J_sc give J_ph and J_0 in closed form; R_s is then
   * the root of FF(R_s) = FF, which decreases monotonically, found by
   * bisection. Throws std::domain_error if the fill factor cannot be reached
   * (above the R_s = 0 value of the chosen n and R_sh, or near 0.25).
   */
  DiodeParameters
  fit_diode_parameters(double open_circuit_voltage,
                       double short_circuit_current_density,
                       double fill_factor,
                       double ideality_factor,
                       double shunt_resistance,
                       double temperature = 298.15);

  /**
   * The fill factors fit_diode_parameters() can reach for a V_oc (V), J_sc
   * (mA/cm^2), ideality factor and shunt resistance (Ohm cm^2): FF falls
   * monotonically with R_s from @p highest at R_s = 0 to @p lowest at the
   * largest R_s the fit tries, 0.9 V_oc/J_sc, where the cell is nearly a
   * resistor (FF -> 1/4). A fill factor strictly between the two is fitted.
   * Both are 0 when the shunt alone draws J_sc or more at V_oc
   * (J_sc <= V_oc/R_sh): no diode then reaches that V_oc.
   */
  struct FillFactorRange
  {
    double lowest  = 0;
    double highest = 0;
  };

  FillFactorRange
  reachable_fill_factors(double open_circuit_voltage,
                         double short_circuit_current_density,
                         double ideality_factor,
                         double shunt_resistance,
                         double temperature = 298.15);

  /**
   * Fill factor of an ideal diode (R_s = 0, no shunt) whose V_oc is
   * @p normalised_voltage = V_oc/(n V_T): v_m (1 - (e^v_m - 1)/(e^v_oc - 1))
   * / v_oc at the maximum power point v_m = W_0(e^(v_oc + 1)) - 1. It rises
   * monotonically from 1/4 (v_oc -> 0) towards 1; no series resistance or
   * shunt can raise it.
   */
  double
  ideal_fill_factor(double normalised_voltage);

  /**
   * The smallest V_oc (V) at which an ideal diode of ideality factor
   * @p ideality_factor reaches the fill factor @p fill_factor (1/4 < FF < 1):
   * the inverse of ideal_fill_factor(), times n V_T.
   */
  double
  minimum_open_circuit_voltage(double fill_factor,
                               double ideality_factor,
                               double temperature = 298.15);

  /**
   * The flexible PET/ITO target (hybrid interfacial architecture) device of
   * Hu et al. (Nat. Commun. 12:466, 2021), fitted to its champion figures of
   * Table 1: V_oc 1.24 V, J_sc 13.6 mA/cm^2, FF 0.73 (PCE 12.3 %).
   */
  DiodeParameters
  pet_ito_target_cell();

  /**
   * The flexible PET/ITO control device of Hu et al. (2021), fitted to
   * Table 1: V_oc 1.16 V, J_sc 12.0 mA/cm^2, FF 0.70 (PCE 9.7 %).
   */
  DiodeParameters
  pet_ito_control_cell();

  /** Mechanical damage of the stack as the device model sees it. */
  struct DeviceDamage
  {
    /** Channel cracks per mm across the bottom transparent electrode (ITO),
     *  counted along the direction of the lateral current. */
    double electrode_crack_density = 0;
    /** Of those, the cracks per mm open with the cell flat (a gap wider than
     *  ElectrodeParameters::contact_gap): they cut the current path. */
    double electrode_open_crack_density = 0;
    /** Sheet resistance of the cracked electrode's connected part, Ohm/sq
     *  (electrode.h); 0 where the case has no electrode. */
    double electrode_sheet_resistance = 0;
    /** Fraction (0..1) of the cell connected to the contact through the
     *  electrode: the part before the first open crack. */
    double electrode_connected_fraction = 1;
    /** Series resistance the cracks add to the connected part, Ohm cm^2 of
     *  that part (electrode.h, cracked_electrode()). */
    double electrode_added_series_resistance = 0;
    /** Cracks through the absorber per mm. */
    double absorber_crack_density = 0;
    /** Fraction (0..1) of the area delaminated at an interface in the current
     *  path. */
    double delaminated_fraction = 0;
  };

  /**
   * Coefficients that turn DeviceDamage into changes of the circuit. One is
   * fitted, and says on what; the others are estimates with their reasoning
   * and range (doc/validation.md says how each verdict moves with them).
   */
  struct DamageCoupling
  {
    /** The electrode, its cracks' contact resistance (the fitted
     *  coefficient) and the cell's current path. */
    ElectrodeParameters electrode;
    /**
     * Shunt conductance added per absorber crack density,
     * 1/(Ohm cm^2) per (crack/mm): a leak in parallel with the diode through
     * a conductive path across the absorber's crack. Default 0: the cracks
     * form in bending, after the transport layer and contacts above the
     * absorber were deposited, and those layers stay intact in the device
     * cases, so nothing conductive fills the crack. A case that lets a crack
     * run through the contacts, or models a filled crack, sets it.
     */
    double shunt_conductance_per_absorber_crack_density = 0;
    /**
     * Recombination length at a crack face through the absorber (µm): the
     * strip on each side of the crack whose carriers recombine at the fresh
     * faces instead of being collected. The area fraction lost is
     * density (1/mm) * 2 L (µm) * 1e-3, capped at 1 (the opening, a few nm,
     * is left out). Estimate, 0.1 µm: in a 0.3 µm absorber the transport
     * layers collect a carrier within about d/pi = 0.1 µm of lateral travel,
     * and the exciton diffusion lengths reported for CsPbBr3 nanocrystal
     * assemblies, 0.03-0.2 µm (Penzo et al., ACS Nano 2020), and the ~0.1 µm
     * of thin MAPbI3 films are of that order; bracket 0.03-1 µm (thick
     * perovskite films reach µm diffusion lengths).
     */
    double crack_face_recombination_length = 0.1;
  };

  /**
   * The circuit of the damaged cell (all parameters per total area):
   * - ITO cracks raise R_s of the connected part by
   *   electrode_added_series_resistance, and an open one disconnects the
   *   part of the cell beyond it: with f_e the connected fraction, the cell
   *   is scaled as for delamination below;
   * - absorber cracks add shunt conductance to 1/R_sh and remove the active
   *   fraction f_a of their recombination strips: J_ph and J_0 scale with
   *   (1 - f_a)
   *   (the lost area neither generates nor recombines, so V_oc is unchanged
   *   by the area loss alone);
   * - delamination over the fraction f_d disconnects that part of the cell:
   *   J_ph, J_0 and 1/R_sh scale with f = (1 - f_d) f_e and R_s with 1/f,
   *   so that J(V) is exactly f times the J(V) the connected part has
   *   (parallel-cell averaging of a cell with a dead part).
   */
  DiodeParameters
  damaged_cell(const DiodeParameters &intact,
               const DeviceDamage    &damage,
               const DamageCoupling  &coupling);

  /** PCE(damaged) / PCE(intact), the ratio the bending experiment reports. */
  double
  pce_retention(const DiodeParameters &intact,
                const DeviceDamage    &damage,
                const DamageCoupling  &coupling);
} // namespace bendsim

#endif
