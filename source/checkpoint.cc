#include <bendsim/checkpoint.h>
#include <bendsim/input_error.h>
#include <bendsim/output.h>
#include <bendsim/output_failure.h>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace bendsim
{
  namespace
  {
    // The file: a text line naming the format, then the fields in binary
    // (little-endian on every machine bendsim runs on), the FNV-1a 64
    // checksum of everything before it, and an end marker that only a
    // complete write has. Format 4 added the checksum and the case's
    // fingerprint.
    const std::string format_line = "bendsim checkpoint ";
    const std::string header      = format_line + "4\n";
    const std::string footer      = "end of bendsim checkpoint\n";

    class Writer
    {
    public:
      template <typename T>
      void
      put(const T &value)
      {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes.write(reinterpret_cast<const char *>(&value), sizeof(T));
      }

      void
      put(const std::string &text)
      {
        put<std::uint64_t>(text.size());
        bytes.write(text.data(), text.size());
      }

      std::ostringstream bytes;
    };

    class Reader
    {
    public:
      Reader(const std::string &bytes, const std::string &filename)
        : bytes(bytes)
        , filename(filename)
      {
      }

      template <typename T>
      T
      get()
      {
        static_assert(std::is_trivially_copyable_v<T>);
        T value;
        take(reinterpret_cast<char *>(&value), sizeof(T));
        return value;
      }

      bool
      get_bool()
      {
        const auto byte = get<std::uint8_t>();
        if (byte > 1)
          fail();
        return byte == 1;
      }

      std::string
      get_string()
      {
        std::string text(count(), '\0');
        take(text.data(), text.size());
        return text;
      }

      /** A length prefix, checked against the bytes left. */
      std::size_t
      count()
      {
        const auto n = get<std::uint64_t>();
        if (n > bytes.size() - position)
          fail();
        return n;
      }

      void
      take(char *destination, const std::size_t n)
      {
        if (n > bytes.size() - position)
          fail();
        bytes.copy(destination, n, position);
        position += n;
      }

      [[noreturn]] void
      fail() const
      {
        throw InputError(filename,
                         "",
                         "the checkpoint is corrupt: its fields do not fit "
                         "its length");
      }

      const std::string &bytes;
      const std::string &filename;
      std::size_t        position = 0;
    };

    /**
     * The ranges of a checkpoint's fields, checked on reading: a checksum
     * that matches proves the file is as written, not that what was written
     * is sane. Each failure names the field and its allowed range.
     */
    void
    check_ranges(const Checkpoint &c, const std::string &filename)
    {
      // Generic, so that a cycle counter prints as an integer.
      const auto refuse = [&](const std::string &field,
                              const auto        &value,
                              const std::string &range) {
        std::ostringstream message;
        message << "the checkpoint is corrupt: " << field << " = " << value
                << " is outside " << range;
        throw InputError(filename, "", message.str());
      };
      const auto finite = [&](const double value, const std::string &field) {
        if (!std::isfinite(value))
          refuse(field, value, "the finite numbers");
      };
      const auto fraction = [&](const double value, const std::string &field) {
        if (!(value >= 0. && value <= 1.))
          refuse(field, value, "[0, 1]");
      };
      const auto finite_point = [&](const std::array<double, 3> &point,
                                    const std::string           &field) {
        for (const double x : point)
          finite(x, field);
      };
      const std::string cycles =
        "[1, " + std::to_string(Checkpoint::largest_cycle) + "]";
      const auto cycle_counter = [&](const unsigned int value,
                                     const std::string &field) {
        if (value < 1 || value > Checkpoint::largest_cycle)
          refuse(field, value, cycles);
      };

      if (c.dimension != 2 && c.dimension != 3)
        refuse("the dimension", c.dimension, "{2, 3}");
      cycle_counter(c.next_cycle, "the next cycle");
      cycle_counter(c.jump, "the cycle jump");
      if (c.jump_limit > static_cast<unsigned int>(JumpLimit::schedule))
        refuse("the jump limit",
               c.jump_limit,
               "[0, " +
                 std::to_string(
                   static_cast<unsigned int>(JumpLimit::schedule)) +
                 "]");
      finite(c.first_hold_increment, "the first hold increment");
      if (!(c.first_hold_increment > 0.))
        refuse("the first hold increment", c.first_hold_increment, "(0, inf)");
      finite(c.reference_residual, "the reference residual");

      // Every solved cycle (a row of history.csv) is the one before it plus
      // its jump, and the next cycle is the last one plus the jump to it.
      unsigned int cycle = 0;
      for (std::size_t i = 0; i < c.steps.size(); ++i)
        {
          const Checkpoint::Step &step = c.steps[i];
          const std::string field = "solved cycle " + std::to_string(i + 1);
          cycle_counter(step.cycle, field);
          cycle_counter(step.cycle_jump, field + ": its jump");
          if (step.cycle != std::uint64_t(cycle) + step.cycle_jump)
            refuse(field,
                   step.cycle,
                   "the cycle before it plus its jump (" +
                     std::to_string(std::uint64_t(cycle) + step.cycle_jump) +
                     ")");
          finite(step.pce_retention, field + ": its PCE retention");
          if (!(step.pce_retention >= 0.))
            refuse(field + ": its PCE retention",
                   step.pce_retention,
                   "[0, inf)");
          cycle = step.cycle;
        }
      if (c.next_cycle != std::uint64_t(cycle) + c.jump)
        refuse("the next cycle",
               c.next_cycle,
               "the last solved cycle plus the jump (" +
                 std::to_string(std::uint64_t(cycle) + c.jump) + ")");

      for (const FirstCrack &crack : c.first_crack)
        {
          finite(crack.curvature, "a first crack's curvature");
          finite(crack.top_strain, "a first crack's strain");
          if (crack.cycle > c.next_cycle)
            refuse("a first crack's cycle", crack.cycle, "[0, next cycle]");
        }
      for (const auto &record : c.pvd_records)
        finite(record.first, "a solution.pvd record's time");
      for (const Checkpoint::CellValues &cell : c.cells)
        {
          finite_point(cell.center, "a cell centre");
          for (const double v : cell.values)
            finite(v, "a displacement");
        }
      for (const Checkpoint::FaceState &face : c.faces)
        {
          finite_point(face.center, "a face centre");
          fraction(face.fatigue_damage, "a face's fatigue damage");
          fraction(face.largest_damage, "a face's largest damage");
          finite(face.stress_ratio, "a face's stress ratio");
          finite(face.largest_opening, "a face's largest opening");
          finite(face.opening_work, "a face's opening work");
          finite(face.growth_credit, "a face's growth credit");
          for (std::size_t q = 0; q < face.damage.size(); ++q)
            {
              fraction(face.damage[q].first, "a face's damage");
              fraction(face.damage[q].second, "a face's viscous damage");
              fraction(face.dissipated_fraction[q],
                       "a face's dissipated fraction");
            }
        }
    }
  } // namespace


  std::array<long long, 3>
  position_key(const std::array<double, 3> &center)
  {
    std::array<long long, 3> key;
    for (unsigned int d = 0; d < 3; ++d)
      key[d] = std::llround(center[d] * 1e9);
    return key;
  }


  void
  Checkpoint::write(const std::string &filename) const
  {
    Writer w;
    w.bytes << header;
    w.put(dimension);
    w.put<std::uint64_t>(fingerprint.size());
    for (const auto &[part, hash] : fingerprint)
      {
        w.put(part);
        w.put(hash);
      }
    w.put(next_cycle);
    w.put(jump);
    w.put(jump_limit);
    w.put(first_hold_increment);
    w.put(reference_residual);
    w.put<std::uint64_t>(steps.size());
    for (const Step &s : steps)
      w.put(s);
    w.put<std::uint64_t>(first_crack.size());
    for (const FirstCrack &c : first_crack)
      {
        w.put<std::uint8_t>(c.cracked);
        w.put(c.curvature);
        w.put(c.top_strain);
        w.put(c.cycle);
      }
    w.put<std::uint64_t>(pvd_records.size());
    for (const auto &[time, file] : pvd_records)
      {
        w.put(time);
        w.put(file);
      }
    w.put<std::uint64_t>(cells.size());
    for (const CellValues &c : cells)
      {
        w.put(c.center);
        w.put<std::uint64_t>(c.values.size());
        for (const double v : c.values)
          w.put(v);
      }
    w.put<std::uint64_t>(faces.size());
    for (const FaceState &f : faces)
      {
        w.put(f.center);
        w.put<std::uint8_t>(f.active);
        w.put(f.fatigue_damage);
        w.put(f.stress_ratio);
        w.put(f.largest_damage);
        w.put(f.largest_opening);
        w.put(f.opening_work);
        w.put(f.growth_credit);
        w.put<std::uint64_t>(f.damage.size());
        for (std::size_t q = 0; q < f.damage.size(); ++q)
          {
            w.put(f.damage[q].first);
            w.put(f.damage[q].second);
            w.put(f.dissipated_fraction.at(q));
          }
      }
    w.put(fnv1a_64(w.bytes.str()));
    w.bytes << footer;

    // Flushed and checked before the rename: a full disk leaves the
    // previous checkpoint in place, whole.
    try
      {
        write_file_atomically(filename, w.bytes.str());
      }
    catch (const OutputFailure &e)
      {
        throw OutputFailure(std::string(e.what()) +
                            "; the previous checkpoint is kept");
      }
  }


  Checkpoint
  Checkpoint::read(const std::string &filename)
  {
    std::ifstream in(filename, std::ios::binary);
    if (!in)
      throw InputError(filename, "", "cannot open the checkpoint");
    std::ostringstream content;
    content << in.rdbuf();
    const std::string bytes  = content.str();
    const auto        refuse = [&](const std::string &what) {
      return InputError(filename, "", "the checkpoint " + what);
    };

    if (bytes.compare(0, format_line.size(), format_line) == 0 &&
        bytes.compare(0, header.size(), header) != 0)
      throw refuse(
        "is of another format (" + bytes.substr(0, bytes.find('\n')) +
        "), this bendsim reads '" + header.substr(0, header.size() - 1) +
        "': continue the run with the bendsim that wrote it, or "
        "start it afresh");
    if (bytes.compare(0, header.size(), header) != 0 ||
        bytes.size() < header.size() + sizeof(std::uint64_t) + footer.size() ||
        bytes.compare(bytes.size() - footer.size(), footer.size(), footer) != 0)
      throw refuse("is incomplete or not a bendsim checkpoint");
    const std::size_t checksum_position =
      bytes.size() - footer.size() - sizeof(std::uint64_t);
    std::uint64_t checksum;
    bytes.copy(reinterpret_cast<char *>(&checksum),
               sizeof(checksum),
               checksum_position);
    if (checksum !=
        fnv1a_64(std::string_view(bytes).substr(0, checksum_position)))
      throw refuse("is corrupt: its checksum does not match its content (it "
                   "was changed after it was written); start the run afresh");

    Reader r(bytes, filename);
    r.position = header.size();

    Checkpoint c;
    c.dimension = r.get<unsigned int>();
    c.fingerprint.resize(r.count());
    for (auto &[part, hash] : c.fingerprint)
      {
        part = r.get_string();
        hash = r.get<std::uint64_t>();
      }
    c.next_cycle           = r.get<unsigned int>();
    c.jump                 = r.get<unsigned int>();
    c.jump_limit           = r.get<unsigned int>();
    c.first_hold_increment = r.get<double>();
    c.reference_residual   = r.get<double>();
    c.steps.resize(r.count());
    for (Step &s : c.steps)
      s = r.get<Step>();
    c.first_crack.resize(r.count());
    for (FirstCrack &f : c.first_crack)
      {
        f.cracked    = r.get_bool();
        f.curvature  = r.get<double>();
        f.top_strain = r.get<double>();
        f.cycle      = r.get<unsigned int>();
      }
    c.pvd_records.resize(r.count());
    for (auto &[time, file] : c.pvd_records)
      {
        time = r.get<double>();
        file = r.get_string();
      }
    c.cells.resize(r.count());
    for (CellValues &cell : c.cells)
      {
        cell.center = r.get<std::array<double, 3>>();
        cell.values.resize(r.count());
        for (double &v : cell.values)
          v = r.get<double>();
      }
    c.faces.resize(r.count());
    for (FaceState &f : c.faces)
      {
        f.center          = r.get<std::array<double, 3>>();
        f.active          = r.get_bool();
        f.fatigue_damage  = r.get<double>();
        f.stress_ratio    = r.get<double>();
        f.largest_damage  = r.get<double>();
        f.largest_opening = r.get<double>();
        f.opening_work    = r.get<double>();
        f.growth_credit   = r.get<double>();
        f.damage.resize(r.count());
        f.dissipated_fraction.resize(f.damage.size());
        for (std::size_t q = 0; q < f.damage.size(); ++q)
          {
            f.damage[q].first        = r.get<double>();
            f.damage[q].second       = r.get<double>();
            f.dissipated_fraction[q] = r.get<double>();
          }
      }
    if (r.position != checksum_position)
      r.fail();
    check_ranges(c, filename);
    return c;
  }
} // namespace bendsim
