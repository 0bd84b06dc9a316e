#include "core/oauth/tokenclient.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Mcpa {

namespace {

constexpr qint64 MaxTokenResponseBytes = 256 * 1024;

// application/x-www-form-urlencoded with every reserved character escaped.
// QUrlQuery would leave '+' as is, which a form decoder reads as a space.
QByteArray formEncoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body += '&';
        body += formEncoded(field.first) + '=' + formEncoded(field.second);
    }
    return body;
}

bool isSuccess(int status)
{
    return status >= 200 && status <= 299;
}

// RFC 6749 section 5.2 error object -> typed error, "error: description".
Error oauthError(const QJsonObject &object)
{
    const QJsonValue errorValue = object.value(QLatin1String("error"));
    QString error = sanitizedServerText(errorValue.toString(), 80);
    if (error.isEmpty())
        error = QStringLiteral("unspecified error");
    const QString description
        = sanitizedServerText(object.value(QLatin1String("error_description")).toString());
    const QString detail
        = description.isEmpty() ? error : error + QLatin1String(": ") + description;
    if (error == QLatin1String("invalid_grant"))
        return { Error::Code::InvalidGrant, detail };
    if (error == QLatin1String("invalid_client"))
        return { Error::Code::InvalidClient, detail };
    return { Error::Code::TokenEndpointError, detail };
}

// expires_in: a JSON number, or (seen in the wild) a numeric string.
bool parseExpiresIn(const QJsonValue &value, qint64 *seconds)
{
    bool ok = false;
    if (value.isDouble()) {
        const double number = value.toDouble();
        ok = number >= 0 && number < 1e12;
        if (ok) // casting 1e300 to an integer would be undefined behaviour
            *seconds = static_cast<qint64>(number);
    } else if (value.isString()) {
        *seconds = value.toString().trimmed().toLongLong(&ok);
        ok = ok && *seconds >= 0;
    }
    return ok;
}

} // namespace

TokenRequest::TokenRequest(QObject *parent)
    : QObject(parent)
{ }

void TokenRequest::finishWith(const TokenSet &tokens)
{
    if (m_state != State::Running)
        return;
    m_state = State::Succeeded;
    QTimer::singleShot(0, this, [this, tokens] {
        Q_EMIT succeeded(tokens);
        deleteLater();
    });
}

void TokenRequest::failWith(const Error &error)
{
    if (m_state != State::Running)
        return;
    m_state = State::Failed;
    QTimer::singleShot(0, this, [this, error] {
        Q_EMIT failed(error);
        deleteLater();
    });
}

struct TokenClient::Grant
{
    QString grantType; ///< "authorization_code" or "refresh_token"
    /// The scopes of the result when the response has no "scope": the
    /// requested ones (code exchange) or the current ones (refresh).
    QStringList fallbackScopes;
    /// Refresh only: kept when the server does not rotate it. Secret.
    QString previousRefreshToken;
};

struct TokenClient::Revocation
{
    QUrl endpoint;
    ClientRegistration client;
    QList<QPair<QString, QString>> pending; ///< (token, token_type_hint), secrets
    QString currentHint;
    QStringList failures;
};

TokenClient::TokenClient(HttpClient *http, const Clock *clock, Trace *trace, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock ? clock : Clock::system())
    , m_trace(trace)
{ }

TokenRequest *TokenClient::exchangeCode(const TokenEndpointConfig &config, const QString &code,
                                        const QString &codeVerifier, const QUrl &redirectUri,
                                        const QStringList &requestedScopes)
{
    FormFields fields {
        { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
        { QStringLiteral("code"), code },
        // Byte for byte what the authorization request carried (RFC 6749 section 4.1.3).
        { QStringLiteral("redirect_uri"), redirectUri.toString(QUrl::FullyEncoded) },
        { QStringLiteral("code_verifier"), codeVerifier },
    };
    if (!config.resource.isEmpty())
        fields.append({ QStringLiteral("resource"), config.resource.toString(QUrl::FullyEncoded) });

    Grant grant;
    grant.grantType = QStringLiteral("authorization_code");
    grant.fallbackScopes = requestedScopes;
    return postGrant(config, fields, grant);
}

TokenRequest *TokenClient::refresh(const TokenEndpointConfig &config, const TokenSet &current)
{
    if (current.refreshToken.isEmpty()) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("refresh"),
                  QStringLiteral("there is no refresh token; sign in again"));
        auto *request = new TokenRequest(this);
        request->failWith({ Error::Code::InvalidGrant,
                            QStringLiteral("there is no refresh token; sign in again") });
        return request;
    }
    // No "scope": a refresh cannot widen the grant, and the same scope is the default.
    FormFields fields {
        { QStringLiteral("grant_type"), QStringLiteral("refresh_token") },
        { QStringLiteral("refresh_token"), current.refreshToken },
    };
    if (!config.resource.isEmpty())
        fields.append({ QStringLiteral("resource"), config.resource.toString(QUrl::FullyEncoded) });

    Grant grant;
    grant.grantType = QStringLiteral("refresh_token");
    grant.fallbackScopes = current.scopes;
    grant.previousRefreshToken = current.refreshToken;
    return postGrant(config, fields, grant);
}

HttpRequest TokenClient::formRequest(const QUrl &endpoint, const ClientRegistration &client,
                                     FormFields fields) const
{
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = endpoint;
    request.timeout = m_timeout;
    request.maxBodyBytes = MaxTokenResponseBytes;
    request.headers = { { "Content-Type", "application/x-www-form-urlencoded" },
                        { "Accept", "application/json" } };
    switch (client.authMethod) {
    case ClientAuthMethod::None:
        fields.append({ QStringLiteral("client_id"), client.clientId });
        break;
    case ClientAuthMethod::ClientSecretPost:
        fields.append({ QStringLiteral("client_id"), client.clientId });
        fields.append({ QStringLiteral("client_secret"), client.clientSecret });
        break;
    case ClientAuthMethod::ClientSecretBasic: {
        // RFC 6749 section 2.3.1: id and secret are form-urlencoded before Base64.
        const QByteArray credentials
            = formEncoded(client.clientId) + ':' + formEncoded(client.clientSecret);
        request.headers.append({ "Authorization", "Basic " + credentials.toBase64() });
        break;
    }
    }
    request.body = formBody(fields);
    return request;
}

TokenRequest *TokenClient::postGrant(const TokenEndpointConfig &config, const FormFields &fields,
                                     const Grant &grant)
{
    auto *request = new TokenRequest(this);
    const HttpRequest http = formRequest(config.tokenEndpoint, config.client, fields);
    QString detail
        = QStringLiteral("%1 as client %2 (%3)")
              .arg(Trace::url(config.tokenEndpoint), sanitizedServerText(config.client.clientId),
                   clientAuthMethodName(config.client.authMethod));
    if (!config.resource.isEmpty())
        detail += QLatin1String(", resource ") + Trace::url(config.resource);
    traceStep(m_trace, Trace::Outcome::Info,
              QStringLiteral("POST token endpoint (%1)").arg(grant.grantType), detail);
    m_http->send(http, request, [this, request, grant](const HttpResponse &response) {
        onGrantAnswered(request, grant, response);
    });
    return request;
}

void TokenClient::onGrantAnswered(TokenRequest *request, const Grant &grant,
                                  const HttpResponse &response)
{
    const auto fail = [this, request](const Error &error) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("token request failed"),
                  error.toString());
        qCDebug(lcOAuth) << "token request failed:" << error.codeName();
        request->failWith(error);
    };
    if (response.error) {
        fail(response.error);
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (!isSuccess(response.status)) {
            fail({ Error::Code::HttpStatus,
                   QStringLiteral("HTTP %1 from the token endpoint (not an OAuth error response)")
                       .arg(response.status) });
        } else {
            fail({ Error::Code::MalformedResponse,
                   QStringLiteral("HTTP %1 from the token endpoint, but the body is not a JSON "
                                  "object")
                       .arg(response.status) });
        }
        return;
    }
    // Any status with an "error" member is an error, HTTP 200 included.
    if (object.contains(QLatin1String("error"))) {
        fail(oauthError(object));
        return;
    }
    if (!isSuccess(response.status)) {
        fail({ Error::Code::HttpStatus,
               QStringLiteral("HTTP %1 from the token endpoint (JSON without an error code)")
                   .arg(response.status) });
        return;
    }

    TokenSet tokens;
    tokens.accessToken = object.value(QLatin1String("access_token")).toString();
    if (tokens.accessToken.isEmpty()) {
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the token response has no access_token") });
        return;
    }

    const QJsonValue tokenType = object.value(QLatin1String("token_type"));
    if (tokenType.isUndefined()) {
        traceStep(m_trace, Trace::Outcome::Warning, QStringLiteral("token response"),
                  QStringLiteral("no token_type; assuming Bearer"));
        tokens.tokenType = QStringLiteral("Bearer");
    } else if (tokenType.toString().compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0) {
        fail({ Error::Code::TokenEndpointError,
               QStringLiteral("unsupported token type \"%1\" (only Bearer is supported)")
                   .arg(sanitizedServerText(tokenType.toVariant().toString(), 40)) });
        return;
    } else {
        tokens.tokenType = tokenType.toString();
    }

    const QDateTime now = m_clock->now();
    tokens.receivedAt = now;
    qint64 expiresIn = 0;
    const QJsonValue expiresValue = object.value(QLatin1String("expires_in"));
    if (parseExpiresIn(expiresValue, &expiresIn)) {
        tokens.expiresAt = now.addSecs(expiresIn);
    } else if (!expiresValue.isUndefined()) {
        traceStep(m_trace, Trace::Outcome::Warning, QStringLiteral("token response"),
                  QStringLiteral("expires_in is not a number; expiry unknown"));
    }

    const QStringList grantedScopes = object.value(QLatin1String("scope"))
                                          .toString()
                                          .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    tokens.scopes = grantedScopes.isEmpty() ? grant.fallbackScopes : grantedScopes;
    tokens.idToken = object.value(QLatin1String("id_token")).toString();
    tokens.refreshToken = object.value(QLatin1String("refresh_token")).toString();

    QString detail = QStringLiteral("HTTP %1: access token received").arg(response.status);
    detail += tokens.expiresAt.isValid() ? QStringLiteral(", expires in %1 s").arg(expiresIn)
                                         : QStringLiteral(", expiry unknown");
    detail += QLatin1String(", scopes ")
        + (tokens.scopes.isEmpty() ? QStringLiteral("(none)")
                                   : sanitizedServerText(tokens.scopes.join(QLatin1Char(' '))));
    if (grantedScopes.isEmpty())
        detail += QLatin1String(" (as requested; the server did not say)");
    if (!grant.previousRefreshToken.isEmpty()) {
        if (tokens.refreshToken.isEmpty()) {
            tokens.refreshToken = grant.previousRefreshToken;
            detail += QLatin1String("; refresh token kept");
        } else if (tokens.refreshToken != grant.previousRefreshToken) {
            detail += QLatin1String("; refresh rotated the refresh token");
        } else {
            detail += QLatin1String("; refresh token kept");
        }
    } else {
        detail += tokens.refreshToken.isEmpty() ? QLatin1String("; no refresh token")
                                                : QLatin1String("; with a refresh token");
    }
    traceStep(m_trace, Trace::Outcome::Success,
              QStringLiteral("token endpoint (%1)").arg(grant.grantType), detail);
    request->finishWith(tokens);
}

TokenRequest *TokenClient::revoke(const TokenEndpointConfig &config, const TokenSet &tokens)
{
    auto *request = new TokenRequest(this);
    if (config.revocationEndpoint.isEmpty()) {
        const QString detail = QStringLiteral(
            "the server offers no revocation endpoint; the token stays valid until it expires");
        traceStep(m_trace, Trace::Outcome::Warning, QStringLiteral("revocation"), detail);
        request->failWith({ Error::Code::RevocationFailed, detail });
        return request;
    }
    auto revocation = std::make_shared<Revocation>();
    revocation->endpoint = config.revocationEndpoint;
    revocation->client = config.client;
    // RFC 7009: the refresh token first (that usually ends the whole grant).
    if (!tokens.refreshToken.isEmpty())
        revocation->pending.append({ tokens.refreshToken, QStringLiteral("refresh_token") });
    if (!tokens.accessToken.isEmpty())
        revocation->pending.append({ tokens.accessToken, QStringLiteral("access_token") });
    revokeNext(request, revocation);
    return request;
}

void TokenClient::revokeNext(TokenRequest *request, const std::shared_ptr<Revocation> &revocation)
{
    if (revocation->pending.isEmpty()) {
        if (revocation->failures.isEmpty()) {
            traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("revocation"),
                      QStringLiteral("every token was revoked"));
            request->finishWith(TokenSet());
        } else {
            request->failWith(
                { Error::Code::RevocationFailed, revocation->failures.join(QLatin1String("; ")) });
        }
        return;
    }
    const auto [token, hint] = revocation->pending.takeFirst();
    revocation->currentHint = hint;
    const HttpRequest http = formRequest(
        revocation->endpoint, revocation->client,
        { { QStringLiteral("token"), token }, { QStringLiteral("token_type_hint"), hint } });
    traceStep(m_trace, Trace::Outcome::Info,
              QStringLiteral("POST revocation endpoint (%1)").arg(hint),
              Trace::url(revocation->endpoint));
    m_http->send(http, request, [this, request, revocation](const HttpResponse &response) {
        onRevocationAnswered(request, revocation, response);
    });
}

void TokenClient::onRevocationAnswered(TokenRequest *request,
                                       const std::shared_ptr<Revocation> &revocation,
                                       const HttpResponse &response)
{
    const QString what = revocation->currentHint == QLatin1String("refresh_token")
        ? QStringLiteral("the refresh token")
        : QStringLiteral("the access token");
    QString failure;
    if (response.error) {
        failure = QStringLiteral("revoking %1: %2").arg(what, response.error.toString());
    } else if (response.status != 200) {
        failure = QStringLiteral("HTTP %1 revoking %2").arg(response.status).arg(what);
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        if (object.contains(QLatin1String("error")))
            failure += QLatin1String(" (") + oauthError(object).detail() + QLatin1Char(')');
    }
    if (failure.isEmpty()) {
        traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("revocation"),
                  QStringLiteral("HTTP 200: revoked %1").arg(what));
    } else {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("revocation"), failure);
        revocation->failures.append(failure);
    }
    // After a failed refresh-token revocation the access token is still worth a try.
    revokeNext(request, revocation);
}

} // namespace Mcpa
