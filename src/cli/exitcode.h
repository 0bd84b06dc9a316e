#pragma once

/// Exit codes of mcp-accounts-cli. Stable: scripts depend on them, and
/// README.md documents them.
enum class ExitCode {
    Ok = 0,
    Failure = 1, ///< anything not covered below
    Usage = 2, ///< wrong arguments
    Unreachable = 3, ///< the server could not be reached
    NeedsSignIn = 4, ///< an account must sign in (again)
    KeychainUnavailable = 5, ///< no usable keychain (no Secret Service, locked, timed out)
    ServerError = 6, ///< the server answered, but not as expected
};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}
