#include <bendsim/input_error.h>
#include <bendsim/parameter_reader.h>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>
#include <filesystem>
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


      /** The working directory changed to a folder for the lifetime of the
       *  object, and restored after it, also when an exception leaves. */
      class WorkingDirectory
      {
      public:
        explicit WorkingDirectory(const std::filesystem::path &folder)
          : saved(std::filesystem::current_path())
        {
          std::filesystem::current_path(folder);
        }
        ~WorkingDirectory()
        {
          std::error_code ignored;
          std::filesystem::current_path(saved, ignored);
        }
        WorkingDirectory(const WorkingDirectory &) = delete;
        WorkingDirectory &
        operator=(const WorkingDirectory &) = delete;

      private:
        std::filesystem::path saved;
      };


      /**
       * Follow the 'include' statements of @p filename (as deal.II reads
       * them: the rest of the line, relative to the working directory,
       * which parse_file() sets to the folder of the file it reads) and
       * throw an InputError naming the files if one leads back to a file
       * that is being read: deal.II would include them in turn until its
       * stack overflows. @p chain holds the files being read, outermost
       * first.
       */
      void
      check_include_cycles(const std::string        &filename,
                           std::vector<std::string> &chain)
      {
        namespace fs         = std::filesystem;
        const auto same_file = [](const std::string &a, const std::string &b) {
          std::error_code error;
          return fs::weakly_canonical(fs::absolute(a), error) ==
                 fs::weakly_canonical(fs::absolute(b), error);
        };
        for (std::size_t i = 0; i < chain.size(); ++i)
          if (same_file(chain[i], filename))
            {
              std::string cycle;
              for (std::size_t j = i; j < chain.size(); ++j)
                cycle += chain[j] + " includes ";
              throw InputError(chain.back(),
                               "",
                               "the include statements form a cycle (" + cycle +
                                 filename +
                                 "): a file may not include itself, directly "
                                 "or through others");
            }
        std::ifstream in(filename);
        if (!in)
          return; // deal.II reports a file it cannot open, with its line
        chain.push_back(filename);
        std::string line;
        while (std::getline(in, line))
          {
            line = dealii::Utilities::trim(line.substr(0, line.find('#')));
            if (line.rfind("include ", 0) == 0 ||
                line.rfind("INCLUDE ", 0) == 0)
              check_include_cycles(dealii::Utilities::trim(line.substr(8)),
                                   chain);
          }
        chain.pop_back();
      }


      /** An override "A/B/Entry=value" split into its subsections, entry
       *  and value, all trimmed; false if it is malformed. */
      bool
      split_override(const std::string        &argument,
                     std::vector<std::string> &subsections,
                     std::string              &entry,
                     std::string              &value)
      {
        const std::size_t equals = argument.find('=');
        if (equals == std::string::npos)
          return false;
        subsections.clear();
        const std::string path  = argument.substr(0, equals);
        std::size_t       begin = 0;
        while (true)
          {
            const std::size_t slash = path.find('/', begin);
            const std::string name  = dealii::Utilities::trim(
              path.substr(begin,
                          slash == std::string::npos ? std::string::npos :
                                                        slash - begin));
            if (name.empty())
              return false;
            if (slash == std::string::npos)
              {
                entry = name;
                break;
              }
            subsections.push_back(name);
            begin = slash + 1;
          }
        value = dealii::Utilities::trim(argument.substr(equals + 1));
        return true;
      }
    } // namespace


    namespace
    {
      /**
       * Set the entries of the JSON @p node in @p prm one by one, and throw
       * InputError naming the first that @p prm refuses (an undeclared
       * entry, or a value its pattern does not match) as @p prefix and its
       * path 'Subsection/Entry'. deal.II's own message for a JSON file names
       * the value, not the entry. @p prm is in the subsection @p prefix
       * names, @p depth levels below the top (counted, not read from
       * @p prefix: a subsection name may hold '/', as "Interface ITO/SnO2").
       */
      void
      set_json_entries(dealii::ParameterHandler          &prm,
                       const boost::property_tree::ptree &node,
                       const std::string                 &prefix,
                       const std::string                 &filename,
                       const unsigned int                 depth = 0)
      {
        for (const auto &[key, child] : node)
          {
            const std::string path = prefix + key;
            if (child.empty())
              {
                std::string refused;
                try
                  {
                    prm.set(key, child.data());
                  }
                catch (const dealii::ExceptionBase &e)
                  {
                    std::ostringstream info;
                    e.print_info(info);
                    refused = collapse_whitespace(info.str());
                  }
                if (!refused.empty())
                  {
                    // Back to the top level before the handler is dropped.
                    for (unsigned int level = 0; level < depth; ++level)
                      prm.leave_subsection();
                    throw InputError(filename, path, refused);
                  }
                continue;
              }
            prm.enter_subsection(key);
            set_json_entries(prm, child, path + "/", filename, depth + 1);
            prm.leave_subsection();
          }
      }
    } // namespace


    void
    parse_file(dealii::ParameterHandler &prm,
               const std::string        &filename,
               const bool                skip_undefined)
    {
      if (!std::ifstream(filename))
        throw InputError(filename, "", "cannot open the file for reading");
      // deal.II opens an included file relative to the working directory;
      // reading from the file's own folder makes 'include' statements
      // relative to the file, as every other path in a case is.
      namespace fs                      = std::filesystem;
      const std::string        absolute = fs::absolute(filename).string();
      const WorkingDirectory   here(fs::path(absolute).parent_path());
      std::vector<std::string> chain;
      check_include_cycles(absolute, chain);
      if (fs::path(absolute).extension() == ".json" && !skip_undefined)
        {
          boost::property_tree::ptree tree;
          try
            {
              boost::property_tree::read_json(absolute, tree);
            }
          catch (const boost::property_tree::json_parser_error &e)
            {
              throw InputError(filename,
                               "",
                               std::string("not JSON: ") + e.what());
            }
          set_json_entries(prm, tree, "", filename);
        }
      try
        {
          prm.parse_input(absolute, "", skip_undefined, false);
        }
      catch (const dealii::ExceptionBase &e)
        {
          std::ostringstream info;
          e.print_info(info);
          throw InputError(filename, "", collapse_whitespace(info.str()));
        }
    }


    bool
    is_entry_override(const std::string &argument)
    {
      std::vector<std::string> subsections;
      std::string              entry, value;
      return split_override(argument, subsections, entry, value);
    }


    void
    apply_overrides(dealii::ParameterHandler       &prm,
                    const std::vector<std::string> &overrides,
                    const std::string              &filename,
                    const bool                      skip_undefined)
    {
      for (const std::string &argument : overrides)
        {
          const std::string        name = "--set " + argument;
          std::vector<std::string> subsections;
          std::string              entry, value;
          if (!split_override(argument, subsections, entry, value))
            throw InputError(name,
                             "",
                             "not of the form Subsection/Entry=value");
          std::string path;
          for (const std::string &subsection : subsections)
            path += subsection + "/";
          path += entry;
          // enter_subsection() creates a subsection that is not declared;
          // set() then finds no entry in it, and the handler is not used
          // further (or, with skip_undefined, only for declared entries).
          for (const std::string &subsection : subsections)
            prm.enter_subsection(subsection);
          const auto leave = [&]() {
            for (std::size_t i = 0; i < subsections.size(); ++i)
              prm.leave_subsection();
          };
          try
            {
              prm.set(entry, value);
            }
          catch (const dealii::ParameterHandler::ExcEntryUndeclared &)
            {
              leave();
              if (skip_undefined)
                continue;
              throw InputError(name,
                               "",
                               "the case " + filename + " has no entry '" +
                                 path +
                                 "' ('bendsim --print-parameters' lists "
                                 "every entry; there is a subsection "
                                 "'Stack/Layer <name>' for each name in "
                                 "Stack/Layers)");
            }
          catch (const dealii::ExceptionBase &e)
            {
              leave();
              std::ostringstream info;
              e.print_info(info);
              throw InputError(name,
                               "",
                               "entry '" + path + "' of " + filename + ": " +
                                 collapse_whitespace(info.str()));
            }
          leave();
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
