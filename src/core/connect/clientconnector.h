#pragma once

// connect / disconnect / connections: writes an MCP client's own config so
// that one of its server entries uses an account of this app, and puts the
// entry back as it was.
//
//   CLI/GUI                 ClientConnector                 client config file
//     | planConnect() ------->| read (symlinks: the target)   |
//     |                       | parse (malformed: refuse) <---|
//     |                       | splice the entry, re-parse,   |
//     |<-- ConfigChange ------|   compare with the original   |
//     | (keychain: the old entry text, it may hold secrets)   |
//     | commit() ------------>| re-read: changed? refuse <----|
//     |                       | <file>.mcp-accounts.bak ----->|
//     |                       | QSaveFile, same permissions ->|
//
// No secret is ever written into a client's config: stdio clients start
// `mcp-accounts-cli bridge NAME`, Claude Code runs `mcp-accounts-cli header
// NAME --json` as its headersHelper; both get the token at run time.

#include "core/base/error.h"
#include "core/import/clientconfiglocations.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace Mcpa {

/// The MCP clients whose config connect can write.
enum class ClientApp { ClaudeDesktop, ClaudeCode, VsCode, Cursor, Windsurf, Codex, GeminiCli };
/// user: the per-user file; project: the one in the working directory.
enum class ConfigScope { User, Project };

namespace ClientApps {
/// "claude-desktop", "claude-code", "vscode", "cursor", "windsurf", "codex", "gemini-cli".
QString name(ClientApp client);
bool parse(const QString &name, ClientApp *client);
QList<ClientApp> all();
/// Claude Code, VS Code, Cursor and Gemini CLI have project files.
bool hasProjectScope(ClientApp client);
/// The config file @p client reads for @p scope on @p environment's
/// platform (as the importer knows them, plus Windsurf, Codex and Gemini
/// CLI); empty when the client has no such scope.
QString configPath(ClientApp client, ConfigScope scope, const ImportEnvironment &environment);
/// The top-level key of the server list ("mcpServers", "servers";
/// "mcp_servers" for Codex's TOML tables).
QString serversKey(ClientApp client);
} // namespace ClientApps

struct ConnectRequest
{
    ClientApp client = ClientApp::ClaudeDesktop;
    QString configPath; ///< the client's file (ClientApps::configPath())
    QString entryName; ///< the key of the entry in the client's server list
    QString serverId; ///< our server
    QUrl serverUrl; ///< its URL (Claude Code connects to it directly)
    QString accountLabel; ///< empty: the server's default account
};

/// One planned edit of a client config file, ready to commit.
struct ConfigChange
{
    ClientApp client = ClientApp::ClaudeDesktop;
    QString path; ///< as named
    QString filePath; ///< the file edited (a symbolic link's target)
    QString entryName;
    bool fileExisted = false;
    bool deleteFile = false; ///< disconnect of a file connect created
    QByteArray before;
    QByteArray after;
    bool hadEntry = false;
    /// The entry's exact text before the change (when hadEntry); may hold
    /// secrets: it goes to the keychain only.
    QByteArray previousEntry;
    bool previousIsOurs = false; ///< the entry already used this app
    bool createdContainer = false; ///< the server list was added
    Error error;

    bool changes() const { return before != after || deleteFile; }
    /// The unified diff of the change (names the file; no secret of ours in it).
    QByteArray diff() const;
};

/// An entry of a client config that uses an account of this app.
struct ClientConnection
{
    ClientApp client = ClientApp::ClaudeDesktop;
    QString configPath;
    QString entryName;
    QString serverId;
    QString accountLabel; ///< "" = the server's default
    QString via; ///< "bridge" or "header"
};

/// What disconnect puts back, kept in the keychain (the old entry may have
/// held a token or an mcp-remote --header): {"v":1,"previous":TEXT|null,
/// "createdFile":bool,"createdContainer":bool}.
struct SavedEntry
{
    std::optional<QByteArray> previous; ///< none: there was no entry
    bool createdFile = false;
    bool createdContainer = false;

    QByteArray encode() const;
    /// SecretCorrupt for anything else.
    static Error decode(const QByteArray &data, SavedEntry *saved);
};

class ClientConnector
{
public:
    /// Called between reading the file and replacing it (tests edit the file there).
    using BeforeCommit = std::function<void()>;

    /// @p cliPath: the absolute path of mcp-accounts-cli that clients start.
    explicit ClientConnector(QString cliPath);

    QString cliPath() const { return m_cliPath; }

    /// The entry a client gets for @p request, as its config would hold it.
    ConfigChange planConnect(const ConnectRequest &request) const;
    /// Puts @p saved back (or removes the entry when there was none). Refuses
    /// when the entry no longer uses this app (someone changed it since).
    ConfigChange planDisconnect(ClientApp client, const QString &path, const QString &entryName,
                                const SavedEntry &saved) const;
    /// Writes @p change: refuses (ConfigWriteFailed) when the file's bytes
    /// differ from change.before, keeps a backup beside it
    /// (<file>.mcp-accounts.bak: the bytes before this change, owner-only), replaces it
    /// atomically with its permissions kept.
    Error commit(const ConfigChange &change, const BeforeCommit &beforeCommit = {}) const;

    /// Entries in every client's default files that use this app (any
    /// mcp-accounts-cli, by its name, not only this one).
    QList<ClientConnection> scan(const ImportEnvironment &environment) const;
    /// The entries of one file that use this app.
    QList<ClientConnection> scanFile(ClientApp client, const QString &path) const;

    /// The keychain key of a connection's saved entry.
    static QString secretKey(ClientApp client, const QString &filePath, const QString &entryName);

private:
    ConfigChange read(ClientApp client, const QString &path, const QString &entryName) const;
    QStringList bridgeArguments(const ConnectRequest &request) const;
    QString headersHelper(const ConnectRequest &request) const;
    QList<ClientConnection> connectionsIn(ClientApp client, const QString &path,
                                          const QByteArray &data) const;

    QString m_cliPath;
};

} // namespace Mcpa
