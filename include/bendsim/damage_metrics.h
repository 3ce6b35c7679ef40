#ifndef bendsim_damage_metrics_h
#define bendsim_damage_metrics_h

#include <vector>

namespace bendsim
{
  /**
   * What the crack statistics need to know of one potential crack face in
   * the central part of the segment (away from its ends).
   */
  struct FaceRecord
  {
    unsigned int layer = 0; ///< layer index, or lower layer of an interface
    bool         at_interface = false;
    bool         vertical     = false; ///< normal along x: a channel-crack face
    double       x            = 0;     ///< face centre, µm
    double       y            = 0;     ///< face centre height, µm
    double       area         = 0;     ///< µm (2D) or µm^2 (3D)
    double       damage       = 0;     ///< largest over the face
    /** Traction-free: every point dissipated the separation fraction of
     *  its G_c (cohesive_law.h). */
    bool separated = false;
    /** Softening (cohesive, damaged) but still carrying traction. */
    bool   in_process_zone = false;
    double opening         = 0; ///< largest normal opening, µm
    /** Integral over the face of sigma_0 delta_n: the intact stack's axial
     *  stress (bending, plus the residual stress of the stack held flat)
     *  times the normal opening (MPa µm^2 in 2D, MPa µm^3 in 3D). */
    double opening_work = 0;

    template <class Archive>
    void
    serialize(Archive &ar, const unsigned int)
    {
      ar &layer &at_interface &vertical &x &y &area &damage &separated
        &in_process_zone &opening &opening_work;
    }
  };

  /** One through-thickness crack of a layer. */
  struct ChannelCrack
  {
    double x = 0; ///< position along the segment, µm
    /** Smallest normal opening of its faces, µm (0 where a bridged face
     *  still holds it): where the faces are nearest each other. */
    double gap = 0;
  };

  /** Crack statistics of the whole stack at one moment. */
  struct DamageMetrics
  {
    /** The length the statistics cover, from its start, µm. */
    double counted_start  = 0;
    double counted_length = 0;
    /** Per layer, through-thickness cracks: columns of vertical faces that
     *  are all separated, but for at most one face at the column's top or
     *  bottom end that is still in the process zone (a bridged ligament at
     *  the layer's interface, see compute_damage_metrics). */
    std::vector<unsigned int> cracks;
    /** Per layer, columns with a process zone that are not (yet) cracks. */
    std::vector<unsigned int> process_zone_columns;
    std::vector<double>       crack_density; ///< per layer, cracks per mm
    /** Per layer, its through-thickness cracks, by position. */
    std::vector<std::vector<ChannelCrack>> crack_list;
    /** Cyclic bending: per layer, the through-thickness cracks with the
     *  stack bent back to flat, where the cell is measured; empty where the
     *  flat state was not solved (compute_damage_metrics leaves it empty). */
    std::vector<std::vector<ChannelCrack>> flat_crack_list;
    std::vector<double>                    largest_opening; ///< per layer, µm
    /** Cyclic bending, at output cycles: per layer, the largest normal
     *  opening of a separated face with the stack bent back to flat (µm);
     *  empty where not measured. */
    std::vector<double> largest_flat_opening;
    /**
     * Per layer, the mean over its through-thickness cracks of the
     * steady-state channelling energy release rate (Beuth 1992)
     * G_ss = 1/(2h) int sigma_0(y) delta(y) dy, in J/m^2: the work the
     * intact layer's stress sigma_0 does on the crack's opening delta.
     */
    std::vector<double> channel_energy_release_rate;
    /** Per interface, the separated fraction of its area. */
    std::vector<double> delaminated_fraction;
    /** Per interface, the fraction of its area in a process zone. */
    std::vector<double> process_zone_fraction;
    unsigned int        damaged_faces = 0; ///< damage > 0 anywhere
    /** Cyclic runs: the largest energy release rate (cohesive-zone
     *  J-integral, crack_front.h) of any crack front on the whole segment,
     *  per layer for channel-crack fronts and per interface for debond
     *  fronts, at the peak of the cycle, J/m^2 (0: no front). */
    std::vector<double> channel_front_energy_release_rate;
    std::vector<double> debond_front_energy_release_rate;
  };

  /**
   * Count through-thickness cracks per layer (x positions at which every
   * vertical face of the layer is separated; a column of two or more faces
   * whose only non-separated face is at its top or bottom end, in the process
   * zone, counts too: a crack in a film that runs towards a stiffer layer
   * releases less and less energy as its tip nears the interface, G -> 0 for
   * Dundurs alpha < 0 (Zak and Williams 1963; Beuth 1992), so its last face
   * stays bridged, while the film above is traction-free) and the other
   * columns with a process zone, crack densities over the length
   * @p central_length (µm, from @p central_start) the records cover, the
   * list of cracks with their gaps, the largest opening of a separated face per
   * layer, the separated and process-zone area fractions of each interface, and
   * each
   * layer's channelling energy release rate. @p records are those of all
   * ranks; @p width is the segment's width in 3D and 1 in 2D.
   */
  DamageMetrics
  compute_damage_metrics(const std::vector<FaceRecord> &records,
                         const std::vector<double>     &layer_thickness,
                         double                         central_start,
                         double                         central_length,
                         double                         width);
} // namespace bendsim

#endif
