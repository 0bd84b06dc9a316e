#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <chrono>

class QOAuth2AuthorizationCodeFlow;

namespace Mcpa {

class HttpClient;
class LoopbackReplyHandler;
class Trace;
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
/// QOAuth2AuthorizationCodeFlow and its loopback reply handler.
///
///   owner          AuthorizationFlow           browser            AS
///     | listen(port)   | 127.0.0.1:port/callback |                 |
///     | start(request) | build URL (Qt) + PKCE S256, state, resource|
///     |                | [preflight GET, no redirects] ------------>|
///     |<- authorizeWithBrowser(url)               |                 |
///     |  (owner opens a browser / web view) ----->| GET url ------->|
///     |                |<---- GET /callback?code&state&iss -------- |
///     |                | verify state (discard mismatches), iss     |
///     |<- succeeded(code, verifier) / failed(typed error)          |
///
/// Qt 6.4's flow is used for the authorization URL (its parameters, the
/// modify-parameters hook) and its reply handler for the listener; state
/// checking, error mapping and the token request are ours, because Qt 6.4
/// has no PKCE, uses a short state, only logs a state mismatch and
/// swallows token-endpoint errors. The port is freed when the flow ends.
class AuthorizationFlow : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Listening, Preflight, WaitingForBrowser, Finished, Failed };
    Q_ENUM(State)

    AuthorizationFlow(HttpClient *http, Trace *trace = nullptr, QObject *parent = nullptr);
    ~AuthorizationFlow() override;

    /// Opens the listener on 127.0.0.1:@p port (0: the OS chooses). The
    /// redirect URI uses @p redirectHost ("127.0.0.1", or "localhost" when a
    /// pre-registered client's URI says so). CallbackPortInUse when taken.
    Error listen(quint16 port = 0, const QString &redirectHost = QStringLiteral("127.0.0.1"));
    QUrl redirectUri() const;
    bool isListening() const;

    /// Exactly one of succeeded()/failed() follows, asynchronously.
    void start(const AuthorizationRequest &request);
    /// Ends a running flow with Cancelled and frees the port.
    void cancel();

    State state() const { return m_state; }

Q_SIGNALS:
    void stateChanged(Mcpa::AuthorizationFlow::State state);
    /// Open this URL in a browser; the flow waits for the callback.
    void authorizeWithBrowser(const QUrl &url);
    void succeeded(const Mcpa::AuthorizationResult &result);
    void failed(const Mcpa::Error &error);

private:
    void onAuthorizationUrl(const QUrl &url);
    void onPreflightAnswered(const HttpResponse &response);
    void openBrowser();
    void onCallback(const QVariantMap &received);
    void onTimeout();
    void succeed(const QString &code);
    void fail(const Error &error);
    void stopListening();
    void setPage(const QString &title, const QString &message);
    void setState(State state);

    HttpClient *m_http;
    Trace *m_trace;
    LoopbackReplyHandler *m_handler = nullptr;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    QTimer m_timeout;
    State m_state = State::Idle;
    AuthorizationRequest m_request;
    QByteArray m_stateToken;
    QByteArray m_verifier;
    QByteArray m_challenge;
    QUrl m_authorizationUrl;
    int m_rejectedCallbacks = 0;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::AuthorizationResult)
