#include "core/accounts/accounttypes.h"
#include "core/store/secretstore.h"
#include "core/store/tokenstore.h"

#include "jobrunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#ifndef MCPA_REFRESHER_HELPER
#error "MCPA_REFRESHER_HELPER must name the mcpa_refresher_helper executable (tests/CMakeLists.txt)"
#endif

using namespace Mcpa;

// Runs against the session's real Secret Service (scripts/test.sh starts
// gnome-keyring in a throwaway HOME) under a service name only this test uses.
class TestTokenStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void roundTrip_data();
    void roundTrip();
    void overwriteReplacesTheWholeEntry();
    void removeDeletesTheEntry();
    void missingEntryIsSecretNotFound();
    void corruptEntryIsSecretCorrupt_data();
    void corruptEntryIsSecretCorrupt();
    void clientSecrets_data();
    void clientSecrets();
    void resultsAreAsynchronous();
    void noCallbackAfterTheContextIsGone();
    void keychainUnavailableInBoundedTime();

private:
    struct Outcome
    {
        bool done = false;
        TokenSet tokens;
        QString secret;
        Error error;
    };
    Outcome readTokens(const QString &label);
    Error writeTokens(const QString &label, const TokenSet &tokens);
    Error removeTokens(const QString &label);
    Error waitForDone(const std::function<void(TokenStore::DoneCallback)> &start);
    Outcome waitForSecret(const std::function<void(TokenStore::SecretCallback)> &start);
    Error writeRaw(const QString &key, const QByteArray &data);
    /// The entry as `secret-tool` (libsecret, outside this process) sees it,
    /// base64-decoded; empty when there is none.
    QByteArray lookupFromOutside(const QString &key);
    static TokenSet fullTokens();

    SecretStore m_secrets { QStringLiteral("mcp-accounts-test-tokenstore") };
    TokenStore m_store { &m_secrets };
    QString m_serverId;
};

TokenSet TestTokenStore::fullTokens()
{
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("at-%1").arg(QRandomGenerator::global()->generate());
    tokens.tokenType = QStringLiteral("Bearer");
    tokens.refreshToken = QStringLiteral("rt-+/=\"quoted\" \u00e9\u4e2d");
    tokens.idToken = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln");
    tokens.scopes = { QStringLiteral("mcp:read"), QStringLiteral("mcp:write"),
                      QStringLiteral("offline_access") };
    tokens.expiresAt = QDateTime(QDate(2031, 5, 6), QTime(7, 8, 9, 123), Qt::UTC);
    tokens.receivedAt = QDateTime(QDate(2031, 5, 6), QTime(6, 8, 9, 456), Qt::UTC);
    return tokens;
}

TestTokenStore::Outcome TestTokenStore::readTokens(const QString &label)
{
    Outcome outcome;
    m_store.readTokens(m_serverId, label, this,
                       [&outcome](const TokenSet &tokens, const Error &error) {
                           outcome.done = true;
                           outcome.tokens = tokens;
                           outcome.error = error;
                       });
    if (!QTest::qWaitFor([&outcome] { return outcome.done; }, 30000))
        outcome.error = Error(Error::Code::Internal, QStringLiteral("no result"));
    return outcome;
}

Error TestTokenStore::waitForDone(const std::function<void(TokenStore::DoneCallback)> &start)
{
    bool done = false;
    Error result(Error::Code::Internal, QStringLiteral("no result"));
    start([&done, &result](const Error &error) {
        done = true;
        result = error;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 30000))
        return Error(Error::Code::Internal, QStringLiteral("no result"));
    return result;
}

TestTokenStore::Outcome
TestTokenStore::waitForSecret(const std::function<void(TokenStore::SecretCallback)> &start)
{
    Outcome outcome;
    start([&outcome](const QString &secret, const Error &error) {
        outcome.done = true;
        outcome.secret = secret;
        outcome.error = error;
    });
    if (!QTest::qWaitFor([&outcome] { return outcome.done; }, 30000))
        outcome.error = Error(Error::Code::Internal, QStringLiteral("no result"));
    return outcome;
}

Error TestTokenStore::writeTokens(const QString &label, const TokenSet &tokens)
{
    return waitForDone([&](TokenStore::DoneCallback done) {
        m_store.writeTokens(m_serverId, label, tokens, this, std::move(done));
    });
}

Error TestTokenStore::removeTokens(const QString &label)
{
    return waitForDone([&](TokenStore::DoneCallback done) {
        m_store.removeTokens(m_serverId, label, this, std::move(done));
    });
}

Error TestTokenStore::writeRaw(const QString &key, const QByteArray &data)
{
    return Test::runJob(m_secrets.write(key, data)).error;
}

QByteArray TestTokenStore::lookupFromOutside(const QString &key)
{
    // qtkeychain's libsecret schema: "user" is the key, "server" the service.
    QProcess process;
    process.start(QStringLiteral("secret-tool"),
                  { QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"),
                    m_secrets.serviceName() });
    if (!process.waitForFinished(20000))
        return QByteArrayLiteral("secret-tool did not finish");
    // Binary secrets are stored base64-encoded.
    return QByteArray::fromBase64(process.readAllStandardOutput().trimmed());
}

void TestTokenStore::initTestCase()
{
    m_secrets.setTimeout(std::chrono::seconds(20));
    m_serverId = QStringLiteral("server-%1").arg(QRandomGenerator::global()->generate());
    const Error check = writeRaw(QStringLiteral("probe"), "x");
    if (check) {
        QFAIL(qPrintable(QStringLiteral("no usable Secret Service in this session (run the tests "
                                        "through scripts/test.sh): ")
                         + check.toString()));
    }
}

void TestTokenStore::cleanupTestCase()
{
    // A job deletes itself once it has finished.
    const QPointer<SecretJob> job = m_secrets.remove(QStringLiteral("probe"));
    QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), 30000);
}

void TestTokenStore::roundTrip_data()
{
    QTest::addColumn<TokenSet>("tokens");
    QTest::addRow("every field") << fullTokens();
    TokenSet minimal;
    minimal.accessToken = QStringLiteral("only-an-access-token");
    QTest::addRow("access token only, expiry unknown") << minimal;
    TokenSet local = fullTokens();
    // A local time is stored as UTC and comes back as the same instant.
    local.expiresAt = QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5, 6), Qt::OffsetFromUTC, 7200);
    QTest::addRow("expiry with an offset") << local;
}

void TestTokenStore::roundTrip()
{
    QFETCH(TokenSet, tokens);
    const QString label
        = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    const Error written = writeTokens(label, tokens);
    QVERIFY2(!written, qPrintable(written.toString()));

    const Outcome read = readTokens(label);
    QVERIFY2(!read.error, qPrintable(read.error.toString()));
    QCOMPARE(read.tokens.accessToken, tokens.accessToken);
    QCOMPARE(read.tokens.tokenType, tokens.tokenType);
    QCOMPARE(read.tokens.refreshToken, tokens.refreshToken);
    QCOMPARE(read.tokens.idToken, tokens.idToken);
    QCOMPARE(read.tokens.scopes, tokens.scopes);
    QCOMPARE(read.tokens.expiresAt.isValid(), tokens.expiresAt.isValid());
    if (tokens.expiresAt.isValid()) {
        QCOMPARE(read.tokens.expiresAt.toMSecsSinceEpoch(), tokens.expiresAt.toMSecsSinceEpoch());
        QCOMPARE(read.tokens.expiresAt.timeSpec(), Qt::UTC);
    }
    QCOMPARE(read.tokens.receivedAt, tokens.receivedAt);

    // Really in the Secret Service, in the documented format.
    const QJsonObject outside
        = QJsonDocument::fromJson(lookupFromOutside(SecretKeys::account(m_serverId, label)))
              .object();
    QCOMPARE(outside.value(QLatin1String("v")).toInt(), 1);
    QCOMPARE(outside.value(QLatin1String("access_token")).toString(), tokens.accessToken);
    QCOMPARE(outside.contains(QLatin1String("expires_at")), tokens.expiresAt.isValid());
    QCOMPARE(outside.contains(QLatin1String("refresh_token")), !tokens.refreshToken.isEmpty());
    QVERIFY(!removeTokens(label));
}

void TestTokenStore::overwriteReplacesTheWholeEntry()
{
    const QString label = QStringLiteral("overwrite");
    QVERIFY(!writeTokens(label, fullTokens()));
    TokenSet second;
    second.accessToken = QStringLiteral("second-access-token");
    second.expiresAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(!writeTokens(label, second));
    const Outcome read = readTokens(label);
    QVERIFY2(!read.error, qPrintable(read.error.toString()));
    QCOMPARE(read.tokens.accessToken, second.accessToken);
    QVERIFY(read.tokens.refreshToken.isEmpty()); // nothing of the first entry survives
    QVERIFY(read.tokens.idToken.isEmpty());
    QCOMPARE(read.tokens.expiresAt, second.expiresAt);
    QVERIFY(!removeTokens(label));
}

void TestTokenStore::removeDeletesTheEntry()
{
    const QString label = QStringLiteral("remove");
    const QString key = SecretKeys::account(m_serverId, label);
    QVERIFY(!writeTokens(label, fullTokens()));
    QVERIFY(!lookupFromOutside(key).isEmpty());
    const Error removed = removeTokens(label);
    QVERIFY2(!removed, qPrintable(removed.toString()));
    QVERIFY(lookupFromOutside(key).isEmpty());
    QCOMPARE(readTokens(label).error.code(), Error::Code::SecretNotFound);
    // Removing again is not an error: the keychain already is as asked.
    const Error again = removeTokens(label);
    QVERIFY2(!again, qPrintable(again.toString()));
}

void TestTokenStore::missingEntryIsSecretNotFound()
{
    const Outcome read = readTokens(QStringLiteral("never-written"));
    QCOMPARE(read.error.code(), Error::Code::SecretNotFound);
    QVERIFY(!read.tokens.isValid());
}

void TestTokenStore::corruptEntryIsSecretCorrupt_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addRow("garbage bytes") << QByteArray("\x00\xff\xfe garbage s3cret", 18);
    QTest::addRow("plain token, not JSON") << QByteArray("s3cret-plain-token");
    QTest::addRow("JSON array") << QByteArray(R"(["s3cret"])");
    QTest::addRow("no version") << QByteArray(R"({"access_token":"s3cret"})");
    QTest::addRow("newer version") << QByteArray(R"({"v":2,"access_token":"s3cret"})");
    QTest::addRow("version as string") << QByteArray(R"({"v":"1","access_token":"s3cret"})");
    QTest::addRow("no access token") << QByteArray(R"({"v":1,"refresh_token":"s3cret"})");
    QTest::addRow("access token not a string") << QByteArray(R"({"v":1,"access_token":7})");
    QTest::addRow("bad expiry") << QByteArray(
        R"({"v":1,"access_token":"s3cret","expires_at":"tomorrow"})");
    QTest::addRow("truncated JSON") << QByteArray(R"({"v":1,"access_token":"s3cr)");
}

void TestTokenStore::corruptEntryIsSecretCorrupt()
{
    QFETCH(QByteArray, entry);
    const QString label = QStringLiteral("corrupt");
    QVERIFY(!writeRaw(SecretKeys::account(m_serverId, label), entry));
    // A warning names the entry (and QTest fails if it does not come).
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("unreadable token entry .*/corrupt")));
    const Outcome read = readTokens(label);
    QCOMPARE(read.error.code(), Error::Code::SecretCorrupt);
    QVERIFY(!read.tokens.isValid());
    // The detail names the entry, never its content.
    QVERIFY(read.error.detail().contains(SecretKeys::account(m_serverId, label)));
    QVERIFY2(!read.error.detail().contains(QLatin1String("s3cr")), qPrintable(read.error.detail()));
    QVERIFY(!removeTokens(label));
}

void TestTokenStore::clientSecrets_data()
{
    QTest::addColumn<bool>("registration");
    QTest::addRow("registration (by issuer)") << true;
    QTest::addRow("pre-registered (by server)") << false;
}

void TestTokenStore::clientSecrets()
{
    QFETCH(bool, registration);
    const QString issuer = QStringLiteral("http://127.0.0.1:9/tenant");
    const QString key = registration ? SecretKeys::registration(issuer)
                                     : SecretKeys::serverClientSecret(m_serverId);
    const auto read = [&] {
        return waitForSecret([&](TokenStore::SecretCallback callback) {
            if (registration)
                m_store.readRegistrationSecret(issuer, this, std::move(callback));
            else
                m_store.readServerClientSecret(m_serverId, this, std::move(callback));
        });
    };
    const auto write = [&](const QString &secret) {
        return waitForDone([&](TokenStore::DoneCallback done) {
            if (registration)
                m_store.writeRegistrationSecret(issuer, secret, this, std::move(done));
            else
                m_store.writeServerClientSecret(m_serverId, secret, this, std::move(done));
        });
    };
    const auto remove = [&] {
        return waitForDone([&](TokenStore::DoneCallback done) {
            if (registration)
                m_store.removeRegistrationSecret(issuer, this, std::move(done));
            else
                m_store.removeServerClientSecret(m_serverId, this, std::move(done));
        });
    };

    QCOMPARE(read().error.code(), Error::Code::SecretNotFound);
    const QString secret
        = QStringLiteral("client-secret-%1:+/").arg(QRandomGenerator::global()->generate());
    QVERIFY(!write(secret));
    const Outcome stored = read();
    QVERIFY2(!stored.error, qPrintable(stored.error.toString()));
    QCOMPARE(stored.secret, secret);
    QCOMPARE(QJsonDocument::fromJson(lookupFromOutside(key))
                 .object()
                 .value(QLatin1String("client_secret"))
                 .toString(),
             secret);

    QVERIFY(!writeRaw(key, "not json"));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("unreadable client secret")));
    QCOMPARE(read().error.code(), Error::Code::SecretCorrupt);

    QVERIFY(!remove());
    QVERIFY(lookupFromOutside(key).isEmpty());
    QCOMPARE(read().error.code(), Error::Code::SecretNotFound);
}

void TestTokenStore::resultsAreAsynchronous()
{
    bool called = false;
    m_store.readTokens(m_serverId, QStringLiteral("never-written"), this,
                       [&called](const TokenSet &, const Error &) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(called, 30000);

    // Also an immediate answer (removing nothing) comes through the event loop.
    called = false;
    m_store.removeTokens(m_serverId, QStringLiteral("never-written"), this,
                         [&called](const Error &) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY_WITH_TIMEOUT(called, 30000);
}

void TestTokenStore::noCallbackAfterTheContextIsGone()
{
    int calls = 0;
    auto *context = new QObject;
    m_store.readTokens(m_serverId, QStringLiteral("never-written"), context,
                       [&calls](const TokenSet &, const Error &) { ++calls; });
    delete context;
    // A second read that outlives the first one's answer shows when it would have come.
    bool done = false;
    m_store.readTokens(m_serverId, QStringLiteral("never-written"), this,
                       [&done](const TokenSet &, const Error &) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(calls, 0);
}

void TestTokenStore::keychainUnavailableInBoundedTime()
{
    // A process whose session bus does not exist: what a headless box or a
    // broken session looks like. The helper's first step is a keychain read.
    QProcess helper;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent/mcpa-test-bus"));
    environment.remove(QStringLiteral("DISPLAY")); // a DISPLAY would let libsecret prompt
    helper.setProcessEnvironment(environment);
    helper.start(QStringLiteral(MCPA_REFRESHER_HELPER),
                 { QStringLiteral("--service"), m_secrets.serviceName(),
                   QStringLiteral("--server-id"), m_serverId, QStringLiteral("--token-endpoint"),
                   QStringLiteral("http://127.0.0.1:9/token"), QStringLiteral("--client-id"),
                   QStringLiteral("unused"), QStringLiteral("--keychain-timeout"),
                   QStringLiteral("10000") });
    QVERIFY2(helper.waitForFinished(20000), "the helper hung without a session bus");
    const QJsonObject result = QJsonDocument::fromJson(helper.readAllStandardOutput()).object();
    QCOMPARE(result.value(QLatin1String("ok")).toBool(true), false);
    QCOMPARE(result.value(QLatin1String("error")).toString(),
             Error(Error::Code::KeychainUnavailable, {}).codeName());
    // Not KeychainTimeout: the failure came at once, not after the job's 10 s.
    QCOMPARE(helper.exitCode(), 1);
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
