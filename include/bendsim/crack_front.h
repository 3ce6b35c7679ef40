#ifndef bendsim_crack_front_h
#define bendsim_crack_front_h

#include <bendsim/fatigue_law.h>
#include <vector>

namespace bendsim
{
  /**
   * One potential crack face on a straight line of faces: a column of
   * vertical faces through a layer (a channel crack runs along it) or a row
   * of horizontal faces along an interface (a debond runs along it).
   * Positions are measured along the line, in µm.
   */
  struct LineFace
  {
    double start = 0; ///< µm, start < end
    double end   = 0;
    /** Traction-free: its dissipated energy reached the separation
     *  fraction of G_c, or it was separated by fatigue growth. */
    bool separated = false;
    /** Cohesive, softening or separated (not coupled by the penalty). */
    bool active = false;
    /**
     * The face's share of the cohesive-zone J-integral: the integral over
     * the face of t . d(delta)/ds, with t the traction it transmits, delta
     * the opening (displacement jump) and s the coordinate along the line,
     * in J/m^2.
     */
    double j_integral = 0;
    /** Largest effective opening over the face, µm. */
    double opening = 0;
    /** Mixed-mode fracture energy G_c(B) at the face's mode mixity, J/m^2. */
    double fracture_energy = 1;
    /** Crack advance already accumulated into this face by the fronts that
     *  reach it, µm; the face separates when it reaches its length. */
    double                growth_credit = 0;
    CrackGrowthProperties growth;

    double
    length() const
    {
      return end - start;
    }
  };

  /** A crack front on a line, and what drives it at the peak of a cycle. */
  struct CrackFront
  {
    unsigned int face_ahead = 0; ///< index in the line: next face to separate
    int          direction  = 1; ///< +1: grows towards larger positions
    /** Cohesive-zone J-integral of the front, J/m^2: the energy release
     *  rate G_max at the peak of the cycle. */
    double energy_release_rate = 0;
    double fracture_energy     = 1; ///< G_c of the face ahead, J/m^2
    double growth_rate         = 0; ///< da/dN of the Paris law, µm/cycle
  };

  /**
   * The crack fronts on a line of faces, sorted by position and contiguous,
   * and their energy release rates.
   *
   * The J-integral of a cohesive crack, taken on a contour shrunk onto the
   * crack faces, is J = int t . d(delta)/ds ds over the cohesive zone (Rice
   * 1968): the work the zone's tractions do per unit advance. It uses the
   * solved tractions and openings only, so it holds for a zone degraded by
   * fatigue and does not depend on the penalty stiffness or on the face size
   * once the zone is resolved. Each run of non-separated faces between two
   * separated regions (or a separated region and the end of the line) is the
   * ligament of up to two fronts; the cumulative sum C(k) of the faces'
   * j_integral along it falls ahead of a front growing to larger positions
   * and rises towards one growing to smaller positions, so the ligament is
   * split where C is smallest and J_left = -min C, J_right = C(end) - min C.
   * @p crack_roots are positions where a crack crossing the line has
   * separated (a channel crack reaching an interface): there the line counts
   * as separated at a point. A line without any separated face but with a
   * cohesive zone holds an embryonic crack centred on its most open face,
   * from which two fronts start.
   *
   * The growth rate of each front is crack_growth_rate() of the face ahead.
   */
  std::vector<CrackFront>
  find_crack_fronts(const std::vector<LineFace> &line,
                    const std::vector<double>   &crack_roots = {});

  /**
   * Cycles until the first face ahead of any front of @p fronts on @p line
   * has accumulated its length in crack advance; +infinity if no front
   * grows.
   */
  double
  cycles_to_next_separation(const std::vector<LineFace>   &line,
                            const std::vector<CrackFront> &fronts);

  /**
   * Advance the fronts over @p cycles cycles at their growth rates: each
   * face ahead of a front gains growth_rate * cycles of credit, and a face
   * whose credit reaches its length is separated; the excess carries over
   * to the next face in the front's direction. Returns the indices of the
   * faces separated.
   */
  std::vector<unsigned int>
  advance_crack_fronts(std::vector<LineFace>         &line,
                       const std::vector<CrackFront> &fronts,
                       double                         cycles);
} // namespace bendsim

#endif
