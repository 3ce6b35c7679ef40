#ifndef bendsim_fingerprint_h
#define bendsim_fingerprint_h

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bendsim
{
  /**
   * The 64-bit FNV-1a hash of @p bytes (Fowler, Noll and Vo): a checksum
   * that any change of a byte, and almost any change of several, alters.
   * Not cryptographic: it detects accidents (flipped bits, a truncated or
   * overwritten file), not tampering.
   */
  std::uint64_t
  fnv1a_64(std::string_view bytes);

  /**
   * A fingerprint of what defines a case's model, one hash per part (a
   * subsection of the case file such as "Stack" or "Fracture", and
   * "Material library"), so that a checkpoint of another case is refused
   * with the parts that differ named.
   */
  using CaseFingerprint = std::vector<std::pair<std::string, std::uint64_t>>;

  /**
   * The fingerprint of a case from its entries as used (@p case_prm, the
   * ShortPRM text of the case file) and its material library as used
   * (@p library_prm, the same of the library). It covers every entry but
   * those that a continued run may change: the subsection Output, the
   * Output folder, Cycling/Number of cycles and Cycling/Output cycles, and
   * Materials/Library file (the library's values are covered instead).
   */
  CaseFingerprint
  case_fingerprint(const std::string &case_prm, const std::string &library_prm);

  /** The names of the parts in which @p a and @p b differ (a part present in
   *  only one of them included). */
  std::vector<std::string>
  differing_parts(const CaseFingerprint &a, const CaseFingerprint &b);
} // namespace bendsim

#endif
