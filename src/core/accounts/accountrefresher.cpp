#include "core/accounts/accountrefresher.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/trace.h"
#include "core/store/refreshlock.h"
#include "core/store/tokenstore.h"

namespace Mcpa {

namespace {

QString expiryText(const TokenSet &tokens, const QDateTime &now)
{
    if (!tokens.expiresAt.isValid())
        return QStringLiteral("expiry unknown");
    const qint64 seconds = now.secsTo(tokens.expiresAt);
    return seconds >= 0 ? QStringLiteral("expires in %1 s").arg(seconds)
                        : QStringLiteral("expired %1 s ago").arg(-seconds);
}

} // namespace

AccountRefresher::AccountRefresher(TokenStore *store, TokenClient *tokens, const Clock *clock,
                                   const QString &serverId, const QString &label,
                                   const TokenEndpointConfig &endpoint, const Policy &policy,
                                   QObject *parent)
    : Job(parent)
    , m_store(store)
    , m_tokens(tokens)
    , m_clock(clock ? clock : Clock::system())
    , m_lockDirectory(RefreshLock::defaultDirectory())
    , m_serverId(serverId)
    , m_label(label)
    , m_endpoint(endpoint)
    , m_policy(policy)
{ }

AccountRefresher::~AccountRefresher()
{
    releaseLock();
}

bool AccountRefresher::isFreshEnough(const TokenSet &tokens, const QDateTime &now,
                                     std::chrono::seconds lead)
{
    // Without a known expiry only the resource server can tell (401 -> Force).
    return !tokens.expiresAt.isValid() || tokens.expiresAt > now.addSecs(lead.count());
}

void AccountRefresher::doStart()
{
    qCDebug(lcOAuth) << "refreshing account" << m_serverId << m_label
                     << (m_policy.mode == Policy::Mode::Force ? "(forced)" : "(if expiring)");
    if (m_serverId.isEmpty() || m_label.isEmpty()) {
        end({ Error::Code::Internal, QStringLiteral("no account to refresh") });
        return;
    }
    if (m_policy.mode == Policy::Mode::Force)
        lockAccount();
    else
        checkStored();
}

void AccountRefresher::doCancel()
{
    releaseLock();
    m_refreshed = TokenSet();
    m_seenAccessToken.clear();
    m_previousIdToken.clear();
}

void AccountRefresher::checkStored()
{
    setProgressText(QStringLiteral("Reading the stored tokens"));
    m_store->readTokens(
        m_serverId, m_label, this,
        [this](const TokenSet &tokens, const Error &error) { onStoredChecked(tokens, error); });
}

void AccountRefresher::onStoredChecked(const TokenSet &tokens, const Error &error)
{
    if (isFinished()) // cancelled
        return;
    if (error) {
        end(error);
        return;
    }
    const QDateTime now = m_clock->now();
    if (isFreshEnough(tokens, now, m_policy.lead)) {
        traceStep(trace(), Trace::Outcome::Info, QStringLiteral("refresh"),
                  QStringLiteral("not needed: the access token %1 (lead time %2 s)")
                      .arg(expiryText(tokens, now))
                      .arg(m_policy.lead.count()));
        succeed(tokens, Outcome::StillFresh);
        return;
    }
    m_seenAccessToken = tokens.accessToken;
    lockAccount();
}

void AccountRefresher::lockAccount()
{
    setProgressText(QStringLiteral("Waiting for the account's refresh lock"));
    if (m_lockDirectory.isEmpty()) {
        end({ Error::Code::Internal, QStringLiteral("no runtime directory for the refresh lock") });
        return;
    }
    m_lock = new RefreshLock(RefreshLock::filePath(m_lockDirectory, m_serverId, m_label), this);
    connect(m_lock, &RefreshLock::acquired, this, &AccountRefresher::onLocked);
    connect(m_lock, &RefreshLock::failed, this, [this](const Error &error) { end(error); });
    m_lock->acquire(m_lockTimeout);
}

void AccountRefresher::onLocked()
{
    if (m_lock->attempts() > 1) {
        traceStep(trace(), Trace::Outcome::Info, QStringLiteral("refresh lock"),
                  QStringLiteral("acquired after waiting for another refresh (%1 tries)")
                      .arg(m_lock->attempts()));
    }
    // Whoever held the lock before may have rotated the tokens: only the
    // keychain's current entry counts, never what was read before.
    setProgressText(QStringLiteral("Reading the stored tokens again"));
    m_store->readTokens(
        m_serverId, m_label, this,
        [this](const TokenSet &tokens, const Error &error) { onStoredReread(tokens, error); });
}

void AccountRefresher::onStoredReread(const TokenSet &tokens, const Error &error)
{
    if (isFinished()) // cancelled
        return;
    if (error) {
        end(error);
        return;
    }
    const QDateTime now = m_clock->now();
    if (m_policy.mode == Policy::Mode::IfExpiring && isFreshEnough(tokens, now, m_policy.lead)) {
        const bool elsewhere = tokens.accessToken != m_seenAccessToken;
        traceStep(
            trace(), Trace::Outcome::Success, QStringLiteral("refresh"),
            elsewhere
                ? QStringLiteral("done by another process; the access token %1")
                      .arg(expiryText(tokens, now))
                : QStringLiteral("not needed: the access token %1").arg(expiryText(tokens, now)));
        succeed(tokens, elsewhere ? Outcome::RefreshedElsewhere : Outcome::StillFresh);
        return;
    }
    if (m_policy.mode == Policy::Mode::Force && !m_policy.rejectedAccessToken.isEmpty()
        && tokens.accessToken != m_policy.rejectedAccessToken
        && isFreshEnough(tokens, now, std::chrono::seconds(0))) {
        traceStep(trace(), Trace::Outcome::Success, QStringLiteral("refresh"),
                  QStringLiteral("done by another process; the access token %1")
                      .arg(expiryText(tokens, now)));
        succeed(tokens, Outcome::RefreshedElsewhere);
        return;
    }
    requestRefresh(tokens);
}

void AccountRefresher::requestRefresh(const TokenSet &current)
{
    setProgressText(QStringLiteral("Refreshing the access token"));
    m_previousIdToken = current.idToken;
    runStepHandlingErrors(m_tokens->refresh(m_endpoint, current),
                          &AccountRefresher::onRefreshFinished);
}

void AccountRefresher::onRefreshFinished(TokenJob *job)
{
    if (job->error()) {
        if (job->error().code() == Error::Code::InvalidGrant) {
            traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("refresh"),
                      QStringLiteral("the refresh token was rejected; sign in again"));
        }
        end(job->error());
        return;
    }
    m_refreshed = job->tokens();
    // A refresh response without an id_token does not end the identity.
    if (m_refreshed.idToken.isEmpty())
        m_refreshed.idToken = m_previousIdToken;
    // The old refresh token may be spent now: the new one goes to the
    // keychain before anybody gets the new access token.
    setProgressText(QStringLiteral("Storing the refreshed tokens"));
    m_store->writeTokens(m_serverId, m_label, m_refreshed, this,
                         [this](const Error &error) { onStored(error); });
}

void AccountRefresher::onStored(const Error &error)
{
    if (isFinished()) // cancelled
        return;
    if (error) {
        traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("keychain"),
                  QStringLiteral("the refreshed tokens could not be stored: ") + error.toString());
        end({ error.code(),
              QStringLiteral("the refreshed tokens could not be stored (%1)")
                  .arg(error.detail()) });
        return;
    }
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("keychain"),
              QStringLiteral("refreshed tokens stored"));
    succeed(m_refreshed, Outcome::Refreshed);
}

void AccountRefresher::releaseLock()
{
    if (!m_lock)
        return;
    m_lock->disconnect(this);
    m_lock->release();
    m_lock->deleteLater();
    m_lock = nullptr;
}

void AccountRefresher::succeed(const TokenSet &tokens, Outcome outcome)
{
    m_result = tokens; // a copy: @p tokens may be m_refreshed, which end() clears
    m_outcome = outcome;
    qCDebug(lcOAuth) << "refresh of" << m_serverId << m_label << "done:" << outcome;
    end({});
}

void AccountRefresher::end(const Error &error)
{
    // Every path out: the lock goes first, the secrets of the run with it.
    releaseLock();
    m_refreshed = TokenSet();
    m_seenAccessToken.clear();
    m_previousIdToken.clear();
    if (error)
        qCDebug(lcOAuth) << "refresh of" << m_serverId << m_label << "failed:" << error.codeName();
    emitResult(error);
}

} // namespace Mcpa
