#include "core/oauth/tokenclient.h"

#include "core/base/clock.h"
#include "core/base/trace.h"

namespace Mcpa {

TokenClient::TokenClient(HttpClient *http, const Clock *clock, Trace *trace, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock ? clock : Clock::system())
    , m_trace(trace)
{ }

TokenJob *TokenClient::exchangeCode(const TokenEndpointConfig &config, const QString &code,
                                    const QString &codeVerifier, const QUrl &redirectUri,
                                    const QStringList &requestedScopes)
{
    TokenJob::FormFields fields {
        { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
        { QStringLiteral("code"), code },
        // Byte for byte what the authorization request carried (RFC 6749 section 4.1.3).
        { QStringLiteral("redirect_uri"), redirectUri.toString(QUrl::FullyEncoded) },
        { QStringLiteral("code_verifier"), codeVerifier },
    };
    if (!config.resource.isEmpty())
        fields.append({ QStringLiteral("resource"), config.resource.toString(QUrl::FullyEncoded) });

    TokenJob::Grant grant;
    grant.grantType = QStringLiteral("authorization_code");
    grant.fallbackScopes = requestedScopes;
    return started(TokenJob::grant(m_http, m_clock, m_timeout, config, fields, grant, this));
}

TokenJob *TokenClient::refresh(const TokenEndpointConfig &config, const TokenSet &current)
{
    if (current.refreshToken.isEmpty()) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("refresh"),
                  QStringLiteral("there is no refresh token; sign in again"));
        return started(
            TokenJob::failure({ Error::Code::InvalidGrant,
                                QStringLiteral("there is no refresh token; sign in again") },
                              this));
    }
    // No "scope": a refresh cannot widen the grant, and the same scope is the default.
    TokenJob::FormFields fields {
        { QStringLiteral("grant_type"), QStringLiteral("refresh_token") },
        { QStringLiteral("refresh_token"), current.refreshToken },
    };
    if (!config.resource.isEmpty())
        fields.append({ QStringLiteral("resource"), config.resource.toString(QUrl::FullyEncoded) });

    TokenJob::Grant grant;
    grant.grantType = QStringLiteral("refresh_token");
    grant.fallbackScopes = current.scopes;
    grant.previousRefreshToken = current.refreshToken;
    return started(TokenJob::grant(m_http, m_clock, m_timeout, config, fields, grant, this));
}

TokenJob *TokenClient::revoke(const TokenEndpointConfig &config, const TokenSet &tokens)
{
    if (config.revocationEndpoint.isEmpty()) {
        const QString detail = QStringLiteral(
            "the server offers no revocation endpoint; the token stays valid until it expires");
        traceStep(m_trace, Trace::Outcome::Warning, QStringLiteral("revocation"), detail);
        return started(TokenJob::failure({ Error::Code::RevocationFailed, detail }, this));
    }
    return started(TokenJob::revocation(m_http, m_clock, m_timeout, config, tokens, this));
}

TokenJob *TokenClient::started(TokenJob *job) const
{
    job->setTrace(m_trace);
    job->start();
    return job;
}

} // namespace Mcpa
