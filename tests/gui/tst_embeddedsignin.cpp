#include "core/base/clock.h"
#include "core/net/httpclient.h"
#include "core/oauth/registrationcache.h"
#include "core/oauth/signinflow.h"
#include "gui/embeddedsignin.h"
#include "signin/signinprotocol.h"

#include "processtree.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include "signinsignals.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <unistd.h>

using namespace Mcpa;

namespace {

const QByteArray page = "<!doctype html><html><head><title>Sign in</title></head>"
                        "<body><form><input id=\"login\"></form></body></html>";

// The helper's processes while it shows a page: itself and every process
// it started (Chromium's zygotes, renderer, GPU/utility processes).
QList<ProcessTree::Process> helperProcesses(qint64 helperPid)
{
    QList<ProcessTree::Process> processes = ProcessTree::descendants(helperPid);
    ProcessTree::Process helper;
    if (ProcessTree::read(helperPid, &helper))
        processes.prepend(helper);
    return processes;
}

// One sign-in of the core wired to the proxy the way MainWindow does it.
struct FlowWithProxy
{
    explicit FlowWithProxy(RegistrationCache *registrations)
        : flow(&http, Clock::system(), registrations)
        , outcome(new Test::SignInSignals(&flow))
        , succeeded(outcome, &Test::SignInSignals::succeeded)
        , failed(outcome, &Test::SignInSignals::failed)
        , cancelled(&proxy, &EmbeddedSignIn::cancelled)
        , closed(&proxy, &EmbeddedSignIn::closed)
        , loaded(&proxy, &EmbeddedSignIn::pageLoaded)
    {
        flow.setAutoDelete(false); // held here
        QObject::connect(&flow, &SignInFlow::authorizeWithBrowser, &proxy,
                         &EmbeddedSignIn::openAuthorizationPage);
        QObject::connect(outcome, &Test::SignInSignals::succeeded, &proxy, &EmbeddedSignIn::finish);
        QObject::connect(outcome, &Test::SignInSignals::failed, &proxy, &EmbeddedSignIn::finish);
        QObject::connect(&proxy, &EmbeddedSignIn::cancelled, &flow, &Job::cancel);
    }

    bool finished() const { return !succeeded.isEmpty() || !failed.isEmpty(); }
    Error error() const
    {
        return failed.isEmpty() ? Error() : failed.first().first().value<Error>();
    }

    HttpClient http;
    EmbeddedSignIn proxy;
    SignInFlow flow;
    Test::SignInSignals *outcome; ///< a child of flow
    QSignalSpy succeeded;
    QSignalSpy failed;
    QSignalSpy cancelled;
    QSignalSpy closed;
    QSignalSpy loaded;
};

} // namespace

// The app's side of the embedded sign-in (EmbeddedSignIn) with the real
// helper process mcp-accounts-signin and its real QtWebEngine: pages load
// in the helper, Cancel there cancels the flow here, and when the sign-in
// ends the helper and every process it started are gone. Cancel is asked
// for with SIGTERM, which the helper handles exactly like its Cancel button
// (the button itself is tested in-process by tst_signindialog).
class TestEmbeddedSignIn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void protocolLines();
    void findsTheHelper();
    void missingHelperFailsClearly();
    void crashingHelperFailsClearly();
    void helperEnvironmentHasNoDevTools_data();
    void helperEnvironmentHasNoDevTools();
    void helperStartsWithoutDevTools();
    void pageLoadsAndFinishEndsEveryProcess();
    void cancelInTheHelperCancelsTheFlow();
    void errorShownThenClosedIsNoCancel();
    void closedInputEndsTheHelper();

private:
    QString m_helper;
};

void TestEmbeddedSignIn::initTestCase()
{
    m_helper = QStringLiteral(MCPA_SIGNIN_HELPER_PATH);
    QVERIFY2(QFileInfo(m_helper).isExecutable(), qPrintable(m_helper));
    qputenv("MCP_ACCOUNTS_SIGNIN_HELPER", m_helper.toLocal8Bit());
    // QtWebEngine's sandbox refuses to run as root (scripts/test.sh sets this too).
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
}

void TestEmbeddedSignIn::protocolLines()
{
    SignInProtocol protocol;
    const QByteArray open = SignInProtocol::openCommand(
        QUrl(QStringLiteral("https://as.example/authorize?state=a%2Bb&x=1")),
        QStringLiteral("GitHub"), QStringLiteral("de"));
    QVERIFY(open.endsWith('\n'));
    QCOMPARE(open.count('\n'), 1);
    // Split anywhere, the lines come out whole and in order.
    const QByteArray both = open + SignInProtocol::finishCommand();
    QList<QJsonObject> messages = protocol.feed(both.left(10));
    QVERIFY(messages.isEmpty());
    messages = protocol.feed(both.mid(10));
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).value(QStringLiteral("command")).toString(), QStringLiteral("open"));
    QCOMPARE(QUrl(messages.at(0).value(QStringLiteral("url")).toString()),
             QUrl(QStringLiteral("https://as.example/authorize?state=a%2Bb&x=1")));
    QCOMPARE(messages.at(0).value(QStringLiteral("title")).toString(), QStringLiteral("GitHub"));
    QCOMPARE(messages.at(1).value(QStringLiteral("command")).toString(), QStringLiteral("finish"));
    QVERIFY(!protocol.hasError());

    // Not JSON, or overlong: dropped, flagged, and the next line still works.
    messages = protocol.feed("not json\n");
    QVERIFY(messages.isEmpty());
    QVERIFY(protocol.hasError());
    SignInProtocol overlong;
    messages = overlong.feed(QByteArray(SignInProtocol::MaxLineLength + 10, 'x'));
    messages += overlong.feed("yyy\n" + SignInProtocol::event(QStringLiteral("cancelled")));
    QVERIFY(overlong.hasError());
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().value(QStringLiteral("event")).toString(),
             QStringLiteral("cancelled"));
}

void TestEmbeddedSignIn::findsTheHelper()
{
    QCOMPARE(EmbeddedSignIn::findHelper(), m_helper);
    QCOMPARE(EmbeddedSignIn().program(), m_helper);
    qputenv("MCP_ACCOUNTS_SIGNIN_HELPER", "/nonexistent/mcp-accounts-signin");
    QVERIFY(EmbeddedSignIn::findHelper().isEmpty());
    qputenv("MCP_ACCOUNTS_SIGNIN_HELPER", m_helper.toLocal8Bit());
}

void TestEmbeddedSignIn::missingHelperFailsClearly()
{
    QTemporaryDir dir;
    EmbeddedSignIn signIn;
    signIn.setProgram(dir.filePath(QStringLiteral("mcp-accounts-signin")));
    QSignalSpy failed(&signIn, &EmbeddedSignIn::failed);
    QSignalSpy closed(&signIn, &EmbeddedSignIn::closed);
    QSignalSpy cancelled(&signIn, &EmbeddedSignIn::cancelled);
    signIn.openAuthorizationPage(QUrl(QStringLiteral("https://as.example/authorize?state=s")));
    QCOMPARE(failed.count(), 0); // later, not inside the flow's signal
    QTRY_COMPARE(closed.count(), 1);
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QLatin1String("system web browser")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("state=")), qPrintable(message));
    QCOMPARE(cancelled.count(), 0);
    QVERIFY(!signIn.isRunning());
    // The owner's finish() afterwards changes nothing.
    signIn.finish();
    QTest::qWait(50);
    QCOMPARE(closed.count(), 1);
}

void TestEmbeddedSignIn::crashingHelperFailsClearly()
{
    // A helper that starts and dies at once, before any page.
    EmbeddedSignIn signIn;
    signIn.setProgram(QStringLiteral("/bin/false"));
    QSignalSpy failed(&signIn, &EmbeddedSignIn::failed);
    QSignalSpy closed(&signIn, &EmbeddedSignIn::closed);
    signIn.openAuthorizationPage(QUrl(QStringLiteral("https://as.example/authorize")));
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 10000);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("closed unexpectedly")),
             qPrintable(failed.first().first().toString()));
}

void TestEmbeddedSignIn::helperEnvironmentHasNoDevTools_data()
{
    QTest::addColumn<QString>("remoteDebugging");
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QString>("devToolsSwitch");
    QTest::addColumn<QString>("expectedRemoteDebugging"); // "-" = unset
    QTest::addColumn<QString>("expectedFlags"); // "-" = unset
    QTest::addRow("remote debugging variable dropped")
        << "0.0.0.0:9222" << QString() << QString() << "-"
        << "-";
    QTest::addRow("debugging flags dropped, others kept")
        << QString() << "--no-sandbox --remote-debugging-port=9222 --remote-allow-origins=*"
        << QString() << "-"
        << "--no-sandbox";
    QTest::addRow("pipe and auto-open dropped")
        << QString() << "--remote-debugging-pipe --auto-open-devtools-for-tabs" << QString() << "-"
        << "-";
    QTest::addRow("the deliberate switch, loopback") << "9222" << QString() << "127.0.0.1:4567"
                                                     << "127.0.0.1:4567"
                                                     << "-";
    QTest::addRow("the switch on another address is ignored")
        << QString() << QString() << "0.0.0.0:4567"
        << "-"
        << "-";
    QTest::addRow("nothing set") << QString() << QString() << QString() << "-"
                                 << "-";
}

void TestEmbeddedSignIn::helperEnvironmentHasNoDevTools()
{
    QFETCH(QString, remoteDebugging);
    QFETCH(QString, flags);
    QFETCH(QString, devToolsSwitch);
    QFETCH(QString, expectedRemoteDebugging);
    QFETCH(QString, expectedFlags);
    QProcessEnvironment app;
    app.insert(QStringLiteral("HOME"), QStringLiteral("/home/a"));
    if (!remoteDebugging.isEmpty())
        app.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"), remoteDebugging);
    if (!flags.isEmpty())
        app.insert(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS"), flags);
    if (!devToolsSwitch.isEmpty())
        app.insert(QStringLiteral("MCP_ACCOUNTS_SIGNIN_DEVTOOLS"), devToolsSwitch);
    const QProcessEnvironment helper = EmbeddedSignIn::helperEnvironment(app);
    const auto valueOf = [&](const QString &name) {
        return helper.contains(name) ? helper.value(name) : QStringLiteral("-");
    };
    QCOMPARE(valueOf(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING")), expectedRemoteDebugging);
    QCOMPARE(valueOf(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS")), expectedFlags);
    QVERIFY(!helper.contains(QStringLiteral("MCP_ACCOUNTS_SIGNIN_DEVTOOLS")));
    QCOMPARE(helper.value(QStringLiteral("HOME")), QStringLiteral("/home/a")); // the rest stays
}

void TestEmbeddedSignIn::helperStartsWithoutDevTools()
{
    // A stand-in helper that records the environment it was started with.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(QStringLiteral("helper.sh"));
    const QString record = dir.filePath(QStringLiteral("environment"));
    {
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nenv > \"$0.env\"\nmv \"$0.env\" \"" + QFile::encodeName(record)
                   + "\"\n");
    }
    QVERIFY(QFile::setPermissions(script, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    qputenv("QTWEBENGINE_REMOTE_DEBUGGING", "0.0.0.0:9222");
    qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--remote-debugging-port=9223 --disable-gpu");
    const auto unset = qScopeGuard([] {
        qunsetenv("QTWEBENGINE_REMOTE_DEBUGGING");
        qunsetenv("QTWEBENGINE_CHROMIUM_FLAGS");
    });
    EmbeddedSignIn signIn;
    signIn.setProgram(script);
    QSignalSpy closed(&signIn, &EmbeddedSignIn::closed);
    signIn.openAuthorizationPage(QUrl(QStringLiteral("https://as.example/authorize")));
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 10000);
    QFile recorded(record);
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    const QByteArray environment = recorded.readAll();
    QVERIFY(environment.contains("\nQTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu\n"));
    QVERIFY(!environment.contains("REMOTE_DEBUGGING"));
    QVERIFY(!environment.contains("9222"));
    QVERIFY(!environment.contains("9223"));
}

void TestEmbeddedSignIn::pageLoadsAndFinishEndsEveryProcess()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/authorize", ScriptedHttpServer::response(200, "text/html", page));
    // Twice: nothing of the first sign-in stays behind for the second.
    for (int round = 1; round <= 2; ++round) {
        EmbeddedSignIn signIn;
        signIn.setTitle(QStringLiteral("Scripted"));
        QSignalSpy loaded(&signIn, &EmbeddedSignIn::pageLoaded);
        QSignalSpy closed(&signIn, &EmbeddedSignIn::closed);
        QSignalSpy cancelled(&signIn, &EmbeddedSignIn::cancelled);
        QSignalSpy failed(&signIn, &EmbeddedSignIn::failed);
        QUrl url = server.url(QStringLiteral("/authorize"));
        url.setQuery(QStringLiteral("state=s&code_challenge=c"));
        signIn.openAuthorizationPage(url);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        QCOMPARE(loaded.first().first().toBool(), true);
        const qint64 pid = signIn.processId();
        QVERIFY(pid > 0);
        const QList<ProcessTree::Process> processes = helperProcesses(pid);
        qInfo("round %d, page shown: %s", round, qPrintable(ProcessTree::describe(processes)));
        QVERIFY2(processes.size() >= 2, qPrintable(ProcessTree::describe(processes)));

        QElapsedTimer clock;
        clock.start();
        signIn.finish();
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 15000);
        QVERIFY(!signIn.isRunning());
        QTRY_VERIFY2_WITH_TIMEOUT(ProcessTree::alive(processes).isEmpty(),
                                  qPrintable(ProcessTree::describe(ProcessTree::alive(processes))),
                                  15000);
        qInfo("round %d: the helper and all its processes were gone %lld ms after finish()", round,
              clock.elapsed());
        QCOMPARE(cancelled.count(), 0);
        QCOMPARE(failed.count(), 0);
    }
}

void TestEmbeddedSignIn::cancelInTheHelperCancelsTheFlow()
{
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MemoryRegistrationCache registrations;
    FlowWithProxy signIn(&registrations);
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl();
    signIn.flow.setRequest(settings);
    signIn.flow.start();
    QTRY_VERIFY_WITH_TIMEOUT(!signIn.loaded.isEmpty(), 60000);
    const qint64 pid = signIn.proxy.processId();
    QVERIFY(pid > 0);
    const QList<ProcessTree::Process> processes = helperProcesses(pid);
    QVERIFY(!signIn.finished());

    ::kill(pid_t(pid), SIGTERM); // closes the window like Cancel
    QTRY_COMPARE_WITH_TIMEOUT(signIn.cancelled.count(), 1, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(signIn.finished(), 10000);
    QCOMPARE(signIn.error().code(), Error::Code::Cancelled);
    QCOMPARE(signIn.succeeded.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(signIn.closed.count(), 1, 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(ProcessTree::alive(processes).isEmpty(),
                              qPrintable(ProcessTree::describe(ProcessTree::alive(processes))),
                              15000);
    QCOMPARE(signIn.cancelled.count(), 1);
}

void TestEmbeddedSignIn::errorShownThenClosedIsNoCancel()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/authorize", ScriptedHttpServer::response(200, "text/html", page));
    EmbeddedSignIn signIn;
    QSignalSpy loaded(&signIn, &EmbeddedSignIn::pageLoaded);
    QSignalSpy closed(&signIn, &EmbeddedSignIn::closed);
    QSignalSpy cancelled(&signIn, &EmbeddedSignIn::cancelled);
    QSignalSpy failed(&signIn, &EmbeddedSignIn::failed);
    signIn.openAuthorizationPage(server.url(QStringLiteral("/authorize")));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
    signIn.showError(Error(Error::Code::AuthorizationDenied, QStringLiteral("access_denied")));
    // The window stays with the error until the person closes it; closing
    // then cancels nothing (the helper got the error: Cancel became Close).
    QTest::qWait(500);
    QVERIFY(signIn.isRunning());
    ::kill(pid_t(signIn.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 15000);
    QCOMPARE(cancelled.count(), 0);
    QCOMPARE(failed.count(), 0);
}

void TestEmbeddedSignIn::closedInputEndsTheHelper()
{
    // The app dies: the helper sees the end of its stdin and goes, with
    // every process it started.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/authorize", ScriptedHttpServer::response(200, "text/html", page));
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(m_helper, {});
    QVERIFY(helper.waitForStarted(10000));
    helper.write(SignInProtocol::openCommand(server.url(QStringLiteral("/authorize")),
                                             QStringLiteral("Scripted"), QString()));
    SignInProtocol protocol;
    QList<QJsonObject> events;
    QTRY_VERIFY_WITH_TIMEOUT(
        (events += protocol.feed(helper.readAllStandardOutput()), !events.isEmpty()), 60000);
    QCOMPARE(events.first().value(QStringLiteral("event")).toString(), QStringLiteral("loaded"));
    QVERIFY(!protocol.hasError()); // nothing but protocol lines on stdout
    const QList<ProcessTree::Process> processes = helperProcesses(helper.processId());
    QVERIFY2(processes.size() >= 2, qPrintable(ProcessTree::describe(processes)));

    helper.closeWriteChannel();
    QVERIFY(helper.waitForFinished(15000));
    QCOMPARE(helper.exitStatus(), QProcess::NormalExit);
    QCOMPARE(helper.exitCode(), 0);
    events += protocol.feed(helper.readAllStandardOutput());
    QCOMPARE(events.last().value(QStringLiteral("event")).toString(), QStringLiteral("closed"));
    QTRY_VERIFY2_WITH_TIMEOUT(ProcessTree::alive(processes).isEmpty(),
                              qPrintable(ProcessTree::describe(ProcessTree::alive(processes))),
                              15000);
}

QTEST_MAIN(TestEmbeddedSignIn)
#include "tst_embeddedsignin.moc"
