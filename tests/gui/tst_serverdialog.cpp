#include "core/base/trace.h"
#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"
#include "core/store/serverregistry.h"
#include "gui/diagnosticsdialog.h"
#include "gui/serverdialog.h"
#include "gui/signintext.h"

#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Mcpa;

namespace {

// A person waits for the live check; the real servers answer in well under this.
constexpr int CheckTimeoutMs = 20000;

template<typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

QPushButton *okButton(QWidget *dialog)
{
    return child<QPushButton>(dialog, "okButton");
}

QLabel *label(QWidget *dialog, const char *name)
{
    return child<QLabel>(dialog, name);
}

/// Types @p text into @p widget key by key (keyClicks knows only ASCII).
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClick(widget, c.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

/// Replaces a line edit's text as a person would: select all, delete, type.
void typeInto(QWidget *dialog, const char *name, const QString &text)
{
    auto *edit = child<QLineEdit>(dialog, name);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    typeText(edit, text);
}

void typeUrl(QWidget *dialog, const QString &text)
{
    typeInto(dialog, "urlEdit", text);
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A record with every field away from its default.
ServerRecord fullRecord()
{
    ServerRecord record;
    record.id = QStringLiteral("work-github");
    record.name = QStringLiteral("GitHub (work)");
    record.mcpUrl = QUrl(QStringLiteral("https://mcp.example.com:8443/v1/mcp"));
    record.clientId = QStringLiteral("pre-registered-client");
    record.authMethod = ClientAuthMethod::ClientSecretBasic;
    record.clientMetadataUrl = QUrl(QStringLiteral("https://app.example.org/client.json"));
    record.callbackPort = 38917;
    record.redirectHost = QStringLiteral("localhost");
    record.sendResource = false;
    record.scopes = QStringList { QStringLiteral("repo"), QStringLiteral("read:user") };
    record.browser = QStringLiteral("embedded");
    record.preferredIssuer = QStringLiteral("https://auth.example.com");
    AccountRecord account;
    account.label = QStringLiteral("work");
    account.email = QStringLiteral("ada@example.com");
    record.accounts = { account };
    record.defaultAccount = QStringLiteral("work");
    record.unknownFields.insert(QStringLiteral("futureField"), 42);
    return record;
}

void compareRecords(const ServerRecord &actual, const ServerRecord &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.mcpUrl, expected.mcpUrl);
    QCOMPARE(actual.clientId, expected.clientId);
    QCOMPARE(actual.authMethod, expected.authMethod);
    QCOMPARE(actual.clientMetadataUrl, expected.clientMetadataUrl);
    QCOMPARE(actual.callbackPort, expected.callbackPort);
    QCOMPARE(actual.redirectHost, expected.redirectHost);
    QCOMPARE(actual.sendResource, expected.sendResource);
    QCOMPARE(actual.scopes, expected.scopes);
    QCOMPARE(actual.browser, expected.browser);
    QCOMPARE(actual.preferredIssuer, expected.preferredIssuer);
    QCOMPARE(actual.accounts.size(), expected.accounts.size());
    for (int i = 0; i < actual.accounts.size(); ++i) {
        QCOMPARE(actual.accounts.at(i).label, expected.accounts.at(i).label);
        QCOMPARE(actual.accounts.at(i).email, expected.accounts.at(i).email);
    }
    QCOMPARE(actual.defaultAccount, expected.defaultAccount);
    QCOMPARE(actual.unknownFields, expected.unknownFields);
}

/// GET @p url and parse the JSON object (empty on failure).
QJsonObject getJson(const QUrl &url)
{
    HttpClient http;
    QObject context;
    HttpRequest request;
    request.url = url;
    QJsonObject result;
    bool done = false;
    http.send(request, &context, [&](const HttpResponse &response) {
        result = QJsonDocument::fromJson(response.body).object();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return {};
    return result;
}

/// A scripted MCP server that requires sign-in and whose authorization
/// server (on the same origin) offers no dynamic client registration, but
/// supports client ID metadata documents.
void scriptNoRegistrationServer(ScriptedHttpServer &server)
{
    const QString base = server.url().toString();
    const auto at = [&base](const char *path) {
        return QString(base + QLatin1String(path));
    };
    const QByteArray prmUrl
        = (base + QLatin1String("/.well-known/oauth-protected-resource/mcp")).toUtf8();
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     401, R"({"error":"unauthorized"})",
                     { { "WWW-Authenticate", "Bearer resource_metadata=\"" + prmUrl + "\"" } }));
    server.route("/.well-known/oauth-protected-resource/mcp",
                 ScriptedHttpServer::json(
                     200,
                     toJson({ { QLatin1String("resource"), at("/mcp") },
                              { QLatin1String("authorization_servers"), QJsonArray { base } } })));
    server.route(
        "/.well-known/oauth-authorization-server",
        ScriptedHttpServer::json(
            200,
            toJson({
                { QLatin1String("issuer"), base },
                { QLatin1String("authorization_endpoint"), at("/authorize") },
                { QLatin1String("token_endpoint"), at("/token") },
                { QLatin1String("response_types_supported"), QJsonArray { QLatin1String("code") } },
                { QLatin1String("code_challenge_methods_supported"),
                  QJsonArray { QLatin1String("S256") } },
                { QLatin1String("client_id_metadata_document_supported"), true },
            })));
}

void scriptOpenServer(ScriptedHttpServer &server)
{
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200,
                     R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18",)"
                     R"("capabilities":{},"serverInfo":{"name":"Open Notes","version":"2"}}})"));
}

} // namespace

class TestServerDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void urlValidation_data();
    void urlValidation();
    void okButtonFollowsValidity();
    void nameDefaultsToHost();
    void derivedIdConflict_data();
    void derivedIdConflict();
    void derivedIdMatchesRegistry_data();
    void derivedIdMatchesRegistry();
    void roundTripEveryField();
    void roundTripChoices_data();
    void roundTripChoices();
    void editingThroughTheControls();
    void clientSecretOnlyViaGetter();
    void clientMetadataUrlValidation_data();
    void clientMetadataUrlValidation();
    void planRegistration_data();
    void planRegistration();

    void checkReasons_data();
    void checkReasons();
    void checkSdkServer();
    void checkOidcServer();
    void checkOpenServer();
    void checkClosedPort();
    void checkServerWithoutRegistration();
    void checkDiscoveryFailure();
    void checkDetailsShowTheSteps();
    void newCheckAbandonsTheOld();
    void stopButtonStopsTheCheck();
    void closingStopsTheCheck();

    void keyboardOperation();
    void enterAndEscape();
};

// ---- validation ---------------------------------------------------------------

void TestServerDialog::urlValidation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("message"); ///< part of the inline message; empty: none shown

    QTest::addRow("https") << "https://example.com/mcp" << true << QString();
    QTest::addRow("https with port") << "https://mcp.example.com:8443/v1/mcp" << true << QString();
    QTest::addRow("surrounding spaces") << "  https://example.com/mcp " << true << QString();
    QTest::addRow("loopback http 127.0.0.1") << "http://127.0.0.1:3000/mcp" << true << QString();
    QTest::addRow("loopback http 127.1.2.3") << "http://127.1.2.3:3000/mcp" << true << QString();
    QTest::addRow("loopback http localhost") << "http://localhost:8080/mcp" << true << QString();
    QTest::addRow("loopback http [::1]") << "http://[::1]:8080/mcp" << true << QString();
    QTest::addRow("remote http") << "http://example.com/mcp" << false
                                 << "plain http is only allowed for this computer (loopback)";
    QTest::addRow("lan http") << "http://192.168.1.10:3000/mcp" << false << "loopback";
    QTest::addRow("garbage") << "not a url" << false << "not a complete web address";
    QTest::addRow("no scheme") << "example.com/mcp" << false << "not a complete web address";
    QTest::addRow("scheme only") << "https://" << false << "not a complete web address";
    QTest::addRow("space in host")
        << "https://exa mple.com/mcp" << false << "not a complete web address";
    QTest::addRow("ftp") << "ftp://example.com/mcp" << false << "starts with https://";
    QTest::addRow("user info") << "https://ada:pw@example.com/mcp" << false << "user name";
    QTest::addRow("empty") << "" << false << QString();
}

void TestServerDialog::urlValidation()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(QString, message);

    ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
    dialog.show();
    typeUrl(&dialog, url);

    QCOMPARE(dialog.isValid(), valid);
    QCOMPARE(okButton(&dialog)->isEnabled(), valid);
    QLabel *error = label(&dialog, "urlErrorLabel");
    QCOMPARE(error->isVisible(), !message.isEmpty());
    if (!message.isEmpty())
        QVERIFY2(error->text().contains(message, Qt::CaseInsensitive), qPrintable(error->text()));
    // The warning icon inside the field comes and goes with the message.
    const QList<QAction *> actions = child<QLineEdit>(&dialog, "urlEdit")->actions();
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions.first()->isVisible(), !message.isEmpty());
    if (valid)
        QCOMPARE(dialog.record().mcpUrl, QUrl(url.trimmed()));
}

void TestServerDialog::okButtonFollowsValidity()
{
    ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
    dialog.show();
    QPushButton *ok = okButton(&dialog);
    QVERIFY(!ok->isEnabled()); // nothing typed yet
    QVERIFY(!label(&dialog, "urlErrorLabel")->isVisible()); // and that is no mistake

    typeUrl(&dialog, QStringLiteral("http://mcp.example.com/mcp"));
    QVERIFY(!ok->isEnabled());
    // Fixing the scheme in place fixes the dialog.
    auto *edit = child<QLineEdit>(&dialog, "urlEdit");
    edit->setCursorPosition(4);
    QTest::keyClick(edit, Qt::Key_S);
    QCOMPARE(edit->text(), QStringLiteral("https://mcp.example.com/mcp"));
    QVERIFY(ok->isEnabled());
    QVERIFY(!label(&dialog, "urlErrorLabel")->isVisible());

    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QVERIFY(!ok->isEnabled());

    // accept() refuses an invalid dialog even when called directly.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
}

void TestServerDialog::nameDefaultsToHost()
{
    ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
    dialog.show();
    typeUrl(&dialog, QStringLiteral("https://mcp.github.com/mcp"));
    auto *name = child<QLineEdit>(&dialog, "nameEdit");
    QCOMPARE(name->placeholderText(), QStringLiteral("mcp.github.com"));
    QCOMPARE(dialog.record().name, QStringLiteral("mcp.github.com"));
    QCOMPARE(dialog.record().id, QStringLiteral("github"));
    QVERIFY(label(&dialog, "idHintLabel")->text().contains(QLatin1String("github")));

    QTest::keyClicks(name, QStringLiteral("  Work Server "));
    QCOMPARE(dialog.record().name, QStringLiteral("Work Server"));
    QCOMPARE(dialog.record().id, QStringLiteral("work-server"));
    QCOMPARE(dialog.derivedId(), QStringLiteral("work-server"));
    QVERIFY(label(&dialog, "idHintLabel")->text().contains(QLatin1String("work-server")));
}

void TestServerDialog::derivedIdConflict_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("conflictingId"); ///< empty: no conflict

    QTest::addRow("host of empty name") << "https://mcp.github.com/mcp"
                                        << ""
                                        << "github";
    QTest::addRow("same name") << "https://example.com/mcp"
                               << "GitHub"
                               << "github";
    QTest::addRow("same slug") << "https://example.com/mcp"
                               << "Work  Server!"
                               << "work-server";
    QTest::addRow("accented") << "https://example.com/mcp"
                              << "W\u00f6rk Server"
                              << "work-server";
    QTest::addRow("other name") << "https://mcp.github.com/mcp"
                                << "GitHub 2"
                                << "";
    QTest::addRow("other host") << "https://mcp.gitlab.com/mcp"
                                << ""
                                << "";
}

void TestServerDialog::derivedIdConflict()
{
    QFETCH(QString, url);
    QFETCH(QString, name);
    QFETCH(QString, conflictingId);
    const QStringList existing { QStringLiteral("github"), QStringLiteral("work-server") };

    ServerDialog add(ServerDialog::Mode::Add, nullptr);
    add.setExistingIds(existing);
    add.show();
    typeUrl(&add, url);
    typeInto(&add, "nameEdit", name);
    QLabel *error = label(&add, "nameErrorLabel");
    QCOMPARE(error->isVisible(), !conflictingId.isEmpty());
    QCOMPARE(okButton(&add)->isEnabled(), conflictingId.isEmpty());
    QCOMPARE(child<QLineEdit>(&add, "nameEdit")->actions().first()->isVisible(),
             !conflictingId.isEmpty());
    if (!conflictingId.isEmpty()) {
        QVERIFY2(error->text().contains(conflictingId), qPrintable(error->text()));
        QCOMPARE(add.derivedId(), conflictingId);
    }

    // Editing a server keeps its id: the same name is no conflict there.
    ServerDialog edit(ServerDialog::Mode::Edit, nullptr);
    edit.setExistingIds(existing);
    ServerRecord record;
    record.id = QStringLiteral("github");
    record.mcpUrl = QUrl(url);
    edit.setRecord(record);
    edit.show();
    typeInto(&edit, "nameEdit", name);
    QVERIFY(!label(&edit, "nameErrorLabel")->isVisible());
    QVERIFY(okButton(&edit)->isEnabled());
    QCOMPARE(edit.record().id, QStringLiteral("github"));
}

void TestServerDialog::derivedIdMatchesRegistry_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");

    QTest::addRow("plain") << "GitHub"
                           << "https://example.com/mcp";
    QTest::addRow("spaces and marks") << "  Caf\u00e9 -- Server  "
                                      << "https://example.com/mcp";
    QTest::addRow("no usable character") << "!!!"
                                         << "https://api.notion.so/mcp";
    QTest::addRow("empty, host") << ""
                                 << "https://mcp.linear.app/sse";
    QTest::addRow("empty, ip host") << ""
                                    << "http://127.0.0.1:3000/mcp";
    QTest::addRow("long") << QString(80, QLatin1Char('x')) + QStringLiteral(" y")
                          << "https://example.com/mcp";
}

void TestServerDialog::derivedIdMatchesRegistry()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    ServerRegistry registry(directory.filePath(QStringLiteral("config.json")));
    ServerRecord record;
    record.name = name;
    record.mcpUrl = QUrl(url);
    QString assigned;
    QVERIFY(!registry.addServer(record, &assigned));
    QCOMPARE(ServerDialog::deriveId(name, QUrl(url)), assigned);
    QVERIFY(ServerRegistry::isValidServerId(assigned));
}

void TestServerDialog::roundTripEveryField()
{
    const ServerRecord original = fullRecord();
    ServerDialog dialog(ServerDialog::Mode::Edit, nullptr);
    dialog.setRecord(original);
    dialog.show();
    compareRecords(dialog.record(), original);
    QVERIFY(dialog.isValid());
    // Non-default advanced settings are shown, not hidden away.
    QVERIFY(child<QToolButton>(&dialog, "advancedToggle")->isChecked());
    QVERIFY(child<QWidget>(&dialog, "advancedWidget")->isVisible());
    QCOMPARE(child<QSpinBox>(&dialog, "callbackPortSpin")->value(), 38917);
    QCOMPARE(child<QLineEdit>(&dialog, "scopesEdit")->text(), QStringLiteral("repo read:user"));
    QVERIFY(!child<QCheckBox>(&dialog, "sendResourceCheck")->isChecked());

    // Defaults round-trip too, and keep Advanced folded.
    ServerRecord defaults;
    defaults.id = QStringLiteral("plain");
    defaults.name = QStringLiteral("Plain");
    defaults.mcpUrl = QUrl(QStringLiteral("https://plain.example.com/mcp"));
    ServerDialog plain(ServerDialog::Mode::Edit, nullptr);
    plain.setRecord(defaults);
    plain.show();
    compareRecords(plain.record(), defaults);
    QVERIFY(!child<QToolButton>(&plain, "advancedToggle")->isChecked());
    QVERIFY(!child<QWidget>(&plain, "advancedWidget")->isVisible());
    QVERIFY(child<QCheckBox>(&plain, "sendResourceCheck")->isChecked()); // on by default

    // In Add mode the id is the derived one, everything else the same.
    ServerDialog add(ServerDialog::Mode::Add, nullptr);
    add.setRecord(original);
    ServerRecord expected = original;
    expected.id = QStringLiteral("github-work");
    compareRecords(add.record(), expected);
}

void TestServerDialog::roundTripChoices_data()
{
    QTest::addColumn<int>("authMethod"); ///< -1: automatic
    QTest::addColumn<QString>("browser");
    QTest::addColumn<QString>("redirectHost");
    QTest::addColumn<int>("port");

    QTest::addRow("automatic, app default") << -1 << ""
                                            << "127.0.0.1" << 0;
    QTest::addRow("none, embedded") << static_cast<int>(ClientAuthMethod::None) << "embedded"
                                    << "localhost" << 1;
    QTest::addRow("post, system") << static_cast<int>(ClientAuthMethod::ClientSecretPost)
                                  << "system"
                                  << "127.0.0.1" << 65535;
    QTest::addRow("basic, unknown host kept")
        << static_cast<int>(ClientAuthMethod::ClientSecretBasic) << ""
        << "[::1]" << 8080;
}

void TestServerDialog::roundTripChoices()
{
    QFETCH(int, authMethod);
    QFETCH(QString, browser);
    QFETCH(QString, redirectHost);
    QFETCH(int, port);
    ServerRecord record;
    record.id = QStringLiteral("x");
    record.name = QStringLiteral("X");
    record.mcpUrl = QUrl(QStringLiteral("https://x.example.com/mcp"));
    if (authMethod >= 0)
        record.authMethod = static_cast<ClientAuthMethod>(authMethod);
    record.browser = browser;
    record.redirectHost = redirectHost;
    record.callbackPort = static_cast<quint16>(port);

    ServerDialog dialog(ServerDialog::Mode::Edit, nullptr);
    dialog.setRecord(record);
    compareRecords(dialog.record(), record);
}

void TestServerDialog::editingThroughTheControls()
{
    ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
    dialog.show();
    typeUrl(&dialog, QStringLiteral("https://tools.example.com/mcp"));
    typeInto(&dialog, "nameEdit", QStringLiteral("Tools"));
    QTest::mouseClick(child<QToolButton>(&dialog, "advancedToggle"), Qt::LeftButton);
    QVERIFY(child<QWidget>(&dialog, "advancedWidget")->isVisible());
    typeInto(&dialog, "clientIdEdit", QStringLiteral(" my-client "));
    typeInto(&dialog, "clientMetadataUrlEdit", QStringLiteral("https://me.example.org/c.json"));
    typeInto(&dialog, "scopesEdit", QStringLiteral("  mcp:read   mcp:write "));
    auto *method = child<QComboBox>(&dialog, "authMethodCombo");
    method->setCurrentIndex(method->findData(static_cast<int>(ClientAuthMethod::ClientSecretPost)));
    auto *port = child<QSpinBox>(&dialog, "callbackPortSpin");
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("33418"));
    auto *host = child<QComboBox>(&dialog, "redirectHostCombo");
    host->setCurrentIndex(host->findText(QStringLiteral("localhost")));
    QTest::keyClick(child<QCheckBox>(&dialog, "sendResourceCheck"), Qt::Key_Space);
    auto *browser = child<QComboBox>(&dialog, "browserCombo");
    browser->setCurrentIndex(browser->findData(QStringLiteral("system")));

    const ServerRecord record = dialog.record();
    QCOMPARE(record.id, QStringLiteral("tools"));
    QCOMPARE(record.name, QStringLiteral("Tools"));
    QCOMPARE(record.mcpUrl, QUrl(QStringLiteral("https://tools.example.com/mcp")));
    QCOMPARE(record.clientId, QStringLiteral("my-client"));
    QCOMPARE(record.clientMetadataUrl, QUrl(QStringLiteral("https://me.example.org/c.json")));
    QCOMPARE(record.scopes,
             (QStringList { QStringLiteral("mcp:read"), QStringLiteral("mcp:write") }));
    QCOMPARE(record.authMethod,
             std::optional<ClientAuthMethod>(ClientAuthMethod::ClientSecretPost));
    QCOMPARE(record.callbackPort, quint16(33418));
    QCOMPARE(record.redirectHost, QStringLiteral("localhost"));
    QVERIFY(!record.sendResource);
    QCOMPARE(record.browser, QStringLiteral("system"));
    QVERIFY(okButton(&dialog)->isEnabled());

    // Port 0 reads "Automatic".
    port->setValue(0);
    QCOMPARE(port->text(), QStringLiteral("Automatic"));
    QCOMPARE(dialog.record().callbackPort, quint16(0));
}

void TestServerDialog::clientSecretOnlyViaGetter()
{
    const QString secret = QStringLiteral("s3cr3t-value-1234");
    ServerDialog dialog(ServerDialog::Mode::Edit, nullptr);
    ServerRecord original = fullRecord();
    dialog.setRecord(original);
    dialog.show();
    auto *field = child<QLineEdit>(&dialog, "clientSecretEdit");
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    QVERIFY(dialog.clientSecret().isEmpty());
    QTest::keyClicks(field, secret);
    QCOMPARE(dialog.clientSecret(), secret);
    QVERIFY(field->displayText() != secret); // masked on screen

    // Nowhere in the record, not even in a field it should not be in.
    const ServerRecord record = dialog.record();
    const QStringList strings { record.id,
                                record.name,
                                record.mcpUrl.toString(),
                                record.clientId,
                                record.clientMetadataUrl.toString(),
                                record.redirectHost,
                                record.scopes.join(QLatin1Char(' ')),
                                record.browser,
                                record.preferredIssuer,
                                record.defaultAccount,
                                QString::fromUtf8(QJsonDocument(record.unknownFields).toJson()) };
    for (const QString &text : strings)
        QVERIFY2(!text.contains(secret), qPrintable(text));
    compareRecords(record, original);

    // A stored secret is not shown; the field says how to keep it.
    dialog.setClientSecretStored(true);
    QVERIFY(field->placeholderText().contains(QLatin1String("keychain")));
    // Showing another record forgets what was typed.
    dialog.setRecord(original);
    QVERIFY(dialog.clientSecret().isEmpty());
}

void TestServerDialog::clientMetadataUrlValidation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("message"); ///< empty: valid

    QTest::addRow("empty") << ""
                           << "";
    QTest::addRow("https with path") << "https://app.example.org/client.json"
                                     << "";
    QTest::addRow("http") << "http://app.example.org/client.json"
                          << "https://";
    QTest::addRow("http loopback") << "http://127.0.0.1/client.json"
                                   << "https://";
    QTest::addRow("no path") << "https://app.example.org"
                             << "needs a path";
    QTest::addRow("root path") << "https://app.example.org/"
                               << "needs a path";
    QTest::addRow("fragment") << "https://app.example.org/c.json#x"
                              << "#";
    QTest::addRow("garbage") << "client json"
                             << "not a complete web address";
}

void TestServerDialog::clientMetadataUrlValidation()
{
    QFETCH(QString, url);
    QFETCH(QString, message);
    ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
    dialog.show();
    typeUrl(&dialog, QStringLiteral("https://example.com/mcp"));
    child<QToolButton>(&dialog, "advancedToggle")->setChecked(true);
    typeInto(&dialog, "clientMetadataUrlEdit", url);
    QLabel *error = label(&dialog, "clientMetadataUrlErrorLabel");
    QCOMPARE(error->isVisible(), !message.isEmpty());
    QCOMPARE(okButton(&dialog)->isEnabled(), message.isEmpty());
    if (!message.isEmpty())
        QVERIFY2(error->text().contains(message, Qt::CaseInsensitive), qPrintable(error->text()));
}

void TestServerDialog::planRegistration_data()
{
    QTest::addColumn<bool>("registrationEndpoint");
    QTest::addColumn<bool>("metadataDocumentSupported");
    QTest::addColumn<QStringList>("authMethods");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("metadataUrl");
    QTest::addColumn<ServerDialog::Registration>("expected");

    const QStringList none { QStringLiteral("none") };
    const QString cimd = QStringLiteral("https://app.example.org/client.json");
    QTest::addRow("dcr") << true << false << none << ""
                         << "" << ServerDialog::Registration::Dynamic;
    QTest::addRow("dcr, methods unlisted") << true << false << QStringList() << ""
                                           << "" << ServerDialog::Registration::Dynamic;
    QTest::addRow("dcr, only private_key_jwt")
        << true << false << QStringList { QStringLiteral("private_key_jwt") } << ""
        << "" << ServerDialog::Registration::NeedsClientId;
    QTest::addRow("client id beats everything")
        << true << true << none << "abc" << cimd << ServerDialog::Registration::PreRegistered;
    QTest::addRow("cimd supported and set")
        << true << true << none << "" << cimd << ServerDialog::Registration::MetadataDocument;
    QTest::addRow("cimd set but unsupported")
        << true << false << none << "" << cimd << ServerDialog::Registration::Dynamic;
    QTest::addRow("cimd supported but not set") << false << true << none << ""
                                                << "" << ServerDialog::Registration::NeedsClientId;
    QTest::addRow("nothing") << false << false << none << ""
                             << "" << ServerDialog::Registration::NeedsClientId;
}

void TestServerDialog::planRegistration()
{
    QFETCH(bool, registrationEndpoint);
    QFETCH(bool, metadataDocumentSupported);
    QFETCH(QStringList, authMethods);
    QFETCH(QString, clientId);
    QFETCH(QString, metadataUrl);
    QFETCH(ServerDialog::Registration, expected);
    AuthServerMetadata metadata;
    metadata.issuer = QStringLiteral("https://auth.example.com");
    if (registrationEndpoint)
        metadata.registrationEndpoint = QUrl(QStringLiteral("https://auth.example.com/register"));
    metadata.clientIdMetadataDocumentSupported = metadataDocumentSupported;
    metadata.tokenEndpointAuthMethodsSupported = authMethods;
    QCOMPARE(ServerDialog::planRegistration(metadata, clientId, QUrl(metadataUrl)), expected);
}

// ---- live check against real and scripted servers ------------------------------

void TestServerDialog::checkReasons_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("reason");
    QTest::addRow("unreachable") << Error::Code::Unreachable << 0
                                 << "nothing answers at this address";
    QTest::addRow("timeout") << Error::Code::Timeout << 0 << "no answer in time";
    QTest::addRow("tls") << Error::Code::TlsFailure << 0
                         << "its security certificate was not accepted";
    QTest::addRow("network") << Error::Code::Network << 0 << "network error";
    QTest::addRow("http status") << Error::Code::HttpStatus << 503 << "HTTP status 503";
    QTest::addRow("http status unknown") << Error::Code::HttpStatus << 0 << "an HTTP error";
    QTest::addRow("too large") << Error::Code::ResponseTooLarge << 0 << "the answer was too large";
    QTest::addRow("malformed") << Error::Code::MalformedResponse << 0
                               << "the answer was not understood";
    QTest::addRow("content type") << Error::Code::UnexpectedContentType << 0
                                  << "the answer was not understood";
    QTest::addRow("invalid url") << Error::Code::InvalidUrl << 0
                                 << "an address it named is not allowed";
    QTest::addRow("insecure url") << Error::Code::InsecureUrl << 0
                                  << "an address it named is not allowed";
    QTest::addRow("no metadata") << Error::Code::MetadataNotFound << 0
                                 << "it publishes no sign-in information";
    QTest::addRow("resource mismatch")
        << Error::Code::ResourceMismatch << 0 << "its sign-in information names a different server";
    QTest::addRow("issuer mismatch")
        << Error::Code::IssuerMismatch << 0
        << "the authorization server's information names a different issuer";
    QTest::addRow("no pkce")
        << Error::Code::PkceNotSupported << 0
        << "the authorization server does not support PKCE, which sign-in needs";
    QTest::addRow("cancelled") << Error::Code::Cancelled << 0 << "cancelled";
    QTest::addRow("anything else: the code's name")
        << Error::Code::InvalidClient << 0 << Error(Error::Code::InvalidClient, {}).codeName();
}

// The check's few words per error come from SignInText's one table.
void TestServerDialog::checkReasons()
{
    QFETCH(Error::Code, code);
    QFETCH(int, httpStatus);
    QFETCH(QString, reason);
    const Error error(code, QStringLiteral("some detail"));
    QCOMPARE(SignInText::reason(error, httpStatus), reason);
}

void TestServerDialog::checkSdkServer()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();

    // Typing starts no check at once; it runs when the typing pauses.
    typeUrl(&dialog, server.mcpUrl().toString());
    QCOMPARE(dialog.checkResult(), ServerDialog::CheckResult::None);
    QVERIFY(!dialog.isChecking());
    QVERIFY(dialog.findChild<QTimer *>(QStringLiteral("checkDelayTimer"))->isActive());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::SignInRequired,
                              CheckTimeoutMs);
    QVERIFY(!child<QProgressBar>(&dialog, "checkProgress")->isVisible());

    QVERIFY2(label(&dialog, "checkStatusLabel")->text().contains(QLatin1String("needs sign-in")),
             qPrintable(label(&dialog, "checkStatusLabel")->text()));
    // The SDK server is its own authorization server: issuer http://127.0.0.1:<port>/.
    const QString issuerHost = QStringLiteral("127.0.0.1:%1").arg(server.mcpUrl().port());
    QLabel *issuer = label(&dialog, "issuerLabel");
    QVERIFY(issuer->isVisible());
    QVERIFY2(issuer->text().contains(issuerHost), qPrintable(issuer->text()));
    QLabel *registration = label(&dialog, "registrationLabel");
    QVERIFY(registration->isVisible());
    QVERIFY2(registration->text().contains(QLatin1String("dynamic registration")),
             qPrintable(registration->text()));
    QCOMPARE(dialog.plannedRegistration(), ServerDialog::Registration::Dynamic);
    QVERIFY(!child<QToolButton>(&dialog, "advancedToggle")->isChecked());

    // A client id typed under Advanced changes the plan at once, without a new check.
    const int requests = server.stats().value(QLatin1String("mcpRequests")).toInt();
    child<QToolButton>(&dialog, "advancedToggle")->setChecked(true);
    QTest::keyClicks(child<QLineEdit>(&dialog, "clientIdEdit"), QStringLiteral("my-app"));
    QVERIFY2(registration->text().contains(QLatin1String("pre-registered client ID")),
             qPrintable(registration->text()));
    QCOMPARE(dialog.plannedRegistration(), ServerDialog::Registration::PreRegistered);
    QCOMPARE(server.stats().value(QLatin1String("mcpRequests")).toInt(), requests);
    QCOMPARE(server.stats().value(QLatin1String("register")).toInt(),
             0); // a check registers nothing
}

void TestServerDialog::checkOidcServer()
{
    TestServer server(TestServer::Kind::Oidc);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QJsonObject prm = getJson(server.mcpUrl().resolved(
        QUrl(QStringLiteral("/.well-known/oauth-protected-resource/mcp"))));
    const QUrl authServer(
        prm.value(QLatin1String("authorization_servers")).toArray().first().toString());
    QVERIFY2(authServer.port() > 0, qPrintable(QString::fromUtf8(toJson(prm))));
    QVERIFY(authServer.port() != server.mcpUrl().port());

    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Edit, &http);
    ServerRecord record;
    record.id = QStringLiteral("oidc");
    record.mcpUrl = server.mcpUrl();
    dialog.setRecord(record);
    dialog.show();
    QCOMPARE(dialog.checkResult(), ServerDialog::CheckResult::None); // setRecord checks nothing
    QTest::mouseClick(child<QPushButton>(&dialog, "checkButton"), Qt::LeftButton);
    QVERIFY(dialog.isChecking());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::SignInRequired,
                              CheckTimeoutMs);
    const QString issuer = label(&dialog, "issuerLabel")->text();
    QVERIFY2(issuer.contains(QStringLiteral("127.0.0.1:%1").arg(authServer.port())),
             qPrintable(issuer));
    QCOMPARE(label(&dialog, "issuerLabel")->toolTip(), authServer.toString());
    QVERIFY(label(&dialog, "registrationLabel")
                ->text()
                .contains(QLatin1String("dynamic registration")));
}

void TestServerDialog::checkOpenServer()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    scriptOpenServer(server);
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, server.url(QStringLiteral("/mcp")).toString());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::Open,
                              CheckTimeoutMs);
    const QString status = label(&dialog, "checkStatusLabel")->text();
    QVERIFY2(status.contains(QLatin1String("No sign-in needed")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("Open Notes")), qPrintable(status));
    QVERIFY(!label(&dialog, "issuerLabel")->isVisible());
    QVERIFY(!label(&dialog, "registrationLabel")->isVisible());
    QVERIFY(!dialog.plannedRegistration());
    QVERIFY(!label(&dialog, "checkStatusIconLabel")->pixmap().isNull());
    // server/discover (refused by a 2025-era server: here, answered without
    // supportedVersions), then one initialize, nothing more, never a token.
    QCOMPARE(server.requests().size(), 2);
    for (const auto &request : server.requests()) {
        QCOMPARE(request.method, QByteArray("POST"));
        QVERIFY(request.header("Authorization").isEmpty());
    }

    // A URL set by the program (not typed) drops the result, but checks nothing by itself.
    auto *url = child<QLineEdit>(&dialog, "urlEdit");
    url->setText(server.url(QStringLiteral("/other")).toString());
    QCOMPARE(dialog.checkResult(), ServerDialog::CheckResult::None);
    QVERIFY(!label(&dialog, "checkStatusLabel")->text().contains(QLatin1String("No sign-in")));
    QVERIFY(!dialog.findChild<QTimer *>(QStringLiteral("checkDelayTimer"))->isActive());
    // Only a change of URL does: spaces around the same URL keep the result.
    url->setText(server.url(QStringLiteral("/mcp")).toString());
    dialog.startCheck();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::Open,
                              CheckTimeoutMs);
    QTest::keyClick(url, Qt::Key_Space);
    QCOMPARE(dialog.checkResult(), ServerDialog::CheckResult::Open);
}

void TestServerDialog::checkClosedPort()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, QStringLiteral("http://127.0.0.1:%1/mcp").arg(port));
    QTest::mouseClick(child<QPushButton>(&dialog, "checkButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::Unreachable,
                              CheckTimeoutMs);
    const QString status = label(&dialog, "checkStatusLabel")->text();
    QVERIFY2(status.startsWith(QLatin1String("Can't reach the server (")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("nothing answers")), qPrintable(status));
    QVERIFY(label(&dialog, "checkStatusLabel")->toolTip().contains(QString::number(port)));
    QVERIFY(!label(&dialog, "issuerLabel")->isVisible());
    // An unreachable server is no reason to refuse it: it may be down for now.
    QVERIFY(okButton(&dialog)->isEnabled());
}

void TestServerDialog::checkServerWithoutRegistration()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    scriptNoRegistrationServer(server);
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, server.url(QStringLiteral("/mcp")).toString());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::SignInRequired,
                              CheckTimeoutMs);
    QLabel *registration = label(&dialog, "registrationLabel");
    QVERIFY2(registration->text().contains(QLatin1String("needs a client ID")),
             qPrintable(registration->text()));
    QVERIFY(registration->text().contains(QLatin1String("Advanced")));
    QCOMPARE(dialog.plannedRegistration(), ServerDialog::Registration::NeedsClientId);
    // Advanced opens by itself: that is where the client id goes.
    QVERIFY(child<QWidget>(&dialog, "advancedWidget")->isVisible());
    QVERIFY(label(&dialog, "issuerLabel")
                ->text()
                .contains(QStringLiteral("127.0.0.1:%1").arg(server.port())));

    // This AS supports client ID metadata documents: a URL for one is a way in.
    QTest::keyClicks(child<QLineEdit>(&dialog, "clientMetadataUrlEdit"),
                     QStringLiteral("https://app.example.org/client.json"));
    QVERIFY2(registration->text().contains(QLatin1String("client ID metadata document")),
             qPrintable(registration->text()));
    QCOMPARE(dialog.plannedRegistration(), ServerDialog::Registration::MetadataDocument);
    // And a client id beats both.
    QTest::keyClicks(child<QLineEdit>(&dialog, "clientIdEdit"), QStringLiteral("given-id"));
    QVERIFY(registration->text().contains(QLatin1String("pre-registered client ID")));
}

void TestServerDialog::checkDiscoveryFailure()
{
    // The protected resource metadata names another server: discovery refuses it.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    scriptNoRegistrationServer(server);
    server.route(
        "/.well-known/oauth-protected-resource/mcp",
        ScriptedHttpServer::json(
            200,
            toJson({ { QLatin1String("resource"), QLatin1String("https://other.example.com/mcp") },
                     { QLatin1String("authorization_servers"),
                       QJsonArray { server.url().toString() } } })));
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, server.url(QStringLiteral("/mcp")).toString());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(),
                              ServerDialog::CheckResult::SignInRequiredNoAuthServer,
                              CheckTimeoutMs);
    QVERIFY(label(&dialog, "checkStatusLabel")->text().contains(QLatin1String("needs sign-in")));
    const QString issuer = label(&dialog, "issuerLabel")->text();
    QVERIFY2(issuer.contains(QLatin1String("different server")), qPrintable(issuer));
    QVERIFY(!label(&dialog, "registrationLabel")->isVisible());
}

void TestServerDialog::checkDetailsShowTheSteps()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    scriptNoRegistrationServer(server);
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    auto *details = child<QPushButton>(&dialog, "checkDetailsButton");
    QVERIFY(!details->isEnabled()); // nothing to show yet
    typeUrl(&dialog, server.url(QStringLiteral("/mcp")).toString());
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::SignInRequired,
                              CheckTimeoutMs);
    QVERIFY(details->isEnabled());
    QTest::mouseClick(details, Qt::LeftButton);
    auto *diagnostics = dialog.findChild<DiagnosticsDialog *>();
    QVERIFY(diagnostics);
    QVERIFY(diagnostics->isVisible());
    QCOMPARE(diagnostics->trace(), dialog.checkTrace());
    QVERIFY(diagnostics->stepCount() >= 3); // probe, PRM, AS metadata
    const QString report = diagnostics->reportText();
    QVERIFY2(report.contains(QLatin1String("protected resource metadata")), qPrintable(report));
    QVERIFY(report.contains(QLatin1String("requires sign-in")));

    // Closing the server dialog closes its details window too.
    dialog.reject();
    QTRY_VERIFY(!dialog.findChild<DiagnosticsDialog *>());
}

void TestServerDialog::newCheckAbandonsTheOld()
{
    ScriptedHttpServer silent; // accepts the connection, never answers
    QVERIFY(silent.listen());
    silent.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    ScriptedHttpServer open;
    QVERIFY(open.listen());
    scriptOpenServer(open);

    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, silent.url(QStringLiteral("/mcp")).toString());
    dialog.startCheck();
    QVERIFY(dialog.isChecking());
    QTRY_COMPARE(silent.requests().size(), 1);

    typeUrl(&dialog, open.url(QStringLiteral("/mcp")).toString());
    QVERIFY(!dialog.isChecking()); // editing the URL abandoned the old check
    dialog.startCheck();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::Open,
                              CheckTimeoutMs);
    QTRY_VERIFY(dialog.findChildren<ProbeJob *>().isEmpty());
    // The trace is of the new check only.
    int probes = 0;
    for (const Trace::Step &step : dialog.checkTrace()->steps())
        probes += step.what.contains(QLatin1String("initialize")) ? 1 : 0;
    QCOMPARE(probes, 1);
    QCOMPARE(dialog.checkResult(), ServerDialog::CheckResult::Open);

    // Starting a check while one runs abandons the running one too.
    typeUrl(&dialog, silent.url(QStringLiteral("/mcp")).toString());
    dialog.startCheck();
    QTRY_COMPARE(silent.requests().size(), 2);
    dialog.startCheck();
    QTRY_COMPARE(silent.requests().size(), 3);
    QTRY_COMPARE(dialog.findChildren<ProbeJob *>().size(), 1);
    QVERIFY(dialog.isChecking());
    dialog.stopCheck();
}

void TestServerDialog::stopButtonStopsTheCheck()
{
    ScriptedHttpServer silent;
    QVERIFY(silent.listen());
    silent.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, silent.url(QStringLiteral("/mcp")).toString());
    auto *button = child<QPushButton>(&dialog, "checkButton");
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(dialog.isChecking());
    QCOMPARE(button->text(), QStringLiteral("&Stop"));
    QVERIFY(child<QProgressBar>(&dialog, "checkProgress")->isVisible());
    QVERIFY(child<QPushButton>(&dialog, "checkDetailsButton")->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!dialog.isChecking());
    QCOMPARE(dialog.checkResult(), ServerDialog::CheckResult::None);
    QVERIFY(label(&dialog, "checkStatusLabel")->text().contains(QLatin1String("stopped")));
    QVERIFY(!child<QProgressBar>(&dialog, "checkProgress")->isVisible());
    QCOMPARE(button->text(), QStringLiteral("Chec&k"));
    QTRY_VERIFY(dialog.findChildren<ProbeJob *>().isEmpty());
}

void TestServerDialog::closingStopsTheCheck()
{
    ScriptedHttpServer silent;
    QVERIFY(silent.listen());
    silent.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    dialog.show();
    typeUrl(&dialog, silent.url(QStringLiteral("/mcp")).toString());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isChecking(), 5000); // the automatic check
    QTRY_COMPARE(silent.requests().size(), 1);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!dialog.isChecking());
    QTRY_VERIFY(dialog.findChildren<ProbeJob *>().isEmpty());

    // Closing while only the delay runs: no check starts afterwards.
    ServerDialog second(ServerDialog::Mode::Add, &http);
    second.setCheckDelay(std::chrono::milliseconds(50));
    second.show();
    typeUrl(&second, silent.url(QStringLiteral("/mcp")).toString());
    auto *delay = second.findChild<QTimer *>(QStringLiteral("checkDelayTimer"));
    QVERIFY(delay->isActive());
    second.reject();
    QVERIFY(!delay->isActive());
    QVERIFY(!second.isChecking());
}

// ---- keyboard -------------------------------------------------------------------

void TestServerDialog::keyboardOperation()
{
    ScriptedHttpServer open;
    QVERIFY(open.listen());
    scriptOpenServer(open);
    HttpClient http;
    ServerDialog dialog(ServerDialog::Mode::Add, &http);
    ServerRecord record;
    record.mcpUrl = open.url(QStringLiteral("/mcp"));
    dialog.setRecord(record);
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(QApplication::focusWidget(), child<QWidget>(&dialog, "urlEdit"));

    // Every control has an accessible name.
    const QStringList controls {
        QStringLiteral("urlEdit"),           QStringLiteral("nameEdit"),
        QStringLiteral("checkButton"),       QStringLiteral("advancedToggle"),
        QStringLiteral("clientIdEdit"),      QStringLiteral("clientSecretEdit"),
        QStringLiteral("authMethodCombo"),   QStringLiteral("clientMetadataUrlEdit"),
        QStringLiteral("scopesEdit"),        QStringLiteral("callbackPortSpin"),
        QStringLiteral("redirectHostCombo"), QStringLiteral("sendResourceCheck"),
        QStringLiteral("browserCombo"),      QStringLiteral("okButton"),
        QStringLiteral("cancelButton"),
    };
    for (const QString &name : controls) {
        auto *widget = dialog.findChild<QWidget *>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    for (const char *name :
         { "checkDetailsButton", "checkProgress", "checkStatusLabel", "issuerLabel",
           "registrationLabel", "urlErrorLabel", "nameErrorLabel", "clientMetadataUrlErrorLabel" })
        QVERIFY2(!child<QWidget>(&dialog, name)->accessibleName().isEmpty(), name);

    // Alt+A opens Advanced (a mnemonic; the click lands a moment later).
    QVERIFY(!child<QWidget>(&dialog, "advancedWidget")->isVisible());
    QTest::keyClick(&dialog, Qt::Key_A, Qt::AltModifier);
    QTRY_VERIFY(child<QWidget>(&dialog, "advancedWidget")->isVisible());
    QCOMPARE(child<QToolButton>(&dialog, "advancedToggle")->accessibleName(),
             QStringLiteral("Hide the advanced settings"));

    // Tab visits every control, in reading order.
    QStringList reached { QApplication::focusWidget()->objectName() };
    for (int i = 0; i < controls.size() + 2; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget()->objectName();
    }
    for (const QString &name : controls)
        QVERIFY2(reached.contains(name), qPrintable(reached.join(QLatin1Char(' '))));
    QVERIFY(reached.indexOf(QStringLiteral("urlEdit"))
            < reached.indexOf(QStringLiteral("nameEdit")));
    QVERIFY(reached.indexOf(QStringLiteral("clientIdEdit"))
            < reached.indexOf(QStringLiteral("browserCombo")));

    // Space on the toggle folds Advanced again; its fields leave the tab chain.
    auto *toggle = child<QToolButton>(&dialog, "advancedToggle");
    toggle->setFocus();
    QTest::keyClick(toggle, Qt::Key_Space);
    QVERIFY(!child<QWidget>(&dialog, "advancedWidget")->isVisible());
    QTest::keyClick(toggle, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("okButton"));

    // Mnemonics reach the fields: Alt+N the name.
    QTest::keyClick(&dialog, Qt::Key_N, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("nameEdit"));
    // Alt+K runs the check.
    QTest::keyClick(&dialog, Qt::Key_K, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.checkResult(), ServerDialog::CheckResult::Open,
                              CheckTimeoutMs);
}

void TestServerDialog::enterAndEscape()
{
    {
        // Enter in a field accepts a valid dialog; nothing else (not Check) is the default.
        HttpClient http;
        ServerDialog dialog(ServerDialog::Mode::Add, &http);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *url = child<QLineEdit>(&dialog, "urlEdit");
        QTest::keyClicks(url, QStringLiteral("http://example.com/mcp"));
        QTest::keyClick(url, Qt::Key_Return);
        QCOMPARE(accepted.count(), 0); // remote http: not valid
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.isChecking());

        url->selectAll();
        QTest::keyClicks(url, QStringLiteral("https://127.0.0.1:9/mcp"));
        auto *name = child<QLineEdit>(&dialog, "nameEdit");
        name->setFocus();
        QTest::keyClicks(name, QStringLiteral("Example"));
        QTest::keyClick(name, Qt::Key_Enter);
        QCOMPARE(accepted.count(), 1);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.record().name, QStringLiteral("Example"));
        QVERIFY(!dialog.isChecking()); // accepting stopped the pending check
    }
    {
        // Enter in the port spin box accepts too.
        ServerDialog dialog(ServerDialog::Mode::Edit, nullptr);
        dialog.setRecord(fullRecord());
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *port = child<QSpinBox>(&dialog, "callbackPortSpin");
        port->setFocus();
        QTest::keyClick(port, Qt::Key_Return);
        QCOMPARE(accepted.count(), 1);
    }
    {
        // Escape cancels.
        ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        auto *url = child<QLineEdit>(&dialog, "urlEdit");
        QTest::keyClicks(url, QStringLiteral("https://example.com/mcp"));
        QTest::keyClick(url, Qt::Key_Escape);
        QCOMPARE(rejected.count(), 1);
        QVERIFY(!dialog.isVisible());
    }
}

QTEST_MAIN(TestServerDialog)
#include "tst_serverdialog.moc"
