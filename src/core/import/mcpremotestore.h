#pragma once

#include "core/base/error.h"
#include "core/import/importtypes.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace Mcpa {

/// mcp-remote's plaintext credential files, read-only (plus deletion when
/// the person agrees). Layout, as written by mcp-remote 0.0.x to 0.1.x:
///
///   ${MCP_REMOTE_CONFIG_DIR:-~/.mcp-auth}/mcp-remote-<version>/
///       <md5>_client_info.json   RFC 7591 registration response (client_id,
///                                client_secret?, redirect_uris, ...)
///       <md5>_tokens.json        token response + "expires_at" (epoch ms;
///                                older versions: only "expires_in")
///       <md5>_code_verifier[_<pid>].txt, <md5>_lock.json, <md5>_debug.log
///
/// where md5 is the hex MD5 of the server URL as given on the command line,
/// with "|<resource>" and "|<headers JSON>" appended when --resource or
/// --header were used (ClientConfigReader::mcpRemoteHash). Every version
/// directory is searched (also "mcp-remote-v1" of later forks, whose names
/// match when no further options were used); the newest tokens file wins.
class McpRemoteStore
{
public:
    /// @p directory: the base (what MCP_REMOTE_CONFIG_DIR names).
    explicit McpRemoteStore(QString directory);

    QString directory() const { return m_directory; }
    /// The <base>/mcp-remote-* directories that exist.
    QStringList versionDirectories() const;

    /// The credentials stored under any of @p hashes, or none when there is
    /// no tokens file. A tokens file that cannot be read gives none and sets
    /// @p problem (which never contains a secret).
    std::optional<McpRemoteCredentials> find(const QStringList &hashes, const QDateTime &now,
                                             QString *problem) const;
    /// The hash of every tokens file, in every version directory.
    QStringList storedHashes() const;
    /// Every file of @p hash in every version directory.
    QStringList filesOf(const QString &hash) const;

    /// Reads a tokens file. Known expiry: "expires_at" (epoch ms). Unknown
    /// (only "expires_in"): already expired at the file's time when there is
    /// a refresh token (so the first use refreshes), else invalid (used until
    /// the server refuses it). receivedAt is the file's modification time.
    static Error readTokens(const QString &path, const QDateTime &now, TokenSet *tokens,
                            bool *expiryKnown);
    /// Reads a client_info.json into @p client (issuer left empty; without a
    /// declared token_endpoint_auth_method: client_secret_basic with a
    /// secret, none without, and @p declaredMethod false).
    static Error readClientInfo(const QString &path, ClientRegistration *client,
                                QDateTime *issuedAt, bool *declaredMethod);
    /// Deletes @p files; the first error (the others are still tried).
    static Error removeFiles(const QStringList &files);

private:
    QString m_directory;
};

} // namespace Mcpa
