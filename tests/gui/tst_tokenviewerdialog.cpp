#include "gui/tokenviewerdialog.h"

#include "core/base/clock.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>
#include <QTextEdit>
#include <QTreeWidget>

#include <ctime>

using namespace std::chrono_literals;
using Mcpa::AccountRecord;
using Mcpa::ManualClock;
using Mcpa::TokenSet;
using Mcpa::TokenViewerDialog;

namespace {

// 2030-01-01T10:00:00Z: exp of the test JWT.
const QDateTime Expiry(QDate(2030, 1, 1), QTime(10, 0), Qt::UTC);

QString base64Url(const QByteArray &data)
{
    return QString::fromLatin1(
        data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString makeJwt(const QByteArray &payload)
{
    return base64Url(R"({"alg":"RS256","typ":"at+jwt","kid":"key-1"})") + QLatin1Char('.')
        + base64Url(payload) + QLatin1Char('.') + base64Url("fake-signature-bytes-0123456789");
}

QString accessJwt()
{
    return makeJwt(R"({"iss":"https://auth.example.com/","sub":"user-42",)"
                   R"("aud":["https://mcp.example.com/mcp","other"],)"
                   R"("exp":1893492000,"iat":1893488400,"scope":"mcp:read mcp:write",)"
                   R"("client_id":"client-7","cnf":{"jkt":"thumb"}})");
}

const QString RefreshToken = QStringLiteral("rt-SECRET-refresh-0123456789abcdef");
const QString OpaqueToken = QStringLiteral("gho_16C7e42F292c6912E7710c838347Ae178B4a");

TokenSet jwtTokens(const QDateTime &expiresAt = Expiry)
{
    TokenSet tokens;
    tokens.accessToken = accessJwt();
    tokens.tokenType = QStringLiteral("Bearer");
    tokens.refreshToken = RefreshToken;
    tokens.idToken = makeJwt(R"({"sub":"user-42","name":"Alice Example",)"
                             R"("email":"alice@example.com"})");
    tokens.expiresAt = expiresAt;
    return tokens;
}

AccountRecord account()
{
    AccountRecord record;
    record.issuer = QStringLiteral("https://auth.example.com/");
    record.hasRefreshToken = true;
    return record;
}

/// Every text a person (or a screen reader) can get from the dialog's widgets.
QStringList visibleTexts(QWidget *root)
{
    QStringList texts { root->windowTitle() };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        texts << widget->toolTip() << widget->accessibleName() << widget->accessibleDescription()
              << widget->statusTip() << widget->whatsThis();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        if (auto *line = qobject_cast<QLineEdit *>(widget))
            texts << line->text();
        if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            texts << plain->toPlainText();
        if (auto *rich = qobject_cast<QTextEdit *>(widget))
            texts << rich->toPlainText();
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts << button->text();
        if (auto *tree = qobject_cast<QTreeWidget *>(widget)) {
            for (QTreeWidgetItemIterator it(tree); *it; ++it) {
                for (int column = 0; column < tree->columnCount(); ++column)
                    texts << (*it)->text(column) << (*it)->toolTip(column);
            }
        }
    }
    return texts;
}

bool appearsAnywhere(QWidget *root, const QString &secret)
{
    const QStringList texts = visibleTexts(root);
    return std::any_of(texts.cbegin(), texts.cend(),
                       [&secret](const QString &text) { return text.contains(secret); });
}

QString claimValue(QTreeWidget *tree, const QString &section, const QString &name)
{
    const QList<QTreeWidgetItem *> sections = tree->findItems(section, Qt::MatchExactly, 0);
    if (sections.size() != 1)
        return QStringLiteral("<no section %1>").arg(section);
    for (int i = 0; i < sections.first()->childCount(); ++i) {
        if (sections.first()->child(i)->text(0) == name)
            return sections.first()->child(i)->text(1);
    }
    return QStringLiteral("<no claim %1>").arg(name);
}

/// A confirmation that records the question and answers `answer` at once.
struct ScriptedConfirmation
{
    bool answer = false;
    int asked = 0;
    QString question;

    TokenViewerDialog::Confirmation function()
    {
        return [this](QWidget *, const QString &, const QString &text,
                      const std::function<void(bool)> &reply) {
            ++asked;
            question = text;
            reply(answer);
        };
    }
};

} // namespace

class TestTokenViewerDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void maskedByDefaultAndRevealed();
    void secretsNeverShown();
    void copyClearsClipboardAfterDelay();
    void copyLeavesChangedClipboardAlone();
    void closeClearsClipboard();
    void closeLeavesChangedClipboardAlone();
    void jwtClaimsShownAsNotVerified();
    void opaqueToken_data();
    void opaqueToken();
    void claimsArePlainText();
    void relativeExpiryText_data();
    void relativeExpiryText();
    void expiryShownAndUpdatedWithClock();
    void refreshTokenPresence_data();
    void refreshTokenPresence();
    void identity();
    void refreshAndRevokeSignals();
    void revokeNeedsConfirmation();
    void busyDisablesActions();
    void setTokensAfterRefresh();
    void keyboardOperation();
    void escapeCloses();

private:
    QClipboard *clipboard() const { return QGuiApplication::clipboard(); }
};

void TestTokenViewerDialog::initTestCase()
{
    // A fixed zone with a half-hour offset and no DST, so local times are known.
    qputenv("TZ", "Asia/Kolkata");
    ::tzset();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestTokenViewerDialog::init()
{
    clipboard()->clear(QClipboard::Clipboard);
}

void TestTokenViewerDialog::maskedByDefaultAndRevealed()
{
    ManualClock clock(Expiry.addSecs(-3600));
    TokenViewerDialog dialog(&clock);
    dialog.setServer(QStringLiteral("Example MCP"),
                     QUrl(QStringLiteral("https://mcp.example.com/mcp")));
    dialog.setAccount(account());
    const TokenSet tokens = jwtTokens();
    dialog.setTokens(tokens);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QVERIFY(!dialog.isRevealed());
    QVERIFY(!appearsAnywhere(&dialog, tokens.accessToken));
    // Not even a part of it: the header, payload and signature segments.
    const QStringList parts = tokens.accessToken.split(QLatin1Char('.'));
    for (const QString &part : parts)
        QVERIFY2(!appearsAnywhere(&dialog, part), qPrintable(part.left(8)));
    auto *edit = dialog.findChild<QPlainTextEdit *>(QStringLiteral("tokenEdit"));
    QVERIFY(edit);
    QVERIFY(edit->isReadOnly());
    QVERIFY(edit->toPlainText().startsWith(QChar(0x2022)));

    auto *reveal = dialog.findChild<QPushButton *>(QStringLiteral("revealButton"));
    QVERIFY(reveal);
    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY(dialog.isRevealed());
    QCOMPARE(edit->toPlainText(), tokens.accessToken);
    QCOMPARE(reveal->text(), QStringLiteral("&Hide"));

    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY(!dialog.isRevealed());
    QVERIFY(!appearsAnywhere(&dialog, tokens.accessToken));
    QCOMPARE(reveal->text(), QStringLiteral("&Reveal"));
}

void TestTokenViewerDialog::secretsNeverShown()
{
    ManualClock clock(Expiry.addSecs(-3600));
    TokenViewerDialog dialog(&clock);
    dialog.setServer(QStringLiteral("Example MCP"),
                     QUrl(QStringLiteral("https://mcp.example.com/mcp")));
    const TokenSet tokens = jwtTokens();
    dialog.setTokens(tokens);
    dialog.show();
    dialog.findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    QVERIFY(appearsAnywhere(&dialog, tokens.accessToken)); // the walk does see the revealed token
    QVERIFY(!appearsAnywhere(&dialog, tokens.refreshToken));
    QVERIFY(!appearsAnywhere(&dialog, tokens.idToken));
    QVERIFY(!appearsAnywhere(&dialog, tokens.idToken.section(QLatin1Char('.'), 1, 1)));

    // Readable in any palette: no widget brings its own colours.
    const QList<QWidget *> widgets = dialog.findChildren<QWidget *>();
    for (QWidget *widget : widgets)
        QVERIFY2(widget->styleSheet().isEmpty(), qPrintable(widget->objectName()));
    QVERIFY(dialog.styleSheet().isEmpty());
}

void TestTokenViewerDialog::copyClearsClipboardAfterDelay()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    dialog.setClipboardClearDelay(50ms);
    dialog.show();

    dialog.findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
    QCOMPARE(clipboard()->text(), jwtTokens().accessToken);
    const QMimeData *data = clipboard()->mimeData();
    QVERIFY(data);
    QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("copyStatusLabel"));
    QVERIFY(status->text().startsWith(QStringLiteral("Copied.")));
    // Copying did not reveal it.
    QVERIFY(!appearsAnywhere(&dialog, jwtTokens().accessToken));

    QTRY_VERIFY(clipboard()->text().isEmpty());
    QCOMPARE(status->text(), QStringLiteral("Clipboard cleared."));
}

void TestTokenViewerDialog::copyLeavesChangedClipboardAlone()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    dialog.setClipboardClearDelay(50ms);
    dialog.show();

    dialog.findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
    QCOMPARE(clipboard()->text(), jwtTokens().accessToken);
    clipboard()->setText(QStringLiteral("something the person copied since"));

    auto *status = dialog.findChild<QLabel *>(QStringLiteral("copyStatusLabel"));
    QTRY_VERIFY(status->text().isEmpty()); // the timer ran
    QCOMPARE(clipboard()->text(), QStringLiteral("something the person copied since"));
}

void TestTokenViewerDialog::closeClearsClipboard()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    QCOMPARE(dialog.clipboardClearDelay(), std::chrono::milliseconds(30s)); // the default
    dialog.show();

    dialog.findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
    QCOMPARE(clipboard()->text(), jwtTokens().accessToken);
    dialog.reject();
    QVERIFY(!dialog.isVisible());
    QVERIFY(clipboard()->text().isEmpty()); // at once, not after 30 s

    // Copied by hand from the revealed text: it goes too.
    dialog.show();
    dialog.findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    auto *edit = dialog.findChild<QPlainTextEdit *>(QStringLiteral("tokenEdit"));
    edit->selectAll();
    edit->copy();
    QCOMPARE(clipboard()->text(), jwtTokens().accessToken);
    dialog.reject();
    QVERIFY(clipboard()->text().isEmpty());
}

void TestTokenViewerDialog::closeLeavesChangedClipboardAlone()
{
    {
        TokenViewerDialog dialog(nullptr);
        dialog.setTokens(jwtTokens());
        dialog.show();
        dialog.findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
        clipboard()->setText(QStringLiteral("mine"));
        dialog.accept();
        QCOMPARE(clipboard()->text(), QStringLiteral("mine"));
    }
    // Destroyed without being closed: the token still goes.
    {
        auto *dialog = new TokenViewerDialog(nullptr);
        dialog->setTokens(jwtTokens());
        dialog->findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
        QCOMPARE(clipboard()->text(), jwtTokens().accessToken);
        delete dialog;
        QVERIFY(clipboard()->text().isEmpty());
    }
}

void TestTokenViewerDialog::jwtClaimsShownAsNotVerified()
{
    ManualClock clock(Expiry.addSecs(-3600));
    TokenViewerDialog dialog(&clock);
    dialog.setTokens(jwtTokens());
    dialog.show();

    auto *stack = dialog.findChild<QStackedWidget *>(QStringLiteral("contentsStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("jwtPage"));
    auto *notVerified = dialog.findChild<QLabel *>(QStringLiteral("notVerifiedLabel"));
    QVERIFY(notVerified->isVisible());
    QVERIFY(notVerified->text().startsWith(QStringLiteral("Decoded, not verified")));

    auto *tree = dialog.findChild<QTreeWidget *>(QStringLiteral("claimsTree"));
    QVERIFY(tree->isVisible());
    QVERIFY(tree->accessibleName().contains(QStringLiteral("not verified")));
    QCOMPARE(tree->editTriggers(), QAbstractItemView::NoEditTriggers);
    QCOMPARE(claimValue(tree, QStringLiteral("Header"), QStringLiteral("alg")),
             QStringLiteral("RS256"));
    QCOMPARE(claimValue(tree, QStringLiteral("Header"), QStringLiteral("kid")),
             QStringLiteral("key-1"));
    QCOMPARE(claimValue(tree, QStringLiteral("Claims"), QStringLiteral("iss")),
             QStringLiteral("https://auth.example.com/"));
    QCOMPARE(claimValue(tree, QStringLiteral("Claims"), QStringLiteral("client_id")),
             QStringLiteral("client-7"));
    // NumericDates: the number and the local time (Asia/Kolkata, UTC+5:30).
    const QString exp = claimValue(tree, QStringLiteral("Claims"), QStringLiteral("exp"));
    QVERIFY2(exp.startsWith(QStringLiteral("1893492000 (")), qPrintable(exp));
    QVERIFY2(exp.contains(QStringLiteral("3:30:00")), qPrintable(exp));
    // Arrays and objects become children.
    const QTreeWidgetItem *claims
        = tree->findItems(QStringLiteral("Claims"), Qt::MatchExactly).first();
    const QTreeWidgetItem *aud = nullptr;
    const QTreeWidgetItem *cnf = nullptr;
    for (int i = 0; i < claims->childCount(); ++i) {
        if (claims->child(i)->text(0) == QLatin1String("aud"))
            aud = claims->child(i);
        if (claims->child(i)->text(0) == QLatin1String("cnf"))
            cnf = claims->child(i);
    }
    QVERIFY(aud && cnf);
    QCOMPARE(aud->childCount(), 2);
    QCOMPARE(aud->child(1)->text(1), QStringLiteral("other"));
    QCOMPARE(cnf->child(0)->text(0), QStringLiteral("jkt"));

    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("issuerLabel"))->text(),
             QStringLiteral("https://auth.example.com/"));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("audienceLabel"))->text(),
             QStringLiteral("https://mcp.example.com/mcp, other"));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("scopesLabel"))->text(),
             QStringLiteral("mcp:read mcp:write"));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("tokenTypeLabel"))->text(),
             QStringLiteral("Bearer, JWT signed with RS256 (not verified)"));
}

void TestTokenViewerDialog::opaqueToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("text");

    const QString opaque = QStringLiteral("Opaque token (the server does not share its contents).");
    QTest::addRow("opaque") << OpaqueToken << opaque;
    QTest::addRow("three parts, not base64") << QStringLiteral("a*b.c*d.e*f") << opaque;
    QTest::addRow("JWE") << QStringLiteral("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv.ct.tag")
                         << QStringLiteral("Encrypted token (JWE): only the server can read its "
                                           "contents, so they cannot be shown.");
    QTest::addRow("huge") << QString(70000, QLatin1Char('x'))
                          << QStringLiteral("The token is too large to be decoded here.");
}

void TestTokenViewerDialog::opaqueToken()
{
    QFETCH(QString, token);
    QFETCH(QString, text);

    TokenViewerDialog dialog(nullptr);
    TokenSet tokens;
    tokens.accessToken = token;
    tokens.scopes = QStringList { QStringLiteral("files:read") };
    dialog.setTokens(tokens);
    dialog.show();

    auto *stack = dialog.findChild<QStackedWidget *>(QStringLiteral("contentsStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("opaquePage"));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("opaqueLabel"))->text(), text);
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("notVerifiedLabel"))->isVisible());
    QCOMPARE(dialog.findChild<QTreeWidget *>(QStringLiteral("claimsTree"))->topLevelItemCount(), 0);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("scopesLabel"))->text(),
             QStringLiteral("files:read"));
    QVERIFY(!appearsAnywhere(&dialog, token));
}

void TestTokenViewerDialog::claimsArePlainText()
{
    TokenViewerDialog dialog(nullptr);
    TokenSet tokens;
    tokens.accessToken = makeJwt(R"({"iss":"<b>evil</b><img src=x>","aud":"<a href=x>a</a>"})");
    dialog.setTokens(tokens);
    auto *issuer = dialog.findChild<QLabel *>(QStringLiteral("issuerLabel"));
    QCOMPARE(issuer->text(), QStringLiteral("<b>evil</b><img src=x>"));
    // Every label that shows server data is plain text: no markup, no links.
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (!label->objectName().endsWith(QLatin1String("Caption")))
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
    }
}

void TestTokenViewerDialog::relativeExpiryText_data()
{
    QTest::addColumn<qint64>("secondsLeft");
    QTest::addColumn<QString>("text");

    QTest::addRow("42 min") << qint64(42 * 60) << QStringLiteral("expires in 42 min");
    QTest::addRow("42 min 59 s, rounded down")
        << qint64(42 * 60 + 59) << QStringLiteral("expires in 42 min");
    QTest::addRow("1 min") << qint64(60) << QStringLiteral("expires in 1 min");
    QTest::addRow("under a minute")
        << qint64(30) << QStringLiteral("expires in less than a minute");
    QTest::addRow("now") << qint64(0) << QStringLiteral("expires in less than a minute");
    QTest::addRow("2 h 5 min") << qint64(125 * 60) << QStringLiteral("expires in 2 h 5 min");
    QTest::addRow("3 h") << qint64(3 * 3600) << QStringLiteral("expires in 3 h");
    QTest::addRow("47 h 59 min") << qint64(48 * 3600 - 60)
                                 << QStringLiteral("expires in 47 h 59 min");
    QTest::addRow("3 days") << qint64(3 * 86400 + 7200) << QStringLiteral("expires in 3 days");
    QTest::addRow("just expired") << qint64(-10) << QStringLiteral("expired just now");
    QTest::addRow("3 min ago") << qint64(-3 * 60) << QStringLiteral("expired 3 min ago");
    QTest::addRow("2 h ago") << qint64(-2 * 3600 - 120) << QStringLiteral("expired 2 h ago");
    QTest::addRow("4 days ago") << qint64(-4 * 86400) << QStringLiteral("expired 4 days ago");
    QTest::addRow("centuries") << qint64(300LL * 365 * 86400)
                               << QStringLiteral("expires in 109500 days");
}

void TestTokenViewerDialog::relativeExpiryText()
{
    QFETCH(qint64, secondsLeft);
    QFETCH(QString, text);
    const QDateTime now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    QCOMPARE(TokenViewerDialog::relativeExpiryText(now, now.addSecs(secondsLeft)), text);
    QCOMPARE(TokenViewerDialog::relativeExpiryText(now, QDateTime()),
             QStringLiteral("no expiry given"));
}

void TestTokenViewerDialog::expiryShownAndUpdatedWithClock()
{
    ManualClock clock(Expiry.addSecs(-42 * 60));
    TokenViewerDialog dialog(&clock);
    dialog.setTokens(jwtTokens(Expiry));
    dialog.show();

    auto *absolute = dialog.findChild<QLabel *>(QStringLiteral("expiresAtLabel"));
    auto *relative = dialog.findChild<QLabel *>(QStringLiteral("expiresInLabel"));
    // 10:00 UTC is 15:30 in Asia/Kolkata: the absolute time is local.
    QVERIFY2(absolute->text().contains(QStringLiteral("3:30:00")), qPrintable(absolute->text()));
    QVERIFY2(absolute->text().contains(QStringLiteral("2030")), qPrintable(absolute->text()));
    QCOMPARE(relative->text(), QStringLiteral("expires in 42 min"));

    // Nothing changes until the timer runs.
    clock.advance(45 * 60);
    QCOMPARE(relative->text(), QStringLiteral("expires in 42 min"));
    dialog.setExpiryUpdateInterval(20ms);
    QTRY_COMPARE(relative->text(), QStringLiteral("expired 3 min ago"));
    QVERIFY(relative->font().bold());
}

void TestTokenViewerDialog::refreshTokenPresence_data()
{
    QTest::addColumn<bool>("inTokens");
    QTest::addColumn<bool>("inAccount");
    QTest::addColumn<bool>("present");

    QTest::addRow("in the token set") << true << false << true;
    QTest::addRow("known from the account") << false << true << true;
    QTest::addRow("none") << false << false << false;
}

void TestTokenViewerDialog::refreshTokenPresence()
{
    QFETCH(bool, inTokens);
    QFETCH(bool, inAccount);
    QFETCH(bool, present);

    TokenViewerDialog dialog(nullptr);
    TokenSet tokens = jwtTokens();
    if (!inTokens)
        tokens.refreshToken.clear();
    AccountRecord record = account();
    record.hasRefreshToken = inAccount;
    dialog.setAccount(record);
    dialog.setTokens(tokens);
    dialog.show();

    const QString text = dialog.findChild<QLabel *>(QStringLiteral("refreshTokenLabel"))->text();
    QVERIFY2(text.startsWith(present ? QStringLiteral("Present") : QStringLiteral("None")),
             qPrintable(text));
    QCOMPARE(dialog.findChild<QPushButton *>(QStringLiteral("refreshButton"))->isEnabled(),
             present);
    dialog.findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    QVERIFY(!appearsAnywhere(&dialog, RefreshToken));
}

void TestTokenViewerDialog::identity()
{
    TokenViewerDialog dialog(nullptr);
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("identityLabel"));

    // From the id token's claims when the account record has nothing.
    dialog.setTokens(jwtTokens());
    QCOMPARE(label->text(), QStringLiteral("Alice Example (alice@example.com)"));

    // The account record wins.
    AccountRecord record = account();
    record.name = QStringLiteral("Bob");
    record.email = QStringLiteral("bob@example.com");
    dialog.setAccount(record);
    QCOMPARE(label->text(), QStringLiteral("Bob (bob@example.com)"));

    // Only a subject: say it is one.
    TokenSet opaque;
    opaque.accessToken = OpaqueToken;
    AccountRecord subjectOnly;
    subjectOnly.subject = QStringLiteral("248289761001");
    dialog.setAccount(subjectOnly);
    dialog.setTokens(opaque);
    QCOMPARE(label->text(), QStringLiteral("Subject 248289761001"));

    dialog.setAccount(AccountRecord());
    QCOMPARE(label->text(), QStringLiteral("Not shared by the server"));
}

void TestTokenViewerDialog::refreshAndRevokeSignals()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setServer(QStringLiteral("Example MCP"),
                     QUrl(QStringLiteral("https://mcp.example.com/mcp")));
    dialog.setTokens(jwtTokens());
    ScriptedConfirmation confirmation;
    confirmation.answer = true;
    dialog.setConfirmation(confirmation.function());
    dialog.show();
    QSignalSpy refresh(&dialog, &TokenViewerDialog::refreshRequested);
    QSignalSpy revoke(&dialog, &TokenViewerDialog::revokeRequested);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("refreshButton")),
                      Qt::LeftButton);
    QCOMPARE(refresh.count(), 1);
    QCOMPARE(revoke.count(), 0);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("revokeButton")),
                      Qt::LeftButton);
    QCOMPARE(confirmation.asked, 1);
    QVERIFY(confirmation.question.contains(QStringLiteral("Example MCP")));
    QCOMPARE(revoke.count(), 1);
    QCOMPARE(refresh.count(), 1);
    QVERIFY(dialog.isVisible()); // the owner decides what happens next
}

void TestTokenViewerDialog::revokeNeedsConfirmation()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    ScriptedConfirmation confirmation;
    confirmation.answer = false;
    dialog.setConfirmation(confirmation.function());
    QSignalSpy revoke(&dialog, &TokenViewerDialog::revokeRequested);

    dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"))->click();
    QCOMPARE(confirmation.asked, 1);
    QCOMPARE(revoke.count(), 0);

    // The default confirmation: a real message box, answered by its Cancel button.
    dialog.setConfirmation({});
    dialog.show();
    dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"))->click();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = dialog.findChild<QMessageBox *>(QStringLiteral("revokeConfirmation"))));
    QVERIFY(box->findChild<QPushButton *>(QStringLiteral("confirmRevokeButton")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(revoke.count(), 0);

    dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"))->click();
    QTRY_VERIFY((box = dialog.findChild<QMessageBox *>(QStringLiteral("revokeConfirmation"))));
    box->findChild<QPushButton *>(QStringLiteral("confirmRevokeButton"))->click();
    QCOMPARE(revoke.count(), 1);
}

void TestTokenViewerDialog::busyDisablesActions()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    ScriptedConfirmation confirmation;
    confirmation.answer = true;
    dialog.setConfirmation(confirmation.function());
    dialog.show();
    auto *refreshButton = dialog.findChild<QPushButton *>(QStringLiteral("refreshButton"));
    auto *revokeButton = dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"));
    auto *busyLabel = dialog.findChild<QLabel *>(QStringLiteral("busyLabel"));
    QSignalSpy refresh(&dialog, &TokenViewerDialog::refreshRequested);
    QSignalSpy revoke(&dialog, &TokenViewerDialog::revokeRequested);
    QVERIFY(!busyLabel->isVisible());

    dialog.setBusy(true);
    QVERIFY(dialog.isBusy());
    QVERIFY(!refreshButton->isEnabled());
    QVERIFY(!revokeButton->isEnabled());
    QVERIFY(busyLabel->isVisible());
    refreshButton->click();
    revokeButton->click();
    QCOMPARE(refresh.count(), 0);
    QCOMPARE(revoke.count(), 0);
    // Copy and Reveal stay usable.
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("copyButton"))->isEnabled());

    dialog.setBusy(false);
    QVERIFY(refreshButton->isEnabled());
    QVERIFY(revokeButton->isEnabled());
    QVERIFY(!busyLabel->isVisible());
    refreshButton->click();
    QCOMPARE(refresh.count(), 1);
}

void TestTokenViewerDialog::setTokensAfterRefresh()
{
    ManualClock clock(Expiry.addSecs(-60));
    TokenViewerDialog dialog(&clock);
    dialog.setTokens(jwtTokens(Expiry));
    dialog.show();
    dialog.findChild<QPushButton *>(QStringLiteral("revealButton"))->click();
    auto *relative = dialog.findChild<QLabel *>(QStringLiteral("expiresInLabel"));
    QCOMPARE(relative->text(), QStringLiteral("expires in 1 min"));

    TokenSet refreshed;
    refreshed.accessToken = OpaqueToken;
    refreshed.refreshToken = QStringLiteral("rt-rotated");
    refreshed.expiresAt = Expiry.addSecs(3600);
    dialog.setTokens(refreshed);
    QCOMPARE(relative->text(), QStringLiteral("expires in 1 h 1 min"));
    auto *edit = dialog.findChild<QPlainTextEdit *>(QStringLiteral("tokenEdit"));
    QCOMPARE(edit->toPlainText(), OpaqueToken); // still revealed, now the new one
    QVERIFY(!appearsAnywhere(&dialog, jwtTokens().accessToken));
    QCOMPARE(dialog.findChild<QStackedWidget *>(QStringLiteral("contentsStack"))
                 ->currentWidget()
                 ->objectName(),
             QStringLiteral("opaquePage"));

    // After a revoke the owner clears the tokens: nothing left to copy or revoke.
    dialog.setTokens(TokenSet());
    QVERIFY(!dialog.isRevealed());
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("copyButton"))->isEnabled());
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("revokeButton"))->isEnabled());
    QCOMPARE(edit->toPlainText(), QStringLiteral("No access token"));
}

void TestTokenViewerDialog::keyboardOperation()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    ScriptedConfirmation confirmation;
    dialog.setConfirmation(confirmation.function());
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    const QStringList buttons { QStringLiteral("revealButton"), QStringLiteral("copyButton"),
                                QStringLiteral("refreshButton"), QStringLiteral("revokeButton"),
                                QStringLiteral("closeButton") };
    for (const QString &name : buttons) {
        auto *button = dialog.findChild<QPushButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(name));
    }

    dialog.findChild<QPlainTextEdit *>(QStringLiteral("tokenEdit"))->setFocus();
    QStringList reached;
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget()->objectName();
    }
    for (const QString &name : buttons)
        QVERIFY2(reached.contains(name), qPrintable(reached.join(QLatin1Char(' '))));
    QVERIFY(reached.contains(QStringLiteral("claimsTree")));

    // Space on the focused Reveal button reveals; its mnemonic, now Alt+H, hides
    // again (a mnemonic "animates" the click, so it lands a moment later).
    auto *reveal = dialog.findChild<QPushButton *>(QStringLiteral("revealButton"));
    reveal->setFocus();
    QTest::keyClick(reveal, Qt::Key_Space);
    QVERIFY(dialog.isRevealed());
    QCOMPARE(reveal->shortcut(), QKeySequence(Qt::ALT | Qt::Key_H));
    QTest::keyClick(&dialog, Qt::Key_H, Qt::AltModifier);
    QTRY_VERIFY(!dialog.isRevealed());
    QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
    QTRY_VERIFY(dialog.isRevealed());
    // Alt+V asks to revoke, Alt+F asks to refresh.
    QSignalSpy refresh(&dialog, &TokenViewerDialog::refreshRequested);
    QTest::keyClick(&dialog, Qt::Key_F, Qt::AltModifier);
    QTRY_COMPARE(refresh.count(), 1);
    QTest::keyClick(&dialog, Qt::Key_V, Qt::AltModifier);
    QTRY_COMPARE(confirmation.asked, 1);
}

void TestTokenViewerDialog::escapeCloses()
{
    TokenViewerDialog dialog(nullptr);
    dialog.setTokens(jwtTokens());
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy finished(&dialog, &QDialog::finished);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), static_cast<int>(QDialog::Rejected));
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestTokenViewerDialog)
#include "tst_tokenviewerdialog.moc"
