#pragma once

// The server registry: every non-secret fact about the person's MCP servers,
// accounts and client registrations, in one versioned JSON file. Secrets
// (tokens, client secrets) live only in the keychain; this file has no field
// for them.
//
// File: <QStandardPaths::GenericConfigLocation>/mcp-accounts/config.json (on
// Linux $XDG_CONFIG_HOME/mcp-accounts/config.json), mode 0600, in a
// directory created 0700. Written atomically (QSaveFile) under a lock file
// "config.json.lock" next to it. Indented JSON with the keys sorted (the
// example below groups them for reading); dates are ISO 8601 UTC with
// milliseconds. Fields at their default value are left out and read back as
// that default. Example:
//
//   {
//       "registrations": [
//           { "authMethod": "none", "clientId": "a1b2c3", "issuer": "https://auth.example.com",
//             "redirectUri": "http://127.0.0.1:33418/callback", "registeredAt":
//             "2025-06-01T09:30:00.000Z", "source": "dynamic" }
//       ],
//       "servers": [
//           { "id": "github", "name": "GitHub", "url": "https://api.example.com/mcp",
//             "scopes": ["repo", "read:user"], "defaultAccount": "work",
//             "accounts": [
//                 { "label": "work", "issuer": "https://auth.example.com",
//                   "grantedScopes": ["repo"], "email": "ada@example.com",
//                   "signedInAt": "2025-06-01T09:31:02.120Z",
//                   "expiresAt": "2025-06-01T10:31:02.120Z", "hasRefreshToken": true }
//             ] }
//       ],
//       "settings": { "startMinimized": true },
//       "version": 1
//   }
//
// Top level: "version" (integer, required), "servers" (array), "registrations"
// (array), "settings" (object, free-form app settings).
// Server: "id" (required, [a-z0-9][a-z0-9-]{0,62}, unique), "url" (required,
// https or loopback http), "name", "clientId", "clientIssuer" (the issuer the
// pre-registered client is bound to), "authMethod" ("none",
// "client_secret_post", "client_secret_basic"; absent = decide at sign-in),
// "clientMetadataUrl", "callbackPort" (absent = 0 = any), "redirectHost"
// (absent = "127.0.0.1"), "sendResource" (absent = true), "scopes", "browser"
// ("", "embedded", "system"), "preferredIssuer", "defaultAccount", "accounts".
// Account: "label" (required, unique within its server), "issuer",
// "grantedScopes", "subject", "email", "name", "signedInAt", "expiresAt",
// "lastRefresh", "hasRefreshToken", "needsSignIn", "lastError", "lastErrorAt",
// "tokenEndpoint", "revocationEndpoint", "resource", "clientId", "authMethod"
// (absent = "none"), "clientSource" (absent = "dynamic").
// Registration: "issuer" and "clientId" (required; issuer unique),
// "authMethod" (absent = "none"), "redirectUri", "source" ("pre-registered",
// "metadata-document", "dynamic"; absent = "dynamic"), "registeredAt",
// "clientSecretExpiresAt".
//
// Compatibility rules:
// - Fields this version does not know are kept, at every level, and written
//   back unchanged (ServerRecord/AccountRecord/RegistrationRecord::unknownFields;
//   unknown top-level fields are taken from the file at each save).
// - "version" greater than 1: what can be read is loaded, but the registry is
//   read-only and the file is never written.
// - Not JSON, not an object, no integer "version" or a top-level field of the
//   wrong type: the file is renamed to "config.json.corrupt-<UTC time>" (never
//   over an older backup) and the registry starts empty.
// - A single malformed entry (a server without a valid id or URL, a duplicate
//   id, a field of the wrong type, ...) is skipped with a warning. It stays in
//   the file as it is, unless this process stores an entry with the same key.
//
// Several processes (the app and any number of CLI calls) share the file.
// save() merges rather than overwrites: under the lock it re-reads the file,
// applies only the changes made in this process since its last load() or
// save(), and writes the result, which also becomes this process's state:
//
//   process                         config.json(.lock)
//     | lock  ----------------------->|  (waits; a dead holder's lock is stale)
//     | read current file <-----------|
//     | apply own changes:            |
//     |   servers added/removed here,    whole entry, last writer wins
//     |   server settings changed here,  settings of that server
//     |   accounts set/removed here,     per account label
//     |   registrations set/removed,     per issuer
//     |   settings keys changed here     per key
//     | QSaveFile write + rename ---->|
//     | unlock ---------------------->|
//
// Everything another process wrote meanwhile survives. An account or server
// that another process removed is not brought back by a later change here
// (only by adding it again here).

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"
#include "core/store/registryfile.h"
#include "core/store/registryformat.h"
#include "core/store/registrymerge.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

/// What load() found.
struct ConfigLoadResult
{
    Q_GADGET
public:
    enum class Status {
        Ok, ///< read; warnings may list skipped entries
        Missing, ///< no file yet: empty registry, writable
        NewerVersion, ///< read as far as possible; the registry is read-only
        Corrupt, ///< set aside to backupPath; empty registry, writable
        Unreadable, ///< the file exists but cannot be read; read-only
    };
    Q_ENUM(Status)

    Status status = Status::Ok;
    int fileVersion = 0; ///< the file's "version" (0 when it has none)
    /// Corrupt: where the original bytes are now; empty when they could not
    /// be moved (then the next save() tries again, never overwriting them).
    QString backupPath;
    /// One line per skipped entry, naming it by position and id only.
    QStringList warnings;
    /// Corrupt, Unreadable, NewerVersion: what is wrong, for the UI to report.
    Error error;
};

/// The non-secret configuration: servers, their accounts, client
/// registrations and app settings, kept in memory and saved explicitly.
///
/// Mutations validate, change the in-memory state, emit changed() and return
/// an Error (ConfigReadOnly, ConfigInvalid, UnknownServer for a server or
/// account that is not there); nothing touches the disk until save(). There
/// is no save in the destructor.
///
/// A facade: RegistryFormat reads and writes the JSON, RegistryFile the
/// locked file, RegistryMerge merges with other processes' changes and
/// ServerIds derives new ids.
class ServerRegistry : public QObject
{
    Q_OBJECT
public:
    static constexpr int formatVersion = RegistryFormat::formatVersion;

    /// <GenericConfigLocation>/mcp-accounts/config.json.
    static QString defaultFilePath();

    explicit ServerRegistry(QString filePath = defaultFilePath(), QObject *parent = nullptr);

    QString filePath() const { return m_file.path(); }

    /// How long save() waits for another process's lock (default 5 s).
    void setLockTimeout(std::chrono::milliseconds timeout) { m_file.setLockTimeout(timeout); }

    /// Reads the file, replacing the in-memory state and dropping unsaved
    /// changes. A corrupt file is set aside (see ConfigLoadResult).
    ConfigLoadResult load();

    /// Merges this process's changes into the file (see the top of this
    /// header) and adopts the merged state, emitting changed() when it differs.
    /// On failure nothing on disk changes and the unsaved changes are kept.
    Error save();

    /// True after a load() of a newer or unreadable file: every mutation and
    /// save() fails with ConfigReadOnly.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    /// Changes made since the last load() or successful save().
    bool hasUnsavedChanges() const;

    QList<ServerRecord> servers() const { return m_servers; }
    std::optional<ServerRecord> server(const QString &id) const;
    /// The first server whose URL has the same RFC 8707 canonical form.
    std::optional<ServerRecord> serverByUrl(const QUrl &url) const;

    /// Adds a server. An empty id is generated from the name or the URL's host
    /// ("github", "github-2", ...; see ServerIds::unique()) and returned in
    /// @p assignedId. Fails with
    /// ConfigInvalid for a bad or taken id, a URL UrlPolicy rejects (or one
    /// with user info), an unknown browser value or bad account labels.
    Error addServer(const ServerRecord &record, QString *assignedId = nullptr);
    /// Replaces the server with the same id (ids never change), accounts
    /// included: accounts missing from @p record are removed.
    Error updateServer(const ServerRecord &record);
    Error removeServer(const QString &id);

    /// Inserts or replaces (by label) an account. The first account of a
    /// server becomes its default.
    Error setAccount(const QString &serverId, const AccountRecord &account);
    /// Removes an account; if it was the default, the first remaining one is.
    Error removeAccount(const QString &serverId, const QString &label);
    Error setDefaultAccount(const QString &serverId, const QString &label);

    QList<RegistrationRecord> registrations() const { return m_registrations; }
    std::optional<RegistrationRecord> registration(const QString &issuer) const;
    /// Inserts or replaces (by issuer).
    Error setRegistration(const RegistrationRecord &record);
    /// Removes the registration, here and (at save()) in the file, even when
    /// only another process stored it. Not an error when there is none.
    Error removeRegistration(const QString &issuer);

    QJsonObject settings() const { return m_settings; }
    Error setSettings(const QJsonObject &settings);

    /// [a-z0-9][a-z0-9-]{0,62} (ServerIds::isValid()).
    static bool isValidServerId(const QString &id);
    /// The id rules' building blocks (ServerIds::slug(), ServerIds::fromHost()):
    /// "Ada's Server" -> "ada-s-server"; "mcp.github.com" -> "github" (empty for an IP).
    static QString idSlug(const QString &text);
    static QString hostIdSlug(const QUrl &url);
    /// 1-64 characters, no '/', no control characters, no surrounding spaces.
    static bool isValidAccountLabel(const QString &label);

Q_SIGNALS:
    /// The in-memory state changed (a mutation, load(), or a save() that
    /// brought in another process's changes).
    void changed();
    /// save() found a corrupt file and moved it to @p backupPath first.
    void fileSetAside(const QString &backupPath);

private:
    Error checkWritable() const;
    QSet<QString> serverIds() const;
    int indexOfServer(const QString &id) const;
    int indexOfRegistration(const QString &issuer) const;
    Error replaceServer(int index, ServerRecord updated);
    /// Replaces the in-memory state by @p root's and forgets the changes.
    /// True when the state differs from before.
    bool adopt(const QJsonObject &root, QStringList *warnings);

    RegistryFile m_file;
    QString m_readOnlyReason; ///< non-empty: read-only, and why
    QList<ServerRecord> m_servers;
    QList<RegistrationRecord> m_registrations;
    QJsonObject m_settings;
    RegistryMerge::Changes m_changes; ///< since the last load()/save()
};

} // namespace Mcpa
