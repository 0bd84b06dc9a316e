#include "core/accounts/refreshcoordinator.h"

#include "core/accounts/accountservice.h"
#include "core/base/clock.h"
#include "core/store/serverregistry.h"

namespace Mcpa {

RefreshCoordinator::RefreshCoordinator(AccountService *service, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_clock(clock)
    , m_scheduler(new RefreshScheduler(this, clock, this))
{
    connect(m_service, &AccountService::accountChanged, this, &RefreshCoordinator::synchronize);
    connect(m_service->registry(), &ServerRegistry::changed, this,
            &RefreshCoordinator::synchronize);
}

void RefreshCoordinator::synchronize()
{
    QList<AccountId> seen;
    const QList<ServerRecord> servers = m_service->registry()->servers();
    for (const ServerRecord &server : servers) {
        for (const AccountRecord &account : server.accounts) {
            const AccountId id { server.id, account.label };
            seen.append(id);
            if (account.needsSignIn || !account.expiresAt.isValid()) {
                m_scheduler->removeAccount(id);
                continue;
            }
            const QDateTime issued
                = account.lastRefresh.isValid() ? account.lastRefresh : account.signedInAt;
            const qint64 lifetime = issued.isValid() ? issued.secsTo(account.expiresAt) : 0;
            m_scheduler->setAccount(id, account.expiresAt, account.hasRefreshToken,
                                    std::chrono::seconds(qMax<qint64>(0, lifetime)));
        }
    }
    for (const AccountId &id : std::as_const(m_known)) {
        if (!seen.contains(id))
            m_scheduler->removeAccount(id);
    }
    m_known = seen;
}

void RefreshCoordinator::refresh(const AccountId &account,
                                 std::function<void(const RefreshOutcome &)> done)
{
    // The scheduler's lead time is at most 5 minutes: refresh what expires within it.
    AccountOperation *operation
        = m_service->freshToken(account.serverId, account.label, std::chrono::seconds(300));
    connect(operation, &Job::finished, this, [operation, done] {
        const Error error = operation->error();
        done({ error, error ? QDateTime() : operation->tokens().expiresAt });
    });
}

} // namespace Mcpa
