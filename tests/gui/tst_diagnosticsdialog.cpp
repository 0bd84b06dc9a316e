#include "core/base/trace.h"
#include "gui/diagnosticsdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStyle>
#include <QTest>
#include <QTextDocument>
#include <QTreeWidget>

#include <memory>

using namespace Mcpa;

namespace {

template<typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

QTreeWidget *tree(QWidget *dialog)
{
    return child<QTreeWidget>(dialog, "stepsTree");
}

bool showsEmptyState(QWidget *dialog)
{
    auto *stack = child<QStackedWidget>(dialog, "stack");
    return stack->currentWidget() == child<QWidget>(dialog, "emptyPage")
        && child<QLabel>(dialog, "emptyLabel")->isVisible();
}

QImage iconImage(const QIcon &icon)
{
    return icon.pixmap(16, 16).toImage();
}

} // namespace

class TestDiagnosticsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyState();
    void serverTextInTooltipsIsNotRendered();
    void showsStepsAddedBeforeAndAfterOpening();
    void iconsPerOutcome_data();
    void iconsPerOutcome();
    void copyPutsTheReportOnTheClipboard();
    void redactionGuard_data();
    void redactionGuard();
    void plantedSecretsNeverReachTheClipboard();
    void followsAClearedOrDeletedTrace();
    void switchingTraces();
    void selectedStepShowsInFull();
    void keyboardOperation();
};

void TestDiagnosticsDialog::emptyState()
{
    DiagnosticsDialog dialog;
    dialog.show();
    QVERIFY(showsEmptyState(&dialog));
    QCOMPARE(child<QLabel>(&dialog, "emptyLabel")->text(),
             QStringLiteral("No sign-in attempt yet"));
    QVERIFY(!child<QPushButton>(&dialog, "copyButton")->isEnabled());
    QCOMPARE(dialog.stepCount(), 0);

    // A trace without steps is the same empty state, until its first step.
    Trace trace;
    dialog.setTrace(&trace);
    QVERIFY(showsEmptyState(&dialog));
    trace.info(QStringLiteral("Discover how to sign in"), QStringLiteral("http://127.0.0.1/mcp"));
    QVERIFY(!showsEmptyState(&dialog));
    QVERIFY(tree(&dialog)->isVisible());
    QVERIFY(child<QPushButton>(&dialog, "copyButton")->isEnabled());
    QVERIFY(dialog.reportText().contains(QLatin1String("Discover how to sign in")));

    dialog.setTrace(nullptr);
    QVERIFY(showsEmptyState(&dialog));
    QVERIFY(dialog.reportText().contains(QLatin1String("(no steps recorded)")));
}

void TestDiagnosticsDialog::showsStepsAddedBeforeAndAfterOpening()
{
    Trace trace;
    trace.info(QStringLiteral("GET protected resource metadata"),
               QStringLiteral("http://127.0.0.1:4000/.well-known/oauth-protected-resource/mcp"));
    trace.success(QStringLiteral("Resource matches this server"));

    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.show();
    QCOMPARE(dialog.stepCount(), 2);
    QCOMPARE(tree(&dialog)->topLevelItem(0)->text(1),
             QStringLiteral("GET protected resource metadata"));
    QCOMPARE(tree(&dialog)->topLevelItem(0)->text(2),
             QStringLiteral("http://127.0.0.1:4000/.well-known/oauth-protected-resource/mcp"));

    // Live: each new step shows at once.
    trace.warning(QStringLiteral("Preferred authorization server not listed"),
                  QStringLiteral("using http://127.0.0.1:4001"));
    QCOMPARE(dialog.stepCount(), 3);
    trace.failure(QStringLiteral("Token request failed"), QStringLiteral("invalid_grant"));
    QCOMPARE(dialog.stepCount(), 4);
    QTreeWidgetItem *last = tree(&dialog)->topLevelItem(3);
    QCOMPARE(last->text(1), QStringLiteral("Token request failed"));
    QCOMPARE(last->text(2), QStringLiteral("invalid_grant"));
    QCOMPARE(last->toolTip(2), QStringLiteral("invalid_grant"));
    // The time, in local time, to the millisecond.
    const QDateTime time = trace.steps().last().time;
    QCOMPARE(last->text(0), time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));

    // The report follows too.
    QVERIFY(dialog.reportText().endsWith(trace.toText()));
}

void TestDiagnosticsDialog::iconsPerOutcome_data()
{
    QTest::addColumn<Trace::Outcome>("outcome");
    QTest::addColumn<int>("standardPixmap");
    QTest::addColumn<QString>("word");

    QTest::addRow("info") << Trace::Outcome::Info << int(QStyle::SP_MessageBoxInformation)
                          << "Note";
    QTest::addRow("success") << Trace::Outcome::Success << int(QStyle::SP_DialogApplyButton)
                             << "Succeeded";
    QTest::addRow("warning") << Trace::Outcome::Warning << int(QStyle::SP_MessageBoxWarning)
                             << "Warning";
    QTest::addRow("failure") << Trace::Outcome::Failure << int(QStyle::SP_MessageBoxCritical)
                             << "Failed";
}

void TestDiagnosticsDialog::serverTextInTooltipsIsNotRendered()
{
    // A server's error description that is HTML: the tooltip shows it as
    // text, it does not render the image or the link.
    const QString hostile = QStringLiteral("<img src=\"http://evil.example/x.png\">"
                                           "<a href=\"http://evil.example\">Click</a>\nline 2");
    Trace trace;
    trace.add(Trace::Outcome::Failure, QStringLiteral("<b>POST</b> /token"), hostile);
    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.show();
    QTreeWidgetItem *item = tree(&dialog)->topLevelItem(0);
    QVERIFY(item);
    for (const auto &[column, text] :
         { std::pair { 1, QStringLiteral("<b>POST</b> /token") }, std::pair { 2, hostile } }) {
        const QString tip = item->toolTip(column);
        QTextDocument shown;
        shown.setHtml(tip); // how QToolTip renders a tooltip that looks like HTML
        QCOMPARE(shown.toPlainText(), text);
        QVERIFY(!tip.contains(QLatin1String("<img")));
    }
}

void TestDiagnosticsDialog::iconsPerOutcome()
{
    QFETCH(Trace::Outcome, outcome);
    QFETCH(int, standardPixmap);
    QFETCH(QString, word);

    Trace trace;
    trace.add(outcome, QStringLiteral("a step"), QStringLiteral("its detail"));
    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.show();
    QTreeWidgetItem *item = tree(&dialog)->topLevelItem(0);
    QVERIFY(item);
    const QImage shown = iconImage(item->icon(0));
    QVERIFY(!shown.isNull());
    QCOMPARE(shown,
             iconImage(dialog.style()->standardIcon(QStyle::StandardPixmap(standardPixmap))));
    // The icon is not the only carrier of the outcome: words for screen readers and tooltips.
    QCOMPARE(item->toolTip(0), word);
    QVERIFY(item->data(0, Qt::AccessibleTextRole).toString().startsWith(word));

    // Every other outcome looks different.
    for (const auto other : { Trace::Outcome::Info, Trace::Outcome::Success,
                              Trace::Outcome::Warning, Trace::Outcome::Failure }) {
        if (other != outcome)
            QVERIFY(iconImage(dialog.outcomeIcon(other)) != shown);
    }
}

void TestDiagnosticsDialog::copyPutsTheReportOnTheClipboard()
{
    Trace trace;
    trace.info(QStringLiteral("Discover how to sign in"),
               QStringLiteral("http://127.0.0.1:4000/mcp"));
    trace.success(QStringLiteral("Issuer matches"), QStringLiteral("http://127.0.0.1:4001"));
    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.setServerName(QStringLiteral("Notes"));
    dialog.show();
    QVERIFY(dialog.windowTitle().contains(QLatin1String("Notes")));

    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    QTest::mouseClick(child<QPushButton>(&dialog, "copyButton"), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QCOMPARE(copied, dialog.reportText());
    QVERIFY2(copied.startsWith(QStringLiteral("MCP Accounts " MCPA_VERSION)), qPrintable(copied));
    QVERIFY(copied.contains(QStringLiteral("Server: Notes\n")));
    QVERIFY(copied.contains(QStringLiteral("Qt %1").arg(QLatin1String(qVersion()))));
    QVERIFY(copied.endsWith(trace.toText()));
    QVERIFY(!child<QLabel>(&dialog, "copiedLabel")->text().isEmpty());
}

void TestDiagnosticsDialog::redactionGuard_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::addRow("code in a callback URL")
        << "GET http://127.0.0.1:5000/callback?code=abc&state=xyz"
        << "GET http://127.0.0.1:5000/callback?code=[redacted]&state=xyz";
    QTest::addRow("bearer credential") << "Authorization: Bearer abc.def"
                                       << "Authorization: Bearer [redacted]";
    QTest::addRow("bearer JWT") << "sent Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln, ok"
                                << "sent Bearer [redacted], ok";
    QTest::addRow("basic credential") << "Authorization: Basic YWxpY2U6c2VjcmV0"
                                      << "Authorization: Basic [redacted]";
    QTest::addRow("form body")
        << "grant_type=refresh_token&refresh_token=r1.x&client_secret=s3cr3t&client_id=app"
        << "grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]&client_id="
           "app";
    QTest::addRow("access token parameter") << "#access_token=xyz&token_type=Bearer"
                                            << "#access_token=[redacted]&token_type=Bearer";
    QTest::addRow("revocation body") << "token=abcdef&token_type_hint=refresh_token"
                                     << "token=[redacted]&token_type_hint=refresh_token";
    QTest::addRow("verifier, case-insensitive") << "CODE_VERIFIER=v123 Code=C1"
                                                << "CODE_VERIFIER=[redacted] Code=[redacted]";
    QTest::addRow("quoted parameter") << "code=\"abc def\" next"
                                      << "code=[redacted] next";
    QTest::addRow("json members")
        << R"({"access_token":"a.b.c","expires_in":3600,"refresh_token" : "r\"1","scope":"x"})"
        << R"({"access_token": "[redacted]","expires_in":3600,"refresh_token": "[redacted]","scope":"x"})";
    QTest::addRow("key in a URL path")
        << "Error transferring https://mcp.example.com/v1/sk-live-abcdefgh12345678/sse - server "
           "replied: Not Found"
        << "Error transferring https://mcp.example.com/v1/[redacted]/sse - server replied: Not "
           "Found";
    QTest::addRow("opaque id in a URL path, query kept")
        << "GET https://a.example/s/3f2a9c1e-7b4d-4e8a-9f00-123456789abc/mcp?state=x"
        << "GET https://a.example/s/[redacted]/mcp?state=x";
    // What the trace legitimately says stays as it is.
    QTest::addRow("names in URL paths kept")
        << "POST https://mcp.example.com/v1/my-github-server/sse failed"
        << "POST https://mcp.example.com/v1/my-github-server/sse failed";
    QTest::addRow("challenge parameters kept")
        << R"(WWW-Authenticate: Bearer resource_metadata="http://127.0.0.1:4000/.well-known/x", scope="mcp:read")"
        << R"(WWW-Authenticate: Bearer resource_metadata="http://127.0.0.1:4000/.well-known/x", scope="mcp:read")";
    QTest::addRow("challenge error kept") << R"(Bearer error="invalid_token")"
                                          << R"(Bearer error="invalid_token")";
    QTest::addRow("prose kept") << "unsupported token type (only Bearer is supported)"
                                << "unsupported token type (only Bearer is supported)";
    QTest::addRow("similar names kept")
        << "error_code=5 at http://127.0.0.1/token, response_code=200, token_type=Bearer"
        << "error_code=5 at http://127.0.0.1/token, response_code=200, token_type=Bearer";
    QTest::addRow("already redacted") << "code=[redacted] Bearer [redacted]"
                                      << "code=[redacted] Bearer [redacted]";
}

void TestDiagnosticsDialog::redactionGuard()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(DiagnosticsDialog::redactSecrets(text), expected);
}

void TestDiagnosticsDialog::plantedSecretsNeverReachTheClipboard()
{
    // A trace should never hold these; if a bug puts them there, the copy still may not.
    Trace trace;
    trace.info(QStringLiteral("Callback"),
               QStringLiteral("http://127.0.0.1:5000/cb?code=abc&state=s1"));
    trace.failure(QStringLiteral("MCP request refused"),
                  QStringLiteral("sent Authorization: Bearer abc.def"));
    trace.info(QStringLiteral("Token response"), QStringLiteral(R"({"access_token":"tok123"})"));
    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.show();
    QTest::mouseClick(child<QPushButton>(&dialog, "copyButton"), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(!copied.contains(QLatin1String("code=abc")), qPrintable(copied));
    QVERIFY2(!copied.contains(QLatin1String("abc.def")), qPrintable(copied));
    QVERIFY2(!copied.contains(QLatin1String("tok123")), qPrintable(copied));
    QVERIFY(copied.contains(QLatin1String("code=[redacted]&state=s1")));
    QVERIFY(copied.contains(QLatin1String("Bearer [redacted]")));
    QVERIFY(copied.contains(QLatin1String("MCP request refused")));
}

void TestDiagnosticsDialog::followsAClearedOrDeletedTrace()
{
    auto trace = std::make_unique<Trace>();
    trace->info(QStringLiteral("first attempt, step 1"));
    trace->failure(QStringLiteral("first attempt, step 2"));
    DiagnosticsDialog dialog;
    dialog.setTrace(trace.get());
    dialog.show();
    QCOMPARE(dialog.stepCount(), 2);

    // A new attempt clears the trace (silently) and starts over.
    trace->clear();
    trace->info(QStringLiteral("second attempt, step 1"));
    QCOMPARE(dialog.stepCount(), 1);
    QCOMPARE(tree(&dialog)->topLevelItem(0)->text(1), QStringLiteral("second attempt, step 1"));

    // Cleared while hidden: showing catches up.
    dialog.hide();
    trace->clear();
    dialog.show();
    QCOMPARE(dialog.stepCount(), 0);
    QVERIFY(showsEmptyState(&dialog));
    trace->success(QStringLiteral("third attempt"));

    // The trace goes away: what was shown stays, and can still be copied.
    trace.reset();
    QCOMPARE(dialog.trace(), nullptr);
    QCOMPARE(dialog.stepCount(), 1);
    QVERIFY(dialog.reportText().contains(QLatin1String("[ok] third attempt")));
    QVERIFY(child<QPushButton>(&dialog, "copyButton")->isEnabled());
}

void TestDiagnosticsDialog::switchingTraces()
{
    Trace first;
    first.info(QStringLiteral("from the first"));
    Trace second;
    second.info(QStringLiteral("from the second"));
    second.info(QStringLiteral("also from the second"));
    DiagnosticsDialog dialog;
    dialog.setTrace(&first);
    dialog.setTrace(&second);
    QCOMPARE(dialog.stepCount(), 2);
    first.info(QStringLiteral("late step of the first")); // no longer followed
    QCOMPARE(dialog.stepCount(), 2);
    QVERIFY(!dialog.reportText().contains(QLatin1String("first")));
}

void TestDiagnosticsDialog::selectedStepShowsInFull()
{
    Trace trace;
    const QString detail = QStringLiteral("HTTP 404 from http://127.0.0.1:4000/.well-known/"
                                          "oauth-authorization-server/with/a/rather/long/path");
    trace.warning(QStringLiteral("No authorization server metadata"), detail);
    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.show();
    auto *full = child<QLabel>(&dialog, "stepDetailLabel");
    QVERIFY(!full->isVisible());
    tree(&dialog)->setCurrentItem(tree(&dialog)->topLevelItem(0));
    QVERIFY(full->isVisible());
    QVERIFY(full->text().startsWith(QLatin1String("Warning: No authorization server metadata")));
    QVERIFY(full->text().contains(detail));
}

void TestDiagnosticsDialog::keyboardOperation()
{
    Trace trace;
    trace.info(QStringLiteral("step one"));
    trace.success(QStringLiteral("step two"));
    DiagnosticsDialog dialog;
    dialog.setTrace(&trace);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    const QStringList controls { QStringLiteral("stepsTree"), QStringLiteral("copyButton"),
                                 QStringLiteral("closeButton") };
    for (const QString &name : controls) {
        auto *widget = dialog.findChild<QWidget *>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    tree(&dialog)->setFocus();
    QStringList reached { QApplication::focusWidget()->objectName() };
    for (int i = 0; i < 5; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget()->objectName();
    }
    for (const QString &name : controls)
        QVERIFY2(reached.contains(name), qPrintable(reached.join(QLatin1Char(' '))));

    // Arrow keys walk the steps.
    tree(&dialog)->setFocus();
    QTest::keyClick(tree(&dialog), Qt::Key_Down);
    QTest::keyClick(tree(&dialog), Qt::Key_Down);
    QCOMPARE(tree(&dialog)->currentItem(), tree(&dialog)->topLevelItem(1));

    // Alt+C copies.
    QGuiApplication::clipboard()->setText(QStringLiteral("before"));
    QTest::keyClick(&dialog, Qt::Key_C, Qt::AltModifier);
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), dialog.reportText());

    // Escape closes.
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::keyClick(tree(&dialog), Qt::Key_Escape);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestDiagnosticsDialog)
#include "tst_diagnosticsdialog.moc"
