#pragma once

#include "core/accounts/accountoperation.h"

#include <chrono>

namespace Mcpa {

class AccountRefresher;

/// A token valid for at least a minimum time, refreshed when needed, once
/// per account across processes (AccountRefresher's lock); tokens() holds it.
/// A rejected refresh token makes the account need sign-in.
///
///   config -> keychain: client secret -> AccountRefresher step (lock,
///   keychain, refresh) -> config: expiry, scopes, last refresh
class FreshTokenOperation : public AccountOperation
{
    Q_OBJECT
public:
    enum class Policy { IfExpiring, Force };

    FreshTokenOperation(AccountService *service, const QString &serverId, const QString &label,
                        std::chrono::seconds minValidity, Policy policy);
    /// Force, unless the stored access token is no longer @p rejected (a
    /// secret): then another process has replaced it and that one is used.
    void setRejectedAccessToken(const QString &rejected) { m_rejected = rejected; }

protected:
    void doStart() override;

private:
    void refresh(const QString &clientSecret);
    void onRefresherFinished(AccountRefresher *refresher);
    void onRefreshed(const TokenSet &tokens, bool didRefresh);
    void onRefreshFailed(const Error &error);

    std::chrono::seconds m_minValidity;
    Policy m_policy;
    QString m_rejected;
};

} // namespace Mcpa
