#pragma once

#include "core/base/job.h"
#include "core/oauth/oauthtypes.h"

#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <chrono>

class QOAuth2AuthorizationCodeFlow;

namespace Mcpa {

class HttpClient;
class LoopbackReplyHandler;
struct HttpResponse;

struct AuthorizationRequest
{
    AuthServerMetadata authServer;
    ClientRegistration client;
    QUrl resource; ///< RFC 8707; empty = omit (per-server opt-out)
    QStringList scopes; ///< empty = no scope parameter
    std::chrono::milliseconds timeout { std::chrono::minutes(5) };
    /// GET the authorization URL first (no redirects): HTTP 400 means the
    /// AS forgot this client -> StaleClient. For cached dynamic clients.
    bool preflight = false;
};

/// What the authorization step produced: the code and what the token
/// request needs with it. The verifier and code are secrets.
struct AuthorizationResult
{
    QString code;
    QByteArray codeVerifier;
    QUrl redirectUri;
    QStringList scopes;
};

/// The authorization step of the authorization code flow, run through
/// QOAuth2AuthorizationCodeFlow and its loopback reply handler. result() is
/// the code and what the token request needs with it.
///
///   owner          AuthorizationJob            browser            AS
///     | listen(port)   | 127.0.0.1:port/callback |                 |
///     | setRequest(r), start()                   |                 |
///     |                | build URL (Qt) + PKCE S256, state, resource|
///     |                | [preflight GET, no redirects] ------------>|
///     |<- authorizeWithBrowser(url)               |                 |
///     |  (owner opens a browser / web view) ----->| GET url ------->|
///     |                |<---- GET /callback?code&state&iss -------- |
///     |                | verify state (discard mismatches), iss     |
///     |<- finished: result() (code, verifier) / error() (typed)    |
///
/// Qt 6.4's flow is used for the authorization URL (its parameters, the
/// modify-parameters hook) and its reply handler for the listener; state
/// checking, error mapping and the token request are ours, because Qt 6.4
/// has no PKCE, uses a short state, only logs a state mismatch and
/// swallows token-endpoint errors. The port is freed when the job ends,
/// before finished(); cancel() frees it at once.
class AuthorizationJob : public Job
{
    Q_OBJECT
public:
    explicit AuthorizationJob(HttpClient *http, QObject *parent = nullptr);
    ~AuthorizationJob() override;

    /// Opens the listener on 127.0.0.1:@p port (0: the OS chooses), before
    /// start(); start() opens one itself when this was not called. The
    /// redirect URI uses @p redirectHost ("127.0.0.1", or "localhost" when a
    /// pre-registered client's URI says so). CallbackPortInUse when taken.
    Error listen(quint16 port = 0, const QString &redirectHost = QStringLiteral("127.0.0.1"));
    QUrl redirectUri() const;
    bool isListening() const;

    /// What to authorize; set before start().
    void setRequest(const AuthorizationRequest &request) { m_request = request; }

    /// The browser was sent to the authorization URL; a callback is awaited.
    bool isWaitingForBrowser() const { return m_waitingForBrowser; }

    /// The code and what the token request needs; valid only on success.
    AuthorizationResult result() const { return m_result; }

Q_SIGNALS:
    /// Open this URL in a browser; the job waits for the callback.
    void authorizeWithBrowser(const QUrl &url);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onAuthorizationUrl(const QUrl &url);
    void onPreflightAnswered(const HttpResponse &response);
    void openBrowser();
    void onCallback(const QVariantMap &received);
    void onTimeout();
    void succeed(const QString &code);
    /// Ends the job with @p error (none: success) once the reply handler has
    /// written its page and the port is freed.
    void endAfterPage(const Error &error);
    void stopListening();
    void setPage(const QString &title, const QString &message);

    HttpClient *m_http;
    LoopbackReplyHandler *m_handler = nullptr;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QTimer m_timeout;
    AuthorizationRequest m_request;
    QByteArray m_stateToken;
    QByteArray m_verifier;
    QByteArray m_challenge;
    QUrl m_authorizationUrl;
    int m_rejectedCallbacks = 0;
    bool m_preflight = false; ///< the pre-flight GET is out
    bool m_waitingForBrowser = false;
    bool m_ending = false; ///< the outcome is decided; the job ends after the page
    Error m_outcome;
    AuthorizationResult m_result;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::AuthorizationResult)
