#ifndef bendsim_screen_log_h
#define bendsim_screen_log_h

#include <memory>
#include <streambuf>
#include <string>

namespace bendsim
{
  /**
   * A copy of what the program writes to std::cout, in a file: while it
   * lives, std::cout writes to the screen and to the copy. The text is kept
   * in memory until attach() names the file (so that nothing is written
   * before the output folder has been checked and prepared), then written
   * there and continued. The destructor gives std::cout its buffer back.
   */
  class ScreenLog
  {
  public:
    ScreenLog();
    ~ScreenLog();
    ScreenLog(const ScreenLog &) = delete;
    ScreenLog &
    operator=(const ScreenLog &) = delete;

    /** Write the text so far to @p filename (appended to it if @p append)
     *  and copy everything that follows there. */
    void
    attach(const std::string &filename, bool append);

  private:
    class Copy;
    std::unique_ptr<Copy> copy;
    std::streambuf       *screen;
  };
} // namespace bendsim

#endif
