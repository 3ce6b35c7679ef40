#include <bendsim/stop_request.h>
#include <csignal>

namespace bendsim
{
  namespace
  {
    volatile std::sig_atomic_t stop_signal = 0;

    extern "C" void
    record_stop_request(const int signal)
    {
      stop_signal = signal;
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
