// connect / disconnect on sample configs of every client: the bytes outside
// the entry stay, disconnect gives the original back, a concurrent edit and
// a malformed file are refused, no secret is written.

#include "core/connect/clientconnector.h"
#include "core/connect/linediff.h"
#include "core/connect/tomledit.h"

#include "testfiles.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Mcpa;

namespace {

QString sample(const QString &name)
{
    return QDir::cleanPath(QStringLiteral(MCPA_FIXTURES_DIR "/../data/connect/") + name);
}

const QString cli = QStringLiteral("/opt/mcp accounts/bin/mcp-accounts-cli");

qsizetype commonPrefix(const QByteArray &a, const QByteArray &b)
{
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a.at(i) == b.at(i))
        ++i;
    return i;
}

qsizetype commonSuffix(const QByteArray &a, const QByteArray &b, qsizetype prefix)
{
    qsizetype i = 0;
    while (i < a.size() - prefix && i < b.size() - prefix
           && a.at(a.size() - 1 - i) == b.at(b.size() - 1 - i))
        ++i;
    return i;
}

} // namespace

class TestClientConnector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void newFileIsCreatedAndRemoved();
    void concurrentEditIsRefused();
    void malformedFileIsUntouched_data();
    void malformedFileIsUntouched();
    void symlinkEditsTheTarget();
    void disconnectRefusesAForeignEntry();
    void scanFindsOurEntries();
    void diffShowsTheChange();
    void savedEntryRoundTrip();
    void locations();
};

void TestClientConnector::roundTrip_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<bool>("existing");
    QTest::newRow("claude-desktop new") << "claude-desktop"
                                        << "claude_desktop_config.json"
                                        << "notes" << false;
    QTest::newRow("claude-desktop mcp-remote") << "claude-desktop"
                                               << "claude_desktop_config.json"
                                               << "github" << true;
    QTest::newRow("vscode crlf tabs") << "vscode"
                                      << "vscode-mcp.json"
                                      << "github" << false;
    QTest::newRow("vscode replace") << "vscode"
                                    << "vscode-mcp.json"
                                    << "local" << true;
    QTest::newRow("cursor comments") << "cursor"
                                     << "cursor-mcp.json"
                                     << "notes" << false;
    QTest::newRow("cursor replace") << "cursor"
                                    << "cursor-mcp.json"
                                    << "github" << true;
    QTest::newRow("cursor first") << "cursor"
                                  << "cursor-mcp.json"
                                  << "linear" << true;
    QTest::newRow("windsurf one line") << "windsurf"
                                       << "windsurf-mcp_config.json"
                                       << "github" << false;
    QTest::newRow("claude-code empty servers") << "claude-code"
                                               << "claude.json"
                                               << "github" << false;
    QTest::newRow("gemini no servers") << "gemini-cli"
                                       << "gemini-settings.json"
                                       << "github" << false;
    QTest::newRow("codex new") << "codex"
                               << "codex-config.toml"
                               << "notes" << false;
    QTest::newRow("codex replace with env") << "codex"
                                            << "codex-config.toml"
                                            << "github" << true;
    QTest::newRow("codex first") << "codex"
                                 << "codex-config.toml"
                                 << "docs" << true;
}

void TestClientConnector::roundTrip()
{
    QFETCH(QString, client);
    QFETCH(QString, file);
    QFETCH(QString, entry);
    QFETCH(bool, existing);
    ClientApp kind;
    QVERIFY(ClientApps::parse(client, &kind));
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    const QByteArray original = TestFiles::readBytes(sample(file));
    QVERIFY(!original.isEmpty());
    QVERIFY(TestFiles::writeBytes(path, original));
    QVERIFY(QFile::setPermissions(path,
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser
                                      | QFile::WriteUser | QFile::ReadGroup));

    const ClientConnector connector(cli);
    ConnectRequest request;
    request.client = kind;
    request.configPath = path;
    request.entryName = entry;
    request.serverId = QStringLiteral("github");
    request.serverUrl = QUrl(QStringLiteral("https://mcp.example.com/mcp"));
    request.accountLabel = QStringLiteral("work");
    const ConfigChange change = connector.planConnect(request);
    QVERIFY2(!change.error, qPrintable(change.error.toString()));
    QCOMPARE(change.hadEntry, existing);
    QVERIFY(!change.previousIsOurs);
    QCOMPARE(change.before, original);
    QCOMPARE(TestFiles::readBytes(path), original); // planning writes nothing
    QVERIFY(!change.diff().isEmpty());

    QVERIFY2(!connector.commit(change), qPrintable(connector.commit(change).toString()));
    const QByteArray connected = TestFiles::readBytes(path);
    QCOMPARE(connected, change.after);
    QCOMPARE(TestFiles::readBytes(path + QStringLiteral(".mcp-accounts.bak")), original);
    QCOMPARE(QFile::permissions(path),
             QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
                 | QFile::ReadGroup);

    // Outside the entry, byte for byte the same.
    const qsizetype prefix = commonPrefix(original, connected);
    const qsizetype suffix = commonSuffix(original, connected, prefix);
    const QByteArray removed = original.mid(prefix, original.size() - prefix - suffix);
    if (existing)
        QVERIFY2(change.previousEntry.contains(removed), removed.constData());
    else
        QVERIFY2(removed.trimmed().isEmpty(), removed.constData());
    // The entry is ours, and no secret of the old one is left.
    QVERIFY(connected.contains("mcp-accounts-cli"));
    QVERIFY(connected.contains(kind == ClientApp::ClaudeCode
                                   ? "header github --account work --json"
                                   : "\"github\", \"--account\", \"work\""));
    if (entry == QLatin1String("github"))
        QVERIFY(!connected.contains("sekrit"));
    const QList<ClientConnection> found = connector.scanFile(kind, path);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().entryName, entry);
    QCOMPARE(found.first().serverId, QStringLiteral("github"));
    QCOMPARE(found.first().accountLabel, QStringLiteral("work"));

    // Connecting again: the entry is already ours.
    const ConfigChange again = connector.planConnect(request);
    QVERIFY(!again.error);
    QVERIFY(again.previousIsOurs);
    QCOMPARE(again.after, connected);

    SavedEntry saved;
    if (change.hadEntry)
        saved.previous = change.previousEntry;
    saved.createdContainer = change.createdContainer;
    const ConfigChange back = connector.planDisconnect(kind, path, entry, saved);
    QVERIFY2(!back.error, qPrintable(back.error.toString()));
    QVERIFY(!connector.commit(back));
    QCOMPARE(TestFiles::readBytes(path), original);
    QCOMPARE(TestFiles::readBytes(path + QStringLiteral(".mcp-accounts.bak")), connected);
}

void TestClientConnector::newFileIsCreatedAndRemoved()
{
    QTemporaryDir dir;
    for (const ClientApp client : ClientApps::all()) {
        const QString path = dir.filePath(ClientApps::name(client) + QStringLiteral("/sub/config"));
        const ClientConnector connector(cli);
        ConnectRequest request { client,
                                 path,
                                 QStringLiteral("github"),
                                 QStringLiteral("github"),
                                 QUrl(QStringLiteral("https://mcp.example.com/mcp")),
                                 {} };
        const ConfigChange change = connector.planConnect(request);
        QVERIFY2(!change.error, qPrintable(change.error.toString()));
        QVERIFY(!change.fileExisted);
        QVERIFY(!connector.commit(change));
        QCOMPARE(QFile::permissions(path),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        QCOMPARE(connector.scanFile(client, path).size(), 1);
        QVERIFY(!TestFiles::readBytes(path).contains("--account"));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".mcp-accounts.bak")));
        SavedEntry saved;
        saved.createdFile = true;
        saved.createdContainer = true;
        const ConfigChange back
            = connector.planDisconnect(client, path, QStringLiteral("github"), saved);
        QVERIFY2(!back.error, qPrintable(back.error.toString()));
        QVERIFY(back.deleteFile);
        QVERIFY(!connector.commit(back));
        QVERIFY(!QFileInfo::exists(path));
    }
}

void TestClientConnector::concurrentEditIsRefused()
{
    for (const QString &file :
         { QStringLiteral("cursor-mcp.json"), QStringLiteral("codex-config.toml") }) {
        QTemporaryDir dir;
        const QString path = dir.filePath(file);
        const QByteArray original = TestFiles::readBytes(sample(file));
        QVERIFY(TestFiles::writeBytes(path, original));
        const ClientConnector connector(cli);
        ConnectRequest request { file.endsWith(QLatin1String(".toml")) ? ClientApp::Codex
                                                                       : ClientApp::Cursor,
                                 path,
                                 QStringLiteral("new"),
                                 QStringLiteral("github"),
                                 {},
                                 {} };
        const ConfigChange change = connector.planConnect(request);
        QVERIFY(!change.error);
        const QByteArray theirs = original + "\n";
        const Error error
            = connector.commit(change, [&] { QVERIFY(TestFiles::writeBytes(path, theirs)); });
        QCOMPARE(error.code(), Error::Code::ConfigWriteFailed);
        QVERIFY(error.detail().contains(QLatin1String("changed while it was edited")));
        QCOMPARE(TestFiles::readBytes(path), theirs);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral(".mcp-accounts.bak")));
    }
}

void TestClientConnector::malformedFileIsUntouched_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("client");
    QTest::newRow("json") << "malformed.json"
                          << "claude-desktop";
    QTest::newRow("toml") << "malformed.toml"
                          << "codex";
}

void TestClientConnector::malformedFileIsUntouched()
{
    QFETCH(QString, file);
    QFETCH(QString, client);
    ClientApp kind;
    QVERIFY(ClientApps::parse(client, &kind));
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    const QByteArray original = TestFiles::readBytes(sample(file));
    QVERIFY(TestFiles::writeBytes(path, original));
    const QDateTime modified = QFileInfo(path).lastModified();
    const ClientConnector connector(cli);
    const ConfigChange change = connector.planConnect(
        { kind, path, QStringLiteral("github"), QStringLiteral("github"), {}, {} });
    QCOMPARE(change.error.code(), Error::Code::ImportFileInvalid);
    QVERIFY2(change.error.detail().startsWith(path + QLatin1Char(':')),
             qPrintable(change.error.detail()));
    QVERIFY2(change.error.detail().contains(
                 QLatin1String(file.endsWith(QLatin1String(".toml")) ? "line 2" : ":4:4:")),
             qPrintable(change.error.detail()));
    QCOMPARE(connector.commit(change).code(), Error::Code::ImportFileInvalid);
    const ConfigChange back = connector.planDisconnect(kind, path, QStringLiteral("a"), {});
    QVERIFY(back.error);
    QCOMPARE(TestFiles::readBytes(path), original);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".mcp-accounts.bak")));
}

void TestClientConnector::symlinkEditsTheTarget()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("real/mcp.json"));
    const QString link = dir.filePath(QStringLiteral("mcp.json"));
    QVERIFY(TestFiles::writeBytes(target,
                                  TestFiles::readBytes(sample(QStringLiteral("cursor-mcp.json")))));
    QVERIFY(QFile::link(target, link));
    const ClientConnector connector(cli);
    const ConfigChange change = connector.planConnect(
        { ClientApp::Cursor, link, QStringLiteral("x"), QStringLiteral("github"), {}, {} });
    QVERIFY(!change.error);
    QVERIFY(!connector.commit(change));
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(TestFiles::readBytes(target), change.after);
    QVERIFY(QFileInfo::exists(target + QStringLiteral(".mcp-accounts.bak")));
}

void TestClientConnector::disconnectRefusesAForeignEntry()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cursor.json"));
    const QByteArray original = TestFiles::readBytes(sample(QStringLiteral("cursor-mcp.json")));
    QVERIFY(TestFiles::writeBytes(path, original));
    const ClientConnector connector(cli);
    const ConfigChange change
        = connector.planDisconnect(ClientApp::Cursor, path, QStringLiteral("github"), {});
    QCOMPARE(change.error.code(), Error::Code::ConfigInvalid);
    QVERIFY(connector.commit(change));
    QCOMPARE(TestFiles::readBytes(path), original);
}

void TestClientConnector::scanFindsOurEntries()
{
    QTemporaryDir dir;
    ImportEnvironment environment;
    environment.homeDirectory = dir.path();
    environment.workingDirectory = dir.filePath(QStringLiteral("project"));
    // A hand-made entry (another install's CLI) and one written by connect.
    QVERIFY(TestFiles::writeBytes(
        dir.filePath(QStringLiteral(".cursor/mcp.json")),
        R"({"mcpServers": {"mine": {"command": "/usr/bin/mcp-accounts-cli", "args": ["bridge", "gh"]},
            "other": {"command": "npx", "args": ["bridge", "gh"]}}})"));
    const ClientConnector connector(cli);
    const QString gemini
        = ClientApps::configPath(ClientApp::GeminiCli, ConfigScope::Project, environment);
    QVERIFY(!connector.commit(connector.planConnect(
        { ClientApp::GeminiCli, gemini, QStringLiteral("gh"), QStringLiteral("gh"), {}, {} })));
    const QList<ClientConnection> found = connector.scan(environment);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).client, ClientApp::Cursor);
    QCOMPARE(found.at(0).entryName, QStringLiteral("mine"));
    QCOMPARE(found.at(0).serverId, QStringLiteral("gh"));
    QCOMPARE(found.at(0).accountLabel, QString());
    QCOMPARE(found.at(1).client, ClientApp::GeminiCli);
    QCOMPARE(found.at(1).configPath, gemini);
}

void TestClientConnector::diffShowsTheChange()
{
    const QByteArray diff = LineDiff::unified("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\nh\n",
                                              QStringLiteral("x.json"));
    QCOMPARE(diff,
             QByteArray(
                 "--- x.json\n+++ x.json\n@@ -1,7 +1,8 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n+h\n"));
    QCOMPARE(LineDiff::unified("same", "same", QStringLiteral("x")), QByteArray());
    QCOMPARE(LineDiff::unified("", "{}\n", QStringLiteral("n")),
             QByteArray("--- n\n+++ n\n@@ -0,0 +1,1 @@\n+{}\n"));
}

void TestClientConnector::savedEntryRoundTrip()
{
    SavedEntry saved;
    saved.previous = QByteArray("{ \"command\": \"npx\" } ");
    saved.createdFile = true;
    SavedEntry read;
    QVERIFY(!SavedEntry::decode(saved.encode(), &read));
    QCOMPARE(read.previous, saved.previous);
    QVERIFY(read.createdFile);
    QVERIFY(!SavedEntry::decode(SavedEntry().encode(), &read));
    QVERIFY(!read.previous);
    QCOMPARE(SavedEntry::decode("{\"v\":2}", &read).code(), Error::Code::SecretCorrupt);
}

void TestClientConnector::locations()
{
    ImportEnvironment environment;
    environment.homeDirectory = QStringLiteral("/home/ada");
    environment.workingDirectory = QStringLiteral("/src/p");
    QCOMPARE(ClientApps::configPath(ClientApp::Windsurf, ConfigScope::User, environment),
             QStringLiteral("/home/ada/.codeium/windsurf/mcp_config.json"));
    QCOMPARE(ClientApps::configPath(ClientApp::Codex, ConfigScope::User, environment),
             QStringLiteral("/home/ada/.codex/config.toml"));
    environment.codexHomeDirectory = QStringLiteral("/etc/codex");
    QCOMPARE(ClientApps::configPath(ClientApp::Codex, ConfigScope::User, environment),
             QStringLiteral("/etc/codex/config.toml"));
    QCOMPARE(ClientApps::configPath(ClientApp::Codex, ConfigScope::Project, environment),
             QString());
    QCOMPARE(ClientApps::configPath(ClientApp::GeminiCli, ConfigScope::Project, environment),
             QStringLiteral("/src/p/.gemini/settings.json"));
    QCOMPARE(ClientApps::configPath(ClientApp::ClaudeDesktop, ConfigScope::User, environment),
             QStringLiteral("/home/ada/.config/Claude/claude_desktop_config.json"));
    QCOMPARE(ClientApps::configPath(ClientApp::VsCode, ConfigScope::Project, environment),
             QStringLiteral("/src/p/.vscode/mcp.json"));
    QCOMPARE(ClientApps::configPath(ClientApp::ClaudeCode, ConfigScope::User, environment),
             QStringLiteral("/home/ada/.claude.json"));
}

QTEST_GUILESS_MAIN(TestClientConnector)
#include "tst_clientconnector.moc"
