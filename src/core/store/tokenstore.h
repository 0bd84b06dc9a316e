#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace Mcpa {

class SecretStore;

/// The secrets of accounts and clients in the OS keychain, one entry each:
///
/// - an account's tokens under SecretKeys::account(serverId, label), as
///   compact JSON `{"v":1,"access_token","token_type","refresh_token",
///   "id_token","scope","expires_at","received_at"}` (times ISO 8601 UTC with
///   milliseconds; empty members left out);
/// - a registration's client secret under SecretKeys::registration(issuer)
///   and a pre-registered client's secret under
///   SecretKeys::serverClientSecret(serverId), as `{"v":1,"client_secret"}`.
///
/// Every result is delivered asynchronously to a callback, and only while
/// its @p context lives. Errors are the SecretStore's (SecretNotFound,
/// KeychainUnavailable, KeychainLocked, KeychainAccessDenied,
/// KeychainTimeout) plus SecretCorrupt for an entry that is not JSON or has
/// a version this build does not read. Removing an entry that does not
/// exist succeeds. Nothing here logs a secret: only key names.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    /// @p tokens is invalid when @p error is set.
    using TokensCallback = std::function<void(const Mcpa::TokenSet &tokens, const Error &error)>;
    /// @p secret is empty when @p error is set.
    using SecretCallback = std::function<void(const QString &secret, const Error &error)>;
    using DoneCallback = std::function<void(const Error &error)>;

    /// The format version written by this build (the "v" member).
    static constexpr int FormatVersion = 1;

    explicit TokenStore(SecretStore *secrets, QObject *parent = nullptr);

    SecretStore *secretStore() const { return m_secrets; }

    void readTokens(const QString &serverId, const QString &label, QObject *context,
                    TokensCallback callback);
    /// Replaces the account's entry as a whole.
    void writeTokens(const QString &serverId, const QString &label, const TokenSet &tokens,
                     QObject *context, DoneCallback callback);
    void removeTokens(const QString &serverId, const QString &label, QObject *context,
                      DoneCallback callback);

    /// The client secret of a dynamic or metadata-document registration.
    void readRegistrationSecret(const QString &issuer, QObject *context, SecretCallback callback);
    void writeRegistrationSecret(const QString &issuer, const QString &secret, QObject *context,
                                 DoneCallback callback);
    void removeRegistrationSecret(const QString &issuer, QObject *context, DoneCallback callback);

    /// The client secret of a server's pre-registered client.
    void readServerClientSecret(const QString &serverId, QObject *context, SecretCallback callback);
    void writeServerClientSecret(const QString &serverId, const QString &secret, QObject *context,
                                 DoneCallback callback);
    void removeServerClientSecret(const QString &serverId, QObject *context, DoneCallback callback);

    /// The entry format of an account (exposed for tests and diagnostics).
    static QByteArray encodeTokens(const TokenSet &tokens);
    /// SecretCorrupt when @p data is not a version-1 token entry.
    static Error decodeTokens(const QByteArray &data, TokenSet *tokens);
    static QByteArray encodeClientSecret(const QString &secret);
    static Error decodeClientSecret(const QByteArray &data, QString *secret);

private:
    using DataCallback = std::function<void(const QByteArray &data, const Error &error)>;

    void readEntry(const QString &key, QObject *context, DataCallback callback);
    void writeEntry(const QString &key, const QByteArray &data, QObject *context,
                    DoneCallback callback);
    void removeEntry(const QString &key, QObject *context, DoneCallback callback);
    void readSecretEntry(const QString &key, QObject *context, SecretCallback callback);

    SecretStore *m_secrets;
};

} // namespace Mcpa
