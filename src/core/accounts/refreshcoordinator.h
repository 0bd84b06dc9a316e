#pragma once

#include "core/accounts/refreshscheduler.h"

#include <QObject>

namespace Mcpa {

class AccountService;
class Clock;

/// Keeps every signed-in account fresh in the background: feeds the
/// RefreshScheduler from the config file (and again whenever an account
/// changes), and runs its refreshes through AccountService::freshToken, so
/// that the cross-process lock and the keychain stay the single truth.
class RefreshCoordinator : public QObject, public RefreshExecutor
{
    Q_OBJECT
public:
    RefreshCoordinator(AccountService *service, const Clock *clock, QObject *parent = nullptr);

    RefreshScheduler *scheduler() const { return m_scheduler; }

    /// Re-reads every account from the registry into the scheduler.
    void synchronize();

    void refresh(const AccountId &account,
                 std::function<void(const RefreshOutcome &)> done) override;

private:
    AccountService *m_service;
    const Clock *m_clock;
    RefreshScheduler *m_scheduler;
    QList<AccountId> m_known;
};

} // namespace Mcpa
