#ifndef bendsim_stop_request_h
#define bendsim_stop_request_h

namespace bendsim
{
  /**
   * Make SIGTERM and SIGINT (what a cluster scheduler sends before it kills
   * a job, and Ctrl-C) only record that a stop was requested, so that a
   * cyclic run can write a checkpoint and end cleanly.
   */
  void
  install_stop_request_handlers();

  /** Whether SIGTERM or SIGINT has arrived at this process. */
  bool
  stop_requested();
} // namespace bendsim

#endif
