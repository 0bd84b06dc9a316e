#include "core/accounts/signoutoperation.h"

#include "core/accounts/accountservice.h"
#include "core/oauth/tokenclient.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

namespace Mcpa {

SignOutOperation::SignOutOperation(AccountService *service, const QString &serverId,
                                   const QString &label, Revocation revocation)
    : AccountOperation(service, serverId, label)
    , m_revocation(revocation)
{ }

void SignOutOperation::doStart()
{
    if (!findTarget())
        return;
    if (!m_target.hasAccount) {
        emitResult(
            { Error::Code::UnknownServer,
              QStringLiteral("no account \"%1\" at \"%2\"").arg(m_target.label, m_serverId) });
        return;
    }
    m_service->tokenStore()->readTokens(
        m_serverId, m_target.label, this,
        [this](const TokenSet &tokens, const Error &error) { onTokensRead(tokens, error); });
}

void SignOutOperation::onTokensRead(const TokenSet &tokens, const Error &error)
{
    if (error && error.code() != Error::Code::SecretNotFound) {
        emitResult(error);
        return;
    }
    if (error || m_revocation == Revocation::KeepTokensValid) {
        forget();
        return;
    }
    if (m_target.account.revocationEndpoint.isEmpty()) {
        setWarning(QStringLiteral("the server offers no revocation: the token stays valid at the "
                                  "server until it expires"));
        forget();
        return;
    }
    m_tokens = tokens;
    m_service->withClientSecret(m_target.server, &m_target.account, this,
                                [this](const QString &secret) { revoke(secret); });
}

void SignOutOperation::revoke(const QString &clientSecret)
{
    auto *tokenClient = new TokenClient(m_service->httpClient(), m_service->clock(),
                                        m_service->trace(m_serverId), this);
    TokenJob *job
        = tokenClient->revoke(m_service->endpointFor(m_target.account, clientSecret), m_tokens);
    m_tokens = {};
    runStepHandlingErrors(job, &SignOutOperation::onRevoked);
}

void SignOutOperation::onRevoked(TokenJob *job)
{
    if (job->error()) {
        setWarning(QStringLiteral("the server did not confirm the revocation (%1); the token may "
                                  "stay valid until it expires")
                       .arg(job->error().toString()));
    }
    forget();
}

void SignOutOperation::forget()
{
    m_service->tokenStore()->removeTokens(m_serverId, m_target.label, this,
                                          [this](const Error &error) { onTokensRemoved(error); });
}

void SignOutOperation::onTokensRemoved(const Error &error)
{
    if (error && error.code() != Error::Code::SecretNotFound) {
        // The record stays so that nothing is orphaned in the keychain.
        emitResult(error);
        return;
    }
    ServerRegistry *registry = m_service->registry();
    Error saved = registry->removeAccount(m_serverId, m_target.label);
    if (!saved)
        saved = registry->save();
    Q_EMIT m_service->accountChanged(m_serverId, m_target.label);
    emitResult(saved);
}

} // namespace Mcpa
