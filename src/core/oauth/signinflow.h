#pragma once

#include "core/base/job.h"
#include "core/oauth/authorizationflow.h"
#include "core/oauth/clientregistrar.h"
#include "core/oauth/oauthtypes.h"
#include "core/oauth/tokenclient.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

class Clock;
class DiscoveryJob;
class HttpClient;
class ProbeJob;
class RegistrationCache;
class Trace;
struct ProbeResult;

/// A server's sign-in settings (non-secret, except the client secret).
struct ServerSettings
{
    QUrl mcpUrl;
    QString clientId; ///< pre-registered client, if any
    QString clientSecret; ///< secret
    /// The issuer the pre-registered client is bound to (empty: not yet).
    QString clientIssuer;
    std::optional<ClientAuthMethod> authMethod;
    QUrl clientMetadataUrl;
    QStringList scopes; ///< overrides the challenge / PRM scopes when set
    bool sendResource = true; ///< RFC 8707 opt-out for ASes that reject it
    quint16 callbackPort = 0; ///< 0: keep the registered port, else OS-chosen
    /// Host of the redirect URI: "127.0.0.1", or "localhost" for a
    /// pre-registered client registered that way. The listener is on 127.0.0.1 either way.
    QString redirectHost = QStringLiteral("127.0.0.1");
    QString preferredIssuer;
    std::chrono::milliseconds authorizationTimeout { std::chrono::minutes(5) };
    std::chrono::milliseconds requestTimeout { std::chrono::seconds(30) };
};

struct SignInResult
{
    DiscoveryResult discovery;
    ClientRegistration registration;
    TokenSet tokens;
    TokenEndpointConfig endpoint; ///< for later refreshes and revocation
    /// The scopes asked for in the authorization request (a step-up asks
    /// for these, what was granted, and what the server challenges).
    QStringList requestedScopes;
};

/// A complete sign-in to one MCP server, as the MCP authorization spec
/// asks: probe -> discovery -> registration -> authorization -> code
/// exchange. A stale dynamic client (pre-flight 400 or invalid_client) is
/// dropped, registered again and retried once.
///
///   [probe] -> discover -> scopes -> listen -> register (cache) ->
///   authorize (browser) -> exchange code -> succeeded
///        stale client? -> drop registration -> register -> authorize (once)
///
/// A job: the steps (discovery, registration, authorization, code exchange)
/// run as its steps; result() is what the sign-in produced.
class SignInFlow : public Job
{
    Q_OBJECT
public:
    SignInFlow(HttpClient *http, const Clock *clock, RegistrationCache *registrations,
               Trace *trace = nullptr, QObject *parent = nullptr);

    /// What to sign in to; set before start(). @p extraScopes are added to
    /// the selected scopes (step-up: the union of granted and challenged
    /// scopes). @p challenge, when present, is the 401/403 that started this;
    /// otherwise the server is probed first.
    void setRequest(const ServerSettings &settings, const QStringList &extraScopes = {},
                    const BearerChallenge &challenge = {});

    /// A client id that obtained tokens earlier in this operation: when the
    /// cached registration is this client, it is not checked for staleness
    /// with a pre-flight GET (which an AS counts as an authorization request).
    void setTrustedClient(const QString &clientId) { m_trustedClientId = clientId; }

    /// The issuer of the account's last sign-in (SEP-2352). When discovery
    /// finds another authorization server, the flow says so in the trace;
    /// with @p ask it also emits authServerChanged() and waits for
    /// continueWithAuthServer() before anything is sent to the new server.
    void setKnownIssuer(const QString &issuer, bool ask)
    {
        m_knownIssuer = issuer;
        m_askBeforeNewIssuer = ask;
    }
    /// The answer to authServerChanged(): sign in there, or end (Cancelled).
    void continueWithAuthServer(bool accepted);

    /// What the sign-in produced; complete only when the job succeeded.
    SignInResult result() const { return m_result; }

    /// The scopes to request (MCP spec "Scope Selection Strategy").
    static QStringList selectScopes(const ServerSettings &settings,
                                    const DiscoveryResult &discovery,
                                    const QStringList &extraScopes);

Q_SIGNALS:
    void authorizeWithBrowser(const QUrl &url);
    /// The server now signs in through @p now instead of @p previous; the
    /// flow waits for continueWithAuthServer().
    void authServerChanged(const QString &previous, const QString &now);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onProbeFinished(ProbeJob *probe);
    void selectScopesAndPrepareClient();
    void onProbed(const ProbeResult &result);
    void discover();
    void onDiscovered(DiscoveryJob *discovery);
    void prepareClient();
    void registerClient();
    void onRegistrationFinished(RegistrationJob *registration);
    void onRegistered(const ClientRegistration &registration);
    /// The authorization job that has not started yet (made when needed).
    AuthorizationJob *pendingAuthorization();
    void authorize(bool preflight);
    void onAuthorizationFinished(AuthorizationJob *authorization);
    void onAuthorized(const AuthorizationResult &result);
    void onTokensFinished(TokenJob *job);
    bool retryWithNewClient(const QString &why);
    /// Traces the failure, then ends the job with @p error.
    void emitFailure(const Error &error);

    HttpClient *m_http;
    const Clock *m_clock;
    RegistrationCache *m_registrations;
    /// The authorization of this attempt: listening before it starts; a
    /// retry with a new client gets a new one.
    QPointer<AuthorizationJob> m_authorization;
    TokenClient *m_tokens;
    ServerSettings m_settings;
    QStringList m_extraScopes;
    QStringList m_scopes;
    BearerChallenge m_challenge;
    SignInResult m_result;
    QString m_knownIssuer;
    bool m_askBeforeNewIssuer = false;
    bool m_waitingForIssuerAnswer = false;
    QString m_trustedClientId;
    bool m_registrationFromCache = false;
    bool m_retriedStaleClient = false;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::SignInResult)
