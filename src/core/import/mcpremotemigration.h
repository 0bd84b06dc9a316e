#pragma once

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"
#include "core/base/job.h"
#include "core/import/importtypes.h"
#include "core/mcp/serverprobe.h"
#include "core/oauth/oauthtypes.h"

#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

class Clock;
class DiscoveryJob;
class HttpClient;
class ServerRegistry;
class TokenStore;

/// What one migration needs: the server (its id may still be unsaved), the
/// account label, and the candidate with mcp-remote's credentials.
struct McpRemoteMigrationInput
{
    QString serverId;
    QString label = QStringLiteral("default");
    ImportCandidate candidate; ///< url, mcpRemote, credentials, static client
    /// Registrations made earlier in the same import, not yet in the registry.
    QList<RegistrationRecord> pendingRegistrations;
};

/// The non-secret records a migration produced; the secrets are already in
/// the keychain when this is delivered. The caller stores the records.
struct McpRemoteMigrationResult
{
    AccountRecord account;
    /// The mcp-remote client as the issuer's registration, when there was
    /// none for the issuer yet (its secret, if any, is in the keychain).
    std::optional<RegistrationRecord> registration;
    bool wroteRegistrationSecret = false; ///< the registration's secret is in the keychain
    QStringList warnings;
};

/// Moves mcp-remote's tokens for one server into the keychain, with the
/// facts a refresh needs (issuer, token and revocation endpoints, resource,
/// client) from a fresh discovery of the server. Writes only the keychain;
/// the plaintext files are left alone. result() holds the records once the
/// job succeeded.
///
///   importer          McpRemoteMigrationJob                MCP server / AS       keychain
///     | start() --------->|                                       |                   |
///     |                   | ProbeJob: POST initialize (no token) >|  401 + challenge  |
///     |                   | DiscoveryJob: PRM, AS metadata ------>|                   |
///     |                   | choose client auth, resource          |                   |
///     |                   | writeTokens(server, label) ---------------------------------->|
///     |                   | [writeRegistrationSecret(issuer)] --------------------------->|
///     |<-- finished(job): result() / error()                      |                   |
class McpRemoteMigrationJob : public Job
{
    Q_OBJECT
public:
    /// @p registry is only read (for an existing registration with the issuer).
    McpRemoteMigrationJob(HttpClient *http, TokenStore *tokens, const ServerRegistry *registry,
                          const Clock *clock, McpRemoteMigrationInput input,
                          QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// The records the migration produced; complete only when it succeeded.
    McpRemoteMigrationResult result() const { return m_result; }

    /// The RFC 8707 resource mcp-remote used: none with
    /// --disable-resource-parameter, its --resource, else the protected
    /// resource metadata's resource (none without metadata).
    static QUrl resourceFor(const McpRemoteInvocation &invocation,
                            const DiscoveryResult &discovery);
    /// mcp-remote's (the MCP SDK's) choice of client authentication.
    static ClientAuthMethod authMethodFor(const McpRemoteCredentials &credentials,
                                          const AuthServerMetadata &authServer);

protected:
    void doStart() override;

private:
    void onProbed(ProbeJob *probe);
    void onDiscovered(DiscoveryJob *discovery);
    void storeTokens();
    void storeRegistrationSecret();
    void succeed();
    /// Logs and traces the failure, then ends the job with @p error.
    void emitFailure(const Error &error);

    HttpClient *m_http;
    TokenStore *m_tokens;
    const ServerRegistry *m_registry;
    const Clock *m_clock;
    std::chrono::milliseconds m_timeout { 15000 };
    McpRemoteMigrationInput m_input;
    McpRemoteMigrationResult m_result;
    QString m_registrationSecret; ///< secret: only until it is in the keychain
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::McpRemoteMigrationResult)
