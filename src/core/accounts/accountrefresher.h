#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"
#include "core/oauth/tokenclient.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <chrono>

namespace Mcpa {

class Clock;
class RefreshLock;
class TokenStore;
class Trace;

/// Refreshes one account's tokens so that, across every process of the
/// user (GUI, any number of CLI calls), exactly one refresh of an account
/// runs at a time and no process spends a refresh token another one has
/// already rotated. The keychain entry (TokenStore) is the shared truth;
/// the RefreshLock serialises the refreshers.
///
///   refresh(policy)
///     |
///     | IfExpiring: read keychain --fresh enough--> succeeded(stored, false)
///     v                                            (no lock, no request)
///   acquire lock (poll every 50 ms) --deadline--> failed(Timeout)
///     v
///   read keychain again --missing/locked/corrupt--> release, failed(...)
///     |  (another process may have refreshed while we waited)
///     | IfExpiring and fresh enough now --> release, succeeded(stored, false)
///     v
///   POST token endpoint (refresh_token) --invalid_grant--> release, failed(InvalidGrant)
///     v                                 --network etc.--> release, failed(...)
///   write the new tokens to the keychain --error--> release, failed(...)
///     v  (the rotated refresh token is stored before anyone sees the new access token)
///   release lock, succeeded(new tokens, true)
///
/// The lock is released on every path, and when the refresher is destroyed.
/// On InvalidGrant nothing is deleted: the caller marks the account "needs
/// sign-in" and keeps the registration. Network errors are returned as
/// they are; retrying with backoff is the caller's (the scheduler's) job.
class AccountRefresher : public QObject
{
    Q_OBJECT
public:
    /// When to go to the token endpoint.
    struct Policy
    {
        enum class Mode {
            /// Only when the stored access token expires within `lead` (or
            /// has expired). A token without a known expiry counts as fresh.
            IfExpiring,
            /// Always (e.g. the resource server rejected the access token).
            Force,
        };
        Mode mode = Mode::IfExpiring;
        std::chrono::seconds lead { 0 };

        static Policy ifExpiringWithin(std::chrono::seconds lead)
        {
            return { Mode::IfExpiring, lead };
        }
        static Policy force() { return { Mode::Force, std::chrono::seconds(0) }; }
    };

    enum class State {
        Idle,
        CheckingStored, ///< first keychain read (IfExpiring only), without the lock
        Locking,
        RereadingStored, ///< keychain read under the lock
        Refreshing, ///< token request in flight
        Storing, ///< writing the new tokens
        Succeeded,
        Failed
    };
    Q_ENUM(State)

    /// How a successful run ended (outcome() after succeeded()).
    enum class Outcome {
        None,
        Refreshed, ///< this refresher went to the token endpoint
        RefreshedElsewhere, ///< another refresher did while this one waited for the lock
        StillFresh, ///< nothing to do under the policy
    };
    Q_ENUM(Outcome)

    AccountRefresher(TokenStore *store, TokenClient *tokens, const Clock *clock,
                     Trace *trace = nullptr, QObject *parent = nullptr);
    ~AccountRefresher() override;

    /// How long to wait for another refresher of the same account (default 60 s,
    /// more than a refresh can take with the keychain and HTTP timeouts).
    void setLockTimeout(std::chrono::milliseconds timeout) { m_lockTimeout = timeout; }
    /// Where the lock files are (default RefreshLock::defaultDirectory()).
    void setLockDirectory(const QString &directory) { m_lockDirectory = directory; }

    /// Starts a refresh; ends with succeeded() or failed(), always
    /// asynchronously. Ignored (with a warning) while a refresh is running.
    void refresh(const QString &serverId, const QString &label, const TokenEndpointConfig &endpoint,
                 const Policy &policy);

    State state() const { return m_state; }
    Outcome outcome() const { return m_outcome; }

    /// True when @p tokens need no refresh at @p now under a lead time.
    static bool isFreshEnough(const TokenSet &tokens, const QDateTime &now,
                              std::chrono::seconds lead);

Q_SIGNALS:
    void stateChanged(Mcpa::AccountRefresher::State state);
    /// @p tokens are the account's current tokens (as stored in the
    /// keychain); @p didRefresh is true when this refresher obtained them.
    void succeeded(const Mcpa::TokenSet &tokens, bool didRefresh);
    void failed(const Mcpa::Error &error);

private:
    void checkStored();
    void onStoredChecked(const TokenSet &tokens, const Error &error);
    void lockAccount();
    void onLocked();
    void onStoredReread(const TokenSet &tokens, const Error &error);
    void requestRefresh(const TokenSet &current);
    void onRefreshed(const TokenSet &tokens);
    void onRefreshFailed(const Error &error);
    void onStored(const Error &error);
    void releaseLock();
    void finish(TokenSet tokens, Outcome outcome);
    void fail(const Error &error);
    void setState(State state);

    TokenStore *m_store;
    TokenClient *m_tokens;
    const Clock *m_clock;
    Trace *m_trace;
    std::chrono::milliseconds m_lockTimeout { 60000 };
    QString m_lockDirectory;
    RefreshLock *m_lock = nullptr;
    State m_state = State::Idle;
    Outcome m_outcome = Outcome::None;
    QString m_serverId;
    QString m_label;
    TokenEndpointConfig m_endpoint;
    Policy m_policy;
    /// The access token of the first read, to tell "refreshed elsewhere"
    /// from "still fresh". Secret.
    QString m_seenAccessToken;
    QString m_previousIdToken;
    TokenSet m_refreshed;
    quint64 m_run = 0; ///< counts refresh() calls
};

} // namespace Mcpa
