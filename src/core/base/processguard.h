#pragma once

namespace Mcpa::ProcessGuard {

/// Keeps the secrets this process holds out of crash dumps and away from
/// other processes: sets the core-file limit to 0 (RLIMIT_CORE, soft and
/// hard) and marks the process not dumpable (PR_SET_DUMPABLE 0: no core
/// file, no ptrace attach and no /proc/PID/mem for other processes of the
/// same user). Each of the app, the CLI and the sign-in helper calls it
/// first thing in main(). Returns false when either call failed (the process
/// goes on: a refused limit is no reason not to start).
bool disableCoreDumps();

/// Whether the process is dumpable now (PR_GET_DUMPABLE), for tests.
bool isDumpable();

} // namespace Mcpa::ProcessGuard
