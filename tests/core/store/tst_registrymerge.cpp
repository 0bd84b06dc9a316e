// The merge between processes, without files: the file as another process
// left it + this process's state + what this process changed -> the file to
// write.

#include "core/store/registryformat.h"
#include "core/store/registrymerge.h"

#include <QJsonArray>
#include <QTest>

#include <functional>
#include <optional>

using namespace Mcpa;

namespace {

ServerRecord makeServer(const QString &id, const QStringList &labels = {})
{
    ServerRecord server;
    server.id = id;
    server.name = id.toUpper();
    server.mcpUrl = QUrl(QStringLiteral("https://%1.example.com/mcp").arg(id));
    for (const QString &label : labels) {
        AccountRecord account;
        account.label = label;
        server.accounts.append(account);
    }
    if (!labels.isEmpty())
        server.defaultAccount = labels.first();
    return server;
}

RegistrationRecord makeRegistration(const QString &issuer, const QString &clientId)
{
    RegistrationRecord registration;
    registration.issuer = issuer;
    registration.clientId = clientId;
    return registration;
}

/// The file as RegistryFormat writes it.
QJsonObject fileOf(const RegistryFormat::State &state)
{
    QJsonObject root = RegistryFormat::toJson(state);
    root.insert(QLatin1String("version"), 1);
    return root;
}

/// One process: what it loaded, its state since, and what it changed (the
/// bookkeeping ServerRegistry does on each mutation).
class Process
{
public:
    explicit Process(const RegistryFormat::State &loaded)
        : m_state(loaded)
    {
        m_changes.baseSettings = loaded.settings;
    }

    void addServer(const ServerRecord &server)
    {
        m_state.servers.append(server);
        RegistryMerge::noteServerChange(&m_changes, nullptr, server);
    }

    void changeServer(const QString &id, const std::function<void(ServerRecord *)> &change)
    {
        for (ServerRecord &server : m_state.servers) {
            if (server.id != id)
                continue;
            const ServerRecord before = server;
            change(&server);
            RegistryMerge::noteServerChange(&m_changes, &before, server);
            return;
        }
        QFAIL("no such server");
    }

    void removeServer(const QString &id)
    {
        m_state.servers.removeIf([&](const ServerRecord &server) { return server.id == id; });
        RegistryMerge::noteServerRemoved(&m_changes, id);
    }

    void setRegistration(const RegistrationRecord &registration)
    {
        m_state.registrations.removeIf(
            [&](const RegistrationRecord &entry) { return entry.issuer == registration.issuer; });
        m_state.registrations.append(registration);
        RegistryMerge::noteRegistrationSet(&m_changes, registration.issuer);
    }

    void removeRegistration(const QString &issuer)
    {
        m_state.registrations.removeIf(
            [&](const RegistrationRecord &entry) { return entry.issuer == issuer; });
        RegistryMerge::noteRegistrationRemoved(&m_changes, issuer);
    }

    void setSettings(const QJsonObject &settings) { m_state.settings = settings; }

    /// What save() would write over @p onDisk.
    QJsonObject mergeInto(const QJsonObject &onDisk) const
    {
        return RegistryMerge::merge(onDisk, m_state, m_changes);
    }

    const RegistryMerge::Changes &changes() const { return m_changes; }
    const RegistryFormat::State &state() const { return m_state; }

private:
    RegistryFormat::State m_state;
    RegistryMerge::Changes m_changes;
};

/// The merged file read back; fails the test on a skipped entry.
RegistryFormat::State read(const QJsonObject &root)
{
    QStringList warnings;
    RegistryFormat::State state = RegistryFormat::read(root, &warnings);
    if (!warnings.isEmpty())
        qWarning() << "skipped:" << warnings;
    return state;
}

QStringList idsOf(const RegistryFormat::State &state)
{
    QStringList ids;
    for (const ServerRecord &server : state.servers)
        ids.append(server.id);
    return ids;
}

std::optional<ServerRecord> serverOf(const RegistryFormat::State &state, const QString &id)
{
    for (const ServerRecord &server : state.servers) {
        if (server.id == id)
            return server;
    }
    return std::nullopt;
}

QStringList labelsOf(const ServerRecord &server)
{
    QStringList labels;
    for (const AccountRecord &account : server.accounts)
        labels.append(account.label);
    return labels;
}

} // namespace

class TestRegistryMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noChangesKeepTheFile();
    void concurrentAddsOfDifferentServers();
    void sameIdAddedByBothLastWriterWins();
    void bothChangeDifferentFieldsOfOneServer();
    void bothChangeDifferentAccountsOfOneServer();
    void bothChangeTheSameAccount();
    void removedElsewhereStaysRemoved();
    void removedHereWinsOverAChangeElsewhere();
    void accountRemovedElsewhereStaysRemoved();
    void accountRemovedHereWinsOverAChangeElsewhere();
    void defaultAccountFallsBackToTheFirstRemaining();
    void addedAgainHereComesBack();
    void registrationsPerIssuer();
    void settingsPerKey();
    void keepsWhatItDoesNotUnderstand();
    void noteServerChangeRecordsTheLevel();
};

void TestRegistryMerge::noChangesKeepTheFile()
{
    // Whatever this process holds: without changes the file stays as it is.
    const RegistryFormat::State loaded { { makeServer(QStringLiteral("a")) }, {}, {} };
    Process ours(loaded);
    QJsonObject onDisk
        = fileOf({ { makeServer(QStringLiteral("b"), { QStringLiteral("work") }) },
                   { makeRegistration(QStringLiteral("https://as"), QStringLiteral("c")) },
                   { { QStringLiteral("theme"), QStringLiteral("dark") } } });
    QVERIFY(ours.changes().isEmpty());
    QCOMPARE(ours.mergeInto(onDisk), onDisk);
}

void TestRegistryMerge::concurrentAddsOfDifferentServers()
{
    Process ours({});
    ours.addServer(makeServer(QStringLiteral("ours")));
    QVERIFY(!ours.changes().isEmpty());
    // Meanwhile another process added "theirs".
    const QJsonObject onDisk = fileOf({ { makeServer(QStringLiteral("theirs")) }, {}, {} });

    const RegistryFormat::State merged = read(ours.mergeInto(onDisk));
    QCOMPARE(idsOf(merged), (QStringList { QStringLiteral("theirs"), QStringLiteral("ours") }));
}

void TestRegistryMerge::sameIdAddedByBothLastWriterWins()
{
    Process ours({});
    ServerRecord mine = makeServer(QStringLiteral("github"), { QStringLiteral("mine") });
    mine.mcpUrl = QUrl(QStringLiteral("https://mine.example.com/mcp"));
    ours.addServer(mine);
    const QJsonObject onDisk = fileOf(
        { { makeServer(QStringLiteral("github"), { QStringLiteral("theirs") }) }, {}, {} });

    const RegistryFormat::State merged = read(ours.mergeInto(onDisk));
    QCOMPARE(idsOf(merged), QStringList { QStringLiteral("github") });
    QCOMPARE(merged.servers.first().mcpUrl, mine.mcpUrl);
    QCOMPARE(labelsOf(merged.servers.first()), QStringList { QStringLiteral("mine") });
}

void TestRegistryMerge::bothChangeDifferentFieldsOfOneServer()
{
    const ServerRecord base = makeServer(QStringLiteral("s"), { QStringLiteral("work") });
    Process ours({ { base }, {}, {} });
    ours.changeServer(QStringLiteral("s"),
                      [](ServerRecord *server) { server->name = QStringLiteral("Renamed"); });

    // The other process changed the scopes and added an account.
    ServerRecord theirs = base;
    theirs.scopes = QStringList { QStringLiteral("repo") };
    AccountRecord home;
    home.label = QStringLiteral("home");
    theirs.accounts.append(home);
    const QJsonObject onDisk = fileOf({ { theirs }, {}, {} });

    const ServerRecord merged = *serverOf(read(ours.mergeInto(onDisk)), QStringLiteral("s"));
    // The server's fields are one unit: ours, the other's scope change is lost.
    QCOMPARE(merged.name, QStringLiteral("Renamed"));
    QCOMPARE(merged.scopes, QStringList());
    // Accounts merge per label: the other's new account survives.
    QCOMPARE(labelsOf(merged), (QStringList { QStringLiteral("work"), QStringLiteral("home") }));
    QCOMPARE(merged.defaultAccount, QStringLiteral("work"));
}

void TestRegistryMerge::bothChangeDifferentAccountsOfOneServer()
{
    const ServerRecord base
        = makeServer(QStringLiteral("s"), { QStringLiteral("work"), QStringLiteral("home") });
    Process ours({ { base }, {}, {} });
    ours.changeServer(QStringLiteral("s"), [](ServerRecord *server) {
        server->account(QStringLiteral("home"))->email = QStringLiteral("home@example.com");
    });

    ServerRecord theirs = base;
    theirs.name = QStringLiteral("Theirs");
    theirs.account(QStringLiteral("work"))->email = QStringLiteral("work@example.com");
    const QJsonObject onDisk = fileOf({ { theirs }, {}, {} });

    const ServerRecord merged = *serverOf(read(ours.mergeInto(onDisk)), QStringLiteral("s"));
    QCOMPARE(merged.name, QStringLiteral("Theirs")); // fields not changed here: theirs
    QCOMPARE(merged.account(QStringLiteral("work"))->email, QStringLiteral("work@example.com"));
    QCOMPARE(merged.account(QStringLiteral("home"))->email, QStringLiteral("home@example.com"));
}

void TestRegistryMerge::bothChangeTheSameAccount()
{
    const ServerRecord base = makeServer(QStringLiteral("s"), { QStringLiteral("work") });
    Process ours({ { base }, {}, {} });
    ours.changeServer(QStringLiteral("s"), [](ServerRecord *server) {
        server->account(QStringLiteral("work"))->email = QStringLiteral("ours@example.com");
    });
    ServerRecord theirs = base;
    theirs.account(QStringLiteral("work"))->email = QStringLiteral("theirs@example.com");
    theirs.account(QStringLiteral("work"))->hasRefreshToken = true;

    const ServerRecord merged
        = *serverOf(read(ours.mergeInto(fileOf({ { theirs }, {}, {} }))), QStringLiteral("s"));
    // The whole account is ours, the other's refresh-token flag included.
    QCOMPARE(merged.account(QStringLiteral("work"))->email, QStringLiteral("ours@example.com"));
    QCOMPARE(merged.account(QStringLiteral("work"))->hasRefreshToken, false);
}

void TestRegistryMerge::removedElsewhereStaysRemoved()
{
    Process ours({ { makeServer(QStringLiteral("s"), { QStringLiteral("work") }),
                     makeServer(QStringLiteral("t")) },
                   {},
                   {} });
    ours.changeServer(QStringLiteral("s"), [](ServerRecord *server) {
        server->name = QStringLiteral("Renamed");
        AccountRecord added;
        added.label = QStringLiteral("new");
        server->accounts.append(added);
    });
    // The other process removed "s".
    const QJsonObject onDisk = fileOf({ { makeServer(QStringLiteral("t")) }, {}, {} });

    QCOMPARE(idsOf(read(ours.mergeInto(onDisk))), QStringList { QStringLiteral("t") });
}

void TestRegistryMerge::removedHereWinsOverAChangeElsewhere()
{
    const ServerRecord base = makeServer(QStringLiteral("s"));
    Process ours({ { base, makeServer(QStringLiteral("t")) }, {}, {} });
    ours.removeServer(QStringLiteral("s"));
    ServerRecord theirs = base;
    theirs.name = QStringLiteral("Changed elsewhere");
    const QJsonObject onDisk = fileOf({ { theirs, makeServer(QStringLiteral("t")) }, {}, {} });

    QCOMPARE(idsOf(read(ours.mergeInto(onDisk))), QStringList { QStringLiteral("t") });
}

void TestRegistryMerge::accountRemovedElsewhereStaysRemoved()
{
    const ServerRecord base
        = makeServer(QStringLiteral("s"), { QStringLiteral("work"), QStringLiteral("home") });
    Process ours({ { base }, {}, {} });
    ours.changeServer(QStringLiteral("s"), [](ServerRecord *server) {
        server->account(QStringLiteral("home"))->needsSignIn = true;
    });
    ServerRecord theirs = base;
    theirs.accounts.removeLast(); // "home"

    const ServerRecord merged
        = *serverOf(read(ours.mergeInto(fileOf({ { theirs }, {}, {} }))), QStringLiteral("s"));
    QCOMPARE(labelsOf(merged), QStringList { QStringLiteral("work") });
}

void TestRegistryMerge::accountRemovedHereWinsOverAChangeElsewhere()
{
    const ServerRecord base
        = makeServer(QStringLiteral("s"), { QStringLiteral("work"), QStringLiteral("home") });
    Process ours({ { base }, {}, {} });
    ours.changeServer(QStringLiteral("s"), [](ServerRecord *server) {
        server->accounts.removeIf(
            [](const AccountRecord &account) { return account.label == QLatin1String("home"); });
    });
    ServerRecord theirs = base;
    theirs.account(QStringLiteral("home"))->email = QStringLiteral("home@example.com");

    const ServerRecord merged
        = *serverOf(read(ours.mergeInto(fileOf({ { theirs }, {}, {} }))), QStringLiteral("s"));
    QCOMPARE(labelsOf(merged), QStringList { QStringLiteral("work") });
}

void TestRegistryMerge::defaultAccountFallsBackToTheFirstRemaining()
{
    const ServerRecord base
        = makeServer(QStringLiteral("s"), { QStringLiteral("work"), QStringLiteral("home") });
    Process ours({ { base }, {}, {} });
    ours.changeServer(QStringLiteral("s"), [](ServerRecord *server) {
        server->defaultAccount = QStringLiteral("home");
    });
    // The other process removed "home", the new default here.
    ServerRecord theirs = base;
    theirs.accounts.removeLast();

    const ServerRecord merged
        = *serverOf(read(ours.mergeInto(fileOf({ { theirs }, {}, {} }))), QStringLiteral("s"));
    QCOMPARE(labelsOf(merged), QStringList { QStringLiteral("work") });
    QCOMPARE(merged.defaultAccount, QStringLiteral("work"));

    // Without the removal the default changed here wins.
    const ServerRecord kept
        = *serverOf(read(ours.mergeInto(fileOf({ { base }, {}, {} }))), QStringLiteral("s"));
    QCOMPARE(kept.defaultAccount, QStringLiteral("home"));
}

void TestRegistryMerge::addedAgainHereComesBack()
{
    Process ours({ { makeServer(QStringLiteral("s")) }, {}, {} });
    ours.removeServer(QStringLiteral("s"));
    ServerRecord again = makeServer(QStringLiteral("s"));
    again.name = QStringLiteral("Again");
    ours.addServer(again);
    // The other process removed it too.
    const RegistryFormat::State merged = read(ours.mergeInto(fileOf({})));
    QCOMPARE(idsOf(merged), QStringList { QStringLiteral("s") });
    QCOMPARE(merged.servers.first().name, QStringLiteral("Again"));
}

void TestRegistryMerge::registrationsPerIssuer()
{
    const QString kept = QStringLiteral("https://kept.example.com");
    const QString changed = QStringLiteral("https://changed.example.com");
    const QString removed = QStringLiteral("https://removed.example.com");
    Process ours({ {}, { makeRegistration(changed, QStringLiteral("old")) }, {} });
    ours.setRegistration(makeRegistration(changed, QStringLiteral("ours")));
    ours.removeRegistration(removed); // stored only by the other process
    const QJsonObject onDisk = fileOf({ {},
                                        { makeRegistration(kept, QStringLiteral("k")),
                                          makeRegistration(changed, QStringLiteral("theirs")),
                                          makeRegistration(removed, QStringLiteral("r")) },
                                        {} });

    const RegistryFormat::State merged = read(ours.mergeInto(onDisk));
    QCOMPARE(merged.registrations.size(), 2);
    QCOMPARE(merged.registrations.at(0).issuer, kept);
    QCOMPARE(merged.registrations.at(1).issuer, changed);
    QCOMPARE(merged.registrations.at(1).clientId, QStringLiteral("ours"));
}

void TestRegistryMerge::settingsPerKey()
{
    auto number = [](int n) {
        return QJsonValue(n);
    };
    const QJsonObject base { { QStringLiteral("a"), number(1) },
                             { QStringLiteral("b"), number(1) },
                             { QStringLiteral("c"), number(1) },
                             { QStringLiteral("e"), number(1) } };
    Process ours({ {}, {}, base });
    QJsonObject mine = base;
    mine.insert(QStringLiteral("b"), 3); // changed here
    mine.insert(QStringLiteral("d"), 4); // added here
    mine.remove(QStringLiteral("e")); // removed here
    ours.setSettings(mine);
    QJsonObject theirs = base;
    theirs.insert(QStringLiteral("a"), 2); // changed elsewhere
    theirs.remove(QStringLiteral("c")); // removed elsewhere
    theirs.insert(QStringLiteral("e"), 5); // changed elsewhere, removed here

    const QJsonObject merged
        = ours.mergeInto(fileOf({ {}, {}, theirs })).value(QLatin1String("settings")).toObject();
    const QJsonObject expected { { QStringLiteral("a"), number(2) },
                                 { QStringLiteral("b"), number(3) },
                                 { QStringLiteral("d"), number(4) } };
    QCOMPARE(merged, expected);
}

void TestRegistryMerge::keepsWhatItDoesNotUnderstand()
{
    QJsonObject untouched = RegistryFormat::serverToJson(makeServer(QStringLiteral("untouched")));
    untouched.insert(QStringLiteral("futureField"), QStringLiteral("kept"));
    QJsonObject touched = RegistryFormat::serverToJson(makeServer(QStringLiteral("touched")));
    touched.insert(QStringLiteral("futureField"), QStringLiteral("also kept"));
    const QJsonObject malformed { { QStringLiteral("url"), QStringLiteral("no id") } };
    const QJsonObject onDisk {
        { QStringLiteral("servers"), QJsonArray { malformed, untouched, touched } },
        { QStringLiteral("futureTopLevel"), QJsonArray { 1, 2 } },
    };
    // This process loaded that file (the malformed entry is skipped in memory).
    QStringList warnings;
    Process ours(RegistryFormat::read(onDisk, &warnings));
    QCOMPARE(warnings.size(), 1);
    ours.changeServer(QStringLiteral("touched"),
                      [](ServerRecord *server) { server->name = QStringLiteral("Renamed"); });
    ours.addServer(makeServer(QStringLiteral("added")));

    const QJsonObject merged = ours.mergeInto(onDisk);
    QCOMPARE(merged.value(QLatin1String("version")).toInt(), 1);
    QCOMPARE(merged.value(QLatin1String("futureTopLevel")), QJsonValue(QJsonArray { 1, 2 }));
    const QJsonArray servers = merged.value(QLatin1String("servers")).toArray();
    QCOMPARE(servers.size(), 4);
    QCOMPARE(servers.at(0).toObject(), malformed);
    QCOMPARE(servers.at(1).toObject(), untouched);
    const QJsonObject renamed = servers.at(2).toObject();
    QCOMPARE(renamed.value(QLatin1String("name")).toString(), QStringLiteral("Renamed"));
    QCOMPARE(renamed.value(QLatin1String("futureField")).toString(), QStringLiteral("also kept"));
    QCOMPARE(servers.at(3).toObject().value(QLatin1String("id")).toString(),
             QStringLiteral("added"));
}

void TestRegistryMerge::noteServerChangeRecordsTheLevel()
{
    const ServerRecord before
        = makeServer(QStringLiteral("s"), { QStringLiteral("work"), QStringLiteral("home") });
    RegistryMerge::Changes changes;
    ServerRecord after = before;
    after.account(QStringLiteral("work"))->email = QStringLiteral("x@example.com");
    after.accounts.removeLast();
    AccountRecord added;
    added.label = QStringLiteral("new");
    after.accounts.append(added);
    RegistryMerge::noteServerChange(&changes, &before, after);

    const RegistryMerge::ServerChanges server = changes.servers.value(QStringLiteral("s"));
    QVERIFY(!server.added);
    QVERIFY(!server.fieldsChanged);
    QVERIFY(!server.defaultChanged);
    QCOMPARE(server.changedAccounts, QSet<QString> { QStringLiteral("work") });
    QCOMPARE(server.removedAccounts, QSet<QString> { QStringLiteral("home") });
    QCOMPARE(server.addedAccounts, QSet<QString> { QStringLiteral("new") });

    // Removing the server drops its changes and records the removal.
    RegistryMerge::noteServerRemoved(&changes, QStringLiteral("s"));
    QVERIFY(!changes.servers.contains(QStringLiteral("s")));
    QVERIFY(changes.removedServers.contains(QStringLiteral("s")));
    // Adding it again undoes the removal and writes the whole entry.
    RegistryMerge::noteServerChange(&changes, nullptr, before);
    QVERIFY(!changes.removedServers.contains(QStringLiteral("s")));
    QVERIFY(changes.servers.value(QStringLiteral("s")).added);
}

QTEST_GUILESS_MAIN(TestRegistryMerge)

#include "tst_registrymerge.moc"
