#pragma once

#include "core/base/clock.h"
#include "core/base/error.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

QT_BEGIN_NAMESPACE
class QDebug;
QT_END_NAMESPACE

namespace Mcpa {

/// Names one account: a server of the registry and an account label on it.
/// Not secret; fine for logs.
struct AccountId
{
    QString serverId;
    QString label;

    /// "serverId/label", for logs.
    QString toString() const;
};

bool operator==(const AccountId &left, const AccountId &right);
inline bool operator!=(const AccountId &left, const AccountId &right)
{
    return !(left == right);
}
size_t qHash(const AccountId &id, size_t seed = 0) noexcept;
QDebug operator<<(QDebug debug, const AccountId &id);

/// What one refresh of one account came to. Carries no token: the executor
/// stores the new tokens itself and reports only the facts the schedule needs.
struct RefreshOutcome
{
    Error error; ///< None on success
    QDateTime expiresAt; ///< on success: the new access token's expiry (invalid when unknown)
};

/// Does one refresh of one account for the scheduler. The app implements it
/// with AccountRefresher (keychain, cross-process lock, token request);
/// tests with a scripted fake.
class RefreshExecutor
{
public:
    virtual ~RefreshExecutor() = default;

    /// Starts refreshing @p account and calls @p done exactly once, later
    /// (never from inside this call), with the outcome. The scheduler never
    /// asks for a second refresh of an account before done has been called.
    /// When another process refreshed meanwhile, report success with the
    /// stored token's expiry: the schedule only needs the current expiry.
    virtual void refresh(const AccountId &account, std::function<void(const RefreshOutcome &)> done)
        = 0;
};

/// Keeps signed-in accounts' access tokens fresh in the background: decides
/// *when* to refresh each account; the RefreshExecutor does the refresh.
///
/// Per account with a refresh token:
///
///   setAccount ---> due = expiresAt - leadTime(lifetime)
///                     |
///                     v  (clock reaches due, or checkNow(), wake, network back)
///   queued (at most maxConcurrentRefreshes() in flight, earliest due first)
///                     |
///                     v
///   executor.refresh -+-> success --------> refreshed(); due from the new expiry
///                     +-> invalid_grant ---> needsSignIn(); stop until setAccount
///                     +-> other error -----> refreshFailed(); retry after backoff
///                                            30 s, 60 s, ... 15 min, never past
///                                            expiry - 5 s while the token is valid
///
/// Accounts without a refresh token are never refreshed; the scheduler emits
/// expiringSoon() once when the lead time starts and expired() once at expiry.
///
/// Time comes from the injected Clock. One single-shot QTimer is armed for the
/// earliest event of all accounts; tests advance a ManualClock and call
/// checkNow() instead of waiting. A periodic wall-clock check notices that the
/// machine slept (see setResumeCheckInterval()).
class RefreshScheduler : public QObject
{
    Q_OBJECT
public:
    /// Bounds for the lead time; see leadTime().
    static constexpr std::chrono::seconds MinimumLeadTime { 60 };
    static constexpr std::chrono::seconds MaximumLeadTime { 300 };
    /// Backoff after failed refreshes; see backoffDelay().
    static constexpr std::chrono::seconds FirstBackoff { 30 };
    static constexpr std::chrono::seconds MaximumBackoff { 900 };
    /// A retry while the token is still valid happens at the latest this
    /// long before the token expires.
    static constexpr std::chrono::seconds ExpiryMargin { 5 };

    /// @p executor and @p clock must outlive the scheduler.
    explicit RefreshScheduler(RefreshExecutor *executor, const Clock *clock = Clock::system(),
                              QObject *parent = nullptr);
    ~RefreshScheduler() override;

    /// How long before expiry a token of the given lifetime is refreshed:
    /// 10 % of the lifetime, bounded to [60 s, 300 s], but never more than
    /// half the lifetime (so a very short-lived token is not refreshed the
    /// moment it arrives). A lifetime of zero or less means "unknown": 300 s.
    /// Examples: 3600 s -> 300 s, 1200 s -> 120 s, 600 s -> 60 s, 30 s -> 15 s.
    static std::chrono::seconds leadTime(std::chrono::seconds lifetime);

    /// Delay before retry number @p failures (1 = after the first failure):
    /// 30 s doubled per further failure, capped at 15 minutes.
    static std::chrono::seconds backoffDelay(int failures);

    /// Starts tracking an account, or updates it. @p expiresAt is the access
    /// token's absolute expiry (invalid when unknown: nothing is scheduled);
    /// @p lifetime is expiresAt minus the time the token was issued (last
    /// refresh or sign-in), zero when unknown. Call again after a new
    /// sign-in; an account that needs sign-in stays stopped until then.
    /// Calling it with unchanged facts keeps the account's backoff and
    /// warnings. Never starts a second refresh of an account in flight.
    void setAccount(const AccountId &account, const QDateTime &expiresAt, bool hasRefreshToken,
                    std::chrono::seconds lifetime = std::chrono::seconds(0));
    /// Stops tracking an account. A refresh already in flight runs to its end
    /// (the executor cannot be interrupted), but its outcome is not reported.
    void removeAccount(const AccountId &account);
    bool hasAccount(const AccountId &account) const;

    /// At most this many refreshes run at once (default 2, at least 1).
    void setMaxConcurrentRefreshes(int count);
    int maxConcurrentRefreshes() const { return m_maxConcurrent; }

    /// Period of the wall-clock check that detects a suspended machine: when
    /// the clock moved more than twice the period between two checks,
    /// handleSystemResumed() runs. Zero turns the check off. Default 30 s.
    void setResumeCheckInterval(std::chrono::milliseconds period);
    std::chrono::milliseconds resumeCheckInterval() const { return m_resumeCheckInterval; }

    /// When the account's next refresh starts (or retry, after a failure);
    /// invalid when none is scheduled (no refresh token, unknown expiry,
    /// needs sign-in, or refreshing right now).
    QDateTime nextRefresh(const AccountId &account) const;
    bool isRefreshing(const AccountId &account) const;
    int refreshesInFlight() const { return int(m_inFlight.size()); }
    /// The earliest time anything is due (the timer is armed for it); invalid
    /// when nothing is.
    QDateTime nextWakeUp() const { return m_nextWakeUp; }

    /// Loads a QNetworkInformation backend with reachability, if the platform
    /// has one, and calls handleNetworkAvailable() whenever it reports Online.
    /// Returns false (and logs at debug level) when there is none. Calling it
    /// again after it succeeded changes nothing.
    bool connectToNetworkInformation();

public Q_SLOTS:
    /// Re-evaluates every account against the clock now: emits due warnings
    /// and starts due refreshes. The timer calls it; so may anyone.
    void checkNow();
    /// The machine woke up: forget backoffs and refresh whatever is due now.
    void handleSystemResumed();
    /// The network came back: forget backoffs and refresh whatever is due now.
    void handleNetworkAvailable();
    /// One tick of the suspend detector (its timer calls it; tests may too).
    void checkClockJump();

Q_SIGNALS:
    void refreshStarted(const Mcpa::AccountId &account);
    void refreshed(const Mcpa::AccountId &account, const QDateTime &expiresAt);
    /// A refresh failed; the next attempt is at @p nextAttempt.
    void refreshFailed(const Mcpa::AccountId &account, const Mcpa::Error &error,
                       const QDateTime &nextAttempt);
    /// The refresh token was rejected: the account needs an interactive sign-in.
    void needsSignIn(const Mcpa::AccountId &account, const Mcpa::Error &reason);
    /// An account without a refresh token entered its lead time (once).
    void expiringSoon(const Mcpa::AccountId &account, const QDateTime &expiresAt);
    /// An account without a refresh token passed its expiry (once).
    void expired(const Mcpa::AccountId &account);

private:
    struct Entry
    {
        QDateTime expiresAt;
        std::chrono::seconds lifetime { 0 };
        bool hasRefreshToken = false;
        QDateTime nextAttempt; ///< invalid: no refresh scheduled
        int failures = 0;
        bool stopped = false; ///< needs sign-in
        bool warnedExpiring = false;
        bool warnedExpired = false;
        quint64 generation = 0; ///< changes with every setAccount that changes facts
    };
    struct Flight
    {
        quint64 attempt = 0;
        quint64 generation = 0;
    };

    static QDateTime dueTime(const QDateTime &expiresAt, std::chrono::seconds lifetime);
    static QDateTime retryTime(const QDateTime &now, int failures, const QDateTime &expiresAt);
    static bool requiresSignIn(const Error &error);

    void emitExpiryWarnings(const QDateTime &now);
    void startDueRefreshes(const QDateTime &now);
    bool nextDueAccount(const QDateTime &now, AccountId *account) const;
    void startRefresh(const AccountId &account);
    void onRefreshFinished(const AccountId &account, quint64 attempt,
                           const RefreshOutcome &outcome);
    void applySuccess(const AccountId &account, bool superseded, const RefreshOutcome &outcome,
                      const QDateTime &now);
    void applyFailure(const AccountId &account, bool superseded, const Error &error,
                      const QDateTime &now);
    void resetBackoffs();
    void armTimer();

    RefreshExecutor *m_executor;
    const Clock *m_clock;
    QHash<AccountId, Entry> m_accounts;
    QHash<AccountId, Flight> m_inFlight;
    int m_maxConcurrent = 2;
    quint64 m_lastGeneration = 0;
    quint64 m_lastAttempt = 0;
    bool m_callingExecutor = false;
    bool m_networkInformationConnected = false;
    QTimer m_timer;
    QDateTime m_nextWakeUp;
    QTimer m_resumeTimer;
    std::chrono::milliseconds m_resumeCheckInterval { 0 };
    QDateTime m_lastClockCheck;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::AccountId)
