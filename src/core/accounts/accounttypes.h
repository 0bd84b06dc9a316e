#pragma once

#include "core/oauth/oauthtypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Mcpa {

/// The non-secret facts of one signed-in (or once signed-in) account.
/// Secrets (tokens) live only in the keychain, under secretKey().
struct AccountRecord
{
    QString label = QStringLiteral("default"); ///< "default", "work", "personal"
    QString issuer;
    QStringList grantedScopes;
    QString subject; ///< id_token / userinfo "sub"
    QString email;
    QString name;
    QDateTime signedInAt;
    QDateTime expiresAt; ///< absolute; invalid when unknown
    QDateTime lastRefresh;
    bool hasRefreshToken = false;
    bool needsSignIn = false; ///< invalid_grant or revoked: sign in again
    QString lastError; ///< "code-name: detail" (untranslated), empty when fine
    QDateTime lastErrorAt;
    // Where and as whom to refresh and revoke, without a new discovery.
    QUrl tokenEndpoint;
    QUrl revocationEndpoint; ///< empty: the AS offers no revocation
    QUrl resource; ///< RFC 8707 value used at sign-in; empty when turned off
    QString clientId;
    ClientAuthMethod authMethod = ClientAuthMethod::None;
    ClientRegistration::Source clientSource = ClientRegistration::Source::Dynamic;
    QJsonObject unknownFields; ///< fields written by a newer version, kept on rewrite
};

/// One MCP server the person uses, with its sign-in settings (non-secret;
/// a pre-registered client's secret is in the keychain).
struct ServerRecord
{
    QString id; ///< stable, unique, [a-z0-9-]: used in keychain keys and CLI names
    QString name; ///< display name
    QUrl mcpUrl;
    // Registration settings
    QString clientId; ///< pre-registered client (its secret: keychain)
    /// The authorization server the pre-registered client belongs to
    /// (SEP-2352): given with it, or recorded at its first sign-in. Empty:
    /// not bound yet.
    QString clientIssuer;
    std::optional<ClientAuthMethod> authMethod;
    QUrl clientMetadataUrl;
    quint16 callbackPort = 0;
    QString redirectHost = QStringLiteral("127.0.0.1");
    bool sendResource = true;
    QStringList scopes; ///< scope override
    QString browser; ///< "", "embedded" or "system" ("" = the app default)
    QString preferredIssuer;
    // Accounts
    QList<AccountRecord> accounts;
    QString defaultAccount; ///< label of the default account
    QJsonObject unknownFields;

    const AccountRecord *account(const QString &label) const;
    AccountRecord *account(const QString &label);
};

/// A dynamic or metadata-document registration, non-secret part (a client
/// secret, if the AS issued one, is in the keychain).
struct RegistrationRecord
{
    QString issuer;
    QString clientId;
    ClientAuthMethod authMethod = ClientAuthMethod::None;
    QUrl redirectUri;
    ClientRegistration::Source source = ClientRegistration::Source::Dynamic;
    QDateTime registeredAt;
    QDateTime clientSecretExpiresAt;
    QJsonObject unknownFields;
};

/// Keychain keys. One entry per account, one per registration secret, one
/// per pre-registered client secret.
namespace SecretKeys {
QString account(const QString &serverId, const QString &label);
QString registration(const QString &issuer);
QString serverClientSecret(const QString &serverId);
} // namespace SecretKeys

} // namespace Mcpa
