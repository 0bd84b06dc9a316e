#include "core/base/clock.h"
#include "core/net/httpclient.h"
#include "core/oauth/registrationcache.h"
#include "core/oauth/signinflow.h"
#include "gui/browserwaitdialog.h"
#include "signin/signindialog.h"

#include "testserver.h"

#include "signinsignals.h"

#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

#include <unistd.h>

using namespace Mcpa;

namespace {

// What the embedded view does on the oidc-provider's consent page.
enum class Consent { Approve, Deny };

// Runs @p script in @p page and waits for its result (invalid on timeout).
QVariant evaluate(QWebEnginePage *page, const QString &script)
{
    auto result = std::make_shared<QVariant>();
    auto done = std::make_shared<bool>(false);
    page->runJavaScript(script, [result, done](const QVariant &value) {
        *result = value;
        *done = true;
    });
    if (!QTest::qWaitFor([&] { return *done; }, 10000))
        return {};
    return *result;
}

// Waits until the page in @p view has an element with id @p id.
bool waitForElement(QWebEngineView *view, const QString &id, int timeoutMs = 30000)
{
    const QString script = QStringLiteral("document.getElementById('%1') !== null").arg(id);
    return QTest::qWaitFor(
        [&] { return view && view->page() && evaluate(view->page(), script).toBool(); }, timeoutMs);
}

// The QtWebEngineProcess descendants of this process that are still alive
// (zombies not counted), found through /proc: pid -> "--type=..." argument.
QMap<qint64, QString> webEngineProcesses()
{
    QHash<qint64, QList<qint64>> children;
    QHash<qint64, QList<QByteArray>> commands;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
        const QByteArray line = stat.readAll();
        const int close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (close < 0 || fields.size() < 2 || fields.at(0) == "Z")
            continue;
        children[fields.at(1).toLongLong()].append(pid);
        QFile command(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (command.open(QIODevice::ReadOnly))
            commands.insert(pid, command.readAll().split('\0'));
    }
    QMap<qint64, QString> found;
    QList<qint64> queue { QCoreApplication::applicationPid() };
    while (!queue.isEmpty()) {
        const QList<qint64> direct = children.value(queue.takeFirst());
        for (const qint64 child : direct) {
            queue.append(child);
            const QList<QByteArray> command = commands.value(child);
            if (command.isEmpty() || !command.first().contains("QtWebEngineProcess"))
                continue;
            QString type = QStringLiteral("?");
            for (const QByteArray &argument : command) {
                if (argument.startsWith("--type="))
                    type = QString::fromLatin1(argument.mid(7));
            }
            found.insert(child, type);
        }
    }
    return found;
}

// "VmRSS" of a process in MiB, for the log.
qint64 residentMebibytes(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024;
    }
    return -1;
}

QString describeProcesses(const QMap<qint64, QString> &processes)
{
    QStringList entries;
    for (auto it = processes.cbegin(); it != processes.cend(); ++it)
        entries.append(QStringLiteral("%1 (%2, %3 MiB)")
                           .arg(it.key())
                           .arg(it.value())
                           .arg(residentMebibytes(it.key())));
    return entries.join(QStringLiteral(", "));
}

// One sign-in: the flow of the core wired to a dialog the way the app does it.
struct EmbeddedSignIn
{
    EmbeddedSignIn(RegistrationCache *registrations, SignInDialog *dialog)
        : flow(&http, Clock::system(), registrations)
        , outcome(new Test::SignInSignals(&flow))
        , succeeded(outcome, &Test::SignInSignals::succeeded)
        , failed(outcome, &Test::SignInSignals::failed)
        , cancelled(dialog, &SignInDialog::cancelled)
    {
        flow.setAutoDelete(false); // held here
        QObject::connect(&flow, &SignInFlow::authorizeWithBrowser, dialog,
                         &SignInDialog::openAuthorizationPage);
        QObject::connect(outcome, &Test::SignInSignals::succeeded, dialog, &SignInDialog::finish);
        QObject::connect(outcome, &Test::SignInSignals::failed, dialog, &SignInDialog::showError);
        QObject::connect(dialog, &SignInDialog::cancelled, &flow, &Job::cancel);
        auto *address = dialog->findChild<QLineEdit *>(QStringLiteral("addressLine"));
        QObject::connect(address, &QLineEdit::textChanged, dialog,
                         [this](const QString &text) { addresses.append(text); });
    }

    bool finished() const { return !succeeded.isEmpty() || !failed.isEmpty(); }
    Error error() const
    {
        return failed.isEmpty() ? Error() : failed.first().first().value<Error>();
    }

    HttpClient http;
    SignInFlow flow;
    Test::SignInSignals *outcome; ///< a child of flow
    QSignalSpy succeeded;
    QSignalSpy failed;
    QSignalSpy cancelled;
    QStringList addresses;
};

ServerSettings settingsFor(const TestServer &server)
{
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl();
    return settings;
}

QWebEngineView *waitForView(SignInDialog &dialog)
{
    const auto find = [&] {
        return dialog.findChild<QWebEngineView *>(QStringLiteral("webView"));
    };
    return QTest::qWaitFor([&] { return find() != nullptr; }, 30000) ? find() : nullptr;
}

} // namespace

// The sign-in dialogs with the real QtWebEngine against the real test
// servers: a person's sign-in on oidc-provider's login and consent pages,
// and the system-browser path with a program as the browser.
class TestSignInDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void webEngineStartsOnlyWhenOpened();
    void embeddedSignInWithLoginForm();
    void denyOnConsentPage();
    void cancelEndsTheSignIn_data();
    void cancelEndsTheSignIn();
    void secondSignInShowsLoginAgain();
    void webEngineProcessesEndAfterClose();
    void addressLine_data();
    void addressLine();
    void navigationOnlyToWebPages_data();
    void navigationOnlyToWebPages();

    void countdown_data();
    void countdown();
    void countdownFollowsTheClock();
    void copyLinkPutsTheUrlOnTheClipboard();
    void openAgainOpensTheUrlAgain();
    void browserCancelAndClose();
    void failingBrowserAsksToCopyTheLink();
    void systemBrowserIsAProgram();

    void describe_data();
    void describe();

private:
    bool signInThroughPages(SignInDialog &dialog, Consent consent);
};

void TestSignInDialog::initTestCase()
{
    // QtWebEngine's sandbox refuses to run as root (scripts/test.sh sets this too).
    if (geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
}

// Fills the login form as a person would, then answers the consent page.
bool TestSignInDialog::signInThroughPages(SignInDialog &dialog, Consent consent)
{
    QWebEngineView *view = waitForView(dialog);
    if (!view || !waitForElement(view, QStringLiteral("login"))) {
        qWarning("the login page did not appear");
        return false;
    }
    view->page()->runJavaScript(
        QStringLiteral("document.getElementById('login').value = 'alice';"
                       "document.getElementById('password').value = 'wonderland';"
                       "document.getElementById('submit').click();"));
    const QString button
        = consent == Consent::Approve ? QStringLiteral("approve") : QStringLiteral("deny");
    if (!waitForElement(view, button)) {
        qWarning("the consent page did not appear");
        return false;
    }
    view->page()->runJavaScript(
        QStringLiteral("document.getElementById('%1').click();").arg(button));
    return true;
}

void TestSignInDialog::embeddedSignInWithLoginForm()
{
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MemoryRegistrationCache registrations;
    SignInDialog dialog;
    EmbeddedSignIn signIn(&registrations, &dialog);
    auto *security = dialog.findChild<QLabel *>(QStringLiteral("securityLabel"));
    QVERIFY(security);

    signIn.flow.setRequest(settingsFor(server));
    signIn.flow.start();
    QVERIFY(signInThroughPages(dialog, Consent::Approve));
    QTRY_VERIFY_WITH_TIMEOUT(signIn.finished(), 30000);
    QVERIFY2(signIn.failed.isEmpty(), qPrintable(signIn.error().toString()));

    const auto result = signIn.succeeded.first().first().value<SignInResult>();
    QVERIFY(result.tokens.isValid());
    QVERIFY(!result.tokens.refreshToken.isEmpty());
    QVERIFY2(result.tokens.scopes.contains(QStringLiteral("mcp:read")),
             qPrintable(result.tokens.scopes.join(QLatin1Char(' '))));
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(signIn.cancelled.count(), 0);

    // The address line showed the sign-in server's pages (scheme, host and
    // path) and never the query with state, challenge or code.
    const QString asHost = result.discovery.authServer.authorizationEndpoint.authority();
    QVERIFY2(
        signIn.addresses.contains(QStringLiteral("http://") + asHost + QStringLiteral("/auth")),
        qPrintable(signIn.addresses.join(QLatin1Char('\n'))));
    QVERIFY(signIn.addresses.filter(QStringLiteral("/interaction/")).size() > 0);
    for (const QString &address : std::as_const(signIn.addresses)) {
        QVERIFY2(!address.contains(QLatin1String("state=")), qPrintable(address));
        QVERIFY2(!address.contains(QLatin1String("code=")), qPrintable(address));
        QVERIFY2(!address.contains(QLatin1Char('?')), qPrintable(address));
    }
    // Closing released the web engine, and the address with it.
    QVERIFY(!dialog.webView());
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("addressLine"))->text().isEmpty());
}

void TestSignInDialog::denyOnConsentPage()
{
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MemoryRegistrationCache registrations;
    SignInDialog dialog;
    EmbeddedSignIn signIn(&registrations, &dialog);

    signIn.flow.setRequest(settingsFor(server));
    signIn.flow.start();
    QVERIFY(signInThroughPages(dialog, Consent::Deny));
    QTRY_VERIFY_WITH_TIMEOUT(signIn.finished(), 30000);
    QCOMPARE(signIn.succeeded.count(), 0);
    QCOMPARE(signIn.error().code(), Error::Code::AuthorizationDenied);

    // The dialog stays open and says what happened in plain words.
    QVERIFY(dialog.isVisible());
    auto *panel = dialog.findChild<QWidget *>(QStringLiteral("errorPanel"));
    auto *text = dialog.findChild<QLabel *>(QStringLiteral("errorText"));
    QVERIFY(panel && text);
    QVERIFY(panel->isVisible());
    QVERIFY2(text->text().contains(QLatin1String("You declined access")), qPrintable(text->text()));
    QCOMPARE(text->text(), SignInDialog::describe(signIn.error()).text);

    // Cancel became Close: closing now cancels nothing.
    auto *close = dialog.findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QCOMPARE(close->text(), SignInDialog::tr("Close"));
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(signIn.cancelled.count(), 0);
    QVERIFY(!dialog.webView());
}

void TestSignInDialog::cancelEndsTheSignIn_data()
{
    QTest::addColumn<bool>("escapeKey");
    QTest::addRow("Cancel button") << false;
    QTest::addRow("Esc in the page") << true;
}

void TestSignInDialog::cancelEndsTheSignIn()
{
    QFETCH(bool, escapeKey);
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MemoryRegistrationCache registrations;
    SignInDialog dialog;
    EmbeddedSignIn signIn(&registrations, &dialog);

    signIn.flow.setRequest(settingsFor(server));
    signIn.flow.start();
    QWebEngineView *view = waitForView(dialog);
    QVERIFY(view);
    QVERIFY(waitForElement(view, QStringLiteral("login")));
    QVERIFY(dialog.isVisible());
    QVERIFY(!signIn.finished());

    if (escapeKey) {
        QWidget *target = view->focusProxy() ? view->focusProxy() : view;
        QTest::keyClick(target, Qt::Key_Escape);
    } else {
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("cancelButton")),
                          Qt::LeftButton);
    }
    QCOMPARE(signIn.cancelled.count(), 1);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QTRY_VERIFY_WITH_TIMEOUT(signIn.finished(), 10000);
    QCOMPARE(signIn.error().code(), Error::Code::Cancelled);
    QCOMPARE(signIn.succeeded.count(), 0);
}

void TestSignInDialog::secondSignInShowsLoginAgain()
{
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MemoryRegistrationCache registrations;
    {
        SignInDialog dialog;
        EmbeddedSignIn first(&registrations, &dialog);
        first.flow.setRequest(settingsFor(server));
        first.flow.start();
        QVERIFY(signInThroughPages(dialog, Consent::Approve));
        QTRY_VERIFY_WITH_TIMEOUT(first.finished(), 30000);
        QVERIFY2(first.failed.isEmpty(), qPrintable(first.error().toString()));
    }
    // A new dialog, a new sign-in with the same (cached) client: a kept
    // session cookie would skip the login page and go straight on.
    SignInDialog dialog;
    EmbeddedSignIn second(&registrations, &dialog);
    second.flow.setRequest(settingsFor(server));
    second.flow.start();
    QVERIFY(signInThroughPages(dialog, Consent::Approve));
    QTRY_VERIFY_WITH_TIMEOUT(second.finished(), 30000);
    QVERIFY2(second.failed.isEmpty(), qPrintable(second.error().toString()));
    QCOMPARE(server.stats().value(QStringLiteral("register")).toInt(), 1);
}

void TestSignInDialog::webEngineProcessesEndAfterClose()
{
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    MemoryRegistrationCache registrations;
    // Two sign-ins one after the other: each page's renderer ends when its
    // dialog closes, and nothing piles up.
    for (int round = 1; round <= 2; ++round) {
        SignInDialog dialog;
        EmbeddedSignIn signIn(&registrations, &dialog);
        signIn.flow.setRequest(settingsFor(server));
        signIn.flow.start();
        QWebEngineView *view = waitForView(dialog);
        QVERIFY(view);
        QVERIFY(waitForElement(view, QStringLiteral("login")));
        const qint64 renderer = view->page()->renderProcessPid();
        QVERIFY(renderer > 0);
        QVERIFY2(webEngineProcesses().contains(renderer),
                 qPrintable(describeProcesses(webEngineProcesses())));
        qInfo("round %d, page shown: renderer %lld; %s", round, renderer,
              qPrintable(describeProcesses(webEngineProcesses())));

        QElapsedTimer clock;
        clock.start();
        dialog.reject();
        QVERIFY(!dialog.webView());
        QTRY_VERIFY2_WITH_TIMEOUT(!webEngineProcesses().contains(renderer),
                                  qPrintable(describeProcesses(webEngineProcesses())), 10000);
        qInfo("round %d: the renderer ended %lld ms after the dialog closed", round,
              clock.elapsed());
        QTRY_COMPARE_WITH_TIMEOUT(signIn.error().code(), Error::Code::Cancelled, 10000);
    }
    // What stays until the application exits: Chromium's zygote pair, from
    // which renderers are forked (QtWebEngine 6.4 cannot be shut down early).
    const QMap<qint64, QString> remaining = webEngineProcesses();
    qInfo("after closing: %s", qPrintable(describeProcesses(remaining)));
    // A process that is exiting right now has no command line left ("?"):
    // it is on its way out and does not count.
    int alive = 0;
    for (const QString &type : remaining) {
        if (type == QLatin1String("?"))
            continue;
        ++alive;
        QCOMPARE(type, QStringLiteral("zygote"));
    }
    QVERIFY2(alive <= 2, qPrintable(describeProcesses(remaining)));
}

// Runs first: nothing before it has used QtWebEngine.
void TestSignInDialog::webEngineStartsOnlyWhenOpened()
{
    QVERIFY(webEngineProcesses().isEmpty());
    SignInDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.webView());
    QVERIFY(!dialog.findChild<QWebEngineView *>());
    QVERIFY(webEngineProcesses().isEmpty());
    // Shown while the flow still discovers: Cancel cancels already.
    QSignalSpy cancelled(&dialog, &SignInDialog::cancelled);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("cancelButton")),
                      Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!dialog.isVisible());
    QVERIFY(webEngineProcesses().isEmpty());
}

void TestSignInDialog::addressLine_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<SignInDialog::Security>("security");
    QTest::addRow("https, query hidden")
        << QUrl(QStringLiteral("https://as.example/authorize?state=s&code_challenge=c"))
        << "https://as.example/authorize" << SignInDialog::Security::Secure;
    QTest::addRow("http elsewhere")
        << QUrl(QStringLiteral("http://as.example:8080/login#top"))
        << "http://as.example:8080/login" << SignInDialog::Security::NotSecure;
    QTest::addRow("loopback callback")
        << QUrl(QStringLiteral("http://127.0.0.1:4711/callback?code=x&state=y"))
        << "http://127.0.0.1:4711/callback" << SignInDialog::Security::Local;
    QTest::addRow("localhost") << QUrl(QStringLiteral("http://localhost:38917/callback?code=x"))
                               << "http://localhost:38917/callback"
                               << SignInDialog::Security::Local;
    QTest::addRow("ipv6 loopback") << QUrl(QStringLiteral("http://[::1]:5000/callback"))
                                   << "http://[::1]:5000/callback" << SignInDialog::Security::Local;
    QTest::addRow("user info hidden") << QUrl(QStringLiteral("https://user:pw@as.example/"))
                                      << "https://as.example/" << SignInDialog::Security::Secure;
    // A page made up by a script cannot write an address of its choosing.
    QTest::addRow("data URL shows its scheme only")
        << QUrl(QStringLiteral("data:text/html,https://bank.example/login"))
        << "data:" << SignInDialog::Security::NotSecure;
}

void TestSignInDialog::addressLine()
{
    QFETCH(QUrl, url);
    QFETCH(QString, shown);
    QFETCH(SignInDialog::Security, security);
    QCOMPARE(SignInDialog::displayAddress(url), shown);
    QCOMPARE(SignInDialog::securityOf(url), security);
}

void TestSignInDialog::navigationOnlyToWebPages_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("allowed");
    QTest::addRow("https") << QUrl(QStringLiteral("https://as.example/login")) << true;
    QTest::addRow("http callback")
        << QUrl(QStringLiteral("http://127.0.0.1:5000/callback")) << true;
    QTest::addRow("about:blank") << QUrl(QStringLiteral("about:blank")) << true;
    QTest::addRow("data page") << QUrl(QStringLiteral("data:text/html,<form>password</form>"))
                               << false;
    QTest::addRow("file") << QUrl(QStringLiteral("file:///etc/passwd")) << false;
    QTest::addRow("other program") << QUrl(QStringLiteral("mailto:a@example.com")) << false;
    QTest::addRow("javascript") << QUrl(QStringLiteral("javascript:alert(1)")) << false;
    QTest::addRow("about:config") << QUrl(QStringLiteral("about:config")) << false;
}

void TestSignInDialog::navigationOnlyToWebPages()
{
    QFETCH(QUrl, url);
    QFETCH(bool, allowed);
    QCOMPARE(SignInDialog::allowsNavigationTo(url), allowed);
}

void TestSignInDialog::countdown_data()
{
    QTest::addColumn<qint64>("millisecondsLeft");
    QTest::addColumn<QString>("shown");
    QTest::addRow("five minutes") << qint64(300000) << "05:00";
    QTest::addRow("minutes and seconds") << qint64(125000) << "02:05";
    QTest::addRow("part of a second rounds up") << qint64(400) << "00:01";
    QTest::addRow("over an hour") << qint64(7200000) << "120:00";
    QTest::addRow("deadline passed") << qint64(-3000) << "00:00";
}

void TestSignInDialog::countdown()
{
    QFETCH(qint64, millisecondsLeft);
    QFETCH(QString, shown);
    ManualClock clock;
    BrowserWaitDialog dialog(nullptr, &clock);
    dialog.setBrowserOpener([](const QUrl &) { return true; });
    dialog.start(QUrl(QStringLiteral("https://as.example/authorize?state=s")),
                 clock.now().addMSecs(millisecondsLeft));
    QCOMPARE(dialog.countdownText(), shown);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("countdownLabel"))->text(), shown);
}

void TestSignInDialog::countdownFollowsTheClock()
{
    ManualClock clock;
    BrowserWaitDialog dialog(nullptr, &clock);
    dialog.setBrowserOpener([](const QUrl &) { return true; });
    dialog.start(QUrl(QStringLiteral("https://as.example/authorize")), clock.now().addSecs(125));
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("countdownLabel"));
    QCOMPARE(label->text(), QStringLiteral("02:05"));
    clock.advance(65);
    QTRY_COMPARE(label->text(), QStringLiteral("01:00"));
    clock.advance(600);
    QTRY_COMPARE(label->text(), QStringLiteral("00:00"));
}

void TestSignInDialog::copyLinkPutsTheUrlOnTheClipboard()
{
    const QUrl url(QStringLiteral("https://as.example/authorize?client_id=c&state=s%2Bt"));
    BrowserWaitDialog dialog;
    dialog.setBrowserOpener([](const QUrl &) { return true; });
    dialog.start(url, QDateTime::currentDateTimeUtc().addSecs(300));
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("copyLinkButton")),
                      Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), url.toString(QUrl::FullyEncoded));
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("statusLabel"))->text().isEmpty());
}

void TestSignInDialog::openAgainOpensTheUrlAgain()
{
    const QUrl url(QStringLiteral("https://as.example/authorize?state=s"));
    QList<QUrl> opened;
    BrowserWaitDialog dialog;
    dialog.setBrowserOpener([&opened](const QUrl &target) {
        opened.append(target);
        return true;
    });
    QSignalSpy requested(&dialog, &BrowserWaitDialog::openRequested);
    dialog.start(url, QDateTime::currentDateTimeUtc().addSecs(300));
    QCOMPARE(opened, QList<QUrl> { url });
    QCOMPARE(requested.count(), 0);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("openAgainButton")),
                      Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toUrl(), url);
    QCOMPARE(opened, (QList<QUrl> { url, url }));
}

void TestSignInDialog::browserCancelAndClose()
{
    BrowserWaitDialog dialog;
    dialog.setBrowserOpener([](const QUrl &) { return true; });
    QSignalSpy cancelled(&dialog, &BrowserWaitDialog::cancelled);
    auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("cancelButton"));
    const QUrl url(QStringLiteral("https://as.example/authorize"));

    dialog.start(url, QDateTime::currentDateTimeUtc().addSecs(300));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!dialog.isVisible());

    // After an error the button closes without cancelling anything.
    dialog.start(url, QDateTime::currentDateTimeUtc().addSecs(300));
    dialog.showError(Error(Error::Code::AuthorizationTimeout, QStringLiteral("5 minutes")));
    QVERIFY(dialog.findChild<QWidget *>(QStringLiteral("errorPanel"))->isVisible());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("errorTitle"))->text(),
             SignInDialog::describe(Error(Error::Code::AuthorizationTimeout, {})).title);
    QCOMPARE(cancel->text(), BrowserWaitDialog::tr("Close"));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!dialog.isVisible());

    // Esc cancels like the button.
    dialog.start(url, QDateTime::currentDateTimeUtc().addSecs(300));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 2);
    QVERIFY(!dialog.isVisible());
}

void TestSignInDialog::failingBrowserAsksToCopyTheLink()
{
    BrowserWaitDialog dialog;
    dialog.setBrowserOpener([](const QUrl &) { return false; });
    dialog.start(QUrl(QStringLiteral("https://as.example/authorize")),
                 QDateTime::currentDateTimeUtc().addSecs(300));
    const QString status = dialog.findChild<QLabel *>(QStringLiteral("statusLabel"))->text();
    QVERIFY2(status.contains(QLatin1String("Copy the link")), qPrintable(status));
    QVERIFY(dialog.isVisible());
}

void TestSignInDialog::systemBrowserIsAProgram()
{
    TestServer server(TestServer::Kind::Sdk,
                      { QStringLiteral("--consent"), QStringLiteral("none") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    SignInFlow flow(&http, Clock::system(), &registrations);
    flow.setAutoDelete(false); // held here
    auto *outcome = new Test::SignInSignals(&flow);
    BrowserWaitDialog dialog;
    QProcess browser;
    dialog.setBrowserOpener([&browser](const QUrl &url) {
        browser.start(QStringLiteral("curl"),
                      { QStringLiteral("-s"), QStringLiteral("-L"), QStringLiteral("-o"),
                        QStringLiteral("/dev/null"), url.toString(QUrl::FullyEncoded) });
        return browser.waitForStarted(5000);
    });
    const ServerSettings settings = settingsFor(server);
    connect(&flow, &SignInFlow::authorizeWithBrowser, &dialog, [&](const QUrl &url) {
        dialog.start(
            url, QDateTime::currentDateTimeUtc().addMSecs(settings.authorizationTimeout.count()));
    });
    connect(outcome, &Test::SignInSignals::succeeded, &dialog, &BrowserWaitDialog::finish);
    connect(outcome, &Test::SignInSignals::failed, &dialog, &BrowserWaitDialog::showError);
    QSignalSpy succeeded(outcome, &Test::SignInSignals::succeeded);
    QSignalSpy failed(outcome, &Test::SignInSignals::failed);
    QSignalSpy opened(&flow, &SignInFlow::authorizeWithBrowser);

    flow.setRequest(settings);
    flow.start();
    QTRY_VERIFY_WITH_TIMEOUT(!succeeded.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().value<Error>().toString()));
    const auto result = succeeded.first().first().value<SignInResult>();
    QVERIFY(result.tokens.isValid());
    QVERIFY(result.tokens.scopes.contains(QStringLiteral("mcp:read")));
    QCOMPARE(opened.count(), 1);
    QCOMPARE(dialog.url(), opened.first().first().toUrl());
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QTRY_COMPARE_WITH_TIMEOUT(browser.state(), QProcess::NotRunning, 10000);
    QCOMPARE(browser.exitStatus(), QProcess::NormalExit);
    QCOMPARE(browser.exitCode(), 0);
}

void TestSignInDialog::describe_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("words");
    QTest::addColumn<SignInDialog::Severity>("severity");
    using Severity = SignInDialog::Severity;
    QTest::addRow("access denied")
        << Error::Code::AuthorizationDenied << "access_denied"
        << "You declined access on the sign-in page. Sign in again if that was a mistake."
        << Severity::Warning;
    QTest::addRow("timeout") << Error::Code::AuthorizationTimeout << ""
                             << "in time" << Severity::Warning;
    QTest::addRow("stale client fixed") << Error::Code::StaleClient << ""
                                        << "automatically" << Severity::Information;
    QTest::addRow("unreachable") << Error::Code::Unreachable << "connection refused"
                                 << "could not be reached" << Severity::Error;
    QTest::addRow("iss mismatch") << Error::Code::IssMismatch << ""
                                  << "expected sign-in server" << Severity::Error;
    QTest::addRow("resource mismatch") << Error::Code::ResourceMismatch << ""
                                       << "different server" << Severity::Error;
    QTest::addRow("no pkce") << Error::Code::PkceNotSupported << ""
                             << "PKCE" << Severity::Error;
    QTest::addRow("client id needed")
        << Error::Code::ClientDetailsNeeded << ""
        << "This server needs a client ID. Enter one in the server's settings."
        << Severity::Warning;
    QTest::addRow("invalid grant") << Error::Code::InvalidGrant << ""
                                   << "Sign in again" << Severity::Warning;
    QTest::addRow("cancelled") << Error::Code::Cancelled << ""
                               << "cancelled" << Severity::Information;
    QTest::addRow("port in use") << Error::Code::CallbackPortInUse << ""
                                 << "callback port" << Severity::Error;
    QTest::addRow("server refused, detail shown")
        << Error::Code::AuthorizationFailed << "invalid_scope"
        << "invalid_scope" << Severity::Error;
    QTest::addRow("anything else, detail shown") << Error::Code::Internal << "something odd"
                                                 << "something odd" << Severity::Error;
}

void TestSignInDialog::describe()
{
    QFETCH(Error::Code, code);
    QFETCH(QString, detail);
    QFETCH(QString, words);
    QFETCH(SignInDialog::Severity, severity);
    const SignInDialog::Description description = SignInDialog::describe(Error(code, detail));
    QVERIFY(!description.title.isEmpty());
    QVERIFY(!description.text.isEmpty());
    QVERIFY2(description.text.contains(words), qPrintable(description.text));
    QCOMPARE(description.severity, severity);
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
