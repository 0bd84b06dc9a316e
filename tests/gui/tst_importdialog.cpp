#include "core/accounts/accountservice.h"
#include "core/base/clock.h"
#include "core/import/clientconfiglocations.h"
#include "core/import/configimporter.h"
#include "core/net/httpclient.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"
#include "gui/importdialog.h"
#include "gui/mainwindow.h"

#include "testfiles.h"
#include "testserver.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Mcpa;
using namespace Mcpa::TestFiles;

namespace {

constexpr int NameColumn = 0;
constexpr int ActionColumn = 2;
constexpr int DetailColumn = 3;

} // namespace

// The Import dialog over the real ConfigImporter: the sample configs of
// tests/data/import, a real config file, the session's keychain and, for
// mcp-remote's tokens, the real SDK test server.
class TestImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void previewIsAChecklist();
    void importsOnlyTheCheckedServers();
    void malformedFileImportsNothing();
    void serversAlreadyHereAreMerged();
    void mcpRemoteTokensMoveToTheKeychain_data();
    void mcpRemoteTokensMoveToTheKeychain();
    void mainWindowOpensTheDialog();

private:
    ImportEnvironment environment() const;
    ImportDialog *newDialog();
    QTreeWidgetItem *row(ImportDialog *dialog, const QString &name) const;
    /// Clicks Import and waits for the end; false when it never came.
    bool importAndWait(ImportDialog *dialog);

    QTemporaryDir *m_dir = nullptr;
    ServerRegistry *m_registry = nullptr;
    SecretStore *m_secrets = nullptr;
    TokenStore *m_tokens = nullptr;
    HttpClient *m_http = nullptr;
    QStringList m_questions;
    bool m_answer = false;
};

void TestImportDialog::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_registry = new ServerRegistry(m_dir->filePath(QStringLiteral("config/config.json")));
    m_registry->load();
    m_secrets = new SecretStore(QStringLiteral("mcp-accounts-test-importdialog"));
    m_tokens = new TokenStore(m_secrets);
    m_http = new HttpClient;
    m_questions.clear();
    m_answer = false;
}

void TestImportDialog::cleanup()
{
    delete m_http;
    delete m_tokens;
    delete m_secrets;
    delete m_registry;
    delete m_dir;
}

ImportEnvironment TestImportDialog::environment() const
{
    ImportEnvironment result;
    result.platform = ImportEnvironment::Platform::Linux;
    result.homeDirectory = m_dir->filePath(QStringLiteral("home"));
    result.workingDirectory = m_dir->filePath(QStringLiteral("project"));
    return result.withDefaults();
}

ImportDialog *TestImportDialog::newDialog()
{
    auto *dialog = new ImportDialog(m_registry, m_tokens, m_http, Clock::system());
    dialog->setEnvironment(environment());
    dialog->setQuestionPresenter([this](const QString &title, const QString &) {
        m_questions.append(title);
        return m_answer;
    });
    return dialog;
}

QTreeWidgetItem *TestImportDialog::row(ImportDialog *dialog, const QString &name) const
{
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("candidateList"));
    for (int i = 0; list && i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(NameColumn) == name)
            return list->topLevelItem(i);
    }
    return nullptr;
}

bool TestImportDialog::importAndWait(ImportDialog *dialog)
{
    QSignalSpy ended(dialog, &ImportDialog::importEnded);
    QPushButton *button = dialog->importButton();
    if (!button || !button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return QTest::qWaitFor([&] { return !ended.isEmpty(); }, 60000);
}

void TestImportDialog::previewIsAChecklist()
{
    std::unique_ptr<ImportDialog> dialog(newDialog());
    dialog->setSource(ImportSource::ClaudeDesktop);
    dialog->setFilePath(sample(QStringLiteral("claude/claude_desktop_config.json")));
    dialog->scan();
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));

    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("candidateList"));
    QVERIFY(list);
    QCOMPARE(list->topLevelItemCount(), dialog->preview().candidates.size());
    QCOMPARE(list->topLevelItemCount(), 9);

    // Remote servers: checked, with the id they get.
    QTreeWidgetItem *linear = row(dialog.get(), QStringLiteral("linear"));
    QVERIFY(linear);
    QVERIFY(linear->flags() & Qt::ItemIsUserCheckable);
    QCOMPARE(linear->checkState(NameColumn), Qt::Checked);
    QVERIFY2(linear->text(ActionColumn).startsWith(QLatin1String("Add as")),
             qPrintable(linear->text(ActionColumn)));
    QCOMPARE(linear->text(DetailColumn), QStringLiteral("https://mcp.linear.app/sse"));
    // The same URL again: merged into the first.
    QTreeWidgetItem *again = row(dialog.get(), QStringLiteral("linear-again"));
    QVERIFY(again);
    QVERIFY2(again->text(ActionColumn).contains(QLatin1String("Same server")),
             qPrintable(again->text(ActionColumn)));
    // A local program: shown, not importable, with the reason.
    QTreeWidgetItem *local = row(dialog.get(), QStringLiteral("filesystem"));
    QVERIFY(local);
    QVERIFY(!(local->flags() & Qt::ItemIsUserCheckable));
    QVERIFY(!(local->flags() & Qt::ItemIsEnabled));
    QCOMPARE(local->text(ActionColumn), QStringLiteral("Skipped"));
    QVERIFY(!local->text(DetailColumn).isEmpty());
    QTreeWidgetItem *noUrl = row(dialog.get(), QStringLiteral("no-url"));
    QVERIFY(noUrl);
    QVERIFY(!(noUrl->flags() & Qt::ItemIsUserCheckable));

    // Settings taken along are listed under their server; the secret never is.
    QTreeWidgetItem *partner = row(dialog.get(), QStringLiteral("partner"));
    QVERIFY(partner);
    QStringList notes;
    for (int i = 0; i < partner->childCount(); ++i)
        notes << partner->child(i)->text(NameColumn);
    QVERIFY2(notes.join(QLatin1Char('|')).contains(QLatin1String("partner-app")),
             qPrintable(notes.join(QLatin1Char('|'))));
    QVERIFY(notes.join(QLatin1Char('|')).contains(QLatin1String("keychain")));
    for (QTreeWidgetItem *item :
         list->findItems(QStringLiteral("*"), Qt::MatchWildcard | Qt::MatchRecursive, NameColumn)) {
        for (int column = 0; column < list->columnCount(); ++column)
            QVERIFY(!item->text(column).contains(QLatin1String("partner-sample-secret")));
    }

    // The Import button follows the check boxes.
    QVERIFY(dialog->importButton()->isEnabled());
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = list->topLevelItem(i);
        if (item->flags() & Qt::ItemIsUserCheckable)
            item->setCheckState(NameColumn, Qt::Unchecked);
    }
    QVERIFY(!dialog->importButton()->isEnabled());
    linear->setCheckState(NameColumn, Qt::Checked);
    QVERIFY(dialog->importButton()->isEnabled());
    // Nothing is stored by looking.
    QVERIFY(m_registry->servers().isEmpty());
    QVERIFY(!QFile::exists(m_registry->filePath()));
}

void TestImportDialog::importsOnlyTheCheckedServers()
{
    std::unique_ptr<ImportDialog> dialog(newDialog());
    dialog->setSource(ImportSource::ClaudeDesktop);
    dialog->setFilePath(sample(QStringLiteral("claude/claude_desktop_config.json")));
    dialog->scan();
    dialog->show();
    QTreeWidgetItem *atlassian = row(dialog.get(), QStringLiteral("atlassian"));
    QVERIFY(atlassian);
    atlassian->setCheckState(NameColumn, Qt::Unchecked);

    QVERIFY(importAndWait(dialog.get()));
    QVERIFY(!dialog->isImporting());
    QVERIFY(!dialog->importButton()->isEnabled()); // done: importing again needs a new look

    ServerRegistry reread(m_registry->filePath());
    QCOMPARE(reread.load().status, ConfigLoadResult::Status::Ok);
    QStringList ids;
    for (const ServerRecord &server : reread.servers())
        ids << server.id;
    QVERIFY2(ids.contains(QStringLiteral("linear")), qPrintable(ids.join(QLatin1Char(','))));
    QVERIFY(ids.contains(QStringLiteral("partner")));
    QVERIFY(!ids.contains(QStringLiteral("atlassian")));
    QVERIFY(!ids.contains(QStringLiteral("filesystem")));
    QVERIFY(!ids.contains(QStringLiteral("linear-again"))); // merged into linear

    QVERIFY2(row(dialog.get(), QStringLiteral("linear"))
                 ->text(ActionColumn)
                 .startsWith(QLatin1String("Added as")),
             qPrintable(row(dialog.get(), QStringLiteral("linear"))->text(ActionColumn)));
    QCOMPARE(atlassian->text(ActionColumn), QStringLiteral("Not imported"));
    auto *summary = dialog->findChild<QLabel *>(QStringLiteral("summaryLabel"));
    QVERIFY(summary->text().startsWith(QLatin1String("Imported ")));
    // The client secret went to the keychain, not to the file.
    QVERIFY(!readBytes(m_registry->filePath()).contains("partner-sample-secret"));
    QString secret;
    bool done = false;
    m_tokens->readServerClientSecret(QStringLiteral("partner"), this,
                                     [&](const QString &value, const Error &) {
                                         secret = value;
                                         done = true;
                                     });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
    QCOMPARE(secret, QStringLiteral("partner-sample-secret"));
    QVERIFY(m_questions.isEmpty()); // no mcp-remote files: nothing to ask
}

void TestImportDialog::malformedFileImportsNothing()
{
    ServerRecord existing;
    existing.id = QStringLiteral("kept");
    existing.name = QStringLiteral("Kept");
    existing.mcpUrl = QUrl(QStringLiteral("https://kept.example.com/mcp"));
    QVERIFY(!m_registry->addServer(existing));
    QVERIFY(!m_registry->save());
    const QByteArray before = readBytes(m_registry->filePath());

    std::unique_ptr<ImportDialog> dialog(newDialog());
    dialog->setSource(ImportSource::Cursor);
    dialog->setFilePath(sample(QStringLiteral("malformed/truncated.json")));
    dialog->scan();
    dialog->show();
    QVERIFY(dialog->preview().error);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("Nothing can be imported")),
             qPrintable(error->text()));
    QVERIFY(!dialog->importButton()->isEnabled());
    dialog->importChecked(); // refused, not just disabled
    QVERIFY(!dialog->isImporting());
    QCOMPARE(readBytes(m_registry->filePath()), before);

    // A good file afterwards clears the error.
    dialog->setFilePath(sample(QStringLiteral("cursor/mcp.json")));
    dialog->scan();
    QVERIFY(!error->isVisible());
    QVERIFY(dialog->importButton()->isEnabled());
}

void TestImportDialog::serversAlreadyHereAreMerged()
{
    ServerRecord existing;
    existing.id = QStringLiteral("my-linear");
    existing.name = QStringLiteral("Linear");
    existing.mcpUrl = QUrl(QStringLiteral("https://mcp.linear.app/sse"));
    QVERIFY(!m_registry->addServer(existing));
    QVERIFY(!m_registry->save());

    std::unique_ptr<ImportDialog> dialog(newDialog());
    dialog->setSource(ImportSource::ClaudeDesktop);
    dialog->setFilePath(sample(QStringLiteral("claude/claude_desktop_config.json")));
    dialog->scan();
    QTreeWidgetItem *linear = row(dialog.get(), QStringLiteral("linear"));
    QVERIFY(linear);
    QVERIFY2(linear->text(ActionColumn).contains(QStringLiteral("Already here as “my-linear”")),
             qPrintable(linear->text(ActionColumn)));
    QVERIFY(importAndWait(dialog.get()));
    ServerRegistry reread(m_registry->filePath());
    reread.load();
    int linears = 0;
    for (const ServerRecord &server : reread.servers())
        linears += server.mcpUrl.host() == QLatin1String("mcp.linear.app") ? 1 : 0;
    QCOMPARE(linears, 1);
}

void TestImportDialog::mcpRemoteTokensMoveToTheKeychain_data()
{
    QTest::addColumn<bool>("deleteFiles");
    QTest::newRow("person deletes the plain files") << true;
    QTest::newRow("person keeps them") << false;
}

void TestImportDialog::mcpRemoteTokensMoveToTheKeychain()
{
    QFETCH(bool, deleteFiles);
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString url = server.mcpUrl().toString();
    const ImportEnvironment env = environment();
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Md5).toHex());
    const QString directory = env.mcpRemoteConfigDirectory + QStringLiteral("/mcp-remote-0.0.22/");
    // Made-up values in an old mcp-remote's format (tst_importcli uses real ones).
    QVERIFY(writeBytes(directory + hash + QStringLiteral("_tokens.json"),
                       "{\"access_token\":\"dialog-migrated-access\",\"token_type\":\"Bearer\","
                       "\"expires_in\":3600,\"refresh_token\":\"dialog-migrated-refresh\"}"));
    QVERIFY(writeBytes(directory + hash + QStringLiteral("_client_info.json"),
                       "{\"client_id\":\"dialog-client\",\"redirect_uris\":"
                       "[\"http://localhost:4100/oauth/callback\"],"
                       "\"token_endpoint_auth_method\":\"none\"}"));
    const QJsonObject entry { { QLatin1String("command"), QLatin1String("npx") },
                              { QLatin1String("args"),
                                QJsonArray { QLatin1String("mcp-remote"), url } } };
    QVERIFY(writeBytes(
        env.homeDirectory + QStringLiteral("/.cursor/mcp.json"),
        QJsonDocument(QJsonObject { { QLatin1String("mcpServers"),
                                      QJsonObject { { QLatin1String("Demo"), entry } } } })
            .toJson()));

    std::unique_ptr<ImportDialog> dialog(newDialog());
    dialog->setSource(ImportSource::McpRemote);
    dialog->scan();
    dialog->show();
    QTreeWidgetItem *demo = row(dialog.get(), QStringLiteral("Demo"));
    QVERIFY(demo);
    QStringList notes;
    for (int i = 0; i < demo->childCount(); ++i)
        notes << demo->child(i)->text(NameColumn);
    QVERIFY2(notes.join(QLatin1Char('|')).contains(QLatin1String("mcp-remote")),
             qPrintable(notes.join(QLatin1Char('|'))));

    m_answer = deleteFiles;
    QSignalSpy ended(dialog.get(), &ImportDialog::importEnded);
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    // While it runs the dialog cannot be closed (the import is one change).
    if (ended.isEmpty()) {
        QVERIFY(dialog->isImporting());
        dialog->reject();
        QVERIFY(dialog->isVisible());
    }
    QVERIFY(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 60000));
    QCOMPARE(ended.first().first().toInt(), 1);
    QVERIFY2(demo->text(ActionColumn).contains(QLatin1String("signed in as")),
             qPrintable(demo->text(ActionColumn)));
    QCOMPARE(m_questions.size(), 1);
    QCOMPARE(QFile::exists(directory + hash + QStringLiteral("_tokens.json")), !deleteFiles);
    QCOMPARE(QFile::exists(directory + hash + QStringLiteral("_client_info.json")), !deleteFiles);

    TokenSet stored;
    bool done = false;
    m_tokens->readTokens(QStringLiteral("demo"), QStringLiteral("default"), this,
                         [&](const TokenSet &tokens, const Error &) {
                             stored = tokens;
                             done = true;
                         });
    QVERIFY(QTest::qWaitFor([&] { return done; }, 20000));
    QCOMPARE(stored.accessToken, QStringLiteral("dialog-migrated-access"));
    QVERIFY(!readBytes(m_registry->filePath()).contains("dialog-migrated"));
    dialog->reject();
    QVERIFY(!dialog->isVisible());
}

void TestImportDialog::mainWindowOpensTheDialog()
{
    AccountService service(m_registry, m_tokens, m_http, Clock::system());
    MainWindow window(&service, Clock::system());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The empty state offers it, and so does the action.
    auto *emptyImport = window.findChild<QPushButton *>(QStringLiteral("emptyImportButton"));
    QVERIFY(emptyImport && emptyImport->isVisible());
    QTest::mouseClick(emptyImport, Qt::LeftButton);
    auto *dialog = window.findChild<ImportDialog *>(QStringLiteral("importDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    dialog->reject();
    QVERIFY(QTest::qWaitFor([&] { return !window.findChild<ImportDialog *>(); }, 5000));

    auto *action = window.findChild<QAction *>(QStringLiteral("actionImport"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    action->trigger();
    dialog = window.findChild<ImportDialog *>(QStringLiteral("importDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->reject();
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
