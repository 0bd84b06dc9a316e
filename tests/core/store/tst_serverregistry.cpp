#include "core/store/serverregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QThread>

#include <cstdio>

#include <sys/stat.h>

using namespace Mcpa;

Q_DECLARE_METATYPE(Mcpa::ServerRecord)
Q_DECLARE_METATYPE(Mcpa::RegistrationRecord)

namespace {

constexpr int grownServerLimit = 150;
constexpr int scopesPerGrownServer = 16;

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(readBytes(path)).object();
}

int modeOf(const QString &path)
{
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 07777);
}

QDateTime utc(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs);
}

ServerRecord makeServer(const QString &id, const char *url = "https://mcp.example.com/mcp")
{
    ServerRecord server;
    server.id = id;
    server.mcpUrl = QUrl(QString::fromLatin1(url));
    return server;
}

QStringList corruptBackups(const QString &directory)
{
    return QDir(directory).entryList({ QStringLiteral("config.json.corrupt-*") }, QDir::Files,
                                     QDir::Name);
}

/// Collects every object key in @p value, except below "settings" (free-form).
void collectKeys(const QJsonValue &value, QSet<QString> *keys)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &entry : array)
            collectKeys(entry, keys);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            keys->insert(it.key());
            if (it.key() != QLatin1String("settings"))
                collectKeys(it.value(), keys);
        }
    }
}

// ---- child processes (the test binary re-run with --config-child) -------

/// grow PATH: adds servers one by one (then drops them all at the limit),
/// keeping settings.counter equal to the number of servers, saving each step.
int growForever(const QString &path)
{
    ServerRegistry registry(path);
    registry.load();
    QTextStream out(stdout);
    for (;;) {
        const int count = int(registry.servers().size());
        if (count >= grownServerLimit) {
            const QList<ServerRecord> servers = registry.servers();
            for (const ServerRecord &server : servers)
                registry.removeServer(server.id);
        } else {
            ServerRecord server = makeServer(QStringLiteral("server-%1").arg(count + 1));
            for (int i = 0; i < scopesPerGrownServer; ++i)
                server.scopes.append(
                    QStringLiteral("scope-%1-%2-padding-padding").arg(count).arg(i));
            registry.addServer(server);
        }
        QJsonObject settings = registry.settings();
        settings.insert(QStringLiteral("counter"), int(registry.servers().size()));
        registry.setSettings(settings);
        if (const Error error = registry.save()) {
            QTextStream(stderr) << error.toString() << '\n';
            return 1;
        }
        out << "saved " << registry.servers().size() << '\n';
        out.flush();
    }
}

/// add PATH PREFIX COUNT: adds PREFIX-1 .. PREFIX-COUNT, saving after each.
int addServers(const QString &path, const QString &prefix, int count)
{
    ServerRegistry registry(path);
    registry.load();
    for (int i = 1; i <= count; ++i) {
        registry.addServer(makeServer(prefix + QLatin1Char('-') + QString::number(i)));
        if (const Error error = registry.save()) {
            QTextStream(stderr) << error.toString() << '\n';
            return 1;
        }
    }
    return 0;
}

/// hold-lock PATH: takes the registry's lock and keeps it until stdin closes.
int holdLock(const QString &path)
{
    QLockFile lock(path + QLatin1String(".lock"));
    if (!lock.lock())
        return 1;
    QTextStream(stdout) << "locked\n" << Qt::flush;
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        in.readAll();
    return 0;
}

int runChild(const QStringList &arguments)
{
    const QString mode = arguments.value(0);
    const QString path = arguments.value(1);
    if (mode == QLatin1String("grow"))
        return growForever(path);
    if (mode == QLatin1String("add"))
        return addServers(path, arguments.value(2), arguments.value(3).toInt());
    if (mode == QLatin1String("hold-lock"))
        return holdLock(path);
    return 2;
}

void startChild(QProcess *process, const QStringList &arguments)
{
    process->setProgram(QCoreApplication::applicationFilePath());
    process->setArguments(QStringList { QStringLiteral("--config-child") } + arguments);
    process->start();
}

} // namespace

class TestServerRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void defaultsAreLeftOut();
    void unknownFieldsArePreserved();
    void newerVersionIsReadOnly_data();
    void newerVersionIsReadOnly();
    void corruptFileIsSetAside_data();
    void corruptFileIsSetAside();
    void corruptFilesNeverOverwriteBackups();
    void corruptFileFoundBySaveIsSetAside();
    void malformedEntriesAreSkippedAndKept();
    void unreadableFileIsReadOnly();
    void missingFileGivesEmptyWritableRegistry();
    void filePermissions();
    void generatedIds_data();
    void generatedIds();
    void serverValidation_data();
    void serverValidation();
    void lookupByCanonicalUrl_data();
    void lookupByCanonicalUrl();
    void accountsAndDefault();
    void registrations();
    void savingTwiceGivesIdenticalBytes();
    void failedSaveKeepsChanges();
    void noSecretsInFile();
    void saveMergesOtherProcessChanges();
    void removalsElsewhereStayRemoved();
    void lockIsExclusiveAndDeadHolderIsIgnored();
    void emptyLockOfKilledProcessIsRemoved();
    void concurrentProcessesKeepBothChanges();
    void killDuringSavesLeavesCompleteFile();

private:
    static ServerRecord fullServer();
    static RegistrationRecord fullRegistration();
    static void compareServers(const ServerRecord &actual, const ServerRecord &expected);
    static void compareRegistrations(const RegistrationRecord &actual,
                                     const RegistrationRecord &expected);
};

ServerRecord TestServerRegistry::fullServer()
{
    ServerRecord server
        = makeServer(QStringLiteral("full"), "https://mcp.example.com/v1/mcp?tenant=a%20b");
    server.name = QStringLiteral("Füll Server \"quoted\"");
    server.clientId = QStringLiteral("client-123");
    server.authMethod = ClientAuthMethod::ClientSecretBasic;
    server.clientMetadataUrl = QUrl(QStringLiteral("https://app.example.com/client.json"));
    server.callbackPort = 33418;
    server.redirectHost = QStringLiteral("localhost");
    server.sendResource = false;
    server.scopes = QStringList { QStringLiteral("repo"), QStringLiteral("read:user") };
    server.browser = QStringLiteral("system");
    server.preferredIssuer = QStringLiteral("https://auth.example.com");
    server.unknownFields = QJsonObject { { QStringLiteral("futureFlag"), true },
                                         { QStringLiteral("futureList"), QJsonArray { 1, 2 } } };

    AccountRecord work;
    work.label = QStringLiteral("work");
    work.issuer = QStringLiteral("https://auth.example.com");
    work.grantedScopes = QStringList { QStringLiteral("repo") };
    work.subject = QStringLiteral("248289761001");
    work.email = QStringLiteral("ada@example.com");
    work.name = QStringLiteral("Ada Lovelace");
    // Not UTC on purpose: it must be written as UTC and read back as the same instant.
    work.signedInAt = utc("2025-06-01T11:31:02.120+02:00");
    work.expiresAt = utc("2025-06-01T10:31:02.999Z");
    work.lastRefresh = utc("2025-06-01T10:01:00.001Z");
    work.hasRefreshToken = true;
    work.needsSignIn = true;
    work.lastError = QStringLiteral("invalid-grant: refresh token expired");
    work.lastErrorAt = utc("2025-06-01T10:30:00.000Z");
    work.tokenEndpoint = QUrl(QStringLiteral("https://auth.example.com/token"));
    work.revocationEndpoint = QUrl(QStringLiteral("https://auth.example.com/revoke"));
    work.resource = QUrl(QStringLiteral("https://mcp.example.com/v1/mcp"));
    work.clientId = QStringLiteral("dyn-4711");
    work.authMethod = ClientAuthMethod::ClientSecretPost;
    work.clientSource = ClientRegistration::Source::PreRegistered;
    work.unknownFields
        = QJsonObject { { QStringLiteral("futureAccountField"), QStringLiteral("x") } };
    AccountRecord personal;
    personal.label = QStringLiteral("Personal (home)");
    server.accounts = { work, personal };
    server.defaultAccount = personal.label;
    return server;
}

RegistrationRecord TestServerRegistry::fullRegistration()
{
    RegistrationRecord registration;
    registration.issuer = QStringLiteral("https://auth.example.com");
    registration.clientId = QStringLiteral("dyn-4711");
    registration.authMethod = ClientAuthMethod::ClientSecretPost;
    registration.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:33418/callback"));
    registration.source = ClientRegistration::Source::MetadataDocument;
    registration.registeredAt = utc("2025-05-31T08:00:00.250Z");
    registration.clientSecretExpiresAt = utc("2026-05-31T08:00:00.000Z");
    registration.unknownFields = QJsonObject { { QStringLiteral("futureReg"), 7 } };
    return registration;
}

void TestServerRegistry::compareServers(const ServerRecord &actual, const ServerRecord &expected)
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
    QCOMPARE(actual.defaultAccount, expected.defaultAccount);
    QCOMPARE(actual.unknownFields, expected.unknownFields);
    QCOMPARE(actual.accounts.size(), expected.accounts.size());
    for (qsizetype i = 0; i < expected.accounts.size(); ++i) {
        const AccountRecord &a = actual.accounts.at(i);
        const AccountRecord &e = expected.accounts.at(i);
        QCOMPARE(a.label, e.label);
        QCOMPARE(a.issuer, e.issuer);
        QCOMPARE(a.grantedScopes, e.grantedScopes);
        QCOMPARE(a.subject, e.subject);
        QCOMPARE(a.email, e.email);
        QCOMPARE(a.name, e.name);
        QCOMPARE(a.signedInAt, e.signedInAt);
        QCOMPARE(a.expiresAt, e.expiresAt);
        QCOMPARE(a.lastRefresh, e.lastRefresh);
        QCOMPARE(a.hasRefreshToken, e.hasRefreshToken);
        QCOMPARE(a.needsSignIn, e.needsSignIn);
        QCOMPARE(a.lastError, e.lastError);
        QCOMPARE(a.lastErrorAt, e.lastErrorAt);
        QCOMPARE(a.tokenEndpoint, e.tokenEndpoint);
        QCOMPARE(a.revocationEndpoint, e.revocationEndpoint);
        QCOMPARE(a.resource, e.resource);
        QCOMPARE(a.clientId, e.clientId);
        QCOMPARE(a.authMethod, e.authMethod);
        QCOMPARE(a.clientSource, e.clientSource);
        QCOMPARE(a.unknownFields, e.unknownFields);
    }
}

void TestServerRegistry::compareRegistrations(const RegistrationRecord &actual,
                                              const RegistrationRecord &expected)
{
    QCOMPARE(actual.issuer, expected.issuer);
    QCOMPARE(actual.clientId, expected.clientId);
    QCOMPARE(actual.authMethod, expected.authMethod);
    QCOMPARE(actual.redirectUri, expected.redirectUri);
    QCOMPARE(actual.source, expected.source);
    QCOMPARE(actual.registeredAt, expected.registeredAt);
    QCOMPARE(actual.clientSecretExpiresAt, expected.clientSecretExpiresAt);
    QCOMPARE(actual.unknownFields, expected.unknownFields);
}

void TestServerRegistry::roundTrip_data()
{
    QTest::addColumn<ServerRecord>("server");
    QTest::addColumn<RegistrationRecord>("registration");
    QTest::addColumn<QJsonObject>("settings");

    QTest::addRow("every field")
        << fullServer() << fullRegistration()
        << QJsonObject { { QStringLiteral("theme"), QStringLiteral("dark") },
                         { QStringLiteral("nested"), QJsonObject { { QStringLiteral("a"), 1 } } } };
    RegistrationRecord minimal;
    minimal.issuer = QStringLiteral("https://as.example.com/");
    minimal.clientId = QStringLiteral("c");
    QTest::addRow("minimal") << makeServer(QStringLiteral("m")) << minimal << QJsonObject();
}

void TestServerRegistry::roundTrip()
{
    QFETCH(ServerRecord, server);
    QFETCH(RegistrationRecord, registration);
    QFETCH(QJsonObject, settings);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    {
        ServerRegistry registry(path);
        QCOMPARE(registry.load().status, ConfigLoadResult::Status::Missing);
        QCOMPARE(registry.addServer(server).code(), Error::Code::None);
        QCOMPARE(registry.setRegistration(registration).code(), Error::Code::None);
        QCOMPARE(registry.setSettings(settings).code(), Error::Code::None);
        QVERIFY(registry.hasUnsavedChanges());
        QCOMPARE(registry.save().code(), Error::Code::None);
        QVERIFY(!registry.hasUnsavedChanges());
    }
    ServerRegistry reread(path);
    const ConfigLoadResult result = reread.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::Ok);
    QCOMPARE(result.fileVersion, 1);
    QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
    QCOMPARE(reread.servers().size(), 1);
    compareServers(reread.servers().first(), server);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(reread.registrations().size(), 1);
    compareRegistrations(reread.registrations().first(), registration);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(reread.settings(), settings);
    if (!server.accounts.isEmpty()) {
        // ISO 8601, UTC, milliseconds.
        const QByteArray bytes = readBytes(path);
        QVERIFY(bytes.contains("\"signedInAt\": \"2025-06-01T09:31:02.120Z\""));
        QVERIFY(bytes.contains("\"lastRefresh\": \"2025-06-01T10:01:00.001Z\""));
    }
}

void TestServerRegistry::defaultsAreLeftOut()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ServerRegistry registry(path);
    ServerRecord server = makeServer(QStringLiteral("m"));
    AccountRecord account;
    server.accounts.append(account);
    QVERIFY(!registry.addServer(server));
    RegistrationRecord registration;
    registration.issuer = QStringLiteral("https://as.example.com");
    registration.clientId = QStringLiteral("c");
    QVERIFY(!registry.setRegistration(registration));
    QVERIFY(!registry.save());

    const QJsonObject root = readJson(path);
    const QStringList topKeys { QStringLiteral("registrations"), QStringLiteral("servers"),
                                QStringLiteral("settings"), QStringLiteral("version") };
    QCOMPARE(root.keys(), topKeys);
    QCOMPARE(root.value(QLatin1String("version")).toInt(), 1);
    const QJsonObject serverJson
        = root.value(QLatin1String("servers")).toArray().first().toObject();
    const QStringList serverKeys { QStringLiteral("accounts"), QStringLiteral("defaultAccount"),
                                   QStringLiteral("id"), QStringLiteral("url") };
    QCOMPARE(serverJson.keys(), serverKeys);
    const QJsonObject accountJson
        = serverJson.value(QLatin1String("accounts")).toArray().first().toObject();
    QCOMPARE(accountJson.keys(), QStringList { QStringLiteral("label") });
    const QJsonObject registrationJson
        = root.value(QLatin1String("registrations")).toArray().first().toObject();
    const QStringList registrationKeys { QStringLiteral("authMethod"), QStringLiteral("clientId"),
                                         QStringLiteral("issuer"), QStringLiteral("source") };
    QCOMPARE(registrationJson.keys(), registrationKeys);

    // A non-default value that looks "empty" is still written and read back.
    ServerRecord odd = makeServer(QStringLiteral("odd"));
    odd.redirectHost.clear();
    QVERIFY(!registry.addServer(odd));
    QVERIFY(!registry.save());
    ServerRegistry reread(path);
    reread.load();
    QVERIFY(reread.server(QStringLiteral("odd")).has_value());
    QCOMPARE(reread.server(QStringLiteral("odd"))->redirectHost, QString());
    QCOMPARE(reread.server(QStringLiteral("m"))->redirectHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(reread.server(QStringLiteral("m"))->sendResource, true);
    QVERIFY(!reread.server(QStringLiteral("m"))->authMethod.has_value());
}

void TestServerRegistry::unknownFieldsArePreserved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray content = R"({
        "version": 1,
        "futureTop": {"keep": [1, 2, 3]},
        "servers": [{
            "id": "s", "url": "https://mcp.example.com/mcp", "name": "Old",
            "futureServer": "kept",
            "accounts": [
                {"label": "work", "email": "w@example.com", "futureAccount": {"x": 1}},
                {"label": "home", "futureAccount": false}
            ]
        }],
        "registrations": [{"issuer": "https://as.example.com", "clientId": "c",
                           "futureRegistration": 42}],
        "settings": {"futureSetting": "on"}
    })";
    QVERIFY(writeBytes(path, content));
    ServerRegistry registry(path);
    const ConfigLoadResult result = registry.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::Ok);
    QVERIFY(result.warnings.isEmpty());
    ServerRecord server = *registry.server(QStringLiteral("s"));
    QCOMPARE(server.unknownFields.value(QLatin1String("futureServer")).toString(),
             QStringLiteral("kept"));
    QCOMPARE(server.accounts.first().unknownFields.value(QLatin1String("futureAccount")).toObject(),
             (QJsonObject { { QStringLiteral("x"), 1 } }));

    // Modify each level, then save.
    server.name = QStringLiteral("New");
    QVERIFY(!registry.updateServer(server));
    AccountRecord work = *server.account(QStringLiteral("work"));
    work.hasRefreshToken = true;
    QVERIFY(!registry.setAccount(QStringLiteral("s"), work));
    RegistrationRecord registration
        = *registry.registration(QStringLiteral("https://as.example.com"));
    registration.clientId = QStringLiteral("c2");
    QVERIFY(!registry.setRegistration(registration));
    QJsonObject settings = registry.settings();
    settings.insert(QStringLiteral("theme"), QStringLiteral("dark"));
    QVERIFY(!registry.setSettings(settings));
    QVERIFY(!registry.save());

    const QJsonObject root = readJson(path);
    QCOMPARE(root.value(QLatin1String("futureTop")).toObject(),
             (QJsonObject { { QStringLiteral("keep"), QJsonArray { 1, 2, 3 } } }));
    const QJsonObject serverJson
        = root.value(QLatin1String("servers")).toArray().first().toObject();
    QCOMPARE(serverJson.value(QLatin1String("name")).toString(), QStringLiteral("New"));
    QCOMPARE(serverJson.value(QLatin1String("futureServer")).toString(), QStringLiteral("kept"));
    const QJsonArray accounts = serverJson.value(QLatin1String("accounts")).toArray();
    QCOMPARE(accounts.size(), 2);
    QCOMPARE(accounts.at(0).toObject().value(QLatin1String("hasRefreshToken")).toBool(), true);
    QCOMPARE(accounts.at(0).toObject().value(QLatin1String("futureAccount")).toObject(),
             (QJsonObject { { QStringLiteral("x"), 1 } }));
    QCOMPARE(accounts.at(1).toObject().value(QLatin1String("futureAccount")).toBool(true), false);
    const QJsonObject registrationJson
        = root.value(QLatin1String("registrations")).toArray().first().toObject();
    QCOMPARE(registrationJson.value(QLatin1String("clientId")).toString(), QStringLiteral("c2"));
    QCOMPARE(registrationJson.value(QLatin1String("futureRegistration")).toInt(), 42);
    const QJsonObject settingsJson = root.value(QLatin1String("settings")).toObject();
    QCOMPARE(settingsJson.value(QLatin1String("futureSetting")).toString(), QStringLiteral("on"));
    QCOMPARE(settingsJson.value(QLatin1String("theme")).toString(), QStringLiteral("dark"));
}

void TestServerRegistry::newerVersionIsReadOnly_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("serversRead");
    QTest::addRow("same layout") << QByteArray(R"({"version": 2, "newThing": {},
        "servers": [{"id": "s", "url": "https://mcp.example.com/mcp", "newField": 1,
                     "accounts": [{"label": "work"}]}],
        "registrations": [{"issuer": "https://as.example.com", "clientId": "c"}]})")
                                 << 1;
    QTest::addRow("other layout") << QByteArray(R"({"version": 17, "servers": {"s": {}},
        "settings": []})") << 0;
}

void TestServerRegistry::newerVersionIsReadOnly()
{
    QFETCH(QByteArray, content);
    QFETCH(int, serversRead);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeBytes(path, content));
    ServerRegistry registry(path);
    const ConfigLoadResult result = registry.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::NewerVersion);
    QVERIFY(result.fileVersion > 1);
    QCOMPARE(result.error.code(), Error::Code::ConfigReadOnly);
    QVERIFY(registry.isReadOnly());
    QCOMPARE(registry.servers().size(), serversRead);

    const QString reason
        = QStringLiteral("written by a newer version of MCP Accounts; not changing it");
    QSignalSpy changed(&registry, &ServerRegistry::changed);
    const QList<Error> errors {
        registry.addServer(makeServer(QStringLiteral("new"))),
        registry.updateServer(makeServer(QStringLiteral("s"))),
        registry.removeServer(QStringLiteral("s")),
        registry.setAccount(QStringLiteral("s"), AccountRecord()),
        registry.removeAccount(QStringLiteral("s"), QStringLiteral("work")),
        registry.setDefaultAccount(QStringLiteral("s"), QStringLiteral("work")),
        registry.setRegistration(fullRegistration()),
        registry.removeRegistration(QStringLiteral("https://as.example.com")),
        registry.setSettings(QJsonObject { { QStringLiteral("a"), 1 } }),
        registry.save(),
    };
    for (const Error &error : errors) {
        QCOMPARE(error.code(), Error::Code::ConfigReadOnly);
        QCOMPARE(error.detail(), reason);
    }
    QCOMPARE(changed.size(), 0);
    QCOMPARE(registry.servers().size(), serversRead);
    QCOMPARE(readBytes(path), content);
    QVERIFY(corruptBackups(dir.path()).isEmpty());
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
}

void TestServerRegistry::corruptFileIsSetAside_data()
{
    QTest::addColumn<QByteArray>("content");
    static const char garbage[] = "\x00\x01 not json at all \xff";
    QTest::addRow("garbage") << QByteArray(garbage, sizeof(garbage) - 1);
    QTest::addRow("empty file") << QByteArray();
    QTest::addRow("json array") << QByteArray(R"([{"version": 1}])");
    QTest::addRow("truncated") << QByteArray(
        R"({"version": 1, "servers": [{"id": "s", "url": "ht)");
    QTest::addRow("servers not an array")
        << QByteArray(R"({"version": 1, "servers": {"id": "s"}})");
    QTest::addRow("settings not an object") << QByteArray(R"({"version": 1, "settings": "x"})");
    QTest::addRow("no version") << QByteArray(R"({"servers": []})");
    QTest::addRow("version not a number") << QByteArray(R"({"version": "1", "servers": []})");
}

void TestServerRegistry::corruptFileIsSetAside()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(writeBytes(path, content));
    ServerRegistry registry(path);
    const ConfigLoadResult result = registry.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::Corrupt);
    QCOMPARE(result.error.code(), Error::Code::ConfigInvalid);
    QVERIFY(!result.backupPath.isEmpty());
    QVERIFY2(result.error.detail().contains(result.backupPath), qPrintable(result.error.detail()));
    QCOMPARE(QFileInfo(result.backupPath).dir(), QDir(dir.path()));
    QVERIFY(
        QFileInfo(result.backupPath).fileName().startsWith(QLatin1String("config.json.corrupt-")));
    QCOMPARE(readBytes(result.backupPath), content);
    QVERIFY(!QFile::exists(path));
    QVERIFY(registry.servers().isEmpty());
    QVERIFY(!registry.isReadOnly());

    QVERIFY(!registry.addServer(makeServer(QStringLiteral("fresh"))));
    QVERIFY(!registry.save());
    QCOMPARE(readBytes(result.backupPath), content);
    ServerRegistry reread(path);
    QCOMPARE(reread.load().status, ConfigLoadResult::Status::Ok);
    QVERIFY(reread.server(QStringLiteral("fresh")).has_value());
}

void TestServerRegistry::corruptFilesNeverOverwriteBackups()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QStringList backups;
    // Quick succession: several land in the same millisecond and need a suffix.
    for (int i = 0; i < 4; ++i) {
        QVERIFY(writeBytes(path, QByteArray("broken ") + QByteArray::number(i)));
        ServerRegistry registry(path);
        const ConfigLoadResult result = registry.load();
        QCOMPARE(result.status, ConfigLoadResult::Status::Corrupt);
        QVERIFY(!backups.contains(result.backupPath));
        backups.append(result.backupPath);
    }
    QCOMPARE(corruptBackups(dir.path()).size(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(readBytes(backups.at(i)),
                 QByteArray(QByteArray("broken ") + QByteArray::number(i)));
}

void TestServerRegistry::corruptFileFoundBySaveIsSetAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ServerRegistry registry(path);
    QCOMPARE(registry.load().status, ConfigLoadResult::Status::Missing);
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("mine"))));
    QVERIFY(writeBytes(path, "{ half a file")); // someone else broke it meanwhile
    QSignalSpy setAside(&registry, &ServerRegistry::fileSetAside);
    QVERIFY(!registry.save());
    QCOMPARE(setAside.size(), 1);
    const QString backup = setAside.first().first().toString();
    QCOMPARE(readBytes(backup), QByteArray("{ half a file"));
    ServerRegistry reread(path);
    QCOMPARE(reread.load().status, ConfigLoadResult::Status::Ok);
    QVERIFY(reread.server(QStringLiteral("mine")).has_value());
}

void TestServerRegistry::malformedEntriesAreSkippedAndKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QByteArray content = R"({"version": 1, "servers": [
        {"id": "good", "url": "https://good.example.com/mcp", "accounts": [
            {"label": "ok"},
            {"label": "bad-date", "email": "secret-ish@example.com", "expiresAt": "yesterday"},
            {"label": "ok", "email": "dup@example.com"},
            {"email": "nolabel@example.com"},
            "not an object"
        ]},
        {"id": "no-url"},
        {"id": "plain-http", "url": "http://mcp.example.com/mcp"},
        {"id": "Bad Id", "url": "https://x.example.com/mcp"},
        {"id": "good", "url": "https://duplicate.example.com/mcp"},
        {"id": "bad-method", "url": "https://x.example.com/mcp", "authMethod": "private_key_jwt"},
        {"id": "bad-type", "url": "https://x.example.com/mcp", "scopes": "repo"},
        42,
        {"id": "second", "url": "http://127.0.0.1:8080/mcp"}
    ], "registrations": [
        {"issuer": "https://as.example.com", "clientId": "c"},
        {"issuer": "https://other.example.com"},
        {"issuer": "https://as.example.com", "clientId": "duplicate"},
        {"issuer": "https://third.example.com", "clientId": "c", "source": "carrier-pigeon"}
    ]})";
    QVERIFY(writeBytes(path, content));
    ServerRegistry registry(path);
    const ConfigLoadResult result = registry.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::Ok);
    QStringList ids;
    const QList<ServerRecord> servers = registry.servers();
    for (const ServerRecord &server : servers)
        ids.append(server.id);
    QCOMPARE(ids, (QStringList { QStringLiteral("good"), QStringLiteral("second") }));
    QCOMPARE(registry.server(QStringLiteral("good"))->mcpUrl,
             QUrl(QStringLiteral("https://good.example.com/mcp")));
    QCOMPARE(registry.server(QStringLiteral("good"))->accounts.size(), 1);
    QCOMPARE(registry.server(QStringLiteral("good"))->defaultAccount, QStringLiteral("ok"));
    QCOMPARE(registry.registrations().size(), 1);
    QCOMPARE(registry.registrations().first().clientId, QStringLiteral("c"));
    // 4 accounts, 7 servers, 3 registrations skipped; account values never quoted.
    QCOMPARE(result.warnings.size(), 14);
    const QString all = result.warnings.join(QLatin1Char('\n'));
    QVERIFY2(!all.contains(QLatin1String("@example.com")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("servers[1] (\"no-url\")")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("duplicate id")), qPrintable(all));

    // Saving a change elsewhere keeps the skipped entries as they were.
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("added"))));
    QVERIFY(!registry.save());
    const QJsonObject root = readJson(path);
    QCOMPARE(root.value(QLatin1String("servers")).toArray().size(), 10);
    QCOMPARE(root.value(QLatin1String("registrations")).toArray().size(), 4);
    const QByteArray bytes = readBytes(path);
    QVERIFY(bytes.contains("yesterday"));
    QVERIFY(bytes.contains("private_key_jwt"));
    QVERIFY(bytes.contains("carrier-pigeon"));
}

void TestServerRegistry::unreadableFileIsReadOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("config.json"))); // a directory: cannot be read
    ServerRegistry registry(path);
    const ConfigLoadResult result = registry.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::Unreadable);
    QCOMPARE(result.error.code(), Error::Code::ConfigReadOnly);
    QVERIFY(registry.isReadOnly());
    QCOMPARE(registry.addServer(makeServer(QStringLiteral("x"))).code(),
             Error::Code::ConfigReadOnly);
    QCOMPARE(registry.save().code(), Error::Code::ConfigReadOnly);
    QVERIFY(QFileInfo(path).isDir());
}

void TestServerRegistry::missingFileGivesEmptyWritableRegistry()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ServerRegistry registry(path);
    QCOMPARE(registry.filePath(), path);
    const ConfigLoadResult result = registry.load();
    QCOMPARE(result.status, ConfigLoadResult::Status::Missing);
    QVERIFY(registry.servers().isEmpty());
    QVERIFY(!registry.isReadOnly());
    QVERIFY(!QFile::exists(path)); // loading never writes

    const QByteArray oldConfigHome = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.path()));
    const QString defaultPath = ServerRegistry::defaultFilePath();
    qputenv("XDG_CONFIG_HOME", oldConfigHome);
    QCOMPARE(defaultPath, dir.path() + QLatin1String("/mcp-accounts/config.json"));
}

void TestServerRegistry::filePermissions()
{
    QTemporaryDir dir;
    const QString directory = dir.filePath(QStringLiteral("a/b"));
    const QString path = directory + QLatin1String("/config.json");
    ServerRegistry registry(path);
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("x"))));
    QVERIFY(!registry.save());
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("a"))), 0700);
    QCOMPARE(modeOf(directory), 0700);
    QCOMPARE(modeOf(path), 0600);

    // A file someone made world-readable is private again after a save.
    QVERIFY(QFile::setPermissions(path,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QCOMPARE(modeOf(path), 0644);
    QVERIFY(!registry.save());
    QCOMPARE(modeOf(path), 0600);
}

void TestServerRegistry::generatedIds_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    const QString github = QStringLiteral("https://api.githubcopilot.com/mcp/");
    QTest::addRow("from name") << QStringList() << QStringLiteral("GitHub") << github
                               << QStringLiteral("github");
    QTest::addRow("second") << QStringList { QStringLiteral("github") } << QStringLiteral("GitHub")
                            << github << QStringLiteral("github-2");
    QTest::addRow("third") << QStringList { QStringLiteral("github"), QStringLiteral("github-2") }
                           << QStringLiteral("GitHub") << github << QStringLiteral("github-3");
    QTest::addRow("accents and punctuation") << QStringList() << QStringLiteral("  Café Ünïcode! ")
                                             << github << QStringLiteral("cafe-unicode");
    QTest::addRow("from host") << QStringList() << QString()
                               << QStringLiteral("https://mcp.linear.app/sse")
                               << QStringLiteral("linear");
    QTest::addRow("host www") << QStringList() << QStringLiteral("---")
                              << QStringLiteral("https://www.example.com/mcp")
                              << QStringLiteral("example");
    QTest::addRow("localhost") << QStringList() << QString()
                               << QStringLiteral("http://localhost:3000/mcp")
                               << QStringLiteral("localhost");
    QTest::addRow("ip address") << QStringList() << QString()
                                << QStringLiteral("http://127.0.0.1:3000/mcp")
                                << QStringLiteral("server");
    QTest::addRow("non-latin name")
        << QStringList() << QStringLiteral("日本語") << QStringLiteral("https://mcp.example.jp/")
        << QStringLiteral("example");
    const QString longName = QString(70, QLatin1Char('x'));
    QTest::addRow("long") << QStringList() << longName << github << QString(63, QLatin1Char('x'));
    QTest::addRow("long taken") << QStringList { QString(63, QLatin1Char('x')) } << longName
                                << github << QString(61, QLatin1Char('x')) + QLatin1String("-2");
}

void TestServerRegistry::generatedIds()
{
    QFETCH(QStringList, existing);
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    ServerRegistry registry(dir.filePath(QStringLiteral("config.json")));
    for (const QString &id : std::as_const(existing))
        QVERIFY(!registry.addServer(makeServer(id)));
    ServerRecord server;
    server.name = name;
    server.mcpUrl = QUrl(url);
    QString assigned;
    QCOMPARE(registry.addServer(server, &assigned).code(), Error::Code::None);
    QCOMPARE(assigned, expected);
    QVERIFY(ServerRegistry::isValidServerId(assigned));
    QVERIFY(registry.server(expected).has_value());
    QCOMPARE(registry.server(expected)->name, name);
}

void TestServerRegistry::serverValidation_data()
{
    QTest::addColumn<ServerRecord>("server");
    QTest::addColumn<bool>("valid");

    QTest::addRow("one char") << makeServer(QStringLiteral("a")) << true;
    QTest::addRow("digits and dashes") << makeServer(QStringLiteral("9-x-")) << true;
    QTest::addRow("63 chars") << makeServer(QString(63, QLatin1Char('a'))) << true;
    QTest::addRow("64 chars") << makeServer(QString(64, QLatin1Char('a'))) << false;
    QTest::addRow("leading dash") << makeServer(QStringLiteral("-x")) << false;
    QTest::addRow("upper case") << makeServer(QStringLiteral("Git")) << false;
    QTest::addRow("underscore") << makeServer(QStringLiteral("a_b")) << false;
    QTest::addRow("slash") << makeServer(QStringLiteral("a/b")) << false;
    QTest::addRow("taken") << makeServer(QStringLiteral("taken")) << false;
    QTest::addRow("http loopback")
        << makeServer(QStringLiteral("u"), "http://127.0.0.1:9/mcp") << true;
    QTest::addRow("http remote") << makeServer(QStringLiteral("u"), "http://example.com/mcp")
                                 << false;
    QTest::addRow("ftp") << makeServer(QStringLiteral("u"), "ftp://example.com/mcp") << false;
    QTest::addRow("no url") << makeServer(QStringLiteral("u"), "") << false;
    QTest::addRow("user info") << makeServer(QStringLiteral("u"), "https://me:pw@example.com/mcp")
                               << false;
    ServerRecord server = makeServer(QStringLiteral("b"));
    server.browser = QStringLiteral("lynx");
    QTest::addRow("unknown browser") << server << false;
    server = makeServer(QStringLiteral("b"));
    server.clientMetadataUrl = QUrl(QStringLiteral("http://example.com/client.json"));
    QTest::addRow("insecure metadata url") << server << false;
    server = makeServer(QStringLiteral("l"));
    server.accounts.append(AccountRecord());
    server.accounts.last().label = QStringLiteral("a/b");
    QTest::addRow("label with slash") << server << false;
    server.accounts.last().label = QStringLiteral(" padded");
    QTest::addRow("padded label") << server << false;
    server.accounts.last().label = QStringLiteral("Work (ACME)");
    QTest::addRow("label with spaces") << server << true;
    server.accounts.append(server.accounts.last());
    QTest::addRow("duplicate labels") << server << false;
    server = makeServer(QStringLiteral("d"));
    server.defaultAccount = QStringLiteral("nobody");
    QTest::addRow("default names no account") << server << false;
}

void TestServerRegistry::serverValidation()
{
    QFETCH(ServerRecord, server);
    QFETCH(bool, valid);
    QTemporaryDir dir;
    ServerRegistry registry(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("taken"))));
    QSignalSpy changed(&registry, &ServerRegistry::changed);
    const Error error = registry.addServer(server);
    QCOMPARE(error.code(), valid ? Error::Code::None : Error::Code::ConfigInvalid);
    QCOMPARE(registry.servers().size(), valid ? 2 : 1);
    QCOMPARE(changed.size(), valid ? 1 : 0);
    if (!valid)
        QVERIFY(!error.detail().isEmpty());

    // The same rules hold for updates (apart from the id, which never changes).
    if (!ServerRegistry::isValidServerId(server.id) || server.id == QLatin1String("taken"))
        return;
    ServerRecord update = server;
    update.id = QStringLiteral("taken");
    QCOMPARE(registry.updateServer(update).code(),
             valid ? Error::Code::None : Error::Code::ConfigInvalid);
}

void TestServerRegistry::lookupByCanonicalUrl_data()
{
    QTest::addColumn<QString>("lookup");
    QTest::addColumn<QString>("expected");
    QTest::addRow("same") << QStringLiteral("https://mcp.example.com/v1/mcp")
                          << QStringLiteral("ex");
    QTest::addRow("case, port, slash")
        << QStringLiteral("HTTPS://MCP.Example.com:443/v1/mcp/") << QStringLiteral("ex");
    QTest::addRow("query and fragment")
        << QStringLiteral("https://mcp.example.com/v1/mcp?a=1#f") << QStringLiteral("ex");
    QTest::addRow("other path") << QStringLiteral("https://mcp.example.com/v1/other") << QString();
    QTest::addRow("other scheme") << QStringLiteral("http://mcp.example.com/v1/mcp") << QString();
    QTest::addRow("other port") << QStringLiteral("https://mcp.example.com:8443/v1/mcp")
                                << QString();
    QTest::addRow("loopback") << QStringLiteral("http://127.0.0.1:3000") << QStringLiteral("local");
}

void TestServerRegistry::lookupByCanonicalUrl()
{
    QFETCH(QString, lookup);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    ServerRegistry registry(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(
        !registry.addServer(makeServer(QStringLiteral("ex"), "https://Mcp.Example.COM/v1/mcp/")));
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("local"), "http://127.0.0.1:3000/")));
    const std::optional<ServerRecord> found = registry.serverByUrl(QUrl(lookup));
    QCOMPARE(found.has_value(), !expected.isEmpty());
    if (found)
        QCOMPARE(found->id, expected);
}

void TestServerRegistry::accountsAndDefault()
{
    QTemporaryDir dir;
    ServerRegistry registry(dir.filePath(QStringLiteral("config.json")));
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("s"))));
    QSignalSpy changed(&registry, &ServerRegistry::changed);
    const QString s = QStringLiteral("s");
    AccountRecord work;
    work.label = QStringLiteral("work");
    AccountRecord home;
    home.label = QStringLiteral("home");

    QVERIFY(!registry.setAccount(s, work));
    QCOMPARE(registry.server(s)->defaultAccount, QStringLiteral("work")); // first one
    QVERIFY(!registry.setAccount(s, home));
    QCOMPARE(registry.server(s)->defaultAccount, QStringLiteral("work"));
    QCOMPARE(registry.server(s)->accounts.size(), 2);

    work.email = QStringLiteral("w@example.com");
    QVERIFY(!registry.setAccount(s, work)); // replaces by label
    QCOMPARE(registry.server(s)->accounts.size(), 2);
    QCOMPARE(registry.server(s)->accounts.first().email, QStringLiteral("w@example.com"));

    QVERIFY(!registry.setDefaultAccount(s, QStringLiteral("home")));
    QCOMPARE(registry.server(s)->defaultAccount, QStringLiteral("home"));
    QVERIFY(!registry.removeAccount(s, QStringLiteral("home")));
    QCOMPARE(registry.server(s)->defaultAccount, QStringLiteral("work"));
    QVERIFY(!registry.removeAccount(s, QStringLiteral("work")));
    QCOMPARE(registry.server(s)->defaultAccount, QString());
    QVERIFY(registry.server(s)->accounts.isEmpty());
    QCOMPARE(changed.size(), 6);

    QCOMPARE(registry.setAccount(QStringLiteral("nope"), work).code(), Error::Code::UnknownServer);
    QCOMPARE(registry.removeAccount(s, QStringLiteral("work")).code(), Error::Code::UnknownServer);
    QCOMPARE(registry.setDefaultAccount(s, QStringLiteral("ghost")).code(),
             Error::Code::UnknownServer);
    QCOMPARE(registry.updateServer(makeServer(QStringLiteral("nope"))).code(),
             Error::Code::UnknownServer);
    AccountRecord badLabel;
    badLabel.label = QString();
    QCOMPARE(registry.setAccount(s, badLabel).code(), Error::Code::ConfigInvalid);
    QCOMPARE(registry.removeServer(QStringLiteral("nope")).code(), Error::Code::UnknownServer);
    QCOMPARE(changed.size(), 6);

    QVERIFY(!registry.removeServer(s));
    QVERIFY(!registry.server(s).has_value());
    QCOMPARE(changed.size(), 7);
}

void TestServerRegistry::registrations()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ServerRegistry registry(path);
    RegistrationRecord registration = fullRegistration();
    QVERIFY(!registry.setRegistration(registration));
    registration.clientId = QStringLiteral("replaced");
    QVERIFY(!registry.setRegistration(registration));
    QCOMPARE(registry.registrations().size(), 1);
    QCOMPARE(registry.registration(registration.issuer)->clientId, QStringLiteral("replaced"));
    QVERIFY(!registry.registration(QStringLiteral("https://nobody.example.com")).has_value());

    RegistrationRecord incomplete;
    incomplete.issuer = QStringLiteral("https://as2.example.com");
    QCOMPARE(registry.setRegistration(incomplete).code(), Error::Code::ConfigInvalid);
    QVERIFY(!registry.save());

    QSignalSpy changed(&registry, &ServerRegistry::changed);
    QVERIFY(!registry.removeRegistration(registration.issuer));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!registry.removeRegistration(registration.issuer)); // already gone: fine
    QCOMPARE(changed.size(), 1);
    QVERIFY(!registry.save());
    ServerRegistry reread(path);
    reread.load();
    QVERIFY(reread.registrations().isEmpty());

    // Removing one only another process stored removes it from the file too.
    ServerRegistry other(path);
    other.load();
    QVERIFY(!other.setRegistration(fullRegistration()));
    QVERIFY(!other.save());
    QVERIFY(!registry.registration(registration.issuer).has_value());
    QVERIFY(!registry.removeRegistration(registration.issuer));
    QVERIFY(!registry.save());
    QVERIFY(reread.load().warnings.isEmpty());
    QVERIFY(reread.registrations().isEmpty());
}

void TestServerRegistry::savingTwiceGivesIdenticalBytes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ServerRegistry registry(path);
    QVERIFY(!registry.addServer(fullServer()));
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("second"))));
    QVERIFY(!registry.setRegistration(fullRegistration()));
    QVERIFY(!registry.setSettings(
        QJsonObject { { QStringLiteral("z"), 1 }, { QStringLiteral("a"), 2 } }));
    QVERIFY(!registry.save());
    const QByteArray first = readBytes(path);
    QVERIFY(!first.isEmpty());
    QVERIFY(!registry.save());
    QCOMPARE(readBytes(path), first);

    ServerRegistry other(path);
    QCOMPARE(other.load().status, ConfigLoadResult::Status::Ok);
    QVERIFY(!other.save());
    QCOMPARE(readBytes(path), first);
}

void TestServerRegistry::failedSaveKeepsChanges()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("blocker"));
    const QString path = blocker + QLatin1String("/config.json");
    QVERIFY(writeBytes(blocker, "a file where the directory should be"));
    ServerRegistry registry(path);
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("kept"))));
    const Error error = registry.save();
    QCOMPARE(error.code(), Error::Code::ConfigWriteFailed);
    QVERIFY(!error.detail().isEmpty());
    QVERIFY(registry.server(QStringLiteral("kept")).has_value());
    QVERIFY(registry.hasUnsavedChanges());

    QVERIFY(QFile::remove(blocker));
    QVERIFY(!registry.save());
    QVERIFY(!registry.hasUnsavedChanges());
    ServerRegistry reread(path);
    QCOMPARE(reread.load().status, ConfigLoadResult::Status::Ok);
    QVERIFY(reread.server(QStringLiteral("kept")).has_value());
}

void TestServerRegistry::noSecretsInFile()
{
    // What a sign-in produces, secrets included; the caller copies what the
    // records have room for, and the records have no room for secrets.
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("CANARY-ACCESS-TOKEN");
    tokens.refreshToken = QStringLiteral("CANARY-REFRESH-TOKEN");
    tokens.idToken = QStringLiteral("CANARY-ID-TOKEN");
    tokens.tokenType = QStringLiteral("Bearer");
    tokens.scopes = QStringList { QStringLiteral("repo") };
    tokens.expiresAt = utc("2025-06-01T10:00:00.000Z");
    tokens.receivedAt = utc("2025-06-01T09:00:00.000Z");
    ClientRegistration client;
    client.issuer = QStringLiteral("https://auth.example.com");
    client.clientId = QStringLiteral("client");
    client.clientSecret = QStringLiteral("CANARY-CLIENT-SECRET");
    client.authMethod = ClientAuthMethod::ClientSecretBasic;
    client.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:1234/callback"));
    client.clientSecretExpiresAt = utc("2026-01-01T00:00:00.000Z");

    ServerRecord server = fullServer();
    server.unknownFields = {};
    AccountRecord &account = server.accounts.first();
    account.unknownFields = {};
    account.grantedScopes = tokens.scopes;
    account.expiresAt = tokens.expiresAt;
    account.signedInAt = tokens.receivedAt;
    account.hasRefreshToken = !tokens.refreshToken.isEmpty();
    RegistrationRecord registration;
    registration.issuer = client.issuer;
    registration.clientId = client.clientId;
    registration.authMethod = client.authMethod;
    registration.redirectUri = client.redirectUri;
    registration.source = client.source;
    registration.clientSecretExpiresAt = client.clientSecretExpiresAt;
    registration.registeredAt = tokens.receivedAt;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    ServerRegistry registry(path);
    QVERIFY(!registry.addServer(server));
    QVERIFY(!registry.setRegistration(registration));
    QVERIFY(!registry.save());

    const QByteArray bytes = readBytes(path);
    QVERIFY(!bytes.contains("CANARY"));
    QSet<QString> keys;
    collectKeys(QJsonDocument::fromJson(bytes).object(), &keys);
    const QSet<QString> allowed {
        QStringLiteral("version"),
        QStringLiteral("servers"),
        QStringLiteral("registrations"),
        QStringLiteral("settings"),
        QStringLiteral("id"),
        QStringLiteral("name"),
        QStringLiteral("url"),
        QStringLiteral("clientId"),
        QStringLiteral("authMethod"),
        QStringLiteral("clientMetadataUrl"),
        QStringLiteral("callbackPort"),
        QStringLiteral("redirectHost"),
        QStringLiteral("sendResource"),
        QStringLiteral("scopes"),
        QStringLiteral("browser"),
        QStringLiteral("preferredIssuer"),
        QStringLiteral("defaultAccount"),
        QStringLiteral("accounts"),
        QStringLiteral("label"),
        QStringLiteral("issuer"),
        QStringLiteral("grantedScopes"),
        QStringLiteral("subject"),
        QStringLiteral("email"),
        QStringLiteral("signedInAt"),
        QStringLiteral("expiresAt"),
        QStringLiteral("lastRefresh"),
        QStringLiteral("hasRefreshToken"),
        QStringLiteral("needsSignIn"),
        QStringLiteral("lastError"),
        QStringLiteral("lastErrorAt"),
        QStringLiteral("redirectUri"),
        QStringLiteral("source"),
        QStringLiteral("registeredAt"),
        QStringLiteral("clientSecretExpiresAt"),
        QStringLiteral("tokenEndpoint"),
        QStringLiteral("revocationEndpoint"),
        QStringLiteral("resource"),
        QStringLiteral("clientSource"),
    };
    // Every documented field appears (fullServer sets them all) and nothing else.
    QCOMPARE(keys, allowed);
}

void TestServerRegistry::saveMergesOtherProcessChanges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    {
        ServerRegistry seed(path);
        ServerRecord shared = makeServer(QStringLiteral("shared"));
        AccountRecord work;
        work.label = QStringLiteral("work");
        shared.accounts.append(work);
        QVERIFY(!seed.addServer(shared));
        QVERIFY(!seed.setSettings(QJsonObject { { QStringLiteral("keep"), 1 } }));
        QVERIFY(!seed.save());
    }
    ServerRegistry gui(path);
    ServerRegistry cli(path);
    QCOMPARE(gui.load().status, ConfigLoadResult::Status::Ok);
    QCOMPARE(cli.load().status, ConfigLoadResult::Status::Ok);
    const QString shared = QStringLiteral("shared");

    // The CLI signs in a second account, adds a server, changes a setting.
    AccountRecord personal;
    personal.label = QStringLiteral("personal");
    personal.email = QStringLiteral("p@example.com");
    QVERIFY(!cli.setAccount(shared, personal));
    QVERIFY(!cli.addServer(makeServer(QStringLiteral("from-cli"))));
    QVERIFY(!cli.setSettings(
        QJsonObject { { QStringLiteral("keep"), 1 }, { QStringLiteral("cli"), true } }));
    QVERIFY(!cli.save());

    // The GUI, unaware, refreshes "work", renames the server and sets a setting.
    AccountRecord work = *gui.server(shared)->account(QStringLiteral("work"));
    work.lastRefresh = utc("2025-06-01T10:00:00.000Z");
    QVERIFY(!gui.setAccount(shared, work));
    ServerRecord renamed = *gui.server(shared);
    renamed.name = QStringLiteral("Renamed");
    QVERIFY(!gui.updateServer(renamed));
    QVERIFY(!gui.addServer(makeServer(QStringLiteral("from-gui"))));
    QVERIFY(!gui.setSettings(
        QJsonObject { { QStringLiteral("keep"), 1 }, { QStringLiteral("gui"), true } }));
    QSignalSpy changed(&gui, &ServerRegistry::changed);
    QVERIFY(!gui.save());
    QCOMPARE(changed.size(), 1); // it now sees the CLI's changes too

    ServerRegistry result(path);
    QCOMPARE(result.load().status, ConfigLoadResult::Status::Ok);
    for (ServerRegistry *registry : { &result, &gui }) {
        QStringList ids;
        const QList<ServerRecord> servers = registry->servers();
        for (const ServerRecord &server : servers)
            ids.append(server.id);
        QCOMPARE(ids,
                 (QStringList { shared, QStringLiteral("from-cli"), QStringLiteral("from-gui") }));
        const ServerRecord merged = *registry->server(shared);
        QCOMPARE(merged.name, QStringLiteral("Renamed"));
        QCOMPARE(merged.accounts.size(), 2);
        QCOMPARE(merged.account(QStringLiteral("work"))->lastRefresh,
                 utc("2025-06-01T10:00:00.000Z"));
        QCOMPARE(merged.account(QStringLiteral("personal"))->email,
                 QStringLiteral("p@example.com"));
        QCOMPARE(merged.defaultAccount, QStringLiteral("work"));
        const QJsonObject expectedSettings { { QStringLiteral("keep"), 1 },
                                             { QStringLiteral("cli"), true },
                                             { QStringLiteral("gui"), true } };
        QCOMPARE(registry->settings(), expectedSettings);
    }
}

void TestServerRegistry::removalsElsewhereStayRemoved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    {
        ServerRegistry seed(path);
        for (const char *id : { "gone", "kept" }) {
            ServerRecord server = makeServer(QString::fromLatin1(id));
            AccountRecord a;
            a.label = QStringLiteral("a");
            AccountRecord b;
            b.label = QStringLiteral("b");
            server.accounts = { a, b };
            QVERIFY(!seed.addServer(server));
        }
        QVERIFY(!seed.setRegistration(fullRegistration()));
        QVERIFY(!seed.save());
    }
    ServerRegistry cli(path);
    ServerRegistry gui(path);
    cli.load();
    gui.load();
    // The CLI removes a server, an account (the default) and a registration.
    QVERIFY(!cli.removeServer(QStringLiteral("gone")));
    QVERIFY(!cli.removeAccount(QStringLiteral("kept"), QStringLiteral("a")));
    QVERIFY(!cli.removeRegistration(fullRegistration().issuer));
    QVERIFY(!cli.save());

    // The GUI, with stale state, refreshes accounts of both and saves.
    for (const char *id : { "gone", "kept" }) {
        AccountRecord a = *gui.server(QString::fromLatin1(id))->account(QStringLiteral("a"));
        a.lastRefresh = utc("2025-06-01T10:00:00.000Z");
        QVERIFY(!gui.setAccount(QString::fromLatin1(id), a));
    }
    QVERIFY(!gui.save());

    ServerRegistry result(path);
    result.load();
    QVERIFY(!result.server(QStringLiteral("gone")).has_value());
    const ServerRecord kept = *result.server(QStringLiteral("kept"));
    QCOMPARE(kept.accounts.size(), 1);
    QCOMPARE(kept.accounts.first().label, QStringLiteral("b"));
    QCOMPARE(kept.defaultAccount, QStringLiteral("b"));
    QVERIFY(result.registrations().isEmpty());
    QVERIFY(!gui.server(QStringLiteral("gone")).has_value()); // the GUI's state follows

    // Adding a server again with the same id does bring it back.
    QVERIFY(!gui.addServer(makeServer(QStringLiteral("gone"))));
    QVERIFY(!gui.save());
    result.load();
    QVERIFY(result.server(QStringLiteral("gone")).has_value());
}

void TestServerRegistry::lockIsExclusiveAndDeadHolderIsIgnored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    QProcess holder;
    startChild(&holder, { QStringLiteral("hold-lock"), path });
    QVERIFY(holder.waitForReadyRead(10000));
    QCOMPARE(holder.readAllStandardOutput(), QByteArray("locked\n"));

    ServerRegistry registry(path);
    registry.setLockTimeout(std::chrono::milliseconds(300));
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("x"))));
    const Error error = registry.save();
    QCOMPARE(error.code(), Error::Code::ConfigWriteFailed);
    QVERIFY(!QFile::exists(path));

    holder.kill();
    QVERIFY(holder.waitForFinished(10000));
    QVERIFY(QFile::exists(path + QLatin1String(".lock"))); // left behind by the dead holder
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(registry.save().code(), Error::Code::None);
    QVERIFY2(timer.elapsed() < 300, "a dead holder's lock must not be waited for");
    QVERIFY(!QFile::exists(path + QLatin1String(".lock")));
}

void TestServerRegistry::emptyLockOfKilledProcessIsRemoved()
{
    // A process killed between creating the lock file and writing its pid
    // into it leaves an empty lock, which QLockFile alone waits 10 s for.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const QString lockPath = path + QLatin1String(".lock");
    QVERIFY(writeBytes(lockPath, QByteArray()));
    ServerRegistry registry(path);
    QVERIFY(!registry.addServer(makeServer(QStringLiteral("x"))));

    // Just created: it may belong to a live process about to write its pid.
    registry.setLockTimeout(std::chrono::milliseconds(200));
    QCOMPARE(registry.save().code(), Error::Code::ConfigWriteFailed);
    QVERIFY(QFile::exists(lockPath));
    QVERIFY(!QFile::exists(path));

    // Seconds old and still empty: abandoned.
    QFile lock(lockPath);
    QVERIFY(lock.open(QIODevice::ReadWrite));
    QVERIFY(lock.setFileTime(QDateTime::currentDateTime().addSecs(-3),
                             QFileDevice::FileModificationTime));
    lock.close();
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(registry.save().code(), Error::Code::None);
    QVERIFY(timer.elapsed() < 200);
    QVERIFY(!QFile::exists(lockPath));
    ServerRegistry reread(path);
    QCOMPARE(reread.load().status, ConfigLoadResult::Status::Ok);
    QVERIFY(reread.server(QStringLiteral("x")).has_value());
}

void TestServerRegistry::concurrentProcessesKeepBothChanges()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    constexpr int count = 25;
    QProcess first;
    QProcess second;
    startChild(&first,
               { QStringLiteral("add"), path, QStringLiteral("first"), QString::number(count) });
    startChild(&second,
               { QStringLiteral("add"), path, QStringLiteral("second"), QString::number(count) });
    QVERIFY(first.waitForFinished(30000));
    QVERIFY(second.waitForFinished(30000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);

    ServerRegistry result(path);
    const ConfigLoadResult loaded = result.load();
    QCOMPARE(loaded.status, ConfigLoadResult::Status::Ok);
    QVERIFY(loaded.warnings.isEmpty());
    QCOMPARE(result.servers().size(), 2 * count);
    for (int i = 1; i <= count; ++i) {
        QVERIFY(result.server(QStringLiteral("first-%1").arg(i)).has_value());
        QVERIFY(result.server(QStringLiteral("second-%1").arg(i)).has_value());
    }
}

void TestServerRegistry::killDuringSavesLeavesCompleteFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.json"));
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    QRandomGenerator random(seed);
    constexpr int kills = 200;
    int largest = 0;
    int savesSeen = 0;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < kills; ++round) {
        QProcess child;
        startChild(&child, { QStringLiteral("grow"), path });
        QVERIFY(child.waitForStarted(10000));
        // Kill after 0-3 completed saves plus a random fraction of a save, so
        // kills land in start-up, reading, writing and renaming alike.
        const int savesToWait = int(random.bounded(4));
        int saves = 0;
        while (saves < savesToWait && child.waitForReadyRead(10000))
            saves += int(child.readAllStandardOutput().count('\n'));
        QThread::usleep(random.bounded(3000)); // random jitter, not a wait for anything
        child.kill();
        QVERIFY(child.state() == QProcess::NotRunning || child.waitForFinished(10000));
        QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                 qPrintable(QStringLiteral("round %1, exit code %2: %3")
                                .arg(round)
                                .arg(child.exitCode())
                                .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
        savesSeen += saves;

        ServerRegistry check(path);
        const ConfigLoadResult result = check.load();
        QVERIFY2(
            result.status == ConfigLoadResult::Status::Ok
                || (result.status == ConfigLoadResult::Status::Missing && savesSeen == 0),
            qPrintable(QStringLiteral("round %1: %2").arg(round).arg(result.error.toString())));
        QVERIFY(result.warnings.isEmpty());
        const QList<ServerRecord> servers = check.servers();
        QCOMPARE(check.settings().value(QLatin1String("counter")).toInt(), int(servers.size()));
        for (int i = 0; i < servers.size(); ++i) {
            QCOMPARE(servers.at(i).id, QStringLiteral("server-%1").arg(i + 1));
            QCOMPARE(servers.at(i).scopes.size(), scopesPerGrownServer);
        }
        largest = qMax(largest, int(servers.size()));
    }
    QVERIFY(corruptBackups(dir.path()).isEmpty());
    QVERIFY(largest > 1);
    const QStringList leftovers
        = QDir(dir.path())
              .entryList({ QStringLiteral("config.json.*") }, QDir::Files | QDir::Hidden);
    qInfo("%d kills in %lld ms, %d saves seen, up to %d servers; left over: %s", kills,
          timer.elapsed(), savesSeen, largest, qPrintable(leftovers.join(QLatin1Char(' '))));

    // Whatever lock a killed child left does not block the next writer.
    ServerRegistry after(path);
    QCOMPARE(after.load().status, ConfigLoadResult::Status::Ok);
    after.setLockTimeout(std::chrono::milliseconds(100));
    QVERIFY(!after.addServer(makeServer(QStringLiteral("after"))));
    QCOMPARE(after.save().code(), Error::Code::None);
}

// Not QTEST_GUILESS_MAIN: the crash and concurrency tests re-run this binary
// as a child process ("--config-child MODE PATH ...") that saves in a loop.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.value(1) == QLatin1String("--config-child"))
        return runChild(arguments.mid(2));
    TestServerRegistry test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_serverregistry.moc"
