// The potential crack faces of a run: their histories, the lines they lie
// on, the crack fronts on those lines, and the fatigue between solved peaks.
#ifndef bendsim_crack_faces_h
#define bendsim_crack_faces_h

#include <bendsim/cohesive_law.h>
#include <bendsim/crack_front.h>
#include <bendsim/damage_metrics.h>
#include <bendsim/fatigue_law.h>
#include <bendsim/parameters.h>
#include <bendsim/results.h>
#include <map>
#include <mpi.h>
#include <tuple>
#include <utility>
#include <vector>

namespace bendsim
{
  /**
   * The straight line of faces a face lies on, along which its crack grows
   * (crack_front.h): a column of vertical faces in a layer (channel
   * cracks; along y) or a row of horizontal faces at an interface or
   * inside a layer (debonds; along x). In 3D each slab of faces at one z
   * is a line of its own; faces normal to z are on no line.
   */
  struct LineKey
  {
    int          direction    = -1; ///< 1: along y, 0: along x, -1: no line
    bool         at_interface = false;
    unsigned int layer        = 0;
    long long    offset       = 0; ///< x (along y) or y (along x), in 1e-6 µm
    long long    depth        = 0; ///< z in 1e-6 µm (3D)

    bool
    operator<(const LineKey &other) const
    {
      return std::tie(direction, at_interface, layer, offset, depth) <
             std::tie(other.direction,
                      other.at_interface,
                      other.layer,
                      other.offset,
                      other.depth);
    }
  };


  /** The faces of one line, gathered from all ranks and sorted, with the
   *  fronts found on them at the last solved peak. */
  struct FaceLine
  {
    LineKey                 key;
    std::vector<LineFace>   faces;
    std::vector<CrackFront> fronts;
    /** Holds a crack: a separated face, or the root of a separated crack
     *  that crosses it. Until then the line is still initiating. */
    bool cracked = false;
  };


  /**
   * A potential crack: an interior face inside a crackable layer or at a
   * crackable interface. Until it reaches its strength ("active") it is
   * coupled by the interior penalty like every other face, so intact faces
   * add no compliance; once active, the cohesive law carries it. Its
   * history lives here, with the rank whose cell assembles the face.
   */
  struct FaceHistory
  {
    bool               potential_crack = false;
    bool               at_interface    = false;
    unsigned int       layer           = 0; ///< or lower layer
    bool               vertical        = false;
    double             x               = 0;
    double             area            = 0;
    CohesiveProperties intact_properties; ///< with the strength scatter
    CohesiveProperties properties;        ///< intact ones degraded by fatigue
    FatigueProperties  fatigue;
    double             fatigue_damage = 0;
    /** Onset-criterion ratio sqrt((<t_n>/N)^2 + (t_s/S)^2) of the face's
     *  traction to its intact strengths, largest over its points, at the
     *  last scan (the peak of the cycle in cyclic runs). */
    double                     stress_ratio   = 0;
    bool                       active         = false;
    bool                       assembled_here = false;
    std::vector<CohesiveState> state; ///< last converged, per q point
    std::vector<CohesiveState> trial; ///< at the current iterate
    double                     largest_opening = 0;
    double                     largest_damage  = 0;
    double                     opening_work    = 0; ///< see FaceRecord
    /** Line of faces, and the face's extent along it (µm). */
    LineKey line;
    double  line_start = 0;
    double  line_end   = 0;
    /** Paris law of its material or interface, and the crack advance
     *  accumulated into it by the fronts that reach it (µm). */
    CrackGrowthProperties growth;
    double                growth_credit = 0;
    /** At the last scan: traction-free (every point's dissipated energy
     *  reached Fracture/Separation energy fraction of G_c); smallest
     *  dissipated fraction over its points; its share of the cohesive-zone
     *  J-integral along its line (J/m^2, crack_front.h); G_c at the mode
     *  mixity of its most open point (J/m^2); the largest traction over
     *  its points (MPa). */
    bool   separated           = false;
    double dissipated_fraction = 0;
    double j_integral          = 0;
    double fracture_energy     = 0;
    double largest_traction    = 0;
  };


  /**
   * Every potential crack face this rank keeps (the faces of its cells
   * inside crackable layers and at crackable interfaces; a face between two
   * ranks is kept by both, and assembled by one), the lines of faces of the
   * whole mesh with their crack fronts, and the fatigue that acts on the faces
   * between two solved peaks: Paris-law growth of the fronts and stress-life
   * initiation on lines that hold no crack yet. Knows nothing of finite
   * elements: the mechanics fills in each face's state at a solved peak and
   * reads back its degraded cohesive properties and separations.
   */
  class CrackFaces
  {
  public:
    CrackFaces(const Stack             &stack,
               const CyclingParameters &cycling,
               MPI_Comm                 mpi_communicator);

    /** By face->user_index() - 1. */
    std::vector<FaceHistory> history;

    /** Gather the faces of every line from all ranks and find the crack
     *  fronts on them, from the state of the last solved peak. Collective. */
    void
    find_crack_fronts();

    /** The largest driving force of the fronts of each layer and interface
     *  into @p metrics. */
    void
    record_fronts(DamageMetrics &metrics) const;

    /** Fatigue over @p cycles cycles with the driving forces of the last
     *  solved peak held. */
    void
    apply_fatigue(double cycles);

    /** The cycles the fatigue state can be extrapolated over from the
     *  last solved peak, and what sets them. Collective. */
    std::pair<double, JumpLimit>
    cycle_jump() const;

    /** Make @p face traction-free: fully damaged at every point, all of its
     *  fracture energy dissipated. */
    static void
    separate(FaceHistory &face);

    /** The cohesive properties of @p face: its intact ones lowered by its
     *  stress-life damage. */
    static void
    degrade_strengths(FaceHistory &face);

  private:
    const Stack      &stack;
    CyclingParameters cycling;
    MPI_Comm          mpi_communicator;
    /** Every line of faces of the whole mesh, with its fronts, at the last
     *  solved peak (the same on every rank), and where each of its faces
     *  sits in history here (none if the rank does not have it). */
    std::vector<FaceLine> face_lines;
    std::map<std::pair<LineKey, long long>, std::vector<unsigned int>>
      local_line_faces;
  };
} // namespace bendsim

#endif
