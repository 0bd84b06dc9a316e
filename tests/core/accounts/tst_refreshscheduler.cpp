#include "core/accounts/refreshscheduler.h"

#include <QNetworkInformation>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Mcpa;
using std::chrono::seconds;

namespace {

// The scheduler's logic is timing policy; the real refresh (keychain, lock,
// token endpoint) is AccountRefresher's and is tested against real servers.
// This executor records requests and lets the test decide when and how each
// one ends.
class ScriptedExecutor : public RefreshExecutor
{
public:
    struct Pending
    {
        AccountId account;
        std::function<void(const RefreshOutcome &)> done;
    };

    void refresh(const AccountId &account,
                 std::function<void(const RefreshOutcome &)> done) override
    {
        for (const Pending &pending : std::as_const(m_pending)) {
            if (pending.account == account)
                ++sameAccountOverlaps;
        }
        calls.append(account.toString());
        m_pending.append({ account, std::move(done) });
        maxInFlight = std::max(maxInFlight, int(m_pending.size()));
    }

    /// Takes the callback of the oldest pending refresh of @p account.
    std::function<void(const RefreshOutcome &)> take(const AccountId &account)
    {
        for (int i = 0; i < m_pending.size(); ++i) {
            if (m_pending.at(i).account == account)
                return m_pending.takeAt(i).done;
        }
        return {};
    }

    /// Ends the oldest pending refresh of @p account with @p outcome.
    bool finish(const AccountId &account, const RefreshOutcome &outcome)
    {
        const auto done = take(account);
        if (!done)
            return false;
        done(outcome);
        return true;
    }

    int pending() const { return int(m_pending.size()); }

    QStringList calls;
    int maxInFlight = 0;
    int sameAccountOverlaps = 0;

private:
    QList<Pending> m_pending;
};

// Breaks the executor contract by answering inside refresh().
class SynchronousExecutor : public RefreshExecutor
{
public:
    explicit SynchronousExecutor(const ManualClock *clock)
        : m_clock(clock)
    { }
    void refresh(const AccountId &, std::function<void(const RefreshOutcome &)> done) override
    {
        ++calls;
        done(RefreshOutcome { Error(), m_clock->now().addSecs(3600) });
    }
    int calls = 0;

private:
    const ManualClock *m_clock;
};

QDateTime startTime()
{
    return QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
}

AccountId account(const char *server, const char *label = "default")
{
    return AccountId { QString::fromLatin1(server), QString::fromLatin1(label) };
}

RefreshOutcome success(const QDateTime &expiresAt)
{
    return RefreshOutcome { Error(), expiresAt };
}

RefreshOutcome failure(Error::Code code)
{
    return RefreshOutcome { Error(code, QStringLiteral("scripted")), QDateTime() };
}

// Everything a test needs; the real resume timer is off so that only the test
// moves time.
struct Fixture
{
    Fixture() { scheduler.setResumeCheckInterval(std::chrono::milliseconds(0)); }

    ManualClock clock { startTime() };
    ScriptedExecutor executor;
    RefreshScheduler scheduler { &executor, &clock };
};

} // namespace

class TestRefreshScheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void leadTime_data();
    void leadTime();
    void backoffDelay_data();
    void backoffDelay();
    void refreshStartsOnlyWhenDue_data();
    void refreshStartsOnlyWhenDue();
    void severalAccountsRefreshInDueOrder();
    void overdueAccountStartsFromTheTimerNotInsideSetAccount();
    void successReschedulesFromTheNewExpiry();
    void successWithAnExpiredTokenDoesNotLoop();
    void rejectedRefreshTokenNeedsSignInAndStops_data();
    void rejectedRefreshTokenNeedsSignInAndStops();
    void failuresBackOffExponentially_data();
    void failuresBackOffExponentially();
    void backoffNeverPassesTheTokenExpiry();
    void wakeOrNetworkResetsBackoffAndRefreshesOverdue_data();
    void wakeOrNetworkResetsBackoffAndRefreshesOverdue();
    void resumeDetectorFiresOnlyOnAClockJump_data();
    void resumeDetectorFiresOnlyOnAClockJump();
    void parallelRefreshesAreBounded_data();
    void parallelRefreshesAreBounded();
    void withoutRefreshTokenWarnsOnceThenExpires();
    void withoutRefreshTokenAlreadyExpiredOnlyReportsExpired();
    void removeAccountCancels();
    void sameAccountIsNeverRefreshedTwiceAtOnce_data();
    void sameAccountIsNeverRefreshedTwiceAtOnce();
    void unchangedFactsKeepTheBackoff();
    void secondOutcomeOfOneRefreshIsIgnored();
    void synchronousExecutorAnswerIsDeferred();
    void outcomeAfterSchedulerIsGoneIsIgnored();
    void networkInformationIsOptional();
};

void TestRefreshScheduler::leadTime_data()
{
    QTest::addColumn<int>("lifetime");
    QTest::addColumn<int>("lead");
    QTest::addRow("unknown lifetime") << 0 << 300;
    QTest::addRow("negative lifetime is unknown") << -5 << 300;
    QTest::addRow("one day: capped at 5 min") << 86400 << 300;
    QTest::addRow("one hour: 10%% capped at 5 min") << 3600 << 300;
    QTest::addRow("2000 s: 10%%") << 2000 << 200;
    QTest::addRow("20 min: 10%%") << 1200 << 120;
    QTest::addRow("10 min: at the 1 min floor") << 600 << 60;
    QTest::addRow("100 s: floor, then half the lifetime") << 100 << 50;
    QTest::addRow("30 s: half the lifetime") << 30 << 15;
    QTest::addRow("1 s: no lead") << 1 << 0;
}

void TestRefreshScheduler::leadTime()
{
    QFETCH(int, lifetime);
    QFETCH(int, lead);
    QCOMPARE(RefreshScheduler::leadTime(seconds(lifetime)).count(), lead);
    if (lifetime > 0) // the due time never precedes the issue time
        QVERIFY(RefreshScheduler::leadTime(seconds(lifetime)).count() * 2 <= lifetime);
}

void TestRefreshScheduler::backoffDelay_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("delay");
    QTest::addRow("1st") << 1 << 30;
    QTest::addRow("2nd") << 2 << 60;
    QTest::addRow("3rd") << 3 << 120;
    QTest::addRow("4th") << 4 << 240;
    QTest::addRow("5th") << 5 << 480;
    QTest::addRow("6th: capped at 15 min") << 6 << 900;
    QTest::addRow("7th") << 7 << 900;
    QTest::addRow("100th: no overflow") << 100 << 900;
}

void TestRefreshScheduler::backoffDelay()
{
    QFETCH(int, failures);
    QFETCH(int, delay);
    QCOMPARE(RefreshScheduler::backoffDelay(failures).count(), delay);
}

void TestRefreshScheduler::refreshStartsOnlyWhenDue_data()
{
    QTest::addColumn<int>("lifetime");
    QTest::addColumn<int>("expiresIn");
    QTest::addColumn<int>("dueIn");
    QTest::addRow("one hour") << 3600 << 3600 << 3300;
    QTest::addRow("20 minutes") << 1200 << 1200 << 1080;
    QTest::addRow("10 minutes") << 600 << 600 << 540;
    QTest::addRow("unknown lifetime") << 0 << 3600 << 3300;
    QTest::addRow("unknown lifetime, 2 h left") << 0 << 7200 << 6900;
}

void TestRefreshScheduler::refreshStartsOnlyWhenDue()
{
    QFETCH(int, lifetime);
    QFETCH(int, expiresIn);
    QFETCH(int, dueIn);
    Fixture f;
    QSignalSpy started(&f.scheduler, &RefreshScheduler::refreshStarted);
    const AccountId work = account("srv", "work");
    f.scheduler.setAccount(work, startTime().addSecs(expiresIn), true, seconds(lifetime));
    QCOMPARE(f.scheduler.nextRefresh(work), startTime().addSecs(dueIn));
    QCOMPARE(f.scheduler.nextWakeUp(), startTime().addSecs(dueIn));

    f.clock.advance(dueIn - 1);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 0);
    QCOMPARE(started.count(), 0);

    f.clock.advance(1);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls, QStringList { QStringLiteral("srv/work") });
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).value<AccountId>(), work);
    QVERIFY(f.scheduler.isRefreshing(work));
    QVERIFY(!f.scheduler.nextRefresh(work).isValid());

    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 1);
}

void TestRefreshScheduler::severalAccountsRefreshInDueOrder()
{
    Fixture f;
    f.scheduler.setMaxConcurrentRefreshes(10);
    f.scheduler.setAccount(account("a"), startTime().addSecs(3600), true, seconds(3600)); // +3300
    f.scheduler.setAccount(account("b"), startTime().addSecs(600), true, seconds(600)); // +540
    f.scheduler.setAccount(account("c"), startTime().addSecs(1200), true, seconds(1200)); // +1080
    f.scheduler.setAccount(account("d"), startTime().addSecs(7200), true, seconds(0)); // +6900
    f.scheduler.setAccount(account("e"), startTime().addSecs(9000), false, seconds(9000)); // never

    const QList<QPair<int, QString>> steps {
        { 540, QStringLiteral("b/default") },
        { 1080, QStringLiteral("c/default") },
        { 3300, QStringLiteral("a/default") },
        { 6900, QStringLiteral("d/default") },
    };
    QStringList expected;
    for (const auto &[dueIn, name] : steps) {
        QCOMPARE(f.scheduler.nextWakeUp(), startTime().addSecs(dueIn));
        f.clock.set(startTime().addSecs(dueIn - 1));
        f.scheduler.checkNow();
        QCOMPARE(f.executor.calls, expected);
        f.clock.set(startTime().addSecs(dueIn));
        f.scheduler.checkNow();
        expected.append(name);
        QCOMPARE(f.executor.calls, expected);
    }
    // Only e's expiry warning is left.
    QCOMPARE(f.scheduler.nextWakeUp(), startTime().addSecs(9000 - 300));
}

void TestRefreshScheduler::overdueAccountStartsFromTheTimerNotInsideSetAccount()
{
    Fixture f;
    QSignalSpy expiring(&f.scheduler, &RefreshScheduler::expiringSoon);
    f.scheduler.setAccount(account("old"), startTime().addSecs(-60), true);
    f.scheduler.setAccount(account("plain"), startTime().addSecs(100), false);
    QCOMPARE(f.executor.calls.size(), 0);
    QCOMPARE(expiring.count(), 0);
    QCOMPARE(f.scheduler.nextWakeUp(), startTime().addSecs(-360));
    // The armed timer (0 ms: overdue) does the rest; the test calls nothing.
    QTRY_COMPARE(f.executor.calls, QStringList { QStringLiteral("old/default") });
    QTRY_COMPARE(expiring.count(), 1);
}

void TestRefreshScheduler::successReschedulesFromTheNewExpiry()
{
    Fixture f;
    QSignalSpy refreshed(&f.scheduler, &RefreshScheduler::refreshed);
    const AccountId id = account("srv");
    f.scheduler.setAccount(id, startTime().addSecs(600), true, seconds(600));
    f.clock.advance(540);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 1);

    const QDateTime newExpiry = f.clock.now().addSecs(3600);
    QVERIFY(f.executor.finish(id, success(newExpiry)));
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(refreshed.at(0).at(0).value<AccountId>(), id);
    QCOMPARE(refreshed.at(0).at(1).toDateTime(), newExpiry);
    QVERIFY(!f.scheduler.isRefreshing(id));
    // New lifetime 3600 s -> lead 300 s.
    QCOMPARE(f.scheduler.nextRefresh(id), newExpiry.addSecs(-300));

    f.clock.advance(3299);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 1);
    f.clock.advance(1);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 2);
}

void TestRefreshScheduler::successWithAnExpiredTokenDoesNotLoop()
{
    Fixture f;
    QSignalSpy refreshed(&f.scheduler, &RefreshScheduler::refreshed);
    const AccountId id = account("srv");
    f.scheduler.setAccount(id, startTime().addSecs(-10), true);
    f.scheduler.checkNow();
    // E.g. the executor found a token another process stored, already expired.
    QVERIFY(f.executor.finish(id, success(startTime().addSecs(-1))));
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(f.scheduler.nextRefresh(id), startTime().addSecs(30));
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 1);
    f.clock.advance(30);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 2);
}

void TestRefreshScheduler::rejectedRefreshTokenNeedsSignInAndStops_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addRow("invalid_grant") << Error::Code::InvalidGrant;
    QTest::addRow("needs sign-in") << Error::Code::NeedsSignIn;
}

void TestRefreshScheduler::rejectedRefreshTokenNeedsSignInAndStops()
{
    QFETCH(Error::Code, code);
    Fixture f;
    QSignalSpy needsSignIn(&f.scheduler, &RefreshScheduler::needsSignIn);
    QSignalSpy failed(&f.scheduler, &RefreshScheduler::refreshFailed);
    const AccountId id = account("srv");
    const QDateTime expiry = startTime().addSecs(100);
    f.scheduler.setAccount(id, expiry, true);
    f.scheduler.checkNow();
    QVERIFY(f.executor.finish(id, failure(code)));

    QCOMPARE(needsSignIn.count(), 1);
    QCOMPARE(needsSignIn.at(0).at(0).value<AccountId>(), id);
    QCOMPARE(needsSignIn.at(0).at(1).value<Error>().code(), code);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!f.scheduler.nextRefresh(id).isValid());
    QVERIFY(!f.scheduler.nextWakeUp().isValid());

    f.clock.advance(86400);
    f.scheduler.checkNow();
    f.scheduler.handleNetworkAvailable();
    f.scheduler.handleSystemResumed();
    f.scheduler.setAccount(id, expiry, true); // same facts: still stopped
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 1);

    // A new sign-in brings new facts: scheduling resumes.
    const QDateTime signedInAgain = f.clock.now().addSecs(3600);
    f.scheduler.setAccount(id, signedInAgain, true, seconds(3600));
    QCOMPARE(f.scheduler.nextRefresh(id), signedInAgain.addSecs(-300));
}

void TestRefreshScheduler::failuresBackOffExponentially_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addRow("unreachable") << Error::Code::Unreachable;
    QTest::addRow("timeout") << Error::Code::Timeout;
    QTest::addRow("network") << Error::Code::Network;
    QTest::addRow("other: http status") << Error::Code::HttpStatus;
    QTest::addRow("other: keychain locked") << Error::Code::KeychainLocked;
}

void TestRefreshScheduler::failuresBackOffExponentially()
{
    QFETCH(Error::Code, code);
    Fixture f;
    QSignalSpy failed(&f.scheduler, &RefreshScheduler::refreshFailed);
    const AccountId id = account("srv");
    f.scheduler.setAccount(id, startTime().addSecs(-3600), true); // long expired
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 1);

    const QList<int> delays { 30, 60, 120, 240, 480, 900, 900 };
    for (int i = 0; i < delays.size(); ++i) {
        const int delay = delays.at(i);
        const QDateTime expected = f.clock.now().addSecs(delay);
        QVERIFY(f.executor.finish(id, failure(code)));
        QCOMPARE(failed.count(), i + 1);
        QCOMPARE(failed.last().at(0).value<AccountId>(), id);
        QCOMPARE(failed.last().at(1).value<Error>().code(), code);
        QCOMPARE(failed.last().at(2).toDateTime(), expected);
        QCOMPARE(f.scheduler.nextRefresh(id), expected);

        f.clock.advance(delay - 1);
        f.scheduler.checkNow();
        QCOMPARE(f.executor.calls.size(), i + 1);
        f.clock.advance(1);
        f.scheduler.checkNow();
        QCOMPARE(f.executor.calls.size(), i + 2);
    }
}

void TestRefreshScheduler::backoffNeverPassesTheTokenExpiry()
{
    Fixture f;
    QSignalSpy failed(&f.scheduler, &RefreshScheduler::refreshFailed);
    const AccountId id = account("srv");
    const QDateTime expiry = startTime().addSecs(100); // unknown lifetime: due at -200
    f.scheduler.setAccount(id, expiry, true);
    f.scheduler.checkNow();

    // t=0: 30 s backoff ends before expiry - 5 s (t=95).
    QVERIFY(f.executor.finish(id, failure(Error::Code::Unreachable)));
    QCOMPARE(failed.last().at(2).toDateTime(), startTime().addSecs(30));
    f.clock.advance(30);
    f.scheduler.checkNow();
    // t=30: 60 s -> t=90, still before t=95.
    QVERIFY(f.executor.finish(id, failure(Error::Code::Unreachable)));
    QCOMPARE(failed.last().at(2).toDateTime(), startTime().addSecs(90));
    f.clock.advance(60);
    f.scheduler.checkNow();
    // t=90: 120 s would pass the expiry: one last try at t=95.
    QVERIFY(f.executor.finish(id, failure(Error::Code::Timeout)));
    QCOMPARE(failed.last().at(2).toDateTime(), expiry.addSecs(-5));
    f.clock.advance(5);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 4);
    // t=95: no valid time left before expiry: plain backoff (4th failure, 240 s).
    QVERIFY(f.executor.finish(id, failure(Error::Code::Network)));
    QCOMPARE(failed.last().at(2).toDateTime(), startTime().addSecs(95 + 240));
}

void TestRefreshScheduler::wakeOrNetworkResetsBackoffAndRefreshesOverdue_data()
{
    QTest::addColumn<bool>("resumed");
    QTest::addRow("network available") << false;
    QTest::addRow("system resumed") << true;
}

void TestRefreshScheduler::wakeOrNetworkResetsBackoffAndRefreshesOverdue()
{
    QFETCH(bool, resumed);
    Fixture f;
    f.scheduler.setMaxConcurrentRefreshes(5);
    QSignalSpy failed(&f.scheduler, &RefreshScheduler::refreshFailed);
    const AccountId flaky = account("flaky");
    const AccountId overdue = account("overdue");
    const AccountId later = account("later");
    f.scheduler.setAccount(flaky, startTime().addSecs(-3600), true);
    f.scheduler.setAccount(overdue, startTime().addSecs(350), true); // due at t=50
    f.scheduler.setAccount(later, startTime().addSecs(10300), true); // due at t=10000
    f.scheduler.checkNow();
    QVERIFY(f.executor.finish(flaky, failure(Error::Code::Unreachable))); // retry t=30
    f.clock.advance(30);
    f.scheduler.checkNow();
    QVERIFY(f.executor.finish(flaky, failure(Error::Code::Unreachable))); // retry t=90
    QCOMPARE(f.executor.calls.size(), 2);

    // The machine slept (or was offline) past overdue's due time; no timer ran.
    f.clock.set(startTime().addSecs(60));
    QVERIFY(f.scheduler.nextRefresh(flaky) > f.clock.now());
    if (resumed)
        f.scheduler.handleSystemResumed();
    else
        f.scheduler.handleNetworkAvailable();

    // Earliest due first: overdue (t=50), then flaky (reset to now).
    QCOMPARE(f.executor.calls,
             (QStringList { QStringLiteral("flaky/default"), QStringLiteral("flaky/default"),
                            QStringLiteral("overdue/default"), QStringLiteral("flaky/default") }));
    QVERIFY(!f.scheduler.isRefreshing(later));
    // The backoff starts over at 30 s.
    QVERIFY(f.executor.finish(flaky, failure(Error::Code::Unreachable)));
    QCOMPARE(failed.last().at(2).toDateTime(), f.clock.now().addSecs(30));
}

void TestRefreshScheduler::resumeDetectorFiresOnlyOnAClockJump_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("ticks");
    QTest::addColumn<bool>("jump");
    // Period 10 s; the backoff retry is 30 s away, so only a resume
    // (which forgets backoffs) can start a refresh.
    QTest::addRow("regular ticks") << 10 << 2 << false;
    QTest::addRow("a tick late by a period") << 20 << 1 << false;
    QTest::addRow("more than twice the period") << 21 << 1 << true;
    QTest::addRow("slept an hour") << 3600 << 1 << true;
}

void TestRefreshScheduler::resumeDetectorFiresOnlyOnAClockJump()
{
    QFETCH(int, step);
    QFETCH(int, ticks);
    QFETCH(bool, jump);
    Fixture f;
    const AccountId id = account("srv");
    f.scheduler.setAccount(id, startTime().addSecs(-3600), true);
    f.scheduler.checkNow();
    QVERIFY(f.executor.finish(id, failure(Error::Code::Unreachable))); // retry in 30 s
    f.scheduler.setResumeCheckInterval(seconds(10));
    QCOMPARE(f.scheduler.resumeCheckInterval(), std::chrono::milliseconds(10000));

    for (int i = 0; i < ticks; ++i) {
        f.clock.advance(step);
        f.scheduler.checkClockJump();
    }
    QCOMPARE(f.executor.calls.size(), jump ? 2 : 1);
}

void TestRefreshScheduler::parallelRefreshesAreBounded_data()
{
    QTest::addColumn<int>("limit");
    QTest::addRow("one at a time") << 1;
    QTest::addRow("default two") << 2;
    QTest::addRow("three") << 3;
}

void TestRefreshScheduler::parallelRefreshesAreBounded()
{
    QFETCH(int, limit);
    Fixture f;
    QCOMPARE(f.scheduler.maxConcurrentRefreshes(), 2);
    f.scheduler.setMaxConcurrentRefreshes(limit);
    // Five overdue accounts; s1 has been due longest.
    QStringList order;
    for (int i = 1; i <= 5; ++i) {
        const QByteArray name = "s" + QByteArray::number(i);
        f.scheduler.setAccount(account(name.constData()), startTime().addSecs(-600 + 10 * i), true);
        order.append(QString::fromLatin1(name) + QStringLiteral("/default"));
    }
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls, order.mid(0, limit));
    QCOMPARE(f.scheduler.refreshesInFlight(), limit);

    // Each finished refresh lets exactly one queued account start.
    for (int finished = 1; finished <= 5; ++finished) {
        const QStringList parts = order.at(finished - 1).split(QLatin1Char('/'));
        const AccountId id { parts.at(0), parts.at(1) };
        QVERIFY(f.executor.finish(id, success(f.clock.now().addSecs(3600))));
        QCOMPARE(f.executor.calls, order.mid(0, std::min(5, limit + finished)));
        QCOMPARE(f.scheduler.refreshesInFlight(), std::min(limit, 5 - finished));
    }
    QCOMPARE(f.executor.maxInFlight, limit);
    QCOMPARE(f.executor.pending(), 0);
}

void TestRefreshScheduler::withoutRefreshTokenWarnsOnceThenExpires()
{
    Fixture f;
    QSignalSpy expiring(&f.scheduler, &RefreshScheduler::expiringSoon);
    QSignalSpy expired(&f.scheduler, &RefreshScheduler::expired);
    const AccountId id = account("srv", "personal");
    const QDateTime expiry = startTime().addSecs(3600);
    f.scheduler.setAccount(id, expiry, false, seconds(3600));
    QVERIFY(!f.scheduler.nextRefresh(id).isValid());
    QCOMPARE(f.scheduler.nextWakeUp(), expiry.addSecs(-300));

    f.clock.advance(3299);
    f.scheduler.checkNow();
    QCOMPARE(expiring.count(), 0);
    f.clock.advance(1);
    f.scheduler.checkNow();
    QCOMPARE(expiring.count(), 1);
    QCOMPARE(expiring.at(0).at(0).value<AccountId>(), id);
    QCOMPARE(expiring.at(0).at(1).toDateTime(), expiry);
    QCOMPARE(f.scheduler.nextWakeUp(), expiry);

    // Not repeated: more checks, a wake-up, the same facts again.
    f.scheduler.checkNow();
    f.clock.advance(100);
    f.scheduler.handleSystemResumed();
    f.scheduler.setAccount(id, expiry, false, seconds(3600));
    f.scheduler.checkNow();
    QCOMPARE(expiring.count(), 1);
    QCOMPARE(expired.count(), 0);

    f.clock.set(expiry);
    f.scheduler.checkNow();
    QCOMPARE(expired.count(), 1);
    QCOMPARE(expired.at(0).at(0).value<AccountId>(), id);
    f.clock.advance(3600);
    f.scheduler.checkNow();
    QCOMPARE(expired.count(), 1);
    QCOMPARE(expiring.count(), 1);
    QVERIFY(!f.scheduler.nextWakeUp().isValid());
    QCOMPARE(f.executor.calls.size(), 0);
}

void TestRefreshScheduler::withoutRefreshTokenAlreadyExpiredOnlyReportsExpired()
{
    Fixture f;
    QSignalSpy expiring(&f.scheduler, &RefreshScheduler::expiringSoon);
    QSignalSpy expired(&f.scheduler, &RefreshScheduler::expired);
    f.scheduler.setAccount(account("srv"), startTime().addSecs(-1), false, seconds(3600));
    f.scheduler.checkNow();
    QCOMPARE(expired.count(), 1);
    QCOMPARE(expiring.count(), 0);
    QCOMPARE(f.executor.calls.size(), 0);
}

void TestRefreshScheduler::removeAccountCancels()
{
    Fixture f;
    QSignalSpy refreshed(&f.scheduler, &RefreshScheduler::refreshed);
    QSignalSpy failed(&f.scheduler, &RefreshScheduler::refreshFailed);
    const AccountId waiting = account("waiting");
    const AccountId busy = account("busy");
    f.scheduler.setAccount(waiting, startTime().addSecs(600), true, seconds(600));
    f.scheduler.setAccount(busy, startTime().addSecs(-10), true);
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls, QStringList { QStringLiteral("busy/default") });

    f.scheduler.removeAccount(waiting);
    f.scheduler.removeAccount(busy);
    QVERIFY(!f.scheduler.hasAccount(waiting));
    QVERIFY(!f.scheduler.nextWakeUp().isValid());
    // The refresh in flight ends, but is not reported for a removed account.
    QVERIFY(f.executor.finish(busy, success(f.clock.now().addSecs(3600))));
    QCOMPARE(refreshed.count(), 0);
    QCOMPARE(f.scheduler.refreshesInFlight(), 0);

    f.clock.advance(86400);
    f.scheduler.checkNow();
    f.scheduler.handleNetworkAvailable();
    QCOMPARE(f.executor.calls.size(), 1);
    QCOMPARE(failed.count(), 0);
}

void TestRefreshScheduler::sameAccountIsNeverRefreshedTwiceAtOnce_data()
{
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("callsAfterwards");
    // Success: the refreshed token (expiring later) wins over the re-set facts.
    QTest::addRow("first refresh succeeds") << true << 1;
    // Failure: the re-set facts (overdue) win: one more refresh, after the first.
    QTest::addRow("first refresh fails") << false << 2;
}

void TestRefreshScheduler::sameAccountIsNeverRefreshedTwiceAtOnce()
{
    QFETCH(bool, succeeds);
    QFETCH(int, callsAfterwards);
    Fixture f;
    f.scheduler.setMaxConcurrentRefreshes(5);
    QSignalSpy needsSignIn(&f.scheduler, &RefreshScheduler::needsSignIn);
    const AccountId id = account("srv");
    f.scheduler.setAccount(id, startTime().addSecs(-10), true);
    f.scheduler.checkNow();
    QVERIFY(f.scheduler.isRefreshing(id));

    // New (still overdue) facts, a removal and a re-add while in flight.
    f.scheduler.setAccount(id, startTime().addSecs(-5), true);
    f.scheduler.checkNow();
    f.scheduler.handleNetworkAvailable();
    f.scheduler.removeAccount(id);
    f.scheduler.setAccount(id, startTime().addSecs(-1), true);
    f.scheduler.handleSystemResumed();
    QCOMPARE(f.executor.calls.size(), 1);

    const QDateTime newExpiry = f.clock.now().addSecs(3600);
    QVERIFY(
        f.executor.finish(id, succeeds ? success(newExpiry) : failure(Error::Code::InvalidGrant)));
    QCOMPARE(f.executor.calls.size(), callsAfterwards);
    QCOMPARE(f.executor.sameAccountOverlaps, 0);
    // An outcome for facts that were replaced mid-flight never stops the account.
    QCOMPARE(needsSignIn.count(), 0);
    if (succeeds)
        QCOMPARE(f.scheduler.nextRefresh(id), newExpiry.addSecs(-300));
    else
        QVERIFY(f.scheduler.isRefreshing(id));
}

void TestRefreshScheduler::unchangedFactsKeepTheBackoff()
{
    Fixture f;
    const AccountId id = account("srv");
    const QDateTime expiry = startTime().addSecs(-3600);
    f.scheduler.setAccount(id, expiry, true);
    f.scheduler.checkNow();
    QVERIFY(f.executor.finish(id, failure(Error::Code::Unreachable)));
    QCOMPARE(f.scheduler.nextRefresh(id), startTime().addSecs(30));

    // E.g. the registry file was re-read: no retry storm.
    f.scheduler.setAccount(id, expiry, true);
    f.scheduler.checkNow();
    QCOMPARE(f.scheduler.nextRefresh(id), startTime().addSecs(30));
    QCOMPARE(f.executor.calls.size(), 1);

    // Different facts (a new sign-in elsewhere): scheduled from them.
    f.scheduler.setAccount(id, startTime().addSecs(100), true);
    QCOMPARE(f.scheduler.nextRefresh(id), startTime().addSecs(-200));
    f.scheduler.checkNow();
    QCOMPARE(f.executor.calls.size(), 2);
}

void TestRefreshScheduler::secondOutcomeOfOneRefreshIsIgnored()
{
    Fixture f;
    QSignalSpy refreshed(&f.scheduler, &RefreshScheduler::refreshed);
    QSignalSpy failed(&f.scheduler, &RefreshScheduler::refreshFailed);
    const AccountId id = account("srv");
    f.scheduler.setAccount(id, startTime().addSecs(-10), true);
    f.scheduler.checkNow();
    const auto done = f.executor.take(id);
    QVERIFY(done);
    done(success(f.clock.now().addSecs(3600)));
    QTest::ignoreMessage(QtWarningMsg, "ignoring an unexpected refresh outcome for srv/default");
    done(failure(Error::Code::Unreachable));
    QCOMPARE(refreshed.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(f.scheduler.nextRefresh(id), f.clock.now().addSecs(3300));
}

void TestRefreshScheduler::synchronousExecutorAnswerIsDeferred()
{
    ManualClock clock(startTime());
    SynchronousExecutor executor(&clock);
    RefreshScheduler scheduler(&executor, &clock);
    QSignalSpy started(&scheduler, &RefreshScheduler::refreshStarted);
    QSignalSpy refreshed(&scheduler, &RefreshScheduler::refreshed);
    const AccountId id = account("srv");
    scheduler.setAccount(id, startTime().addSecs(-10), true);
    QTest::ignoreMessage(QtWarningMsg, "executor answered synchronously for srv/default");
    scheduler.checkNow();
    QCOMPARE(executor.calls, 1);
    QCOMPARE(started.count(), 1);
    QCOMPARE(refreshed.count(), 0); // not yet: the start finishes first
    QTRY_COMPARE(refreshed.count(), 1);
    QVERIFY(!scheduler.isRefreshing(id));
    QCOMPARE(scheduler.nextRefresh(id), startTime().addSecs(3600 - 300));
    QCOMPARE(executor.calls, 1);
}

void TestRefreshScheduler::outcomeAfterSchedulerIsGoneIsIgnored()
{
    ManualClock clock(startTime());
    ScriptedExecutor executor;
    auto scheduler = std::make_unique<RefreshScheduler>(&executor, &clock);
    const AccountId id = account("srv");
    scheduler->setAccount(id, startTime().addSecs(-10), true);
    scheduler->checkNow();
    QCOMPARE(executor.pending(), 1);
    scheduler.reset();
    // The app may quit while a refresh is on the wire.
    QVERIFY(executor.finish(id, success(clock.now().addSecs(3600))));
    QCOMPARE(executor.pending(), 0);
}

void TestRefreshScheduler::networkInformationIsOptional()
{
    Fixture f;
    // With a backend (glib, NetworkManager) it connects; without one it says so.
    const bool connected = f.scheduler.connectToNetworkInformation();
    QCOMPARE(connected, QNetworkInformation::instance() != nullptr);
    if (connected)
        QVERIFY(
            QNetworkInformation::instance()->supports(QNetworkInformation::Feature::Reachability));
    QCOMPARE(f.scheduler.connectToNetworkInformation(), connected); // idempotent
}

QTEST_GUILESS_MAIN(TestRefreshScheduler)
#include "tst_refreshscheduler.moc"
