#include <bendsim/checkpoint.h>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace bendsim
{
  namespace
  {
    // The file: a text line naming the format, then the fields in binary
    // (little-endian on every machine bendsim runs on), then an end marker
    // that only a complete write has.
    const std::string header = "bendsim checkpoint 3\n";
    const std::string footer = "end of bendsim checkpoint\n";

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
        throw std::runtime_error("the checkpoint " + filename +
                                 " is incomplete or not a bendsim checkpoint");
      }

      const std::string &bytes;
      const std::string &filename;
      std::size_t        position = 0;
    };
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
    w.bytes << footer;

    const std::string temporary = filename + ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary);
      out << w.bytes.str();
      out.close();
      if (!out)
        throw std::runtime_error("cannot write the checkpoint " + temporary);
    }
    std::filesystem::rename(temporary, filename);
  }


  Checkpoint
  Checkpoint::read(const std::string &filename)
  {
    std::ifstream in(filename, std::ios::binary);
    if (!in)
      throw std::runtime_error("cannot open the checkpoint " + filename);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string bytes = content.str();

    Reader r(bytes, filename);
    if (bytes.compare(0, header.size(), header) != 0 ||
        bytes.size() < header.size() + footer.size() ||
        bytes.compare(bytes.size() - footer.size(), footer.size(), footer) != 0)
      r.fail();
    r.position = header.size();

    Checkpoint c;
    c.dimension            = r.get<unsigned int>();
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
    if (r.position + footer.size() != bytes.size())
      r.fail();
    return c;
  }
} // namespace bendsim
