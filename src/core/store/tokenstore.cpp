#include "core/store/tokenstore.h"

#include "core/accounts/accounttypes.h"
#include "core/base/logging.h"
#include "core/store/secretstore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

namespace {

const QLatin1String VersionKey("v");
const QLatin1String AccessTokenKey("access_token");
const QLatin1String TokenTypeKey("token_type");
const QLatin1String RefreshTokenKey("refresh_token");
const QLatin1String IdTokenKey("id_token");
const QLatin1String ScopeKey("scope");
const QLatin1String ExpiresAtKey("expires_at");
const QLatin1String ReceivedAtKey("received_at");
const QLatin1String ClientSecretKey("client_secret");

Error corrupt(const QString &why)
{
    return { Error::Code::SecretCorrupt, why };
}

void insertString(QJsonObject *object, QLatin1String name, const QString &value)
{
    if (!value.isEmpty())
        object->insert(name, value);
}

void insertTime(QJsonObject *object, QLatin1String name, const QDateTime &time)
{
    if (time.isValid())
        object->insert(name, time.toUTC().toString(Qt::ISODateWithMs));
}

// The JSON object of an entry of this format version, or SecretCorrupt.
Error parseEntry(const QByteArray &data, QJsonObject *object)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return corrupt(QStringLiteral("the entry is not a JSON object"));
    *object = document.object();
    const QJsonValue version = object->value(VersionKey);
    if (!version.isDouble())
        return corrupt(QStringLiteral("the entry has no format version"));
    if (version.toDouble() != TokenStore::FormatVersion) {
        return corrupt(QStringLiteral("the entry has format version %1; this version reads %2")
                           .arg(version.toDouble())
                           .arg(TokenStore::FormatVersion));
    }
    return {};
}

// False when the member is present but not a string.
bool readString(const QJsonObject &object, QLatin1String name, QString *out)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined()) {
        out->clear();
        return true;
    }
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

// False when the member is present but not an ISO 8601 time.
bool readTime(const QJsonObject &object, QLatin1String name, QDateTime *out)
{
    QString text;
    if (!readString(object, name, &text))
        return false;
    if (text.isEmpty()) {
        *out = QDateTime();
        return true;
    }
    *out = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!out->isValid())
        return false;
    *out = out->toUTC();
    return true;
}

QString keyDetail(const QString &key, const Error &error)
{
    return QStringLiteral("keychain entry %1: %2").arg(key, error.detail());
}

} // namespace

TokenStore::TokenStore(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{ }

QByteArray TokenStore::encodeTokens(const TokenSet &tokens)
{
    QJsonObject object { { VersionKey, FormatVersion } };
    insertString(&object, AccessTokenKey, tokens.accessToken);
    insertString(&object, TokenTypeKey, tokens.tokenType);
    insertString(&object, RefreshTokenKey, tokens.refreshToken);
    insertString(&object, IdTokenKey, tokens.idToken);
    insertString(&object, ScopeKey, tokens.scopes.join(QLatin1Char(' ')));
    insertTime(&object, ExpiresAtKey, tokens.expiresAt);
    insertTime(&object, ReceivedAtKey, tokens.receivedAt);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Error TokenStore::decodeTokens(const QByteArray &data, TokenSet *tokens)
{
    QJsonObject object;
    if (const Error error = parseEntry(data, &object))
        return error;
    TokenSet decoded;
    QString scope;
    if (!readString(object, AccessTokenKey, &decoded.accessToken)
        || !readString(object, TokenTypeKey, &decoded.tokenType)
        || !readString(object, RefreshTokenKey, &decoded.refreshToken)
        || !readString(object, IdTokenKey, &decoded.idToken)
        || !readString(object, ScopeKey, &scope)) {
        return corrupt(QStringLiteral("a token member is not a string"));
    }
    if (decoded.accessToken.isEmpty())
        return corrupt(QStringLiteral("the entry has no access token"));
    if (!readTime(object, ExpiresAtKey, &decoded.expiresAt)
        || !readTime(object, ReceivedAtKey, &decoded.receivedAt)) {
        return corrupt(QStringLiteral("a time member is not an ISO 8601 date and time"));
    }
    decoded.scopes = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    *tokens = decoded;
    return {};
}

QByteArray TokenStore::encodeClientSecret(const QString &secret)
{
    const QJsonObject object { { VersionKey, FormatVersion }, { ClientSecretKey, secret } };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Error TokenStore::decodeClientSecret(const QByteArray &data, QString *secret)
{
    QJsonObject object;
    if (const Error error = parseEntry(data, &object))
        return error;
    QString decoded;
    if (!readString(object, ClientSecretKey, &decoded) || decoded.isEmpty())
        return corrupt(QStringLiteral("the entry has no client secret"));
    *secret = decoded;
    return {};
}

void TokenStore::readTokens(const QString &serverId, const QString &label, QObject *context,
                            TokensCallback callback)
{
    const QString key = SecretKeys::account(serverId, label);
    readEntry(key, context,
              [key, callback = std::move(callback)](const QByteArray &data, const Error &error) {
                  if (error) {
                      callback({}, error);
                      return;
                  }
                  TokenSet tokens;
                  if (const Error decodeError = decodeTokens(data, &tokens)) {
                      qCWarning(lcKeychain) << "unreadable token entry" << key;
                      callback({}, { decodeError.code(), keyDetail(key, decodeError) });
                      return;
                  }
                  callback(tokens, {});
              });
}

void TokenStore::writeTokens(const QString &serverId, const QString &label, const TokenSet &tokens,
                             QObject *context, DoneCallback callback)
{
    writeEntry(SecretKeys::account(serverId, label), encodeTokens(tokens), context,
               std::move(callback));
}

void TokenStore::removeTokens(const QString &serverId, const QString &label, QObject *context,
                              DoneCallback callback)
{
    removeEntry(SecretKeys::account(serverId, label), context, std::move(callback));
}

void TokenStore::readRegistrationSecret(const QString &issuer, QObject *context,
                                        SecretCallback callback)
{
    readSecretEntry(SecretKeys::registration(issuer), context, std::move(callback));
}

void TokenStore::writeRegistrationSecret(const QString &issuer, const QString &secret,
                                         QObject *context, DoneCallback callback)
{
    writeEntry(SecretKeys::registration(issuer), encodeClientSecret(secret), context,
               std::move(callback));
}

void TokenStore::removeRegistrationSecret(const QString &issuer, QObject *context,
                                          DoneCallback callback)
{
    removeEntry(SecretKeys::registration(issuer), context, std::move(callback));
}

void TokenStore::readServerClientSecret(const QString &serverId, QObject *context,
                                        SecretCallback callback)
{
    readSecretEntry(SecretKeys::serverClientSecret(serverId), context, std::move(callback));
}

void TokenStore::writeServerClientSecret(const QString &serverId, const QString &secret,
                                         QObject *context, DoneCallback callback)
{
    writeEntry(SecretKeys::serverClientSecret(serverId), encodeClientSecret(secret), context,
               std::move(callback));
}

void TokenStore::removeServerClientSecret(const QString &serverId, QObject *context,
                                          DoneCallback callback)
{
    removeEntry(SecretKeys::serverClientSecret(serverId), context, std::move(callback));
}

void TokenStore::readSecretEntry(const QString &key, QObject *context, SecretCallback callback)
{
    readEntry(key, context,
              [key, callback = std::move(callback)](const QByteArray &data, const Error &error) {
                  if (error) {
                      callback({}, error);
                      return;
                  }
                  QString secret;
                  if (const Error decodeError = decodeClientSecret(data, &secret)) {
                      qCWarning(lcKeychain) << "unreadable client secret entry" << key;
                      callback({}, { decodeError.code(), keyDetail(key, decodeError) });
                      return;
                  }
                  callback(secret, {});
              });
}

void TokenStore::readEntry(const QString &key, QObject *context, DataCallback callback)
{
    SecretJob *job = m_secrets->read(key);
    connect(job, &Job::finished, context, [job, callback] { callback(job->data(), job->error()); });
}

void TokenStore::writeEntry(const QString &key, const QByteArray &data, QObject *context,
                            DoneCallback callback)
{
    SecretJob *job = m_secrets->write(key, data);
    connect(job, &Job::finished, context, [job, callback] { callback(job->error()); });
}

void TokenStore::removeEntry(const QString &key, QObject *context, DoneCallback callback)
{
    SecretJob *job = m_secrets->remove(key);
    // Removing what is not there leaves the keychain as asked.
    connect(job, &Job::finished, context, [job, callback] {
        const Error error = job->error();
        callback(error.code() == Error::Code::SecretNotFound ? Error() : error);
    });
}

} // namespace Mcpa
