#include <bendsim/input_error.h>
#include <bendsim/parameter_reader.h>
#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>
#include <fstream>
#include <set>
#include <sstream>

namespace bendsim
{
  namespace parameter_reader
  {
    namespace
    {
      /** deal.II formats its messages over several indented lines. */
      std::string
      collapse_whitespace(const std::string &text)
      {
        std::istringstream in(text);
        std::string        word, result;
        while (in >> word)
          result += (result.empty() ? "" : " ") + word;
        return result;
      }
    } // namespace


    void
    parse_file(dealii::ParameterHandler &prm,
               const std::string        &filename,
               const bool                skip_undefined)
    {
      if (!std::ifstream(filename))
        throw InputError(filename, "", "cannot open the file for reading");
      try
        {
          prm.parse_input(filename, "", skip_undefined, false);
        }
      catch (const dealii::ExceptionBase &e)
        {
          std::ostringstream info;
          e.print_info(info);
          throw InputError(filename, "", collapse_whitespace(info.str()));
        }
    }


    std::vector<std::string>
    get_unique_names(const dealii::ParameterHandler &prm,
                     const std::string              &name,
                     const std::string              &file,
                     const std::string              &path)
    {
      std::vector<std::string> names =
        dealii::Utilities::split_string_list(prm.get(name), ',');
      std::set<std::string> seen;
      for (std::string &n : names)
        {
          n = dealii::Utilities::trim(n);
          if (n.empty())
            throw InputError(file, path, "a name in the list is empty");
          if (!seen.insert(n).second)
            throw InputError(file, path, "the name '" + n + "' appears twice");
        }
      return names;
    }


    void
    check_open_range(const double       value,
                     const double       lower,
                     const double       upper,
                     const std::string &unit,
                     const std::string &file,
                     const std::string &path)
    {
      if (!(value > lower && value < upper))
        {
          std::ostringstream message;
          message << "value " << value << " is outside the allowed range ("
                  << lower << ", " << upper << ")"
                  << (unit.empty() ? "" : " " + unit);
          throw InputError(file, path, message.str());
        }
    }


    std::string
    resolve_relative_to(const std::string &including_file,
                        const std::string &path)
    {
      if (path.empty() || path[0] == '/')
        return path;
      const auto slash = including_file.find_last_of('/');
      if (slash == std::string::npos)
        return path;
      return including_file.substr(0, slash + 1) + path;
    }
  } // namespace parameter_reader
} // namespace bendsim
