// The checksum of checkpoints and the fingerprint of a case.
#include <bendsim/fingerprint.h>
#include <gtest/gtest.h>

using bendsim::case_fingerprint;
using bendsim::differing_parts;
using bendsim::fnv1a_64;

TEST(Fingerprint, Fnv1a64MatchesThePublishedValues)
{
  // Test vectors of Fowler, Noll and Vo's reference implementation.
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ull);
}

TEST(Fingerprint, EveryFlippedBitChangesTheChecksum)
{
  const std::string bytes  = "bendsim checkpoint\n\x01\x02\x03 some data";
  const auto        intact = fnv1a_64(bytes);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    for (int bit = 0; bit < 8; ++bit)
      {
        std::string flipped = bytes;
        flipped[i] ^= static_cast<char>(1 << bit);
        EXPECT_NE(fnv1a_64(flipped), intact) << "byte " << i << " bit " << bit;
      }
}

namespace
{
  const std::string case_prm    = "set Dimension = 2\n"
                                  "set Output folder = output/a\n"
                                  "subsection Cycling\n"
                                  "  set Largest cycle jump = 50\n"
                                  "  set Number of cycles = 1000\n"
                                  "  set Output cycles = 1, 10\n"
                                  "end\n"
                                  "subsection Materials\n"
                                  "  set Library file = /a/materials.prm\n"
                                  "end\n"
                                  "subsection Output\n"
                                  "  set Checkpoint interval = 10\n"
                                  "end\n"
                                  "subsection Stack\n"
                                  "  subsection Layer Film\n"
                                  "    set Thickness = 0.35\n"
                                  "  end\n"
                                  "end\n";
  const std::string library_prm = "subsection Material PET\n"
                                  "  set Young's modulus = 4500\n"
                                  "end\n";

  std::string
  replaced(const std::string &text,
           const std::string &from,
           const std::string &to)
  {
    std::string result = text;
    result.replace(result.find(from), from.size(), to);
    return result;
  }
} // namespace

TEST(Fingerprint, NamesThePartThatDiffers)
{
  const auto a = case_fingerprint(case_prm, library_prm);
  EXPECT_TRUE(differing_parts(a, a).empty());
  EXPECT_EQ(differing_parts(a,
                            case_fingerprint(replaced(case_prm, "0.35", "0.36"),
                                             library_prm)),
            std::vector<std::string>{"Stack"});
  EXPECT_EQ(differing_parts(a,
                            case_fingerprint(
                              case_prm, replaced(library_prm, "4500", "4600"))),
            std::vector<std::string>{"Material library"});
  EXPECT_EQ(differing_parts(
              a,
              case_fingerprint(replaced(case_prm, "jump = 50", "jump = 20"),
                               library_prm)),
            std::vector<std::string>{"Cycling"});
  EXPECT_EQ(differing_parts(a,
                            case_fingerprint(replaced(case_prm,
                                                      "Dimension = 2",
                                                      "Dimension = 3"),
                                             library_prm)),
            std::vector<std::string>{"top-level entries"});
}

TEST(Fingerprint, LeavesOutWhatAContinuedRunMayChange)
{
  const auto a = case_fingerprint(case_prm, library_prm);
  for (const auto &[from, to] :
       std::vector<std::pair<std::string, std::string>>{
         {"cycles = 1000", "cycles = 5000"},
         {"cycles = 1, 10", "cycles = 1, 10, 100"},
         {"output/a", "output/b"},
         {"/a/materials.prm", "/b/materials.prm"},
         {"interval = 10", "interval = 1"}})
    EXPECT_TRUE(differing_parts(a,
                                case_fingerprint(replaced(case_prm, from, to),
                                                 library_prm))
                  .empty())
      << from << " -> " << to;
}
