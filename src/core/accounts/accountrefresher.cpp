#include "core/accounts/accountrefresher.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/trace.h"
#include "core/store/refreshlock.h"
#include "core/store/tokenstore.h"

#include <QTimer>

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
                                   Trace *trace, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tokens(tokens)
    , m_clock(clock ? clock : Clock::system())
    , m_trace(trace)
    , m_lockDirectory(RefreshLock::defaultDirectory())
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

void AccountRefresher::refresh(const QString &serverId, const QString &label,
                               const TokenEndpointConfig &endpoint, const Policy &policy)
{
    if (m_state != State::Idle && m_state != State::Succeeded && m_state != State::Failed) {
        qCWarning(lcOAuth) << "refresh() while a refresh is running; ignored";
        return;
    }
    m_serverId = serverId;
    m_label = label;
    m_endpoint = endpoint;
    m_policy = policy;
    m_outcome = Outcome::None;
    m_seenAccessToken.clear();
    m_previousIdToken.clear();
    m_refreshed = TokenSet();
    qCDebug(lcOAuth) << "refreshing account" << serverId << label
                     << (policy.mode == Policy::Mode::Force ? "(forced)" : "(if expiring)");
    ++m_run;
    if (serverId.isEmpty() || label.isEmpty()) {
        setState(State::Failed);
        // Only if no later refresh() has started meanwhile.
        QTimer::singleShot(0, this, [this, run = m_run] {
            if (run == m_run)
                fail({ Error::Code::Internal, QStringLiteral("no account to refresh") });
        });
        return;
    }
    if (policy.mode == Policy::Mode::Force)
        lockAccount();
    else
        checkStored();
}

void AccountRefresher::checkStored()
{
    setState(State::CheckingStored);
    m_store->readTokens(
        m_serverId, m_label, this,
        [this](const TokenSet &tokens, const Error &error) { onStoredChecked(tokens, error); });
}

void AccountRefresher::onStoredChecked(const TokenSet &tokens, const Error &error)
{
    if (error) {
        fail(error);
        return;
    }
    const QDateTime now = m_clock->now();
    if (isFreshEnough(tokens, now, m_policy.lead)) {
        traceStep(m_trace, Trace::Outcome::Info, QStringLiteral("refresh"),
                  QStringLiteral("not needed: the access token %1 (lead time %2 s)")
                      .arg(expiryText(tokens, now))
                      .arg(m_policy.lead.count()));
        finish(tokens, Outcome::StillFresh);
        return;
    }
    m_seenAccessToken = tokens.accessToken;
    lockAccount();
}

void AccountRefresher::lockAccount()
{
    setState(State::Locking);
    if (m_lockDirectory.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            fail({ Error::Code::Internal,
                   QStringLiteral("no runtime directory for the refresh lock") });
        });
        return;
    }
    m_lock = new RefreshLock(RefreshLock::filePath(m_lockDirectory, m_serverId, m_label), this);
    connect(m_lock, &RefreshLock::acquired, this, &AccountRefresher::onLocked);
    connect(m_lock, &RefreshLock::failed, this, &AccountRefresher::fail);
    m_lock->acquire(m_lockTimeout);
}

void AccountRefresher::onLocked()
{
    if (m_lock->attempts() > 1) {
        traceStep(m_trace, Trace::Outcome::Info, QStringLiteral("refresh lock"),
                  QStringLiteral("acquired after waiting for another refresh (%1 tries)")
                      .arg(m_lock->attempts()));
    }
    // Whoever held the lock before may have rotated the tokens: only the
    // keychain's current entry counts, never what was read before.
    setState(State::RereadingStored);
    m_store->readTokens(
        m_serverId, m_label, this,
        [this](const TokenSet &tokens, const Error &error) { onStoredReread(tokens, error); });
}

void AccountRefresher::onStoredReread(const TokenSet &tokens, const Error &error)
{
    if (error) {
        fail(error);
        return;
    }
    const QDateTime now = m_clock->now();
    if (m_policy.mode == Policy::Mode::IfExpiring && isFreshEnough(tokens, now, m_policy.lead)) {
        const bool elsewhere = tokens.accessToken != m_seenAccessToken;
        traceStep(
            m_trace, Trace::Outcome::Success, QStringLiteral("refresh"),
            elsewhere
                ? QStringLiteral("done by another process; the access token %1")
                      .arg(expiryText(tokens, now))
                : QStringLiteral("not needed: the access token %1").arg(expiryText(tokens, now)));
        finish(tokens, elsewhere ? Outcome::RefreshedElsewhere : Outcome::StillFresh);
        return;
    }
    requestRefresh(tokens);
}

void AccountRefresher::requestRefresh(const TokenSet &current)
{
    setState(State::Refreshing);
    m_previousIdToken = current.idToken;
    TokenJob *job = m_tokens->refresh(m_endpoint, current);
    connect(job, &Job::finished, this, [this, job] {
        if (job->error())
            onRefreshFailed(job->error());
        else
            onRefreshed(job->tokens());
    });
}

void AccountRefresher::onRefreshed(const TokenSet &tokens)
{
    m_refreshed = tokens;
    // A refresh response without an id_token does not end the identity.
    if (m_refreshed.idToken.isEmpty())
        m_refreshed.idToken = m_previousIdToken;
    // The old refresh token may be spent now: the new one goes to the
    // keychain before anybody gets the new access token.
    setState(State::Storing);
    m_store->writeTokens(m_serverId, m_label, m_refreshed, this,
                         [this](const Error &error) { onStored(error); });
}

void AccountRefresher::onRefreshFailed(const Error &error)
{
    if (error.code() == Error::Code::InvalidGrant) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("refresh"),
                  QStringLiteral("the refresh token was rejected; sign in again"));
    }
    fail(error);
}

void AccountRefresher::onStored(const Error &error)
{
    if (error) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("keychain"),
                  QStringLiteral("the refreshed tokens could not be stored: ") + error.toString());
        fail({ error.code(),
               QStringLiteral("the refreshed tokens could not be stored (%1)")
                   .arg(error.detail()) });
        return;
    }
    traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("keychain"),
              QStringLiteral("refreshed tokens stored"));
    finish(m_refreshed, Outcome::Refreshed);
}

void AccountRefresher::releaseLock()
{
    if (!m_lock)
        return;
    m_lock->release();
    m_lock->deleteLater();
    m_lock = nullptr;
}

void AccountRefresher::finish(TokenSet tokens, Outcome outcome)
{
    // A copy: @p tokens may be m_refreshed, which is cleared here.
    releaseLock();
    m_refreshed = TokenSet();
    m_seenAccessToken.clear();
    m_previousIdToken.clear();
    m_outcome = outcome;
    qCDebug(lcOAuth) << "refresh of" << m_serverId << m_label << "done:" << outcome;
    setState(State::Succeeded);
    Q_EMIT succeeded(tokens, outcome == Outcome::Refreshed);
}

void AccountRefresher::fail(const Error &error)
{
    releaseLock();
    m_refreshed = TokenSet();
    m_seenAccessToken.clear();
    m_previousIdToken.clear();
    qCDebug(lcOAuth) << "refresh of" << m_serverId << m_label << "failed:" << error.codeName();
    setState(State::Failed);
    Q_EMIT failed(error);
}

void AccountRefresher::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Mcpa
