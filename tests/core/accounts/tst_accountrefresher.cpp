#include "core/accounts/accountrefresher.h"
#include "core/accounts/accounttypes.h"
#include "core/base/clock.h"
#include "core/base/trace.h"
#include "core/mcp/jsonrpc.h"
#include "core/net/httpclient.h"
#include "core/oauth/registrationcache.h"
#include "core/oauth/signinflow.h"
#include "core/oauth/tokenclient.h"
#include "core/store/refreshlock.h"
#include "core/store/secretstore.h"
#include "core/store/tokenstore.h"

#include "headlessbrowser.h"
#include "testserver.h"

#include "jobrunner.h"
#include "signinsignals.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>
#include <vector>

#ifndef MCPA_REFRESHER_HELPER
#error "MCPA_REFRESHER_HELPER must name the mcpa_refresher_helper executable (tests/CMakeLists.txt)"
#endif

using namespace Mcpa;
using namespace std::chrono_literals;

namespace {

QString sha256(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject firstJsonLine(QProcess *process)
{
    return QJsonDocument::fromJson(process->readLine()).object();
}

// Made-up tokens that expired a minute ago (nothing here reaches a server).
// The refresher's steps, as its progress text names them.
const QString CheckingStep = QStringLiteral("Reading the stored tokens");
const QString LockingStep = QStringLiteral("Waiting for the account's refresh lock");
const QString RereadingStep = QStringLiteral("Reading the stored tokens again");
const QString RefreshingStep = QStringLiteral("Refreshing the access token");
const QString StoringStep = QStringLiteral("Storing the refreshed tokens");

TokenSet expiredTokens()
{
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("made-up-access-token");
    tokens.tokenType = QStringLiteral("Bearer");
    tokens.refreshToken = QStringLiteral("made-up-refresh-token");
    tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    return tokens;
}

QFile::Permissions permissionBits(const QString &path)
{
    // Without the Read/Write/ExeUser bits, which describe this process's access.
    constexpr QFile::Permissions everyone = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
        | QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    return QFile::permissions(path) & everyone;
}

} // namespace

Q_DECLARE_METATYPE(Mcpa::AccountRefresher::Policy)

// AccountRefresher and RefreshLock against the real oidc-provider server
// (rotating refresh tokens: a second use of a spent one revokes the whole
// grant), the session's real Secret Service, and real processes.
class TestAccountRefresher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lockFileLocation();
    void lockExcludesOtherProcessesUntilTheyDie();
    void forcedRefreshRotatesTheRefreshToken();
    void expiryPolicy_data();
    void expiryPolicy();
    void concurrentRefreshesReachTheServerOnce();
    void waiterRereadsTheKeychainAfterTheLock();
    void revokedGrantIsInvalidGrantAndReleasesTheLock_data();
    void revokedGrantIsInvalidGrantAndReleasesTheLock();
    void otherFailuresReleaseTheLock_data();
    void otherFailuresReleaseTheLock();
    void lockTimeout_data();
    void lockTimeout();
    void resultsAreAsynchronous();

private:
    struct Result
    {
        bool done = false;
        int finishedSignals = 0;
        bool ok = false;
        TokenSet tokens;
        bool didRefresh = false;
        AccountRefresher::Outcome outcome = AccountRefresher::Outcome::None;
        Error error;
        QStringList steps; ///< the progress texts, in order
    };

    SignInResult signIn();
    Error store(const QString &label, const TokenSet &tokens);
    Error storeRaw(const QString &label, const QByteArray &data);
    TokenSet stored(const QString &label, Error *error = nullptr);
    static Result run(AccountRefresher *refresher);
    AccountRefresher *newRefresher(const QString &label, const TokenEndpointConfig &endpoint,
                                   const AccountRefresher::Policy &policy,
                                   const Clock *clock = Clock::system());
    AccountRefresher *newRefresherFor(const QString &serverId, const QString &label,
                                      const TokenEndpointConfig &endpoint,
                                      const AccountRefresher::Policy &policy,
                                      const Clock *clock = Clock::system());
    QStringList helperArguments(const QString &label, const SignInResult &account,
                                const QStringList &extra = {});
    std::unique_ptr<QProcess> startHelper(const QStringList &arguments);
    int tokenRequests(const char *grantType);
    int tokenErrors(const char *grantType);
    int initializeStatus(const QString &accessToken);
    bool lockIsFree(const QString &label);
    QString lockPath(const QString &label) const;
    QString label();

    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_runtime;
    QString m_lockDirectory;
    QString m_serverId;
    SecretStore m_secrets { QStringLiteral("mcp-accounts-test-refresher") };
    TokenStore m_store { &m_secrets };
    HttpClient m_http;
    MemoryRegistrationCache m_registrations;
    int m_labels = 0;
};

void TestAccountRefresher::initTestCase()
{
    QVERIFY(m_runtime.isValid());
    m_lockDirectory = m_runtime.filePath(QStringLiteral("mcp-accounts/locks"));
    m_serverId = QStringLiteral("oidc-%1").arg(QRandomGenerator::global()->generate());
    m_secrets.setTimeout(20s);
    const Error check = store(QStringLiteral("probe"), expiredTokens());
    if (check) {
        QFAIL(qPrintable(QStringLiteral("no usable Secret Service in this session (run the tests "
                                        "through scripts/test.sh): ")
                         + check.toString()));
    }
    m_server = std::make_unique<TestServer>(TestServer::Kind::Oidc,
                                            QStringList { QStringLiteral("--auto-approve") });
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestAccountRefresher::cleanupTestCase()
{
    // Every entry of this run, so that a developer's test keyring stays small.
    for (int i = 0; i <= m_labels; ++i) {
        const QString name = i == 0 ? QStringLiteral("probe") : QStringLiteral("account-%1").arg(i);
        bool done = false;
        m_store.removeTokens(m_serverId, name, this, [&done](const Error &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    }
    m_server.reset();
}

QString TestAccountRefresher::label()
{
    return QStringLiteral("account-%1").arg(++m_labels);
}

SignInResult TestAccountRefresher::signIn()
{
    SignInFlow flow(&m_http, Clock::system(), &m_registrations);
    flow.setAutoDelete(false); // held here
    HeadlessBrowser browser;
    browser.attach(&flow);
    auto *outcome = new Test::SignInSignals(&flow);
    QSignalSpy succeeded(outcome, &Test::SignInSignals::succeeded);
    QSignalSpy failed(outcome, &Test::SignInSignals::failed);
    ServerSettings settings;
    settings.mcpUrl = m_server->mcpUrl();
    flow.setRequest(settings);
    flow.start();
    if (!QTest::qWaitFor([&] { return !succeeded.isEmpty() || !failed.isEmpty(); }, 60000)
        || succeeded.isEmpty()) {
        qWarning() << "sign-in failed:"
                   << (failed.isEmpty() ? QStringLiteral("no result")
                                        : failed.first().first().value<Error>().toString());
        return {};
    }
    return succeeded.first().first().value<SignInResult>();
}

Error TestAccountRefresher::store(const QString &label, const TokenSet &tokens)
{
    bool done = false;
    Error result;
    m_store.writeTokens(m_serverId, label, tokens, this, [&](const Error &error) {
        done = true;
        result = error;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 30000))
        return Error(Error::Code::Internal, QStringLiteral("no result"));
    return result;
}

Error TestAccountRefresher::storeRaw(const QString &label, const QByteArray &data)
{
    return Test::runJob(m_secrets.write(SecretKeys::account(m_serverId, label), data)).error;
}

TokenSet TestAccountRefresher::stored(const QString &label, Error *error)
{
    bool done = false;
    TokenSet result;
    m_store.readTokens(m_serverId, label, this, [&](const TokenSet &tokens, const Error &failure) {
        done = true;
        result = tokens;
        if (error)
            *error = failure;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 30000) && error)
        *error = Error(Error::Code::Internal, QStringLiteral("no result"));
    return result;
}

TestAccountRefresher::Result TestAccountRefresher::run(AccountRefresher *refresher)
{
    // Starts it unless started, and waits until it has ended and deleted itself.
    auto steps = std::make_shared<QStringList>();
    connect(refresher, &Job::progressChanged, refresher,
            [steps](const QString &text) { steps->append(text); });
    const auto outcome = Test::runJob(
        refresher,
        [](AccountRefresher *job) {
            Result result;
            result.tokens = job->tokens();
            result.didRefresh = job->didRefresh();
            result.outcome = job->outcome();
            return result;
        },
        90000);
    Result result = outcome.value;
    result.done = outcome.finished;
    result.finishedSignals = outcome.finishedSignals;
    result.error = outcome.error;
    result.ok = outcome.finished && !outcome.error;
    result.steps = *steps;
    return result;
}

AccountRefresher *TestAccountRefresher::newRefresher(const QString &label,
                                                     const TokenEndpointConfig &endpoint,
                                                     const AccountRefresher::Policy &policy,
                                                     const Clock *clock)
{
    return newRefresherFor(m_serverId, label, endpoint, policy, clock);
}

AccountRefresher *TestAccountRefresher::newRefresherFor(const QString &serverId,
                                                        const QString &label,
                                                        const TokenEndpointConfig &endpoint,
                                                        const AccountRefresher::Policy &policy,
                                                        const Clock *clock)
{
    // A pending job: it deletes itself once it has finished.
    auto *tokens = new TokenClient(&m_http, clock);
    auto *refresher
        = new AccountRefresher(&m_store, tokens, clock, serverId, label, endpoint, policy);
    tokens->setParent(refresher);
    refresher->setLockDirectory(m_lockDirectory);
    return refresher;
}

QStringList TestAccountRefresher::helperArguments(const QString &label, const SignInResult &account,
                                                  const QStringList &extra)
{
    QStringList arguments {
        QStringLiteral("--service"),
        m_secrets.serviceName(),
        QStringLiteral("--server-id"),
        m_serverId,
        QStringLiteral("--label"),
        label,
        QStringLiteral("--lock-dir"),
        m_lockDirectory,
        QStringLiteral("--token-endpoint"),
        account.endpoint.tokenEndpoint.toString(),
        QStringLiteral("--client-id"),
        account.endpoint.client.clientId,
        QStringLiteral("--issuer"),
        account.endpoint.client.issuer,
        QStringLiteral("--auth-method"),
        clientAuthMethodName(account.endpoint.client.authMethod),
    };
    if (!account.endpoint.resource.isEmpty())
        arguments << QStringLiteral("--resource") << account.endpoint.resource.toString();
    if (account.endpoint.client.authMethod != ClientAuthMethod::None)
        arguments << QStringLiteral("--secret-from") << QStringLiteral("registration");
    return arguments + extra;
}

std::unique_ptr<QProcess> TestAccountRefresher::startHelper(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QStringLiteral(MCPA_REFRESHER_HELPER), arguments);
    return process;
}

int TestAccountRefresher::tokenRequests(const char *grantType)
{
    return m_server->stats()
        .value(QLatin1String("token"))
        .toObject()
        .value(QLatin1String(grantType))
        .toInt(-1);
}

int TestAccountRefresher::tokenErrors(const char *grantType)
{
    return m_server->stats()
        .value(QLatin1String("tokenErrors"))
        .toObject()
        .value(QLatin1String(grantType))
        .toInt(-1);
}

int TestAccountRefresher::initializeStatus(const QString &accessToken)
{
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = m_server->mcpUrl();
    request.headers = { { "Content-Type", "application/json" },
                        { "Accept", "application/json, text/event-stream" },
                        { "Authorization", "Bearer " + accessToken.toUtf8() } };
    const QJsonObject params {
        { QLatin1String("protocolVersion"), JsonRpc::latestProtocolVersion() },
        { QLatin1String("capabilities"), QJsonObject() },
        { QLatin1String("clientInfo"),
          QJsonObject { { QLatin1String("name"), QLatin1String("tst_accountrefresher") },
                        { QLatin1String("version"), QLatin1String("1") } } },
    };
    request.body = JsonRpc::request(1, QStringLiteral("initialize"), params);
    int status = -1;
    m_http.send(request, this, [&status](const HttpResponse &response) {
        status = response.error ? 0 : response.status;
    });
    if (!QTest::qWaitFor([&status] { return status >= 0; }, 30000))
        return -1;
    return status;
}

QString TestAccountRefresher::lockPath(const QString &label) const
{
    return RefreshLock::filePath(m_lockDirectory, m_serverId, label);
}

bool TestAccountRefresher::lockIsFree(const QString &label)
{
    // Free means: a single try takes it, at once.
    RefreshLock probe(lockPath(label));
    QSignalSpy acquired(&probe, &RefreshLock::acquired);
    QSignalSpy failed(&probe, &RefreshLock::failed);
    probe.acquire(0ms);
    if (!QTest::qWaitFor([&] { return !acquired.isEmpty() || !failed.isEmpty(); }, 10000))
        return false;
    return !acquired.isEmpty() && probe.attempts() == 1;
}

void TestAccountRefresher::lockFileLocation()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    const bool wasSet = qEnvironmentVariableIsSet("XDG_RUNTIME_DIR");
    const QByteArray previous = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    const QString directory = RefreshLock::defaultDirectory();
    if (wasSet)
        qputenv("XDG_RUNTIME_DIR", previous);
    else
        qunsetenv("XDG_RUNTIME_DIR");
    QCOMPARE(directory, runtime.filePath(QStringLiteral("mcp-accounts/locks")));

    const QString path
        = RefreshLock::filePath(directory, QStringLiteral("srv"), QStringLiteral("work"));
    QCOMPARE(QFileInfo(path).fileName(),
             sha256(QStringLiteral("srv/work")) + QLatin1String(".lock"));
    QVERIFY(path
            != RefreshLock::filePath(directory, QStringLiteral("srv"), QStringLiteral("personal")));

    RefreshLock lock(path);
    QSignalSpy acquired(&lock, &RefreshLock::acquired);
    lock.acquire(0ms);
    QCOMPARE(lock.state(), RefreshLock::State::Waiting); // never synchronous
    QVERIFY(acquired.wait(10000));
    QVERIFY(lock.isHeld());
    QVERIFY(QFile::exists(path));
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    QCOMPARE(permissionBits(directory), ownerOnly);
    QCOMPARE(permissionBits(QFileInfo(directory).path()), ownerOnly);
    lock.release();
    QVERIFY(!QFile::exists(path));
}

void TestAccountRefresher::lockExcludesOtherProcessesUntilTheyDie()
{
    const QString name = label();
    std::unique_ptr<QProcess> holder
        = startHelper(helperArguments(name, {}, { QStringLiteral("--hold-lock") }));
    QTRY_VERIFY_WITH_TIMEOUT(holder->canReadLine(), 30000);
    QCOMPARE(firstJsonLine(holder.get()).value(QLatin1String("locked")).toBool(), true);

    RefreshLock lock(lockPath(name));
    QSignalSpy failed(&lock, &RefreshLock::failed);
    lock.acquire(200ms);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().first().value<Error>().code(), Error::Code::Timeout);
    QVERIFY(lock.attempts() > 1); // it polled, then gave up at the deadline

    // kill -9 leaves the lock file behind; the dead owner's pid frees it.
    holder->kill();
    QVERIFY(holder->waitForFinished(10000));
    QVERIFY(QFile::exists(lockPath(name)));
    QVERIFY(lockIsFree(name));
}

void TestAccountRefresher::forcedRefreshRotatesTheRefreshToken()
{
    const SignInResult account = signIn();
    QVERIFY(account.tokens.isValid());
    QVERIFY(!account.tokens.refreshToken.isEmpty());
    const QString name = label();
    QVERIFY(!store(name, account.tokens));
    const int before = tokenRequests("refresh_token");

    const Result result
        = run(newRefresher(name, account.endpoint, AccountRefresher::Policy::force()));
    QCOMPARE(result.finishedSignals, 1);
    QVERIFY2(result.ok, qPrintable(result.error.toString()));
    QVERIFY(result.didRefresh);
    QCOMPARE(result.outcome, AccountRefresher::Outcome::Refreshed);
    QCOMPARE(tokenRequests("refresh_token") - before, 1);
    QVERIFY(result.tokens.refreshToken != account.tokens.refreshToken);
    QVERIFY(result.tokens.accessToken != account.tokens.accessToken);
    // A forced refresh skips the unlocked read and stores before it reports.
    // (It succeeded: the last step is followed by success.)
    QCOMPARE(result.steps,
             (QStringList { LockingStep, RereadingStep, RefreshingStep, StoringStep }));

    Error error;
    const TokenSet inKeychain = stored(name, &error);
    QVERIFY2(!error, qPrintable(error.toString()));
    QCOMPARE(inKeychain.refreshToken, result.tokens.refreshToken);
    QCOMPARE(inKeychain.accessToken, result.tokens.accessToken);
    QCOMPARE(inKeychain.expiresAt, result.tokens.expiresAt);
    QVERIFY(lockIsFree(name));
    QCOMPARE(initializeStatus(result.tokens.accessToken), 200);

    // The old refresh token is spent (using it now revokes the grant: last).
    TokenClient client(&m_http, Clock::system());
    QCOMPARE(Test::runJob(client.refresh(account.endpoint, account.tokens)).error.code(),
             Error::Code::InvalidGrant);
}

void TestAccountRefresher::expiryPolicy_data()
{
    QTest::addColumn<AccountRefresher::Policy>("policy");
    QTest::addColumn<int>("expiresIn"); // seconds from the clock's now; INT_MIN: unknown
    QTest::addColumn<bool>("expectRefresh");
    const auto lead = AccountRefresher::Policy::ifExpiringWithin(5min);
    QTest::addRow("fresh: 1 h left, 5 min lead") << lead << 3600 << false;
    QTest::addRow("expiry unknown") << lead << std::numeric_limits<int>::min() << false;
    QTest::addRow("inside the lead time: 4 min left") << lead << 240 << true;
    QTest::addRow("expired") << lead << -60 << true;
    QTest::addRow("forced although fresh") << AccountRefresher::Policy::force() << 3600 << true;
}

void TestAccountRefresher::expiryPolicy()
{
    QFETCH(AccountRefresher::Policy, policy);
    QFETCH(int, expiresIn);
    QFETCH(bool, expectRefresh);
    const SignInResult account = signIn();
    QVERIFY(account.tokens.isValid());
    // The refresher decides by the injected clock, not by the machine's.
    ManualClock clock(QDateTime(QDate(2030, 1, 1), QTime(12, 0), Qt::UTC));
    TokenSet tokens = account.tokens;
    tokens.expiresAt = expiresIn == std::numeric_limits<int>::min()
        ? QDateTime()
        : clock.now().addSecs(expiresIn);
    const QString name = label();
    QVERIFY(!store(name, tokens));
    const int before = tokenRequests("refresh_token");

    const Result result = run(newRefresher(name, account.endpoint, policy, &clock));
    QCOMPARE(result.finishedSignals, 1);
    QVERIFY2(result.ok, qPrintable(result.error.toString()));
    QCOMPARE(result.didRefresh, expectRefresh);
    QCOMPARE(tokenRequests("refresh_token") - before, expectRefresh ? 1 : 0);
    QCOMPARE(result.outcome,
             expectRefresh ? AccountRefresher::Outcome::Refreshed
                           : AccountRefresher::Outcome::StillFresh);
    const TokenSet inKeychain = stored(name);
    if (expectRefresh) {
        QVERIFY(result.tokens.accessToken != tokens.accessToken);
        // Stored as an absolute time computed with the injected clock.
        QCOMPARE(inKeychain.expiresAt, clock.now().addSecs(3600));
    } else {
        QCOMPARE(result.tokens.accessToken, tokens.accessToken);
        QCOMPARE(inKeychain.expiresAt, tokens.expiresAt);
    }
    QCOMPARE(inKeychain.accessToken, result.tokens.accessToken);
    QVERIFY(lockIsFree(name));
}

void TestAccountRefresher::concurrentRefreshesReachTheServerOnce()
{
    constexpr int Processes = 20;
    constexpr int InProcess = 2;
    const SignInResult account = signIn();
    QVERIFY(account.tokens.isValid());
    const QString name = label();
    TokenSet expired = account.tokens;
    expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    QVERIFY(!store(name, expired));
    const int refreshesBefore = tokenRequests("refresh_token");
    const int errorsBefore = tokenErrors("refresh_token");

    // Every process starts, reports ready, and waits for "go": the refreshes
    // really start together instead of one process start-up apart.
    std::vector<std::unique_ptr<QProcess>> helpers;
    for (int i = 0; i < Processes; ++i) {
        helpers.push_back(
            startHelper(helperArguments(name, account, { QStringLiteral("--wait-for-go") })));
    }
    for (const auto &helper : helpers) {
        QTRY_VERIFY_WITH_TIMEOUT(helper->canReadLine(), 60000);
        QCOMPARE(firstJsonLine(helper.get()).value(QLatin1String("ready")).toBool(), true);
    }

    QElapsedTimer wallTime;
    wallTime.start();
    for (const auto &helper : helpers)
        helper->write("go\n");
    std::vector<std::shared_ptr<Result>> inProcess;
    std::vector<QPointer<AccountRefresher>> refreshers;
    for (int i = 0; i < InProcess; ++i) {
        AccountRefresher *refresher
            = newRefresher(name, account.endpoint, AccountRefresher::Policy::ifExpiringWithin(60s));
        auto result = std::make_shared<Result>();
        connect(refresher, &Job::finished, refresher, [refresher, result] {
            ++result->finishedSignals;
            result->done = true;
            result->error = refresher->error();
            result->ok = !refresher->error();
            result->tokens = refresher->tokens();
            result->didRefresh = refresher->didRefresh();
            result->outcome = refresher->outcome();
        });
        inProcess.push_back(result);
        refreshers.emplace_back(refresher);
        refresher->start();
    }
    const auto finished = [&] {
        for (const auto &helper : helpers) {
            if (helper->state() != QProcess::NotRunning)
                return false;
        }
        for (const auto &refresher : refreshers) {
            if (refresher) // it deletes itself once it has finished
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(finished(), 120000);
    const qint64 elapsed = wallTime.elapsed();

    QStringList hashes;
    int refreshed = 0;
    int elsewhere = 0; // waited for the lock, then found the new tokens
    int stillFresh = 0; // read the keychain only after the new tokens were there
    for (const auto &helper : helpers) {
        const QJsonObject result = firstJsonLine(helper.get());
        QVERIFY2(result.value(QLatin1String("ok")).toBool(),
                 QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        hashes.append(result.value(QLatin1String("accessTokenSha256")).toString());
        refreshed += result.value(QLatin1String("didRefresh")).toBool() ? 1 : 0;
        const QString outcome = result.value(QLatin1String("outcome")).toString();
        elsewhere += outcome == QLatin1String("RefreshedElsewhere") ? 1 : 0;
        stillFresh += outcome == QLatin1String("StillFresh") ? 1 : 0;
    }
    for (int i = 0; i < InProcess; ++i) {
        QVERIFY2(inProcess[i]->ok, qPrintable(inProcess[i]->error.toString()));
        QCOMPARE(inProcess[i]->finishedSignals, 1);
        hashes.append(sha256(inProcess[i]->tokens.accessToken));
        refreshed += inProcess[i]->didRefresh ? 1 : 0;
        elsewhere += inProcess[i]->outcome == AccountRefresher::Outcome::RefreshedElsewhere;
        stillFresh += inProcess[i]->outcome == AccountRefresher::Outcome::StillFresh;
    }

    const int refreshRequests = tokenRequests("refresh_token") - refreshesBefore;
    qInfo("%d processes + %d in-process refreshers: %d refresh request(s) at the server, "
          "%lld ms wall time; %d refreshed, %d waited and found the new tokens, %d found them "
          "without waiting",
          Processes, InProcess, refreshRequests, elapsed, refreshed, elsewhere, stillFresh);
    QCOMPARE(refreshRequests, 1);
    QCOMPARE(tokenErrors("refresh_token") - errorsBefore, 0);
    QCOMPARE(refreshed, 1);
    QCOMPARE(elsewhere + stillFresh, Processes + InProcess - 1);
    QCOMPARE(hashes.size(), Processes + InProcess);
    QCOMPARE(hashes.count(hashes.first()), hashes.size());
    QVERIFY(hashes.first() != sha256(account.tokens.accessToken));

    const TokenSet inKeychain = stored(name);
    QCOMPARE(sha256(inKeychain.accessToken), hashes.first());
    QVERIFY(inKeychain.refreshToken != account.tokens.refreshToken);
    QCOMPARE(initializeStatus(inKeychain.accessToken), 200);
    QVERIFY(lockIsFree(name));
}

void TestAccountRefresher::waiterRereadsTheKeychainAfterTheLock()
{
    // Step by step what the concurrency test leaves to chance: another
    // refresher holds the lock, stores new tokens and lets go.
    const QString name = label();
    QVERIFY(!store(name, expiredTokens()));
    RefreshLock other(lockPath(name));
    QSignalSpy otherAcquired(&other, &RefreshLock::acquired);
    other.acquire(0ms);
    QVERIFY(otherAcquired.wait(10000));
    const int before = tokenRequests("refresh_token");

    TokenEndpointConfig endpoint;
    endpoint.client.clientId = QStringLiteral("unused");
    endpoint.tokenEndpoint = m_server->mcpUrl().resolved(QUrl(QStringLiteral("/token")));
    AccountRefresher *refresher
        = newRefresher(name, endpoint, AccountRefresher::Policy::ifExpiringWithin(60s));
    QSignalSpy finished(refresher, &Job::finished);
    refresher->start();
    QTRY_COMPARE_WITH_TIMEOUT(refresher->progressText(), LockingStep, 30000);

    TokenSet renewed = expiredTokens();
    renewed.accessToken = QStringLiteral("made-up-renewed-access-token");
    renewed.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    QVERIFY(!store(name, renewed));
    QCOMPARE(refresher->progressText(), LockingStep); // still waiting
    QVERIFY(finished.isEmpty());
    other.release();

    const Result result = run(refresher); // started: waits for its end
    QCOMPARE(result.finishedSignals, 1);
    QVERIFY2(result.ok, qPrintable(result.error.toString()));
    QCOMPARE(result.tokens.accessToken, renewed.accessToken);
    QCOMPARE(result.didRefresh, false);
    QCOMPARE(result.outcome, AccountRefresher::Outcome::RefreshedElsewhere);
    QCOMPARE(tokenRequests("refresh_token") - before, 0);
    QVERIFY(lockIsFree(name));
}

void TestAccountRefresher::revokedGrantIsInvalidGrantAndReleasesTheLock_data()
{
    QTest::addColumn<bool>("inHelperProcess");
    QTest::addRow("in this process") << false;
    QTest::addRow("in another process") << true;
}

void TestAccountRefresher::revokedGrantIsInvalidGrantAndReleasesTheLock()
{
    QFETCH(bool, inHelperProcess);
    const SignInResult account = signIn();
    QVERIFY(account.tokens.isValid());
    const QString name = label();
    QVERIFY(!store(name, account.tokens));
    // RFC 7009: revoking the refresh token ends the whole grant.
    TokenClient client(&m_http, Clock::system());
    const auto revoked = Test::runJob(client.revoke(account.endpoint, account.tokens));
    QVERIFY(revoked.finished);
    QVERIFY2(!revoked.error, qPrintable(revoked.error.toString()));
    const int refreshesBefore = tokenRequests("refresh_token");
    const int errorsBefore = tokenErrors("refresh_token");

    if (inHelperProcess) {
        std::unique_ptr<QProcess> helper = startHelper(helperArguments(
            name, account, { QStringLiteral("--policy"), QStringLiteral("force") }));
        QVERIFY(helper->waitForFinished(60000));
        const QJsonObject result = firstJsonLine(helper.get());
        QCOMPARE(result.value(QLatin1String("ok")).toBool(true), false);
        QCOMPARE(result.value(QLatin1String("error")).toString(),
                 Error(Error::Code::InvalidGrant, {}).codeName());
        QCOMPARE(helper->exitCode(), 1);
    } else {
        const Result result
            = run(newRefresher(name, account.endpoint, AccountRefresher::Policy::force()));
        QVERIFY(result.done);
        QCOMPARE(result.finishedSignals, 1);
        QVERIFY(!result.ok);
        QCOMPARE(result.error.code(), Error::Code::InvalidGrant);
    }
    QCOMPARE(tokenRequests("refresh_token") - refreshesBefore, 1);
    QCOMPARE(tokenErrors("refresh_token") - errorsBefore, 1);
    QVERIFY(!QFile::exists(lockPath(name)));
    QVERIFY(lockIsFree(name));
    // Nothing is deleted: the caller decides ("needs sign-in", registration kept).
    QCOMPARE(stored(name).refreshToken, account.tokens.refreshToken);
}

void TestAccountRefresher::otherFailuresReleaseTheLock_data()
{
    QTest::addColumn<QByteArray>("entry"); // empty: no entry at all
    QTest::addColumn<bool>("closedTokenEndpoint");
    QTest::addColumn<Error::Code>("expected");
    const QByteArray expired = TokenStore::encodeTokens(expiredTokens());
    QTest::addRow("token endpoint unreachable") << expired << true << Error::Code::Unreachable;
    QTest::addRow("corrupt entry")
        << QByteArray("{\"v\":1}") << false << Error::Code::SecretCorrupt;
    QTest::addRow("no entry") << QByteArray() << false << Error::Code::SecretNotFound;
}

void TestAccountRefresher::otherFailuresReleaseTheLock()
{
    QFETCH(QByteArray, entry);
    QFETCH(bool, closedTokenEndpoint);
    QFETCH(Error::Code, expected);
    const QString name = label();
    if (!entry.isEmpty())
        QVERIFY(!storeRaw(name, entry));
    TokenEndpointConfig endpoint;
    endpoint.client.clientId = QStringLiteral("unused");
    endpoint.tokenEndpoint = m_server->mcpUrl().resolved(QUrl(QStringLiteral("/token")));
    if (closedTokenEndpoint) {
        QTcpServer reserve;
        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        endpoint.tokenEndpoint
            = QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(reserve.serverPort()));
    }
    if (expected == Error::Code::SecretCorrupt)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unreadable")));

    // Forced: every failure happens while the lock is held.
    const Result result = run(newRefresher(name, endpoint, AccountRefresher::Policy::force()));
    QCOMPARE(result.finishedSignals, 1);
    QVERIFY(!result.ok);
    QCOMPARE(result.error.code(), expected);
    QVERIFY(result.steps.contains(RereadingStep)); // it got as far as the lock
    QVERIFY(lockIsFree(name));
}

void TestAccountRefresher::lockTimeout_data()
{
    QTest::addColumn<bool>("holderInHelperProcess");
    QTest::addRow("held by another process") << true;
    QTest::addRow("held in this process") << false;
}

void TestAccountRefresher::lockTimeout()
{
    QFETCH(bool, holderInHelperProcess);
    const QString name = label();
    // An expired token: the refresher has to take the lock.
    QVERIFY(!store(name, expiredTokens()));
    std::unique_ptr<QProcess> helper;
    RefreshLock inProcess(lockPath(name));
    if (holderInHelperProcess) {
        helper = startHelper(helperArguments(name, {}, { QStringLiteral("--hold-lock") }));
        QTRY_VERIFY_WITH_TIMEOUT(helper->canReadLine(), 30000);
        QCOMPARE(firstJsonLine(helper.get()).value(QLatin1String("locked")).toBool(), true);
    } else {
        QSignalSpy acquired(&inProcess, &RefreshLock::acquired);
        inProcess.acquire(0ms);
        QVERIFY(acquired.wait(10000));
    }
    const int before = tokenRequests("refresh_token");

    TokenEndpointConfig endpoint;
    endpoint.client.clientId = QStringLiteral("unused");
    endpoint.tokenEndpoint = m_server->mcpUrl().resolved(QUrl(QStringLiteral("/token")));
    AccountRefresher *refresher
        = newRefresher(name, endpoint, AccountRefresher::Policy::ifExpiringWithin(60s));
    refresher->setLockTimeout(300ms);
    const Result result = run(refresher);
    QVERIFY(result.done);
    QCOMPARE(result.finishedSignals, 1);
    QVERIFY(!result.ok);
    QCOMPARE(result.error.code(), Error::Code::Timeout);
    QCOMPARE(tokenRequests("refresh_token") - before, 0);
    // The holder still holds it: a timed-out waiter takes nothing away.
    QVERIFY(!lockIsFree(name));

    if (holderInHelperProcess) {
        helper->closeWriteChannel(); // the holder lets go when stdin closes
        QVERIFY(helper->waitForFinished(10000));
        QCOMPARE(helper->exitCode(), 0);
    } else {
        inProcess.release();
    }
    QVERIFY(lockIsFree(name));
}

void TestAccountRefresher::resultsAreAsynchronous()
{
    AccountRefresher *failing
        = newRefresherFor({}, QStringLiteral("default"), {}, AccountRefresher::Policy::force());
    QSignalSpy failed(failing, &Job::finished);
    failing->start();
    QVERIFY(failed.isEmpty()); // even a failure that is known at once
    const Result failure = run(failing);
    QCOMPARE(failure.finishedSignals, 1);
    QVERIFY(!failure.ok);
    QCOMPARE(failure.error.code(), Error::Code::Internal);

    // A fresh token is answered from the keychain: no lock, no request, later.
    const QString name = label();
    TokenSet fresh = expiredTokens();
    fresh.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    QVERIFY(!store(name, fresh));
    AccountRefresher *refresher
        = newRefresher(name, {}, AccountRefresher::Policy::ifExpiringWithin(60s));
    QSignalSpy succeeded(refresher, &Job::finished);
    QSignalSpy steps(refresher, &Job::progressChanged);
    refresher->start();
    QVERIFY(succeeded.isEmpty());
    const Result result = run(refresher);
    QCOMPARE(result.finishedSignals, 1);
    QVERIFY2(result.ok, qPrintable(result.error.toString()));
    QCOMPARE(result.tokens.accessToken, fresh.accessToken);
    QCOMPARE(result.outcome, AccountRefresher::Outcome::StillFresh);
    // Reading the stored tokens, then success: the lock was never taken.
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps.first().first().toString(), CheckingStep);
    QVERIFY(!QFile::exists(lockPath(name)));
}

QTEST_GUILESS_MAIN(TestAccountRefresher)
#include "tst_accountrefresher.moc"
