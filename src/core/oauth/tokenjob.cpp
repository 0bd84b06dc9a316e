#include "core/oauth/tokenjob.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"

#include <QJsonDocument>
#include <QJsonObject>

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

TokenJob::TokenJob(HttpClient *http, const Clock *clock, std::chrono::milliseconds timeout,
                   TokenEndpointConfig config, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_clock(clock ? clock : Clock::system())
    , m_timeout(timeout)
    , m_config(std::move(config))
{ }

TokenJob *TokenJob::grant(HttpClient *http, const Clock *clock, std::chrono::milliseconds timeout,
                          const TokenEndpointConfig &config, const FormFields &fields,
                          const Grant &grant, QObject *parent)
{
    auto *job = new TokenJob(http, clock, timeout, config, parent);
    job->m_kind = Kind::Grant;
    job->m_fields = fields;
    job->m_grant = grant;
    return job;
}

TokenJob *TokenJob::revocation(HttpClient *http, const Clock *clock,
                               std::chrono::milliseconds timeout, const TokenEndpointConfig &config,
                               const TokenSet &tokens, QObject *parent)
{
    auto *job = new TokenJob(http, clock, timeout, config, parent);
    job->m_kind = Kind::Revocation;
    // RFC 7009: the refresh token first (that usually ends the whole grant).
    if (!tokens.refreshToken.isEmpty())
        job->m_revocation.pending.append({ tokens.refreshToken, QStringLiteral("refresh_token") });
    if (!tokens.accessToken.isEmpty())
        job->m_revocation.pending.append({ tokens.accessToken, QStringLiteral("access_token") });
    return job;
}

TokenJob *TokenJob::failure(const Error &error, QObject *parent)
{
    auto *job = new TokenJob(nullptr, nullptr, {}, {}, parent);
    job->m_kind = Kind::Failure;
    job->m_failure = error;
    return job;
}

void TokenJob::doStart()
{
    switch (m_kind) {
    case Kind::Failure:
        emitResult(m_failure);
        return;
    case Kind::Revocation:
        revokeNext();
        return;
    case Kind::Grant:
        break;
    }
    const HttpRequest http = formRequest(m_config.tokenEndpoint, m_fields);
    m_fields.clear(); // they hold the code, verifier or refresh token
    QString detail = QStringLiteral("%1 as client %2 (%3)")
                         .arg(Trace::url(m_config.tokenEndpoint),
                              sanitizedServerText(m_config.client.clientId),
                              clientAuthMethodName(m_config.client.authMethod));
    if (!m_config.resource.isEmpty())
        detail += QLatin1String(", resource ") + Trace::url(m_config.resource);
    traceStep(trace(), Trace::Outcome::Info,
              QStringLiteral("POST token endpoint (%1)").arg(m_grant.grantType), detail);
    m_http->send(http, this, [this](const HttpResponse &response) { onGrantAnswered(response); });
}

HttpRequest TokenJob::formRequest(const QUrl &endpoint, FormFields fields) const
{
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = endpoint;
    request.timeout = m_timeout;
    request.maxBodyBytes = MaxTokenResponseBytes;
    request.headers = { { "Content-Type", "application/x-www-form-urlencoded" },
                        { "Accept", "application/json" } };
    const ClientRegistration &client = m_config.client;
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

void TokenJob::onGrantAnswered(const HttpResponse &response)
{
    const Grant &grant = m_grant;
    const auto fail = [this](const Error &error) {
        traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("token request failed"),
                  error.toString());
        qCDebug(lcOAuth) << "token request failed:" << error.codeName();
        emitResult(error);
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
    // RFC 6749 A.12: an access token is visible ASCII (and space). Anything
    // else could not travel in an Authorization header unaltered, and CR LF
    // would add headers of the server's choosing.
    for (const QChar c : std::as_const(tokens.accessToken)) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
            fail({ Error::Code::MalformedResponse,
                   QStringLiteral("the access_token contains characters an HTTP header cannot "
                                  "carry") });
            return;
        }
    }

    const QJsonValue tokenType = object.value(QLatin1String("token_type"));
    if (tokenType.isUndefined()) {
        traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("token response"),
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
        traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("token response"),
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
    traceStep(trace(), Trace::Outcome::Success,
              QStringLiteral("token endpoint (%1)").arg(grant.grantType), detail);
    m_tokens = tokens;
    emitResult();
}

void TokenJob::revokeNext()
{
    if (m_revocation.pending.isEmpty()) {
        if (m_revocation.failures.isEmpty()) {
            traceStep(trace(), Trace::Outcome::Success, QStringLiteral("revocation"),
                      QStringLiteral("every token was revoked"));
            emitResult();
        } else {
            emitResult(
                { Error::Code::RevocationFailed, m_revocation.failures.join(QLatin1String("; ")) });
        }
        return;
    }
    const auto [token, hint] = m_revocation.pending.takeFirst();
    m_revocation.currentHint = hint;
    const HttpRequest http = formRequest(
        m_config.revocationEndpoint,
        { { QStringLiteral("token"), token }, { QStringLiteral("token_type_hint"), hint } });
    traceStep(trace(), Trace::Outcome::Info,
              QStringLiteral("POST revocation endpoint (%1)").arg(hint),
              Trace::url(m_config.revocationEndpoint));
    m_http->send(http, this,
                 [this](const HttpResponse &response) { onRevocationAnswered(response); });
}

void TokenJob::onRevocationAnswered(const HttpResponse &response)
{
    const QString what = m_revocation.currentHint == QLatin1String("refresh_token")
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
        traceStep(trace(), Trace::Outcome::Success, QStringLiteral("revocation"),
                  QStringLiteral("HTTP 200: revoked %1").arg(what));
    } else {
        traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("revocation"), failure);
        m_revocation.failures.append(failure);
    }
    // After a failed refresh-token revocation the access token is still worth a try.
    revokeNext();
}

} // namespace Mcpa
