#include "core/accounts/signinoperation.h"

#include "core/accounts/accountservice.h"
#include "core/base/trace.h"
#include "core/oauth/signinflow.h"
#include "core/store/persistentregistrationcache.h"

#include <QMetaMethod>

namespace Mcpa {

SignInOperation::SignInOperation(AccountService *service, const QString &serverId,
                                 const QString &label)
    : AccountOperation(service, serverId, label)
{ }

void SignInOperation::doStart()
{
    if (!findTarget())
        return;
    Trace *flowTrace = m_service->trace(m_serverId);
    flowTrace->clear();
    m_registrations
        = new PersistentRegistrationCache(m_service->registry(), m_service->tokenStore(), this);
    m_flow = new SignInFlow(m_service->httpClient(), m_service->clock(), m_registrations, flowTrace,
                            this);
    connect(m_flow, &SignInFlow::authorizeWithBrowser, this,
            &AccountOperation::authorizeWithBrowser);
    connect(m_flow, &SignInFlow::authServerChanged, this, &AccountOperation::authServerChanged);
    // The secrets first: a pre-registered client's, and those of cached
    // registrations (so the flow can look them up without waiting).
    connect(m_registrations, &PersistentRegistrationCache::loaded, this,
            &SignInOperation::onRegistrationsLoaded);
    m_registrations->load();
}

void SignInOperation::doCancel()
{
    const Error cancelled(Error::Code::Cancelled, QStringLiteral("sign-in cancelled"));
    if (m_flowStarted) {
        // The running flow was cancelled with this operation (it is a step);
        // the account records the cancellation now.
        m_service->recordError(m_serverId, m_target.label, cancelled, false);
    }
    emitResult(cancelled);
}

void SignInOperation::continueWithAuthServer(bool accepted)
{
    if (m_flow)
        m_flow->continueWithAuthServer(accepted);
}

void SignInOperation::onRegistrationsLoaded()
{
    m_service->withClientSecret(m_target.server, nullptr, this,
                                [this](const QString &secret) { startFlow(secret); });
}

void SignInOperation::startFlow(const QString &clientSecret)
{
    if (isFinished())
        return;
    ServerSettings settings = AccountService::settingsFor(m_target.server, clientSecret);
    settings.authorizationTimeout = m_service->authorizationTimeout();
    m_flow->setRequest(settings);
    if (const AccountRecord *account = m_target.server.account(m_target.label)) {
        const bool someoneAnswers
            = isSignalConnected(QMetaMethod::fromSignal(&AccountOperation::authServerChanged));
        m_flow->setKnownIssuer(account->issuer, someoneAnswers);
    }
    m_flowStarted = true;
    runStepHandlingErrors(m_flow.data(), &SignInOperation::onFlowFinished);
}

void SignInOperation::onFlowFinished(SignInFlow *flow)
{
    if (const Error error = flow->error()) {
        m_service->recordError(m_serverId, m_target.label, error, false);
        emitResult(error);
        return;
    }
    onSignedIn(flow->result());
}

void SignInOperation::onSignedIn(const SignInResult &result)
{
    const TokenSet tokens = result.tokens;
    m_service->storeSignIn(m_target.server, m_target.label, result, this,
                           [this, tokens](const Error &error) {
                               if (!error)
                                   setTokens(tokens);
                               emitResult(error);
                           });
}

} // namespace Mcpa
