#pragma once

#include "core/oauth/tokenjob.h"

#include <QObject>

#include <chrono>

namespace Mcpa {

class Clock;
class HttpClient;
class Trace;

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

    // Every request is a started TokenJob (see TokenJob): connect to finished().

    /// grant_type=authorization_code with code_verifier, redirect_uri, resource.
    /// @p requestedScopes become TokenSet::scopes when the response has no "scope".
    TokenJob *exchangeCode(const TokenEndpointConfig &config, const QString &code,
                           const QString &codeVerifier, const QUrl &redirectUri,
                           const QStringList &requestedScopes);

    /// grant_type=refresh_token with resource. The result keeps the old
    /// refresh token when the AS does not rotate it, and the old scopes when
    /// it does not say.
    TokenJob *refresh(const TokenEndpointConfig &config, const TokenSet &current);

    /// RFC 7009: revokes the refresh token, then the access token. Succeeds
    /// (with an empty TokenSet) when every present token was revoked. Fails
    /// with RevocationFailed when there is no revocation endpoint.
    TokenJob *revoke(const TokenEndpointConfig &config, const TokenSet &tokens);

private:
    TokenJob *started(TokenJob *job) const;

    HttpClient *m_http;
    const Clock *m_clock;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 30000 };
};

} // namespace Mcpa
