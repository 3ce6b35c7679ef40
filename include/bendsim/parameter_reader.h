#ifndef bendsim_parameter_reader_h
#define bendsim_parameter_reader_h

#include <string>
#include <vector>

namespace dealii
{
  class ParameterHandler;
}

/**
 * Helpers shared by everything that reads a deal.II parameter file: they turn
 * deal.II's exceptions into InputError messages that name the file and the
 * entry, and check physical ranges that Patterns cannot express.
 */
namespace bendsim
{
  namespace parameter_reader
  {
    /**
     * Parse @p filename into @p prm. With @p skip_undefined, entries that were
     * not declared are ignored (used for a first pass that only reads the
     * lists of names which decide what else to declare).
     * The file is read from its own folder: a relative path in an 'include'
     * statement, in it or in a file it includes, is relative to the folder
     * of @p filename.
     * Throws InputError on a missing or unreadable file, an unknown entry or
     * a value that does not match its pattern, and on include statements that
     * form a cycle.
     */
    void
    parse_file(dealii::ParameterHandler &prm,
               const std::string        &filename,
               bool                      skip_undefined = false);

    /**
     * Whether @p argument is a well-formed override of a case-file entry
     * (bendsim --set): "Entry=value" for an entry at the top level, or
     * "Subsection/Entry=value", "Subsection/Subsection/Entry=value" and so
     * on, with a non-empty name on either side of every '/' before the
     * first '='. The value (the rest after the first '=') may be empty.
     */
    bool
    is_entry_override(const std::string &argument);

    /**
     * Set the entries named by @p overrides (each as is_entry_override()
     * accepts it) in @p prm, in order, so that a later one wins; meant to be
     * called after parse_file(), before the entries are read. Names and the
     * value are trimmed, as in a parameter file. With @p skip_undefined,
     * overrides of entries that were not declared are ignored (the first
     * pass of parse_file()).
     * Throws InputError, naming the argument ("--set Subsection/Entry=value")
     * and @p filename, on a malformed override, an entry that is not declared
     * and a value that does not match the entry's pattern (the pattern is in
     * the message).
     */
    void
    apply_overrides(dealii::ParameterHandler       &prm,
                    const std::vector<std::string> &overrides,
                    const std::string              &filename,
                    bool                            skip_undefined = false);

    /**
     * The comma-separated list in entry @p name of the current subsection,
     * each item trimmed, checked to be unique and non-empty. @p path is the
     * entry's full path for the error message.
     */
    std::vector<std::string>
    get_unique_names(const dealii::ParameterHandler &prm,
                     const std::string              &name,
                     const std::string              &file,
                     const std::string              &path);

    /**
     * Throw InputError unless lower < value < upper (open interval), with
     * the entry, the value, the allowed range and the unit in the message.
     */
    void
    check_open_range(double             value,
                     double             lower,
                     double             upper,
                     const std::string &unit,
                     const std::string &file,
                     const std::string &path);

    /**
     * @p path resolved against the folder holding @p including_file unless it
     * is absolute.
     */
    std::string
    resolve_relative_to(const std::string &including_file,
                        const std::string &path);
  } // namespace parameter_reader
} // namespace bendsim

#endif
