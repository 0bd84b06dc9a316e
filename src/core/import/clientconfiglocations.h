#pragma once

#include "core/import/importtypes.h"

#include <QString>
#include <QStringList>

namespace Mcpa {

/// The parts of the environment that decide where MCP clients keep their
/// configuration. fromSystem() reads the real one; tests build their own.
struct ImportEnvironment
{
    enum class Platform { Linux, MacOS, Windows };

    Platform platform = Platform::Linux;
    QString homeDirectory; ///< $HOME (%USERPROFILE% on Windows)
    QString appDataDirectory; ///< Windows %APPDATA% (default <home>/AppData/Roaming)
    QString xdgConfigHome; ///< $XDG_CONFIG_HOME (default <home>/.config)
    QString workingDirectory; ///< for project files (.mcp.json, .vscode/mcp.json, ...)
    /// $MCP_REMOTE_CONFIG_DIR, default <home>/.mcp-auth.
    QString mcpRemoteConfigDirectory;
    /// $CODEX_HOME, default <home>/.codex (Codex keeps config.toml there).
    QString codexHomeDirectory;

    /// This machine: its platform, the environment variables above and the
    /// current directory.
    static ImportEnvironment fromSystem();
    /// Fills the defaults that derive from homeDirectory where left empty.
    ImportEnvironment withDefaults() const;
};

/// Where each MCP client keeps its server list, per platform
/// (L = Linux, M = macOS, W = Windows; ~ = the home directory, . = the
/// working directory):
///
/// - claude: L $XDG_CONFIG_HOME/Claude/claude_desktop_config.json,
///   M ~/Library/Application Support/Claude/claude_desktop_config.json,
///   W %APPDATA%/Claude/claude_desktop_config.json
/// - vscode: <user settings>/{Code, Code - Insiders, VSCodium}/User/mcp.json
///   with <user settings> = L $XDG_CONFIG_HOME, M ~/Library/Application
///   Support, W %APPDATA%; then ./.vscode/mcp.json (the workspace)
/// - cursor: ~/.cursor/mcp.json, ./.cursor/mcp.json (every platform)
/// - claude-code: ./.mcp.json (project scope), ~/.claude.json (user and
///   local scopes) (every platform)
/// - mcp-remote: no config file; its tokens are in $MCP_REMOTE_CONFIG_DIR,
///   default ~/.mcp-auth
namespace ClientConfigLocations {

/// Every place @p source may keep its config on @p environment's platform,
/// whether or not a file is there, most common first.
QStringList candidates(ImportSource source, const ImportEnvironment &environment);

/// The candidates of @p source that exist as files.
QStringList existing(ImportSource source, const ImportEnvironment &environment);

} // namespace ClientConfigLocations
} // namespace Mcpa
