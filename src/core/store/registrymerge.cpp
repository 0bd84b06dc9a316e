#include "core/store/registrymerge.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

namespace Mcpa {
namespace {

constexpr QLatin1String kVersion = RegistryFormat::versionKey;
constexpr QLatin1String kServers = RegistryFormat::serversKey;
constexpr QLatin1String kRegistrations = RegistryFormat::registrationsKey;
constexpr QLatin1String kSettings = RegistryFormat::settingsKey;
constexpr QLatin1String kId = RegistryFormat::idKey;
constexpr QLatin1String kDefaultAccount = RegistryFormat::defaultAccountKey;
constexpr QLatin1String kAccounts = RegistryFormat::accountsKey;
constexpr QLatin1String kLabel = RegistryFormat::labelKey;
constexpr QLatin1String kIssuer = RegistryFormat::issuerKey;

int indexOfServer(const QList<ServerRecord> &servers, const QString &id)
{
    for (int i = 0; i < servers.size(); ++i) {
        if (servers.at(i).id == id)
            return i;
    }
    return -1;
}

int indexOfRegistration(const QList<RegistrationRecord> &registrations, const QString &issuer)
{
    for (int i = 0; i < registrations.size(); ++i) {
        if (registrations.at(i).issuer == issuer)
            return i;
    }
    return -1;
}

} // namespace

bool RegistryMerge::Changes::isEmpty() const
{
    return servers.isEmpty() && removedServers.isEmpty() && changedRegistrations.isEmpty()
        && removedRegistrations.isEmpty();
}

void RegistryMerge::noteServerChange(Changes *all, const ServerRecord *before,
                                     const ServerRecord &after)
{
    all->removedServers.remove(after.id);
    ServerChanges &changes = all->servers[after.id];
    if (!before) {
        changes = ServerChanges();
        changes.added = true;
        return;
    }
    if (changes.added)
        return; // the whole entry is written anyway
    if (RegistryFormat::serverFieldsToJson(*before) != RegistryFormat::serverFieldsToJson(after))
        changes.fieldsChanged = true;
    if (before->defaultAccount != after.defaultAccount)
        changes.defaultChanged = true;
    for (const AccountRecord &account : after.accounts) {
        const AccountRecord *old = before->account(account.label);
        if (!old) {
            changes.addedAccounts.insert(account.label);
            changes.changedAccounts.remove(account.label);
            changes.removedAccounts.remove(account.label);
        } else if (!changes.addedAccounts.contains(account.label)
                   && RegistryFormat::accountToJson(*old)
                       != RegistryFormat::accountToJson(account)) {
            changes.changedAccounts.insert(account.label);
        }
    }
    for (const AccountRecord &old : before->accounts) {
        if (!after.account(old.label)) {
            changes.removedAccounts.insert(old.label);
            changes.addedAccounts.remove(old.label);
            changes.changedAccounts.remove(old.label);
        }
    }
}

void RegistryMerge::noteServerRemoved(Changes *changes, const QString &id)
{
    changes->servers.remove(id);
    changes->removedServers.insert(id);
}

void RegistryMerge::noteRegistrationSet(Changes *changes, const QString &issuer)
{
    changes->removedRegistrations.remove(issuer);
    changes->changedRegistrations.insert(issuer);
}

void RegistryMerge::noteRegistrationRemoved(Changes *changes, const QString &issuer)
{
    changes->changedRegistrations.remove(issuer);
    changes->removedRegistrations.insert(issuer);
}

QJsonObject RegistryMerge::merge(const QJsonObject &onDisk, const RegistryFormat::State &ours,
                                 const Changes &changes)
{
    QJsonObject merged = onDisk; // keeps unknown top-level fields
    merged.insert(kVersion, RegistryFormat::formatVersion);

    QJsonArray servers;
    QSet<QString> written;
    const QJsonArray diskServers = onDisk.value(kServers).toArray();
    for (const QJsonValue &entry : diskServers) {
        const QString id = entry.toObject().value(kId).toString();
        if (id.isEmpty()) {
            servers.append(entry); // malformed: not ours to drop
            continue;
        }
        if (changes.removedServers.contains(id))
            continue;
        const auto serverChanges = changes.servers.constFind(id);
        const int index = indexOfServer(ours.servers, id);
        if (serverChanges == changes.servers.cend() || index < 0) {
            servers.append(entry);
            continue;
        }
        if (written.contains(id))
            continue; // a duplicate of the entry written here
        servers.append(mergeServer(entry.toObject(), ours.servers.at(index), *serverChanges));
        written.insert(id);
    }
    // Servers added here. Changed ones another process removed stay removed.
    for (const ServerRecord &server : ours.servers) {
        const auto serverChanges = changes.servers.constFind(server.id);
        if (serverChanges != changes.servers.cend() && serverChanges->added
            && !written.contains(server.id))
            servers.append(RegistryFormat::serverToJson(server));
    }
    merged.insert(kServers, servers);

    QJsonArray registrations;
    written.clear();
    const QJsonArray diskRegistrations = onDisk.value(kRegistrations).toArray();
    for (const QJsonValue &entry : diskRegistrations) {
        const QString issuer = entry.toObject().value(kIssuer).toString();
        if (changes.removedRegistrations.contains(issuer) || written.contains(issuer))
            continue;
        const int index = indexOfRegistration(ours.registrations, issuer);
        if (!changes.changedRegistrations.contains(issuer) || index < 0) {
            registrations.append(entry);
            continue;
        }
        registrations.append(RegistryFormat::registrationToJson(ours.registrations.at(index)));
        written.insert(issuer);
    }
    for (const RegistrationRecord &registration : ours.registrations) {
        if (changes.changedRegistrations.contains(registration.issuer)
            && !written.contains(registration.issuer))
            registrations.append(RegistryFormat::registrationToJson(registration));
    }
    merged.insert(kRegistrations, registrations);

    // Settings: per key, only the keys changed here.
    QJsonObject settings = onDisk.value(kSettings).toObject();
    QStringList keys = ours.settings.keys() + changes.baseSettings.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys)) {
        if (ours.settings.value(key) == changes.baseSettings.value(key))
            continue;
        if (ours.settings.contains(key))
            settings.insert(key, ours.settings.value(key));
        else
            settings.remove(key);
    }
    merged.insert(kSettings, settings);
    return merged;
}

QJsonObject RegistryMerge::mergeServer(const QJsonObject &onDisk, const ServerRecord &ours,
                                       const ServerChanges &changes)
{
    if (changes.added) // added here: last writer wins for the whole entry
        return RegistryFormat::serverToJson(ours);
    QJsonObject merged = changes.fieldsChanged ? RegistryFormat::serverFieldsToJson(ours) : onDisk;
    QString defaultAccount
        = changes.defaultChanged ? ours.defaultAccount : onDisk.value(kDefaultAccount).toString();
    QJsonArray accounts;
    QStringList labels;
    QSet<QString> written;
    const QJsonArray diskAccounts = onDisk.value(kAccounts).toArray();
    for (const QJsonValue &entry : diskAccounts) {
        const QString label = entry.toObject().value(kLabel).toString();
        const AccountRecord *account = ours.account(label);
        if (changes.removedAccounts.contains(label) || written.contains(label))
            continue;
        if (account
            && (changes.addedAccounts.contains(label) || changes.changedAccounts.contains(label))) {
            accounts.append(RegistryFormat::accountToJson(*account));
            written.insert(label);
        } else {
            accounts.append(entry);
        }
        if (!label.isEmpty())
            labels.append(label);
    }
    // Accounts added here. Changed ones another process removed stay removed.
    for (const AccountRecord &account : ours.accounts) {
        if (changes.addedAccounts.contains(account.label) && !written.contains(account.label)) {
            accounts.append(RegistryFormat::accountToJson(account));
            labels.append(account.label);
        }
    }
    if (!labels.contains(defaultAccount))
        defaultAccount = labels.value(0);
    merged.remove(kDefaultAccount);
    if (!defaultAccount.isEmpty())
        merged.insert(kDefaultAccount, defaultAccount);
    merged.insert(kAccounts, accounts);
    return merged;
}

} // namespace Mcpa
