#pragma once

#include "core/accounts/accounttypes.h"
#include "core/store/registryformat.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace Mcpa {

/// The three-way merge between processes sharing the registry file, in
/// memory: the file as it is now, this process's state and what this process
/// changed since it last loaded or saved give the file to write.
///
/// Only what changed here replaces what is on disk, each at its own level:
/// - a server added here: the whole entry (last writer wins);
/// - a server's fields changed here (everything but accounts and the default
///   account): all of that server's fields, the accounts on disk stay;
/// - accounts added, changed or removed here: per label;
/// - the default account changed here: that field; a default that no longer
///   exists becomes the first remaining account;
/// - registrations set or removed here: per issuer;
/// - settings keys changed here (against Changes::baseSettings): per key.
///
/// Everything else on disk is kept as it is: entries another process wrote,
/// malformed entries, unknown fields at every level. A server or account
/// another process removed is not brought back by a change here (only by
/// adding it here). No I/O; every function is pure.
class RegistryMerge
{
public:
    /// Changes to one server since the last load or save.
    struct ServerChanges
    {
        bool added = false; ///< write the whole entry
        bool fieldsChanged = false; ///< everything but accounts and the default
        bool defaultChanged = false;
        QSet<QString> addedAccounts;
        QSet<QString> changedAccounts;
        QSet<QString> removedAccounts;
    };

    /// What this process changed since the last load or save.
    struct Changes
    {
        QHash<QString, ServerChanges> servers; ///< by server id
        QSet<QString> removedServers;
        QSet<QString> changedRegistrations; ///< by issuer
        QSet<QString> removedRegistrations;
        /// The settings as last loaded or saved: the base of the per-key merge.
        QJsonObject baseSettings;

        /// No server or registration changed (settings are compared by the caller).
        bool isEmpty() const;
    };

    /// Records in @p changes that a server became @p after; @p before is the
    /// server as it was, or null when @p after was added.
    static void noteServerChange(Changes *changes, const ServerRecord *before,
                                 const ServerRecord &after);
    static void noteServerRemoved(Changes *changes, const QString &id);
    static void noteRegistrationSet(Changes *changes, const QString &issuer);
    /// Also for an issuer not known here: another process may have stored it.
    static void noteRegistrationRemoved(Changes *changes, const QString &issuer);

    /// The file to write: @p onDisk (the file's root object as it is now,
    /// empty when there is none) with @p changes of @p ours applied and
    /// "version" set to RegistryFormat::formatVersion.
    static QJsonObject merge(const QJsonObject &onDisk, const RegistryFormat::State &ours,
                             const Changes &changes);

private:
    static QJsonObject mergeServer(const QJsonObject &onDisk, const ServerRecord &ours,
                                   const ServerChanges &changes);
};

} // namespace Mcpa
