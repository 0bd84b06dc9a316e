#include "core/store/secretstore.h"
#include "core/store/tokenstore.h"

#include "testserver.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Mcpa;

// The everyday CLI against a real authorization server and the session's
// real keychain, in a throwaway config/runtime directory of its own.
class TestAccountCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lifecycle_data();
    void lifecycle();
    void loginWithoutRefreshTokenSaysSo();
    void concurrentTokenCallsRefreshOnce();
    void removingAServerRevokes();
    void addClearsALeftoverClientSecret();
    void removeKeepsTheServerWhenItsSecretCannotBeDeleted();
    void needsSignInAfterTheGrantIsGone();
    void unknownServerIsAUsageError();
    void cleanupTestCase();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList &arguments) const;
    QProcess *startCli(const QStringList &arguments) const;
    QProcessEnvironment environment() const;
    /// The HTTP status of an MCP request with @p token (initialize, or
    /// server/discover for a stateless server).
    int mcpStatusWith(const QUrl &url, const QString &token, bool stateless = false) const;
    TokenSet storedTokens(const QString &server) const;
    void storeTokens(const QString &server, const TokenSet &tokens) const;
    /// The server's pre-registered client secret in the keychain; the
    /// error's code is SecretNotFound when there is none.
    std::pair<QString, Error> serverClientSecret(const QString &server) const;
    QStringList filesContaining(const QByteArray &needle) const;

    QTemporaryDir m_home;
    TestServer m_server { TestServer::Kind::Oidc, { QStringLiteral("--auto-approve") } };
    QByteArrayList m_seenSecrets;
};

QProcessEnvironment TestAccountCli::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"),
                       m_home.filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("MCP_ACCOUNTS_KEYCHAIN_SERVICE"),
                       QStringLiteral("mcp-accounts-test-cli"));
    return environment;
}

QProcess *TestAccountCli::startCli(const QStringList &arguments) const
{
    auto *process = new QProcess;
    process->setProcessEnvironment(environment());
    process->start(QStringLiteral(MCPA_CLI_PATH), arguments);
    return process;
}

TestAccountCli::Run TestAccountCli::cli(const QStringList &arguments) const
{
    QScopedPointer<QProcess> process(startCli(arguments));
    Run run;
    if (!process->waitForFinished(90000)) {
        process->kill();
        process->waitForFinished();
        run.err = "did not finish";
        return run;
    }
    run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -2;
    run.out = process->readAllStandardOutput();
    run.err = process->readAllStandardError();
    return run;
}

int TestAccountCli::mcpStatusWith(const QUrl &url, const QString &token, bool stateless) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    if (stateless) {
        request.setRawHeader("MCP-Protocol-Version", "2026-07-28");
        request.setRawHeader("Mcp-Method", "server/discover");
    }
    QNetworkReply *reply = manager.post(
        request,
        stateless
            ? R"({"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"}}}})"
            : R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(20000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

TokenSet TestAccountCli::storedTokens(const QString &server) const
{
    SecretStore secrets(QStringLiteral("mcp-accounts-test-cli"));
    TokenStore store(&secrets);
    TokenSet result;
    bool done = false;
    store.readTokens(server, QStringLiteral("default"), &secrets,
                     [&](const TokenSet &tokens, const Error &) {
                         result = tokens;
                         done = true;
                     });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("keychain read did not finish");
    return result;
}

void TestAccountCli::storeTokens(const QString &server, const TokenSet &tokens) const
{
    SecretStore secrets(QStringLiteral("mcp-accounts-test-cli"));
    TokenStore store(&secrets);
    bool done = false;
    store.writeTokens(server, QStringLiteral("default"), tokens, &secrets,
                      [&](const Error &) { done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("keychain write did not finish");
}

std::pair<QString, Error> TestAccountCli::serverClientSecret(const QString &server) const
{
    SecretStore secrets(QStringLiteral("mcp-accounts-test-cli"));
    TokenStore store(&secrets);
    std::pair<QString, Error> result;
    bool done = false;
    store.readServerClientSecret(server, &secrets, [&](const QString &secret, const Error &error) {
        result = { secret, error };
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("keychain read did not finish");
    return result;
}

QStringList TestAccountCli::filesContaining(const QByteArray &needle) const
{
    QStringList found;
    QDirIterator files(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

void TestAccountCli::initTestCase()
{
    QVERIFY(m_home.isValid());
    QDir(m_home.path()).mkpath(QStringLiteral("runtime"));
    QFile::setPermissions(m_home.filePath(QStringLiteral("runtime")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    const Run check = cli({ QStringLiteral("check-keychain") });
    QVERIFY2(check.exitCode == 0,
             "no usable Secret Service: run the tests through scripts/test.sh");
}

void TestAccountCli::lifecycle_data()
{
    QTest::addColumn<bool>("stateless");
    QTest::addRow("2025-11-25 session") << false;
    QTest::addRow("2026-07-28 stateless") << true;
}

void TestAccountCli::lifecycle()
{
    QFETCH(bool, stateless);
    std::unique_ptr<TestServer> statelessServer;
    if (stateless) {
        statelessServer = std::make_unique<TestServer>(
            TestServer::Kind::Oidc,
            QStringList { QStringLiteral("--auto-approve"), QStringLiteral("--stateless") });
        QVERIFY2(statelessServer->start(), qPrintable(statelessServer->errorString()));
    }
    TestServer &server = stateless ? *statelessServer : m_server;
    const QUrl mcpUrl = server.mcpUrl();
    const QString url = mcpUrl.toString();
    Run run = cli({ QStringLiteral("add"), QStringLiteral("demo"), url });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = cli({ QStringLiteral("add"), QStringLiteral("again"), url });
    QCOMPARE(run.exitCode, 1); // the same server twice
    QVERIFY(run.err.contains("already added as \"demo\""));

    run = cli({ QStringLiteral("status"), QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 4); // signed out
    QCOMPARE(QJsonDocument::fromJson(run.out)
                 .array()
                 .first()
                 .toObject()
                 .value(QLatin1String("status"))
                 .toString(),
             QStringLiteral("signed-out"));

    run = cli({ QStringLiteral("login"), QStringLiteral("demo"), QStringLiteral("--browser"),
                QStringLiteral("none") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("signed in to demo"));
    QVERIFY2(!run.err.contains("no refresh token"), run.err.constData());

    run = cli({ QStringLiteral("status"), QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject row = QJsonDocument::fromJson(run.out).array().first().toObject();
    QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("signed-in"));
    QVERIFY(row.value(QLatin1String("scopes")).toArray().contains(QStringLiteral("mcp:read")));

    run = cli({ QStringLiteral("token"), QStringLiteral("demo") });
    QCOMPARE(run.exitCode, 0);
    const QString token = QString::fromLatin1(run.out.trimmed());
    QVERIFY(!token.isEmpty());
    QVERIFY(run.err.isEmpty());
    QCOMPARE(mcpStatusWith(mcpUrl, token, stateless), 200);
    // Really in the keychain, and the same token.
    const TokenSet stored = storedTokens(QStringLiteral("demo"));
    QCOMPARE(stored.accessToken, token);
    QVERIFY(!stored.refreshToken.isEmpty());
    m_seenSecrets << token.toLatin1() << stored.refreshToken.toLatin1();

    run = cli({ QStringLiteral("header"), QStringLiteral("demo") });
    QCOMPARE(run.out.trimmed(), QByteArray("Authorization: Bearer ") + token.toLatin1());

    // What Claude Code's headersHelper reads: one JSON object of headers.
    run = cli({ QStringLiteral("header"), QStringLiteral("demo"), QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    QJsonParseError parseError;
    const QJsonDocument headers = QJsonDocument::fromJson(run.out, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, run.out.constData());
    QCOMPARE(headers.object().keys(), QStringList { QStringLiteral("Authorization") });
    QCOMPARE(headers.object().value(QLatin1String("Authorization")).toString(),
             QStringLiteral("Bearer ") + token);

    run = cli({ QStringLiteral("token"), QStringLiteral("demo"), QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject tokenJson = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(tokenJson.value(QLatin1String("access_token")).toString(), token);
    QCOMPARE(tokenJson.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    const QDateTime expiresAt = QDateTime::fromString(
        tokenJson.value(QLatin1String("expires_at")).toString(), Qt::ISODate);
    QVERIFY2(expiresAt.isValid(), run.out.constData());
    QCOMPARE(expiresAt.toSecsSinceEpoch(), stored.expiresAt.toSecsSinceEpoch());
    const qint64 expiresIn = tokenJson.value(QLatin1String("expires_in")).toInteger(-1);
    QVERIFY2(expiresIn > 60 && expiresIn <= 3600, run.out.constData());

    run = cli({ QStringLiteral("exec"), QStringLiteral("demo"), QStringLiteral("--"),
                QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral(
                    "test -n \"$MCP_ACCESS_TOKEN\" && echo \"$MCP_AUTHORIZATION\" | cut -c1-7") });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), QByteArray("Bearer"));

    run = cli({ QStringLiteral("call"), QStringLiteral("demo"), QStringLiteral("--tool"),
                QStringLiteral("whoami") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("\"sub\":\"alice\""));
    QVERIFY2(run.out.contains(stateless ? "2026-07-28" : "2025-"), run.out.constData());
    // Step-up: admin_echo needs a scope the sign-in did not ask for.
    run = cli({ QStringLiteral("call"), QStringLiteral("demo"), QStringLiteral("--browser"),
                QStringLiteral("none"), QStringLiteral("--tool"), QStringLiteral("admin_echo"),
                QStringLiteral("--args"), QStringLiteral("{\"text\":\"stepped up\"}") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("result:\nstepped up\n"), run.out.constData());
    QVERIFY(storedTokens(QStringLiteral("demo")).scopes.contains(QStringLiteral("mcp:admin")));
    m_seenSecrets << storedTokens(QStringLiteral("demo")).accessToken.toLatin1()
                  << storedTokens(QStringLiteral("demo")).refreshToken.toLatin1();
    QCOMPARE(server.stats().value(QLatin1String("statelessRejected")).toArray(), QJsonArray());

    // A forced refresh rotates the refresh token; the new one is kept.
    run = cli(
        { QStringLiteral("token"), QStringLiteral("demo"), QStringLiteral("--force-refresh") });
    QCOMPARE(run.exitCode, 0);
    const TokenSet refreshed = storedTokens(QStringLiteral("demo"));
    QVERIFY(refreshed.refreshToken != stored.refreshToken);
    m_seenSecrets << refreshed.accessToken.toLatin1() << refreshed.refreshToken.toLatin1();

    run = cli({ QStringLiteral("logout"), QStringLiteral("demo") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(mcpStatusWith(mcpUrl, refreshed.accessToken, stateless), 401); // revoked at the server
    QVERIFY(!storedTokens(QStringLiteral("demo")).isValid()); // and gone from the keychain
    run = cli({ QStringLiteral("token"), QStringLiteral("demo") });
    QCOMPARE(run.exitCode, 4);
    QVERIFY(run.out.isEmpty());

    // No secret ever reached a file under this HOME.
    for (const QByteArray &secret : std::as_const(m_seenSecrets))
        QVERIFY2(filesContaining(secret).isEmpty(),
                 qPrintable(filesContaining(secret).join(QLatin1Char(' '))));
    run = cli({ QStringLiteral("remove"), QStringLiteral("demo") });
    QCOMPARE(run.exitCode, 0);
}

// SEP-2207: never assume a refresh token; when none came, the person is told
// when they will have to sign in again, and the status says so.
void TestAccountCli::loginWithoutRefreshTokenSaysSo()
{
    TestServer server(TestServer::Kind::Sdk, { QStringLiteral("--no-refresh-token") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(cli({ QStringLiteral("add"), QStringLiteral("norefresh"), server.mcpUrl().toString() })
                 .exitCode,
             0);
    Run run = cli({ QStringLiteral("login"), QStringLiteral("norefresh"),
                    QStringLiteral("--browser"), QStringLiteral("none") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("signed in to norefresh"));
    // The fixture's tokens live 3600 s; a few seconds have passed.
    QVERIFY2(run.err.contains("no refresh token: you will need to sign in again in 59 min")
                 || run.err.contains("no refresh token: you will need to sign in again in 60 min"),
             run.err.constData());
    QVERIFY(storedTokens(QStringLiteral("norefresh")).isValid());
    QVERIFY(storedTokens(QStringLiteral("norefresh")).refreshToken.isEmpty());

    run = cli({ QStringLiteral("status"), QStringLiteral("norefresh") });
    QVERIFY2(run.out.contains("no refresh token"), run.out.constData());
    run = cli({ QStringLiteral("status"), QStringLiteral("--json") });
    bool found = false;
    for (const QJsonValue &value : QJsonDocument::fromJson(run.out).array()) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("name")).toString() != QLatin1String("norefresh"))
            continue;
        found = true;
        QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("signed-in"));
        QCOMPARE(row.value(QLatin1String("hasRefreshToken")).toBool(true), false);
    }
    QVERIFY(found);
    QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("norefresh") }).exitCode, 0);
}

void TestAccountCli::concurrentTokenCallsRefreshOnce()
{
    QCOMPARE(cli({ QStringLiteral("add"), QStringLiteral("busy"), m_server.mcpUrl().toString() })
                 .exitCode,
             0);
    const Run login = cli({ QStringLiteral("login"), QStringLiteral("busy"),
                            QStringLiteral("--browser"), QStringLiteral("none") });
    QVERIFY2(login.exitCode == 0, login.err.constData());
    // Make the stored access token look expired (the server still takes it).
    TokenSet tokens = storedTokens(QStringLiteral("busy"));
    QVERIFY(tokens.isValid());
    tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    storeTokens(QStringLiteral("busy"), tokens);
    const int refreshesBefore = m_server.stats()
                                    .value(QLatin1String("token"))
                                    .toObject()
                                    .value(QLatin1String("refresh_token"))
                                    .toInt();

    constexpr int Calls = 50;
    QList<QProcess *> processes;
    for (int i = 0; i < Calls; ++i)
        processes.append(startCli({ QStringLiteral("token"), QStringLiteral("busy") }));
    QSet<QByteArray> answers;
    int failures = 0;
    for (QProcess *process : std::as_const(processes)) {
        if (!process->waitForFinished(120000) || process->exitCode() != 0)
            ++failures;
        answers.insert(process->readAllStandardOutput().trimmed());
        delete process;
    }
    QCOMPARE(failures, 0);
    const int refreshes = m_server.stats()
                              .value(QLatin1String("token"))
                              .toObject()
                              .value(QLatin1String("refresh_token"))
                              .toInt()
        - refreshesBefore;
    QCOMPARE(refreshes, 1);
    QCOMPARE(answers.size(), 1); // every caller got the same, new token
    const QByteArray token = *answers.begin();
    QVERIFY(token != tokens.accessToken.toLatin1());
    QCOMPARE(mcpStatusWith(m_server.mcpUrl(), QString::fromLatin1(token)), 200);
    qInfo("%d concurrent token calls, %d refresh request(s) at the server", Calls, refreshes);
    QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("busy") }).exitCode, 0);
}

void TestAccountCli::removingAServerRevokes()
{
    QCOMPARE(cli({ QStringLiteral("add"), QStringLiteral("gone"), m_server.mcpUrl().toString() })
                 .exitCode,
             0);
    QCOMPARE(cli({ QStringLiteral("login"), QStringLiteral("gone"), QStringLiteral("--browser"),
                   QStringLiteral("none") })
                 .exitCode,
             0);
    const TokenSet tokens = storedTokens(QStringLiteral("gone"));
    QCOMPARE(mcpStatusWith(m_server.mcpUrl(), tokens.accessToken), 200);
    const Run run = cli({ QStringLiteral("remove"), QStringLiteral("gone") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(mcpStatusWith(m_server.mcpUrl(), tokens.accessToken), 401);
    QVERIFY(!storedTokens(QStringLiteral("gone")).isValid());
    QVERIFY(!cli({ QStringLiteral("list") }).out.contains("gone"));
}

void TestAccountCli::addClearsALeftoverClientSecret()
{
    // An earlier server of this name left its client secret behind.
    {
        SecretStore secrets(QStringLiteral("mcp-accounts-test-cli"));
        TokenStore store(&secrets);
        bool done = false;
        Error written;
        store.writeServerClientSecret(QStringLiteral("reused"), QStringLiteral("old-secret"),
                                      &secrets, [&](const Error &error) {
                                          written = error;
                                          done = true;
                                      });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
        QVERIFY2(!written, qPrintable(written.toString()));
    }
    QCOMPARE(serverClientSecret(QStringLiteral("reused")).first, QStringLiteral("old-secret"));

    // A new server of that name with a pre-registered client and no secret:
    // the old secret must never go to the new server's authorization server.
    const Run run = cli({ QStringLiteral("add"), QStringLiteral("reused"),
                          QStringLiteral("http://127.0.0.1:9/mcp"), QStringLiteral("--client-id"),
                          QStringLiteral("new-client") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out,
             QByteArray("added reused (http://127.0.0.1:9/mcp)\n"
                        "Sign in with: mcp-accounts-cli login reused\n"));
    const auto [secret, error] = serverClientSecret(QStringLiteral("reused"));
    QVERIFY2(secret.isEmpty(), "the old client secret is still there");
    QCOMPARE(error.code(), Error::Code::SecretNotFound);
    QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("reused") }).exitCode, 0);
}

void TestAccountCli::removeKeepsTheServerWhenItsSecretCannotBeDeleted()
{
    QCOMPARE(cli({ QStringLiteral("add"), QStringLiteral("kept"),
                   QStringLiteral("http://127.0.0.1:9/kept") })
                 .exitCode,
             0);
    // No Secret Service for this one run: the delete cannot happen.
    QProcess process;
    QProcessEnvironment noKeychain = environment();
    noKeychain.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                      QStringLiteral("unix:path=") + m_home.filePath(QStringLiteral("no-bus")));
    process.setProcessEnvironment(noKeychain);
    process.start(QStringLiteral(MCPA_CLI_PATH),
                  { QStringLiteral("remove"), QStringLiteral("kept") });
    QVERIFY(process.waitForFinished(90000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 5); // the keychain's exit code
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.contains("server was kept"), err.constData());
    QVERIFY(cli({ QStringLiteral("list") }).out.contains("kept"));
    QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("kept") }).exitCode, 0);
    QVERIFY(!cli({ QStringLiteral("list") }).out.contains("kept"));
}

void TestAccountCli::needsSignInAfterTheGrantIsGone()
{
    QCOMPARE(cli({ QStringLiteral("add"), QStringLiteral("stale"), m_server.mcpUrl().toString() })
                 .exitCode,
             0);
    QCOMPARE(cli({ QStringLiteral("login"), QStringLiteral("stale"), QStringLiteral("--browser"),
                   QStringLiteral("none") })
                 .exitCode,
             0);
    TokenSet tokens = storedTokens(QStringLiteral("stale"));
    tokens.refreshToken = QStringLiteral("revoked-or-unknown");
    tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    storeTokens(QStringLiteral("stale"), tokens);
    Run run = cli({ QStringLiteral("token"), QStringLiteral("stale") });
    QCOMPARE(run.exitCode, 4);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.contains("login"));
    run = cli({ QStringLiteral("status"), QStringLiteral("stale"), QStringLiteral("--offline") });
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.out.contains("needs-sign-in"), run.out.constData());
    // Signing in again heals it, with the registration kept.
    QCOMPARE(cli({ QStringLiteral("login"), QStringLiteral("stale"), QStringLiteral("--browser"),
                   QStringLiteral("none") })
                 .exitCode,
             0);
    QCOMPARE(cli({ QStringLiteral("token"), QStringLiteral("stale") }).exitCode, 0);
    QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("stale") }).exitCode, 0);
}

void TestAccountCli::unknownServerIsAUsageError()
{
    const Run run = cli({ QStringLiteral("token"), QStringLiteral("nope") });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("no server named"));
}

void TestAccountCli::cleanupTestCase()
{
    m_server.stop();
}

QTEST_GUILESS_MAIN(TestAccountCli)
#include "tst_accountcli.moc"
