#include "core/accounts/refreshscheduler.h"

#include "core/base/logging.h"

#include <QDebug>
#include <QHashFunctions>
#include <QNetworkInformation>
#include <QPointer>

#include <algorithm>
#include <tuple>

namespace Mcpa {

namespace {
// QTimer takes an int of milliseconds; waking up at least hourly also
// re-reads a wall clock that may have been set by hand.
constexpr qint64 MaximumTimerInterval = 60 * 60 * 1000;
constexpr std::chrono::milliseconds DefaultResumeCheckInterval { 30000 };
} // namespace

QString AccountId::toString() const
{
    return serverId + QLatin1Char('/') + label;
}

bool operator==(const AccountId &left, const AccountId &right)
{
    return left.serverId == right.serverId && left.label == right.label;
}

size_t qHash(const AccountId &id, size_t seed) noexcept
{
    return qHashMulti(seed, id.serverId, id.label);
}

QDebug operator<<(QDebug debug, const AccountId &id)
{
    const QDebugStateSaver saver(debug);
    debug.noquote() << id.toString();
    return debug;
}

RefreshScheduler::RefreshScheduler(RefreshExecutor *executor, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_executor(executor)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a coarse timer may be minutes late over an hour
    connect(&m_timer, &QTimer::timeout, this, &RefreshScheduler::checkNow);
    connect(&m_resumeTimer, &QTimer::timeout, this, &RefreshScheduler::checkClockJump);
    setResumeCheckInterval(DefaultResumeCheckInterval);
}

RefreshScheduler::~RefreshScheduler() = default;

std::chrono::seconds RefreshScheduler::leadTime(std::chrono::seconds lifetime)
{
    if (lifetime <= std::chrono::seconds(0))
        return MaximumLeadTime;
    const std::chrono::seconds tenth = std::clamp(lifetime / 10, MinimumLeadTime, MaximumLeadTime);
    return std::min(tenth, lifetime / 2);
}

std::chrono::seconds RefreshScheduler::backoffDelay(int failures)
{
    std::chrono::seconds delay = FirstBackoff;
    for (int i = 1; i < failures && delay < MaximumBackoff; ++i)
        delay *= 2;
    return std::min(delay, MaximumBackoff);
}

QDateTime RefreshScheduler::dueTime(const QDateTime &expiresAt, std::chrono::seconds lifetime)
{
    return expiresAt.addSecs(-leadTime(lifetime).count());
}

QDateTime RefreshScheduler::retryTime(const QDateTime &now, int failures,
                                      const QDateTime &expiresAt)
{
    const QDateTime afterBackoff = now.addSecs(backoffDelay(failures).count());
    if (!expiresAt.isValid())
        return afterBackoff;
    // While the token still works, one more try before it stops working beats
    // a 15-minute gap with an expired token. Once inside the margin, back off.
    const QDateTime lastChance = expiresAt.addSecs(-ExpiryMargin.count());
    if (lastChance > now && lastChance < afterBackoff)
        return lastChance;
    return afterBackoff;
}

bool RefreshScheduler::requiresSignIn(const Error &error)
{
    return error.code() == Error::Code::InvalidGrant || error.code() == Error::Code::NeedsSignIn;
}

void RefreshScheduler::setAccount(const AccountId &account, const QDateTime &expiresAt,
                                  bool hasRefreshToken, std::chrono::seconds lifetime)
{
    const auto existing = m_accounts.constFind(account);
    if (existing != m_accounts.constEnd() && existing->expiresAt == expiresAt
        && existing->hasRefreshToken == hasRefreshToken && existing->lifetime == lifetime) {
        // The same facts again (e.g. the registry was re-read): keep backoff,
        // warnings and a needs-sign-in stop, or a reload would hammer the AS.
        armTimer();
        return;
    }

    Entry entry;
    entry.expiresAt = expiresAt;
    entry.lifetime = lifetime;
    entry.hasRefreshToken = hasRefreshToken;
    entry.generation = ++m_lastGeneration;
    if (hasRefreshToken && expiresAt.isValid())
        entry.nextAttempt = dueTime(expiresAt, lifetime);
    m_accounts.insert(account, entry);
    qCDebug(lcRefresh) << "tracking" << account << "expires" << expiresAt << "refresh token"
                       << hasRefreshToken << "next refresh" << entry.nextAttempt;
    // Even an overdue account starts from the timer, never inside this call.
    armTimer();
}

void RefreshScheduler::removeAccount(const AccountId &account)
{
    if (m_accounts.remove(account) == 0)
        return;
    qCDebug(lcRefresh) << "no longer tracking" << account;
    armTimer();
}

bool RefreshScheduler::hasAccount(const AccountId &account) const
{
    return m_accounts.contains(account);
}

void RefreshScheduler::setMaxConcurrentRefreshes(int count)
{
    m_maxConcurrent = std::max(1, count);
    armTimer();
}

void RefreshScheduler::setResumeCheckInterval(std::chrono::milliseconds period)
{
    m_resumeCheckInterval = std::max(period, std::chrono::milliseconds(0));
    m_lastClockCheck = m_clock->now();
    if (m_resumeCheckInterval.count() > 0)
        m_resumeTimer.start(m_resumeCheckInterval);
    else
        m_resumeTimer.stop();
}

QDateTime RefreshScheduler::nextRefresh(const AccountId &account) const
{
    const auto it = m_accounts.constFind(account);
    if (it == m_accounts.constEnd() || !it->hasRefreshToken || it->stopped
        || m_inFlight.contains(account))
        return QDateTime();
    return it->nextAttempt;
}

bool RefreshScheduler::isRefreshing(const AccountId &account) const
{
    return m_inFlight.contains(account);
}

bool RefreshScheduler::connectToNetworkInformation()
{
    if (m_networkInformationConnected)
        return true;
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCDebug(lcRefresh) << "no network information backend: no refresh on network return";
        return false;
    }
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!information)
        return false;
    qCDebug(lcRefresh) << "network information backend" << information->backendName();
    connect(information, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability == QNetworkInformation::Reachability::Online)
                    handleNetworkAvailable();
            });
    m_networkInformationConnected = true;
    return true;
}

void RefreshScheduler::checkNow()
{
    const QDateTime now = m_clock->now();
    emitExpiryWarnings(now);
    startDueRefreshes(now);
    armTimer();
}

void RefreshScheduler::handleSystemResumed()
{
    qCDebug(lcRefresh) << "system resumed: re-checking all accounts";
    resetBackoffs();
    checkNow();
}

void RefreshScheduler::handleNetworkAvailable()
{
    qCDebug(lcRefresh) << "network available: re-checking all accounts";
    resetBackoffs();
    checkNow();
}

void RefreshScheduler::checkClockJump()
{
    const QDateTime now = m_clock->now();
    const qint64 elapsed = m_lastClockCheck.msecsTo(now);
    m_lastClockCheck = now;
    if (m_resumeCheckInterval.count() > 0 && elapsed > 2 * m_resumeCheckInterval.count()) {
        qCDebug(lcRefresh) << "wall clock jumped" << elapsed << "ms: the machine slept";
        handleSystemResumed();
    } else if (elapsed < 0) {
        qCDebug(lcRefresh) << "wall clock went back" << -elapsed << "ms";
        checkNow();
    }
}

void RefreshScheduler::resetBackoffs()
{
    const QDateTime now = m_clock->now();
    for (Entry &entry : m_accounts) {
        if (entry.failures == 0 || entry.stopped)
            continue;
        entry.failures = 0;
        entry.nextAttempt = now;
    }
}

void RefreshScheduler::emitExpiryWarnings(const QDateTime &now)
{
    // Collect first: a slot may call setAccount() or removeAccount().
    QList<AccountId> expiring;
    QList<AccountId> expiredAccounts;
    for (auto it = m_accounts.begin(); it != m_accounts.end(); ++it) {
        Entry &entry = it.value();
        if (entry.hasRefreshToken || !entry.expiresAt.isValid())
            continue;
        if (!entry.warnedExpired && now >= entry.expiresAt) {
            entry.warnedExpired = true;
            entry.warnedExpiring = true; // too late for "soon"
            expiredAccounts.append(it.key());
        } else if (!entry.warnedExpiring && now >= dueTime(entry.expiresAt, entry.lifetime)) {
            entry.warnedExpiring = true;
            expiring.append(it.key());
        }
    }
    for (const AccountId &account : std::as_const(expiring)) {
        const auto it = m_accounts.constFind(account);
        if (it == m_accounts.constEnd())
            continue;
        const QDateTime expiresAt = it->expiresAt;
        qCDebug(lcRefresh) << account << "expires soon and has no refresh token";
        Q_EMIT expiringSoon(account, expiresAt);
    }
    for (const AccountId &account : std::as_const(expiredAccounts)) {
        qCDebug(lcRefresh) << account << "expired and has no refresh token";
        Q_EMIT expired(account);
    }
}

void RefreshScheduler::startDueRefreshes(const QDateTime &now)
{
    AccountId account;
    while (int(m_inFlight.size()) < m_maxConcurrent && nextDueAccount(now, &account))
        startRefresh(account);
}

bool RefreshScheduler::nextDueAccount(const QDateTime &now, AccountId *account) const
{
    bool found = false;
    QDateTime earliest;
    for (auto it = m_accounts.constBegin(); it != m_accounts.constEnd(); ++it) {
        const Entry &entry = it.value();
        if (!entry.hasRefreshToken || entry.stopped || !entry.nextAttempt.isValid()
            || entry.nextAttempt > now || m_inFlight.contains(it.key()))
            continue;
        // Earliest due first; ties in a stable order so the queue is predictable.
        const bool better = !found || entry.nextAttempt < earliest
            || (entry.nextAttempt == earliest
                && std::tie(it.key().serverId, it.key().label)
                    < std::tie(account->serverId, account->label));
        if (better) {
            found = true;
            earliest = entry.nextAttempt;
            *account = it.key();
        }
    }
    return found;
}

void RefreshScheduler::startRefresh(const AccountId &account)
{
    const Flight flight { ++m_lastAttempt, m_accounts.value(account).generation };
    m_inFlight.insert(account, flight);
    qCDebug(lcRefresh) << "refreshing" << account << "attempt" << flight.attempt;
    QPointer<RefreshScheduler> self(this);
    m_callingExecutor = true;
    m_executor->refresh(account,
                        [self, account, attempt = flight.attempt](const RefreshOutcome &outcome) {
                            if (self)
                                self->onRefreshFinished(account, attempt, outcome);
                        });
    if (!self)
        return;
    m_callingExecutor = false;
    Q_EMIT refreshStarted(account);
}

void RefreshScheduler::onRefreshFinished(const AccountId &account, quint64 attempt,
                                         const RefreshOutcome &outcome)
{
    if (m_callingExecutor) {
        // The executor answered from inside refresh(), against its contract:
        // finish the bookkeeping of the start first.
        qCWarning(lcRefresh) << "executor answered synchronously for" << account;
        QMetaObject::invokeMethod(
            this,
            [this, account, attempt, outcome] { onRefreshFinished(account, attempt, outcome); },
            Qt::QueuedConnection);
        return;
    }
    const auto flight = m_inFlight.constFind(account);
    if (flight == m_inFlight.constEnd() || flight->attempt != attempt) {
        qCWarning(lcRefresh) << "ignoring an unexpected refresh outcome for" << account;
        return;
    }
    const quint64 startedGeneration = flight->generation;
    m_inFlight.erase(flight);

    const QDateTime now = m_clock->now();
    const auto entry = m_accounts.constFind(account);
    if (entry == m_accounts.constEnd()) {
        qCDebug(lcRefresh) << account << "was removed while refreshing";
    } else {
        // setAccount() with new facts during the refresh: those facts win
        // for the schedule; the outcome is still reported.
        const bool superseded = entry->generation != startedGeneration;
        if (outcome.error)
            applyFailure(account, superseded, outcome.error, now);
        else
            applySuccess(account, superseded, outcome, now);
    }
    checkNow();
}

void RefreshScheduler::applySuccess(const AccountId &account, bool superseded,
                                    const RefreshOutcome &outcome, const QDateTime &now)
{
    Entry &entry = m_accounts[account];
    const bool newerFactsWin = superseded
        && (!entry.hasRefreshToken
            || (entry.expiresAt.isValid()
                && (!outcome.expiresAt.isValid() || entry.expiresAt > outcome.expiresAt)));
    if (!newerFactsWin) {
        entry.expiresAt = outcome.expiresAt;
        entry.lifetime = outcome.expiresAt.isValid()
            ? std::chrono::seconds(now.secsTo(outcome.expiresAt))
            : std::chrono::seconds(0);
        entry.hasRefreshToken = true;
        entry.failures = 0;
        entry.stopped = false;
        entry.warnedExpiring = false;
        entry.warnedExpired = false;
        entry.nextAttempt
            = outcome.expiresAt.isValid() ? dueTime(entry.expiresAt, entry.lifetime) : QDateTime();
        // A "success" whose token is already due again (expired, or a few
        // seconds left) must not turn into a refresh loop.
        const QDateTime earliestAgain = now.addSecs(FirstBackoff.count());
        if (entry.nextAttempt.isValid() && entry.nextAttempt <= now)
            entry.nextAttempt = earliestAgain;
    }
    qCDebug(lcRefresh) << "refreshed" << account << "expires" << outcome.expiresAt << "next refresh"
                       << entry.nextAttempt;
    Q_EMIT refreshed(account, outcome.expiresAt);
}

void RefreshScheduler::applyFailure(const AccountId &account, bool superseded, const Error &error,
                                    const QDateTime &now)
{
    Entry &entry = m_accounts[account];
    if (!superseded && requiresSignIn(error)) {
        entry.stopped = true;
        entry.nextAttempt = QDateTime();
        qCDebug(lcRefresh) << account << "needs sign-in:" << error.codeName();
        Q_EMIT needsSignIn(account, error);
        return;
    }
    if (!superseded) {
        ++entry.failures;
        entry.nextAttempt = retryTime(now, entry.failures, entry.expiresAt);
    }
    const QDateTime nextAttempt = entry.hasRefreshToken ? entry.nextAttempt : QDateTime();
    qCDebug(lcRefresh) << "refresh of" << account << "failed:" << error.codeName() << "failures"
                       << entry.failures << "next attempt" << nextAttempt;
    Q_EMIT refreshFailed(account, error, nextAttempt);
}

void RefreshScheduler::armTimer()
{
    const bool canStart = int(m_inFlight.size()) < m_maxConcurrent;
    QDateTime earliest;
    const auto consider = [&earliest](const QDateTime &when) {
        if (when.isValid() && (!earliest.isValid() || when < earliest))
            earliest = when;
    };
    for (auto it = m_accounts.constBegin(); it != m_accounts.constEnd(); ++it) {
        const Entry &entry = it.value();
        if (entry.hasRefreshToken) {
            // A queued account waits for a finished refresh, not for the timer.
            if (canStart && !entry.stopped && !m_inFlight.contains(it.key()))
                consider(entry.nextAttempt);
        } else if (entry.expiresAt.isValid()) {
            if (!entry.warnedExpiring)
                consider(dueTime(entry.expiresAt, entry.lifetime));
            else if (!entry.warnedExpired)
                consider(entry.expiresAt);
        }
    }
    m_nextWakeUp = earliest;
    if (!earliest.isValid()) {
        m_timer.stop();
        return;
    }
    const qint64 interval
        = std::clamp(m_clock->now().msecsTo(earliest), qint64(0), MaximumTimerInterval);
    m_timer.start(int(interval));
}

} // namespace Mcpa
