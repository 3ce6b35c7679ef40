#include <algorithm>
#include <bendsim/solar_cell.h>
#include <cmath>
#include <stdexcept>
#include <string>

namespace bendsim
{
  namespace
  {
    constexpr double epsilon = std::numeric_limits<double>::epsilon();

    /**
     * The diode in consistent units: A/cm^2, Ohm cm^2, S/cm^2 and V, so that
     * J R is in V. The shunt is kept as a conductance so that R_sh = infinity
     * (no shunt) needs no special case.
     */
    struct Circuit
    {
      explicit Circuit(const DiodeParameters &p)
        : photocurrent(1e-3 * p.photocurrent_density)
        , saturation_current(1e-3 * p.saturation_current_density)
        , diode_voltage(p.ideality_factor * thermal_voltage(p.temperature))
        , series_resistance(p.series_resistance)
        , shunt_conductance(1. / p.shunt_resistance)
      {
        if (!(p.ideality_factor > 0 && p.temperature > 0 &&
              p.saturation_current_density >= 0 && p.series_resistance >= 0 &&
              p.shunt_resistance > 0))
          throw std::invalid_argument(
            "solar cell: the ideality factor, temperature and shunt resistance "
            "must be positive, J_0 and R_s non-negative");
      }

      double photocurrent;       ///< J_ph, A/cm^2
      double saturation_current; ///< J_0, A/cm^2
      double diode_voltage;      ///< n V_T, V
      double series_resistance;  ///< R_s, Ohm cm^2
      double shunt_conductance;  ///< 1/R_sh, S/cm^2
    };

    /** Halley's iteration for w e^w = x, -1/e <= x <= e (no overflow). */
    double
    halley_lambert_w(const double x)
    {
      if (x == 0)
        return 0;
      double w;
      if (x < -0.3)
        {
          // Series about the branch point x = -1/e, w = -1 (Corless et al.
          // 1996), in p = sqrt(2 (e x + 1)).
          const double p =
            std::sqrt(std::max(2. * (std::exp(1.) * x + 1.), 0.));
          if (p == 0)
            return -1;
          w = -1. + p * (1. + p * (-1. / 3. + p * 11. / 72.));
        }
      else
        {
          // Winitzki's (2003) uniform approximation.
          const double l = std::log1p(x);
          w              = l * (1. - std::log1p(l) / (2. + l));
        }
      for (unsigned int k = 0; k < 50; ++k)
        {
          const double e  = std::exp(w);
          const double f  = w * e - x;
          const double dw = f / (e * (w + 1.) - (w + 2.) * f / (2. * w + 2.));
          w -= dw;
          if (!(std::abs(dw) > 4. * epsilon * std::abs(w)))
            break;
        }
      return w;
    }
  } // namespace


  double
  thermal_voltage(const double temperature)
  {
    // k_B / q, exact since the 2019 redefinition of the SI.
    return 1.380649e-23 / 1.602176634e-19 * temperature;
  }


  double
  lambert_w(const double x)
  {
    if (!(x >= -std::exp(-1.) - 4. * epsilon))
      throw std::domain_error("lambert_w: argument below -1/e or NaN");
    return x > std::exp(1.) ? lambert_w_of_exp(std::log(x)) :
                              halley_lambert_w(std::max(x, -std::exp(-1.)));
  }


  double
  lambert_w_of_exp(const double log_x)
  {
    if (std::isnan(log_x) || log_x == std::numeric_limits<double>::infinity())
      return log_x;
    if (log_x <= 1.)
      return halley_lambert_w(std::exp(log_x));
    // For x > e, w > 1: take the log of w e^w = x and solve
    // g(w) = w + ln w - L = 0, which is smooth, monotone and concave, by
    // Halley's method from the asymptotic expansion (Corless et al. 1996).
    const double L  = log_x;
    const double lL = std::log(L);
    double       w  = L - lL + lL / L;
    for (unsigned int k = 0; k < 50; ++k)
      {
        const double g   = w + std::log(w) - L;
        const double dg  = 1. + 1. / w;
        const double d2g = -1. / (w * w);
        const double dw  = g / dg / (1. - g * d2g / (2. * dg * dg));
        w -= dw;
        if (!(std::abs(dw) > 4. * epsilon * w))
          break;
      }
    return w;
  }


  double
  current_density(const DiodeParameters &diode, const double voltage)
  {
    const Circuit c(diode);
    const double  a = c.diode_voltage;
    if (c.series_resistance == 0)
      return 1e3 *
             (c.photocurrent - c.saturation_current * std::expm1(voltage / a) -
              voltage * c.shunt_conductance);

    // Jain & Kapoor (2004): with V_d = V + J R_s the diode voltage, the
    // equation is linear in J plus one exponential of V_d, whose solution is
    //   J = (R_sh (J_ph + J_0) - V)/(R_s + R_sh) - (n V_T/R_s) W(x),
    //   x = R_s R_sh J_0/(n V_T (R_s + R_sh))
    //       * exp(R_sh (R_s (J_ph + J_0) + V)/(n V_T (R_s + R_sh))),
    // written here with G_sh = 1/R_sh. x overflows for any forward bias of
    // interest when R_s is small, hence W is taken of the log of x.
    const double r_s       = c.series_resistance;
    const double ratio     = 1. + r_s * c.shunt_conductance; // 1 + R_s/R_sh
    const double generated = c.photocurrent + c.saturation_current;
    const double log_x = std::log(r_s * c.saturation_current / (a * ratio)) +
                         (r_s * generated + voltage) / (a * ratio);
    return 1e3 * ((generated - voltage * c.shunt_conductance) / ratio -
                  a / r_s * lambert_w_of_exp(log_x));
  }


  CellPerformance
  evaluate_cell(const DiodeParameters &diode, const double irradiance)
  {
    const Circuit   c(diode);
    CellPerformance cell;
    if (!(c.photocurrent > 0))
      return cell;

    // At open circuit no current flows through R_s, so V_oc solves
    // f(V) = J_ph - J_0 (e^{V/nV_T} - 1) - V/R_sh = 0 whatever R_s is. f is
    // concave and decreasing and is <= 0 at the ideal-diode value
    // n V_T ln(J_ph/J_0 + 1), so Newton's method started there stays in the
    // bracket [root, start] and converges monotonically from above.
    const double a = c.diode_voltage;
    double       v = c.saturation_current > 0 ?
                       a * std::log1p(c.photocurrent / c.saturation_current) :
                       c.photocurrent / c.shunt_conductance;
    if (c.saturation_current > 0)
      for (unsigned int k = 0; k < 100; ++k)
        {
          const double f = c.photocurrent -
                           c.saturation_current * std::expm1(v / a) -
                           v * c.shunt_conductance;
          const double df =
            c.saturation_current * std::exp(v / a) / a + c.shunt_conductance;
          const double dv = std::max(f / df, -v); // never below V = 0
          v += dv;
          if (!(std::abs(dv) > 4. * epsilon * v))
            break;
        }
    if (!std::isfinite(v))
      throw std::domain_error("evaluate_cell: a cell without diode and shunt "
                              "has no open-circuit voltage");
    cell.open_circuit_voltage          = v;
    cell.short_circuit_current_density = current_density(diode, 0.);

    // P(V) = V J(V) is strictly concave on [0, V_oc] (J is concave and
    // decreasing), so golden-section search finds its maximum.
    const auto power = [&](const double v) {
      return v * current_density(diode, v);
    };
    const double ratio = (std::sqrt(5.) - 1.) / 2.;
    double       lo = 0, hi = cell.open_circuit_voltage;
    double       v1 = hi - ratio * (hi - lo), v2 = lo + ratio * (hi - lo);
    double       p1 = power(v1), p2 = power(v2);
    while (hi - lo > 1e-10 * cell.open_circuit_voltage)
      if (p1 < p2)
        {
          lo = v1;
          v1 = v2;
          p1 = p2;
          v2 = lo + ratio * (hi - lo);
          p2 = power(v2);
        }
      else
        {
          hi = v2;
          v2 = v1;
          p2 = p1;
          v1 = hi - ratio * (hi - lo);
          p1 = power(v1);
        }
    cell.voltage_at_max_power = (lo + hi) / 2.;
    cell.max_power_density    = power(cell.voltage_at_max_power);
    cell.fill_factor =
      cell.max_power_density /
      (cell.open_circuit_voltage * cell.short_circuit_current_density);
    cell.efficiency = 100. * cell.max_power_density / irradiance;
    return cell;
  }


  namespace
  {
    /**
     * For a given R_s, J(V_oc) = 0 and J(0) = J_sc are linear in J_ph, J_0:
     *   J_ph - J_0 E_oc = V_oc/R_sh,      E_oc = exp(V_oc/nV_T) - 1,
     *   J_ph - J_0 E_sc = J_sc (1 + R_s/R_sh), E_sc = exp(J_sc R_s/nV_T) - 1.
     * Sets @p p (whose n, R_sh and T are set) to that solution for @p r_s and
     * returns its fill factor. V_oc in V, J_sc in A/cm^2.
     */
    double
    fill_factor_at(DiodeParameters &p,
                   const double     v_oc,
                   const double     j_sc,
                   const double     r_s)
    {
      const double a    = p.ideality_factor * thermal_voltage(p.temperature);
      const double g_sh = 1. / p.shunt_resistance;
      const double e_oc = std::expm1(v_oc / a),
                   e_sc = std::expm1(j_sc * r_s / a);
      const double j_0 =
        (j_sc * (1. + r_s * g_sh) - v_oc * g_sh) / (e_oc - e_sc);
      p.series_resistance          = r_s;
      p.saturation_current_density = 1e3 * j_0;
      p.photocurrent_density       = 1e3 * (v_oc * g_sh + j_0 * e_oc);
      return evaluate_cell(p).fill_factor;
    }

    /** The largest R_s the fit tries, as a fraction of V_oc/J_sc. */
    constexpr double largest_series_resistance = 0.9;
  } // namespace


  FillFactorRange
  reachable_fill_factors(const double open_circuit_voltage,
                         const double short_circuit_current_density,
                         const double ideality_factor,
                         const double shunt_resistance,
                         const double temperature)
  {
    const double v_oc = open_circuit_voltage,
                 j_sc = 1e-3 * short_circuit_current_density;
    FillFactorRange range;
    // FF falls monotonically from its R_s = 0 value towards 1/4 as R_s
    // approaches the characteristic resistance V_oc/J_sc, where the cell
    // becomes a resistor.
    if (!(j_sc > v_oc / shunt_resistance))
      return range;
    DiodeParameters p;
    p.ideality_factor  = ideality_factor;
    p.shunt_resistance = shunt_resistance;
    p.temperature      = temperature;
    range.highest      = fill_factor_at(p, v_oc, j_sc, 0.);
    range.lowest =
      fill_factor_at(p, v_oc, j_sc, largest_series_resistance * v_oc / j_sc);
    return range;
  }


  double
  ideal_fill_factor(const double normalised_voltage)
  {
    const double v_oc = normalised_voltage;
    if (!(v_oc > 0))
      throw std::invalid_argument(
        "ideal_fill_factor: the open-circuit voltage must be positive");
    // dP/dv = 0 for P = v (1 - (e^v - 1)/(e^v_oc - 1)): e^v (1 + v) = e^v_oc.
    const double v_m = lambert_w_of_exp(v_oc + 1.) - 1.;
    // (e^v_m - 1)/(e^v_oc - 1), without overflow for large v_oc.
    const double lost =
      v_oc < 700. ? std::expm1(v_m) / std::expm1(v_oc) : std::exp(v_m - v_oc);
    return v_m * (1. - lost) / v_oc;
  }


  double
  minimum_open_circuit_voltage(const double fill_factor,
                               const double ideality_factor,
                               const double temperature)
  {
    if (!(fill_factor > 0.25 && fill_factor < 1.))
      throw std::domain_error(
        "minimum_open_circuit_voltage: the fill factor must lie in (1/4, 1)");
    double lo = 0, hi = 1.;
    while (ideal_fill_factor(hi) < fill_factor)
      {
        lo = hi;
        hi *= 2.;
      }
    while (hi - lo > 1e-12 * hi)
      {
        const double mid = (lo + hi) / 2.;
        if (ideal_fill_factor(mid) < fill_factor)
          lo = mid;
        else
          hi = mid;
      }
    return hi * ideality_factor * thermal_voltage(temperature);
  }


  DiodeParameters
  fit_diode_parameters(const double open_circuit_voltage,
                       const double short_circuit_current_density,
                       const double fill_factor,
                       const double ideality_factor,
                       const double shunt_resistance,
                       const double temperature)
  {
    const FillFactorRange range =
      reachable_fill_factors(open_circuit_voltage,
                             short_circuit_current_density,
                             ideality_factor,
                             shunt_resistance,
                             temperature);
    if (!(fill_factor < range.highest))
      throw std::domain_error(
        "fit_diode_parameters: a fill factor of " +
        std::to_string(fill_factor) +
        " is not reachable with this ideality factor and shunt resistance");
    if (!(fill_factor > range.lowest))
      throw std::domain_error("fit_diode_parameters: fill factor too low");

    DiodeParameters p;
    p.ideality_factor  = ideality_factor;
    p.shunt_resistance = shunt_resistance;
    p.temperature      = temperature;
    const double v_oc  = open_circuit_voltage,
                 j_sc  = 1e-3 * short_circuit_current_density;
    double lo = 0, hi = largest_series_resistance * v_oc / j_sc;
    while (hi - lo > 1e-13 * v_oc / j_sc)
      {
        const double mid = (lo + hi) / 2.;
        if (fill_factor_at(p, v_oc, j_sc, mid) > fill_factor)
          lo = mid;
        else
          hi = mid;
      }
    fill_factor_at(p, v_oc, j_sc, (lo + hi) / 2.);
    return p;
  }


  // The two PET/ITO devices of Hu et al. (2021). Ideality factors: the
  // slopes of V_oc against the logarithm of the light intensity measured in
  // the paper, 1.29 kT/q for the target and 1.43 kT/q for the control device
  // (trap-assisted recombination dominates both). Shunt resistances are not
  // reported; we take values typical of solution-processed perovskite QD
  // cells (several hundred to a few thousand Ohm cm^2) and ordered as the
  // paper's evidence requires: the target leaks less under reverse bias in
  // the dark (higher R_sh), and its smaller transport resistance in impedance
  // spectroscopy should come out as a smaller R_s. 1000 and 800 Ohm cm^2 give
  // fitted R_s of about 9.6 and 10.3 Ohm cm^2: the lateral resistance of
  // ITO on PET (~0.5-4 Ohm cm^2) plus transport through the ligand-capped QD
  // film and the contacts.
  DiodeParameters
  pet_ito_target_cell()
  {
    return fit_diode_parameters(1.24,   // V_oc, V (Table 1)
                                13.6,   // J_sc, mA/cm^2
                                0.73,   // FF
                                1.29,   // n
                                1000.); // R_sh, Ohm cm^2
  }


  DiodeParameters
  pet_ito_control_cell()
  {
    return fit_diode_parameters(1.16,  // V_oc, V (Table 1)
                                12.0,  // J_sc, mA/cm^2
                                0.70,  // FF
                                1.43,  // n
                                800.); // R_sh, Ohm cm^2
  }


  DiodeParameters
  damaged_cell(const DiodeParameters &intact,
               const DeviceDamage    &damage,
               const DamageCoupling  &coupling)
  {
    const auto fraction = [](const double f) { return f >= 0 && f <= 1; };
    if (!(damage.electrode_crack_density >= 0 &&
          damage.absorber_crack_density >= 0 &&
          fraction(damage.delaminated_fraction) &&
          fraction(damage.electrode_connected_fraction) &&
          std::isfinite(damage.electrode_added_series_resistance)))
      throw std::invalid_argument(
        "damaged_cell: crack densities must be non-negative, the delaminated "
        "and connected fractions in [0, 1], the added series resistance "
        "finite");
    const double dead_fraction =
      std::min(damage.absorber_crack_density * 2. *
                 coupling.crack_face_recombination_length * 1e-3,
               1.);
    const double connected =
      (1. - damage.delaminated_fraction) * damage.electrode_connected_fraction;

    DiodeParameters p = intact;
    p.photocurrent_density *= (1. - dead_fraction) * connected;
    p.saturation_current_density *= (1. - dead_fraction) * connected;
    // The connected part's series resistance: a part of the path shorter
    // than the cell's may lower the electrode's share, never below zero.
    p.series_resistance = std::max(intact.series_resistance +
                                     damage.electrode_added_series_resistance,
                                   0.);
    double shunt_conductance =
      1. / intact.shunt_resistance +
      coupling.shunt_conductance_per_absorber_crack_density *
        damage.absorber_crack_density;
    // A fully disconnected cell is simply dark; otherwise the connected part
    // carries the whole current: R_s per total area rises, G_sh falls.
    if (connected > 0)
      {
        p.series_resistance /= connected;
        shunt_conductance *= connected;
      }
    p.shunt_resistance = 1. / shunt_conductance;
    return p;
  }


  double
  pce_retention(const DiodeParameters &intact,
                const DeviceDamage    &damage,
                const DamageCoupling  &coupling)
  {
    return evaluate_cell(damaged_cell(intact, damage, coupling)).efficiency /
           evaluate_cell(intact).efficiency;
  }
} // namespace bendsim
