#include "core/accounts/accountstatus.h"
#include "core/accounts/statuschecker.h"
#include "core/net/httpclient.h"

#include "jobrunner.h"
#include "scriptedhttpserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Mcpa;

class TestAccountStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromRecord_data();
    void fromRecord();
    void noRefreshTokenNotice_data();
    void noRefreshTokenNotice();
    void refine_data();
    void refine();
    void checkerBoundsParallelism();
    void checkerWithoutServersEnds();
};

void TestAccountStatus::fromRecord_data()
{
    QTest::addColumn<bool>("hasAccount");
    QTest::addColumn<int>("expiresIn"); // seconds from now; 0 = unknown expiry
    QTest::addColumn<bool>("refreshToken");
    QTest::addColumn<bool>("needsSignIn");
    QTest::addColumn<AccountStatus::Kind>("kind");
    QTest::addColumn<bool>("refreshDue");
    QTest::addRow("no account") << false << 0 << false << false << AccountStatus::Kind::SignedOut
                                << false;
    QTest::addRow("valid") << true << 600 << true << false << AccountStatus::Kind::SignedIn
                           << false;
    QTest::addRow("unknown expiry")
        << true << 0 << false << false << AccountStatus::Kind::SignedIn << false;
    QTest::addRow("expired, refreshable")
        << true << -5 << true << false << AccountStatus::Kind::SignedIn << true;
    QTest::addRow("expired, no refresh token")
        << true << -5 << false << false << AccountStatus::Kind::NeedsSignIn << false;
    QTest::addRow("grant gone") << true << 600 << true << true << AccountStatus::Kind::NeedsSignIn
                                << false;
}

void TestAccountStatus::fromRecord()
{
    QFETCH(bool, hasAccount);
    QFETCH(int, expiresIn);
    QFETCH(bool, refreshToken);
    QFETCH(bool, needsSignIn);
    QFETCH(AccountStatus::Kind, kind);
    QFETCH(bool, refreshDue);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    AccountRecord account;
    if (expiresIn)
        account.expiresAt = now.addSecs(expiresIn);
    account.hasRefreshToken = refreshToken;
    account.needsSignIn = needsSignIn;
    const AccountStatus status = AccountStatus::fromRecord(hasAccount ? &account : nullptr, now);
    QCOMPARE(status.kind, kind);
    QCOMPARE(status.refreshDue, refreshDue);
    // SEP-2207: a signed-in account without a refresh token says so.
    QCOMPARE(status.noRefreshToken, kind == AccountStatus::Kind::SignedIn && !refreshToken);
    if (kind == AccountStatus::Kind::NeedsSignIn)
        QVERIFY(!status.reason.isEmpty());
}

void TestAccountStatus::noRefreshTokenNotice_data()
{
    QTest::addColumn<int>("expiresIn"); // seconds; 0 = no expiry given
    QTest::addColumn<QString>("when");
    QTest::addRow("an hour") << 3600 << "in 60 min";
    QTest::addRow("three hours") << 3 * 3600 + 30 << "in 3 h";
    QTest::addRow("seconds") << 20 << "in less than a minute";
    QTest::addRow("no expiry") << 0 << "when the server stops taking this token";
}

void TestAccountStatus::noRefreshTokenNotice()
{
    QFETCH(int, expiresIn);
    QFETCH(QString, when);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString notice = AccountStatus::noRefreshTokenNotice(
        expiresIn ? now.addSecs(expiresIn) : QDateTime(), now);
    QCOMPARE(notice, QStringLiteral("no refresh token: you will need to sign in again ") + when);
}

void TestAccountStatus::refine_data()
{
    QTest::addColumn<AccountStatus::Kind>("fromFile");
    QTest::addColumn<ProbeResult::Kind>("probe");
    QTest::addColumn<AccountStatus::Kind>("expected");
    QTest::addRow("signed out, open")
        << AccountStatus::Kind::SignedOut << ProbeResult::Kind::Open << AccountStatus::Kind::Open;
    QTest::addRow("signed in stays")
        << AccountStatus::Kind::SignedIn << ProbeResult::Kind::AuthRequired
        << AccountStatus::Kind::SignedIn;
    QTest::addRow("needs sign-in stays")
        << AccountStatus::Kind::NeedsSignIn << ProbeResult::Kind::AuthRequired
        << AccountStatus::Kind::NeedsSignIn;
    QTest::addRow("unreachable") << AccountStatus::Kind::SignedIn << ProbeResult::Kind::Unreachable
                                 << AccountStatus::Kind::Unreachable;
    QTest::addRow("broken server")
        << AccountStatus::Kind::SignedOut << ProbeResult::Kind::Error << AccountStatus::Kind::Error;
    QTest::addRow("unknown, auth required")
        << AccountStatus::Kind::Unknown << ProbeResult::Kind::AuthRequired
        << AccountStatus::Kind::SignedOut;
}

void TestAccountStatus::refine()
{
    QFETCH(AccountStatus::Kind, fromFile);
    QFETCH(ProbeResult::Kind, probe);
    QFETCH(AccountStatus::Kind, expected);
    AccountStatus status;
    status.kind = fromFile;
    ProbeResult result;
    result.kind = probe;
    QCOMPARE(AccountStatus::refine(status, result).kind, expected);
}

void TestAccountStatus::checkerBoundsParallelism()
{
    // 20 servers (one scripted endpoint), at most 3 probes in flight.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp", ScriptedHttpServer::json(401, "{}", { { "WWW-Authenticate", "Bearer" } }));
    HttpClient http;
    QList<StatusChecker::Target> targets;
    for (int i = 0; i < 20; ++i)
        targets.append({ QStringLiteral("s%1").arg(i), server.url(QStringLiteral("/mcp")) });
    auto *checker = new StatusChecker(&http, targets);
    checker->setMaxParallel(3);
    QSignalSpy checked(checker, &StatusChecker::checked);
    struct Seen
    {
        QHash<QString, ProbeResult> results;
        int peak = 0;
    };
    const auto outcome = Test::runJob(
        checker,
        [](StatusChecker *job) {
            return Seen { job->results(), job->peakParallel() };
        },
        20000);
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(!outcome.error);
    QCOMPARE(checked.size(), 20);
    QCOMPARE(outcome.value.peak, 3);
    QCOMPARE(checked.first().at(1).value<ProbeResult>().kind, ProbeResult::Kind::AuthRequired);
    QCOMPARE(outcome.value.results.size(), 20);
    QCOMPARE(outcome.value.results.value(QStringLiteral("s7")).kind,
             ProbeResult::Kind::AuthRequired);
    QCOMPARE(server.requests().size(), 20);
}

void TestAccountStatus::checkerWithoutServersEnds()
{
    HttpClient http;
    auto *checker = new StatusChecker(&http, {});
    QSignalSpy checked(checker, &StatusChecker::checked);
    const auto outcome
        = Test::runJob(checker, [](StatusChecker *job) { return job->results().size(); });
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.value, 0);
    QCOMPARE(checked.size(), 0);
}

QTEST_GUILESS_MAIN(TestAccountStatus)
#include "tst_accountstatus.moc"
