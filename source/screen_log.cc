#include <bendsim/screen_log.h>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace bendsim
{
  /** Writes to the screen's buffer and to the file (or, before there is
   *  one, to memory). */
  class ScreenLog::Copy : public std::streambuf
  {
  public:
    explicit Copy(std::streambuf *screen)
      : screen(screen)
    {
    }

    void
    attach(const std::string &filename, const bool append)
    {
      file.open(filename, append ? std::ios::app : std::ios::trunc);
      if (!file)
        throw std::runtime_error("cannot write " + filename);
      file << pending;
      pending.clear();
      file.flush();
    }

  protected:
    int
    overflow(const int c) override
    {
      if (c == traits_type::eof())
        return traits_type::not_eof(c);
      const char ch = traits_type::to_char_type(c);
      return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }

    std::streamsize
    xsputn(const char *text, const std::streamsize n) override
    {
      if (file.is_open())
        file.write(text, n);
      else
        pending.append(text, n);
      return screen->sputn(text, n);
    }

    int
    sync() override
    {
      if (file.is_open())
        file.flush();
      return screen->pubsync();
    }

  private:
    std::streambuf *screen;
    std::ofstream   file;
    std::string     pending;
  };


  ScreenLog::ScreenLog()
    : screen(std::cout.rdbuf())
  {
    copy = std::make_unique<Copy>(screen);
    std::cout.rdbuf(copy.get());
  }


  ScreenLog::~ScreenLog()
  {
    std::cout.flush();
    std::cout.rdbuf(screen);
  }


  void
  ScreenLog::attach(const std::string &filename, const bool append)
  {
    copy->attach(filename, append);
  }
} // namespace bendsim
