#include <bendsim/fingerprint.h>
#include <map>
#include <set>
#include <sstream>

namespace bendsim
{
  std::uint64_t
  fnv1a_64(const std::string_view bytes)
  {
    std::uint64_t hash = 14695981039346656037ull; // FNV offset basis
    for (const char c : bytes)
      {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull; // FNV prime
      }
    return hash;
  }


  namespace
  {
    std::string
    trim(const std::string &text)
    {
      const auto first = text.find_first_not_of(" \t");
      if (first == std::string::npos)
        return "";
      return text.substr(first, text.find_last_not_of(" \t") - first + 1);
    }

    /** The entries of a ShortPRM text, by the top-level subsection they are
     *  in ("" for the top level), each as "<path>=<value>" on a line. */
    std::map<std::string, std::string>
    entries_by_part(const std::string           &prm,
                    const std::set<std::string> &left_out)
    {
      std::map<std::string, std::string> parts;
      std::vector<std::string>           sections;
      std::istringstream                 in(prm);
      std::string                        line;
      while (std::getline(in, line))
        {
          line = trim(line.substr(0, line.find('#')));
          if (line.rfind("subsection ", 0) == 0)
            sections.push_back(trim(line.substr(11)));
          else if (line == "end" && !sections.empty())
            sections.pop_back();
          else if (line.rfind("set ", 0) == 0)
            {
              const auto  equals = line.find('=');
              std::string path;
              for (const std::string &section : sections)
                path += section + '/';
              path += trim(line.substr(4, equals - 4));
              const std::string part = sections.empty() ? "" : sections[0];
              if (left_out.count(part) || left_out.count(path))
                continue;
              parts[part] +=
                path + '=' +
                (equals == std::string::npos ? "" :
                                               trim(line.substr(equals + 1))) +
                '\n';
            }
        }
      return parts;
    }
  } // namespace


  CaseFingerprint
  case_fingerprint(const std::string &case_prm, const std::string &library_prm)
  {
    CaseFingerprint fingerprint;
    for (const auto &[part, entries] :
         entries_by_part(case_prm,
                         {"Output",
                          "Output folder",
                          "Cycling/Number of cycles",
                          "Cycling/Output cycles",
                          "Materials/Library file"}))
      fingerprint.emplace_back(part.empty() ? "top-level entries" : part,
                               fnv1a_64(entries));
    std::string library;
    for (const auto &[part, entries] : entries_by_part(library_prm, {}))
      library += entries;
    fingerprint.emplace_back("Material library", fnv1a_64(library));
    return fingerprint;
  }


  std::vector<std::string>
  differing_parts(const CaseFingerprint &a, const CaseFingerprint &b)
  {
    std::map<std::string, std::uint64_t> hashes_of_b(b.begin(), b.end());
    std::vector<std::string>             differing;
    for (const auto &[part, hash] : a)
      {
        const auto found = hashes_of_b.find(part);
        if (found == hashes_of_b.end() || found->second != hash)
          differing.push_back(part);
        if (found != hashes_of_b.end())
          hashes_of_b.erase(found);
      }
    for (const auto &[part, hash] : hashes_of_b)
      differing.push_back(part);
    return differing;
  }
} // namespace bendsim
