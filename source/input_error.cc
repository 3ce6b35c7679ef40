#include <bendsim/input_error.h>

namespace bendsim
{
  namespace
  {
    std::string
    compose(const std::string &file,
            const std::string &entry,
            const std::string &message)
    {
      std::string text = file;
      if (!entry.empty())
        text += ": entry '" + entry + "'";
      return text + ": " + message;
    }
  } // namespace

  InputError::InputError(const std::string &file,
                         const std::string &entry,
                         const std::string &message)
    : std::runtime_error(compose(file, entry, message))
  {
  }


  InputError::InputError(const std::string &composed_message)
    : std::runtime_error(composed_message)
  {
  }
} // namespace bendsim
