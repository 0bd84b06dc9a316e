#include "core/oauth/signinflow.h"

#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"
#include "core/oauth/discovery.h"
#include "core/oauth/registrationcache.h"

#include <QTimer>

namespace Mcpa {

SignInFlow::SignInFlow(HttpClient *http, const Clock *clock, RegistrationCache *registrations,
                       Trace *trace, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_clock(clock)
    , m_registrations(registrations)
    , m_tokens(new TokenClient(http, clock, trace, this))
{
    setTrace(trace);
}

AuthorizationJob *SignInFlow::pendingAuthorization()
{
    if (m_authorization && m_authorization->state() == Job::State::Pending)
        return m_authorization;
    auto *job = new AuthorizationJob(m_http, this);
    job->setTrace(trace());
    connect(job, &AuthorizationJob::authorizeWithBrowser, this, &SignInFlow::authorizeWithBrowser);
    m_authorization = job;
    return job;
}

void SignInFlow::setRequest(const ServerSettings &settings, const QStringList &extraScopes,
                            const BearerChallenge &challenge)
{
    m_settings = settings;
    m_extraScopes = extraScopes;
    m_challenge = challenge;
}

void SignInFlow::doStart()
{
    m_tokens->setTimeout(m_settings.requestTimeout);
    if (m_challenge.present) {
        discover();
        return;
    }
    auto *probe = new ProbeJob(m_http, m_settings.mcpUrl);
    probe->setTimeout(m_settings.requestTimeout);
    runStepHandlingErrors(probe, &SignInFlow::onProbeFinished);
}

void SignInFlow::onProbeFinished(ProbeJob *probe)
{
    onProbed(probe->result());
}

void SignInFlow::onProbed(const ProbeResult &result)
{
    if (isFinished())
        return;
    switch (result.kind) {
    case ProbeResult::Kind::AuthRequired:
        traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Server requires sign-in"),
                  QStringLiteral("HTTP %1%2")
                      .arg(result.httpStatus)
                      .arg(result.challenge.resourceMetadata.isEmpty()
                               ? QStringLiteral(", no resource_metadata in the challenge")
                               : QStringLiteral(", challenge names its resource metadata")));
        m_challenge = result.challenge;
        discover();
        return;
    case ProbeResult::Kind::Open:
        traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Server needs no sign-in"));
        emitFailure({ Error::Code::SignInNotRequired,
                      QStringLiteral("the server answers without a token") });
        return;
    case ProbeResult::Kind::Unreachable:
    case ProbeResult::Kind::Error:
        break;
    }
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Server check failed"),
              result.error.toString());
    emitFailure(result.error);
}

void SignInFlow::discover()
{
    auto *discovery = new DiscoveryJob(m_http, m_settings.mcpUrl, m_challenge);
    discovery->setTimeout(m_settings.requestTimeout);
    discovery->setPreferredIssuer(m_settings.preferredIssuer);
    runStepHandlingErrors(discovery, &SignInFlow::onDiscovered);
}

QStringList SignInFlow::selectScopes(const ServerSettings &settings,
                                     const DiscoveryResult &discovery,
                                     const QStringList &extraScopes)
{
    QStringList scopes;
    if (!settings.scopes.isEmpty())
        scopes = settings.scopes;
    else if (!discovery.challenge.scope.isEmpty())
        scopes = discovery.challenge.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    else
        scopes = discovery.protectedResource.scopesSupported;
    for (const QString &scope : extraScopes) {
        if (!scopes.contains(scope))
            scopes.append(scope);
    }
    if (scopes.isEmpty())
        return scopes;
    // offline_access only when the AS lists it (MCP spec); openid, email and
    // profile likewise, so that an OpenID provider says who signed in.
    for (const char *extra : { "offline_access", "openid", "email", "profile" }) {
        const QString scope = QString::fromLatin1(extra);
        if (!scopes.contains(scope) && discovery.authServer.scopesSupported.contains(scope))
            scopes.append(scope);
    }
    return scopes;
}

void SignInFlow::onDiscovered(DiscoveryJob *discovery)
{
    if (const Error error = discovery->error()) {
        emitFailure(error);
        return;
    }
    m_result.discovery = discovery->result();
    m_result.discovery.challenge = m_challenge;
    const QString issuer = m_result.discovery.authServer.issuer;
    if (!m_knownIssuer.isEmpty() && issuer != m_knownIssuer) {
        // SEP-2352: nothing of the old AS's goes to the new one (the
        // registration cache is per issuer); the person is told, and asked
        // when someone can answer.
        traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Another authorization server"),
                  QStringLiteral("this server now signs in through %1 (before: %2)")
                      .arg(sanitizedServerText(issuer, 200), m_knownIssuer));
        if (m_askBeforeNewIssuer) {
            m_waitingForIssuerAnswer = true;
            setProgressText(QStringLiteral("Waiting for a decision about the new sign-in server"));
            Q_EMIT authServerChanged(m_knownIssuer, issuer);
            return;
        }
    }
    selectScopesAndPrepareClient();
}

void SignInFlow::continueWithAuthServer(bool accepted)
{
    if (!m_waitingForIssuerAnswer || isFinished())
        return;
    m_waitingForIssuerAnswer = false;
    // Queued: the answer may come from a slot of authServerChanged().
    QTimer::singleShot(0, this, [this, accepted] {
        if (isFinished())
            return;
        if (!accepted) {
            emitFailure(
                { Error::Code::Cancelled,
                  QStringLiteral("signing in through %1 was declined")
                      .arg(sanitizedServerText(m_result.discovery.authServer.issuer, 200)) });
            return;
        }
        selectScopesAndPrepareClient();
    });
}

void SignInFlow::selectScopesAndPrepareClient()
{
    m_scopes = selectScopes(m_settings, m_result.discovery, m_extraScopes);
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Scopes selected"),
              m_scopes.isEmpty() ? QStringLiteral("none (the scope parameter is left out)")
                                 : m_scopes.join(QLatin1Char(' ')));
    prepareClient();
}

void SignInFlow::prepareClient()
{
    const QString issuer = m_result.discovery.authServer.issuer;
    if (m_settings.clientId.isEmpty()) {
        const ClientRegistration cached = m_registrations->find(issuer);
        const bool portChanged = m_settings.callbackPort != 0 && cached.isValid()
            && cached.redirectUri.port() != m_settings.callbackPort;
        if (cached.isValid() && !portChanged) {
            const Error error = pendingAuthorization()->listen(
                static_cast<quint16>(cached.redirectUri.port()), cached.redirectUri.host());
            if (!error) {
                traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Client registration"),
                          QStringLiteral("reusing the registration with this issuer"));
                m_registrationFromCache = true;
                onRegistered(cached);
                return;
            }
            traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Client registration"),
                      QStringLiteral("the registered callback port is taken; registering again"));
            m_registrations->drop(issuer);
        } else if (portChanged) {
            m_registrations->drop(issuer);
        }
    }
    const Error error
        = pendingAuthorization()->listen(m_settings.callbackPort, m_settings.redirectHost);
    if (error) {
        emitFailure(error);
        return;
    }
    registerClient();
}

void SignInFlow::registerClient()
{
    RegistrationOptions options;
    options.preRegisteredClientId = m_settings.clientId;
    options.preRegisteredIssuer = m_settings.clientIssuer;
    options.preRegisteredClientSecret = m_settings.clientSecret;
    options.preRegisteredAuthMethod = m_settings.authMethod;
    options.clientMetadataUrl = m_settings.clientMetadataUrl;
    options.redirectUri = pendingAuthorization()->redirectUri();
    auto *registration = new RegistrationJob(m_http, m_result.discovery.authServer, options);
    registration->setTimeout(m_settings.requestTimeout);
    runStepHandlingErrors(registration, &SignInFlow::onRegistrationFinished);
}

void SignInFlow::onRegistrationFinished(RegistrationJob *registration)
{
    if (const Error error = registration->error()) {
        emitFailure(error);
        return;
    }
    const ClientRegistration client = registration->result();
    if (client.source != ClientRegistration::Source::PreRegistered)
        m_registrations->store(client);
    onRegistered(client);
}

void SignInFlow::onRegistered(const ClientRegistration &registration)
{
    m_result.registration = registration;
    m_result.endpoint.tokenEndpoint = m_result.discovery.authServer.tokenEndpoint;
    m_result.endpoint.revocationEndpoint = m_result.discovery.authServer.revocationEndpoint;
    m_result.endpoint.client = registration;
    m_result.endpoint.resource = m_settings.sendResource ? m_result.discovery.resource : QUrl();
    authorize(m_registrationFromCache && registration.source == ClientRegistration::Source::Dynamic
              && registration.clientId != m_trustedClientId);
}

void SignInFlow::authorize(bool preflight)
{
    AuthorizationRequest request;
    request.authServer = m_result.discovery.authServer;
    request.client = m_result.registration;
    request.resource = m_result.endpoint.resource;
    request.scopes = m_scopes;
    request.timeout = m_settings.authorizationTimeout;
    request.preflight = preflight;
    AuthorizationJob *job = pendingAuthorization();
    job->setRequest(request);
    runStepHandlingErrors(job, &SignInFlow::onAuthorizationFinished);
}

void SignInFlow::onAuthorizationFinished(AuthorizationJob *authorization)
{
    const Error error = authorization->error();
    if (!error) {
        onAuthorized(authorization->result());
        return;
    }
    if (error.code() == Error::Code::StaleClient
        && retryWithNewClient(
            QStringLiteral("the authorization server no longer knows the client")))
        return;
    emitFailure(error);
}

void SignInFlow::onAuthorized(const AuthorizationResult &result)
{
    TokenJob *job = m_tokens->exchangeCode(m_result.endpoint, result.code,
                                           QString::fromLatin1(result.codeVerifier),
                                           result.redirectUri, result.scopes);
    runStepHandlingErrors(job, &SignInFlow::onTokensFinished);
}

void SignInFlow::onTokensFinished(TokenJob *job)
{
    const Error error = job->error();
    if (!error) {
        m_result.tokens = job->tokens();
        m_result.requestedScopes = m_scopes;
        traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Signed in"));
        emitResult();
        return;
    }
    if (error.code() == Error::Code::InvalidClient
        && m_result.registration.source == ClientRegistration::Source::Dynamic
        && retryWithNewClient(QStringLiteral("the token endpoint answered invalid_client")))
        return;
    emitFailure(error);
}

bool SignInFlow::retryWithNewClient(const QString &why)
{
    if (m_retriedStaleClient)
        return false;
    m_retriedStaleClient = true;
    m_registrationFromCache = false;
    m_registrations->drop(m_result.discovery.authServer.issuer);
    traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Stale client registration"),
              why + QStringLiteral("; registering again and retrying once"));
    const Error error
        = pendingAuthorization()->listen(m_settings.callbackPort, m_settings.redirectHost);
    if (error) {
        emitFailure(error);
        return true;
    }
    registerClient();
    return true;
}

void SignInFlow::doCancel()
{
    // The running step is cancelled already. A listening authorization that
    // has not started yet ends without its own cancel step: say here what a
    // running one says itself.
    if (m_authorization && m_authorization->state() == Job::State::Pending) {
        if (m_authorization->isListening())
            traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Sign-in cancelled"));
        m_authorization->cancel();
    }
    emitFailure({ Error::Code::Cancelled, QStringLiteral("sign-in cancelled") });
}

void SignInFlow::emitFailure(const Error &error)
{
    if (isFinished())
        return;
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Sign-in failed"), error.toString());
    emitResult(error);
}

} // namespace Mcpa
