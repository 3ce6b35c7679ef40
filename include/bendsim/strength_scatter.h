#ifndef bendsim_strength_scatter_h
#define bendsim_strength_scatter_h

#include <array>

namespace bendsim
{
  /**
   * Weibull-distributed strength factor of one face, with mean 1:
   * factor = (-ln U)^(1/m) / Gamma(1 + 1/m), U uniform in (0, 1).
   *
   * U is a hash of @p seed and the face's centre (µm, rounded to 1e-6 µm),
   * not a random stream: every rank computes the same factor for the same
   * face whatever the partition, so the same seed gives the same crack
   * pattern on any number of MPI ranks. @p weibull_modulus = 0 gives 1.
   */
  double
  weibull_strength_factor(unsigned int                 seed,
                          const std::array<double, 3> &face_center,
                          double                       weibull_modulus);

  /** The uniform number U in (0, 1) behind weibull_strength_factor(). */
  double
  face_uniform_number(unsigned int                 seed,
                      const std::array<double, 3> &face_center);
} // namespace bendsim

#endif
