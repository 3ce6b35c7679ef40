#ifndef bendsim_fatigue_law_h
#define bendsim_fatigue_law_h

namespace bendsim
{
  /**
   * Fatigue in bendsim has two mechanisms, kept apart (DESIGN.md):
   *
   * - Initiation is strength-controlled: the stress-life law below (a cycle
   *   form of Roe & Siegmund 2003), with an endurance limit c_e below which
   *   nothing happens, lowers the strength and toughness of the faces of a
   *   line of faces (crack_front.h) until its first face has separated:
   *   the formation of the first crack there. It never acts on a line that
   *   holds a crack.
   * - Growth of an existing crack or debond is energy-controlled: its front
   *   advances by the Paris law crack_growth_rate() of the energy release
   *   rate read off the solved field (crack_front.h), and not at all below
   *   the threshold G_th.
   */

  /**
   * Parameters of the cycle-based stress-life (initiation) law of an intact
   * face, a form of the irreversible cohesive law of Roe & Siegmund (2003).
   */
  struct FatigueProperties
  {
    /** C = delta_0 / delta_Sigma, 1/cycle; 0 disables fatigue. */
    double rate_coefficient = 0;
    /** c_e = sigma_f / sigma_0 in [0, 1): no growth while lambda <= c_e. */
    double endurance_ratio = 0;
  };

  /**
   * Parameters of the Paris law of fatigue crack growth of one material
   * (channel cracks) or interface (debonds).
   */
  struct CrackGrowthProperties
  {
    /** C_P of da/dN = C_P (G_max/G_c)^m, in µm/cycle; 0: no growth. */
    double paris_coefficient = 0;
    /** Paris exponent m (> 0). */
    double paris_exponent = 10;
    /** G_th / G_c in [0, 1]: no growth while G_max < G_th. */
    double threshold_ratio = 0.5;
  };

  /**
   * Fatigue crack growth rate da/dN (µm/cycle) of a front whose energy
   * release rate at the peak of the cycle is @p energy_release_rate and
   * whose mixed-mode fracture energy is @p fracture_energy (both J/m^2 =
   * MPa µm): C_P (G_max/G_c)^m for G_th <= G_max, G_th = threshold_ratio
   * G_c, with G_max capped at G_c (at G_c the crack grows in the static
   * solve, not by fatigue), and 0 below G_th. The load ratio of bending
   * cycles to a fixed radius from the flat state is R = 0, so
   * Delta G = G_max.
   */
  double
  crack_growth_rate(const CrackGrowthProperties &properties,
                    double                       energy_release_rate,
                    double                       fracture_energy);

  /**
   * Largest fatigue damage the functions below return, 1 - 1e-12: a face
   * keeps a sliver of strength so that lambda = s / (1 - D) stays finite;
   * its onset (lambda = 1) comes long before.
   */
  constexpr double max_fatigue_damage = 1. - 1e-12;

  /**
   * Factor 1 - D by which the caller multiplies a face's undamaged
   * strengths and fracture energies to obtain the fatigue-degraded ones: the
   * final opening 2 G_c / sigma of the bilinear law stays, so that a face
   * that keeps fatiguing after its onset reaches separation.
   */
  double
  degraded_strength_factor(double damage);

  /**
   * Fatigue damage growth per cycle,
   * dD/dN = C lambda max(0, lambda - c_e), with lambda = s / (1 - D).
   *
   * @param stress_ratio s >= 0: peak over a load cycle of
   *        sqrt((<t_n>/N)^2 + (t_s/S)^2) of an intact face, with N, S its
   *        undamaged strengths
   * @param damage fatigue damage D in [0, 1)
   * @return dD/dN, 1/cycle
   */
  double
  fatigue_damage_rate(const FatigueProperties &properties,
                      double                   stress_ratio,
                      double                   damage);

  /**
   * Cycles needed at a constant stress ratio s for the damage to grow from
   * @p damage_from to @p damage_to (closed form). 0 if damage_to <=
   * damage_from, +infinity if the face does not grow (C = 0, or lambda <=
   * c_e at damage_from). @p damage_to is clamped to max_fatigue_damage.
   */
  double
  cycles_to_damage(const FatigueProperties &properties,
                   double                   stress_ratio,
                   double                   damage_from,
                   double                   damage_to);

  /**
   * Damage after @p cycles (>= 0, may be fractional) cycles at a constant
   * stress ratio s, starting from @p damage: the exact inverse of
   * cycles_to_damage(), to 1e-13 in 1 - D, capped at max_fatigue_damage.
   * Cycle jumps use it with the peak stress ratio held over the jump.
   */
  double
  advance_fatigue_damage(const FatigueProperties &properties,
                         double                   stress_ratio,
                         double                   damage,
                         double                   cycles);

  /**
   * Cycles until lambda = s / (1 - D) reaches 1, i.e. until the face starts
   * to soften under its degraded strength: cycles_to_damage(s, D, 1 - s).
   * 0 if lambda >= 1 already, +infinity if the damage never gets there.
   */
  double
  cycles_to_onset(const FatigueProperties &properties,
                  double                   stress_ratio,
                  double                   damage);

  /**
   * Largest number of cycles at constant stress ratio over which the damage
   * grows by no more than @p increment (for choosing cycle jumps); +infinity
   * if it does not grow.
   */
  double
  cycles_for_damage_increment(const FatigueProperties &properties,
                              double                   stress_ratio,
                              double                   damage,
                              double                   increment);
} // namespace bendsim

#endif
