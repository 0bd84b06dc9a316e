#pragma once

// The registry file's format (see serverregistry.h for the fields and the
// compatibility rules): records to JSON and back, unknown fields kept.

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

namespace Mcpa {

/// Converts between the registry's records and its JSON file. No I/O.
///
/// Writing leaves out fields at their default value and writes the known
/// fields over the record's unknownFields. Reading checks every field's type;
/// a malformed entry is skipped with a warning, the rest is read.
class RegistryFormat
{
public:
    /// The "version" this build writes.
    static constexpr int formatVersion = 1;

    // The keys the merge (RegistryMerge) reads; the others are private.
    static constexpr QLatin1String versionKey { "version" };
    static constexpr QLatin1String serversKey { "servers" };
    static constexpr QLatin1String registrationsKey { "registrations" };
    static constexpr QLatin1String settingsKey { "settings" };
    static constexpr QLatin1String idKey { "id" }; ///< of a server
    static constexpr QLatin1String defaultAccountKey { "defaultAccount" }; ///< of a server
    static constexpr QLatin1String accountsKey { "accounts" }; ///< of a server
    static constexpr QLatin1String labelKey { "label" }; ///< of an account
    static constexpr QLatin1String issuerKey { "issuer" }; ///< of a registration

    /// Everything the file holds that the registry keeps in memory.
    struct State
    {
        QList<ServerRecord> servers;
        QList<RegistrationRecord> registrations;
        QJsonObject settings;
    };

    /// A file's bytes, classified.
    struct Document
    {
        enum class Kind {
            Current, ///< this version's layout (or an older one)
            Newer, ///< a newer "version": read leniently, never write
            Corrupt, ///< not JSON, not an object, no valid "version" or a bad top-level field
        };
        Kind kind = Kind::Corrupt;
        QJsonObject root; ///< Current, Newer: the whole file
        int version = 0; ///< the file's "version" (0 when it has none)
        QString problem; ///< Corrupt: what is wrong
    };

    /// Parses and classifies a file's bytes.
    static Document parse(const QByteArray &bytes);

    /// Reads every well-formed entry of @p root; the rest is listed in
    /// @p warnings (by position and id only), one line per skipped entry.
    static State read(const QJsonObject &root, QStringList *warnings);

    /// @p state in file form, without "version" and unknown top-level fields.
    static QJsonObject toJson(const State &state);
    static QJsonObject serverToJson(const ServerRecord &server);
    /// Everything of a server but its accounts and default account.
    static QJsonObject serverFieldsToJson(const ServerRecord &server);
    static QJsonObject accountToJson(const AccountRecord &account);
    static QJsonObject registrationToJson(const RegistrationRecord &registration);

    /// The rules every stored server meets, whether added by the app or read
    /// from disk: a valid id (ServerIds::isValid), an MCP URL UrlPolicy
    /// accepts and without user info, a valid client metadata URL, a known
    /// browser value, unique valid account labels and an existing default
    /// account. ConfigInvalid otherwise.
    static Error validateServer(const ServerRecord &server);

    /// 1-64 characters, no '/', no control characters, no surrounding spaces.
    static bool isValidAccountLabel(const QString &label);
};

} // namespace Mcpa
