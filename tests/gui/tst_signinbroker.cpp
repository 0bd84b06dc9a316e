#include "core/accounts/signinbroker.h"
#include "core/oauth/headlessuseragent.h"
#include "gui/appcontroller.h"
#include "gui/mainwindow.h"
#include "gui/serverlistmodel.h"
#include "gui/singleinstance.h"
#include "gui/trayicon.h"

#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Mcpa;

// The app as the sign-in broker, end to end: a real MCP stdio client (the
// SDK's, tests/fixtures/bridge-client.mjs) calls a tool through the bridge
// on an account that is not signed in; the running app (AppController on
// its single-instance socket) says "<client> needs you to sign in to <server>",
// the person clicks it and signs in, and the held call completes.
class TestSignInBroker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void heldCallCompletesAfterTheSignInInTheApp();
    void withoutTheAppTheErrorSaysWhatToRun();

private:
    QProcess *startClient(const QString &server) const;
    QJsonObject summaryOf(QProcess *process) const;

    QTemporaryDir m_home;
    QTemporaryDir m_runtime { QStringLiteral("/tmp/mcpa-broker-XXXXXX") };
};

void TestSignInBroker::initTestCase()
{
    QVERIFY(m_home.isValid());
    // This test's own config and runtime directory: the app's socket and
    // config are per config location, so it never meets another app.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    // A short runtime directory: a socket path has at most 107 bytes, and
    // TMPDIR can be deep (the sanitizer run's sandbox is inside another).
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    QFile::setPermissions(m_runtime.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("MCP_ACCOUNTS_KEYCHAIN_SERVICE", "mcp-accounts-test-broker");
}

QProcess *TestSignInBroker::startClient(const QString &server) const
{
    auto *process = new QProcess;
    process->start(QStringLiteral("node"),
                   { TestServer::fixturesDirectory() + QStringLiteral("/bridge-client.mjs"),
                     QStringLiteral("--calls"), QStringLiteral("1"), QStringLiteral("--timeout-ms"),
                     QStringLiteral("120000"), QStringLiteral("--"), QStringLiteral(MCPA_CLI_PATH),
                     QStringLiteral("bridge"), server });
    return process;
}

QJsonObject TestSignInBroker::summaryOf(QProcess *process) const
{
    if (!QTest::qWaitFor([process] { return process->state() == QProcess::NotRunning; }, 150000)) {
        qWarning() << "bridge-client.mjs did not finish";
        return {};
    }
    const QList<QByteArray> lines = process->readAllStandardOutput().trimmed().split('\n');
    const QJsonObject summary = QJsonDocument::fromJson(lines.last()).object();
    if (summary.isEmpty())
        qWarning().noquote() << process->readAllStandardError().right(4000);
    return summary;
}

void TestSignInBroker::heldCallCompletesAfterTheSignInInTheApp()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    SingleInstance instance(SignInBroker::socketName());
    QVERIFY(instance.claim());
    {
        // The app listens where a bridge of this user looks for it.
        QLocalSocket probe;
        probe.connectToServer(SignInBroker::socketName());
        QVERIFY2(probe.waitForConnected(5000), qPrintable(SignInBroker::socketName()));
        probe.disconnectFromServer();
    }
    AppController controller;
    controller.serveSignInRequests(&instance);
    controller.start(false);
    MainWindow *window = controller.mainWindow();
    window->setDefaultBrowserMode(MainWindow::BrowserMode::System);
    int opened = 0;
    window->setUrlOpener([window, &opened](const QUrl &url) {
        ++opened; // the person's browser: follows the redirects to the callback
        auto *agent = new HeadlessUserAgent(
            url,
            QUrl(QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)),
            window);
        agent->start();
        return true;
    });
    const QString id = window->addServerUrl(server.mcpUrl(), QStringLiteral("Demo"));
    QVERIFY(!id.isEmpty());

    QSignalSpy notified(controller.tray(), &TrayIcon::notified);
    std::unique_ptr<QProcess> client(startClient(id));
    // The app tells the person who is waiting, and for what.
    const bool answered = QTest::qWaitFor(
        [&] { return !notified.isEmpty() || client->state() == QProcess::NotRunning; }, 120000);
    QVERIFY2(answered && !notified.isEmpty(),
             qPrintable(QStringLiteral("no notification on %3; the client said: %1 %2")
                            .arg(QString::fromUtf8(client->readAllStandardOutput()),
                                 QString::fromUtf8(client->readAllStandardError().right(6000)),
                                 SignInBroker::socketName())));
    QCOMPARE(notified.first().at(0).toString(),
             QStringLiteral("mcp-accounts-bridge-client needs you to sign in to Demo"));
    QCOMPARE(opened, 0); // nothing opens until the person agrees

    Q_EMIT controller.tray()->notificationClicked(); // what the person's click does
    const QJsonObject summary = summaryOf(client.get());
    QCOMPARE(opened, 1);
    QVERIFY2(summary.value(QLatin1String("connected")).toBool(),
             qPrintable(QString::fromUtf8(QJsonDocument(summary).toJson())));
    QCOMPARE(summary.value(QLatin1String("errorCount")).toInt(-1), 0);
    QCOMPARE(summary.value(QLatin1String("ok")).toInt(), 1);
    QVERIFY(summary.value(QLatin1String("bridgeStderr"))
                .toString()
                .contains(QLatin1String("signed in through the app")));
    QCOMPARE(window->serverModel()->status(0).kind, AccountStatus::Kind::SignedIn);
}

void TestSignInBroker::withoutTheAppTheErrorSaysWhatToRun()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QProcess add;
    add.start(QStringLiteral(MCPA_CLI_PATH),
              { QStringLiteral("add"), QStringLiteral("alone"), server.mcpUrl().toString() });
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);
    std::unique_ptr<QProcess> client(startClient(QStringLiteral("alone")));
    const QJsonObject summary = summaryOf(client.get());
    QVERIFY(!summary.value(QLatin1String("connected")).toBool());
    const QString error = summary.value(QLatin1String("errors")).toArray().first().toString();
    QVERIFY2(error.contains(QLatin1String("mcp-accounts-cli login alone")), qPrintable(error));
}

QTEST_MAIN(TestSignInBroker)
#include "tst_signinbroker.moc"
