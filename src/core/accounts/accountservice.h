#pragma once

#include "core/accounts/accountoperation.h"
#include "core/accounts/accountstatus.h"
#include "core/accounts/accounttypes.h"
#include "core/accounts/signoutoperation.h"
#include "core/oauth/signinflow.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <chrono>

namespace Mcpa {

class Clock;
class HttpClient;
class ServerRegistry;
class TokenStore;
class Trace;

/// The person's accounts: the config file (ServerRegistry), the keychain
/// (TokenStore) and the sign-in engine, joined. Shared by the desktop app
/// and the CLI. A factory of operations: each returns a started
/// AccountOperation job (SignInOperation, FreshTokenOperation, …) that ends
/// with one finished(); secrets only ever travel between the keychain and
/// the server.
///
///   signIn:     [secrets] -> SignInFlow -> keychain <- tokens -> config <- facts
///   freshToken: config -> AccountRefresher (lock, keychain, refresh) -> config
///   signOut:    keychain -> revoke at the server -> delete keychain entry -> config
///   call:       freshToken -> McpCallFlow (refresh / sign-in / step-up) -> keychain, config
class AccountService : public QObject
{
    Q_OBJECT
public:
    AccountService(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                   const Clock *clock, QObject *parent = nullptr);

    ServerRegistry *registry() const { return m_registry; }
    TokenStore *tokenStore() const { return m_tokens; }
    HttpClient *httpClient() const { return m_http; }

    const Clock *clock() const { return m_clock; }

    /// How long a sign-in waits for the browser (default 5 minutes).
    void setAuthorizationTimeout(std::chrono::milliseconds timeout)
    {
        m_authorizationTimeout = timeout;
    }
    std::chrono::milliseconds authorizationTimeout() const { return m_authorizationTimeout; }

    /// The trace of the latest flow for a server (never null; owned here).
    Trace *trace(const QString &serverId);

    /// @p label, or the server's default account when empty.
    static QString resolveLabel(const ServerRecord &server, const QString &label);
    /// From the config file alone: no network, no keychain.
    AccountStatus status(const QString &serverId, const QString &label = {}) const;

    /// Signs in (again) and stores the account; authorizeWithBrowser()
    /// on the operation asks for a browser.
    AccountOperation *signIn(const QString &serverId, const QString &label = {});
    /// Revokes at the server (refresh token, then access token) and deletes
    /// the account locally. Without a revocation endpoint the warning says so.
    AccountOperation *signOut(const QString &serverId, const QString &label = {},
                              SignOutOperation::Revocation revocation
                              = SignOutOperation::Revocation::Revoke);
    /// Adds @p record (its id: the wanted one; serverId() on the operation:
    /// the one it got) and keeps @p clientSecret, if any, in the keychain.
    /// A secret left under that id by an earlier server is deleted first.
    AccountOperation *addServer(const ServerRecord &record, const QString &clientSecret = {});
    /// Signs out every account (revoking unless @p revoke is false), deletes
    /// the server's secrets and removes it.
    AccountOperation *removeServer(const QString &serverId,
                                   SignOutOperation::Revocation revocation
                                   = SignOutOperation::Revocation::Revoke);
    /// A token valid for at least @p minValidity, refreshed when needed, once
    /// per account across processes. @p force refreshes regardless.
    AccountOperation *freshToken(const QString &serverId, const QString &label = {},
                                 std::chrono::seconds minValidity = std::chrono::seconds(60),
                                 bool force = false);
    /// After the resource server rejected @p rejectedAccessToken (a 401): a
    /// refresh, unless another process has stored a new token meanwhile.
    AccountOperation *replaceRejectedToken(const QString &serverId, const QString &label,
                                           const QString &rejectedAccessToken);
    /// The stored tokens as they are (for the token viewer).
    AccountOperation *storedTokens(const QString &serverId, const QString &label = {});
    /// Initializes, lists the tools, calls @p toolCalls in order (in one
    /// session); signs in when allowed and needed.
    AccountOperation *call(const QString &serverId, const QString &label,
                           const QList<McpToolCall> &toolCalls, bool interactive);

    /// The engine's settings for a server.
    static ServerSettings settingsFor(const ServerRecord &server, const QString &clientSecret);

Q_SIGNALS:
    /// The account's record changed (signed in, refreshed, signed out, error).
    void accountChanged(const QString &serverId, const QString &label);

private:
    // The operations' shared steps.
    friend class SignInOperation;
    friend class SignOutOperation;
    friend class RemoveServerOperation;
    friend class AddServerOperation;
    friend class FreshTokenOperation;
    friend class StoredTokensOperation;
    friend class CallOperation;

    /// Reads the client secret that applies to @p account (or, without one,
    /// to the server's pre-registered client); empty for public clients and
    /// when there is none. @p next runs asynchronously.
    void withClientSecret(const ServerRecord &server, const AccountRecord *account,
                          QObject *context, std::function<void(const QString &secret)> next);
    TokenEndpointConfig endpointFor(const AccountRecord &account,
                                    const QString &clientSecret) const;
    void storeSignIn(const ServerRecord &server, const QString &label, const SignInResult &result,
                     QObject *context, std::function<void(const Error &)> done);
    void recordError(const QString &serverId, const QString &label, const Error &error,
                     bool needsSignIn);
    void saveAccount(const QString &serverId, const AccountRecord &account);
    void forgetTrace(const QString &serverId);
    static AccountOperation *started(AccountOperation *operation);

    ServerRegistry *m_registry;
    TokenStore *m_tokens;
    HttpClient *m_http;
    const Clock *m_clock;
    QHash<QString, Trace *> m_traces;
    std::chrono::milliseconds m_authorizationTimeout { std::chrono::minutes(5) };
};

} // namespace Mcpa
