// Crack fronts on a line of cohesive faces as a pure kernel: where they are,
// the cohesive-zone J-integral that drives them, their Paris-law advance.
#include <bendsim/crack_front.h>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

using namespace bendsim;

namespace
{
  CrackGrowthProperties
  paris()
  {
    CrackGrowthProperties p;
    p.paris_coefficient = 1.; // µm/cycle
    p.paris_exponent    = 2.;
    p.threshold_ratio   = 0.2;
    return p;
  }

  /** A line of @p n faces of length 1 µm, all intact, G_c = 1 J/m^2. */
  std::vector<LineFace>
  line(const unsigned int n)
  {
    std::vector<LineFace> faces(n);
    for (unsigned int i = 0; i < n; ++i)
      {
        faces[i].start           = i;
        faces[i].end             = i + 1.;
        faces[i].fracture_energy = 1.;
        faces[i].growth          = paris();
      }
    return faces;
  }

  /**
   * A cohesive zone over faces [first, first + n) with the opening rising
   * linearly towards @p open_side (-1: smaller positions), traction t:
   * each face's share of int t d(delta)/ds ds is t times its rise of
   * opening, so the zone's J is t times the opening at its open end.
   */
  void
  add_zone(std::vector<LineFace> &faces,
           const unsigned int     first,
           const unsigned int     n,
           const int              open_side,
           const double           traction,
           const double           rise_per_face)
  {
    for (unsigned int k = 0; k < n; ++k)
      {
        LineFace &f  = faces[first + k];
        f.active     = true;
        f.j_integral = open_side * traction * rise_per_face;
        f.opening =
          open_side > 0 ? (k + 1) * rise_per_face : (n - k) * rise_per_face;
      }
  }
} // namespace


TEST(CrackFront, IntactLineHasNoFront)
{
  EXPECT_TRUE(find_crack_fronts(line(10)).empty());
}


// A debond separated over faces 0-2 whose cohesive zone spans faces 3-5:
// one front growing to larger positions, J = traction x opening at the
// crack end of the zone.
TEST(CrackFront, FrontAheadOfASeparatedRegion)
{
  std::vector<LineFace> faces = line(12);
  for (unsigned int i = 0; i < 3; ++i)
    faces[i].separated = faces[i].active = true;
  add_zone(faces, 3, 3, -1, 2., 0.05); // J = 2 x 0.15 = 0.3
  const std::vector<CrackFront> fronts = find_crack_fronts(faces);
  ASSERT_EQ(fronts.size(), 1u);
  EXPECT_EQ(fronts[0].face_ahead, 3u);
  EXPECT_EQ(fronts[0].direction, +1);
  EXPECT_NEAR(fronts[0].energy_release_rate, 0.3, 1e-12);
  EXPECT_NEAR(fronts[0].growth_rate, std::pow(0.3, 2), 1e-12);
}


// Two debonds facing each other across an intact ligament: each front gets
// its own zone's J, whatever the faces between them.
TEST(CrackFront, LigamentBetweenTwoCracksIsSplit)
{
  std::vector<LineFace> faces = line(20);
  faces[0].separated = faces[0].active = true;
  faces[19].separated = faces[19].active = true;
  add_zone(faces, 1, 4, -1, 1., 0.1);   // J = 0.4, growing to the right
  add_zone(faces, 15, 4, +1, 1., 0.05); // J = 0.2, growing to the left
  const std::vector<CrackFront> fronts = find_crack_fronts(faces);
  ASSERT_EQ(fronts.size(), 2u);
  EXPECT_EQ(fronts[0].face_ahead, 1u);
  EXPECT_NEAR(fronts[0].energy_release_rate, 0.4, 1e-12);
  EXPECT_EQ(fronts[1].face_ahead, 18u);
  EXPECT_EQ(fronts[1].direction, -1);
  EXPECT_NEAR(fronts[1].energy_release_rate, 0.2, 1e-12);
}


// A channel crack that has reached an interface is a crack root there: two
// debond fronts start from it, one each way.
TEST(CrackFront, CrackRootStartsTwoFronts)
{
  std::vector<LineFace> faces = line(10);
  add_zone(faces, 2, 3, +1, 1., 0.1); // opening rises towards x = 5
  add_zone(faces, 5, 2, -1, 1., 0.1); // and falls beyond it
  const std::vector<CrackFront> fronts = find_crack_fronts(faces, {5.});
  ASSERT_EQ(fronts.size(), 2u);
  EXPECT_EQ(fronts[0].face_ahead, 4u);
  EXPECT_EQ(fronts[0].direction, -1);
  EXPECT_NEAR(fronts[0].energy_release_rate, 0.3, 1e-12);
  EXPECT_EQ(fronts[1].face_ahead, 5u);
  EXPECT_EQ(fronts[1].direction, +1);
  EXPECT_NEAR(fronts[1].energy_release_rate, 0.2, 1e-12);
}


// Below the threshold a front exists but does not grow, and no jump limit
// comes from it.
TEST(CrackFront, NoGrowthBelowTheThreshold)
{
  std::vector<LineFace> faces = line(8);
  faces[0].separated = faces[0].active = true;
  add_zone(faces, 1, 2, -1, 1., 0.09); // J = 0.18 < G_th = 0.2
  const std::vector<CrackFront> fronts = find_crack_fronts(faces);
  ASSERT_EQ(fronts.size(), 1u);
  EXPECT_EQ(fronts[0].growth_rate, 0.);
  EXPECT_EQ(cycles_to_next_separation(faces, fronts),
            std::numeric_limits<double>::infinity());
  EXPECT_TRUE(advance_crack_fronts(faces, fronts, 1e6).empty());
  EXPECT_EQ(faces[1].growth_credit, 0.);
}


// An isolated cohesive zone with no separated face is an embryonic crack
// at its most open face, with a front on either side.
TEST(CrackFront, EmbryonicCrackAtTheMostOpenFace)
{
  std::vector<LineFace> faces = line(9);
  add_zone(faces, 2, 2, +1, 1., 0.1); // rises to face 3
  add_zone(faces, 4, 3, -1, 1., 0.1); // peak at face 4 (0.3), then falls
  const std::vector<CrackFront> fronts = find_crack_fronts(faces);
  ASSERT_EQ(fronts.size(), 2u);
  EXPECT_EQ(fronts[0].face_ahead, 4u);
  EXPECT_EQ(fronts[1].face_ahead, 4u);
  // Left: the rise over faces 2-3 (0.2); right: the fall over faces 4-6,
  // the peak face's own share included (0.3).
  EXPECT_NEAR(fronts[0].energy_release_rate, 0.2, 1e-12);
  EXPECT_NEAR(fronts[1].energy_release_rate, 0.3, 1e-12);
}


// A column with one cohesive face: its whole share of J drives one front.
TEST(CrackFront, SingleCohesiveFaceDrivesOneFront)
{
  std::vector<LineFace> faces = line(1);
  add_zone(faces, 0, 1, +1, 1., 0.4);
  const std::vector<CrackFront> fronts = find_crack_fronts(faces);
  ASSERT_EQ(fronts.size(), 2u);
  EXPECT_NEAR(fronts[0].energy_release_rate + fronts[1].energy_release_rate,
              0.4,
              1e-12);
}


// The face ahead separates after (length - credit) / rate cycles; the
// advance beyond it carries over to the next face.
TEST(CrackFront, AdvanceSeparatesFacesAtTheParisRate)
{
  std::vector<LineFace> faces = line(10);
  faces[0].separated = faces[0].active = true;
  add_zone(faces, 1, 2, -1, 1., 0.25); // J = 0.5: rate 0.25 µm/cycle
  const std::vector<CrackFront> fronts = find_crack_fronts(faces);
  ASSERT_EQ(fronts.size(), 1u);
  EXPECT_NEAR(cycles_to_next_separation(faces, fronts), 4., 1e-12);
  EXPECT_TRUE(advance_crack_fronts(faces, fronts, 3.).empty());
  EXPECT_NEAR(faces[1].growth_credit, 0.75, 1e-12);
  EXPECT_NEAR(cycles_to_next_separation(faces, fronts), 1., 1e-12);
  const std::vector<unsigned int> separated =
    advance_crack_fronts(faces, fronts, 2.);
  ASSERT_EQ(separated.size(), 1u);
  EXPECT_EQ(separated[0], 1u);
  EXPECT_TRUE(faces[1].separated);
  EXPECT_NEAR(faces[2].growth_credit, 0.25, 1e-12);
}
