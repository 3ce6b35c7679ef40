// CrackFaces: the crack fronts on the lines of faces and their Paris-law
// growth, the stress-life initiation of intact faces, and the length of a
// cycle jump.

#include <algorithm>
#include <bendsim/crack_faces.h>
#include <cmath>
#include <deal.II/base/mpi.h>
#include <limits>
#include <set>

namespace bendsim
{
  using namespace dealii;

  CrackFaces::CrackFaces(const Stack             &stack,
                         const CyclingParameters &cycling,
                         const MPI_Comm           mpi_communicator)
    : stack(stack)
    , cycling(cycling)
    , mpi_communicator(mpi_communicator)
  {
  }


  // The faces of every line of the mesh (crack_front.h), gathered from
  // all ranks at the solved peak, and the crack fronts on them. Every rank
  // ends with the same lines and fronts: each face is sent once, by the
  // rank that assembles it, and the lines are sorted by key and position.
  void
  CrackFaces::find_crack_fronts()
  {
    // Flattened records [direction, at_interface, layer, offset, depth,
    // start, end, separated, active, j, opening, G_c, credit, C_P, m,
    // G_th/G_c] of the faces this rank assembles.
    constexpr unsigned int n_fields = 16;
    std::vector<double>    records;
    for (const FaceHistory &h : history)
      if (h.assembled_here && h.line.direction >= 0)
        records.insert(records.end(),
                       {double(h.line.direction),
                        double(h.line.at_interface),
                        double(h.line.layer),
                        double(h.line.offset),
                        double(h.line.depth),
                        h.line_start,
                        h.line_end,
                        double(h.active && h.separated),
                        double(h.active),
                        h.j_integral,
                        h.largest_opening,
                        h.fracture_energy,
                        h.growth_credit,
                        h.growth.paris_coefficient,
                        h.growth.paris_exponent,
                        h.growth.threshold_ratio});
    std::map<LineKey, std::vector<LineFace>> lines;
    for (const std::vector<double> &part :
         Utilities::MPI::all_gather(mpi_communicator, records))
      for (std::size_t i = 0; i + n_fields <= part.size(); i += n_fields)
        {
          const double *r = &part[i];
          LineKey       key;
          key.direction    = int(r[0]);
          key.at_interface = r[1] != 0.;
          key.layer        = static_cast<unsigned int>(r[2]);
          key.offset       = static_cast<long long>(r[3]);
          key.depth        = static_cast<long long>(r[4]);
          LineFace face;
          face.start           = r[5];
          face.end             = r[6];
          face.separated       = r[7] != 0.;
          face.active          = r[8] != 0.;
          face.j_integral      = r[9];
          face.opening         = r[10];
          face.fracture_energy = r[11];
          face.growth_credit   = r[12];
          face.growth          = {r[13], r[14], r[15]};
          lines[key].push_back(face);
        }
    for (auto &[key, faces] : lines)
      std::sort(faces.begin(),
                faces.end(),
                [](const LineFace &a, const LineFace &b) {
                  return a.start < b.start;
                });

    // Where a separated channel face ends on a horizontal line (an
    // interface, or a row of faces inside a layer), its crack has reached
    // that line: a crack root, from which a debond can grow both ways.
    std::map<LineKey, std::vector<double>> roots;
    for (const auto &[key, faces] : lines)
      if (key.direction == 1)
        for (const LineFace &face : faces)
          if (face.separated)
            for (const double y : {face.start, face.end})
              for (const bool at_interface : {true, false})
                for (const unsigned int layer :
                     {key.layer, key.layer > 0 ? key.layer - 1 : key.layer})
                  {
                    LineKey horizontal;
                    horizontal.direction    = 0;
                    horizontal.at_interface = at_interface;
                    horizontal.layer        = layer;
                    horizontal.offset       = std::llround(y * 1e6);
                    horizontal.depth        = key.depth;
                    const auto line         = lines.find(horizontal);
                    if (line != lines.end() &&
                        key.offset * 1e-6 > line->second.front().start &&
                        key.offset * 1e-6 < line->second.back().end)
                      roots[horizontal].push_back(key.offset * 1e-6);
                  }

    // Lines that hold a crack already (the free-surface roots below do not
    // count: they only let a surface crack grow from the surface).
    std::set<LineKey> cracked;
    for (const auto &[key, faces] : lines)
      if (!roots[key].empty() ||
          std::any_of(faces.begin(), faces.end(), [](const LineFace &f) {
            return f.separated;
          }))
        cracked.insert(key);

    // A column of vertical faces that ends on the free top or bottom
    // surface of the stack with a cohesive face there holds a surface
    // crack: the traction-free surface is its separated side.
    const double height = stack.total_thickness();
    for (const auto &[key, faces] : lines)
      if (key.direction == 1 && !faces.empty())
        {
          if (faces.back().active &&
              std::abs(faces.back().end - height) < 1e-9 * height)
            roots[key].push_back(faces.back().end);
          if (faces.front().active &&
              std::abs(faces.front().start) < 1e-9 * height)
            roots[key].push_back(faces.front().start);
        }

    face_lines.clear();
    for (auto &[key, faces] : lines)
      {
        FaceLine line;
        line.key     = key;
        line.fronts  = bendsim::find_crack_fronts(faces, roots[key]);
        line.cracked = cracked.count(key) > 0;
        line.faces   = std::move(faces);
        face_lines.push_back(std::move(line));
      }

    // Where this rank keeps each face of a line (a face between two ranks
    // has a history on both): built once, the mesh does not change.
    if (local_line_faces.empty())
      for (unsigned int i = 0; i < history.size(); ++i)
        if (history[i].line.direction >= 0)
          local_line_faces[{history[i].line,
                            std::llround(history[i].line_start * 1e6)}]
            .push_back(i);
  }


  // The largest driving force of the fronts of each layer and interface.
  void
  CrackFaces::record_fronts(DamageMetrics &metrics) const
  {
    metrics.channel_front_energy_release_rate.assign(stack.n_layers(), 0.);
    metrics.debond_front_energy_release_rate.assign(
      stack.n_layers() > 0 ? stack.n_layers() - 1 : 0, 0.);
    for (const FaceLine &line : face_lines)
      for (const CrackFront &front : line.fronts)
        {
          std::vector<double> &largest =
            line.key.at_interface ? metrics.debond_front_energy_release_rate :
                                    metrics.channel_front_energy_release_rate;
          if (line.key.layer < largest.size() &&
              (line.key.at_interface || line.key.direction == 1))
            largest[line.key.layer] =
              std::max(largest[line.key.layer], front.energy_release_rate);
        }
  }


  // A face that fatigue crack growth has passed is traction-free: fully
  // damaged at every point, all of its fracture energy dissipated.
  void
  CrackFaces::separate(FaceHistory &h)
  {
    h.active    = true;
    h.separated = true;
    for (std::vector<CohesiveState> *points : {&h.state, &h.trial})
      for (CohesiveState &q : *points)
        q.damage = q.viscous_damage = q.dissipated_fraction = 1.;
  }


  // Fatigue over @p cycles cycles, the driving forces of the last solved
  // peak held: the crack fronts advance by the Paris law and separate the
  // faces they pass; on lines that hold no crack yet, every face (intact
  // or softening) gains stress-life damage, the initiation of the line's
  // first crack. Once a line holds a separated face, or the root of a
  // separated crack that crosses it, its cracks grow by energy only: the
  // stress-life law would otherwise let the faces ahead of a crack tip
  // fail by strength at any G, below the threshold too.
  void
  CrackFaces::apply_fatigue(const double cycles)
  {
    std::set<LineKey> lines_with_cracks;
    for (FaceLine &line : face_lines)
      {
        if (line.cracked)
          lines_with_cracks.insert(line.key);
        if (line.fronts.empty())
          continue;
        const std::vector<double> credit_before = [&] {
          std::vector<double> c;
          for (const LineFace &f : line.faces)
            c.push_back(f.growth_credit);
          return c;
        }();
        const std::vector<unsigned int> separated =
          advance_crack_fronts(line.faces, line.fronts, cycles);
        for (unsigned int i = 0; i < line.faces.size(); ++i)
          if (line.faces[i].growth_credit != credit_before[i] ||
              std::find(separated.begin(), separated.end(), i) !=
                separated.end())
            {
              const auto local = local_line_faces.find(
                {line.key, std::llround(line.faces[i].start * 1e6)});
              if (local == local_line_faces.end())
                continue;
              for (const unsigned int k : local->second)
                {
                  history[k].growth_credit = line.faces[i].growth_credit;
                  if (line.faces[i].separated)
                    separate(history[k]);
                }
            }
      }

    for (FaceHistory &h : history)
      if (h.fatigue.rate_coefficient > 0 && h.assembled_here && !h.separated &&
          lines_with_cracks.count(h.line) == 0)
        {
          h.fatigue_damage = advance_fatigue_damage(h.fatigue,
                                                    h.stress_ratio,
                                                    h.fatigue_damage,
                                                    cycles);
          // With several onsets per jump, an intact face that reaches its
          // degraded strength before the jump ends stops just past it:
          // once it softens its traction, and with it the stress ratio held
          // over the jump, falls. It turns cohesive at the solved cycle.
          if (!h.active && cycling.crack_onsets_per_jump > 1)
            h.fatigue_damage =
              std::min(h.fatigue_damage,
                       std::max(0., 1. - h.stress_ratio / (1. + 1e-3)));
          degrade_strengths(h);
          // A face whose strength and toughness the stress-life law has
          // used up carries no traction: it is a crack. (Its cohesive
          // law alone would never separate it: with strength and G_c
          // degraded alike, the opening at separation stays the same.)
          if (h.fatigue_damage >= max_fatigue_damage)
            separate(h);
        }
  }


  void
  CrackFaces::degrade_strengths(FaceHistory &h)
  {
    const double factor = degraded_strength_factor(h.fatigue_damage);
    h.properties        = h.intact_properties;
    h.properties.normal_strength *= factor;
    h.properties.shear_strength *= factor;
    h.properties.mode_I_energy *= factor;
    h.properties.mode_II_energy *= factor;
  }


  // The longest cycle jump in which no softening face of a line still
  // initiating gains more than Cycling/Damage increment per jump of
  // stress-life damage, that ends with the cycle in which the n-th next
  // intact face reaches its degraded strength (n = Cycling/Crack onsets per
  // jump) and, at the latest, with the cycle in which fatigue growth has
  // separated the m-th next face (m = Cycling/Separations per jump): there
  // the stresses redistribute, which a jump at constant driving forces
  // cannot follow. The damage of an intact face needs no other limit: it
  // lowers only the strength of a face that is still coupled by the
  // interior penalty, so the solved state, and with it the stress ratio,
  // stays exactly as it is until that face's onset, and the closed-form
  // law integrates its damage exactly up to there.
  std::pair<double, JumpLimit>
  CrackFaces::cycle_jump() const
  {
    JumpLimit           limit    = JumpLimit::largest_jump;
    const unsigned int  n_onsets = cycling.crack_onsets_per_jump;
    double              jump     = std::numeric_limits<double>::infinity();
    std::set<LineKey>   lines_with_cracks;
    std::vector<double> separations; // the same on every rank
    for (const FaceLine &line : face_lines)
      if (line.cracked)
        lines_with_cracks.insert(line.key);
    for (const FaceLine &line : face_lines)
      if (!line.fronts.empty())
        {
          std::vector<LineFace> faces = line.faces;
          // Cycles to each of the next separations on this line.
          double elapsed = 0;
          for (unsigned int k = 0; k < cycling.separations_per_jump; ++k)
            {
              const double next = cycles_to_next_separation(faces, line.fronts);
              if (!std::isfinite(next))
                break;
              elapsed += next;
              separations.push_back(std::max(1., std::ceil(elapsed)));
              advance_crack_fronts(faces, line.fronts, next);
            }
        }
    std::sort(separations.begin(), separations.end());
    if (!separations.empty())
      {
        jump  = separations[std::min<std::size_t>(separations.size(),
                                                 cycling.separations_per_jump) -
                           1];
        limit = JumpLimit::crack_growth;
      }

    std::vector<double> onsets; // cycles to onset of the intact faces here
    for (const FaceHistory &h : history)
      if (h.fatigue.rate_coefficient > 0 && h.assembled_here && !h.separated &&
          lines_with_cracks.count(h.line) == 0)
        {
          if (h.active && h.fatigue_damage < max_fatigue_damage)
            {
              const double cycles =
                cycles_for_damage_increment(h.fatigue,
                                            h.stress_ratio,
                                            h.fatigue_damage,
                                            cycling.damage_increment_per_jump);
              if (cycles < jump)
                {
                  jump  = cycles;
                  limit = JumpLimit::damage_increment;
                }
            }
          else
            onsets.push_back(std::ceil(
              cycles_to_onset(h.fatigue, h.stress_ratio, h.fatigue_damage)));
        }
    // The n-th smallest over all ranks: each rank's n smallest suffice.
    std::sort(onsets.begin(), onsets.end());
    onsets.resize(std::min<std::size_t>(onsets.size(), n_onsets));
    std::vector<double> all;
    for (const auto &part :
         Utilities::MPI::all_gather(mpi_communicator, onsets))
      all.insert(all.end(), part.begin(), part.end());
    std::sort(all.begin(), all.end());
    if (!all.empty())
      if (const double cycles =
            all[std::min<std::size_t>(all.size(), n_onsets) - 1];
          cycles < jump)
        {
          jump  = cycles;
          limit = JumpLimit::crack_onset;
        }
    // The smallest over the ranks, and what set it there.
    std::pair<double, JumpLimit> smallest{jump, limit};
    for (const std::vector<double> &part :
         Utilities::MPI::all_gather(mpi_communicator,
                                    std::vector<double>{jump, double(limit)}))
      if (part[0] < smallest.first)
        smallest = {part[0], JumpLimit(int(part[1]))};
    return smallest;
  }
} // namespace bendsim
