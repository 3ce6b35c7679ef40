// Crack fronts on a line of cohesive faces: where they are, the J-integral
// that drives them, and their advance by the Paris law.
#include <algorithm>
#include <bendsim/crack_front.h>
#include <cmath>
#include <limits>

namespace bendsim
{
  namespace
  {
    CrackFront
    make_front(const std::vector<LineFace> &line,
               const unsigned int           face_ahead,
               const int                    direction,
               const double                 j_integral)
    {
      CrackFront front;
      front.face_ahead          = face_ahead;
      front.direction           = direction;
      front.energy_release_rate = std::max(j_integral, 0.);
      front.fracture_energy     = line[face_ahead].fracture_energy;
      front.growth_rate         = crack_growth_rate(line[face_ahead].growth,
                                            front.energy_release_rate,
                                            front.fracture_energy);
      return front;
    }

    /** The index of the face boundary (0: start of face 0, i: start of face
     *  i, n: end of the last face) nearest to @p position. */
    unsigned int
    nearest_boundary(const std::vector<LineFace> &line, const double position)
    {
      unsigned int best          = 0;
      double       best_distance = std::abs(line[0].start - position);
      for (unsigned int i = 0; i < line.size(); ++i)
        {
          const double distance = std::abs(line[i].end - position);
          if (distance < best_distance)
            {
              best          = i + 1;
              best_distance = distance;
            }
        }
      return best;
    }
  } // namespace


  std::vector<CrackFront>
  find_crack_fronts(const std::vector<LineFace> &line,
                    const std::vector<double>   &crack_roots)
  {
    std::vector<CrackFront> fronts;
    const unsigned int      n = line.size();
    if (n == 0)
      return fronts;
    std::vector<bool> root_at(n + 1, false);
    for (const double root : crack_roots)
      root_at[nearest_boundary(line, root)] = true;

    for (unsigned int i = 0; i < n;)
      {
        if (line[i].separated)
          {
            ++i;
            continue;
          }
        // The ligament a..b of non-separated faces.
        const unsigned int a = i;
        unsigned int       b = i;
        while (b + 1 < n && !line[b + 1].separated && !root_at[b + 1])
          ++b;
        i = b + 1;
        const bool separated_before =
          (a > 0 && line[a - 1].separated) || root_at[a];
        const bool separated_after =
          (b + 1 < n && line[b + 1].separated) || root_at[b + 1];

        // cumulative[k - a + 1] = C(k) = sum_{i = a}^{k} j_i, C(a - 1) = 0.
        std::vector<double> cumulative(b - a + 2, 0.);
        for (unsigned int k = a; k <= b; ++k)
          cumulative[k - a + 1] = cumulative[k - a] + line[k].j_integral;
        const auto C = [&](const int k) { return cumulative[k - int(a) + 1]; };
        const auto lowest = [&](const int from, const int to) {
          double m = C(from);
          for (int k = from + 1; k <= to; ++k)
            m = std::min(m, C(k));
          return m;
        };

        if (separated_before || separated_after)
          {
            const double minimum = lowest(int(a) - 1, int(b));
            if (separated_before)
              fronts.push_back(make_front(line, a, +1, -minimum));
            if (separated_after)
              fronts.push_back(make_front(line, b, -1, C(b) - minimum));
            continue;
          }

        // No separated face anywhere around: an embryonic crack at the most
        // open cohesive face, if there is a cohesive zone at all.
        int peak = -1;
        for (unsigned int k = a; k <= b; ++k)
          if (line[k].active &&
              (peak < 0 || line[k].opening > line[peak].opening))
            peak = k;
        if (peak < 0)
          continue;
        // The peak face's own share belongs to the side its opening rises
        // towards: to the front growing to smaller positions if it rises
        // along the line (j > 0), else to the other.
        const double j_peak = line[peak].j_integral;
        fronts.push_back(make_front(line,
                                    peak,
                                    -1,
                                    C(peak - 1) - lowest(int(a) - 1, peak - 1) +
                                      std::max(j_peak, 0.)));
        fronts.push_back(
          make_front(line,
                     peak,
                     +1,
                     C(peak) - lowest(peak, int(b)) + std::max(-j_peak, 0.)));
      }
    return fronts;
  }


  namespace
  {
    /** Sum of the growth rates of the fronts that reach each face. */
    std::vector<double>
    rates_into_faces(const std::vector<LineFace>   &line,
                     const std::vector<CrackFront> &fronts)
    {
      std::vector<double> rate(line.size(), 0.);
      for (const CrackFront &front : fronts)
        rate[front.face_ahead] += front.growth_rate;
      return rate;
    }
  } // namespace


  double
  cycles_to_next_separation(const std::vector<LineFace>   &line,
                            const std::vector<CrackFront> &fronts)
  {
    const std::vector<double> rate   = rates_into_faces(line, fronts);
    double                    cycles = std::numeric_limits<double>::infinity();
    for (unsigned int i = 0; i < line.size(); ++i)
      if (rate[i] > 0)
        cycles =
          std::min(cycles,
                   std::max(0., line[i].length() - line[i].growth_credit) /
                     rate[i]);
    return cycles;
  }


  std::vector<unsigned int>
  advance_crack_fronts(std::vector<LineFace>         &line,
                       const std::vector<CrackFront> &fronts,
                       const double                   cycles)
  {
    const std::vector<double> rate = rates_into_faces(line, fronts);
    std::vector<unsigned int> separated;
    for (unsigned int i = 0; i < line.size(); ++i)
      if (rate[i] > 0 && !line[i].separated)
        {
          line[i].growth_credit += rate[i] * cycles;
          if (line[i].growth_credit >= line[i].length())
            separated.push_back(i);
        }
    // The advance beyond a separated face goes on into the next one, each
    // front's share in its own direction.
    for (const unsigned int i : separated)
      {
        const double excess   = line[i].growth_credit - line[i].length();
        line[i].separated     = true;
        line[i].growth_credit = line[i].length();
        for (const CrackFront &front : fronts)
          if (front.face_ahead == i && front.growth_rate > 0)
            {
              const int next = int(i) + front.direction;
              if (next >= 0 && next < int(line.size()) && !line[next].separated)
                line[next].growth_credit +=
                  excess * front.growth_rate / rate[i];
            }
      }
    return separated;
  }
} // namespace bendsim
