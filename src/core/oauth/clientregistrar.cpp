#include "core/oauth/clientregistrar.h"

#include "core/base/logging.h"
#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

namespace {

constexpr qint64 MaxRegistrationResponseBytes = 256 * 1024;

bool lists(const QStringList &methods, ClientAuthMethod method)
{
    return methods.contains(clientAuthMethodName(method));
}

QString describe(ClientAuthMethod method)
{
    return method == ClientAuthMethod::None
        ? QStringLiteral("a public client (no secret)")
        : QStringLiteral("a confidential client (%1)").arg(clientAuthMethodName(method));
}

} // namespace

RegistrationPlan ClientRegistrar::plan(const AuthServerMetadata &authServer,
                                       const RegistrationOptions &options)
{
    RegistrationPlan plan;
    if (!options.preRegisteredClientId.isEmpty()) {
        plan.kind = RegistrationPlan::Kind::PreRegistered;
        return plan;
    }
    if (!options.clientMetadataUrl.isEmpty()) {
        if (authServer.clientIdMetadataDocumentSupported) {
            plan.kind = RegistrationPlan::Kind::MetadataDocument;
            return plan;
        }
        plan.metadataDocumentUnsupported = true;
    }
    if (authServer.registrationEndpoint.isEmpty()) {
        plan.kind = RegistrationPlan::Kind::NeedsClientId;
        plan.reason = QStringLiteral("this authorization server needs a client id; enter one in "
                                     "the server's settings (it offers no dynamic client "
                                     "registration)");
        return plan;
    }
    const QStringList supported = authServer.tokenEndpointAuthMethodsSupported;
    plan.kind = RegistrationPlan::Kind::Dynamic;
    if (supported.isEmpty() || lists(supported, ClientAuthMethod::None)) {
        plan.dynamicMethod = ClientAuthMethod::None;
    } else if (lists(supported, ClientAuthMethod::ClientSecretBasic)) {
        plan.dynamicMethod = ClientAuthMethod::ClientSecretBasic;
    } else if (lists(supported, ClientAuthMethod::ClientSecretPost)) {
        plan.dynamicMethod = ClientAuthMethod::ClientSecretPost;
    } else {
        plan.kind = RegistrationPlan::Kind::NeedsClientId;
        plan.reason = QStringLiteral("the authorization server supports none of the client "
                                     "authentication methods this app can use (it lists: %1); "
                                     "enter a client id in the server's settings")
                          .arg(sanitizedServerText(supported.join(QLatin1String(", "))));
    }
    return plan;
}

RegistrationJob::RegistrationJob(HttpClient *http, const AuthServerMetadata &authServer,
                                 const RegistrationOptions &options, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_authServer(authServer)
    , m_options(options)
{ }

void RegistrationJob::doStart()
{
    const RegistrationPlan plan = ClientRegistrar::plan(m_authServer, m_options);
    if (plan.metadataDocumentUnsupported)
        traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("client metadata document"),
                  QStringLiteral("a metadata document URL is configured, but the authorization "
                                 "server does not support client_id_metadata_document; "
                                 "trying dynamic registration"));
    switch (plan.kind) {
    case RegistrationPlan::Kind::PreRegistered:
        usePreRegistered();
        return;
    case RegistrationPlan::Kind::MetadataDocument:
        useMetadataDocument();
        return;
    case RegistrationPlan::Kind::NeedsClientId:
        emitFailure({ Error::Code::ClientDetailsNeeded, plan.reason });
        return;
    case RegistrationPlan::Kind::Dynamic:
        m_requestedMethod = plan.dynamicMethod;
        registerDynamically();
        return;
    }
}

void RegistrationJob::usePreRegistered()
{
    // SEP-2352: the client (and its secret) belong to the authorization
    // server they were entered for; never send them to another one.
    if (!m_options.preRegisteredIssuer.isEmpty()
        && m_options.preRegisteredIssuer != m_authServer.issuer) {
        traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("pre-registered client"),
                  QStringLiteral("bound to another authorization server"));
        emitFailure(
            { Error::Code::ClientDetailsNeeded,
              QStringLiteral("the pre-registered client %1 belongs to the authorization server "
                             "%2, but this server now signs in through %3; its id and secret "
                             "are not sent there. Enter a client registered with %3 (or remove "
                             "the client to register anew)")
                  .arg(m_options.preRegisteredClientId, m_options.preRegisteredIssuer,
                       sanitizedServerText(m_authServer.issuer, 200)) });
        return;
    }
    const QStringList supported = m_authServer.tokenEndpointAuthMethodsSupported;
    ClientAuthMethod method = ClientAuthMethod::None;
    if (m_options.preRegisteredAuthMethod) {
        method = *m_options.preRegisteredAuthMethod;
    } else if (m_options.preRegisteredClientSecret.isEmpty()) {
        method = ClientAuthMethod::None;
    } else if (supported.isEmpty() || lists(supported, ClientAuthMethod::ClientSecretBasic)) {
        // RFC 8414 section 2: an absent list means client_secret_basic.
        method = ClientAuthMethod::ClientSecretBasic;
    } else if (lists(supported, ClientAuthMethod::ClientSecretPost)) {
        method = ClientAuthMethod::ClientSecretPost;
    } else {
        emitFailure(
            { Error::Code::ClientDetailsNeeded,
              QStringLiteral("the client has a secret, but the authorization server supports "
                             "neither client_secret_basic nor client_secret_post (it lists: %1); "
                             "choose the authentication method in the server's settings")
                  .arg(sanitizedServerText(supported.join(QLatin1String(", ")))) });
        return;
    }

    ClientRegistration registration;
    registration.issuer = m_authServer.issuer;
    registration.clientId = m_options.preRegisteredClientId;
    registration.clientSecret = m_options.preRegisteredClientSecret;
    registration.authMethod = method;
    registration.redirectUri = m_options.redirectUri;
    registration.source = ClientRegistration::Source::PreRegistered;
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("pre-registered client"),
              QStringLiteral("client id %1 as %2").arg(registration.clientId, describe(method)));
    succeed(registration);
}

void RegistrationJob::useMetadataDocument()
{
    // The URL becomes the client_id: HTTPS with a path
    // (draft-ietf-oauth-client-id-metadata-document).
    const QUrl url = m_options.clientMetadataUrl;
    QString problem;
    if (!url.isValid() || url.host().isEmpty())
        problem = QStringLiteral("is not a valid URL");
    else if (url.scheme() != QLatin1String("https"))
        problem = QStringLiteral("must use https");
    else if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        problem = QStringLiteral("must have a path (e.g. https://example.com/client.json)");
    else if (url.hasFragment())
        problem = QStringLiteral("must not have a fragment");
    if (!problem.isEmpty()) {
        emitFailure({ Error::Code::InvalidUrl,
                      QStringLiteral("the client metadata document URL %1 %2")
                          .arg(Trace::url(url), problem) });
        return;
    }

    ClientRegistration registration;
    registration.issuer = m_authServer.issuer;
    registration.clientId = url.toString(QUrl::FullyEncoded);
    registration.authMethod = ClientAuthMethod::None;
    registration.redirectUri = m_options.redirectUri;
    registration.source = ClientRegistration::Source::MetadataDocument;
    traceStep(
        trace(), Trace::Outcome::Success, QStringLiteral("client metadata document"),
        QStringLiteral("the authorization server supports it; client id %1").arg(Trace::url(url)));
    succeed(registration);
}

void RegistrationJob::registerDynamically()
{
    if (!m_options.redirectUri.isValid() || m_options.redirectUri.isEmpty()) {
        emitFailure(
            { Error::Code::InvalidUrl, QStringLiteral("no valid redirect URI to register") });
        return;
    }

    QJsonObject metadata {
        { QLatin1String("client_name"), m_options.clientName },
        { QLatin1String("redirect_uris"),
          QJsonArray { m_options.redirectUri.toString(QUrl::FullyEncoded) } },
        { QLatin1String("grant_types"),
          QJsonArray { QLatin1String("authorization_code"), QLatin1String("refresh_token") } },
        { QLatin1String("response_types"), QJsonArray { QLatin1String("code") } },
        { QLatin1String("token_endpoint_auth_method"), clientAuthMethodName(m_requestedMethod) },
        { QLatin1String("application_type"), QLatin1String("native") },
    };
    if (!m_options.scope.isEmpty())
        metadata.insert(QLatin1String("scope"), m_options.scope);

    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = m_authServer.registrationEndpoint;
    request.timeout = m_timeout;
    request.maxBodyBytes = MaxRegistrationResponseBytes;
    request.headers = { { "Content-Type", "application/json" }, { "Accept", "application/json" } };
    request.body = QJsonDocument(metadata).toJson(QJsonDocument::Compact);
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("POST registration endpoint"),
              QStringLiteral("%1: dynamic client registration as %2")
                  .arg(Trace::url(request.url), describe(m_requestedMethod)));
    m_http->send(request, this,
                 [this](const HttpResponse &response) { onRegistrationAnswered(response); });
}

void RegistrationJob::onRegistrationAnswered(const HttpResponse &response)
{
    if (response.error) {
        emitFailure(response.error);
        return;
    }
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    const QJsonObject object = document.object();
    const bool success = response.status == 200 || response.status == 201;
    if (!success) {
        // RFC 7591 section 3.2.2: {"error": "...", "error_description": "..."}
        const QString error = object.value(QLatin1String("error")).toString();
        if (!error.isEmpty()) {
            const QString description
                = sanitizedServerText(object.value(QLatin1String("error_description")).toString());
            emitFailure(
                { Error::Code::RegistrationFailed,
                  sanitizedServerText(error, 80)
                      + (description.isEmpty() ? QString() : QLatin1String(": ") + description) });
            return;
        }
        emitFailure({ Error::Code::RegistrationFailed,
                      QStringLiteral("HTTP %1 from the registration endpoint %2")
                          .arg(response.status)
                          .arg(Trace::url(response.url)) });
        return;
    }
    if (!document.isObject()) {
        emitFailure(
            { Error::Code::MalformedResponse,
              QStringLiteral("HTTP %1 from the registration endpoint, but the body is not a "
                             "JSON object")
                  .arg(response.status) });
        return;
    }
    finishWithResponse(object);
}

void RegistrationJob::finishWithResponse(const QJsonObject &response)
{
    const QJsonValue clientId = response.value(QLatin1String("client_id"));
    if (!clientId.isString() || clientId.toString().isEmpty()) {
        emitFailure({ Error::Code::MalformedResponse,
                      QStringLiteral("the registration response has no client_id") });
        return;
    }

    ClientRegistration registration;
    registration.issuer = m_authServer.issuer;
    registration.clientId = clientId.toString();
    registration.clientSecret = response.value(QLatin1String("client_secret")).toString();
    registration.redirectUri = m_options.redirectUri;
    registration.source = ClientRegistration::Source::Dynamic;
    registration.authMethod = m_requestedMethod;

    // RFC 7591 section 3.2.1: the server may change what we asked for.
    const QString answeredMethod
        = response.value(QLatin1String("token_endpoint_auth_method")).toString();
    ClientAuthMethod method = ClientAuthMethod::None;
    if (!answeredMethod.isEmpty() && answeredMethod != clientAuthMethodName(m_requestedMethod)) {
        if (parseClientAuthMethod(answeredMethod, &method)) {
            traceStep(
                trace(), Trace::Outcome::Warning, QStringLiteral("client registration"),
                QStringLiteral("the server registered %1 instead of %2")
                    .arg(clientAuthMethodName(method), clientAuthMethodName(m_requestedMethod)));
            registration.authMethod = method;
        } else {
            traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("client registration"),
                      QStringLiteral("the server answered the unsupported method %1; keeping %2")
                          .arg(sanitizedServerText(answeredMethod, 80),
                               clientAuthMethodName(m_requestedMethod)));
        }
    }
    if (registration.authMethod != ClientAuthMethod::None && registration.clientSecret.isEmpty()) {
        emitFailure(
            { Error::Code::MalformedResponse,
              QStringLiteral("the server registered a %1 client but returned no client_secret")
                  .arg(clientAuthMethodName(registration.authMethod)) });
        return;
    }

    // 0 (or absent) means the secret never expires.
    const qint64 expiresAt
        = response.value(QLatin1String("client_secret_expires_at")).toVariant().toLongLong();
    if (!registration.clientSecret.isEmpty() && expiresAt > 0)
        registration.clientSecretExpiresAt = QDateTime::fromSecsSinceEpoch(expiresAt, Qt::UTC);

    QString detail
        = QStringLiteral("client id %1").arg(sanitizedServerText(registration.clientId, 200));
    if (registration.clientSecretExpiresAt.isValid())
        detail += QStringLiteral(", secret expires %1")
                      .arg(registration.clientSecretExpiresAt.toString(Qt::ISODate));
    traceStep(trace(), Trace::Outcome::Success,
              QStringLiteral("registered dynamically as %1").arg(describe(registration.authMethod)),
              detail);
    succeed(registration);
}

void RegistrationJob::succeed(const ClientRegistration &registration)
{
    m_result = registration;
    emitResult();
}

void RegistrationJob::emitFailure(const Error &error)
{
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("client registration failed"),
              error.toString());
    qCDebug(lcOAuth) << "client registration failed:" << error.codeName();
    emitResult(error);
}

} // namespace Mcpa
