#pragma once

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"
#include "core/import/importtypes.h"
#include "core/mcp/serverprobe.h"
#include "core/oauth/oauthtypes.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

class Clock;
class HttpClient;
class ServerRegistry;
class TokenStore;
class Trace;

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
/// the plaintext files are left alone.
///
///   importer          McpRemoteMigration                   MCP server / AS       keychain
///     | start(input) ---->|                                       |                   |
///     |                   | POST initialize (no token) ---------->|  401 + challenge  |
///     |                   | Discovery: PRM, AS metadata --------->|                   |
///     |                   | choose client auth, resource          |                   |
///     |                   | writeTokens(server, label) ---------------------------------->|
///     |                   | [writeRegistrationSecret(issuer)] --------------------------->|
///     |<-- succeeded(records) / failed(error)                     |                   |
class McpRemoteMigration : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Probing, Discovering, StoringSecrets, Finished, Failed };
    Q_ENUM(State)

    /// @p registry is only read (for an existing registration with the issuer).
    McpRemoteMigration(HttpClient *http, TokenStore *tokens, const ServerRegistry *registry,
                       const Clock *clock, Trace *trace = nullptr, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    State state() const { return m_state; }

    /// Exactly one of succeeded()/failed() follows, asynchronously.
    void start(const McpRemoteMigrationInput &input);

    /// The RFC 8707 resource mcp-remote used: none with
    /// --disable-resource-parameter, its --resource, else the protected
    /// resource metadata's resource (none without metadata).
    static QUrl resourceFor(const McpRemoteInvocation &invocation,
                            const DiscoveryResult &discovery);
    /// mcp-remote's (the MCP SDK's) choice of client authentication.
    static ClientAuthMethod authMethodFor(const McpRemoteCredentials &credentials,
                                          const AuthServerMetadata &authServer);

Q_SIGNALS:
    void stateChanged(Mcpa::McpRemoteMigration::State state);
    void succeeded(const Mcpa::McpRemoteMigrationResult &result);
    void failed(const Mcpa::Error &error);

private:
    void probe();
    void onProbed(const ProbeResult &result);
    void discover(const BearerChallenge &challenge);
    void onDiscovered(const DiscoveryResult &discovery);
    void storeTokens();
    void storeRegistrationSecret();
    void succeed();
    void fail(const Error &error);
    void setState(State state);

    HttpClient *m_http;
    TokenStore *m_tokens;
    const ServerRegistry *m_registry;
    const Clock *m_clock;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 15000 };
    State m_state = State::Idle;
    McpRemoteMigrationInput m_input;
    McpRemoteMigrationResult m_result;
    QString m_registrationSecret; ///< secret: only until it is in the keychain
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::McpRemoteMigrationResult)
