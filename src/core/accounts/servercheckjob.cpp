#include "core/accounts/servercheckjob.h"

#include "core/base/trace.h"
#include "core/oauth/discovery.h"

namespace Mcpa {

RegistrationOptions ServerCheckSettings::registrationOptions() const
{
    RegistrationOptions options;
    options.preRegisteredClientId = clientId;
    options.preRegisteredAuthMethod = authMethod;
    options.clientMetadataUrl = clientMetadataUrl;
    return options;
}

ServerCheckJob::ServerCheckJob(HttpClient *http, const QUrl &mcpUrl,
                               const ServerCheckSettings &settings, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_mcpUrl(mcpUrl)
    , m_settings(settings)
{ }

RegistrationPlan ServerCheckJob::plan(const AuthServerMetadata &authServer,
                                      const ServerCheckSettings &settings)
{
    return ClientRegistrar::plan(authServer, settings.registrationOptions());
}

void ServerCheckJob::doStart()
{
    if (trace())
        trace()->info(QStringLiteral("POST MCP initialize without a token"), Trace::url(m_mcpUrl));
    auto *probe = new ProbeJob(m_http, m_mcpUrl);
    probe->setTimeout(m_timeout);
    runStepHandlingErrors(probe, &ServerCheckJob::onProbeFinished);
}

void ServerCheckJob::onProbeFinished(ProbeJob *probe)
{
    const ProbeResult result = probe->result();
    m_result.probe = result;
    if (probe->error().code() == Error::Code::Cancelled) {
        emitResult(probe->error());
        return;
    }
    switch (result.kind) {
    case ProbeResult::Kind::Open:
        if (trace())
            trace()->success(QStringLiteral("The server answers without a token"),
                             QStringLiteral("HTTP %1").arg(result.httpStatus));
        finish(ServerCheckResult::Outcome::Open);
        return;
    case ProbeResult::Kind::Unreachable:
        if (trace())
            trace()->failure(QStringLiteral("Cannot reach the server"), result.error.detail());
        finish(ServerCheckResult::Outcome::Unreachable, result.error);
        return;
    case ProbeResult::Kind::Error:
        if (trace())
            trace()->failure(QStringLiteral("Not an MCP answer"), result.error.toString());
        finish(ServerCheckResult::Outcome::NotMcp, result.error);
        return;
    case ProbeResult::Kind::AuthRequired:
        break;
    }

    if (trace())
        trace()->success(QStringLiteral("The server requires sign-in"),
                         QStringLiteral("HTTP %1, %2")
                             .arg(result.httpStatus)
                             .arg(result.challenge.present
                                      ? QStringLiteral("with a Bearer challenge")
                                      : QStringLiteral("without a Bearer challenge")));
    Q_EMIT signInRequired();
    auto *discovery = new DiscoveryJob(m_http, m_mcpUrl, result.challenge);
    discovery->setTimeout(m_timeout);
    discovery->setPreferredIssuer(m_settings.preferredIssuer);
    runStepHandlingErrors(discovery, &ServerCheckJob::onDiscoveryFinished);
}

void ServerCheckJob::onDiscoveryFinished(DiscoveryJob *discovery)
{
    if (const Error error = discovery->error()) {
        if (error.code() == Error::Code::Cancelled) {
            emitResult(error);
            return;
        }
        finish(ServerCheckResult::Outcome::SignInRequiredNoAuthServer, error);
        return;
    }
    m_result.discovery = discovery->result();
    m_result.registration = plan(m_result.discovery->authServer, m_settings);
    finish(ServerCheckResult::Outcome::SignInRequired);
}

void ServerCheckJob::finish(ServerCheckResult::Outcome outcome, const Error &error)
{
    m_result.outcome = outcome;
    m_result.error = error;
    emitResult(error);
}

} // namespace Mcpa
