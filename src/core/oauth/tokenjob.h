#pragma once

#include "core/base/job.h"
#include "core/oauth/oauthtypes.h"

#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace Mcpa {

class Clock;
class HttpClient;
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

/// One request at an authorization server's token endpoints: a grant
/// (code exchange, refresh) or a revocation (RFC 7009: the refresh token,
/// then the access token). TokenClient builds them; tokens() is the result
/// of a grant (secrets: never log them).
///
///   grant:      POST token endpoint -> parse -> tokens()
///   revocation: POST revocation (refresh token) -> POST revocation (access
///               token) -> success only when every present token was revoked
class TokenJob : public Job
{
    Q_OBJECT
public:
    using FormFields = QList<QPair<QString, QString>>;

    /// What a grant's answer is read with.
    struct Grant
    {
        QString grantType; ///< "authorization_code" or "refresh_token"
        /// The scopes of the result when the response has no "scope": the
        /// requested ones (code exchange) or the current ones (refresh).
        QStringList fallbackScopes;
        /// Refresh only: kept when the server does not rotate it. Secret.
        QString previousRefreshToken;
    };

    /// POSTs @p fields (plus the client's authentication) to the token endpoint.
    static TokenJob *grant(HttpClient *http, const Clock *clock, std::chrono::milliseconds timeout,
                           const TokenEndpointConfig &config, const FormFields &fields,
                           const Grant &grant, QObject *parent);
    /// Revokes every token of @p tokens that is present.
    static TokenJob *revocation(HttpClient *http, const Clock *clock,
                                std::chrono::milliseconds timeout,
                                const TokenEndpointConfig &config, const TokenSet &tokens,
                                QObject *parent);
    /// A request that cannot be made (no refresh token, no revocation
    /// endpoint): fails with @p error when started.
    static TokenJob *failure(const Error &error, QObject *parent);

    /// The tokens a grant received; empty for a revocation or a failure.
    TokenSet tokens() const { return m_tokens; }

protected:
    void doStart() override;

private:
    enum class Kind { Grant, Revocation, Failure };
    struct Revocation
    {
        QList<QPair<QString, QString>> pending; ///< (token, token_type_hint), secrets
        QString currentHint;
        QStringList failures;
    };

    TokenJob(HttpClient *http, const Clock *clock, std::chrono::milliseconds timeout,
             TokenEndpointConfig config, QObject *parent);
    HttpRequest formRequest(const QUrl &endpoint, FormFields fields) const;
    void onGrantAnswered(const HttpResponse &response);
    void revokeNext();
    void onRevocationAnswered(const HttpResponse &response);

    HttpClient *m_http;
    const Clock *m_clock;
    std::chrono::milliseconds m_timeout;
    TokenEndpointConfig m_config;
    Kind m_kind = Kind::Failure;
    FormFields m_fields;
    Grant m_grant;
    Revocation m_revocation;
    Error m_failure;
    TokenSet m_tokens;
};

} // namespace Mcpa
