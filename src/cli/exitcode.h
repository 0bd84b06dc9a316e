#pragma once

namespace Mcpa {

/// Exit codes of mcp-accounts-cli. Stable: scripts depend on them, and
/// README.md documents them.
enum class ExitCode {
    Ok = 0,
    Failure = 1, ///< anything not covered below
    Usage = 2, ///< wrong arguments
    Unreachable = 3, ///< the server could not be reached
    NeedsSignIn = 4, ///< an account must sign in (again)
    KeychainUnavailable = 5, ///< no usable keychain (no Secret Service, locked, timed out)
    ServerError = 6, ///< the server answered, but not as expected (or refused the sign-in)
    ToolFailed = 7, ///< the tool ran and reported an error (isError)
    Cancelled = 8, ///< the sign-in was declined, timed out or was cancelled
};

class Error;

/// The exit code for an error of the engine.
ExitCode exitCodeFor(const Mcpa::Error &error);

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace Mcpa
