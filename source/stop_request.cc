#include <bendsim/stop_request.h>
#include <csignal>

namespace bendsim
{
  namespace
  {
    volatile std::sig_atomic_t stop_signal = 0;

    // The first signal is recorded; a second one acts as if there were no
    // handler (ends the process).
    extern "C" void
    record_stop_request(const int signal)
    {
      stop_signal = signal;
      std::signal(signal, SIG_DFL);
    }
  } // namespace


  void
  install_stop_request_handlers()
  {
    std::signal(SIGTERM, record_stop_request);
    std::signal(SIGINT, record_stop_request);
  }


  bool
  stop_requested()
  {
    return stop_signal != 0;
  }
} // namespace bendsim
