#ifndef bendsim_input_error_h
#define bendsim_input_error_h

#include <stdexcept>
#include <string>

namespace bendsim
{
  /**
   * Bad user input: an unreadable file, an unknown or malformed entry, a value
   * outside its physical range. The message always names the file and, where
   * there is one, the entry, so that the user can fix the input without
   * reading the code. main() prints it on rank 0 and exits with a non-zero
   * code on every rank.
   */
  class InputError : public std::runtime_error
  {
  public:
    /**
     * @param file    the parameter file (or mesh file) that holds the error
     * @param entry   the full path of the entry, e.g. "Stack/Layer ITO/Thickness",
     *                or an empty string when the error concerns the whole file
     * @param message what is wrong and what is allowed
     */
    InputError(const std::string &file,
               const std::string &entry,
               const std::string &message);

    /**
     * The same error again, from the text of an InputError's what(): how an
     * error found on one rank is thrown on every rank (collective.h).
     */
    explicit InputError(const std::string &composed_message);
  };
} // namespace bendsim

#endif
