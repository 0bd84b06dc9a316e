#include "core/accounts/freshtokenoperation.h"

#include "core/accounts/accountrefresher.h"
#include "core/accounts/accountservice.h"
#include "core/base/clock.h"
#include "core/oauth/tokenclient.h"
#include "core/store/serverregistry.h"

namespace Mcpa {

FreshTokenOperation::FreshTokenOperation(AccountService *service, const QString &serverId,
                                         const QString &label, std::chrono::seconds minValidity,
                                         Policy policy)
    : AccountOperation(service, serverId, label)
    , m_minValidity(minValidity)
    , m_policy(policy)
{ }

void FreshTokenOperation::doStart()
{
    if (!findTarget())
        return;
    if (!m_target.hasAccount) {
        emitResult({ Error::Code::NeedsSignIn,
                     QStringLiteral("not signed in to \"%1\" (account \"%2\")")
                         .arg(m_serverId, m_target.label) });
        return;
    }
    if (m_target.account.needsSignIn) {
        emitResult({ Error::Code::NeedsSignIn,
                     m_target.account.lastError.isEmpty() ? QStringLiteral("sign in again")
                                                          : m_target.account.lastError });
        return;
    }
    m_service->withClientSecret(m_target.server, &m_target.account, this,
                                [this](const QString &secret) { refresh(secret); });
}

void FreshTokenOperation::refresh(const QString &clientSecret)
{
    Trace *flowTrace = m_service->trace(m_serverId);
    auto *tokenClient
        = new TokenClient(m_service->httpClient(), m_service->clock(), flowTrace, this);
    auto *refresher = new AccountRefresher(
        m_service->tokenStore(), tokenClient, m_service->clock(), m_serverId, m_target.label,
        m_service->endpointFor(m_target.account, clientSecret),
        m_policy == Policy::Force ? AccountRefresher::Policy::replacing(m_rejected)
                                  : AccountRefresher::Policy::ifExpiringWithin(m_minValidity));
    refresher->setTrace(flowTrace);
    runStepHandlingErrors(refresher, &FreshTokenOperation::onRefresherFinished);
}

void FreshTokenOperation::onRefresherFinished(AccountRefresher *refresher)
{
    if (refresher->error())
        onRefreshFailed(refresher->error());
    else
        onRefreshed(refresher->tokens(), refresher->didRefresh());
}

void FreshTokenOperation::onRefreshed(const TokenSet &tokens, bool didRefresh)
{
    if (didRefresh || tokens.expiresAt != m_target.account.expiresAt
        || !m_target.account.lastError.isEmpty()) {
        // Another process may have refreshed: the record follows the keychain.
        const std::optional<ServerRecord> now = m_service->registry()->server(m_serverId);
        const AccountRecord *current = now ? now->account(m_target.label) : nullptr;
        AccountRecord account = current ? *current : m_target.account;
        account.expiresAt = tokens.expiresAt;
        account.hasRefreshToken = !tokens.refreshToken.isEmpty();
        if (!tokens.scopes.isEmpty())
            account.grantedScopes = tokens.scopes;
        if (didRefresh)
            account.lastRefresh = m_service->clock()->now();
        account.lastError.clear();
        account.lastErrorAt = QDateTime();
        m_service->saveAccount(m_serverId, account);
    }
    setTokens(tokens);
    emitResult();
}

void FreshTokenOperation::onRefreshFailed(const Error &error)
{
    const bool gone = error.code() == Error::Code::InvalidGrant;
    m_service->recordError(m_serverId, m_target.label, error, gone);
    if (gone) {
        emitResult({ Error::Code::NeedsSignIn,
                     QStringLiteral("the server no longer accepts this sign-in (%1); sign in again")
                         .arg(error.codeName()) });
        return;
    }
    emitResult(error);
}

} // namespace Mcpa
