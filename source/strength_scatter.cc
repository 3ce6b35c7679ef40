#include <bendsim/strength_scatter.h>
#include <cmath>
#include <cstdint>

namespace bendsim
{
  namespace
  {
    /** SplitMix64 finaliser (Steele, Lea, Flood 2014): a well-mixed hash. */
    std::uint64_t
    mix(std::uint64_t z)
    {
      z += 0x9e3779b97f4a7c15ULL;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return z ^ (z >> 31);
    }
  } // namespace


  double
  face_uniform_number(const unsigned int           seed,
                      const std::array<double, 3> &face_center)
  {
    std::uint64_t h = mix(seed);
    for (const double x : face_center)
      h = mix(h ^ static_cast<std::uint64_t>(std::llround(x * 1e6)));
    // 53 random bits -> (0, 1), never 0 or 1.
    return ((h >> 11) + 0.5) / 9007199254740992.;
  }


  double
  weibull_strength_factor(const unsigned int           seed,
                          const std::array<double, 3> &face_center,
                          const double                 weibull_modulus)
  {
    if (weibull_modulus <= 0)
      return 1.;
    const double u = face_uniform_number(seed, face_center);
    return std::pow(-std::log(u), 1. / weibull_modulus) /
           std::tgamma(1. + 1. / weibull_modulus);
  }
} // namespace bendsim
