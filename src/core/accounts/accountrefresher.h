#pragma once

#include "core/base/error.h"
#include "core/base/job.h"
#include "core/oauth/oauthtypes.h"
#include "core/oauth/tokenclient.h"

#include <QDateTime>
#include <QString>

#include <chrono>

namespace Mcpa {

class Clock;
class RefreshLock;
class TokenStore;

/// Refreshes one account's tokens so that, across every process of the
/// user (GUI, any number of CLI calls), exactly one refresh of an account
/// runs at a time and no process spends a refresh token another one has
/// already rotated. The keychain entry (TokenStore) is the shared truth;
/// the RefreshLock serialises the refreshers. A job: tokens(), didRefresh()
/// and outcome() once it has succeeded; progressText() names the step.
///
///   start(), policy
///     |
///     | IfExpiring: read keychain --fresh enough--> tokens = stored, StillFresh
///     v                                            (no lock, no request)
///   acquire lock (poll every 50 ms) --deadline--> Timeout
///     v
///   read keychain again --missing/locked/corrupt--> release, error
///     |  (another process may have refreshed while we waited)
///     | IfExpiring and fresh enough now --> release, RefreshedElsewhere / StillFresh
///     v
///   TokenJob step (refresh_token) --invalid_grant--> release, InvalidGrant
///     v                           --network etc.--> release, error
///   write the new tokens to the keychain --error--> release, error
///     v  (the rotated refresh token is stored before anyone sees the new access token)
///   release lock, tokens = new tokens, Refreshed
///
/// The lock is released on every path, when the job is cancelled and when
/// it is destroyed. On InvalidGrant nothing is deleted: the caller marks the
/// account "needs sign-in" and keeps the registration. Network errors are
/// returned as they are; retrying with backoff is the caller's (the
/// scheduler's) job.
class AccountRefresher : public Job
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
        /// With Force: the access token the resource server rejected. When
        /// the stored one differs (another process replaced it meanwhile),
        /// that one is used and no refresh is made. A secret.
        QString rejectedAccessToken;

        static Policy ifExpiringWithin(std::chrono::seconds lead)
        {
            return { Mode::IfExpiring, lead, {} };
        }
        static Policy force() { return { Mode::Force, std::chrono::seconds(0), {} }; }
        static Policy replacing(const QString &rejectedAccessToken)
        {
            return { Mode::Force, std::chrono::seconds(0), rejectedAccessToken };
        }
    };

    /// How a successful run ended.
    enum class Outcome {
        None,
        Refreshed, ///< this refresher went to the token endpoint
        RefreshedElsewhere, ///< another refresher did while this one waited for the lock
        StillFresh, ///< nothing to do under the policy
    };
    Q_ENUM(Outcome)

    /// Refreshes the account @p label of @p serverId at @p endpoint when
    /// @p policy says so. @p tokens makes the token request.
    AccountRefresher(TokenStore *store, TokenClient *tokens, const Clock *clock,
                     const QString &serverId, const QString &label,
                     const TokenEndpointConfig &endpoint, const Policy &policy,
                     QObject *parent = nullptr);
    ~AccountRefresher() override;

    /// How long to wait for another refresher of the same account (default 60 s,
    /// more than a refresh can take with the keychain and HTTP timeouts).
    void setLockTimeout(std::chrono::milliseconds timeout) { m_lockTimeout = timeout; }
    /// Where the lock files are (default RefreshLock::defaultDirectory()).
    void setLockDirectory(const QString &directory) { m_lockDirectory = directory; }

    /// The account's current tokens (as stored in the keychain) after a
    /// success. Secrets.
    TokenSet tokens() const { return m_result; }
    /// True when this refresher obtained tokens() from the token endpoint.
    bool didRefresh() const { return m_outcome == Outcome::Refreshed; }
    Outcome outcome() const { return m_outcome; }

    /// True when @p tokens need no refresh at @p now under a lead time.
    static bool isFreshEnough(const TokenSet &tokens, const QDateTime &now,
                              std::chrono::seconds lead);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void checkStored();
    void onStoredChecked(const TokenSet &tokens, const Error &error);
    void lockAccount();
    void onLocked();
    void onStoredReread(const TokenSet &tokens, const Error &error);
    void requestRefresh(const TokenSet &current);
    void onRefreshFinished(TokenJob *job);
    void onStored(const Error &error);
    void releaseLock();
    void succeed(const TokenSet &tokens, Outcome outcome);
    void end(const Error &error);

    TokenStore *m_store;
    TokenClient *m_tokens;
    const Clock *m_clock;
    std::chrono::milliseconds m_lockTimeout { 60000 };
    QString m_lockDirectory;
    RefreshLock *m_lock = nullptr;
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
    TokenSet m_result;
};

} // namespace Mcpa
