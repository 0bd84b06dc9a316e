#include "core/oauth/discovery.h"

#include "core/base/logging.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

namespace {

constexpr QLatin1String ProtectedResourceWellKnown("/.well-known/oauth-protected-resource");
constexpr QLatin1String OAuthServerWellKnown("/.well-known/oauth-authorization-server");
constexpr QLatin1String OpenIdWellKnown("/.well-known/openid-configuration");

bool isSuccess(int status)
{
    return status >= 200 && status <= 299;
}

/// scheme://host[:port] of @p url in RFC 8707 canonical form (default port dropped).
QUrl originOf(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return UrlPolicy::canonicalResource(origin);
}

/// The path to put after a well-known prefix: encoded, without one trailing
/// slash, empty for the root (RFC 8414 section 3.1, RFC 9728 section 3.1).
QString pathSuffix(const QUrl &url)
{
    QString path = url.path(QUrl::FullyEncoded);
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QUrl onOrigin(const QUrl &origin, const QString &encodedPath)
{
    QUrl url = origin;
    url.setPath(encodedPath, QUrl::TolerantMode);
    return url;
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        if (entry.isString())
            list.append(entry.toString());
    }
    return list;
}

Error parseObject(const QByteArray &body, const QString &what, QJsonObject *object)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return { Error::Code::MalformedResponse, what + QLatin1String(" is not a JSON object") };
    *object = document.object();
    return {};
}

/// RFC 9728 section 2: "resource" and, for the MCP spec, a non-empty
/// "authorization_servers" (kept as the exact strings for the issuer check).
Error parseResourceMetadata(const QByteArray &body, const QUrl &source,
                            ProtectedResourceMetadata *metadata, QStringList *issuers)
{
    const QString what = QLatin1String("the protected resource metadata at ") + Trace::url(source);
    QJsonObject object;
    if (const Error error = parseObject(body, what, &object))
        return error;

    const QJsonValue resource = object.value(QLatin1String("resource"));
    const QUrl resourceUrl(resource.toString(), QUrl::StrictMode);
    if (!resource.isString() || !resourceUrl.isValid() || resourceUrl.host().isEmpty())
        return { Error::Code::MalformedResponse,
                 what + QLatin1String(" has no valid \"resource\" URL") };

    const QJsonValue servers = object.value(QLatin1String("authorization_servers"));
    const QJsonArray serverArray = servers.toArray();
    QStringList found;
    for (const QJsonValue &server : serverArray) {
        if (!server.isString() || server.toString().isEmpty())
            return {
                Error::Code::MalformedResponse,
                what + QLatin1String(" has an \"authorization_servers\" entry that is not a URL")
            };
        found.append(server.toString());
    }
    if (found.isEmpty())
        return { Error::Code::MalformedResponse,
                 what + QLatin1String(" lists no \"authorization_servers\"") };

    metadata->resource = resourceUrl;
    metadata->authorizationServers.clear();
    for (const QString &issuer : std::as_const(found))
        metadata->authorizationServers.append(QUrl(issuer));
    metadata->scopesSupported = stringList(object.value(QLatin1String("scopes_supported")));
    metadata->sourceUrl = source;
    *issuers = found;
    return {};
}

/// The PRM must describe this server: same origin, and its path is the MCP
/// path or a parent of it on a segment boundary ("/mc" is no parent of "/mcp").
Error checkResource(const QUrl &resource, const QUrl &mcpUrl)
{
    const QUrl ours = UrlPolicy::canonicalResource(mcpUrl);
    const QUrl theirs = UrlPolicy::canonicalResource(resource);
    const Error mismatch { Error::Code::ResourceMismatch,
                           QLatin1String("the protected resource metadata is for ")
                               + Trace::url(resource) + QLatin1String(", not for this server (")
                               + Trace::url(mcpUrl)
                               + QLatin1String("); refusing to sign in there") };
    if (ours.scheme() != theirs.scheme() || ours.host() != theirs.host()
        || effectivePort(ours) != effectivePort(theirs))
        return mismatch;
    const QString ourPath = ours.path(QUrl::FullyEncoded);
    const QString theirPath = theirs.path(QUrl::FullyEncoded);
    if (theirPath.isEmpty() || theirPath == ourPath
        || ourPath.startsWith(theirPath + QLatin1Char('/')))
        return {};
    return mismatch;
}

/// RFC 8414 section 3.1 and OIDC Discovery, in the order the MCP spec gives.
QList<QUrl> authServerMetadataUrls(const QUrl &issuer)
{
    const QUrl origin = originOf(issuer);
    const QString path = pathSuffix(issuer);
    if (path.isEmpty())
        return { onOrigin(origin, OAuthServerWellKnown), onOrigin(origin, OpenIdWellKnown) };
    return { onOrigin(origin, OAuthServerWellKnown + path),
             onOrigin(origin, OpenIdWellKnown + path), onOrigin(origin, path + OpenIdWellKnown) };
}

/// Reads the fields the client uses; only presence is checked here.
Error parseAuthServerMetadata(const QByteArray &body, const QUrl &source,
                              AuthServerMetadata *metadata)
{
    const QString what
        = QLatin1String("the authorization server metadata at ") + Trace::url(source);
    QJsonObject object;
    if (const Error error = parseObject(body, what, &object))
        return error;
    const auto text = [&object](const char *name) {
        return object.value(QLatin1String(name)).toString();
    };
    for (const char *required : { "issuer", "authorization_endpoint", "token_endpoint" }) {
        if (text(required).isEmpty())
            return { Error::Code::MalformedResponse,
                     what + QLatin1String(" has no \"") + QLatin1String(required)
                         + QLatin1String("\"") };
    }

    AuthServerMetadata parsed;
    parsed.issuer = text("issuer");
    parsed.authorizationEndpoint = QUrl(text("authorization_endpoint"), QUrl::StrictMode);
    parsed.tokenEndpoint = QUrl(text("token_endpoint"), QUrl::StrictMode);
    parsed.registrationEndpoint = QUrl(text("registration_endpoint"), QUrl::StrictMode);
    parsed.revocationEndpoint = QUrl(text("revocation_endpoint"), QUrl::StrictMode);
    parsed.userinfoEndpoint = QUrl(text("userinfo_endpoint"), QUrl::StrictMode);
    parsed.scopesSupported = stringList(object.value(QLatin1String("scopes_supported")));
    parsed.codeChallengeMethodsSupported
        = stringList(object.value(QLatin1String("code_challenge_methods_supported")));
    parsed.tokenEndpointAuthMethodsSupported
        = stringList(object.value(QLatin1String("token_endpoint_auth_methods_supported")));
    parsed.grantTypesSupported = stringList(object.value(QLatin1String("grant_types_supported")));
    parsed.clientIdMetadataDocumentSupported
        = object.value(QLatin1String("client_id_metadata_document_supported")).toBool(false);
    parsed.authorizationResponseIssParameterSupported
        = object.value(QLatin1String("authorization_response_iss_parameter_supported"))
              .toBool(false);
    parsed.fromMetadata = true;
    parsed.sourceUrl = source;
    *metadata = parsed;
    return {};
}

/// Every endpoint the metadata names must be usable: HTTPS (or loopback http).
Error checkEndpoints(const AuthServerMetadata &metadata)
{
    const struct
    {
        const char *name;
        const QUrl &url;
        bool required;
    } endpoints[] = {
        { "authorization_endpoint", metadata.authorizationEndpoint, true },
        { "token_endpoint", metadata.tokenEndpoint, true },
        { "registration_endpoint", metadata.registrationEndpoint, false },
        { "revocation_endpoint", metadata.revocationEndpoint, false },
        { "userinfo_endpoint", metadata.userinfoEndpoint, false },
    };
    for (const auto &endpoint : endpoints) {
        if (!endpoint.required && endpoint.url.isEmpty())
            continue;
        const QString what
            = QLatin1String("the authorization server's ") + QLatin1String(endpoint.name);
        const Error error = UrlPolicy::check(endpoint.url, what);
        if (error.code() == Error::Code::InsecureUrl)
            return error;
        if (error)
            return { Error::Code::MalformedResponse, error.detail() };
    }
    return {};
}

// The progress texts of the two phases.
QString fetchingResourceMetadata()
{
    return QStringLiteral("Asking the server how to sign in");
}

QString fetchingAuthServerMetadata()
{
    return QStringLiteral("Asking the authorization server for its metadata");
}

} // namespace

DiscoveryJob::DiscoveryJob(HttpClient *http, const QUrl &mcpUrl, const BearerChallenge &challenge,
                           QObject *parent)
    : Job(parent)
    , m_http(http)
{
    m_result.mcpUrl = mcpUrl;
    m_result.challenge = challenge;
}

void DiscoveryJob::doStart()
{
    setProgressText(fetchingResourceMetadata());
    const QUrl &mcpUrl = m_result.mcpUrl;
    qCDebug(lcDiscovery) << "discovering" << UrlPolicy::redacted(mcpUrl);
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Discover how to sign in"),
              Trace::url(mcpUrl));
    if (const Error error = UrlPolicy::check(mcpUrl, QStringLiteral("the MCP server URL"))) {
        emitFailure(error);
        return;
    }

    const QUrl challengeUrl = m_result.challenge.resourceMetadata;
    if (!challengeUrl.isEmpty())
        m_candidates.append({ challengeUrl, Candidate::Source::Challenge });
    const QUrl origin = originOf(mcpUrl);
    const QString path = pathSuffix(mcpUrl);
    QList<QUrl> wellKnown;
    if (!path.isEmpty())
        wellKnown.append(onOrigin(origin, ProtectedResourceWellKnown + path));
    wellKnown.append(onOrigin(origin, ProtectedResourceWellKnown));
    for (const QUrl &url : std::as_const(wellKnown)) {
        if (url != challengeUrl) // a missing challenge URL is not asked for twice
            m_candidates.append({ url, Candidate::Source::WellKnown });
    }
    fetchNextResourceMetadata();
}

void DiscoveryJob::fetchNextResourceMetadata()
{
    while (!m_candidates.isEmpty()) {
        m_current = m_candidates.takeFirst();
        if (m_current.source == Candidate::Source::Challenge) {
            const Error policy = UrlPolicy::check(
                m_current.url, QStringLiteral("resource_metadata in the WWW-Authenticate header"));
            if (policy) {
                traceStep(trace(), Trace::Outcome::Warning,
                          QStringLiteral("Ignoring the PRM URL from the challenge header"),
                          policy.detail() + QLatin1String("; trying the well-known locations"));
                continue;
            }
        }
        traceStep(trace(), Trace::Outcome::Info, QStringLiteral("GET protected resource metadata"),
                  Trace::url(m_current.url));
        fetch(m_current.url, &DiscoveryJob::onResourceMetadata);
        return;
    }
    useOriginMetadata();
}

void DiscoveryJob::onResourceMetadata(const HttpResponse &response)
{
    const QString where = Trace::url(m_current.url);
    if (response.error) {
        emitFailure({ response.error.code(),
                      QStringLiteral("could not fetch the protected resource metadata from %1: %2")
                          .arg(where, response.error.detail()) });
        return;
    }
    const bool fromChallenge = m_current.source == Candidate::Source::Challenge;
    if (!isSuccess(response.status)) {
        const QString detail = QStringLiteral("HTTP %1 from %2").arg(response.status).arg(where);
        if (fromChallenge)
            traceStep(trace(), Trace::Outcome::Warning,
                      QStringLiteral("PRM from the challenge header unavailable"),
                      detail + QLatin1String("; trying the well-known locations"));
        else
            traceStep(trace(), Trace::Outcome::Info,
                      QStringLiteral("No protected resource metadata"), detail);
        fetchNextResourceMetadata();
        return;
    }

    ProtectedResourceMetadata metadata;
    QStringList issuers;
    if (const Error error
        = parseResourceMetadata(response.body, m_current.url, &metadata, &issuers)) {
        emitFailure(error);
        return;
    }
    traceStep(trace(), Trace::Outcome::Success,
              fromChallenge ? QStringLiteral("PRM from the challenge header")
                            : QStringLiteral("PRM from the well-known location"),
              where);

    if (const Error error = checkResource(metadata.resource, m_result.mcpUrl)) {
        emitFailure(error);
        return;
    }
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Resource matches this server"),
              Trace::url(metadata.resource));
    m_result.hasProtectedResourceMetadata = true;
    m_result.protectedResource = metadata;
    m_result.resource = metadata.resource;
    chooseAuthServer(issuers);
}

void DiscoveryJob::chooseAuthServer(const QStringList &issuers)
{
    QString issuer = issuers.first();
    QString why = QStringLiteral("the first one the PRM lists");
    if (!m_preferredIssuer.isEmpty()) {
        if (issuers.contains(m_preferredIssuer)) {
            issuer = m_preferredIssuer;
            why = QStringLiteral("the preferred one");
        } else {
            traceStep(trace(), Trace::Outcome::Warning,
                      QStringLiteral("Preferred authorization server not listed"),
                      Trace::url(QUrl(m_preferredIssuer)));
        }
    }
    const QUrl issuerUrl(issuer, QUrl::StrictMode);
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Authorization server"),
              Trace::url(issuerUrl) + QLatin1String(" (") + why + QLatin1Char(')'));

    if (const Error error
        = UrlPolicy::check(issuerUrl, QStringLiteral("the authorization server issuer"))) {
        emitFailure(error);
        return;
    }
    if (issuerUrl.hasQuery() || issuerUrl.hasFragment()) {
        emitFailure({ Error::Code::MalformedResponse,
                      QStringLiteral("the authorization server issuer %1 has a query or fragment, "
                                     "which RFC 8414 forbids")
                          .arg(Trace::url(issuerUrl)) });
        return;
    }
    m_expectedIssuer = issuer;
    m_candidates.clear();
    for (const QUrl &url : authServerMetadataUrls(issuerUrl))
        m_candidates.append({ url, Candidate::Source::WellKnown });
    setProgressText(fetchingAuthServerMetadata());
    fetchNextAuthServerMetadata();
}

void DiscoveryJob::useOriginMetadata()
{
    // 2025-03-26 servers publish no PRM: the MCP origin is the authorization server.
    const QUrl origin = originOf(m_result.mcpUrl);
    traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("No protected resource metadata"),
              QLatin1String("treating the server as a 2025-03-26 server: looking for "
                            "authorization server metadata at ")
                  + Trace::url(origin));
    m_backCompat = true;
    m_result.hasProtectedResourceMetadata = false;
    m_result.resource = UrlPolicy::canonicalResource(m_result.mcpUrl);
    m_expectedIssuer = origin.toString();
    m_candidates = { { onOrigin(origin, OAuthServerWellKnown), Candidate::Source::WellKnown },
                     { onOrigin(origin, OpenIdWellKnown), Candidate::Source::WellKnown } };
    setProgressText(fetchingAuthServerMetadata());
    fetchNextAuthServerMetadata();
}

void DiscoveryJob::fetchNextAuthServerMetadata()
{
    if (m_candidates.isEmpty()) {
        if (m_backCompat) {
            useFallbackEndpoints();
            return;
        }
        emitFailure({ Error::Code::MetadataNotFound,
                      QStringLiteral("the authorization server %1 publishes no metadata at any "
                                     "well-known location (RFC 8414 or OpenID Connect Discovery)")
                          .arg(Trace::url(QUrl(m_expectedIssuer))) });
        return;
    }
    m_current = m_candidates.takeFirst();
    if (const Error error = UrlPolicy::check(
            m_current.url, QStringLiteral("the authorization server metadata URL"))) {
        emitFailure(error);
        return;
    }
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("GET authorization server metadata"),
              Trace::url(m_current.url));
    fetch(m_current.url, &DiscoveryJob::onAuthServerMetadata);
}

void DiscoveryJob::onAuthServerMetadata(const HttpResponse &response)
{
    const QString where = Trace::url(m_current.url);
    if (response.error) {
        emitFailure(
            { response.error.code(),
              QStringLiteral("could not fetch the authorization server metadata from %1: %2")
                  .arg(where, response.error.detail()) });
        return;
    }
    if (!isSuccess(response.status)) {
        traceStep(trace(), Trace::Outcome::Info, QStringLiteral("No authorization server metadata"),
                  QStringLiteral("HTTP %1 from %2").arg(response.status).arg(where));
        fetchNextAuthServerMetadata();
        return;
    }

    AuthServerMetadata metadata;
    if (const Error error = parseAuthServerMetadata(response.body, m_current.url, &metadata)) {
        emitFailure(error);
        return;
    }
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Authorization server metadata"),
              where);

    // RFC 8414 section 3.3: exact string comparison. At a 2025-03-26 origin the
    // issuer is the origin itself, which servers write with or without a slash.
    const bool issuerMatches = metadata.issuer == m_expectedIssuer
        || (m_backCompat && metadata.issuer == m_expectedIssuer + QLatin1Char('/'));
    if (!issuerMatches) {
        emitFailure({ Error::Code::IssuerMismatch,
                      QStringLiteral("the metadata at %1 is for issuer %2, not for %3 as asked")
                          .arg(where, Trace::url(QUrl(metadata.issuer)),
                               Trace::url(QUrl(m_expectedIssuer))) });
        return;
    }
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Issuer matches"),
              Trace::url(QUrl(metadata.issuer)));

    if (const Error error = checkEndpoints(metadata)) {
        emitFailure(error);
        return;
    }
    if (!metadata.codeChallengeMethodsSupported.contains(QLatin1String("S256"))) {
        emitFailure(
            { Error::Code::PkceNotSupported,
              metadata.codeChallengeMethodsSupported.isEmpty()
                  ? QStringLiteral("the authorization server does not say it supports PKCE "
                                   "(no code_challenge_methods_supported); signing in without "
                                   "S256 PKCE is not safe")
                  : QStringLiteral("the authorization server supports PKCE only with %1, "
                                   "not S256")
                        .arg(metadata.codeChallengeMethodsSupported.join(QLatin1String(", "))) });
        return;
    }
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("S256 supported"));
    m_result.authServer = metadata;
    succeed();
}

void DiscoveryJob::useFallbackEndpoints()
{
    const QUrl origin = originOf(m_result.mcpUrl);
    traceStep(trace(), Trace::Outcome::Warning,
              QStringLiteral("No metadata: using default endpoints (2025-03-26 fallback)"),
              Trace::url(origin) + QLatin1String(" /authorize, /token, /register"));
    AuthServerMetadata metadata;
    metadata.issuer = origin.toString();
    metadata.authorizationEndpoint = onOrigin(origin, QStringLiteral("/authorize"));
    metadata.tokenEndpoint = onOrigin(origin, QStringLiteral("/token"));
    metadata.registrationEndpoint = onOrigin(origin, QStringLiteral("/register"));
    // The spec says to proceed with S256 when there is no metadata to ask.
    metadata.codeChallengeMethodsSupported = { QStringLiteral("S256") };
    metadata.fromMetadata = false;
    m_result.authServer = metadata;
    succeed();
}

void DiscoveryJob::fetch(const QUrl &url, void (DiscoveryJob::*handler)(const HttpResponse &))
{
    HttpRequest request;
    request.url = url;
    request.timeout = m_timeout;
    request.headers = { { "Accept", "application/json" } };
    m_http->send(request, this, [this, handler](const HttpResponse &response) {
        if (!isFinished())
            (this->*handler)(response);
    });
}

void DiscoveryJob::succeed()
{
    qCDebug(lcDiscovery) << "discovered issuer"
                         << UrlPolicy::redacted(QUrl(m_result.authServer.issuer)) << "metadata"
                         << m_result.authServer.fromMetadata;
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Discovery finished"),
              QLatin1String("authorization server ")
                  + Trace::url(QUrl(m_result.authServer.issuer)));
    emitResult();
}

void DiscoveryJob::emitFailure(const Error &error)
{
    qCDebug(lcDiscovery) << "discovery failed" << error.codeName();
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Discovery failed"), error.detail());
    emitResult(error);
}

} // namespace Mcpa
