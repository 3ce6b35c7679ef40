// The cracked electrode's resistor chain against closed forms.

#include <bendsim/electrode.h>
#include <cmath>
#include <gtest/gtest.h>

using namespace bendsim;

namespace
{
  /** n closed cracks evenly spaced in a counted length of @p length µm. */
  std::vector<ElectrodeCrack>
  even_cracks(const unsigned int n, const double start, const double length)
  {
    std::vector<ElectrodeCrack> cracks;
    for (unsigned int i = 0; i < n; ++i)
      cracks.push_back({start + (i + 0.5) * length / n, 0.});
    return cracks;
  }
} // namespace


TEST(Electrode, IntactFilmIsTheTextbookStrip)
{
  const ElectrodeParameters e;
  const ElectrodeState      s = cracked_electrode(e, {}, 6.25, 12.5);
  EXPECT_EQ(s.closed_cracks + s.open_cracks, 0u);
  EXPECT_DOUBLE_EQ(s.sheet_resistance, e.sheet_resistance);
  EXPECT_DOUBLE_EQ(s.connected_fraction, 1.);
  EXPECT_DOUBLE_EQ(s.added_series_resistance, 0.);
}


TEST(Electrode, ClosedCracksEveryLGiveTheClosedForm)
{
  // Cracks every L in series with the film: R_sheet + r_c/L per square,
  // and R_s = (R_sheet + r_c/L) W^2/3. 3 cracks in 12.5 µm: L = 4.17 µm,
  // 720 cracks across the 3 mm path.
  ElectrodeParameters e;
  e.crack_contact_resistance = 0.095;        // Ohm cm
  const double         L     = 12.5e-4 / 3.; // cm
  const ElectrodeState s =
    cracked_electrode(e, even_cracks(3, 6.25, 12.5), 6.25, 12.5);
  const double closed_sheet =
    e.sheet_resistance + e.crack_contact_resistance / L;
  EXPECT_EQ(s.closed_cracks, 3u);
  EXPECT_NEAR(s.sheet_resistance / closed_sheet, 1., 0.01);
  EXPECT_NEAR(s.added_series_resistance / (e.crack_contact_resistance / L *
                                           e.path_length * e.path_length / 3.),
              1.,
              0.01);
  EXPECT_DOUBLE_EQ(s.connected_fraction, 1.);
}


TEST(Electrode, ChainTendsToTheClosedFormAsTheSpacingShrinks)
{
  // A crack at the contact and then every L: the chain's sum is
  // L^3 N(N+1)(2N+1)/6 for N = W/L, the closed form's W^3/3, so the chain
  // is 1 + 3/(2N) + 1/(2N^2) times the closed form's crack term: the error
  // halves with the spacing (film resistance 0 to see the crack term only).
  ElectrodeParameters e;
  e.sheet_resistance         = 0;
  e.path_length              = 0.01; // cm: 100 µm, so that L/W is visible
  e.crack_contact_resistance = 0.01;
  for (const double length : {20., 10., 5.})
    {
      const double         n = 100. / length;
      const ElectrodeState s = cracked_electrode(e, {{0., 0.}}, 0., length);
      const double closed    = e.crack_contact_resistance / (length * 1e-4);
      EXPECT_NEAR(s.sheet_resistance / closed,
                  1. + 1.5 / n + 0.5 / (n * n),
                  1e-9)
        << "L " << length << " µm";
    }
}


TEST(Electrode, AnOpenCrackCutsThePathAtItsFirstRepeat)
{
  // The crack map repeats every counted length from the contact: an open
  // crack 5 µm into it cuts the path 5 µm from the contact.
  ElectrodeParameters         e;
  std::vector<ElectrodeCrack> cracks = {{105., 0.01}, {110., 0.}};
  const ElectrodeState        s      = cracked_electrode(e, cracks, 100., 12.5);
  EXPECT_EQ(s.open_cracks, 1u);
  EXPECT_EQ(s.closed_cracks, 1u);
  EXPECT_NEAR(s.connected_fraction, 5e-4 / e.path_length, 1e-12);
  // The closed crack lies beyond the cut: the connected 5 µm are intact
  // film, whose own R_s is far below the whole path's.
  EXPECT_DOUBLE_EQ(s.sheet_resistance, e.sheet_resistance);
  EXPECT_NEAR(s.added_series_resistance,
              e.sheet_resistance * (25e-8 - e.path_length * e.path_length) / 3.,
              1e-12);
}


TEST(Electrode, TheContactGapDecidesOpenOrClosed)
{
  ElectrodeParameters e;
  const double        g = e.contact_gap;
  for (const auto &[gap, open] : {std::make_pair(0., false),
                                  std::make_pair(g, false),
                                  std::make_pair(1.01 * g, true)})
    {
      const ElectrodeState s = cracked_electrode(e, {{3., gap}}, 0., 12.5);
      EXPECT_EQ(s.open_cracks, open ? 1u : 0u) << "gap " << gap;
    }
}


TEST(Electrode, OnlyPositionsWithinTheCountedLengthMatter)
{
  // The same map shifted with its counted length gives the same electrode.
  const ElectrodeParameters e;
  const ElectrodeState      a =
    cracked_electrode(e, {{2., 0.}, {9., 0.003}}, 0., 12.5);
  const ElectrodeState b =
    cracked_electrode(e, {{102., 0.}, {109., 0.003}}, 100., 12.5);
  EXPECT_DOUBLE_EQ(a.sheet_resistance, b.sheet_resistance);
  EXPECT_DOUBLE_EQ(a.connected_fraction, b.connected_fraction);
  EXPECT_DOUBLE_EQ(a.added_series_resistance, b.added_series_resistance);
}


TEST(Electrode, RejectsNonsense)
{
  ElectrodeParameters e;
  e.path_length = 0;
  EXPECT_THROW(cracked_electrode(e, {}, 0., 12.5), std::invalid_argument);
  EXPECT_THROW(cracked_electrode(ElectrodeParameters(), {}, 0., 0.),
               std::invalid_argument);
}
