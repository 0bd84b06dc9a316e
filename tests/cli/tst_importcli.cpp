#include "core/oauth/headlessuseragent.h"
#include "core/store/secretstore.h"
#include "core/store/tokenstore.h"

#include "jobrunner.h"
#include "testfiles.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Mcpa;
using namespace Mcpa::TestFiles;

namespace {

QString md5(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5).toHex());
}

/// A Claude Desktop config that starts mcp-remote for each name -> arguments.
QByteArray claudeConfig(const QList<QPair<QString, QStringList>> &remotes)
{
    QJsonObject servers {
        { QLatin1String("files"),
          QJsonObject { { QLatin1String("command"), QLatin1String("npx") },
                        { QLatin1String("args"),
                          QJsonArray { QLatin1String("-y"),
                                       QLatin1String("@modelcontextprotocol/server-filesystem"),
                                       QLatin1String("/tmp") } } } },
    };
    for (const auto &remote : remotes) {
        QJsonArray args { QLatin1String("-y"), QLatin1String("mcp-remote") };
        for (const QString &argument : remote.second)
            args.append(argument);
        servers.insert(remote.first,
                       QJsonObject { { QLatin1String("command"), QLatin1String("npx") },
                                     { QLatin1String("args"), args } });
    }
    return QJsonDocument(QJsonObject { { QLatin1String("mcpServers"), servers } }).toJson();
}

QString shellQuoted(const QString &argument)
{
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

// mcp-accounts-cli import end to end: sample configs of every client, and
// mcp-remote's real plaintext files (made by running mcp-remote-client from
// npm against the SDK test server) moved into the session's keychain.
class TestImportCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void dryRunChangesNothing();
    void importsAndMergesForReal();
    void malformedFileIsAUsageError_data();
    void malformedFileIsAUsageError();
    void migratesRealMcpRemoteTokens();
    void migratesTokensWithoutExpiryAndRefreshes();
    void deletesPlaintextOnlyWithConsent_data();
    void deletesPlaintextOnlyWithConsent();
    void cleanupTestCase();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList &arguments, const QByteArray &input = {}) const;
    /// Runs the CLI on a pseudo terminal (script(1)), typing @p input.
    Run cliOnTerminal(const QStringList &arguments, const QByteArray &input) const;
    QProcessEnvironment environment() const;
    QJsonArray list() const;
    /// Runs mcp-remote-client against @p url, completes its sign-in with a
    /// headless user agent, waits for it to finish; the tokens file it wrote.
    QString runMcpRemote(const QString &url, const QStringList &extra);
    int mcpStatusWith(const QUrl &url, const QString &token) const;
    QStringList filesContaining(const QByteArray &needle) const;
    QString configDirectory() const { return m_home.filePath(QStringLiteral("config")); }
    QString mcpAuthDirectory() const { return m_home.filePath(QStringLiteral("mcp-auth")); }

    QTemporaryDir m_home;
    TestServer m_server { TestServer::Kind::Sdk };
    TestServer m_oldServer { TestServer::Kind::Sdk };
};

QProcessEnvironment TestImportCli::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home.filePath(QStringLiteral("home")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configDirectory());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"),
                       m_home.filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("MCP_REMOTE_CONFIG_DIR"), mcpAuthDirectory());
    environment.insert(QStringLiteral("MCP_ACCOUNTS_KEYCHAIN_SERVICE"),
                       QStringLiteral("mcp-accounts-test-importcli"));
    return environment;
}

TestImportCli::Run TestImportCli::cli(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setWorkingDirectory(m_home.filePath(QStringLiteral("project")));
    process.start(QStringLiteral(MCPA_CLI_PATH), arguments);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        run.err = "did not finish";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

TestImportCli::Run TestImportCli::cliOnTerminal(const QStringList &arguments,
                                                const QByteArray &input) const
{
    QStringList command { shellQuoted(QStringLiteral(MCPA_CLI_PATH)) };
    for (const QString &argument : arguments)
        command.append(shellQuoted(argument));
    QProcess process;
    process.setProcessEnvironment(environment());
    process.setWorkingDirectory(m_home.filePath(QStringLiteral("project")));
    process.start(
        QStringLiteral("script"),
        { QStringLiteral("-qec"), command.join(QLatin1Char(' ')), QStringLiteral("/dev/null") });
    process.write(input);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput(); // the terminal: stdout and stderr
    return run;
}

QJsonArray TestImportCli::list() const
{
    const Run run = cli({ QStringLiteral("list"), QStringLiteral("--json") });
    return QJsonDocument::fromJson(run.out).array();
}

int TestImportCli::mcpStatusWith(const QUrl &url, const QString &token) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    QNetworkReply *reply = manager.post(
        request,
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(20000))
        qWarning("the MCP server did not answer");
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

QStringList TestImportCli::filesContaining(const QByteArray &needle) const
{
    QStringList found;
    QDirIterator files(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

QString TestImportCli::runMcpRemote(const QString &url, const QStringList &extra)
{
    QProcess process;
    QProcessEnvironment environment = this->environment();
    environment.insert(QStringLiteral("BROWSER"), QStringLiteral("true")); // no real browser
    environment.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(TestServer::fixturesDirectory());
    process.start(TestServer::fixturesDirectory()
                      + QStringLiteral("/node_modules/.bin/mcp-remote-client"),
                  QStringList { url } + extra);
    if (!process.waitForStarted(20000))
        return {};
    // It exits once connected when its stdin ends (as under a closed pipe).
    process.closeWriteChannel();
    // "Please authorize this client by visiting:\n<url>" on stderr; its
    // callback listener starts after that ("Waiting for authorization").
    QByteArray log;
    const bool prompted = QTest::qWaitFor(
        [&] {
            log += process.readAllStandardError();
            return log.contains("Waiting for authorization")
                || process.state() == QProcess::NotRunning;
        },
        60000);
    const int at = log.indexOf("authorize this client by visiting:");
    const int start = at < 0 ? -1 : log.indexOf('\n', at) + 1;
    const int end = start <= 0 ? -1 : log.indexOf('\n', start);
    const QUrl authorizationUrl
        = end < 0 ? QUrl() : QUrl(QString::fromUtf8(log.mid(start, end - start).trimmed()));
    if (!prompted || !authorizationUrl.isValid()) {
        qWarning("mcp-remote-client did not ask for authorization: %s", log.constData());
        return {};
    }
    const QUrl redirectUri(QUrlQuery(authorizationUrl)
                               .queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    const auto delivered
        = Test::runJob(new HeadlessUserAgent(authorizationUrl, redirectUri), 30000);
    if (!delivered.finished || delivered.finishedSignals != 1 || delivered.error) {
        qWarning("the callback did not reach mcp-remote: %s",
                 !delivered.finished   ? "timeout"
                     : delivered.error ? qPrintable(delivered.error.toString())
                                       : "finished more than once");
        return {};
    }
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        log += process.readAllStandardError();
        qWarning("mcp-remote-client failed: %s", log.right(600).constData());
        return {};
    }
    QDirIterator files(mcpAuthDirectory(), { QStringLiteral("*_tokens.json") }, QDir::Files,
                       QDirIterator::Subdirectories);
    QString newest;
    while (files.hasNext()) {
        const QString file = files.next();
        if (newest.isEmpty() || QFileInfo(file).lastModified() > QFileInfo(newest).lastModified())
            newest = file;
    }
    return newest;
}

void TestImportCli::initTestCase()
{
    QVERIFY(m_home.isValid());
    for (const QLatin1String directory :
         { QLatin1String("runtime"), QLatin1String("home"), QLatin1String("project") })
        QDir(m_home.path()).mkpath(directory);
    QFile::setPermissions(m_home.filePath(QStringLiteral("runtime")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_oldServer.start(), qPrintable(m_oldServer.errorString()));
    QVERIFY2(QFile::exists(TestServer::fixturesDirectory()
                           + QStringLiteral("/node_modules/.bin/mcp-remote-client")),
             "mcp-remote is missing: run npm ci in tests/fixtures");
    const Run check = cli({ QStringLiteral("check-keychain") });
    QVERIFY2(check.exitCode == 0,
             "no usable Secret Service: run the tests through scripts/test.sh");
}

void TestImportCli::dryRunChangesNothing()
{
    // Every client's file at its default place under this HOME.
    const QString home = m_home.filePath(QStringLiteral("home"));
    QVERIFY(writeBytes(configDirectory() + QStringLiteral("/Claude/claude_desktop_config.json"),
                       readBytes(sample(QStringLiteral("claude/claude_desktop_config.json")))));
    QVERIFY(writeBytes(configDirectory() + QStringLiteral("/Code/User/mcp.json"),
                       readBytes(sample(QStringLiteral("vscode/mcp.json")))));
    QVERIFY(writeBytes(home + QStringLiteral("/.cursor/mcp.json"),
                       readBytes(sample(QStringLiteral("cursor/mcp.json")))));
    QVERIFY(writeBytes(m_home.filePath(QStringLiteral("project/.mcp.json")),
                       readBytes(sample(QStringLiteral("claude-code/.mcp.json")))));

    Run run
        = cli({ QStringLiteral("import"), QStringLiteral("--dry-run"), QStringLiteral("--json") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject preview = QJsonDocument::fromJson(run.out).object();
    QVERIFY(preview.value(QLatin1String("dryRun")).toBool());
    QCOMPARE(preview.value(QLatin1String("files")).toArray().size(), 4);
    QHash<QString, int> statuses;
    for (const QJsonValue value : preview.value(QLatin1String("candidates")).toArray())
        ++statuses[value.toObject().value(QLatin1String("status")).toString()];
    QCOMPARE(statuses.value(QStringLiteral("skipped")), 4);
    QCOMPARE(statuses.value(QStringLiteral("invalid")), 6);
    QCOMPARE(statuses.value(QStringLiteral("new")), 15);
    QCOMPARE(statuses.value(QStringLiteral("duplicate")), 3);
    // Secrets are never printed: only whether there is one.
    QVERIFY(!run.out.contains("cursor-sample-secret"));
    QVERIFY(!run.out.contains("partner-sample-secret"));
    QVERIFY(!run.out.contains("sample-query-key"));

    run = cli({ QStringLiteral("import"), QStringLiteral("--dry-run"), QStringLiteral("--from"),
                QStringLiteral("claude-code") });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("runs a local program, nothing to sign in to"));
    QVERIFY(run.out.contains("new as \"sentry\""));
    QVERIFY(run.out.contains("Dry run: nothing was changed."));

    QVERIFY(list().isEmpty());
    QVERIFY(!QFile::exists(configDirectory() + QStringLiteral("/mcp-accounts/config.json")));

    // Clean up for the other tests.
    QVERIFY(
        QFile::remove(configDirectory() + QStringLiteral("/Claude/claude_desktop_config.json")));
    QVERIFY(QFile::remove(configDirectory() + QStringLiteral("/Code/User/mcp.json")));
    QVERIFY(QFile::remove(home + QStringLiteral("/.cursor/mcp.json")));
    QVERIFY(QFile::remove(m_home.filePath(QStringLiteral("project/.mcp.json"))));
}

void TestImportCli::importsAndMergesForReal()
{
    const QString cursor = sample(QStringLiteral("cursor/mcp.json"));
    const QByteArray original = readBytes(cursor);
    Run run = cli({ QStringLiteral("import"), cursor });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("Imported 4 server(s)."));
    QVERIFY(!run.out.contains("cursor-sample-secret"));

    QStringList names;
    for (const QJsonValue row : list())
        names.append(row.toObject().value(QLatin1String("name")).toString());
    names.sort();
    QCOMPARE(names,
             (QStringList { QStringLiteral("keyed"), QStringLiteral("notion"),
                            QStringLiteral("pipes"), QStringLiteral("vault") }));
    // The pre-registered client's secret is in the keychain, not in a file.
    SecretStore secrets(QStringLiteral("mcp-accounts-test-importcli"));
    TokenStore store(&secrets);
    QString secret;
    bool done = false;
    store.readServerClientSecret(QStringLiteral("pipes"), &secrets,
                                 [&](const QString &value, const Error &) {
                                     secret = value;
                                     done = true;
                                 });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QCOMPARE(secret, QStringLiteral("cursor-sample-secret"));
    QVERIFY(filesContaining("cursor-sample-secret") == QStringList());
    QCOMPARE(readBytes(cursor), original); // the source file is only read

    // VS Code's file names Notion again (through mcp-remote): merged, not added.
    run = cli({ QStringLiteral("import"), QStringLiteral("--json"),
                sample(QStringLiteral("vscode/mcp.json")) });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray candidates
        = QJsonDocument::fromJson(run.out).object().value(QLatin1String("candidates")).toArray();
    bool sawNotion = false;
    for (const QJsonValue value : candidates) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("name")).toString() != QLatin1String("notion-remote"))
            continue;
        sawNotion = true;
        QCOMPARE(row.value(QLatin1String("status")).toString(), QStringLiteral("duplicate"));
        QCOMPARE(row.value(QLatin1String("duplicateOf")).toString(), QStringLiteral("notion"));
        QVERIFY(row.value(QLatin1String("alreadyStored")).toBool());
        QCOMPARE(row.value(QLatin1String("result"))
                     .toObject()
                     .value(QLatin1String("outcome"))
                     .toString(),
                 QStringLiteral("unchanged"));
    }
    QVERIFY(sawNotion);
    QCOMPARE(list().size(), 4 + 3); // github, context7, local-dev

    for (const QJsonValue row : list())
        QCOMPARE(
            cli({ QStringLiteral("remove"), row.toObject().value(QLatin1String("name")).toString(),
                  QStringLiteral("--keep-tokens") })
                .exitCode,
            0);
    QVERIFY(list().isEmpty());
}

void TestImportCli::malformedFileIsAUsageError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("not JSON") << QStringList { QStringLiteral("--from"), QStringLiteral("claude"),
                                               sample(QStringLiteral("malformed/truncated.json")) }
                              << QByteArray("truncated.json:4:1: not JSON");
    QTest::addRow("wrong type") << QStringList {
        sample(QStringLiteral("malformed/args-number.json"))
    } << QByteArray("mcpServers.\"linear\".args[2]: expected a string");
    QTest::addRow("missing file") << QStringList { m_home.filePath(QStringLiteral("nowhere.json")) }
                                  << QByteArray("nowhere.json: cannot be read");
    QTest::addRow("unknown client")
        << QStringList { QStringLiteral("--from"), QStringLiteral("zed") }
        << QByteArray("--from takes one of: claude, vscode, cursor, "
                      "claude-code, mcp-remote");
    QTest::addRow("dry run and delete")
        << QStringList { QStringLiteral("--dry-run"), QStringLiteral("--delete-plaintext") }
        << QByteArray("cannot be used with --delete-plaintext");
}

void TestImportCli::malformedFileIsAUsageError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QCOMPARE(cli({ QStringLiteral("add"), QStringLiteral("kept"),
                   QStringLiteral("https://kept.example.com/mcp") })
                 .exitCode,
             0);
    const QString config = configDirectory() + QStringLiteral("/mcp-accounts/config.json");
    const QByteArray before = readBytes(config);

    const Run run = cli(QStringList { QStringLiteral("import") } + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty() || !run.out.contains("Imported"));
    QCOMPARE(readBytes(config), before); // nothing imported, nothing lost
    QCOMPARE(list().size(), 1);
    QCOMPARE(
        cli({ QStringLiteral("remove"), QStringLiteral("kept"), QStringLiteral("--keep-tokens") })
            .exitCode,
        0);
}

void TestImportCli::migratesRealMcpRemoteTokens()
{
    const QString url = m_server.mcpUrl().toString();
    const QString tokensFile = runMcpRemote(url, {});
    QVERIFY(!tokensFile.isEmpty());
    QCOMPARE(QFileInfo(tokensFile).fileName(), md5(url) + QStringLiteral("_tokens.json"));
    const QJsonObject written = QJsonDocument::fromJson(readBytes(tokensFile)).object();
    const QString accessToken = written.value(QLatin1String("access_token")).toString();
    const QString refreshToken = written.value(QLatin1String("refresh_token")).toString();
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(written.value(QLatin1String("expires_at")).isDouble()); // this version stores it
    const QStringList plaintext = QDir(QFileInfo(tokensFile).path())
                                      .entryList({ md5(url) + QStringLiteral("_*") }, QDir::Files);
    QVERIFY2(plaintext.size() >= 3, qPrintable(plaintext.join(QLatin1Char(' '))));
    const QString mcpRemoteClient
        = QJsonDocument::fromJson(readBytes(QString(tokensFile)
                                                .replace(QStringLiteral("_tokens.json"),
                                                         QStringLiteral("_client_info.json"))))
              .object()
              .value(QLatin1String("client_id"))
              .toString();
    QVERIFY(!mcpRemoteClient.isEmpty());

    const QString config = m_home.filePath(QStringLiteral("claude_desktop_config.json"));
    QVERIFY(writeBytes(config, claudeConfig({ { QStringLiteral("demo"), { url } } })));

    Run run = cli({ QStringLiteral("import"), QStringLiteral("--dry-run"), QStringLiteral("--json"),
                    config });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(!run.out.contains(accessToken.toLatin1()));
    QVERIFY(!run.out.contains(refreshToken.toLatin1()));
    QJsonObject demo;
    for (const QJsonValue value :
         QJsonDocument::fromJson(run.out).object().value(QLatin1String("candidates")).toArray()) {
        if (value.toObject().value(QLatin1String("name")).toString() == QLatin1String("demo"))
            demo = value.toObject();
    }
    QCOMPARE(demo.value(QLatin1String("status")).toString(), QStringLiteral("new"));
    const QJsonObject tokens = demo.value(QLatin1String("tokens")).toObject();
    QCOMPARE(tokens.value(QLatin1String("from")).toString(), QStringLiteral("mcp-remote"));
    QVERIFY(tokens.value(QLatin1String("hasRefreshToken")).toBool());
    QVERIFY(!tokens.value(QLatin1String("expiresAt")).toString().isEmpty());
    QVERIFY(list().isEmpty());

    const int authorizationsBefore = m_server.stats().value(QLatin1String("authorize")).toInt();
    run = cli({ QStringLiteral("import"), config });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("demo: added \"demo\", signed in with mcp-remote's tokens"),
             run.out.constData());
    QVERIFY(run.out.contains("plaintext file(s)"));
    // Not a terminal, no --delete-plaintext: the files stay, and it says so.
    QVERIFY(run.out.contains("--delete-plaintext"));
    QVERIFY(QFile::exists(tokensFile));
    // It offers to switch the entry to the bridge; the offer works as printed.
    const QByteArray offer = "mcp-accounts-cli connect demo --client claude-desktop --entry demo "
                             "--config "
        + config.toUtf8();
    QVERIFY2(run.out.contains(offer), run.out.constData());

    const QJsonArray rows = list();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("signed-in"));

    // The migrated token, not a new sign-in, and it works.
    run = cli({ QStringLiteral("token"), QStringLiteral("demo") });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromLatin1(run.out.trimmed()), accessToken);
    QCOMPARE(mcpStatusWith(m_server.mcpUrl(), accessToken), 200);
    run = cli({ QStringLiteral("call"), QStringLiteral("demo") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("tools ("));
    QVERIFY(run.out.contains("whoami"));
    run = cli({ QStringLiteral("call"), QStringLiteral("demo"), QStringLiteral("--tool"),
                QStringLiteral("whoami") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains(mcpRemoteClient.toLatin1()), run.out.constData());
    QCOMPARE(m_server.stats().value(QLatin1String("authorize")).toInt(), authorizationsBefore);
    // A refresh uses mcp-remote's client and the stored endpoint.
    run = cli(
        { QStringLiteral("token"), QStringLiteral("demo"), QStringLiteral("--force-refresh") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString refreshed = QString::fromLatin1(run.out.trimmed());
    QVERIFY(refreshed != accessToken);
    QCOMPARE(mcpStatusWith(m_server.mcpUrl(), refreshed), 200);

    // With consent the plaintext goes; the keychain copy stays.
    run = cli({ QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("mcp-remote"),
                config, QStringLiteral("--delete-plaintext") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("Deleted"), run.out.constData());
    for (const QString &file : plaintext)
        QVERIFY2(!QFile::exists(QFileInfo(tokensFile).dir().filePath(file)), qPrintable(file));
    QCOMPARE(cli({ QStringLiteral("token"), QStringLiteral("demo") }).exitCode, 0);
    // The offer to switch the entry to the bridge works as printed.
    {
        Run connected = cli(QString::fromUtf8(offer).split(QLatin1Char(' ')).mid(1));
        QVERIFY2(connected.exitCode == 0, connected.err.constData());
        const QJsonObject entry = QJsonDocument::fromJson(readBytes(config))
                                      .object()
                                      .value(QLatin1String("mcpServers"))
                                      .toObject()
                                      .value(QLatin1String("demo"))
                                      .toObject();
        QCOMPARE(entry.value(QLatin1String("args")).toArray().first().toString(),
                 QStringLiteral("bridge"));
        QVERIFY(!readBytes(config).contains(accessToken.toLatin1()));
    }
    // No token of this test is left in any file under this HOME (the
    // switched config and its backup included).
    for (const QString &secret : { accessToken, refreshToken, refreshed })
        QVERIFY2(filesContaining(secret.toLatin1()).isEmpty(),
                 qPrintable(filesContaining(secret.toLatin1()).join(QLatin1Char(' '))));
    QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("demo") }).exitCode, 0);
}

void TestImportCli::migratesTokensWithoutExpiryAndRefreshes()
{
    // --resource and --header change mcp-remote's file names: the import
    // must find them all the same.
    const QString url = m_oldServer.mcpUrl().toString();
    const QStringList extra { QStringLiteral("--resource"), url, QStringLiteral("--header"),
                              QStringLiteral("X-Import-Test: ${IMPORT_TEST_VALUE}") };
    const QString tokensFile = runMcpRemote(url, extra);
    QVERIFY(!tokensFile.isEmpty());
    QCOMPARE(QFileInfo(tokensFile).fileName(),
             md5(url + QLatin1Char('|') + url
                 + QStringLiteral("|{\"X-Import-Test\":\"${IMPORT_TEST_VALUE}\"}"))
                 + QStringLiteral("_tokens.json"));
    // What an older mcp-remote wrote: expires_in only.
    QJsonObject tokens = QJsonDocument::fromJson(readBytes(tokensFile)).object();
    const QString accessToken = tokens.value(QLatin1String("access_token")).toString();
    tokens.remove(QLatin1String("expires_at"));
    QVERIFY(writeBytes(tokensFile, QJsonDocument(tokens).toJson()));

    const QString config = m_home.filePath(QStringLiteral("old/claude_desktop_config.json"));
    QVERIFY(writeBytes(config,
                       claudeConfig({ { QStringLiteral("old"), QStringList { url } + extra } })));
    const int refreshesBefore = m_oldServer.stats()
                                    .value(QLatin1String("token"))
                                    .toObject()
                                    .value(QLatin1String("refresh_token"))
                                    .toInt();
    Run run = cli({ QStringLiteral("import"), QStringLiteral("--from"),
                    QStringLiteral("mcp-remote"), config });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("expiry unknown"), run.out.constData());
    QVERIFY(run.out.contains("header X-Import-Test not imported"));
    QVERIFY(run.out.contains("signed in with mcp-remote's tokens"));

    // Unknown expiry = expired: the first use refreshes, exactly once.
    run = cli({ QStringLiteral("token"), QStringLiteral("old") });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QString fresh = QString::fromLatin1(run.out.trimmed());
    QVERIFY(fresh != accessToken);
    QCOMPARE(m_oldServer.stats()
                     .value(QLatin1String("token"))
                     .toObject()
                     .value(QLatin1String("refresh_token"))
                     .toInt()
                 - refreshesBefore,
             1);
    QCOMPARE(mcpStatusWith(m_oldServer.mcpUrl(), fresh), 200);
    QCOMPARE(cli({ QStringLiteral("token"), QStringLiteral("old") }).out.trimmed(),
             fresh.toLatin1());
    QVERIFY(QFile::exists(tokensFile));
}

void TestImportCli::deletesPlaintextOnlyWithConsent_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("deleted");
    QTest::addRow("enter") << QByteArray("\n") << false;
    QTest::addRow("no") << QByteArray("n\n") << false;
    QTest::addRow("yes") << QByteArray("y\n") << true;
}

void TestImportCli::deletesPlaintextOnlyWithConsent()
{
    QFETCH(QByteArray, answer);
    QFETCH(bool, deleted);
    if (QStandardPaths::findExecutable(QStringLiteral("script")).isEmpty())
        QSKIP("script(1) is needed for a terminal");
    // The "old" server's files from the test before are still there.
    const QString config = m_home.filePath(QStringLiteral("old/claude_desktop_config.json"));
    QVERIFY(QFile::exists(config));
    QStringList files;
    QDirIterator found(mcpAuthDirectory(), QDir::Files, QDirIterator::Subdirectories);
    while (found.hasNext()) {
        const QString file = found.next();
        if (!file.contains(md5(m_server.mcpUrl().toString())))
            files.append(file);
    }
    QVERIFY(!files.isEmpty());

    // Without a terminal even a "y" on stdin is no consent.
    Run run = cli({ QStringLiteral("import"), QStringLiteral("--from"),
                    QStringLiteral("mcp-remote"), config },
                  "y\n");
    QCOMPARE(run.exitCode, 0);
    for (const QString &file : std::as_const(files))
        QVERIFY(QFile::exists(file));

    run = cliOnTerminal({ QStringLiteral("import"), QStringLiteral("--from"),
                          QStringLiteral("mcp-remote"), config },
                        answer);
    QVERIFY2(run.exitCode == 0, run.out.constData());
    QVERIFY2(run.out.contains("Delete these files now? [y/N]"), run.out.constData());
    for (const QString &file : std::as_const(files))
        QCOMPARE(QFile::exists(file), !deleted);
    if (deleted) {
        QCOMPARE(cli({ QStringLiteral("token"), QStringLiteral("old") }).exitCode, 0);
        QCOMPARE(cli({ QStringLiteral("remove"), QStringLiteral("old") }).exitCode, 0);
    }
}

void TestImportCli::cleanupTestCase()
{
    m_server.stop();
    m_oldServer.stop();
}

QTEST_GUILESS_MAIN(TestImportCli)
#include "tst_importcli.moc"
