#include "core/import/clientconfiglocations.h"

#include <QDir>
#include <QFileInfo>

namespace Mcpa {

namespace {

QString join(const QString &directory, const QString &relative)
{
    return QDir::cleanPath(directory + QLatin1Char('/') + relative);
}

/// The per-user settings directory of VS Code and its relatives.
QString userSettingsRoot(const ImportEnvironment &environment)
{
    switch (environment.platform) {
    case ImportEnvironment::Platform::MacOS:
        return join(environment.homeDirectory, QStringLiteral("Library/Application Support"));
    case ImportEnvironment::Platform::Windows:
        return environment.appDataDirectory;
    case ImportEnvironment::Platform::Linux:
        break;
    }
    return environment.xdgConfigHome;
}

} // namespace

ImportEnvironment ImportEnvironment::fromSystem()
{
    ImportEnvironment environment;
#if defined(Q_OS_WIN)
    environment.platform = Platform::Windows;
#elif defined(Q_OS_MACOS)
    environment.platform = Platform::MacOS;
#else
    environment.platform = Platform::Linux;
#endif
    environment.homeDirectory = QDir::homePath();
    environment.appDataDirectory = qEnvironmentVariable("APPDATA");
    environment.xdgConfigHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    environment.mcpRemoteConfigDirectory = qEnvironmentVariable("MCP_REMOTE_CONFIG_DIR");
    environment.codexHomeDirectory = qEnvironmentVariable("CODEX_HOME");
    environment.workingDirectory = QDir::currentPath();
    return environment.withDefaults();
}

ImportEnvironment ImportEnvironment::withDefaults() const
{
    ImportEnvironment environment = *this;
    if (environment.appDataDirectory.isEmpty())
        environment.appDataDirectory = join(homeDirectory, QStringLiteral("AppData/Roaming"));
    if (environment.xdgConfigHome.isEmpty())
        environment.xdgConfigHome = join(homeDirectory, QStringLiteral(".config"));
    if (environment.mcpRemoteConfigDirectory.isEmpty())
        environment.mcpRemoteConfigDirectory = join(homeDirectory, QStringLiteral(".mcp-auth"));
    if (environment.codexHomeDirectory.isEmpty())
        environment.codexHomeDirectory = join(homeDirectory, QStringLiteral(".codex"));
    return environment;
}

namespace ClientConfigLocations {

QStringList candidates(ImportSource source, const ImportEnvironment &environment)
{
    const ImportEnvironment env = environment.withDefaults();
    QStringList paths;
    switch (source) {
    case ImportSource::ClaudeDesktop:
        paths << join(env.platform == ImportEnvironment::Platform::Linux ? env.xdgConfigHome
                                                                         : userSettingsRoot(env),
                      QStringLiteral("Claude/claude_desktop_config.json"));
        break;
    case ImportSource::VsCode:
        for (const QLatin1String product :
             { QLatin1String("Code"), QLatin1String("Code - Insiders"), QLatin1String("VSCodium") })
            paths << join(userSettingsRoot(env), product + QLatin1String("/User/mcp.json"));
        if (!env.workingDirectory.isEmpty())
            paths << join(env.workingDirectory, QStringLiteral(".vscode/mcp.json"));
        break;
    case ImportSource::Cursor:
        paths << join(env.homeDirectory, QStringLiteral(".cursor/mcp.json"));
        if (!env.workingDirectory.isEmpty())
            paths << join(env.workingDirectory, QStringLiteral(".cursor/mcp.json"));
        break;
    case ImportSource::ClaudeCode:
        if (!env.workingDirectory.isEmpty())
            paths << join(env.workingDirectory, QStringLiteral(".mcp.json"));
        paths << join(env.homeDirectory, QStringLiteral(".claude.json"));
        break;
    case ImportSource::McpRemote:
        break;
    }
    paths.removeDuplicates();
    return paths;
}

QStringList existing(ImportSource source, const ImportEnvironment &environment)
{
    QStringList found;
    for (const QString &path : candidates(source, environment)) {
        if (QFileInfo(path).isFile())
            found.append(path);
    }
    return found;
}

} // namespace ClientConfigLocations
} // namespace Mcpa
