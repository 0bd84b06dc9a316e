#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <chrono>
#include <memory>

namespace Mcpa {

class Clock;
class HttpClient;
class Trace;
struct HttpRequest;
struct HttpResponse;

/// Where and as whom to talk to an authorization server's token endpoints.
struct TokenEndpointConfig
{
    QUrl tokenEndpoint;
    QUrl revocationEndpoint; ///< may be empty: the AS offers no revocation
    ClientRegistration client;
    /// RFC 8707 resource sent with every token request; empty = omit
    /// (the per-server opt-out for ASes that reject it).
    QUrl resource;
};

/// One token-endpoint operation. Ends with exactly one of succeeded() or
/// failed() (always asynchronously), then deletes itself.
class TokenRequest : public QObject
{
    Q_OBJECT
public:
    enum class State { Running, Succeeded, Failed };
    Q_ENUM(State)

    explicit TokenRequest(QObject *parent = nullptr);
    State state() const { return m_state; }

    // Used by TokenClient.
    void finishWith(const TokenSet &tokens);
    void failWith(const Error &error);

Q_SIGNALS:
    void succeeded(const Mcpa::TokenSet &tokens);
    void failed(const Mcpa::Error &error);

private:
    State m_state = State::Running;
};

/// Our own OAuth token client (RFC 6749 section 4.1.3 / 6, RFC 7009, RFC
/// 8707), because Qt 6.4's QOAuth2AuthorizationCodeFlow swallows token
/// errors and gets stuck after a failed refresh. Client authentication per
/// the registration: none (client_id in the body), client_secret_post, or
/// client_secret_basic (HTTP Basic with form-urlencoded id and secret).
///
/// Errors: invalid_grant -> InvalidGrant, invalid_client -> InvalidClient,
/// other OAuth errors -> TokenEndpointError ("error: description"),
/// non-JSON or missing access_token -> MalformedResponse / HttpStatus,
/// transport -> Unreachable / Timeout. HTTP 200 with an "error" member is
/// an error too.
class TokenClient : public QObject
{
    Q_OBJECT
public:
    TokenClient(HttpClient *http, const Clock *clock, Trace *trace = nullptr,
                QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// grant_type=authorization_code with code_verifier, redirect_uri, resource.
    /// @p requestedScopes become TokenSet::scopes when the response has no "scope".
    TokenRequest *exchangeCode(const TokenEndpointConfig &config, const QString &code,
                               const QString &codeVerifier, const QUrl &redirectUri,
                               const QStringList &requestedScopes);

    /// grant_type=refresh_token with resource. The result keeps the old
    /// refresh token when the AS does not rotate it, and the old scopes when
    /// it does not say.
    TokenRequest *refresh(const TokenEndpointConfig &config, const TokenSet &current);

    /// RFC 7009: revokes the refresh token, then the access token. Succeeds
    /// (with an empty TokenSet) when every present token was revoked. Fails
    /// with RevocationFailed when there is no revocation endpoint.
    TokenRequest *revoke(const TokenEndpointConfig &config, const TokenSet &tokens);

private:
    struct Grant; ///< what one token request needs to read its answer
    struct Revocation; ///< the tokens still to revoke and what went wrong so far
    using FormFields = QList<QPair<QString, QString>>;

    HttpRequest formRequest(const QUrl &endpoint, const ClientRegistration &client,
                            FormFields fields) const;
    TokenRequest *postGrant(const TokenEndpointConfig &config, const FormFields &fields,
                            const Grant &grant);
    void onGrantAnswered(TokenRequest *request, const Grant &grant, const HttpResponse &response);
    void revokeNext(TokenRequest *request, const std::shared_ptr<Revocation> &revocation);
    void onRevocationAnswered(TokenRequest *request, const std::shared_ptr<Revocation> &revocation,
                              const HttpResponse &response);

    HttpClient *m_http;
    const Clock *m_clock;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 30000 };
};

} // namespace Mcpa
