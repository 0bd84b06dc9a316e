#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Drives the real executables as a user or a script would.
class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void versionAndHelp_data();
    void versionAndHelp();
    void unknownCommandIsUsageError();
    void probeRealServers_data();
    void probeRealServers();
    void probeOpenStatelessServer();
    void probeJson();
    void probeClosedPort();
    void probeRefusesPlainHttpToRemoteHosts();
    void serverTextCannotDriveTheTerminal();
    void callSignsInListsAndCalls_data();
    void callSignsInListsAndCalls();
    void callJsonStepUp_data();
    void callJsonStepUp();
    void callWithABrowserCommand();
    void callNeedsAPersonForAFormPage();
    void callTimesOutWhenNobodySignsIn();
    void callUnknownToolIsAServerError();
    void callInputMustBeAnObject();
    void callVerboseTraceHoldsNoToken();
    void checkKeychainWorks();
    void checkKeychainWithoutSecretServiceFailsClearly();
    void checkKeychainWithUnansweredPromptTimesOut();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QString &program, const QStringList &arguments,
                   const QProcessEnvironment &environment
                   = QProcessEnvironment::systemEnvironment());

    TestServer m_sdk { TestServer::Kind::Sdk };
    TestServer m_oidc { TestServer::Kind::Oidc };
};

TestCli::Run TestCli::run(const QString &program, const QStringList &arguments,
                          const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = "did not finish within 60 s";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestCli::initTestCase()
{
    QVERIFY2(m_sdk.start(), qPrintable(m_sdk.errorString()));
    QVERIFY2(m_oidc.start(), qPrintable(m_oidc.errorString()));
}

void TestCli::versionAndHelp_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::addRow("cli --version") << MCPA_CLI_PATH << "--version"
                                   << "mcp-accounts " MCPA_VERSION;
    QTest::addRow("cli --help") << MCPA_CLI_PATH << "--help"
                                << "probe";
    QTest::addRow("gui --version") << MCPA_GUI_PATH << "--version"
                                   << "mcp-accounts " MCPA_VERSION;
    QTest::addRow("gui --help") << MCPA_GUI_PATH << "--help"
                                << "--server";
}

void TestCli::versionAndHelp()
{
    QFETCH(QString, program);
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const Run result = run(program, { option }, environment);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(QString::fromUtf8(result.out).contains(expected), result.out.constData());
}

void TestCli::unknownCommandIsUsageError()
{
    const Run result = run(QStringLiteral(MCPA_CLI_PATH), { QStringLiteral("frobnicate") });
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("unknown command"));
}

void TestCli::probeRealServers_data()
{
    QTest::addColumn<bool>("oidc");
    QTest::addColumn<bool>("stateless");
    QTest::addRow("sdk") << false << false;
    QTest::addRow("oidc-provider") << true << false;
    QTest::addRow("sdk 2026-07-28") << false << true;
    QTest::addRow("oidc-provider 2026-07-28") << true << true;
}

void TestCli::probeRealServers()
{
    QFETCH(bool, oidc);
    QFETCH(bool, stateless);
    std::unique_ptr<TestServer> own;
    if (stateless) {
        own = std::make_unique<TestServer>(oidc ? TestServer::Kind::Oidc : TestServer::Kind::Sdk,
                                           QStringList { QStringLiteral("--stateless") });
        QVERIFY2(own->start(), qPrintable(own->errorString()));
    }
    const QUrl url = own ? own->mcpUrl() : oidc ? m_oidc.mcpUrl() : m_sdk.mcpUrl();
    const int requestsBefore = own ? 0 : -1;
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH), { QStringLiteral("probe"), url.toString() });
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith("auth-required "), result.out.constData());
    QVERIFY(result.out.contains("resource_metadata: http://127.0.0.1:"));
    if (own) // one request, whatever the era
        QCOMPARE(own->stats().value(QLatin1String("mcpRequests")).toInt(), requestsBefore + 1);
}

void TestCli::probeOpenStatelessServer()
{
    TestServer server(TestServer::Kind::Stateless);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Run result = run(QStringLiteral(MCPA_CLI_PATH),
                           { QStringLiteral("probe"), server.mcpUrl().toString() });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.startsWith("open "), result.out.constData());
    QVERIFY(result.out.contains("  server: stateless-fixture 1.0.0\n"));
    QVERIFY(result.out.contains("  protocol: 2026-07-28 (stateless, no session)\n"));
}

void TestCli::probeJson()
{
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("probe"), QStringLiteral("--json"), m_sdk.mcpUrl().toString() });
    QCOMPARE(result.exitCode, 0);
    const QJsonObject object = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(object.value(QLatin1String("result")).toString(), QStringLiteral("auth-required"));
    QCOMPARE(object.value(QLatin1String("httpStatus")).toInt(), 401);
    QVERIFY(object.value(QLatin1String("resourceMetadata"))
                .toString()
                .contains(QLatin1String("/.well-known/oauth-protected-resource")));
    QCOMPARE(object.value(QLatin1String("scope")).toString(), QStringLiteral("mcp:read"));
}

void TestCli::probeClosedPort()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("probe"), QStringLiteral("--timeout"), QStringLiteral("5"),
                QStringLiteral("http://127.0.0.1:%1/mcp").arg(port) });
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.out.startsWith("unreachable "), result.out.constData());
}

void TestCli::serverTextCannotDriveTheTerminal()
{
    // An open MCP server whose name and version carry terminal controls: a
    // title change (OSC 0 … BEL), clipboard write (OSC 52), screen clear and
    // a C1 CSI (U+009B).
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200,
                     R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18",)"
                     R"("capabilities":{},"serverInfo":{"name":"evil\u001b]0;owned\u0007\r)"
                     R"(\u001b]52;c;cm0gLXJm\u0007","version":"1\u001b[2J\u009b31m"}}})"));
    QProcess process;
    process.start(QStringLiteral(MCPA_CLI_PATH),
                  { QStringLiteral("probe"), server.url(QStringLiteral("/mcp")).toString() });
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.readAllStandardOutput();
    for (const char control : { '\x1b', '\x07', '\r' })
        QVERIFY2(!out.contains(control), out.toPercentEncoding(" :/\n^").constData());
    QVERIFY2(!out.contains("\xc2\x9b"), out.constData());
    // What the server sent is still there to read, made visible.
    QVERIFY2(out.contains("  server: evil^[]0;owned^G^M^[]52;c;cm0gLXJm^G 1^[[2J<U+009B>31m\n"),
             out.constData());
}

void TestCli::probeRefusesPlainHttpToRemoteHosts()
{
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("probe"), QStringLiteral("http://mcp.example.com/mcp") });
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("only loopback addresses may use http"));
    QVERIFY(result.out.isEmpty());
}

void TestCli::callSignsInListsAndCalls_data()
{
    QTest::addColumn<bool>("oidc");
    QTest::addColumn<bool>("stateless");
    QTest::addRow("sdk") << false << false;
    QTest::addRow("oidc-provider") << true << false;
    QTest::addRow("sdk 2026-07-28") << false << true;
    QTest::addRow("oidc-provider 2026-07-28") << true << true;
}

void TestCli::callSignsInListsAndCalls()
{
    QFETCH(bool, oidc);
    QFETCH(bool, stateless);
    QStringList arguments;
    if (oidc)
        arguments << QStringLiteral("--auto-approve");
    if (stateless)
        arguments << QStringLiteral("--stateless");
    TestServer server(oidc ? TestServer::Kind::Oidc : TestServer::Kind::Sdk, arguments);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("call"), QStringLiteral("--browser"), QStringLiteral("none"),
                QStringLiteral("--tool"), QStringLiteral("echo"), QStringLiteral("--args"),
                QStringLiteral("{\"text\":\"through the cli\"}"), server.mcpUrl().toString() });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.out.contains("tools (3):"), result.out.constData());
    QVERIFY(result.out.contains("  whoami"));
    QVERIFY(result.out.contains("result:\nthrough the cli\n"));
    QVERIFY2(result.out.contains(stateless ? "2026-07-28" : "2025-"), result.out.constData());
    // Every request was one the server accepted for its era.
    QCOMPARE(server.stats().value(QLatin1String("statelessRejected")).toArray(), QJsonArray());
}

void TestCli::callJsonStepUp_data()
{
    QTest::addColumn<bool>("stateless");
    QTest::addRow("2025-11-25") << false;
    QTest::addRow("2026-07-28") << true;
}

void TestCli::callJsonStepUp()
{
    QFETCH(bool, stateless);
    QStringList arguments { QStringLiteral("--auto-approve") };
    if (stateless)
        arguments << QStringLiteral("--stateless");
    TestServer server(TestServer::Kind::Oidc, arguments);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("call"), QStringLiteral("--json"), QStringLiteral("--browser"),
                QStringLiteral("none"), QStringLiteral("--tool"), QStringLiteral("admin_echo"),
                QStringLiteral("--args"), QStringLiteral("{\"text\":\"admin\"}"),
                server.mcpUrl().toString() });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject object = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(object.value(QLatin1String("signIns")).toInt(), 2);
    QCOMPARE(object.value(QLatin1String("tools")).toArray().size(), 3);
    QCOMPARE(object.value(QLatin1String("toolResult"))
                 .toObject()
                 .value(QLatin1String("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("text"))
                 .toString(),
             QStringLiteral("admin"));
    QCOMPARE(object.value(QLatin1String("protocolVersion"))
                 .toString()
                 .startsWith(QLatin1String("2026-")),
             stateless);
}

void TestCli::callWithABrowserCommand()
{
    // Any program can be the browser: curl follows the redirects to the callback.
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    QVERIFY2(!curl.isEmpty(), "curl is not installed (scripts/install-deps.sh installs it)");
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("call"), QStringLiteral("--browser"),
                curl + QStringLiteral(" -s -L -o /dev/null"), m_sdk.mcpUrl().toString() });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.contains("Opened the sign-in page"));
    QVERIFY(result.out.contains("tools (3):"));
}

void TestCli::callNeedsAPersonForAFormPage()
{
    TestServer server(TestServer::Kind::Sdk,
                      { QStringLiteral("--consent"), QStringLiteral("form") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Run result = run(QStringLiteral(MCPA_CLI_PATH),
                           { QStringLiteral("call"), QStringLiteral("--browser"),
                             QStringLiteral("none"), server.mcpUrl().toString() });
    QCOMPARE(result.exitCode, 8);
    QVERIFY2(result.err.contains("needs a person"), result.err.constData());
}

void TestCli::callTimesOutWhenNobodySignsIn()
{
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("call"), QStringLiteral("--browser"), QStringLiteral("print"),
                QStringLiteral("--timeout"), QStringLiteral("1"), m_sdk.mcpUrl().toString() });
    QCOMPARE(result.exitCode, 8);
    QVERIFY(result.err.contains("Open this address in a browser"));
    QVERIFY2(result.err.contains("authorization-timeout"), result.err.constData());
}

void TestCli::callUnknownToolIsAServerError()
{
    const Run result = run(QStringLiteral(MCPA_CLI_PATH),
                           { QStringLiteral("call"), QStringLiteral("--browser"),
                             QStringLiteral("none"), QStringLiteral("--tool"),
                             QStringLiteral("no_such_tool"), m_sdk.mcpUrl().toString() });
    QVERIFY2(result.exitCode == 6 || result.exitCode == 7, result.err.constData());
}

void TestCli::callInputMustBeAnObject()
{
    const Run result = run(QStringLiteral(MCPA_CLI_PATH),
                           { QStringLiteral("call"), QStringLiteral("--input"),
                             QStringLiteral("[1]"), m_sdk.mcpUrl().toString() });
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("--input must be a JSON object"), result.err.constData());
}

void TestCli::callVerboseTraceHoldsNoToken()
{
    // JWT access tokens are recognisable ("eyJ..."): none may be printed.
    TestServer server(TestServer::Kind::Oidc,
                      { QStringLiteral("--auto-approve"), QStringLiteral("--access-token-format"),
                        QStringLiteral("jwt") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Run result
        = run(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("call"), QStringLiteral("--verbose"), QStringLiteral("--browser"),
                QStringLiteral("none"), QStringLiteral("--tool"), QStringLiteral("whoami"),
                server.mcpUrl().toString() });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.contains("[ok] Signed in"));
    QVERIFY(result.err.contains("state verified, iss matches"));
    QVERIFY(!result.err.contains("eyJ"));
    QVERIFY(!result.err.contains("code="));
    QVERIFY(!result.err.contains("code_verifier"));
}

void TestCli::checkKeychainWorks()
{
    const Run result = run(QStringLiteral(MCPA_CLI_PATH), { QStringLiteral("check-keychain") });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.contains("keychain ok (service \"mcp-accounts-test\")"));
}

void TestCli::checkKeychainWithoutSecretServiceFailsClearly()
{
    // No session bus and no display: the keychain cannot be reached at all.
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-bus")));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("HOME"), home.path());
    const Run result = run(
        QStringLiteral(MCPA_CLI_PATH),
        { QStringLiteral("check-keychain"), QStringLiteral("--timeout"), QStringLiteral("10") },
        environment);
    QCOMPARE(result.exitCode, 5);
    QVERIFY2(result.err.contains("keychain unavailable"), result.err.constData());
    // Nothing may have been written anywhere as a fallback.
    QDir dir(home.path());
    QCOMPARE(dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

void TestCli::checkKeychainWithUnansweredPromptTimesOut()
{
    // A fresh session bus whose Secret Service has no unlocked keyring: the
    // daemon would prompt for a new password and nobody answers. The job must
    // give up after --timeout instead of hanging.
    const QString dbusRunSession
        = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    QVERIFY2(!dbusRunSession.isEmpty(),
             "dbus-run-session is not installed (scripts/test.sh installs dbus)");
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.remove(QStringLiteral("DISPLAY"));
    const Run result = run(dbusRunSession,
                           { QStringLiteral("--"), QStringLiteral(MCPA_CLI_PATH),
                             QStringLiteral("check-keychain"), QStringLiteral("--timeout"),
                             QStringLiteral("3") },
                           environment);
    QCOMPARE(result.exitCode, 5);
    QVERIFY2(result.err.contains("keychain unavailable"), result.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
