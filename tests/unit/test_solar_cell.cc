// The one-diode device model and its damage coupling as a pure kernel.
#include <bendsim/solar_cell.h>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace bendsim;

constexpr double no_shunt = std::numeric_limits<double>::infinity();

namespace
{
  /** n k_B T / q (V) from the SI defining constants, computed here
   *  independently of the library. */
  double
  diode_voltage(const DiodeParameters &p)
  {
    return p.ideality_factor * 1.380649e-23 / 1.602176634e-19 * p.temperature;
  }

  /**
   * Residual (mA/cm^2) of the implicit diode equation at (V, J):
   * J - [J_ph - J_0 (exp((V + J R_s)/(n V_T)) - 1) - (V + J R_s)/R_sh],
   * where J R_s in mA/cm^2 * Ohm cm^2 is in mV.
   */
  double
  diode_residual(const DiodeParameters &p, const double v, const double j)
  {
    const double junction_voltage = v + 1e-3 * j * p.series_resistance;
    return j - (p.photocurrent_density -
                p.saturation_current_density *
                  std::expm1(junction_voltage / diode_voltage(p)) -
                1e3 * junction_voltage / p.shunt_resistance);
  }

  /** A perovskite-like cell with round numbers. */
  DiodeParameters
  example_cell(const double series_resistance = 5.,
               const double shunt_resistance  = 1000.)
  {
    DiodeParameters p;
    p.photocurrent_density       = 14.;   // mA/cm^2
    p.saturation_current_density = 1e-15; // mA/cm^2
    p.ideality_factor            = 1.3;
    p.series_resistance          = series_resistance;
    p.shunt_resistance           = shunt_resistance;
    return p;
  }

  /** Check a cell against Table 1 of Hu et al. (2021) to 1 %. */
  void
  expect_table_1_figures(const CellPerformance &cell,
                         const double           open_circuit_voltage,
                         const double           short_circuit_current_density,
                         const double           fill_factor,
                         const double           efficiency)
  {
    EXPECT_NEAR(cell.open_circuit_voltage,
                open_circuit_voltage,
                0.01 * open_circuit_voltage);
    EXPECT_NEAR(cell.short_circuit_current_density,
                short_circuit_current_density,
                0.01 * short_circuit_current_density);
    EXPECT_NEAR(cell.fill_factor, fill_factor, 0.01 * fill_factor);
    EXPECT_NEAR(cell.efficiency, efficiency, 0.01 * efficiency);
  }
} // namespace

TEST(LambertW, SatisfiesItsDefiningEquation)
{
  for (double log10_x = -10; log10_x <= 300; log10_x += 0.1)
    {
      const double x = std::pow(10., log10_x);
      const double w = lambert_w(x);
      EXPECT_NEAR(w * std::exp(w), x, 1e-12 * x) << "x = " << x;
    }
  for (const double x : {-0.36787944117, -0.3, -0.1, -1e-5, -1e-12})
    {
      const double w = lambert_w(x);
      EXPECT_GE(w, -1.);
      EXPECT_NEAR(w * std::exp(w), x, 1e-12 * std::abs(x)) << "x = " << x;
    }
}

TEST(LambertW, KnownValues)
{
  EXPECT_EQ(lambert_w(0.), 0.);
  EXPECT_NEAR(lambert_w(1.), 0.5671432904097838, 1e-15); // omega constant
  EXPECT_NEAR(lambert_w(std::exp(1.)), 1., 1e-15);
  EXPECT_NEAR(lambert_w(2. * std::exp(2.)), 2., 1e-15);
  EXPECT_NEAR(lambert_w(-std::log(2.) / 2.), -std::log(2.), 1e-15);
  EXPECT_NEAR(lambert_w(-std::exp(-1.)), -1., 1e-7); // branch point
  EXPECT_THROW(lambert_w(-0.5), std::domain_error);
}

TEST(LambertW, LogArgumentBeyondOverflow)
{
  // W(e^L) = w exactly when L = w + ln w; most of these L overflow exp().
  for (const double w : {0.5, 1., 2., 50., 700., 1e3, 1e5, 1e10, 1e200})
    EXPECT_NEAR(lambert_w_of_exp(w + std::log(w)), w, 2e-15 * w) << "w = " << w;
  // Where e^L is representable both paths agree, including across the
  // switch between them at L = 1.
  for (const double L : {-20., 0.5, 1. - 1e-12, 1. + 1e-12, 3., 100., 700.})
    EXPECT_NEAR(lambert_w_of_exp(L),
                lambert_w(std::exp(L)),
                1e-14 * lambert_w(std::exp(L)))
      << "L = " << L;
}

TEST(DiodeEquation, ExplicitSolutionSatisfiesImplicitEquation)
{
  for (const double r_s : {0., 0.01, 5., 30.})
    for (const double r_sh : {300., 1000., no_shunt})
      {
        const DiodeParameters p = example_cell(r_s, r_sh);
        for (const double v : {-1., 0., 0.5, 1., 1.2, 1.3, 1.5})
          {
            const double j     = current_density(p, v);
            const double scale = std::max(std::abs(j), p.photocurrent_density);
            EXPECT_NEAR(diode_residual(p, v, j), 0., 1e-10 * scale)
              << "R_s " << r_s << ", R_sh " << r_sh << ", V " << v;
          }
      }
}

TEST(DiodeEquation, IdealDiode)
{
  for (const double r_sh : {1e15, no_shunt})
    {
      const DiodeParameters p    = example_cell(0., r_sh);
      const CellPerformance cell = evaluate_cell(p);
      const double          a    = diode_voltage(p);
      const double          ratio =
        p.photocurrent_density / p.saturation_current_density;
      EXPECT_NEAR(cell.open_circuit_voltage, a * std::log(ratio + 1.), 1e-9);
      EXPECT_NEAR(cell.short_circuit_current_density,
                  p.photocurrent_density,
                  1e-12);
      // dP/dV = 0: (1 + V/a) e^{V/a} = J_ph/J_0 + 1, i.e.
      // V_mpp = a (W(e (J_ph/J_0 + 1)) - 1).
      const double v_mpp = a * (lambert_w_of_exp(1. + std::log1p(ratio)) - 1.);
      EXPECT_NEAR(cell.voltage_at_max_power, v_mpp, 1e-8);
      EXPECT_NEAR(cell.max_power_density,
                  v_mpp * current_density(p, v_mpp),
                  1e-12);
      EXPECT_NEAR(cell.fill_factor,
                  cell.max_power_density /
                    (cell.open_circuit_voltage * p.photocurrent_density),
                  1e-14);
      EXPECT_NEAR(cell.efficiency, cell.max_power_density, 1e-12); // 100 mW
    }
}

TEST(DiodeEquation, OpenCircuitVoltageIsTheZeroOfTheCurrent)
{
  for (const double r_s : {0., 5., 30.})
    {
      const DiodeParameters p = example_cell(r_s, 500.);
      EXPECT_NEAR(current_density(p, evaluate_cell(p).open_circuit_voltage),
                  0.,
                  1e-10 * p.photocurrent_density);
    }
}

TEST(Fit, RecoversKnownParameters)
{
  const DiodeParameters known = example_cell(7., 1200.);
  const CellPerformance cell  = evaluate_cell(known);
  const DiodeParameters fit =
    fit_diode_parameters(cell.open_circuit_voltage,
                         cell.short_circuit_current_density,
                         cell.fill_factor,
                         known.ideality_factor,
                         known.shunt_resistance);
  EXPECT_NEAR(fit.series_resistance, 7., 1e-6);
  EXPECT_NEAR(fit.photocurrent_density, 14., 1e-8);
  EXPECT_NEAR(fit.saturation_current_density, 1e-15, 1e-21);
  // A fill factor above the R_s = 0 value of the chosen n and R_sh is out of
  // reach.
  EXPECT_THROW(fit_diode_parameters(1.24, 13.6, 0.9, 1.29, 1000.),
               std::domain_error);
}

TEST(Fit, ReachableFillFactorsBracketTheFit)
{
  const FillFactorRange range = reachable_fill_factors(1.24, 13.6, 1.29, 1000.);
  EXPECT_GT(range.highest, 0.73);
  EXPECT_LT(range.highest, 0.9);
  EXPECT_GT(range.lowest, 0.25);
  EXPECT_LT(range.lowest, 0.3);
  // The highest is the fill factor of the diode without R_s that has this
  // V_oc and J_sc: J_ph = J_sc, J_0 = (J_sc - V_oc/R_sh)/(e^(V_oc/nV_T) - 1).
  DiodeParameters p;
  p.ideality_factor      = 1.29;
  p.shunt_resistance     = 1000.;
  p.photocurrent_density = 13.6;
  p.saturation_current_density =
    (13.6 - 1e3 * 1.24 / 1000.) / std::expm1(1.24 / diode_voltage(p));
  const CellPerformance cell = evaluate_cell(p);
  EXPECT_NEAR(cell.open_circuit_voltage, 1.24, 1e-9);
  EXPECT_NEAR(cell.fill_factor, range.highest, 1e-8);
  // Just inside the range the fit succeeds, just outside it fails.
  EXPECT_NO_THROW(
    fit_diode_parameters(1.24, 13.6, range.highest - 1e-6, 1.29, 1000.));
  EXPECT_THROW(
    fit_diode_parameters(1.24, 13.6, range.highest + 1e-6, 1.29, 1000.),
    std::domain_error);
  EXPECT_NO_THROW(
    fit_diode_parameters(1.24, 13.6, range.lowest + 1e-6, 1.29, 1000.));
  EXPECT_THROW(
    fit_diode_parameters(1.24, 13.6, range.lowest - 1e-6, 1.29, 1000.),
    std::domain_error);
  // A shunt that alone draws J_sc at V_oc leaves nothing to fit.
  const FillFactorRange shunted = reachable_fill_factors(1.24, 13.6, 1.29, 50.);
  EXPECT_EQ(shunted.highest, 0.);
  EXPECT_EQ(shunted.lowest, 0.);
}

TEST(Fit, IdealFillFactor)
{
  // The exact fill factor of a diode without R_s and shunt, against the
  // evaluation of such a cell, and Green's empirical fit
  // (v - ln(v + 0.72))/(v + 1), good to about 1e-4 for v > 10.
  for (const double v_oc : {10., 20., 37.4, 80.})
    {
      DiodeParameters p;
      p.photocurrent_density       = 13.6;
      p.saturation_current_density = 13.6 / std::expm1(v_oc);
      p.ideality_factor            = 1.;
      const double ff              = ideal_fill_factor(v_oc);
      EXPECT_NEAR(evaluate_cell(p).fill_factor, ff, 1e-9) << v_oc;
      EXPECT_NEAR((v_oc - std::log(v_oc + 0.72)) / (v_oc + 1.), ff, 1e-3)
        << v_oc;
    }
  EXPECT_NEAR(ideal_fill_factor(1e-6), 0.25, 1e-6);
  EXPECT_LT(ideal_fill_factor(1e6), 1.);
  EXPECT_GT(ideal_fill_factor(1e6), 0.9999);

  // minimum_open_circuit_voltage() inverts it.
  const double n = 1.29, a = n * diode_voltage(DiodeParameters());
  for (const double ff : {0.3, 0.73, 0.9, 0.99})
    {
      const double v = minimum_open_circuit_voltage(ff, n);
      EXPECT_NEAR(ideal_fill_factor(v / a), ff, 1e-9) << ff;
    }
  EXPECT_THROW(minimum_open_circuit_voltage(1., n), std::domain_error);
  EXPECT_THROW(minimum_open_circuit_voltage(0.2, n), std::domain_error);
}

TEST(Fit, ReproducesTable1PetItoTarget)
{
  const DiodeParameters p = pet_ito_target_cell();
  expect_table_1_figures(evaluate_cell(p), 1.24, 13.6, 0.73, 12.3);
  EXPECT_GT(p.series_resistance, 0.);
  EXPECT_GT(p.photocurrent_density, 13.6);
}

TEST(Fit, ReproducesTable1PetItoControl)
{
  const DiodeParameters p = pet_ito_control_cell();
  expect_table_1_figures(evaluate_cell(p), 1.16, 12.0, 0.70, 9.7);
  EXPECT_GT(p.series_resistance, 0.);
  EXPECT_GT(p.photocurrent_density, 12.0);
}

TEST(Sensitivity, SeriesResistanceLowersFillFactorNotVoc)
{
  const CellPerformance reference = evaluate_cell(example_cell(0.));
  CellPerformance       previous  = reference;
  for (const double r_s : {1., 3., 5., 10., 20.})
    {
      const CellPerformance cell = evaluate_cell(example_cell(r_s));
      EXPECT_NEAR(cell.open_circuit_voltage,
                  reference.open_circuit_voltage,
                  1e-6);
      EXPECT_LT(cell.fill_factor, previous.fill_factor) << "R_s " << r_s;
      EXPECT_LT(cell.efficiency, previous.efficiency) << "R_s " << r_s;
      previous = cell;
    }
}

TEST(Sensitivity, ShuntResistanceLowersFillFactorAndVoc)
{
  CellPerformance previous = evaluate_cell(example_cell(5., no_shunt));
  for (const double r_sh : {5000., 2000., 1000., 500., 300.})
    {
      const CellPerformance cell = evaluate_cell(example_cell(5., r_sh));
      EXPECT_LT(cell.fill_factor, previous.fill_factor) << "R_sh " << r_sh;
      EXPECT_LT(cell.open_circuit_voltage, previous.open_circuit_voltage)
        << "R_sh " << r_sh;
      EXPECT_LT(cell.efficiency, previous.efficiency) << "R_sh " << r_sh;
      previous = cell;
    }
}

TEST(Damage, NoDamageLeavesTheCellIntact)
{
  const DiodeParameters intact = pet_ito_target_cell();
  const DiodeParameters same =
    damaged_cell(intact, DeviceDamage(), DamageCoupling());
  EXPECT_DOUBLE_EQ(same.photocurrent_density, intact.photocurrent_density);
  EXPECT_DOUBLE_EQ(same.saturation_current_density,
                   intact.saturation_current_density);
  EXPECT_DOUBLE_EQ(same.ideality_factor, intact.ideality_factor);
  EXPECT_DOUBLE_EQ(same.series_resistance, intact.series_resistance);
  EXPECT_DOUBLE_EQ(same.shunt_resistance, intact.shunt_resistance);
  EXPECT_DOUBLE_EQ(same.temperature, intact.temperature);
  EXPECT_DOUBLE_EQ(pce_retention(intact, DeviceDamage(), DamageCoupling()), 1.);
}

TEST(Damage, EachKindLowersEfficiencyMonotonically)
{
  const DiodeParameters intact = pet_ito_target_cell();
  const DamageCoupling  coupling;
  for (unsigned int kind = 0; kind < 3; ++kind)
    {
      double previous = 1.;
      for (const double amount : {0.1, 0.3, 1., 3.})
        {
          DeviceDamage damage;
          if (kind == 0)
            damage.electrode_added_series_resistance = amount;
          else if (kind == 1)
            damage.absorber_crack_density = amount;
          else
            damage.delaminated_fraction = amount / 4.;
          const double retention = pce_retention(intact, damage, coupling);
          EXPECT_GT(retention, 0.) << "kind " << kind << ", " << amount;
          EXPECT_LT(retention, previous) << "kind " << kind << ", " << amount;
          previous = retention;
        }
    }
}

TEST(Damage, ElectrodeCracksRaiseOnlySeriesResistance)
{
  const DiodeParameters intact = pet_ito_target_cell();
  DeviceDamage          damage;
  damage.electrode_added_series_resistance = 4.; // Ohm cm^2
  const DiodeParameters p = damaged_cell(intact, damage, DamageCoupling());
  EXPECT_NEAR(p.series_resistance, intact.series_resistance + 4., 1e-12);
  EXPECT_DOUBLE_EQ(p.shunt_resistance, intact.shunt_resistance);
  EXPECT_DOUBLE_EQ(p.photocurrent_density, intact.photocurrent_density);
  // The diode equation: R_s leaves V_oc (no current through it) and lowers
  // FF, and J_sc only by the little current R_s/R_sh sends through R_sh.
  const CellPerformance before = evaluate_cell(intact),
                        after  = evaluate_cell(p);
  EXPECT_NEAR(after.open_circuit_voltage, before.open_circuit_voltage, 1e-6);
  EXPECT_LT(after.fill_factor, before.fill_factor - 0.01);
  EXPECT_LT(after.short_circuit_current_density,
            before.short_circuit_current_density);
  EXPECT_GT(after.short_circuit_current_density,
            before.short_circuit_current_density *
              (1. - 4.5 / intact.shunt_resistance));
}

TEST(Damage, AnOpenElectrodeCrackDisconnectsThePartBeyondIt)
{
  // The connected fraction scales the whole J(V), as a dead area does:
  // J_sc and P_max by the fraction, V_oc and FF unchanged.
  const DiodeParameters intact = pet_ito_target_cell();
  DeviceDamage          damage;
  damage.electrode_connected_fraction = 0.25;
  const DiodeParameters p = damaged_cell(intact, damage, DamageCoupling());
  for (const double v : {0., 0.6, 1.1})
    EXPECT_NEAR(current_density(p, v),
                0.25 * current_density(intact, v),
                1e-10 * intact.photocurrent_density)
      << "V " << v;
  EXPECT_NEAR(pce_retention(intact, damage, DamageCoupling()), 0.25, 1e-9);
}

TEST(Damage, AbsorberCracksShuntAndRemoveArea)
{
  const DiodeParameters intact = pet_ito_target_cell();
  DamageCoupling        coupling;
  coupling.shunt_conductance_per_absorber_crack_density = 2e-3;
  coupling.crack_face_recombination_length              = 2.5; // µm
  DeviceDamage damage;
  damage.absorber_crack_density = 4.; // 1/mm: 2 % of the area is dead
  const DiodeParameters p       = damaged_cell(intact, damage, coupling);
  EXPECT_NEAR(p.photocurrent_density,
              0.98 * intact.photocurrent_density,
              1e-12);
  EXPECT_NEAR(1. / p.shunt_resistance,
              1. / intact.shunt_resistance + 8e-3,
              1e-15);
  EXPECT_LT(evaluate_cell(p).open_circuit_voltage,
            evaluate_cell(intact).open_circuit_voltage);
  // Cracks closer than twice their recombination length leave nothing
  // active.
  damage.absorber_crack_density = 1e3;
  EXPECT_EQ(pce_retention(intact, damage, coupling), 0.);
}

TEST(Damage, DelaminationScalesTheCurrentWithTheConnectedArea)
{
  const DiodeParameters intact = pet_ito_target_cell();
  DeviceDamage          damage;
  damage.delaminated_fraction = 0.3;
  const DiodeParameters p     = damaged_cell(intact, damage, DamageCoupling());
  EXPECT_NEAR(p.series_resistance, intact.series_resistance / 0.7, 1e-12);
  for (const double v : {0., 0.5, 1., 1.2})
    EXPECT_NEAR(current_density(p, v),
                0.7 * current_density(intact, v),
                1e-10 * intact.photocurrent_density)
      << "V " << v;
  EXPECT_NEAR(pce_retention(intact, damage, DamageCoupling()), 0.7, 1e-9);
  damage.delaminated_fraction = 1.;
  EXPECT_EQ(pce_retention(intact, damage, DamageCoupling()), 0.);
}
