#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Mcpa {

/// Where servers to import come from: the config file of an MCP client, or
/// mcp-remote's plaintext token store.
enum class ImportSource {
    ClaudeDesktop, ///< claude_desktop_config.json ("mcpServers"; remote = npx mcp-remote URL)
    VsCode, ///< VS Code mcp.json ("servers", "inputs")
    Cursor, ///< Cursor mcp.json ("mcpServers" with "url" and "auth")
    ClaudeCode, ///< Claude Code .mcp.json / ~/.claude.json ("mcpServers" with "oauth")
    McpRemote, ///< ~/.mcp-auth/mcp-remote-<version>/<md5>_tokens.json
};

/// "claude", "vscode", "cursor", "claude-code", "mcp-remote".
QString importSourceName(ImportSource source);
/// Parses a name of importSourceName(); false for anything else.
bool parseImportSource(const QString &name, ImportSource *source);
/// Every source, in the order they are read.
QList<ImportSource> allImportSources();

/// What mcp-remote stored for one server invocation: a client and tokens,
/// read from its plaintext files. Secrets are only in memory, never printed.
struct McpRemoteCredentials
{
    QString hash; ///< the md5 the files are named after
    QString tokensFile; ///< the newest <hash>_tokens.json
    QString clientInfoFile; ///< its <hash>_client_info.json ("" when absent)
    /// Every plaintext file mcp-remote keeps for this server, in every
    /// version directory: tokens, client info, PKCE verifiers, lock, debug log.
    QStringList plaintextFiles;
    TokenSet tokens; ///< secret
    /// False for older mcp-remote versions that stored only expires_in.
    bool expiryKnown = false;
    /// The client the tokens were issued to (client_info.json or the static
    /// client of --static-oauth-client-info); clientSecret is secret.
    ClientRegistration client;
    QDateTime clientIssuedAt; ///< client_id_issued_at, invalid when absent
    /// client_info.json names token_endpoint_auth_method (else it is chosen
    /// from what the authorization server supports, as mcp-remote does).
    bool clientAuthMethodDeclared = false;
    bool staticClient = false; ///< from --static-oauth-client-info
};

/// How mcp-remote was started for a server (the arguments that matter for
/// sign-in). Header values are never kept: only their names.
struct McpRemoteInvocation
{
    QString serverUrl; ///< exactly as on the command line (its md5 names the files)
    quint16 callbackPort = 0;
    QString resource; ///< --resource
    bool disableResource = false; ///< --disable-resource-parameter or --resource ""
    QStringList headerNames; ///< --header NAME: value (values dropped)
    QString host; ///< --host (callback host)
    /// Names of the files mcp-remote may have used: md5 of the URL alone
    /// (older versions) and of "URL|resource|headers" (0.1.x).
    QStringList hashes;
};

/// One server entry found while importing, and what importing it would do.
struct ImportCandidate
{
    enum class Status {
        New, ///< will be added as serverId
        Duplicate, ///< same canonical URL as serverId (registry or earlier entry): merged into it
        Skipped, ///< nothing to import (a local stdio program, ...): reason
        Invalid, ///< cannot be imported: reason
    };

    QString name; ///< the entry's key in the file
    QString serverId; ///< New: the id it gets; Duplicate: the server it merges into
    bool duplicateInRegistry = false; ///< Duplicate of a server already stored
    QUrl url;
    ImportSource source = ImportSource::ClaudeDesktop;
    QString filePath; ///< the file it came from ("" for mcp-remote files matched by URL)
    QString transport; ///< "http", "sse" or "stdio"
    Status status = Status::New;
    QString reason;

    // Sign-in settings taken from the entry.
    QString clientId; ///< a pre-registered client
    /// Its secret (never printed). Empty when there is none or when the file
    /// holds a placeholder such as ${env:SECRET} instead (then a warning says so).
    QString clientSecret;
    std::optional<ClientAuthMethod> authMethod;
    quint16 callbackPort = 0;
    QString redirectHost; ///< "" = the default (127.0.0.1)
    bool sendResource = true;
    QString resource; ///< an explicit RFC 8707 resource (mcp-remote --resource)
    QStringList scopes;

    /// Set when the entry starts mcp-remote (a remote server behind npx).
    std::optional<McpRemoteInvocation> mcpRemote;
    /// mcp-remote's stored tokens for this server, when found.
    std::optional<McpRemoteCredentials> credentials;

    QStringList warnings;

    /// "new", "duplicate", "skipped", "invalid".
    static QString statusName(Status status);
    bool isImportable() const { return status == Status::New || status == Status::Duplicate; }
};

/// What an import would do: every entry of every file read, and the files.
struct ImportPreview
{
    QList<ImportCandidate> candidates;
    QStringList files; ///< the client config files that were read
    QStringList warnings; ///< not about a single entry
    /// A file that cannot be read as what it claims to be: nothing may be
    /// imported (ImportFileInvalid, with the file, the place and the problem).
    Error error;
};

/// What applying an import did, per importable candidate.
struct ImportResult
{
    enum class Outcome {
        Added, ///< a new server (and its account, when tokens came along)
        Merged, ///< settings or an account added to an existing server
        Unchanged, ///< a duplicate with nothing new
        Failed, ///< nothing of it was stored: error
    };

    QString name;
    QString serverId;
    Outcome outcome = Outcome::Unchanged;
    /// mcp-remote tokens now in the keychain, under this account label.
    QString accountLabel;
    bool tokensImported = false;
    /// Plaintext mcp-remote files that are now redundant (their tokens are
    /// in the keychain, or the server already had an account here). Deleted
    /// only when the person agrees.
    QStringList plaintextFiles;
    QStringList warnings;
    /// Failed: why nothing was stored. Otherwise set when the server was
    /// stored but its mcp-remote tokens were not (the plaintext files stay).
    Error error;

    /// "added", "merged", "unchanged", "failed".
    static QString outcomeName(Outcome outcome);
};

struct ImportReport
{
    QList<ImportResult> results;

    /// Every redundant plaintext file of every result.
    QStringList plaintextFiles() const;
    /// The first result's error (none when everything was imported).
    Error firstError() const;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::ImportReport)
