#include "core/import/mcpremotestore.h"

#include "core/base/boundedfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

namespace {

const QLatin1String TokensSuffix("_tokens.json");
const QLatin1String ClientInfoSuffix("_client_info.json");

/// A JSON object from a file; the problem (no content) otherwise.
std::optional<QJsonObject> readObject(const QString &path, QString *problem)
{
    // mcp-remote's files are a few hundred bytes; anything else is not one.
    const BoundedFile::Result file = BoundedFile::read(path, 1024 * 1024);
    if (!file.ok()) {
        *problem = QStringLiteral("%1 cannot be read (%2)").arg(path, file.reason);
        return std::nullopt;
    }
    const QJsonDocument document = QJsonDocument::fromJson(file.data);
    if (!document.isObject()) {
        *problem = QStringLiteral("%1 is not a JSON object").arg(path);
        return std::nullopt;
    }
    return document.object();
}

/// A number that zod's coerce.number() accepts: a JSON number or a numeric string.
std::optional<double> number(const QJsonValue &value)
{
    bool ok = value.isDouble();
    const double parsed = ok ? value.toDouble() : value.toString().toDouble(&ok);
    // Every use is a time: beyond 1e15 (in ms, the year 33658) none is, and
    // casting such a number to an integer would be undefined behaviour.
    if (!ok || !(qAbs(parsed) < 1e15))
        return std::nullopt;
    return parsed;
}

} // namespace

McpRemoteStore::McpRemoteStore(QString directory)
    : m_directory(std::move(directory))
{ }

QStringList McpRemoteStore::versionDirectories() const
{
    QStringList directories;
    const QDir base(m_directory);
    for (const QString &name : base.entryList({ QStringLiteral("mcp-remote-*") },
                                              QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        directories.append(base.filePath(name));
    return directories;
}

QStringList McpRemoteStore::storedHashes() const
{
    QStringList hashes;
    for (const QString &directory : versionDirectories()) {
        for (const QString &name :
             QDir(directory).entryList({ QLatin1Char('*') + TokensSuffix }, QDir::Files)) {
            const QString hash = name.chopped(TokensSuffix.size());
            if (!hashes.contains(hash))
                hashes.append(hash);
        }
    }
    return hashes;
}

QStringList McpRemoteStore::filesOf(const QString &hash) const
{
    QStringList files;
    for (const QString &directory : versionDirectories()) {
        const QDir dir(directory);
        for (const QString &name : dir.entryList({ hash + QLatin1String("_*") }, QDir::Files))
            files.append(dir.filePath(name));
    }
    return files;
}

std::optional<McpRemoteCredentials>
McpRemoteStore::find(const QStringList &hashes, const QDateTime &now, QString *problem) const
{
    QString newest;
    QString newestHash;
    QDateTime newestTime;
    for (const QString &hash : hashes) {
        for (const QString &directory : versionDirectories()) {
            const QFileInfo info(QDir(directory).filePath(hash + TokensSuffix));
            if (info.isFile() && (newest.isEmpty() || info.lastModified() > newestTime)) {
                newest = info.filePath();
                newestHash = hash;
                newestTime = info.lastModified();
            }
        }
    }
    if (newest.isEmpty())
        return std::nullopt;

    McpRemoteCredentials credentials;
    credentials.hash = newestHash;
    credentials.tokensFile = newest;
    const Error tokensError
        = readTokens(newest, now, &credentials.tokens, &credentials.expiryKnown);
    if (tokensError) {
        *problem = tokensError.detail();
        return std::nullopt;
    }
    const QString clientInfo
        = QFileInfo(newest).dir().filePath(newestHash + QLatin1String(ClientInfoSuffix));
    if (QFileInfo(clientInfo).isFile()) {
        const Error clientError
            = readClientInfo(clientInfo, &credentials.client, &credentials.clientIssuedAt,
                             &credentials.clientAuthMethodDeclared);
        if (clientError) {
            *problem = clientError.detail();
            return std::nullopt;
        }
        credentials.clientInfoFile = clientInfo;
    }
    for (const QString &hash : hashes)
        credentials.plaintextFiles.append(filesOf(hash));
    credentials.plaintextFiles.removeDuplicates();
    return credentials;
}

Error McpRemoteStore::readTokens(const QString &path, const QDateTime &now, TokenSet *tokens,
                                 bool *expiryKnown)
{
    QString problem;
    const std::optional<QJsonObject> object = readObject(path, &problem);
    if (!object)
        return { Error::Code::MalformedResponse, problem };
    TokenSet read;
    read.accessToken = object->value(QLatin1String("access_token")).toString();
    if (read.accessToken.isEmpty())
        return { Error::Code::MalformedResponse,
                 QStringLiteral("%1 has no access_token").arg(path) };
    read.tokenType = object->value(QLatin1String("token_type")).toString();
    read.refreshToken = object->value(QLatin1String("refresh_token")).toString();
    read.idToken = object->value(QLatin1String("id_token")).toString();
    read.scopes = object->value(QLatin1String("scope"))
                      .toString()
                      .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QDateTime written = QFileInfo(path).lastModified().toUTC();
    read.receivedAt = written.isValid() && written < now ? written : now;
    const std::optional<double> expiresAt = number(object->value(QLatin1String("expires_at")));
    *expiryKnown = expiresAt && *expiresAt > 0;
    if (*expiryKnown)
        read.expiresAt = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(*expiresAt), Qt::UTC);
    else if (!read.refreshToken.isEmpty())
        read.expiresAt = read.receivedAt; // unknown: refresh at the first use
    *tokens = read;
    return {};
}

Error McpRemoteStore::readClientInfo(const QString &path, ClientRegistration *client,
                                     QDateTime *issuedAt, bool *declaredMethod)
{
    QString problem;
    const std::optional<QJsonObject> object = readObject(path, &problem);
    if (!object)
        return { Error::Code::MalformedResponse, problem };
    ClientRegistration read;
    read.clientId = object->value(QLatin1String("client_id")).toString();
    if (read.clientId.isEmpty())
        return { Error::Code::MalformedResponse, QStringLiteral("%1 has no client_id").arg(path) };
    read.clientSecret = object->value(QLatin1String("client_secret")).toString();
    ClientAuthMethod method = read.clientSecret.isEmpty() ? ClientAuthMethod::None
                                                          : ClientAuthMethod::ClientSecretBasic;
    *declaredMethod = parseClientAuthMethod(
        object->value(QLatin1String("token_endpoint_auth_method")).toString(), &method);
    read.authMethod = method;
    read.redirectUri
        = QUrl(object->value(QLatin1String("redirect_uris")).toArray().at(0).toString());
    read.source = ClientRegistration::Source::Dynamic;
    const std::optional<double> expires
        = number(object->value(QLatin1String("client_secret_expires_at")));
    if (expires && *expires > 0)
        read.clientSecretExpiresAt
            = QDateTime::fromSecsSinceEpoch(static_cast<qint64>(*expires), Qt::UTC);
    const std::optional<double> issued
        = number(object->value(QLatin1String("client_id_issued_at")));
    *issuedAt = issued && *issued > 0
        ? QDateTime::fromSecsSinceEpoch(static_cast<qint64>(*issued), Qt::UTC)
        : QDateTime();
    *client = read;
    return {};
}

Error McpRemoteStore::removeFiles(const QStringList &files)
{
    Error first;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.exists() || file.remove())
            continue;
        if (!first)
            first = { Error::Code::Internal,
                      QStringLiteral("cannot delete %1: %2").arg(path, file.errorString()) };
    }
    return first;
}

} // namespace Mcpa
