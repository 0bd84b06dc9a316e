#include "core/accounts/calloperation.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/freshtokenoperation.h"
#include "core/base/logging.h"
#include "core/mcp/mcpcallflow.h"
#include "core/store/persistentregistrationcache.h"
#include "core/store/serverregistry.h"

namespace Mcpa {

CallOperation::CallOperation(AccountService *service, const QString &serverId, const QString &label,
                             const QList<McpToolCall> &toolCalls, Interaction interaction)
    : AccountOperation(service, serverId, label)
    , m_toolCalls(toolCalls)
    , m_interaction(interaction)
{ }

void CallOperation::doStart()
{
    if (!findTarget())
        return;
    m_registrations
        = new PersistentRegistrationCache(m_service->registry(), m_service->tokenStore(), this);
    connect(m_registrations, &PersistentRegistrationCache::loaded, this,
            &CallOperation::onRegistrationsLoaded);
    m_registrations->load();
}

void CallOperation::doCancel()
{
    // The flow, a step, is cancelled already; it tells what it was doing.
    if (!m_flow)
        return;
    const bool signingIn = m_flow->isAuthorizing();
    emitResult({ Error::Code::Cancelled,
                 signingIn ? QStringLiteral("sign-in cancelled") : QStringLiteral("cancelled") });
}

void CallOperation::onRegistrationsLoaded()
{
    m_service->withClientSecret(m_target.server, m_target.hasAccount ? &m_target.account : nullptr,
                                this, [this](const QString &secret) { onClientSecret(secret); });
}

void CallOperation::onClientSecret(const QString &clientSecret)
{
    m_clientSecret = clientSecret;
    if (!m_target.hasAccount || m_target.account.needsSignIn) {
        startFlow({});
        return;
    }
    // A fresh token first (locked, once across processes).
    runStepHandlingErrors(new FreshTokenOperation(m_service, m_serverId, m_target.label,
                                                  std::chrono::seconds(60),
                                                  FreshTokenOperation::Policy::IfExpiring),
                          &CallOperation::onFreshToken);
}

void CallOperation::onFreshToken(FreshTokenOperation *step)
{
    const Error error = step->error();
    if (error) {
        if (error.code() == Error::Code::NeedsSignIn
            || error.code() == Error::Code::SecretNotFound) {
            startFlow({});
            return;
        }
        emitResult(error);
        return;
    }
    SignInResult signIn;
    signIn.tokens = step->tokens();
    signIn.endpoint = m_service->endpointFor(m_target.account, m_clientSecret);
    signIn.registration = signIn.endpoint.client;
    signIn.discovery.authServer.issuer = m_target.account.issuer;
    signIn.discovery.authServer.tokenEndpoint = m_target.account.tokenEndpoint;
    signIn.discovery.authServer.revocationEndpoint = m_target.account.revocationEndpoint;
    signIn.discovery.resource = m_target.account.resource;
    startFlow(signIn);
}

void CallOperation::startFlow(const SignInResult &signIn)
{
    McpCallRequest request;
    request.toolCalls = m_toolCalls;
    request.settings = AccountService::settingsFor(m_target.server, m_clientSecret);
    request.settings.authorizationTimeout = m_service->authorizationTimeout();
    m_flow = new McpCallFlow(m_service->httpClient(), m_service->clock(), m_registrations, request,
                             m_service->trace(m_serverId));
    m_flow->setInteractive(m_interaction == Interaction::MaySignIn);
    if (signIn.tokens.isValid())
        m_flow->setSignIn(signIn);
    connect(m_flow, &McpCallFlow::authorizeWithBrowser, this,
            &AccountOperation::authorizeWithBrowser);
    connect(m_flow, &McpCallFlow::tokensChanged, this, &CallOperation::onTokensChanged);
    runStepHandlingErrors(m_flow.data(), &CallOperation::onFlowFinished);
}

void CallOperation::onFlowFinished(McpCallFlow *flow)
{
    if (flow->error()) {
        emitResult(flow->error());
        return;
    }
    setCallResult(flow->result());
    setTokens(flow->signIn().tokens);
    emitResult();
}

void CallOperation::onTokensChanged(const SignInResult &result)
{
    // Persist before the new token is used any further.
    const std::optional<ServerRecord> server = m_service->registry()->server(m_serverId);
    if (!server)
        return;
    m_service->storeSignIn(*server, m_target.label, result, this, [](const Error &error) {
        if (error)
            qCWarning(lcKeychain) << "could not store new tokens:" << error.codeName();
    });
}

} // namespace Mcpa
