#include "core/accounts/accountservice.h"
#include "core/base/clock.h"
#include "core/net/httpclient.h"
#include "core/oauth/headlessuseragent.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"
#include "gui/embeddedsignin.h"
#include "gui/mainwindow.h"
#include "gui/serverlistmodel.h"
#include "gui/trayicon.h"

#include "devtoolsclient.h"
#include "processtree.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrlQuery>

#include <unistd.h>

using namespace Mcpa;

// The main window over a real config file, the session's real keychain and
// real servers; dialogs that need a person are answered through seams.
class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void titleAndEmptyState();
    void translatedInGerman();
    void addedServerShowsItsStatus();
    void signInViewTokenSignOutThroughTheSystemBrowser();
    void signInInTheEmbeddedWindow();
    void aNewAuthorizationServerIsSignedInOnlyWhenThePersonAgrees();
    void actionsHaveShortcutsAndFollowTheSelection();
    void trayMenuListsServersAndOffersSignIn();
    void useInConnectsAndDisconnectsAClient();

private:
    QTemporaryDir *m_dir = nullptr;
    ServerRegistry *m_registry = nullptr;
    SecretStore *m_secrets = nullptr;
    TokenStore *m_tokens = nullptr;
    HttpClient *m_http = nullptr;
    AccountService *m_service = nullptr;
    QStringList m_messages;
};

// The "system browser" of these tests: the core's headless user agent,
// counting how often it was opened.
static std::function<bool(const QUrl &)> headlessBrowser(QObject *parent, int *opened)
{
    return [parent, opened](const QUrl &url) {
        ++*opened;
        auto *agent = new HeadlessUserAgent(
            url,
            QUrl(QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)),
            parent);
        agent->start();
        return true;
    };
}

void TestMainWindow::init()
{
    m_dir = new QTemporaryDir;
    m_registry = new ServerRegistry(m_dir->filePath(QStringLiteral("config.json")));
    m_registry->load();
    m_secrets = new SecretStore(QStringLiteral("mcp-accounts-test-gui"));
    m_tokens = new TokenStore(m_secrets);
    m_http = new HttpClient;
    m_service = new AccountService(m_registry, m_tokens, m_http, Clock::system());
    m_messages.clear();
}

void TestMainWindow::cleanup()
{
    delete m_service;
    delete m_http;
    delete m_tokens;
    delete m_secrets;
    delete m_registry;
    delete m_dir;
}

void TestMainWindow::titleAndEmptyState()
{
    MainWindow window(m_service, Clock::system());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("MCP Accounts"));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("stack"));
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyPage"));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("emptyAddButton"))->isVisible());
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("emptyImportButton"))->isVisible());
}

// The window, the list and the tray speak the app's language: their
// translation contexts are the namespaced class names (Mcpa::MainWindow, ...).
void TestMainWindow::translatedInGerman()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(MCPA_TRANSLATIONS_DIR "/mcp-accounts_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto removeTranslator
        = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });

    MainWindow window(m_service, Clock::system());
    auto *signIn = window.findChild<QAction *>(QStringLiteral("actionSignIn"));
    QVERIFY(signIn);
    QCOMPARE(signIn->text(), QStringLiteral("&Anmelden"));
    QCOMPARE(ServerListModel::statusText(AccountStatus {}), QStringLiteral("Noch nicht geprüft"));
    TrayIcon tray(window.serverModel());
    auto *quit = tray.menu()->findChild<QAction *>(QStringLiteral("trayQuit"));
    QVERIFY(quit);
    QCOMPARE(quit->text(), QStringLiteral("&Beenden"));
}

void TestMainWindow::addedServerShowsItsStatus()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "/mcp",
        ScriptedHttpServer::json(401, "{}", { { "WWW-Authenticate", "Bearer scope=\"a\"" } }));
    MainWindow window(m_service, Clock::system());
    window.show();
    const QString id
        = window.addServerUrl(server.url(QStringLiteral("/mcp")), QStringLiteral("Scripted"));
    QVERIFY(!id.isEmpty());
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("stack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("listPage"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("serverTable"));
    QCOMPARE(table->model()->rowCount(), 1);
    QTRY_COMPARE(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedOut);
    QCOMPARE(table->model()->index(0, ServerListModel::StatusColumn).data().toString(),
             QStringLiteral("Signed out"));
    QCOMPARE(table->model()->index(0, ServerListModel::NameColumn).data().toString(),
             QStringLiteral("Scripted"));
    // The same server twice is one row, and it is in the config file.
    QCOMPARE(window.addServerUrl(server.url(QStringLiteral("/mcp/"))), id);
    QCOMPARE(table->model()->rowCount(), 1);
    ServerRegistry reread(m_registry->filePath());
    reread.load();
    QVERIFY(reread.server(id).has_value());
}

void TestMainWindow::signInViewTokenSignOutThroughTheSystemBrowser()
{
    TestServer server(TestServer::Kind::Oidc, { QStringLiteral("--auto-approve") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MainWindow window(m_service, Clock::system());
    window.setDefaultBrowserMode(MainWindow::BrowserMode::System);
    window.setMessagePresenter([this](const QString &title, const QString &text) {
        m_messages << title + QLatin1Char(':') + text;
    });
    window.setQuestionPresenter([](const QString &, const QString &) { return true; });
    // The "system browser" is the core's headless user agent.
    int opened = 0;
    window.setUrlOpener(headlessBrowser(&window, &opened));
    window.show();
    const QString id = window.addServerUrl(server.mcpUrl(), QStringLiteral("OIDC"));
    QTRY_COMPARE(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedOut);

    window.signIn(id);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QDialog *>(QStringLiteral("browserWaitDialog")),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedIn,
                              30000);
    QVERIFY2(m_messages.isEmpty(), qPrintable(m_messages.join(QLatin1Char('\n'))));
    QCOMPARE(opened, 1);
    QTRY_VERIFY(!window.findChild<QDialog *>(QStringLiteral("browserWaitDialog")));
    // The list names who signed in (from the OpenID provider's id_token).
    QVERIFY2(window.serverModel()
                 ->index(0, ServerListModel::AccountColumn)
                 .data()
                 .toString()
                 .contains(QStringLiteral("alice")),
             qPrintable(
                 window.serverModel()->index(0, ServerListModel::AccountColumn).data().toString()));
    QVERIFY(window.serverModel()
                ->index(0, ServerListModel::ExpiryColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("expires in")));

    window.viewToken(id);
    QTRY_VERIFY(window.findChild<QDialog *>(QStringLiteral("tokenViewerDialog")));
    window.findChild<QDialog *>(QStringLiteral("tokenViewerDialog"))->close();

    // Sign out revokes at the server.
    QString token;
    m_tokens->readTokens(
        id, QStringLiteral("default"), this,
        [&](const TokenSet &tokens, const Error &) { token = tokens.accessToken; });
    QTRY_VERIFY(!token.isEmpty());
    window.signOut(id);
    QTRY_COMPARE_WITH_TIMEOUT(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedOut,
                              20000);
    QNetworkAccessManager manager;
    QNetworkRequest request(server.mcpUrl());
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = manager.post(request, "{}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    delete reply;
}

// The embedded sign-in as a person does it: the oidc-provider's login and
// consent pages in the helper process mcp-accounts-signin, filled in through
// Chromium's DevTools protocol (MCP_ACCOUNTS_SIGNIN_DEVTOOLS, which the app
// passes on to the helper as QTWEBENGINE_REMOTE_DEBUGGING; that variable
// itself is never passed on).
void TestMainWindow::signInInTheEmbeddedWindow()
{
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    qputenv("MCP_ACCOUNTS_SIGNIN_HELPER", MCPA_SIGNIN_HELPER_PATH);
    const quint16 port = DevToolsClient::freePort();
    QVERIFY(port > 0);
    qputenv("MCP_ACCOUNTS_SIGNIN_DEVTOOLS", QByteArray("127.0.0.1:") + QByteArray::number(port));
    const auto unset = qScopeGuard([] {
        qunsetenv("MCP_ACCOUNTS_SIGNIN_DEVTOOLS");
        qunsetenv("MCP_ACCOUNTS_SIGNIN_HELPER");
    });

    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MainWindow window(m_service, Clock::system());
    window.setDefaultBrowserMode(MainWindow::BrowserMode::Embedded);
    window.setMessagePresenter([this](const QString &title, const QString &text) {
        m_messages << title + QLatin1Char(':') + text;
    });
    window.setUrlOpener([](const QUrl &) {
        qWarning("the system browser was asked for");
        return false;
    });
    window.show();
    const QString id = window.addServerUrl(server.mcpUrl(), QStringLiteral("OIDC"));
    QTRY_COMPARE(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedOut);

    window.signIn(id);
    const auto proxy = [&] {
        return window.findChild<EmbeddedSignIn *>(QStringLiteral("embeddedSignIn"));
    };
    QTRY_VERIFY_WITH_TIMEOUT(proxy() && proxy()->processId() > 0, 10000);
    const qint64 helperPid = proxy()->processId();
    QVERIFY(!window.findChild<QDialog *>(QStringLiteral("browserWaitDialog")));

    DevToolsClient page(port);
    QVERIFY2(page.attach(60000), qPrintable(page.errorString()));
    QVERIFY2(page.waitForElement(QStringLiteral("login"), 60000), "the login page did not appear");
    QList<ProcessTree::Process> processes = ProcessTree::descendants(helperPid);
    ProcessTree::Process helper;
    QVERIFY(ProcessTree::read(helperPid, &helper));
    processes.prepend(helper);
    page.evaluate(QStringLiteral("document.getElementById('login').value = 'alice';"
                                 "document.getElementById('password').value = 'wonderland';"
                                 "document.getElementById('submit').click(); true"));
    QVERIFY2(page.waitForElement(QStringLiteral("approve")), "the consent page did not appear");
    page.evaluate(QStringLiteral("document.getElementById('approve').click(); true"));

    QTRY_COMPARE_WITH_TIMEOUT(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedIn,
                              30000);
    QVERIFY2(m_messages.isEmpty(), qPrintable(m_messages.join(QLatin1Char('\n'))));
    const QString account
        = window.serverModel()->index(0, ServerListModel::AccountColumn).data().toString();
    QVERIFY2(account.contains(QStringLiteral("alice")), qPrintable(account));
    // The sign-in is over: the proxy, the helper and its processes are gone.
    QTRY_VERIFY_WITH_TIMEOUT(!proxy(), 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(ProcessTree::alive(processes).isEmpty(),
                              qPrintable(ProcessTree::describe(ProcessTree::alive(processes))),
                              15000);
}

// SEP-2352: the account was signed in through another authorization server
// than the one the server names now. The window asks before anything goes
// there; "No" opens no browser, "Yes" signs in there.
void TestMainWindow::aNewAuthorizationServerIsSignedInOnlyWhenThePersonAgrees()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MainWindow window(m_service, Clock::system());
    window.setDefaultBrowserMode(MainWindow::BrowserMode::System);
    window.setMessagePresenter([this](const QString &title, const QString &text) {
        m_messages << title + QLatin1Char(':') + text;
    });
    QStringList questions;
    bool answer = false;
    window.setQuestionPresenter([&](const QString &title, const QString &text) {
        questions << title + QLatin1Char('|') + text;
        return answer;
    });
    int opened = 0;
    window.setUrlOpener(headlessBrowser(&window, &opened));
    window.show();
    const QString id = window.addServerUrl(server.mcpUrl(), QStringLiteral("Moved"));
    QVERIFY(!id.isEmpty());
    AccountRecord old;
    old.label = QStringLiteral("default");
    old.issuer = QStringLiteral("https://old-as.example");
    QVERIFY(!m_registry->setAccount(id, old));
    QVERIFY(!m_registry->save());

    window.signIn(id);
    QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 20000);
    QVERIFY2(questions.first().startsWith(QStringLiteral("Sign in through another server?|")),
             qPrintable(questions.first()));
    QVERIFY(questions.first().contains(QStringLiteral("https://old-as.example")));
    const QString newIssuer = QStringLiteral("http://127.0.0.1:%1").arg(server.mcpUrl().port());
    QVERIFY2(questions.first().contains(newIssuer), qPrintable(questions.first()));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.serverModel()->status(0).kind != AccountStatus::Kind::Refreshing, 20000);
    QCOMPARE(opened, 0);
    QCOMPARE(m_registry->server(id)->account(QStringLiteral("default"))->issuer,
             QStringLiteral("https://old-as.example"));

    answer = true;
    window.signIn(id);
    QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(opened, 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_registry->server(id)->account(QStringLiteral("default"))->issuer.startsWith(newIssuer),
        30000);
    QTRY_COMPARE_WITH_TIMEOUT(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedIn,
                              30000);
    QCOMPARE(window.serverModel()->index(0, ServerListModel::StatusColumn).data().toString(),
             QStringLiteral("Signed in"));
}

void TestMainWindow::actionsHaveShortcutsAndFollowTheSelection()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp", ScriptedHttpServer::json(401, "{}", { { "WWW-Authenticate", "Bearer" } }));
    MainWindow window(m_service, Clock::system());
    window.show();
    for (const char *name :
         { "actionAdd", "actionEdit", "actionRemove", "actionSignIn", "actionSignOut",
           "actionRefresh", "actionViewToken", "actionCheck" }) {
        auto *action = window.findChild<QAction *>(QString::fromLatin1(name));
        QVERIFY2(action, name);
        QVERIFY2(!action->shortcut().isEmpty(), name);
    }
    auto *signOut = window.findChild<QAction *>(QStringLiteral("actionSignOut"));
    auto *signIn = window.findChild<QAction *>(QStringLiteral("actionSignIn"));
    QVERIFY(!signIn->isEnabled()); // nothing selected yet
    window.addServerUrl(server.url(QStringLiteral("/mcp")));
    QTRY_VERIFY(signIn->isEnabled());
    QVERIFY(!signOut->isEnabled()); // no account to sign out of
}

void TestMainWindow::trayMenuListsServersAndOffersSignIn()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp", ScriptedHttpServer::json(401, "{}", { { "WWW-Authenticate", "Bearer" } }));
    MainWindow window(m_service, Clock::system());
    TrayIcon tray(window.serverModel());
    QSignalSpy signInRequested(&tray, &TrayIcon::signInRequested);
    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    QSignalSpy notified(&tray, &TrayIcon::notified);
    const QString id
        = window.addServerUrl(server.url(QStringLiteral("/mcp")), QStringLiteral("Tray test"));
    QTRY_COMPARE(window.serverModel()->status(0).kind, AccountStatus::Kind::SignedOut);
    QTRY_VERIFY(tray.menu()->findChild<QAction *>(QStringLiteral("traySignIn_") + id));
    tray.menu()->findChild<QAction *>(QStringLiteral("traySignIn_") + id)->trigger();
    QCOMPARE(signInRequested.size(), 1);
    QCOMPARE(signInRequested.first().first().toString(), id);
    tray.menu()->findChild<QAction *>(QStringLiteral("trayQuit"))->trigger();
    QCOMPARE(quit.size(), 1);
    tray.setAttention(true);
    QVERIFY(tray.attention());
    tray.notify(QStringLiteral("Title"), QStringLiteral("Text"));
    QCOMPARE(notified.size(), 1);
}

static QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "Use in…" as a person meets it: the clients found here, unchecked; Claude
// Desktop chosen, the change shown, the file changed only in its entry;
// checked next time; chosen again, the file exactly as it was.
void TestMainWindow::useInConnectsAndDisconnectsAClient()
{
    // The clients' files of this test, in a config folder of its own.
    const QByteArray oldConfigHome = qgetenv("XDG_CONFIG_HOME");
    const auto restore = qScopeGuard([&] {
        qputenv("XDG_CONFIG_HOME", oldConfigHome);
        qunsetenv("MCP_ACCOUNTS_CLI");
    });
    const QString configHome = m_dir->filePath(QStringLiteral("xdg"));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(configHome));
    qputenv("MCP_ACCOUNTS_CLI", MCPA_CLI_PATH);
    const QString claude = configHome + QStringLiteral("/Claude/claude_desktop_config.json");
    QVERIFY(QDir().mkpath(QFileInfo(claude).path()));
    const QByteArray original
        = "{\n"
          "  \"mcpServers\": {\n"
          "    \"local\": { \"command\": \"npx\", \"args\": [\"-y\", \"a-local-server\"] }\n"
          "  },\n"
          "  \"theme\": \"dark\"\n"
          "}\n";
    {
        QFile file(claude);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(original);
    }

    MainWindow window(m_service, Clock::system());
    QStringList questions;
    window.setQuestionPresenter([&](const QString &title, const QString &text) {
        questions << title + QLatin1Char('|') + text;
        return true;
    });
    window.setMessagePresenter([this](const QString &title, const QString &text) {
        m_messages << title + QLatin1Char(':') + text;
    });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Port 1 on loopback: nothing listens, the check fails fast and stays local.
    const QString id = window.addServerUrl(QUrl(QStringLiteral("http://127.0.0.1:1/mcp")),
                                           QStringLiteral("Work"));
    QVERIFY(!id.isEmpty());
    auto *table = window.findChild<QTableView *>(QStringLiteral("serverTable"));
    table->setCurrentIndex(window.serverModel()->index(0, 0));
    auto *useIn = window.findChild<QAction *>(QStringLiteral("actionUseIn"));
    QVERIFY(useIn);
    QVERIFY(useIn->isEnabled());
    auto *menu = window.findChild<QMenu *>(QStringLiteral("menuUseIn"));
    QVERIFY(menu);
    QCOMPARE(useIn->menu(), menu);

    const auto entry = [menu](const char *client) {
        Q_EMIT menu->aboutToShow(); // what opening it does
        return menu->findChild<QAction *>(QStringLiteral("useIn-") + QLatin1String(client));
    };
    QAction *claudeDesktop = entry("claude-desktop");
    QVERIFY(claudeDesktop);
    QCOMPARE(claudeDesktop->text(), QStringLiteral("Claude Desktop"));
    QVERIFY(claudeDesktop->isEnabled());
    QVERIFY(!claudeDesktop->isChecked());
    QCOMPARE(claudeDesktop->toolTip(), QDir::toNativeSeparators(claude));
    QAction *windsurf = entry("windsurf"); // no ~/.codeium/windsurf here
    QVERIFY(windsurf);
    QVERIFY(!windsurf->isEnabled());
    QCOMPARE(windsurf->toolTip(), QStringLiteral("Not found on this computer"));

    entry("claude-desktop")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 20000);
    QVERIFY2(questions.first().startsWith(QStringLiteral("Use %1 in Claude Desktop?|").arg(id)),
             qPrintable(questions.first()));
    QVERIFY2(questions.first().contains(QStringLiteral("\"bridge\"")),
             qPrintable(questions.first()));
    QTRY_VERIFY_WITH_TIMEOUT(fileBytes(claude).contains("\"bridge\""), 20000);
    const QByteArray connected = fileBytes(claude);
    QVERIFY(connected.contains(
        "    \"local\": { \"command\": \"npx\", \"args\": [\"-y\", \"a-local-server\"] }"));
    QVERIFY(connected.endsWith("  \"theme\": \"dark\"\n}\n"));
    QTRY_COMPARE_WITH_TIMEOUT(window.statusBar()->currentMessage(),
                              QStringLiteral("Claude Desktop now uses %1; restart it").arg(id),
                              20000);
    QVERIFY(entry("claude-desktop")->isChecked());

    entry("claude-desktop")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 2, 20000);
    QVERIFY2(
        questions.last().startsWith(QStringLiteral("Stop using %1 in Claude Desktop?|").arg(id)),
        qPrintable(questions.last()));
    QTRY_COMPARE_WITH_TIMEOUT(fileBytes(claude), original, 20000);
    QVERIFY(!entry("claude-desktop")->isChecked());
    QVERIFY2(m_messages.isEmpty(), qPrintable(m_messages.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
