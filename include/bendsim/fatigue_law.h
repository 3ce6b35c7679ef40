#ifndef bendsim_fatigue_law_h
#define bendsim_fatigue_law_h

namespace bendsim
{
  /**
   * Parameters of the cycle-based fatigue law of a cohesive face, a form of
   * the irreversible cohesive law of Roe & Siegmund (2003).
   */
  struct FatigueProperties
  {
    /** C = delta_0 / delta_Sigma, 1/cycle; 0 disables fatigue. */
    double rate_coefficient = 0;
    /** c_e = sigma_f / sigma_0 in [0, 1): no growth while lambda <= c_e. */
    double endurance_ratio = 0;
  };

  /**
   * Largest fatigue damage the functions below return, 1 - 1e-12: a face
   * keeps a sliver of strength so that lambda = s / (1 - D) stays finite;
   * its onset (lambda = 1) comes long before.
   */
  constexpr double max_fatigue_damage = 1. - 1e-12;

  /**
   * Factor 1 - D by which the caller multiplies a face's undamaged strengths
   * and fracture energies to obtain the fatigue-degraded ones.
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
