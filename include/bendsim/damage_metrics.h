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
    unsigned int layer        = 0; ///< layer index, or lower layer of an interface
    bool         at_interface = false;
    bool         vertical     = false; ///< normal along x: a channel-crack face
    double       x            = 0;     ///< face centre, µm
    double       area         = 0;     ///< µm (2D) or µm^2 (3D)
    double       damage       = 0;     ///< largest over the face
    double       opening      = 0;     ///< largest normal opening, µm

    template <class Archive>
    void
    serialize(Archive &ar, const unsigned int)
    {
      ar &layer &at_interface &vertical &x &area &damage &opening;
    }
  };

  /** Crack statistics of the whole stack at one moment. */
  struct DamageMetrics
  {
    std::vector<unsigned int> cracks;          ///< per layer, through-thickness
    std::vector<double>       crack_density;   ///< per layer, cracks per mm
    std::vector<double>       largest_opening; ///< per layer, µm
    std::vector<double>       delaminated_fraction; ///< per interface
    unsigned int              damaged_faces = 0;    ///< damage > 0 anywhere
  };

  /**
   * Count through-thickness cracks per layer (x positions at which every
   * vertical face of the layer is cracked, i.e. damage >= @p threshold),
   * crack densities over the length @p central_length (µm) the records
   * cover, the largest opening of a cracked face per layer, and the
   * cracked area fraction of each interface. @p records are those of all
   * ranks.
   */
  DamageMetrics
  compute_damage_metrics(const std::vector<FaceRecord> &records,
                         unsigned int                   n_layers,
                         double                         central_length,
                         double                         threshold);
} // namespace bendsim

#endif
