// mcp-accounts-cli connect / disconnect / connections end to end, in a
// throwaway HOME with the session's keychain: sample client configs edited
// in place and put back byte for byte, no secret in any client config.

#include "core/store/secretstore.h"
#include "core/store/tokenstore.h"

#include "testfiles.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Mcpa;
using namespace Mcpa::TestFiles;

namespace {

const QByteArray accessToken = "connect-test-access-token-5f2a9c";
const QString keychainService = QStringLiteral("mcp-accounts-test-connectcli");

QString connectSample(const QString &name)
{
    return QDir::cleanPath(QStringLiteral(MCPA_FIXTURES_DIR "/../data/connect/") + name);
}

} // namespace

class TestConnectCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void connectAndDisconnectClaudeDesktop();
    void dryRunWritesNothing();
    void codexRoundTripInCodexHome();
    void claudeCodeProjectGetsTheHeaderHelper();
    void malformedFileIsRefused();
    void unknownServerAndAccount();
    void cleanupTestCase();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList &arguments) const;
    QString home(const QString &relative = {}) const
    {
        return QDir::cleanPath(m_dir.filePath(QStringLiteral("home/")) + relative);
    }
    /// Files under the test HOME that contain @p needle (backups included).
    QStringList filesContaining(const QByteArray &needle) const;
    QJsonObject settings() const;

    QTemporaryDir m_dir;
};

TestConnectCli::Run TestConnectCli::cli(const QStringList &arguments) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home(QStringLiteral(".config")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("run")));
    environment.insert(QStringLiteral("CODEX_HOME"), home(QStringLiteral("codex-home")));
    environment.insert(QStringLiteral("MCP_ACCOUNTS_KEYCHAIN_SERVICE"), keychainService);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(home(QStringLiteral("project")));
    process.start(QStringLiteral(MCPA_CLI_PATH), arguments);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QStringList TestConnectCli::filesContaining(const QByteArray &needle) const
{
    QStringList found;
    QDirIterator it(home(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readBytes(path).contains(needle))
            found.append(path);
    }
    return found;
}

QJsonObject TestConnectCli::settings() const
{
    return QJsonDocument::fromJson(
               readBytes(home(QStringLiteral(".config/mcp-accounts/config.json"))))
        .object()
        .value(QStringLiteral("settings"))
        .toObject();
}

void TestConnectCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(home(QStringLiteral("project"))));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("run"))));
    QVERIFY(QFile::setPermissions(m_dir.filePath(QStringLiteral("run")),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(writeBytes(
        home(QStringLiteral(".config/mcp-accounts/config.json")),
        R"({"version": 1, "servers": [{"id": "github", "url": "https://mcp.example.com/mcp",
             "defaultAccount": "work", "accounts": [{"label": "work"}, {"label": "personal"}]}]})"));
    // A real secret of the account in the keychain: it must never reach a client config.
    SecretStore secrets(keychainService);
    TokenStore tokens(&secrets);
    TokenSet set;
    set.accessToken = QString::fromLatin1(accessToken);
    set.tokenType = QStringLiteral("Bearer");
    bool written = false;
    Error error;
    tokens.writeTokens(QStringLiteral("github"), QStringLiteral("work"), set, this,
                       [&](const Error &result) {
                           error = result;
                           written = true;
                       });
    QTRY_VERIFY_WITH_TIMEOUT(written, 30000);
    QVERIFY2(!error, qPrintable(error.toString()));
}

void TestConnectCli::connectAndDisconnectClaudeDesktop()
{
    const QString path = home(QStringLiteral(".config/Claude/claude_desktop_config.json"));
    const QByteArray original
        = readBytes(connectSample(QStringLiteral("claude_desktop_config.json")));
    QVERIFY(writeBytes(path, original));

    const Run connected = cli({ QStringLiteral("connect"), QStringLiteral("github"),
                                QStringLiteral("--client"), QStringLiteral("claude-desktop") });
    QVERIFY2(connected.exitCode == 0, connected.err.constData());
    QVERIFY(connected.out.contains("Connected claude-desktop entry \"github\""));
    const QByteArray after = readBytes(path);
    QVERIFY(after.contains("\"args\": [\"bridge\", \"github\"]"));
    QVERIFY(after.contains(QByteArray(MCPA_CLI_PATH)));
    // The mcp-remote entry's secrets left the client config; the account's never came.
    QVERIFY(!after.contains("sekrit"));
    QCOMPARE(filesContaining(accessToken), QStringList());
    // Outside the entry: the same bytes.
    const qsizetype entryStart = original.indexOf("\"github\": {") + 10;
    QVERIFY(after.startsWith(original.left(entryStart)));
    const qsizetype entryEnd = original.indexOf("\n  },\n  \"globalShortcut\"") + 1;
    QVERIFY(after.endsWith(original.mid(entryEnd)));
    // The backup beside it, owner-only.
    QCOMPARE(readBytes(path + QStringLiteral(".mcp-accounts.bak")), original);
    QCOMPARE(QFile::permissions(path + QStringLiteral(".mcp-accounts.bak"))
                 & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());
    // Non-secret facts in the registry.
    const QJsonArray noted = settings().value(QStringLiteral("connections")).toArray();
    QCOMPARE(noted.size(), 1);
    QCOMPARE(noted.at(0)[QStringLiteral("client")].toString(), QStringLiteral("claude-desktop"));
    QCOMPARE(noted.at(0)[QStringLiteral("server")].toString(), QStringLiteral("github"));
    QVERIFY(!QJsonDocument(noted).toJson().contains("sekrit"));

    const Run listed = cli({ QStringLiteral("connections"), QStringLiteral("--json") });
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(listed.out)
                                .object()
                                .value(QStringLiteral("connections"))
                                .toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0)[QStringLiteral("client")].toString(), QStringLiteral("claude-desktop"));
    QCOMPARE(list.at(0)[QStringLiteral("entry")].toString(), QStringLiteral("github"));
    QCOMPARE(list.at(0)[QStringLiteral("account")].toString(), QStringLiteral("work"));
    QCOMPARE(list.at(0)[QStringLiteral("configPath")].toString(), path);
    const Run table = cli({ QStringLiteral("connections") });
    QVERIFY(table.out.contains("claude-desktop  github"));

    // Connecting again changes nothing and keeps the saved mcp-remote entry.
    const Run again = cli({ QStringLiteral("connect"), QStringLiteral("github"),
                            QStringLiteral("--client"), QStringLiteral("claude-desktop") });
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.contains("nothing was changed"));

    const Run back = cli({ QStringLiteral("disconnect"), QStringLiteral("github"),
                           QStringLiteral("--client"), QStringLiteral("claude-desktop") });
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QVERIFY(back.out.contains("as it was before connect"));
    QCOMPARE(readBytes(path), original); // the mcp-remote line included
    QVERIFY(settings().value(QStringLiteral("connections")).isUndefined());
    const Run none = cli({ QStringLiteral("connections"), QStringLiteral("--json") });
    QCOMPARE(QJsonDocument::fromJson(none.out)[QStringLiteral("connections")].toArray().size(), 0);

    // A second disconnect: the entry is not ours any more; nothing changes.
    const Run twice = cli({ QStringLiteral("disconnect"), QStringLiteral("github"),
                            QStringLiteral("--client"), QStringLiteral("claude-desktop") });
    QCOMPARE(twice.exitCode, 1);
    QVERIFY(twice.err.contains("does not use MCP Accounts"));
    QCOMPARE(readBytes(path), original);
}

void TestConnectCli::dryRunWritesNothing()
{
    const QString path = home(QStringLiteral(".cursor/mcp.json"));
    const QByteArray original = readBytes(connectSample(QStringLiteral("cursor-mcp.json")));
    QVERIFY(writeBytes(path, original));
    const Run run
        = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("cursor"), QStringLiteral("--account"), QStringLiteral("personal"),
                QStringLiteral("--dry-run") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains(QByteArray("--- " + path.toUtf8())));
    QVERIFY(run.out.contains("-            \"headers\": { \"Authorization\": \"Bearer "));
    QVERIFY(run.out.contains(
        "+            \"args\": [\"bridge\", \"github\", \"--account\", \"personal\"]"));
    QVERIFY(run.out.contains("Dry run: nothing was changed."));
    QCOMPARE(readBytes(path), original);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".mcp-accounts.bak")));
    // A dry run of a file that is not there creates nothing.
    const Run missing
        = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("windsurf"), QStringLiteral("--dry-run") });
    QCOMPARE(missing.exitCode, 0);
    QVERIFY(missing.out.contains("+++ "));
    QVERIFY(!QFileInfo::exists(home(QStringLiteral(".codeium"))));
}

void TestConnectCli::codexRoundTripInCodexHome()
{
    const QString path = home(QStringLiteral("codex-home/config.toml"));
    const QByteArray original = readBytes(connectSample(QStringLiteral("codex-config.toml")));
    QVERIFY(writeBytes(path, original));
    const Run run
        = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("codex"), QStringLiteral("--account"), QStringLiteral("personal") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QByteArray after = readBytes(path);
    QVERIFY(after.contains("args = [\"bridge\", \"github\", \"--account\", \"personal\"]\n"));
    QVERIFY(!after.contains("sekrit"));
    QVERIFY(after.contains("[profiles.fast]\nmodel = \"o4-mini\" # [not a table]"));
    QCOMPARE(filesContaining(accessToken), QStringList());
    const Run back = cli({ QStringLiteral("disconnect"), QStringLiteral("github"),
                           QStringLiteral("--client"), QStringLiteral("codex") });
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QCOMPARE(readBytes(path), original);
}

void TestConnectCli::claudeCodeProjectGetsTheHeaderHelper()
{
    const QString path = home(QStringLiteral("project/.mcp.json"));
    const Run run
        = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("claude-code"), QStringLiteral("--scope"), QStringLiteral("project"),
                QStringLiteral("--account"), QStringLiteral("personal") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject entry = QJsonDocument::fromJson(readBytes(path))
                                  .object()
                                  .value(QStringLiteral("mcpServers"))
                                  .toObject()
                                  .value(QStringLiteral("github"))
                                  .toObject();
    QCOMPARE(entry.value(QStringLiteral("type")).toString(), QStringLiteral("http"));
    QCOMPARE(entry.value(QStringLiteral("url")).toString(),
             QStringLiteral("https://mcp.example.com/mcp"));
    QCOMPARE(entry.value(QStringLiteral("headersHelper")).toString(),
             QStringLiteral(MCPA_CLI_PATH " header github --account personal --json"));
    QCOMPARE(filesContaining(accessToken), QStringList());
    const Run back = cli({ QStringLiteral("disconnect"), QStringLiteral("github"),
                           QStringLiteral("--client"), QStringLiteral("claude-code"),
                           QStringLiteral("--scope"), QStringLiteral("project") });
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QVERIFY(back.out.contains("the file connect created is removed"));
    QVERIFY(!QFileInfo::exists(path));
}

void TestConnectCli::malformedFileIsRefused()
{
    const QString path = home(QStringLiteral("broken.json"));
    const QByteArray original = readBytes(connectSample(QStringLiteral("malformed.json")));
    QVERIFY(writeBytes(path, original));
    const QDateTime modified = QFileInfo(path).lastModified();
    const Run run
        = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("gemini-cli"), QStringLiteral("--config"), path });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QByteArray(path.toUtf8() + ":4:4: not JSON")));
    QCOMPARE(readBytes(path), original);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".mcp-accounts.bak")));
}

void TestConnectCli::unknownServerAndAccount()
{
    Run run = cli({ QStringLiteral("connect"), QStringLiteral("nope"), QStringLiteral("--client"),
                    QStringLiteral("vscode") });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("no server \"nope\""));
    run = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("vscode"), QStringLiteral("--account"), QStringLiteral("other") });
    QCOMPARE(run.exitCode, 2);
    run = cli({ QStringLiteral("connect"), QStringLiteral("github"), QStringLiteral("--client"),
                QStringLiteral("notepad") });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("--client takes one of"));
    QVERIFY(!QFileInfo::exists(home(QStringLiteral(".config/Code"))));
}

void TestConnectCli::cleanupTestCase()
{
    SecretStore secrets(keychainService);
    TokenStore tokens(&secrets);
    bool removed = false;
    tokens.removeTokens(QStringLiteral("github"), QStringLiteral("work"), this,
                        [&](const Error &) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 30000);
}

QTEST_GUILESS_MAIN(TestConnectCli)
#include "tst_connectcli.moc"
