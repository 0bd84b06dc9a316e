#include "core/base/clock.h"
#include "core/import/clientconfiglocations.h"
#include "core/import/clientconfigreader.h"
#include "core/import/configimporter.h"
#include "core/import/mcpremotestore.h"
#include "core/net/httpclient.h"
#include "core/store/secretstore.h"
#include "core/store/serverids.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include "jobrunner.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Mcpa;

Q_DECLARE_METATYPE(Mcpa::ImportSource)
Q_DECLARE_METATYPE(Mcpa::ImportEnvironment::Platform)

namespace {

QString dataDirectory()
{
    return QDir::cleanPath(QStringLiteral(MCPA_FIXTURES_DIR "/../data/import"));
}

QString sample(const QString &relative)
{
    return dataDirectory() + QLatin1Char('/') + relative;
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator files(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (!writeBytes(to + path.mid(from.size()), readBytes(path)))
            return false;
    }
    return true;
}

QString md5(const QByteArray &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Md5).toHex());
}

/// "name=status[:id]" for each candidate, joined with ';'.
QString summary(const ImportPreview &preview)
{
    QStringList rows;
    for (const ImportCandidate &candidate : preview.candidates) {
        QString row
            = candidate.name + QLatin1Char('=') + ImportCandidate::statusName(candidate.status);
        if (candidate.isImportable())
            row += QLatin1Char(':') + candidate.serverId;
        rows.append(row);
    }
    return rows.join(QLatin1Char(';'));
}

const ImportCandidate *find(const ImportPreview &preview, const QString &name)
{
    for (const ImportCandidate &candidate : preview.candidates) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

} // namespace

// Import from the config files of other MCP clients (samples in
// tests/data/import, written from each client's documented format) and
// migration of mcp-remote's plaintext tokens into the session's keychain.
class TestConfigImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void readsEveryFormat_data();
    void readsEveryFormat();
    void settingsOfEachFormat_data();
    void settingsOfEachFormat();
    void malformedFilesAreRejected_data();
    void malformedFilesAreRejected();
    void aMalformedDefaultFileStopsTheWholeImport();
    void placeholdersAreNeverResolved();
    void stripsJsonComments_data();
    void stripsJsonComments();
    void readsMcpRemoteArguments_data();
    void readsMcpRemoteArguments();
    void staticClientFilesAreReadOnlyWhenSmallAndRegular_data();
    void staticClientFilesAreReadOnlyWhenSmallAndRegular();
    void defaultLocations_data();
    void defaultLocations();
    void environmentFromSystem();
    void previewReadsTheDefaultLocations();
    void duplicatesMergeIntoStoredServers();
    void uncheckedEntriesAreLeftOut();
    void sanitizedIds_data();
    void sanitizedIds();
    void importedIdsFollowTheRegistryRule();
    void clientSecretsGoOnlyToTheKeychain();
    void readsMcpRemoteFiles();
    void previewFindsMcpRemoteTokens();
    void migratesMcpRemoteTokens();
    void unreachableServerKeepsThePlaintextFiles();

private:
    ImportPreview previewOf(const QString &file, std::optional<ImportSource> source = {});
    ImportEnvironment fakeEnvironment() const;
    /// Runs apply() to its end; the report (empty when it failed: *error).
    ImportReport applyAndWait(const ImportPreview &preview, Error *error = nullptr);
    QString storedSecret(const std::function<void(TokenStore::SecretCallback)> &read);
    TokenSet storedTokens(const QString &serverId, const QString &label);

    QTemporaryDir m_dir;
    SecretStore m_secrets { QStringLiteral("mcp-accounts-test-import") };
    TokenStore m_tokens { &m_secrets };
    HttpClient m_http;
    ServerRegistry *m_registry = nullptr;
    ConfigImporter *m_importer = nullptr;
};

void TestConfigImport::init()
{
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).removeRecursively();
    QDir().mkpath(m_dir.path());
    m_registry = new ServerRegistry(m_dir.filePath(QStringLiteral("config/config.json")), this);
    m_registry->load();
    m_importer = new ConfigImporter(m_registry, &m_tokens, &m_http, Clock::system());
}

void TestConfigImport::cleanup()
{
    delete m_importer;
    delete m_registry;
}

ImportEnvironment TestConfigImport::fakeEnvironment() const
{
    ImportEnvironment environment;
    environment.platform = ImportEnvironment::Platform::Linux;
    environment.homeDirectory = m_dir.filePath(QStringLiteral("home"));
    environment.workingDirectory = m_dir.filePath(QStringLiteral("project"));
    return environment.withDefaults();
}

ImportPreview TestConfigImport::previewOf(const QString &file, std::optional<ImportSource> source)
{
    ImportRequest request;
    request.filePath = file;
    if (source)
        request.sources = { *source };
    request.environment = fakeEnvironment();
    return m_importer->preview(request);
}

ImportReport TestConfigImport::applyAndWait(const ImportPreview &preview, Error *error)
{
    ConfigImportJob *job = m_importer->importJob(preview);
    job->start();
    // Never synchronous, even when there is nothing to wait for.
    if (job->isFinished())
        qFatal("the import ended synchronously");
    const auto outcome = Test::runJob(
        job, [](ConfigImportJob *done) { return done->report(); }, 60000);
    if (!outcome.finished)
        return {};
    if (outcome.finishedSignals != 1)
        qFatal("the import finished %d times", outcome.finishedSignals);
    if (outcome.error) {
        if (error)
            *error = outcome.error;
        return {};
    }
    return outcome.value;
}

QString TestConfigImport::storedSecret(const std::function<void(TokenStore::SecretCallback)> &read)
{
    QString result;
    bool done = false;
    read([&](const QString &secret, const Error &) {
        result = secret;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("the keychain did not answer");
    return result;
}

TokenSet TestConfigImport::storedTokens(const QString &serverId, const QString &label)
{
    TokenSet result;
    bool done = false;
    m_tokens.readTokens(serverId, label, this, [&](const TokenSet &tokens, const Error &) {
        result = tokens;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("the keychain did not answer");
    return result;
}

void TestConfigImport::readsEveryFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("detected");
    QTest::addColumn<QString>("expected");

    QTest::addRow("claude desktop")
        << QStringLiteral("claude/claude_desktop_config.json") << QString()
        << QStringLiteral("claude")
        << QStringLiteral("atlassian=new:atlassian;filesystem=skipped;internal=new:internal;"
                          "linear=new:linear;linear-again=duplicate:linear;no-url=invalid;"
                          "partner=new:partner;plain-http=invalid;windows-style=new:windows-style");
    QTest::addRow("vs code, with comments and trailing commas")
        << QStringLiteral("vscode/mcp.json") << QString() << QStringLiteral("vscode")
        << QStringLiteral("context7=new:context7;github=new:github;local-dev=new:local-dev;"
                          "notion-remote=new:notion-remote;playwright=skipped;tunnel=invalid;"
                          "websocket=invalid");
    QTest::addRow("cursor, named")
        << QStringLiteral("cursor/mcp.json") << QStringLiteral("cursor") << QStringLiteral("cursor")
        << QStringLiteral("keyed=new:keyed;notion=new:notion;"
                          "notion-copy=duplicate:notion;pipes=new:pipes;"
                          "sqlite=skipped;vault=new:vault");
    QTest::addRow("cursor, detected from auth")
        << QStringLiteral("cursor/mcp.json") << QString() << QStringLiteral("cursor")
        << QStringLiteral("keyed=new:keyed;notion=new:"
                          "notion;notion-copy=duplicate:"
                          "notion;pipes=new:pipes;sqlite="
                          "skipped;vault=new:vault");
    QTest::addRow("claude code project")
        << QStringLiteral("claude-code/.mcp.json") << QString() << QStringLiteral("claude-code")
        << QStringLiteral("api=invalid;git=skipped;legacy=new:legacy;sentry=new:sentry;"
                          "smithery=invalid;webex=new:webex");
    QTest::addRow("claude code user file with projects")
        << QStringLiteral("claude-code/claude.json") << QStringLiteral("claude-code")
        << QStringLiteral("claude-code")
        << QStringLiteral("stripe=new:stripe;shop-db=skipped;stripe=duplicate:stripe");
}

void TestConfigImport::readsEveryFormat()
{
    QFETCH(QString, file);
    QFETCH(QString, from);
    QFETCH(QString, detected);
    QFETCH(QString, expected);
    std::optional<ImportSource> source;
    if (!from.isEmpty()) {
        ImportSource parsed;
        QVERIFY(parseImportSource(from, &parsed));
        source = parsed;
    }
    const ImportPreview preview = previewOf(sample(file), source);
    QVERIFY2(!preview.error, qPrintable(preview.error.toString()));
    QCOMPARE(summary(preview), expected);
    QCOMPARE(preview.files, QStringList { sample(file) });
    for (const ImportCandidate &candidate : preview.candidates) {
        QCOMPARE(importSourceName(candidate.source), detected);
        QCOMPARE(candidate.filePath, sample(file));
        if (candidate.status == ImportCandidate::Status::Skipped) {
            QCOMPARE(candidate.reason,
                     QStringLiteral("runs a local program, nothing to sign in to"));
            QCOMPARE(candidate.transport, QStringLiteral("stdio"));
        }
        if (candidate.status == ImportCandidate::Status::Invalid)
            QVERIFY(!candidate.reason.isEmpty());
        if (candidate.isImportable())
            QVERIFY(ServerRegistry::isValidServerId(candidate.serverId));
    }
}

void TestConfigImport::settingsOfEachFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<int>("callbackPort");
    QTest::addColumn<QString>("redirectHost");
    QTest::addColumn<bool>("sendResource");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QString>("warning");

    const QString claude = QStringLiteral("claude/claude_desktop_config.json");
    QTest::addRow("mcp-remote plain")
        << claude << QStringLiteral("linear") << QStringLiteral("https://mcp.linear.app/sse")
        << QStringLiteral("http") << QString() << QString() << 0 << QString() << true << QString()
        << QStringList() << QString();
    QTest::addRow("mcp-remote resource")
        << claude << QStringLiteral("atlassian")
        << QStringLiteral("https://mcp.atlassian.com/v1/sse") << QStringLiteral("http") << QString()
        << QString() << 0 << QString() << true << QStringLiteral("https://tenant1.atlassian.net/")
        << QStringList() << QStringLiteral("resource https://tenant1.atlassian.net/");
    QTest::addRow("mcp-remote port, header, placeholder secret")
        << claude << QStringLiteral("internal")
        << QStringLiteral("https://mcp.internal.example.com/mcp") << QStringLiteral("http")
        << QStringLiteral("internal-desktop") << QString() << 3334 << QStringLiteral("localhost")
        << true << QString() << QStringList()
        << QStringLiteral("header Authorization not imported");
    QTest::addRow("mcp-remote static client")
        << claude << QStringLiteral("partner") << QStringLiteral("https://partner.example.org/mcp")
        << QStringLiteral("http") << QStringLiteral("partner-app")
        << QStringLiteral("partner-sample-secret") << 0 << QString() << true << QString()
        << QStringList { QStringLiteral("read"), QStringLiteral("write") }
        << QStringLiteral("/oauth/callback");
    QTest::addRow("mcp-remote through cmd /c, no resource")
        << claude << QStringLiteral("windows-style") << QStringLiteral("http://127.0.0.1:8931/mcp")
        << QStringLiteral("http") << QString() << QString() << 0 << QString() << false << QString()
        << QStringList() << QString();
    const QString vscode = QStringLiteral("vscode/mcp.json");
    QTest::addRow("vscode http with an input header")
        << vscode << QStringLiteral("github")
        << QStringLiteral("https://api.githubcopilot.com/mcp/") << QStringLiteral("http")
        << QString() << QString() << 0 << QString() << true << QString() << QStringList()
        << QStringLiteral("header Authorization not imported");
    QTest::addRow("vscode sse") << vscode << QStringLiteral("context7")
                                << QStringLiteral("https://mcp.context7.com/sse")
                                << QStringLiteral("sse") << QString() << QString() << 0 << QString()
                                << true << QString() << QStringList() << QString();
    QTest::addRow("vscode stdio mcp-remote")
        << vscode << QStringLiteral("notion-remote") << QStringLiteral("https://mcp.notion.com/mcp")
        << QStringLiteral("http") << QString() << QString() << 0 << QString() << true << QString()
        << QStringList() << QString();
    const QString cursor = QStringLiteral("cursor/mcp.json");
    QTest::addRow("cursor static client")
        << cursor << QStringLiteral("pipes") << QStringLiteral("https://pipes.example.com/mcp")
        << QStringLiteral("http") << QStringLiteral("cursor-pipes")
        << QStringLiteral("cursor-sample-secret") << 0 << QString() << true << QString()
        << QStringList { QStringLiteral("openid"), QStringLiteral("kb:read") } << QString();
    QTest::addRow("cursor placeholder secret")
        << cursor << QStringLiteral("vault") << QStringLiteral("https://vault.example.com/mcp")
        << QStringLiteral("http") << QStringLiteral("vault-client") << QString() << 0 << QString()
        << true << QString() << QStringList() << QStringLiteral("client secret is a placeholder");
    QTest::addRow("cursor header")
        << cursor << QStringLiteral("keyed") << QStringLiteral("https://keyed.example.com/mcp")
        << QStringLiteral("http") << QString() << QString() << 0 << QString() << true << QString()
        << QStringList() << QStringLiteral("header X-API-Key not imported");
    const QString claudeCode = QStringLiteral("claude-code/.mcp.json");
    QTest::addRow("claude code oauth")
        << claudeCode << QStringLiteral("webex") << QStringLiteral("https://webex.example.com/mcp")
        << QStringLiteral("http") << QStringLiteral("webex-client") << QString() << 8080
        << QStringLiteral("localhost") << true << QString()
        << QStringList { QStringLiteral("spark:all"), QStringLiteral("meeting:read") }
        << QStringLiteral("own keychain");
    QTest::addRow("claude code sse")
        << claudeCode << QStringLiteral("legacy")
        << QStringLiteral("https://legacy.example.com/sse") << QStringLiteral("sse") << QString()
        << QString() << 0 << QString() << true << QString() << QStringList() << QString();
}

void TestConfigImport::settingsOfEachFormat()
{
    QFETCH(QString, file);
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, transport);
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);
    QFETCH(int, callbackPort);
    QFETCH(QString, redirectHost);
    QFETCH(bool, sendResource);
    QFETCH(QString, resource);
    QFETCH(QStringList, scopes);
    QFETCH(QString, warning);

    const ImportPreview preview = previewOf(sample(file));
    QVERIFY(!preview.error);
    const ImportCandidate *candidate = find(preview, name);
    QVERIFY(candidate);
    QCOMPARE(candidate->status, ImportCandidate::Status::New);
    QCOMPARE(candidate->url, QUrl(url));
    QCOMPARE(candidate->transport, transport);
    QCOMPARE(candidate->clientId, clientId);
    QCOMPARE(candidate->clientSecret, clientSecret);
    QCOMPARE(int(candidate->callbackPort), callbackPort);
    QCOMPARE(candidate->redirectHost, redirectHost);
    QCOMPARE(candidate->sendResource, sendResource);
    QCOMPARE(candidate->resource, resource);
    QCOMPARE(candidate->scopes, scopes);
    if (warning.isEmpty()) {
        QVERIFY2(candidate->warnings.isEmpty(),
                 qPrintable(candidate->warnings.join(QLatin1Char('|'))));
    } else {
        QVERIFY2(candidate->warnings.join(QLatin1Char('|')).contains(warning),
                 qPrintable(candidate->warnings.join(QLatin1Char('|'))));
    }
}

void TestConfigImport::malformedFilesAreRejected_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("problem");

    QTest::addRow("truncated") << QStringLiteral("truncated.json") << QString()
                               << QStringLiteral("truncated.json:4:1: not JSON");
    QTest::addRow("top level array") << QStringLiteral("top-level-array.json") << QString()
                                     << QStringLiteral("the top level is not a JSON object");
    QTest::addRow("server list is an array")
        << QStringLiteral("servers-array.json") << QString()
        << QStringLiteral("mcpServers: expected an object of servers");
    QTest::addRow("server list is a string")
        << QStringLiteral("servers-string.json") << QStringLiteral("claude")
        << QStringLiteral("mcpServers: expected an object of servers");
    QTest::addRow("entry is a string") << QStringLiteral("entry-string.json") << QString()
                                       << QStringLiteral("servers.\"github\": expected an object");
    QTest::addRow("argument is a number")
        << QStringLiteral("args-number.json") << QString()
        << QStringLiteral("mcpServers.\"linear\".args[2]: expected a string");
    QTest::addRow("callback port is a string")
        << QStringLiteral("oauth-port-string.json") << QString()
        << QStringLiteral("mcpServers.\"webex\".oauth.callbackPort: expected a port number");
    QTest::addRow("client id is a number")
        << QStringLiteral("auth-id-number.json") << QStringLiteral("cursor")
        << QStringLiteral("mcpServers.\"pipes\".auth.CLIENT_ID: expected a string");
    QTest::addRow("comment never ends") << QStringLiteral("unterminated-comment.json")
                                        << QStringLiteral("vscode") << QStringLiteral("not JSON");
    QTest::addRow("no client config") << QStringLiteral("not-a-client-config.json") << QString()
                                      << QStringLiteral("not an MCP client config");
    QTest::addRow("missing file") << QStringLiteral("does-not-exist.json")
                                  << QStringLiteral("cursor") << QStringLiteral("cannot be read");
}

void TestConfigImport::malformedFilesAreRejected()
{
    QFETCH(QString, file);
    QFETCH(QString, from);
    QFETCH(QString, problem);

    // A stored server that must survive untouched.
    ServerRecord existing;
    existing.id = QStringLiteral("kept");
    existing.mcpUrl = QUrl(QStringLiteral("https://kept.example.com/mcp"));
    QVERIFY(!m_registry->addServer(existing));
    QVERIFY(!m_registry->save());
    const QByteArray before = readBytes(m_registry->filePath());

    std::optional<ImportSource> source;
    if (!from.isEmpty()) {
        ImportSource parsed;
        QVERIFY(parseImportSource(from, &parsed));
        source = parsed;
    }
    const QString path = sample(QStringLiteral("malformed/") + file);
    const ImportPreview preview = previewOf(path, source);
    QCOMPARE(preview.error.code(), Error::Code::ImportFileInvalid);
    QVERIFY2(preview.error.detail().contains(problem), qPrintable(preview.error.detail()));
    QVERIFY(preview.error.detail().contains(path));
    QVERIFY(preview.candidates.isEmpty());

    // Applying it is refused, and nothing changed.
    Error error;
    const ImportReport report = applyAndWait(preview, &error);
    QVERIFY(report.results.isEmpty());
    QVERIFY(error);
    QCOMPARE(readBytes(m_registry->filePath()), before);
    ServerRegistry reread(m_registry->filePath());
    reread.load();
    QCOMPARE(reread.servers().size(), 1);
}

void TestConfigImport::aMalformedDefaultFileStopsTheWholeImport()
{
    const ImportEnvironment environment = fakeEnvironment();
    QVERIFY(writeBytes(environment.homeDirectory + QStringLiteral("/.cursor/mcp.json"),
                       readBytes(sample(QStringLiteral("cursor/mcp.json")))));
    QVERIFY(
        writeBytes(environment.xdgConfigHome + QStringLiteral("/Claude/claude_desktop_config.json"),
                   readBytes(sample(QStringLiteral("malformed/truncated.json")))));
    ImportRequest request;
    request.environment = environment;
    const ImportPreview preview = m_importer->preview(request);
    QCOMPARE(preview.error.code(), Error::Code::ImportFileInvalid);
    QVERIFY(preview.error.detail().contains(QStringLiteral("claude_desktop_config.json:4:1")));
    QVERIFY(preview.candidates.isEmpty());

    // Without the broken client, the other one imports.
    request.sources = { ImportSource::Cursor };
    QCOMPARE(m_importer->preview(request).candidates.size(), 6);
}

void TestConfigImport::placeholdersAreNeverResolved()
{
    const QList<QByteArray> variables { "INTERNAL_SECRET", "VAULT_SECRET", "TUNNEL_HOST",
                                        "AUTH_TOKEN",      "API_BASE_URL", "API_KEY",
                                        "KEYED_KEY" };
    for (const QByteArray &name : variables)
        qputenv(name.constData(), "resolved-" + name.toLower());
    ImportPreview all;
    for (const QString &file :
         { QStringLiteral("claude/claude_desktop_config.json"), QStringLiteral("vscode/mcp.json"),
           QStringLiteral("cursor/mcp.json"), QStringLiteral("claude-code/.mcp.json") }) {
        const ImportPreview preview = previewOf(sample(file));
        QVERIFY(!preview.error);
        all.candidates.append(preview.candidates);
    }
    for (const QByteArray &name : variables)
        qunsetenv(name.constData());

    for (const ImportCandidate &candidate : std::as_const(all.candidates)) {
        const QString text = candidate.url.toString() + candidate.clientId + candidate.clientSecret
            + candidate.reason + candidate.warnings.join(QLatin1Char(' '));
        QVERIFY2(!text.contains(QLatin1String("resolved-")), qPrintable(candidate.name));
        QVERIFY2(!candidate.clientSecret.contains(QLatin1String("${")), qPrintable(candidate.name));
    }
    QCOMPARE(find(all, QStringLiteral("tunnel"))->status, ImportCandidate::Status::Invalid);
    QVERIFY(find(all, QStringLiteral("tunnel"))->reason.contains(QLatin1String("placeholder")));
    QCOMPARE(find(all, QStringLiteral("api"))->status, ImportCandidate::Status::Invalid);
    // A key in a URL query is a secret too: that URL is not imported, nor repeated.
    QCOMPARE(find(all, QStringLiteral("smithery"))->status, ImportCandidate::Status::Invalid);
    QVERIFY(
        !find(all, QStringLiteral("smithery"))->reason.contains(QLatin1String("sample-query-key")));
    QVERIFY(find(all, QStringLiteral("vault"))->clientSecret.isEmpty());
    QVERIFY(find(all, QStringLiteral("internal"))->clientSecret.isEmpty());

    // Stored as they are: nothing resolved reaches the config file.
    ImportPreview importable = previewOf(sample(QStringLiteral("cursor/mcp.json")));
    importable.candidates.removeIf(
        [](const ImportCandidate &candidate) { return candidate.name == QLatin1String("pipes"); });
    const ImportReport report = applyAndWait(importable);
    QCOMPARE(report.results.size(), 4); // keyed, notion, notion-copy, vault
    QVERIFY(!readBytes(m_registry->filePath()).contains("resolved-"));
    QVERIFY(!readBytes(m_registry->filePath()).contains("${"));
    QCOMPARE(m_registry->server(QStringLiteral("vault"))->clientId, QStringLiteral("vault-client"));
}

void TestConfigImport::stripsJsonComments_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("line comment") << QByteArray("{\"a\": 1 // one\n}")
                                  << QByteArray("{\"a\": 1       \n}");
    QTest::addRow("block comment")
        << QByteArray("{/* x\ny */\"a\": 1}") << QByteArray("{    \n    \"a\": 1}");
    QTest::addRow("slashes in a string")
        << QByteArray("{\"u\": \"http://x/*y*/\"}") << QByteArray("{\"u\": \"http://x/*y*/\"}");
    QTest::addRow("escaped quote")
        << QByteArray("{\"u\": \"a\\\"//b\"}") << QByteArray("{\"u\": \"a\\\"//b\"}");
    QTest::addRow("trailing commas")
        << QByteArray("{\"a\": [1, 2,\n], }") << QByteArray("{\"a\": [1, 2 \n]  }");
    QTest::addRow("comma in a string")
        << QByteArray("{\"a\": \",}\"}") << QByteArray("{\"a\": \",}\"}");
}

void TestConfigImport::stripsJsonComments()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArray stripped = ClientConfigReader::stripJsonComments(input);
    QCOMPARE(stripped, expected);
    QCOMPARE(stripped.size(), input.size());
    QVERIFY(!QJsonDocument::fromJson(stripped).isNull());
}

void TestConfigImport::readsMcpRemoteArguments_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("sendResource");
    QTest::addColumn<QStringList>("headerNames");
    QTest::addColumn<QStringList>("hashes");

    const QString url = QStringLiteral("https://mcp.example.com/mcp");
    const QString urlHash = md5("https://mcp.example.com/mcp");
    QTest::addRow("npx -y") << QStringLiteral(
        "npx") << QStringList { QStringLiteral("-y"), QStringLiteral("mcp-remote"), url }
                            << url << 0 << QString() << true << QStringList()
                            << QStringList { urlHash };
    QTest::addRow("pinned version and port")
        << QStringLiteral("npx")
        << QStringList { QStringLiteral("mcp-remote@0.1.49"), url, QStringLiteral("9696") } << url
        << 9696 << QString() << true << QStringList() << QStringList { urlHash };
    QTest::addRow("global binary")
        << QStringLiteral("/usr/local/bin/mcp-remote") << QStringList { url } << url << 0
        << QString() << true << QStringList() << QStringList { urlHash };
    QTest::addRow("windows cmd") << QStringLiteral("C:\\Windows\\System32\\cmd.exe")
                                 << QStringList { QStringLiteral("/c"), QStringLiteral("npx.cmd"),
                                                  QStringLiteral("mcp-remote"), url }
                                 << url << 0 << QString() << true << QStringList()
                                 << QStringList { urlHash };
    // mcp-remote takes the headers out before it reads the positional port.
    QTest::addRow("headers before the port, resource")
        << QStringLiteral("npx")
        << QStringList { QStringLiteral("mcp-remote"),
                         url,
                         QStringLiteral("--header"),
                         QStringLiteral("X-B: 1"),
                         QStringLiteral("3334"),
                         QStringLiteral("--resource"),
                         QStringLiteral("https://t1.example/"),
                         QStringLiteral("--header"),
                         QStringLiteral("Authorization:Bearer ${TOKEN}") }
        << url << 3334 << QStringLiteral("https://t1.example/") << true
        << QStringList { QStringLiteral("X-B"), QStringLiteral("Authorization") }
        << QStringList { md5("https://mcp.example.com/mcp|https://t1.example/|"
                             "{\"Authorization\":\"Bearer ${TOKEN}\",\"X-B\":\"1\"}"),
                         urlHash };
    QTest::addRow("empty resource turns it off")
        << QStringLiteral("npx")
        << QStringList { QStringLiteral("mcp-remote"), url, QStringLiteral("--resource"),
                         QStringLiteral(" ") }
        << url << 0 << QString() << false << QStringList() << QStringList { urlHash };
    QTest::addRow("disable-resource-parameter wins")
        << QStringLiteral("npx")
        << QStringList { QStringLiteral("mcp-remote"), url, QStringLiteral("--resource"),
                         QStringLiteral("https://t1.example/"),
                         QStringLiteral("--disable-resource-parameter") }
        << url << 0 << QString() << false << QStringList() << QStringList { urlHash };
}

void TestConfigImport::readsMcpRemoteArguments()
{
    QFETCH(QString, command);
    QFETCH(QStringList, arguments);
    QFETCH(QString, url);
    QFETCH(int, port);
    QFETCH(QString, resource);
    QFETCH(bool, sendResource);
    QFETCH(QStringList, headerNames);
    QFETCH(QStringList, hashes);

    ImportCandidate candidate;
    QVERIFY(ClientConfigReader::readMcpRemoteCommand(command, arguments, &candidate));
    QVERIFY(candidate.mcpRemote);
    QCOMPARE(candidate.status, ImportCandidate::Status::New);
    QCOMPARE(candidate.url, QUrl(url));
    QCOMPARE(candidate.mcpRemote->serverUrl, url);
    QCOMPARE(int(candidate.callbackPort), port);
    QCOMPARE(candidate.resource, resource);
    QCOMPARE(candidate.sendResource, sendResource);
    QCOMPARE(candidate.mcpRemote->headerNames, headerNames);
    QCOMPARE(candidate.mcpRemote->hashes, hashes);
    // Header values are secrets of the other client: they are not kept.
    QVERIFY(!candidate.warnings.join(QLatin1Char(' ')).contains(QLatin1String("${TOKEN}")));

    ImportCandidate other;
    QVERIFY(!ClientConfigReader::readMcpRemoteCommand(
        QStringLiteral("npx"), { QStringLiteral("-y"), QStringLiteral("mcp-server-fetch") },
        &other));
    QVERIFY(!other.mcpRemote);
}

void TestConfigImport::staticClientFilesAreReadOnlyWhenSmallAndRegular_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("clientId"); // expected; empty = not imported
    QTest::addColumn<QString>("warning"); // a part of the warning, if any
    QTest::addRow("small regular file") << "file"
                                        << "from-file" << QString();
    QTest::addRow("FIFO (would hang)") << "fifo" << QString() << "not a regular file";
    QTest::addRow("/dev/zero (endless)") << "/dev/zero" << QString() << "not a regular file";
    QTest::addRow("/dev/stdin") << "/dev/stdin" << QString() << "cannot read /dev/stdin";
    QTest::addRow("huge file") << "huge" << QString() << "larger than 65536 bytes";
}

void TestConfigImport::staticClientFilesAreReadOnlyWhenSmallAndRegular()
{
    QFETCH(QString, kind);
    QFETCH(QString, clientId);
    QFETCH(QString, warning);
    QTemporaryDir dir;
    QString path = kind;
    if (kind == QLatin1String("fifo")) {
        path = dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else if (kind == QLatin1String("file") || kind == QLatin1String("huge")) {
        path = dir.filePath(QStringLiteral("info.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"client_id":"from-file"})");
        if (kind == QLatin1String("huge"))
            file.write(QByteArray(70000, ' '));
    }
    ImportCandidate candidate;
    QVERIFY(ClientConfigReader::readMcpRemoteCommand(
        QStringLiteral("npx"),
        { QStringLiteral("mcp-remote"), QStringLiteral("https://mcp.example.com/mcp"),
          QStringLiteral("--static-oauth-client-info"), QLatin1Char('@') + path },
        &candidate));
    QCOMPARE(candidate.clientId, clientId);
    const QString warnings = candidate.warnings.join(QLatin1Char('\n'));
    if (!warning.isEmpty())
        QVERIFY2(warnings.contains(warning), qPrintable(warnings));
}

void TestConfigImport::defaultLocations_data()
{
    QTest::addColumn<ImportEnvironment::Platform>("platform");
    QTest::addColumn<ImportSource>("source");
    QTest::addColumn<QStringList>("expected");

    using Platform = ImportEnvironment::Platform;
    QTest::addRow("linux claude") << Platform::Linux << ImportSource::ClaudeDesktop
                                  << QStringList { QStringLiteral(
                                         "/xdg/Claude/claude_desktop_config.json") };
    QTest::addRow("macos claude")
        << Platform::MacOS << ImportSource::ClaudeDesktop
        << QStringList { QStringLiteral(
               "/home/ada/Library/Application Support/Claude/claude_desktop_config.json") };
    QTest::addRow("windows claude")
        << Platform::Windows << ImportSource::ClaudeDesktop
        << QStringList { QStringLiteral("/appdata/Claude/claude_desktop_config.json") };
    QTest::addRow("linux vscode") << Platform::Linux << ImportSource::VsCode
                                  << QStringList {
                                         QStringLiteral("/xdg/Code/User/mcp.json"),
                                         QStringLiteral("/xdg/Code - Insiders/User/mcp.json"),
                                         QStringLiteral("/xdg/VSCodium/User/mcp.json"),
                                         QStringLiteral("/srv/project/.vscode/mcp.json")
                                     };
    QTest::addRow("macos vscode")
        << Platform::MacOS << ImportSource::VsCode
        << QStringList { QStringLiteral("/home/ada/Library/Application Support/Code/User/mcp.json"),
                         QStringLiteral(
                             "/home/ada/Library/Application Support/Code - Insiders/User/mcp.json"),
                         QStringLiteral(
                             "/home/ada/Library/Application Support/VSCodium/User/mcp.json"),
                         QStringLiteral("/srv/project/.vscode/mcp.json") };
    QTest::addRow("windows vscode")
        << Platform::Windows << ImportSource::VsCode
        << QStringList { QStringLiteral("/appdata/Code/User/mcp.json"),
                         QStringLiteral("/appdata/Code - Insiders/User/mcp.json"),
                         QStringLiteral("/appdata/VSCodium/User/mcp.json"),
                         QStringLiteral("/srv/project/.vscode/mcp.json") };
    for (const Platform platform : { Platform::Linux, Platform::MacOS, Platform::Windows }) {
        const char *name = platform == Platform::Linux
            ? "linux"
            : (platform == Platform::MacOS ? "macos" : "windows");
        QTest::addRow("%s cursor", name)
            << platform << ImportSource::Cursor
            << QStringList { QStringLiteral("/home/ada/.cursor/mcp.json"),
                             QStringLiteral("/srv/project/.cursor/mcp.json") };
        QTest::addRow("%s claude code", name)
            << platform << ImportSource::ClaudeCode
            << QStringList { QStringLiteral("/srv/project/.mcp.json"),
                             QStringLiteral("/home/ada/.claude.json") };
        QTest::addRow("%s mcp-remote", name)
            << platform << ImportSource::McpRemote << QStringList();
    }
}

void TestConfigImport::defaultLocations()
{
    QFETCH(ImportEnvironment::Platform, platform);
    QFETCH(ImportSource, source);
    QFETCH(QStringList, expected);
    ImportEnvironment environment;
    environment.platform = platform;
    environment.homeDirectory = QStringLiteral("/home/ada");
    environment.appDataDirectory = QStringLiteral("/appdata");
    environment.xdgConfigHome = QStringLiteral("/xdg");
    environment.workingDirectory = QStringLiteral("/srv/project");
    QCOMPARE(ClientConfigLocations::candidates(source, environment), expected);
    // Nothing of that exists here.
    QVERIFY(ClientConfigLocations::existing(source, environment).isEmpty());
}

void TestConfigImport::environmentFromSystem()
{
    const QByteArray home = qgetenv("HOME");
    const QString fakeHome = m_dir.filePath(QStringLiteral("fakehome"));
    QDir().mkpath(fakeHome);
    qputenv("HOME", QFile::encodeName(fakeHome));
    qputenv("APPDATA", "/fake/appdata");
    const QByteArray xdg = qgetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_CONFIG_HOME");
    qputenv("MCP_REMOTE_CONFIG_DIR", "/fake/mcp-auth");
    const ImportEnvironment environment = ImportEnvironment::fromSystem();
    qputenv("HOME", home);
    qunsetenv("APPDATA");
    qunsetenv("MCP_REMOTE_CONFIG_DIR");
    if (!xdg.isEmpty())
        qputenv("XDG_CONFIG_HOME", xdg);

    QCOMPARE(environment.homeDirectory, fakeHome);
    QCOMPARE(environment.appDataDirectory, QStringLiteral("/fake/appdata"));
    QCOMPARE(environment.xdgConfigHome, fakeHome + QStringLiteral("/.config"));
    QCOMPARE(environment.mcpRemoteConfigDirectory, QStringLiteral("/fake/mcp-auth"));
    QCOMPARE(environment.workingDirectory, QDir::currentPath());
#ifdef Q_OS_LINUX
    QCOMPARE(environment.platform, ImportEnvironment::Platform::Linux);
#endif
    ImportEnvironment defaults;
    defaults.homeDirectory = QStringLiteral("/h");
    QCOMPARE(defaults.withDefaults().mcpRemoteConfigDirectory, QStringLiteral("/h/.mcp-auth"));
    QCOMPARE(defaults.withDefaults().appDataDirectory, QStringLiteral("/h/AppData/Roaming"));
}

void TestConfigImport::previewReadsTheDefaultLocations()
{
    const ImportEnvironment environment = fakeEnvironment();
    const QString claude
        = environment.xdgConfigHome + QStringLiteral("/Claude/claude_desktop_config.json");
    const QString vscode = environment.xdgConfigHome + QStringLiteral("/Code/User/mcp.json");
    const QString cursor = environment.workingDirectory + QStringLiteral("/.cursor/mcp.json");
    const QString claudeCode = environment.homeDirectory + QStringLiteral("/.claude.json");
    QVERIFY(
        writeBytes(claude, readBytes(sample(QStringLiteral("claude/claude_desktop_config.json")))));
    QVERIFY(writeBytes(vscode, readBytes(sample(QStringLiteral("vscode/mcp.json")))));
    QVERIFY(writeBytes(cursor, readBytes(sample(QStringLiteral("cursor/mcp.json")))));
    QVERIFY(writeBytes(claudeCode, readBytes(sample(QStringLiteral("claude-code/claude.json")))));

    ImportRequest request;
    request.environment = environment;
    ImportPreview preview = m_importer->preview(request);
    QVERIFY(!preview.error);
    QCOMPARE(preview.files, (QStringList { claude, vscode, cursor, claudeCode }));
    QCOMPARE(preview.candidates.size(), 9 + 7 + 6 + 3);
    // Across files too, one server is imported once: Cursor's notion and
    // VS Code's notion-remote are the same.
    QCOMPARE(find(preview, QStringLiteral("notion"))->status, ImportCandidate::Status::Duplicate);
    QCOMPARE(find(preview, QStringLiteral("notion"))->serverId, QStringLiteral("notion-remote"));

    request.sources = { ImportSource::VsCode };
    preview = m_importer->preview(request);
    QCOMPARE(preview.files, QStringList { vscode });

    request.sources = { ImportSource::ClaudeCode };
    request.environment.homeDirectory = m_dir.filePath(QStringLiteral("empty-home"));
    request.environment.workingDirectory = m_dir.filePath(QStringLiteral("empty-project"));
    preview = m_importer->preview(request);
    QVERIFY(!preview.error);
    QVERIFY(preview.candidates.isEmpty());
    QVERIFY(
        preview.warnings.join(QLatin1Char(' ')).contains(QLatin1String("no config file found")));
}

void TestConfigImport::duplicatesMergeIntoStoredServers()
{
    ServerRecord stored;
    stored.id = QStringLiteral("wx");
    stored.name = QStringLiteral("Webex");
    stored.mcpUrl = QUrl(QStringLiteral("https://WEBEX.example.com:443/mcp/"));
    QVERIFY(!m_registry->addServer(stored));
    ServerRecord configured;
    configured.id = QStringLiteral("sentry-mine");
    configured.mcpUrl = QUrl(QStringLiteral("https://mcp.sentry.dev/mcp"));
    configured.clientId = QStringLiteral("my-own-client");
    QVERIFY(!m_registry->addServer(configured));
    QVERIFY(!m_registry->save());

    ImportPreview preview = previewOf(sample(QStringLiteral("claude-code/.mcp.json")));
    QCOMPARE(
        summary(preview),
        QStringLiteral("api=invalid;git=skipped;legacy=new:legacy;sentry=duplicate:sentry-mine;"
                       "smithery=invalid;webex=duplicate:wx"));
    QVERIFY(find(preview, QStringLiteral("webex"))->duplicateInRegistry);

    const ImportReport report = applyAndWait(preview);
    QCOMPARE(report.results.size(), 3);
    QVERIFY(!report.firstError());
    QHash<QString, ImportResult::Outcome> outcomes;
    for (const ImportResult &result : report.results)
        outcomes.insert(result.name, result.outcome);
    QCOMPARE(outcomes.value(QStringLiteral("legacy")), ImportResult::Outcome::Added);
    QCOMPARE(outcomes.value(QStringLiteral("webex")), ImportResult::Outcome::Merged);
    QCOMPARE(outcomes.value(QStringLiteral("sentry")), ImportResult::Outcome::Unchanged);

    // What another process reads from the file.
    ServerRegistry reread(m_registry->filePath());
    reread.load();
    QCOMPARE(reread.servers().size(), 3);
    const ServerRecord webex = *reread.server(QStringLiteral("wx"));
    QCOMPARE(webex.name, QStringLiteral("Webex")); // kept
    QCOMPARE(webex.clientId, QStringLiteral("webex-client")); // filled in
    QCOMPARE(int(webex.callbackPort), 8080);
    QCOMPARE(webex.redirectHost, QStringLiteral("localhost"));
    QCOMPARE(webex.scopes,
             (QStringList { QStringLiteral("spark:all"), QStringLiteral("meeting:read") }));
    QCOMPARE(reread.server(QStringLiteral("sentry-mine"))->clientId,
             QStringLiteral("my-own-client"));
    QCOMPARE(reread.server(QStringLiteral("legacy"))->mcpUrl,
             QUrl(QStringLiteral("https://legacy.example.com/sse")));
    QVERIFY(!reread.server(QStringLiteral("git")));

    // A second import finds everything there: only duplicates, nothing changes.
    const QByteArray before = readBytes(m_registry->filePath());
    preview = previewOf(sample(QStringLiteral("claude-code/.mcp.json")));
    QCOMPARE(summary(preview),
             QStringLiteral("api=invalid;git=skipped;legacy=duplicate:legacy;"
                            "sentry=duplicate:sentry-mine;smithery=invalid;webex=duplicate:wx"));
    const ImportReport again = applyAndWait(preview);
    QCOMPARE(again.results.size(), 3);
    for (const ImportResult &result : again.results)
        QCOMPARE(result.outcome, ImportResult::Outcome::Unchanged);
    QCOMPARE(readBytes(m_registry->filePath()), before);
}

void TestConfigImport::uncheckedEntriesAreLeftOut()
{
    ImportPreview preview = previewOf(sample(QStringLiteral("cursor/mcp.json")));
    // A checklist: the person unticks "notion" (the first of two entries
    // for that server) and "pipes".
    preview.candidates.removeIf([](const ImportCandidate &candidate) {
        return candidate.name == QLatin1String("notion")
            || candidate.name == QLatin1String("pipes");
    });
    const ImportReport report = applyAndWait(preview);
    QCOMPARE(report.results.size(), 3);
    QVERIFY(!report.firstError());
    for (const ImportResult &result : report.results)
        QCOMPARE(result.outcome, ImportResult::Outcome::Added);
    ServerRegistry reread(m_registry->filePath());
    reread.load();
    QStringList ids;
    for (const ServerRecord &server : reread.servers())
        ids.append(server.id);
    ids.sort();
    QCOMPARE(ids,
             (QStringList { QStringLiteral("keyed"), QStringLiteral("notion"),
                            QStringLiteral("vault") }));
    QCOMPARE(reread.server(QStringLiteral("notion"))->name, QStringLiteral("notion-copy"));
}

void TestConfigImport::sanitizedIds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("id");
    QTest::addRow("plain") << QStringLiteral("linear") << QStringLiteral("linear");
    QTest::addRow("case and spaces")
        << QStringLiteral("My Server (Work)") << QStringLiteral("my-server-work");
    QTest::addRow("underscores and dots")
        << QStringLiteral("__github.enterprise__") << QStringLiteral("github-enterprise");
    QTest::addRow("nothing usable") << QStringLiteral("***") << QString();
    QTest::addRow("non-latin") << QStringLiteral("\u30b5\u30fc\u30d0") << QString();
    QTest::addRow("long") << QString(80, QLatin1Char('a')) << QString(63, QLatin1Char('a'));
}

void TestConfigImport::sanitizedIds()
{
    // The importer derives ids by the registry's rule (ServerIds); this is its name part.
    QFETCH(QString, name);
    QFETCH(QString, id);
    QCOMPARE(ServerIds::fromName(name), id);
    if (!id.isEmpty())
        QVERIFY(ServerRegistry::isValidServerId(id));
}

void TestConfigImport::importedIdsFollowTheRegistryRule()
{
    // The ids ServerRegistry::addServer would give: accents folded, a name
    // without a usable character falls back to the host without "mcp.",
    // taken ids (stored or earlier in this import) get "-2".
    ServerRecord stored;
    stored.id = QStringLiteral("cafe");
    stored.mcpUrl = QUrl(QStringLiteral("https://stored.example.com/mcp"));
    QVERIFY(!m_registry->addServer(stored));
    QVERIFY(!m_registry->save());
    const QString file = m_dir.filePath(QStringLiteral("ids/mcp.json"));
    const QByteArray json = R"({"mcpServers": {
        "***": { "url": "https://mcp.github.com/mcp" },
        "Caf\u00e9": { "url": "https://cafe.example.com/mcp" },
        "GitHub": { "url": "https://api.githubcopilot.com/mcp/" },
        "\ud83d\ude80 Rocket \ud83d\ude80": { "url": "https://rocket.example.com/mcp" }
    }})";
    QVERIFY(writeBytes(file, json));
    const ImportPreview preview = previewOf(file, ImportSource::Cursor);
    QVERIFY(!preview.error);
    QCOMPARE(summary(preview),
             QStringLiteral("***=new:github;Caf\u00e9=new:cafe-2;GitHub=new:github-2;"
                            "\U0001F680 Rocket \U0001F680=new:rocket"));

    const ImportReport report = applyAndWait(preview);
    QVERIFY2(!report.firstError(), qPrintable(report.firstError().toString()));
    ServerRegistry reread(m_registry->filePath());
    reread.load();
    QStringList ids;
    for (const ServerRecord &server : reread.servers())
        ids.append(server.id);
    ids.sort();
    QCOMPARE(
        ids,
        (QStringList { QStringLiteral("cafe"), QStringLiteral("cafe-2"), QStringLiteral("github"),
                       QStringLiteral("github-2"), QStringLiteral("rocket") }));
    // addServer gives the next server of the same name its id the same way.
    ServerRecord again;
    again.name = QStringLiteral("Caf\u00e9");
    again.mcpUrl = QUrl(QStringLiteral("https://another.example.com/mcp"));
    QString assigned;
    QVERIFY(!reread.addServer(again, &assigned));
    QCOMPARE(assigned, QStringLiteral("cafe-3"));
}

void TestConfigImport::clientSecretsGoOnlyToTheKeychain()
{
    const ImportPreview preview = previewOf(sample(QStringLiteral("cursor/mcp.json")));
    QVERIFY(!preview.error);
    const ImportReport report = applyAndWait(preview);
    QVERIFY2(!report.firstError(), qPrintable(report.firstError().toString()));
    QCOMPARE(m_registry->server(QStringLiteral("pipes"))->clientId, QStringLiteral("cursor-pipes"));
    QCOMPARE(storedSecret([this](TokenStore::SecretCallback callback) {
                 m_tokens.readServerClientSecret(QStringLiteral("pipes"), this, callback);
             }),
             QStringLiteral("cursor-sample-secret"));
    // The placeholder secret stored nothing.
    QVERIFY(storedSecret([this](TokenStore::SecretCallback callback) {
                m_tokens.readServerClientSecret(QStringLiteral("vault"), this, callback);
            }).isEmpty());
    QVERIFY(!readBytes(m_registry->filePath()).contains("cursor-sample-secret"));

    bool removed = false;
    m_tokens.removeServerClientSecret(QStringLiteral("pipes"), this,
                                      [&](const Error &) { removed = true; });
    QTRY_VERIFY(removed);
}

void TestConfigImport::readsMcpRemoteFiles()
{
    const QString base = m_dir.filePath(QStringLiteral("mcp-auth"));
    QVERIFY(copyTree(sample(QStringLiteral("mcp-remote")), base));
    // The older version directory holds an older copy.
    const QDateTime older = QDateTime::currentDateTimeUtc().addDays(-30);
    for (const QString &name :
         QDir(base + QStringLiteral("/mcp-remote-0.1.16")).entryList(QDir::Files)) {
        QFile file(base + QStringLiteral("/mcp-remote-0.1.16/") + name);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(older, QFileDevice::FileModificationTime));
    }
    const McpRemoteStore store(base);
    QCOMPARE(store.versionDirectories().size(), 3);
    QCOMPARE(store.storedHashes().size(), 4);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    QString problem;
    const QString linear = md5("https://mcp.linear.app/sse");
    const auto newest = store.find({ linear }, now, &problem);
    QVERIFY(newest);
    QVERIFY(problem.isEmpty());
    QVERIFY(newest->tokensFile.contains(QLatin1String("mcp-remote-0.1.49")));
    QCOMPARE(newest->tokens.accessToken, QStringLiteral("sample-linear-access"));
    QCOMPARE(newest->tokens.refreshToken, QStringLiteral("sample-linear-refresh"));
    QVERIFY(newest->expiryKnown);
    QCOMPARE(newest->tokens.expiresAt, QDateTime::fromMSecsSinceEpoch(1748773800000, Qt::UTC));
    QCOMPARE(newest->tokens.scopes,
             (QStringList { QStringLiteral("read"), QStringLiteral("write") }));
    QCOMPARE(newest->client.clientId, QStringLiteral("sample-linear-client"));
    QCOMPARE(newest->client.authMethod, ClientAuthMethod::None);
    QVERIFY(newest->clientAuthMethodDeclared);
    QCOMPARE(newest->client.redirectUri,
             QUrl(QStringLiteral("http://localhost:5431/oauth/callback")));
    QCOMPARE(newest->clientIssuedAt, QDateTime::fromSecsSinceEpoch(1748770200, Qt::UTC));
    // Both versions' files, verifiers included, are this server's plaintext.
    QCOMPARE(newest->plaintextFiles.size(), 6);

    const auto old = store.find({ md5("https://mcp.notion.com/mcp") }, now, &problem);
    QVERIFY(old);
    QVERIFY(!old->expiryKnown);
    // Unknown expiry with a refresh token: already expired, refreshed at first use.
    QCOMPARE(old->tokens.expiresAt, old->tokens.receivedAt);
    QVERIFY(old->tokens.receivedAt <= now);
    QCOMPARE(old->client.clientSecret, QStringLiteral("sample-notion-client-secret"));
    QCOMPARE(old->client.authMethod, ClientAuthMethod::ClientSecretPost);

    QVERIFY(!store.find({ md5("https://partner.example.org/mcp") }, now, &problem));
    QVERIFY2(problem.contains(QLatin1String("not a JSON object")), qPrintable(problem));
    QVERIFY(!problem.contains(QLatin1String("sample")));

    problem.clear();
    QVERIFY(!store.find({ md5("https://nothing.example.com/mcp") }, now, &problem));
    QVERIFY(problem.isEmpty());

    // Without a refresh token and without expires_at: unknown stays unknown.
    TokenSet tokens;
    bool known = true;
    QVERIFY(!McpRemoteStore::readTokens(base + QStringLiteral("/mcp-remote-0.1.49/")
                                            + md5("https://orphan.example.com/mcp")
                                            + QStringLiteral("_tokens.json"),
                                        now, &tokens, &known));
    QVERIFY(!known);
    QVERIFY(!tokens.expiresAt.isValid());

    QVERIFY(!McpRemoteStore::removeFiles(newest->plaintextFiles));
    for (const QString &file : newest->plaintextFiles)
        QVERIFY(!QFile::exists(file));
    QCOMPARE(store.storedHashes().size(), 3);
}

void TestConfigImport::previewFindsMcpRemoteTokens()
{
    ImportEnvironment environment = fakeEnvironment();
    QVERIFY(copyTree(sample(QStringLiteral("mcp-remote")), environment.mcpRemoteConfigDirectory));
    QVERIFY(
        writeBytes(environment.xdgConfigHome + QStringLiteral("/Claude/claude_desktop_config.json"),
                   readBytes(sample(QStringLiteral("claude/claude_desktop_config.json")))));
    QVERIFY(writeBytes(environment.xdgConfigHome + QStringLiteral("/Code/User/mcp.json"),
                       readBytes(sample(QStringLiteral("vscode/mcp.json")))));

    ImportRequest request;
    request.environment = environment;
    ImportPreview preview = m_importer->preview(request);
    QVERIFY(!preview.error);
    QVERIFY(find(preview, QStringLiteral("linear"))->credentials);
    QVERIFY(find(preview, QStringLiteral("notion-remote"))->credentials);
    QVERIFY(!find(preview, QStringLiteral("atlassian"))->credentials);
    QVERIFY(!find(preview, QStringLiteral("partner"))->credentials);
    QVERIFY(find(preview, QStringLiteral("partner"))
                ->warnings.join(QLatin1Char(' '))
                .contains(QLatin1String("cannot be read")));
    // The duplicate entry shares the file names: the tokens come once.
    QVERIFY(!find(preview, QStringLiteral("linear-again"))->credentials);
    const QString warnings = preview.warnings.join(QLatin1Char(' '));
    QVERIFY2(warnings.contains(md5("https://orphan.example.com/mcp")), qPrintable(warnings));
    QVERIFY(warnings.contains(QLatin1String("1 server(s)")));

    // --from mcp-remote: only what has tokens.
    request.sources = { ImportSource::McpRemote };
    preview = m_importer->preview(request);
    QCOMPARE(summary(preview), QStringLiteral("linear=new:linear;notion-remote=new:notion-remote"));

    // A stored server without an account is matched by its URL alone.
    ServerRecord stored;
    stored.id = QStringLiteral("orphan");
    stored.mcpUrl = QUrl(QStringLiteral("https://orphan.example.com/mcp"));
    QVERIFY(!m_registry->addServer(stored));
    preview = m_importer->preview(request);
    QCOMPARE(summary(preview),
             QStringLiteral("linear=new:linear;notion-remote=new:notion-remote;"
                            "orphan=duplicate:orphan"));
    QCOMPARE(find(preview, QStringLiteral("orphan"))->source, ImportSource::McpRemote);
    QVERIFY(
        !preview.warnings.join(QLatin1Char(' ')).contains(md5("https://orphan.example.com/mcp")));
}

void TestConfigImport::migratesMcpRemoteTokens()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString url = server.mcpUrl().toString();
    const QString origin = server.mcpUrl().adjusted(QUrl::RemovePath).toString();
    ImportEnvironment environment = fakeEnvironment();
    const QString hash = md5(url.toUtf8());
    const QString directory
        = environment.mcpRemoteConfigDirectory + QStringLiteral("/mcp-remote-0.0.22/");
    // An old mcp-remote's files (only expires_in). Made-up values: this test
    // checks the records and the keychain, the CLI test uses real ones.
    const QByteArray tokensJson = "{\"access_token\":\"migrated-access\",\"token_type\":\"Bearer\","
                                  "\"expires_in\":3600,\"scope\":\"mcp:read\","
                                  "\"refresh_token\":\"migrated-refresh\"}";
    const QByteArray clientJson
        = "{\"client_id\":\"migrated-client\","
          "\"redirect_uris\":[\"http://localhost:4100/oauth/callback\"],"
          "\"token_endpoint_auth_method\":\"none\",\"client_id_issued_at\":1748770200}";
    QVERIFY(writeBytes(directory + hash + QStringLiteral("_tokens.json"), tokensJson));
    QVERIFY(writeBytes(directory + hash + QStringLiteral("_client_info.json"), clientJson));
    QVERIFY(writeBytes(directory + hash + QStringLiteral("_code_verifier.txt"), "verifier"));
    const QString config = environment.homeDirectory + QStringLiteral("/.cursor/mcp.json");
    const QJsonObject entry { { QLatin1String("command"), QLatin1String("npx") },
                              { QLatin1String("args"),
                                QJsonArray { QLatin1String("mcp-remote"), url } } };
    const QJsonObject root { { QLatin1String("mcpServers"),
                               QJsonObject { { QLatin1String("Demo Server"), entry } } } };
    QVERIFY(writeBytes(config, QJsonDocument(root).toJson()));

    ImportRequest request;
    request.environment = environment;
    request.sources = { ImportSource::McpRemote };
    const ImportPreview preview = m_importer->preview(request);
    QCOMPARE(summary(preview), QStringLiteral("Demo Server=new:demo-server"));
    const ImportReport report = applyAndWait(preview);
    QCOMPARE(report.results.size(), 1);
    const ImportResult result = report.results.first();
    QVERIFY2(!result.error, qPrintable(result.error.toString()));
    QCOMPARE(result.outcome, ImportResult::Outcome::Added);
    QVERIFY(result.tokensImported);
    QCOMPARE(result.accountLabel, QStringLiteral("default"));
    QCOMPARE(result.plaintextFiles.size(), 3);
    QVERIFY(result.warnings.join(QLatin1Char(' '))
                .contains(QLatin1String("refreshed at its first use")));

    ServerRegistry reread(m_registry->filePath());
    reread.load();
    const ServerRecord stored = *reread.server(QStringLiteral("demo-server"));
    QCOMPARE(stored.name, QStringLiteral("Demo Server"));
    QCOMPARE(stored.accounts.size(), 1);
    const AccountRecord account = stored.accounts.first();
    QCOMPARE(account.issuer, origin + QLatin1Char('/'));
    QCOMPARE(account.tokenEndpoint, QUrl(origin + QStringLiteral("/token")));
    QCOMPARE(account.revocationEndpoint, QUrl(origin + QStringLiteral("/revoke")));
    QCOMPARE(account.resource, server.mcpUrl());
    QCOMPARE(account.clientId, QStringLiteral("migrated-client"));
    QCOMPARE(account.authMethod, ClientAuthMethod::None);
    QCOMPARE(account.clientSource, ClientRegistration::Source::Dynamic);
    QVERIFY(account.hasRefreshToken);
    QCOMPARE(account.grantedScopes, QStringList { QStringLiteral("mcp:read") });
    QVERIFY(account.expiresAt <= QDateTime::currentDateTimeUtc()); // refresh at first use
    const auto registration = reread.registration(origin + QLatin1Char('/'));
    QVERIFY(registration);
    QCOMPARE(registration->clientId, QStringLiteral("migrated-client"));
    QCOMPARE(registration->redirectUri,
             QUrl(QStringLiteral("http://localhost:4100/oauth/callback")));
    QCOMPARE(registration->registeredAt, QDateTime::fromSecsSinceEpoch(1748770200, Qt::UTC));

    const TokenSet tokens = storedTokens(QStringLiteral("demo-server"), QStringLiteral("default"));
    QCOMPARE(tokens.accessToken, QStringLiteral("migrated-access"));
    QCOMPARE(tokens.refreshToken, QStringLiteral("migrated-refresh"));
    QCOMPARE(tokens.expiresAt, account.expiresAt);
    // Secrets only in the keychain; the plaintext files are untouched by apply().
    QVERIFY(!readBytes(m_registry->filePath()).contains("migrated-access"));
    QVERIFY(!readBytes(m_registry->filePath()).contains("migrated-refresh"));
    for (const QString &file : result.plaintextFiles)
        QVERIFY(QFile::exists(file));

    // Again: the server is signed in here now; the files are merely redundant.
    const ImportPreview second = m_importer->preview(request);
    QCOMPARE(summary(second), QStringLiteral("Demo Server=duplicate:demo-server"));
    const ImportReport again = applyAndWait(second);
    QCOMPARE(again.results.size(), 1);
    QVERIFY(!again.results.first().tokensImported);
    QCOMPARE(again.results.first().outcome, ImportResult::Outcome::Unchanged);
    QCOMPARE(again.plaintextFiles().size(), 3);

    QVERIFY(!ConfigImporter::removePlaintextFiles(again.plaintextFiles()));
    for (const QString &file : result.plaintextFiles)
        QVERIFY(!QFile::exists(file));

    bool removed = false;
    m_tokens.removeTokens(QStringLiteral("demo-server"), QStringLiteral("default"), this,
                          [&](const Error &) { removed = true; });
    QTRY_VERIFY(removed);
}

void TestConfigImport::unreachableServerKeepsThePlaintextFiles()
{
    ImportEnvironment environment = fakeEnvironment();
    // Port 9 (discard) on loopback: nothing listens there.
    const QString url = QStringLiteral("http://127.0.0.1:9/mcp");
    const QString tokens = environment.mcpRemoteConfigDirectory
        + QStringLiteral("/mcp-remote-0.1.49/") + md5(url.toUtf8())
        + QStringLiteral("_tokens.json");
    const QByteArray tokensJson
        = "{\"access_token\":\"unreachable-access\",\"expires_at\":4102444800000}";
    QVERIFY(writeBytes(tokens, tokensJson));
    const QString config = m_dir.filePath(QStringLiteral("claude_desktop_config.json"));
    const QJsonObject entry { { QLatin1String("command"), QLatin1String("npx") },
                              { QLatin1String("args"),
                                QJsonArray { QLatin1String("mcp-remote"), url } } };
    const QJsonObject root { { QLatin1String("mcpServers"),
                               QJsonObject { { QLatin1String("gone"), entry } } } };
    QVERIFY(writeBytes(config, QJsonDocument(root).toJson()));
    ImportRequest request;
    request.filePath = config;
    request.environment = environment;
    const ImportPreview preview = m_importer->preview(request);
    QVERIFY(find(preview, QStringLiteral("gone"))->credentials);
    const ImportReport report = applyAndWait(preview);
    QCOMPARE(report.results.size(), 1);
    const ImportResult result = report.results.first();
    QCOMPARE(result.outcome, ImportResult::Outcome::Added);
    QCOMPARE(result.error.code(), Error::Code::Unreachable);
    QVERIFY(!result.tokensImported);
    QVERIFY(result.plaintextFiles.isEmpty());
    QCOMPARE(report.firstError().code(), Error::Code::Unreachable);
    QVERIFY(m_registry->server(QStringLiteral("gone")));
    QVERIFY(m_registry->server(QStringLiteral("gone"))->accounts.isEmpty());
    QVERIFY(QFile::exists(tokens));
    QVERIFY(!storedTokens(QStringLiteral("gone"), QStringLiteral("default")).isValid());
}

QTEST_GUILESS_MAIN(TestConfigImport)
#include "tst_configimport.moc"
