#ifndef bendsim_output_failure_h
#define bendsim_output_failure_h

#include <stdexcept>

namespace bendsim
{
  /**
   * A file of the output folder could not be written completely (a full
   * disk, a quota, a file system gone read-only): the message names the
   * file. The run stops at once; the files written before, and the newest
   * checkpoint, stay whole. main() exits with status 5.
   */
  class OutputFailure : public std::runtime_error
  {
  public:
    using std::runtime_error::runtime_error;
  };
} // namespace bendsim

#endif
