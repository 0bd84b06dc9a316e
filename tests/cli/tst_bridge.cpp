#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

// mcp-accounts-cli bridge driven by a real MCP stdio client (the SDK's
// Client with StdioClientTransport, tests/fixtures/bridge-client.mjs)
// against the real test servers of both eras, with the session's real
// keychain in a throwaway config and runtime directory.
class TestBridge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fiveBridgesAcrossTokenExpiries();
    void rejectedTokenIsReplacedOnceForAllBridges();
    void a2025ClientReachesA2026Server();
    void elicitationReachesTheClient();
    void newSessionWhenTheServerForgetsIt();
    void signInNeededSaysWhatToRun();
    void insufficientScopeSaysWhatToRun();
    void stdinClosedMidRequestEndsCleanly();
    void sigtermEndsCleanlyAndStdoutIsProtocolOnly();
    void aClientThatStopsReadingEndsTheBridge();
    void cleanupTestCase();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    QProcessEnvironment environment() const;
    Run cli(const QStringList &arguments) const;
    /// Starts bridge-client.mjs with @p options, driving "bridge @p server".
    QProcess *startClient(const QStringList &options, const QString &server,
                          const QStringList &bridgeOptions = {}) const;
    /// Waits for it; its one-line JSON summary (empty when it broke).
    QJsonObject summaryOf(QProcess *process) const;
    QJsonObject runClient(const QStringList &options, const QString &server,
                          const QStringList &bridgeOptions = {}) const;
    bool addAndSignIn(const QString &name, TestServer &server) const;
    /// Polls the server until it has seen at least @p count MCP requests.
    bool waitForRequests(TestServer &server, int count) const;

    QTemporaryDir m_home;
    // Access tokens of 4 s: a session of a few seconds spans expiries.
    TestServer m_short { TestServer::Kind::Sdk,
                         { QStringLiteral("--token-lifetime"), QStringLiteral("4"),
                           QStringLiteral("--elicit-tool") } };
    TestServer m_long { TestServer::Kind::Sdk, { QStringLiteral("--elicit-tool") } };
    TestServer m_stateless { TestServer::Kind::Sdk,
                             { QStringLiteral("--stateless"), QStringLiteral("--token-lifetime"),
                               QStringLiteral("4") } };
};

QProcessEnvironment TestBridge::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"),
                       m_home.filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("MCP_ACCOUNTS_KEYCHAIN_SERVICE"),
                       QStringLiteral("mcp-accounts-test-bridge"));
    return environment;
}

TestBridge::Run TestBridge::cli(const QStringList &arguments) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(MCPA_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        run.err = "did not finish";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QProcess *TestBridge::startClient(const QStringList &options, const QString &server,
                                  const QStringList &bridgeOptions) const
{
    auto *process = new QProcess;
    process->setProcessEnvironment(environment());
    process->setProcessChannelMode(QProcess::SeparateChannels);
    QStringList arguments { TestServer::fixturesDirectory()
                            + QStringLiteral("/bridge-client.mjs") };
    arguments << options << QStringLiteral("--") << QStringLiteral(MCPA_CLI_PATH)
              << QStringLiteral("bridge") << server << bridgeOptions;
    process->start(QStringLiteral("node"), arguments);
    return process;
}

QJsonObject TestBridge::summaryOf(QProcess *process) const
{
    if (!process->waitForFinished(180000)) {
        process->kill();
        process->waitForFinished();
        qWarning() << "bridge-client.mjs did not finish";
        return {};
    }
    const QByteArray err = process->readAllStandardError();
    const QList<QByteArray> lines = process->readAllStandardOutput().trimmed().split('\n');
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    if (summary.isEmpty())
        qWarning().noquote() << "bridge-client.mjs gave no summary:" << err.right(4000);
    return summary;
}

QJsonObject TestBridge::runClient(const QStringList &options, const QString &server,
                                  const QStringList &bridgeOptions) const
{
    std::unique_ptr<QProcess> process(startClient(options, server, bridgeOptions));
    return summaryOf(process.get());
}

bool TestBridge::addAndSignIn(const QString &name, TestServer &server) const
{
    const Run add = cli({ QStringLiteral("add"), name, server.mcpUrl().toString() });
    if (add.exitCode != 0) {
        qWarning() << "add" << name << add.err;
        return false;
    }
    const Run login = cli(
        { QStringLiteral("login"), name, QStringLiteral("--browser"), QStringLiteral("none") });
    if (login.exitCode != 0) {
        qWarning() << "login" << name << login.err;
        return false;
    }
    return true;
}

bool TestBridge::waitForRequests(TestServer &server, int count) const
{
    for (int i = 0; i < 600; ++i) {
        if (server.stats().value(QLatin1String("mcpRequests")).toInt() >= count)
            return true;
        QTest::qWait(25);
    }
    return false;
}

static QString errorsOf(const QJsonObject &summary)
{
    return QString::fromUtf8(QJsonDocument(summary.value(QLatin1String("errors")).toArray())
                                 .toJson(QJsonDocument::Compact))
        + QStringLiteral("\nbridge stderr: ")
        + summary.value(QLatin1String("bridgeStderr")).toString().right(3000);
}

void TestBridge::initTestCase()
{
    QVERIFY(m_home.isValid());
    for (TestServer *server : { &m_short, &m_long, &m_stateless })
        QVERIFY2(server->start(), qPrintable(server->errorString()));
    QVERIFY(addAndSignIn(QStringLiteral("short"), m_short));
    QVERIFY(addAndSignIn(QStringLiteral("long"), m_long));
    QVERIFY(addAndSignIn(QStringLiteral("stateless"), m_stateless));
}

// Five clients at once on one account, each through its own bridge, for
// more than three token lifetimes: no client sees an error, and the
// account is refreshed by one process at a time. The server rotates refresh
// tokens and revokes the whole grant when a spent one comes back, so a
// second refresh of the same token would fail every later call.
void TestBridge::fiveBridgesAcrossTokenExpiries()
{
    QVERIFY(m_short.admin(QStringLiteral("reset-stats")));
    std::vector<std::unique_ptr<QProcess>> clients;
    for (int i = 0; i < 5; ++i)
        clients.emplace_back(startClient(
            { QStringLiteral("--calls"), QStringLiteral("100"), QStringLiteral("--interval-ms"),
              QStringLiteral("140") },
            QStringLiteral("short"), { QStringLiteral("--min-validity"), QStringLiteral("1") }));
    int ok = 0;
    for (const auto &client : clients) {
        const QJsonObject summary = summaryOf(client.get());
        QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
        QCOMPARE(summary.value(QLatin1String("errorCount")).toInt(-1), 0);
        ok += summary.value(QLatin1String("ok")).toInt();
    }
    QCOMPARE(ok, 500);
    const QJsonObject stats = m_short.stats();
    const int refreshes = stats.value(QLatin1String("token"))
                              .toObject()
                              .value(QLatin1String("refresh_token"))
                              .toInt();
    // 100 calls 140 ms apart are 14 s or more: at least three expiries of 4 s tokens.
    QVERIFY2(refreshes >= 3, qPrintable(QString::number(refreshes)));
    QCOMPARE(stats.value(QLatin1String("tokenErrors"))
                 .toObject()
                 .value(QLatin1String("refresh_token"))
                 .toInt(-1),
             0);
    QCOMPARE(stats.value(QLatin1String("grants")).toInt(), 1);
}

// The server forgets every access token while three bridges use it: each
// gets a 401, and the account is refreshed exactly once for all of them.
void TestBridge::rejectedTokenIsReplacedOnceForAllBridges()
{
    QVERIFY(m_long.admin(QStringLiteral("reset-stats")));
    std::vector<std::unique_ptr<QProcess>> clients;
    for (int i = 0; i < 3; ++i)
        clients.emplace_back(startClient({ QStringLiteral("--calls"), QStringLiteral("40"),
                                           QStringLiteral("--interval-ms"), QStringLiteral("100") },
                                         QStringLiteral("long")));
    // Revoked while all three are mid-session (each makes over 40 requests).
    QVERIFY(waitForRequests(m_long, 30));
    QVERIFY(m_long.admin(QStringLiteral("revoke-access-tokens")));
    for (const auto &client : clients) {
        const QJsonObject summary = summaryOf(client.get());
        QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
        QCOMPARE(summary.value(QLatin1String("errorCount")).toInt(-1), 0);
        QCOMPARE(summary.value(QLatin1String("ok")).toInt(), 40);
    }
    const QJsonObject stats = m_long.stats();
    QVERIFY(stats.value(QLatin1String("mcpUnauthorized")).toInt() >= 1);
    QCOMPARE(stats.value(QLatin1String("token"))
                 .toObject()
                 .value(QLatin1String("refresh_token"))
                 .toInt(),
             1);
}

// The SDK client speaks the 2025 era; the server only 2026-07-28. The bridge
// translates, and the server refuses none of the requests it gets.
void TestBridge::a2025ClientReachesA2026Server()
{
    QVERIFY(m_stateless.admin(QStringLiteral("reset-stats")));
    const QJsonObject summary = runClient(
        { QStringLiteral("--calls"), QStringLiteral("30"), QStringLiteral("--interval-ms"),
          QStringLiteral("200") },
        QStringLiteral("stateless"), { QStringLiteral("--min-validity"), QStringLiteral("1") });
    QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
    QCOMPARE(summary.value(QLatin1String("errorCount")).toInt(-1), 0);
    QCOMPARE(summary.value(QLatin1String("ok")).toInt(), 30);
    QVERIFY(summary.value(QLatin1String("tools")).toArray().contains(QStringLiteral("echo")));
    QCOMPARE(summary.value(QLatin1String("serverInfo"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("mcp-accounts-sdk-fixture"));
    QVERIFY(summary.value(QLatin1String("bridgeStderr"))
                .toString()
                .contains(QLatin1String("is translated")));
    const QJsonObject stats = m_stateless.stats();
    QCOMPARE(stats.value(QLatin1String("statelessRejected")).toArray(), QJsonArray());
    // 30 calls 200 ms apart outlast a 4 s token.
    QVERIFY(
        stats.value(QLatin1String("token")).toObject().value(QLatin1String("refresh_token")).toInt()
        >= 1);
}

// The server asks the person a question in the middle of a tool call: the
// request reaches the stdio client, and its answer the server.
void TestBridge::elicitationReachesTheClient()
{
    QVERIFY(m_long.admin(QStringLiteral("reset-stats")));
    const QJsonObject summary
        = runClient({ QStringLiteral("--calls"), QStringLiteral("1"), QStringLiteral("--elicit"),
                      QStringLiteral(R"({"confirmed":true})") },
                    QStringLiteral("long"));
    QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
    QCOMPARE(summary.value(QLatin1String("elicitations")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("confirmText")).toString(),
             QStringLiteral("confirmed: elicited"));
    QCOMPARE(m_long.stats().value(QLatin1String("elicitations")).toInt(), 1);
}

// The server forgets the session (a restart): the bridge starts a new one
// with the client's initialize, the call goes through, a notice is logged.
void TestBridge::newSessionWhenTheServerForgetsIt()
{
    QVERIFY(m_long.admin(QStringLiteral("reset-stats")));
    std::unique_ptr<QProcess> client(
        startClient({ QStringLiteral("--calls"), QStringLiteral("40"),
                      QStringLiteral("--interval-ms"), QStringLiteral("100") },
                    QStringLiteral("long")));
    QVERIFY(waitForRequests(m_long, 12));
    QVERIFY(m_long.admin(QStringLiteral("forget-sessions")));
    const QJsonObject summary = summaryOf(client.get());
    QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
    QCOMPARE(summary.value(QLatin1String("errorCount")).toInt(-1), 0);
    QCOMPARE(summary.value(QLatin1String("ok")).toInt(), 40);
    QVERIFY(summary.value(QLatin1String("bridgeStderr"))
                .toString()
                .contains(QLatin1String("ended the MCP session (HTTP 404); starting a new one")));
    // The new session was ended at the end too.
    QCOMPARE(m_long.stats().value(QLatin1String("sessions")).toInt(), 0);
}

// No account: the client's initialize fails with a message that says what
// to run, and nothing reaches the server's MCP endpoint with a token.
void TestBridge::signInNeededSaysWhatToRun()
{
    // Another name of the same server (one server per URL in the config).
    QUrl url = m_long.mcpUrl();
    url.setHost(QStringLiteral("localhost"));
    const Run add = cli({ QStringLiteral("add"), QStringLiteral("nobody"), url.toString() });
    QVERIFY2(add.exitCode == 0, add.err.constData());
    const QJsonObject summary
        = runClient({ QStringLiteral("--calls"), QStringLiteral("1") }, QStringLiteral("nobody"));
    QVERIFY(!summary.isEmpty());
    QVERIFY(!summary.value(QLatin1String("connected")).toBool());
    const QString error = summary.value(QLatin1String("errors")).toArray().first().toString();
    QVERIFY2(error.contains(QLatin1String("mcp-accounts-cli login nobody")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("needs you to sign in")), qPrintable(error));
}

// admin_echo needs a scope the account lacks: the server's 403 becomes an
// error that names the scope and the command that grants it.
void TestBridge::insufficientScopeSaysWhatToRun()
{
    const QJsonObject summary
        = runClient({ QStringLiteral("--calls"), QStringLiteral("1"), QStringLiteral("--call-tool"),
                      QStringLiteral("admin_echo"), QStringLiteral("--call-args"),
                      QStringLiteral(R"({"text":"x"})") },
                    QStringLiteral("long"));
    QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
    const QString error = summary.value(QLatin1String("extraError")).toString();
    QVERIFY2(error.contains(QLatin1String("mcp:admin")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("mcp-accounts-cli call long --tool admin_echo")),
             qPrintable(error));
}

// The client closes stdin while a call is in flight: the bridge exits 0,
// ends the session at the server and leaves the account's lock free.
void TestBridge::stdinClosedMidRequestEndsCleanly()
{
    QVERIFY(m_long.admin(QStringLiteral("reset-stats")));
    const QJsonObject summary = runClient(
        { QStringLiteral("--calls"), QStringLiteral("2"), QStringLiteral("--close-during-call") },
        QStringLiteral("long"));
    QVERIFY2(summary.value(QLatin1String("connected")).toBool(), qPrintable(errorsOf(summary)));
    QVERIFY(summary.value(QLatin1String("closedDuringCall")).toBool());
    const QJsonObject exit = summary.value(QLatin1String("bridgeExit")).toObject();
    QVERIFY2(!exit.isEmpty(), "the bridge did not exit");
    QCOMPARE(exit.value(QLatin1String("code")).toInt(-1), 0);
    QCOMPARE(m_long.stats().value(QLatin1String("sessions")).toInt(), 0);
    // The refresh lock is free: a forced refresh goes through at once.
    const Run token = cli(
        { QStringLiteral("token"), QStringLiteral("long"), QStringLiteral("--force-refresh") });
    QVERIFY2(token.exitCode == 0, token.err.constData());
}

// Driven by hand: a line that is not JSON gets a JSON-RPC parse error; every
// line on stdout is a JSON-RPC message; SIGTERM ends the bridge with 0 and
// the session at the server.
void TestBridge::sigtermEndsCleanlyAndStdoutIsProtocolOnly()
{
    QVERIFY(m_long.admin(QStringLiteral("reset-stats")));
    QProcess bridge;
    bridge.setProcessEnvironment(environment());
    bridge.start(QStringLiteral(MCPA_CLI_PATH),
                 { QStringLiteral("bridge"), QStringLiteral("long"), QStringLiteral("--verbose") });
    QVERIFY(bridge.waitForStarted());
    bridge.write("this is not json\n");
    bridge.write(
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"by-hand","version":"1"}}})"
        "\n");
    QByteArray out;
    for (int i = 0; i < 200 && out.count('\n') < 2; ++i) {
        bridge.waitForReadyRead(100);
        out += bridge.readAllStandardOutput();
    }
    bridge.write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
                 "\n");
    QVERIFY(waitForRequests(m_long, 3));
    QCOMPARE(m_long.stats().value(QLatin1String("sessions")).toInt(), 1);
    bridge.terminate();
    QVERIFY(bridge.waitForFinished(10000));
    out += bridge.readAllStandardOutput();
    QCOMPARE(bridge.exitStatus(), QProcess::NormalExit);
    QCOMPARE(bridge.exitCode(), 0);
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject parseError = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(
        parseError.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toInt(),
        -32700);
    const QJsonObject initialized = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(initialized.value(QLatin1String("id")).toInt(), 1);
    QVERIFY(initialized.value(QLatin1String("result"))
                .toObject()
                .contains(QLatin1String("protocolVersion")));
    QCOMPARE(m_long.stats().value(QLatin1String("sessions")).toInt(), 0);
    // --verbose logs methods and ids, never the token.
    const QByteArray err = bridge.readAllStandardError();
    QVERIFY(err.contains("client: initialize 1"));
    QVERIFY(!err.contains("Bearer"));
}

// The client stops reading (its end of stdout closes) while stdin stays
// open: the next answer cannot be written, and the bridge ends (exit 0,
// session ended) instead of hanging or dying of SIGPIPE.
void TestBridge::aClientThatStopsReadingEndsTheBridge()
{
    QVERIFY(m_long.admin(QStringLiteral("reset-stats")));
    QProcess shell;
    shell.setProcessEnvironment(environment());
    // head takes the first line and exits; stdin stays open for 25 s, longer than the wait.
    shell.start(
        QStringLiteral("sh"),
        { QStringLiteral("-c"),
          QStringLiteral("{ printf '%s\\n' \"$1\"; sleep 1; printf '%s\\n%s\\n' \"$2\" \"$3\"; "
                         "sleep 25; } | { \"$4\" bridge long; echo \"bridge-exit=$?\" >&2; } "
                         "| head -n 1 >/dev/null"),
          QStringLiteral("sh"),
          QStringLiteral(
              R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"by-hand","version":"1"}}})"),
          QStringLiteral(R"({"jsonrpc":"2.0","method":"notifications/initialized"})"),
          QStringLiteral(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"),
          QStringLiteral(MCPA_CLI_PATH) });
    QVERIFY(shell.waitForStarted());
    QByteArray err;
    for (int i = 0; i < 200 && !err.contains("bridge-exit="); ++i) {
        shell.waitForReadyRead(100);
        err += shell.readAllStandardError();
    }
    shell.kill();
    shell.waitForFinished();
    QVERIFY2(err.contains("bridge-exit=0"), err.constData());
    QCOMPARE(m_long.stats().value(QLatin1String("sessions")).toInt(), 0);
}

void TestBridge::cleanupTestCase()
{
    for (const QString &name : { QStringLiteral("short"), QStringLiteral("long"),
                                 QStringLiteral("stateless"), QStringLiteral("nobody") })
        cli({ QStringLiteral("remove"), name });
}

QTEST_GUILESS_MAIN(TestBridge)
#include "tst_bridge.moc"
