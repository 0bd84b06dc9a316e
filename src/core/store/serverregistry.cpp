#include "core/store/serverregistry.h"

#include "core/base/logging.h"
#include "core/net/urlpolicy.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace Mcpa {
namespace {

using namespace std::chrono_literals;

/// A lock older than this is someone's leftover (a live holder keeps it for
/// milliseconds; a dead holder's lock is recognised at once by its pid).
constexpr auto lockStaleAfter = 10s;
/// An empty lock file this old was left by a holder killed before it wrote its pid.
constexpr auto abandonedLockAge = 1s;
constexpr int maxIdLength = 63;
constexpr int maxLabelLength = 64;

// Top level
constexpr QLatin1String kVersion("version");
constexpr QLatin1String kServers("servers");
constexpr QLatin1String kRegistrations("registrations");
constexpr QLatin1String kSettings("settings");
// Server
constexpr QLatin1String kId("id");
constexpr QLatin1String kName("name");
constexpr QLatin1String kUrl("url");
constexpr QLatin1String kClientId("clientId");
constexpr QLatin1String kAuthMethod("authMethod");
constexpr QLatin1String kClientMetadataUrl("clientMetadataUrl");
constexpr QLatin1String kCallbackPort("callbackPort");
constexpr QLatin1String kRedirectHost("redirectHost");
constexpr QLatin1String kSendResource("sendResource");
constexpr QLatin1String kScopes("scopes");
constexpr QLatin1String kBrowser("browser");
constexpr QLatin1String kPreferredIssuer("preferredIssuer");
constexpr QLatin1String kDefaultAccount("defaultAccount");
constexpr QLatin1String kAccounts("accounts");
// Account
constexpr QLatin1String kLabel("label");
constexpr QLatin1String kIssuer("issuer");
constexpr QLatin1String kGrantedScopes("grantedScopes");
constexpr QLatin1String kSubject("subject");
constexpr QLatin1String kEmail("email");
constexpr QLatin1String kSignedInAt("signedInAt");
constexpr QLatin1String kExpiresAt("expiresAt");
constexpr QLatin1String kLastRefresh("lastRefresh");
constexpr QLatin1String kHasRefreshToken("hasRefreshToken");
constexpr QLatin1String kNeedsSignIn("needsSignIn");
constexpr QLatin1String kLastError("lastError");
constexpr QLatin1String kLastErrorAt("lastErrorAt");
constexpr QLatin1String kTokenEndpoint("tokenEndpoint");
constexpr QLatin1String kRevocationEndpoint("revocationEndpoint");
constexpr QLatin1String kResource("resource");
constexpr QLatin1String kClientSource("clientSource");
// Registration
constexpr QLatin1String kRedirectUri("redirectUri");
constexpr QLatin1String kSource("source");
constexpr QLatin1String kRegisteredAt("registeredAt");
constexpr QLatin1String kClientSecretExpiresAt("clientSecretExpiresAt");

const QLatin1String serverKeys[] = {
    kId,
    kName,
    kUrl,
    kClientId,
    kAuthMethod,
    kClientMetadataUrl,
    kCallbackPort,
    kRedirectHost,
    kSendResource,
    kScopes,
    kBrowser,
    kPreferredIssuer,
    kDefaultAccount,
    kAccounts,
};
const QLatin1String accountKeys[] = {
    kLabel,       kIssuer,     kGrantedScopes, kSubject,       kEmail,
    kName,        kSignedInAt, kExpiresAt,     kLastRefresh,   kHasRefreshToken,
    kNeedsSignIn, kLastError,  kLastErrorAt,   kTokenEndpoint, kRevocationEndpoint,
    kResource,    kClientId,   kAuthMethod,    kClientSource,
};
const QLatin1String registrationKeys[] = {
    kIssuer, kClientId, kAuthMethod, kRedirectUri, kSource, kRegisteredAt, kClientSecretExpiresAt,
};

QString newerVersionReason()
{
    return QStringLiteral("written by a newer version of MCP Accounts; not changing it");
}

template<std::size_t N> QJsonObject withoutKeys(QJsonObject object, const QLatin1String (&keys)[N])
{
    for (const QLatin1String &key : keys)
        object.remove(key);
    return object;
}

// ---- writing ---------------------------------------------------------------

QString dateText(const QDateTime &date)
{
    return date.toUTC().toString(Qt::ISODateWithMs);
}

void putText(QJsonObject &object, QLatin1String key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

void putTexts(QJsonObject &object, QLatin1String key, const QStringList &values)
{
    if (!values.isEmpty())
        object.insert(key, QJsonArray::fromStringList(values));
}

void putDate(QJsonObject &object, QLatin1String key, const QDateTime &value)
{
    if (value.isValid())
        object.insert(key, dateText(value));
}

void putUrl(QJsonObject &object, QLatin1String key, const QUrl &value)
{
    if (!value.isEmpty())
        object.insert(key, value.toString(QUrl::FullyEncoded));
}

void putFlag(QJsonObject &object, QLatin1String key, bool value, bool fallback)
{
    if (value != fallback)
        object.insert(key, value);
}

QString sourceName(ClientRegistration::Source source)
{
    switch (source) {
    case ClientRegistration::Source::PreRegistered:
        return QStringLiteral("pre-registered");
    case ClientRegistration::Source::MetadataDocument:
        return QStringLiteral("metadata-document");
    case ClientRegistration::Source::Dynamic:
        break;
    }
    return QStringLiteral("dynamic");
}

bool parseSourceName(const QString &name, ClientRegistration::Source *source)
{
    for (const auto candidate :
         { ClientRegistration::Source::PreRegistered, ClientRegistration::Source::MetadataDocument,
           ClientRegistration::Source::Dynamic }) {
        if (sourceName(candidate) == name) {
            *source = candidate;
            return true;
        }
    }
    return false;
}

QJsonObject accountToJson(const AccountRecord &account)
{
    const AccountRecord defaults;
    QJsonObject object = withoutKeys(account.unknownFields, accountKeys);
    object.insert(kLabel, account.label);
    putText(object, kIssuer, account.issuer);
    putTexts(object, kGrantedScopes, account.grantedScopes);
    putText(object, kSubject, account.subject);
    putText(object, kEmail, account.email);
    putText(object, kName, account.name);
    putDate(object, kSignedInAt, account.signedInAt);
    putDate(object, kExpiresAt, account.expiresAt);
    putDate(object, kLastRefresh, account.lastRefresh);
    putFlag(object, kHasRefreshToken, account.hasRefreshToken, defaults.hasRefreshToken);
    putFlag(object, kNeedsSignIn, account.needsSignIn, defaults.needsSignIn);
    putText(object, kLastError, account.lastError);
    putDate(object, kLastErrorAt, account.lastErrorAt);
    putUrl(object, kTokenEndpoint, account.tokenEndpoint);
    putUrl(object, kRevocationEndpoint, account.revocationEndpoint);
    putUrl(object, kResource, account.resource);
    putText(object, kClientId, account.clientId);
    if (account.authMethod != defaults.authMethod)
        object.insert(kAuthMethod, clientAuthMethodName(account.authMethod));
    if (account.clientSource != defaults.clientSource)
        object.insert(kClientSource, sourceName(account.clientSource));
    return object;
}

/// Everything of a server but its accounts and default account.
QJsonObject serverFieldsToJson(const ServerRecord &server)
{
    const ServerRecord defaults;
    QJsonObject object = withoutKeys(server.unknownFields, serverKeys);
    object.insert(kId, server.id);
    object.insert(kUrl, server.mcpUrl.toString(QUrl::FullyEncoded));
    putText(object, kName, server.name);
    putText(object, kClientId, server.clientId);
    if (server.authMethod)
        object.insert(kAuthMethod, clientAuthMethodName(*server.authMethod));
    putUrl(object, kClientMetadataUrl, server.clientMetadataUrl);
    if (server.callbackPort != defaults.callbackPort)
        object.insert(kCallbackPort, server.callbackPort);
    if (server.redirectHost != defaults.redirectHost)
        object.insert(kRedirectHost, server.redirectHost);
    putFlag(object, kSendResource, server.sendResource, defaults.sendResource);
    putTexts(object, kScopes, server.scopes);
    putText(object, kBrowser, server.browser);
    putText(object, kPreferredIssuer, server.preferredIssuer);
    return object;
}

QJsonObject serverToJson(const ServerRecord &server)
{
    QJsonObject object = serverFieldsToJson(server);
    putText(object, kDefaultAccount, server.defaultAccount);
    QJsonArray accounts;
    for (const AccountRecord &account : server.accounts)
        accounts.append(accountToJson(account));
    object.insert(kAccounts, accounts);
    return object;
}

QJsonObject registrationToJson(const RegistrationRecord &registration)
{
    QJsonObject object = withoutKeys(registration.unknownFields, registrationKeys);
    object.insert(kIssuer, registration.issuer);
    object.insert(kClientId, registration.clientId);
    object.insert(kAuthMethod, clientAuthMethodName(registration.authMethod));
    putUrl(object, kRedirectUri, registration.redirectUri);
    object.insert(kSource, sourceName(registration.source));
    putDate(object, kRegisteredAt, registration.registeredAt);
    putDate(object, kClientSecretExpiresAt, registration.clientSecretExpiresAt);
    return object;
}

/// The in-memory state in file form, to tell whether a save brought news.
QJsonObject stateToJson(const QList<ServerRecord> &servers,
                        const QList<RegistrationRecord> &registrations, const QJsonObject &settings)
{
    QJsonArray serverArray;
    for (const ServerRecord &server : servers)
        serverArray.append(serverToJson(server));
    QJsonArray registrationArray;
    for (const RegistrationRecord &registration : registrations)
        registrationArray.append(registrationToJson(registration));
    return { { kServers, serverArray },
             { kRegistrations, registrationArray },
             { kSettings, settings } };
}

// ---- reading ---------------------------------------------------------------

/// Reads known fields with type checks. The first problem is kept; it names
/// the field, never its value.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object)
    { }

    QString text(QLatin1String key, const QString &fallback = {})
    {
        const QJsonValue value = m_object.value(key);
        if (isAbsent(value))
            return fallback;
        if (!value.isString()) {
            fail(key, "is not a string");
            return fallback;
        }
        return value.toString();
    }

    QStringList texts(QLatin1String key)
    {
        const QJsonValue value = m_object.value(key);
        if (isAbsent(value))
            return {};
        if (!value.isArray()) {
            fail(key, "is not an array");
            return QStringList();
        }
        QStringList out;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &entry : array) {
            if (!entry.isString()) {
                fail(key, "holds something other than strings");
                return QStringList();
            }
            out.append(entry.toString());
        }
        return out;
    }

    bool flag(QLatin1String key, bool fallback)
    {
        const QJsonValue value = m_object.value(key);
        if (isAbsent(value))
            return fallback;
        if (!value.isBool()) {
            fail(key, "is not true or false");
            return fallback;
        }
        return value.toBool();
    }

    QDateTime date(QLatin1String key)
    {
        const QString value = text(key);
        if (value.isEmpty())
            return {};
        QDateTime date = QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!date.isValid()) {
            fail(key, "is not an ISO 8601 date");
            return QDateTime();
        }
        return date.toUTC();
    }

    QUrl url(QLatin1String key)
    {
        const QString value = text(key);
        if (value.isEmpty())
            return {};
        const QUrl url(value);
        if (!url.isValid()) {
            fail(key, "is not a valid URL");
            return QUrl();
        }
        return url;
    }

    int integer(QLatin1String key, int minimum, int maximum, int fallback)
    {
        const QJsonValue value = m_object.value(key);
        if (isAbsent(value))
            return fallback;
        const double number = value.toDouble(-1.5);
        if (!value.isDouble() || number != std::floor(number) || number < minimum
            || number > maximum) {
            fail(key, "is not a whole number in range");
            return fallback;
        }
        return static_cast<int>(number);
    }

    bool ok() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

private:
    static bool isAbsent(const QJsonValue &value) { return value.isUndefined() || value.isNull(); }

    void fail(QLatin1String key, const char *what)
    {
        if (m_problem.isEmpty())
            m_problem = QLatin1Char('"') + key + QLatin1String("\" ") + QLatin1String(what);
    }

    const QJsonObject &m_object;
    QString m_problem;
};

bool accountFromJson(const QJsonObject &object, AccountRecord *account, QString *problem)
{
    FieldReader reader(object);
    account->label = reader.text(kLabel);
    account->issuer = reader.text(kIssuer);
    account->grantedScopes = reader.texts(kGrantedScopes);
    account->subject = reader.text(kSubject);
    account->email = reader.text(kEmail);
    account->name = reader.text(kName);
    account->signedInAt = reader.date(kSignedInAt);
    account->expiresAt = reader.date(kExpiresAt);
    account->lastRefresh = reader.date(kLastRefresh);
    account->hasRefreshToken = reader.flag(kHasRefreshToken, false);
    account->needsSignIn = reader.flag(kNeedsSignIn, false);
    account->lastError = reader.text(kLastError);
    account->lastErrorAt = reader.date(kLastErrorAt);
    account->tokenEndpoint = reader.url(kTokenEndpoint);
    account->revocationEndpoint = reader.url(kRevocationEndpoint);
    account->resource = reader.url(kResource);
    account->clientId = reader.text(kClientId);
    const QString authMethod = reader.text(kAuthMethod);
    const QString source = reader.text(kClientSource);
    account->unknownFields = withoutKeys(object, accountKeys);
    if (!reader.ok()) {
        *problem = reader.problem();
        return false;
    }
    account->authMethod = ClientAuthMethod::None;
    if (!authMethod.isEmpty() && !parseClientAuthMethod(authMethod, &account->authMethod)) {
        *problem = QStringLiteral("\"authMethod\" is not a supported method");
        return false;
    }
    account->clientSource = ClientRegistration::Source::Dynamic;
    if (!source.isEmpty() && !parseSourceName(source, &account->clientSource)) {
        *problem = QStringLiteral("\"clientSource\" is not a known source");
        return false;
    }
    if (!ServerRegistry::isValidAccountLabel(account->label)) {
        *problem = QStringLiteral("no valid \"label\"");
        return false;
    }
    return true;
}

/// Reads a server; malformed accounts are left out with a line in @p warnings.
bool serverFromJson(const QJsonObject &object, ServerRecord *server, QStringList *warnings,
                    QString *problem)
{
    FieldReader reader(object);
    const ServerRecord defaults;
    server->id = reader.text(kId);
    server->name = reader.text(kName);
    server->mcpUrl = reader.url(kUrl);
    server->clientId = reader.text(kClientId);
    const QString authMethod = reader.text(kAuthMethod);
    server->clientMetadataUrl = reader.url(kClientMetadataUrl);
    server->callbackPort
        = static_cast<quint16>(reader.integer(kCallbackPort, 0, 65535, defaults.callbackPort));
    server->redirectHost = reader.text(kRedirectHost, defaults.redirectHost);
    server->sendResource = reader.flag(kSendResource, defaults.sendResource);
    server->scopes = reader.texts(kScopes);
    server->browser = reader.text(kBrowser);
    server->preferredIssuer = reader.text(kPreferredIssuer);
    server->defaultAccount = reader.text(kDefaultAccount);
    server->unknownFields = withoutKeys(object, serverKeys);
    if (!reader.ok()) {
        *problem = reader.problem();
        return false;
    }
    server->authMethod.reset();
    if (!authMethod.isEmpty()) {
        ClientAuthMethod method;
        if (!parseClientAuthMethod(authMethod, &method)) {
            *problem = QStringLiteral("\"authMethod\" is not a supported method");
            return false;
        }
        server->authMethod = method;
    }

    const QJsonValue accounts = object.value(kAccounts);
    if (!accounts.isUndefined() && !accounts.isNull() && !accounts.isArray()) {
        *problem = QStringLiteral("\"accounts\" is not an array");
        return false;
    }
    const QJsonArray accountArray = accounts.toArray();
    server->accounts.clear();
    for (qsizetype i = 0; i < accountArray.size(); ++i) {
        const QJsonValue entry = accountArray.at(i);
        QString where = QStringLiteral("accounts[%1]").arg(i);
        const QString label = entry.toObject().value(kLabel).toString().left(maxLabelLength + 1);
        if (!label.isEmpty())
            where += QStringLiteral(" (\"%1\")").arg(label);
        AccountRecord account;
        QString accountProblem;
        if (!entry.isObject())
            accountProblem = QStringLiteral("not an object");
        else if (accountFromJson(entry.toObject(), &account, &accountProblem)
                 && server->account(account.label))
            accountProblem = QStringLiteral("duplicate label");
        if (!accountProblem.isEmpty()) {
            warnings->append(where + QLatin1String(": ") + accountProblem
                             + QLatin1String("; skipped"));
            continue;
        }
        server->accounts.append(account);
    }
    if (!server->account(server->defaultAccount))
        server->defaultAccount
            = server->accounts.isEmpty() ? QString() : server->accounts.first().label;
    return true;
}

bool registrationFromJson(const QJsonObject &object, RegistrationRecord *registration,
                          QString *problem)
{
    FieldReader reader(object);
    registration->issuer = reader.text(kIssuer);
    registration->clientId = reader.text(kClientId);
    const QString authMethod = reader.text(kAuthMethod);
    registration->redirectUri = reader.url(kRedirectUri);
    const QString source = reader.text(kSource);
    registration->registeredAt = reader.date(kRegisteredAt);
    registration->clientSecretExpiresAt = reader.date(kClientSecretExpiresAt);
    registration->unknownFields = withoutKeys(object, registrationKeys);
    if (!reader.ok()) {
        *problem = reader.problem();
        return false;
    }
    if (registration->issuer.isEmpty() || registration->clientId.isEmpty()) {
        *problem = QStringLiteral("no \"issuer\" or no \"clientId\"");
        return false;
    }
    registration->authMethod = ClientAuthMethod::None;
    if (!authMethod.isEmpty() && !parseClientAuthMethod(authMethod, &registration->authMethod)) {
        *problem = QStringLiteral("\"authMethod\" is not a supported method");
        return false;
    }
    registration->source = ClientRegistration::Source::Dynamic;
    if (!source.isEmpty() && !parseSourceName(source, &registration->source)) {
        *problem = QStringLiteral("\"source\" is not a known source");
        return false;
    }
    return true;
}

/// The rules every stored server meets, whether added here or read from disk.
Error validateServer(const ServerRecord &server)
{
    auto invalid = [](const QString &detail) {
        return Error(Error::Code::ConfigInvalid, detail);
    };
    if (!ServerRegistry::isValidServerId(server.id))
        return invalid(QStringLiteral("server id \"%1\" must match [a-z0-9][a-z0-9-]{0,62}")
                           .arg(server.id.left(maxIdLength + 1)));
    if (const Error error = UrlPolicy::check(server.mcpUrl, QStringLiteral("the MCP URL")))
        return invalid(error.detail());
    if (!server.mcpUrl.userInfo().isEmpty())
        return invalid(QStringLiteral("the MCP URL must not contain a user name or password"));
    if (!server.clientMetadataUrl.isEmpty()) {
        if (const Error error
            = UrlPolicy::check(server.clientMetadataUrl, QStringLiteral("the client metadata URL")))
            return invalid(error.detail());
    }
    if (!server.browser.isEmpty() && server.browser != QLatin1String("embedded")
        && server.browser != QLatin1String("system"))
        return invalid(QStringLiteral("browser must be empty, \"embedded\" or \"system\""));
    QSet<QString> labels;
    for (const AccountRecord &account : server.accounts) {
        if (!ServerRegistry::isValidAccountLabel(account.label))
            return invalid(QStringLiteral("an account label must be 1-64 characters without '/'"));
        if (labels.contains(account.label))
            return invalid(QStringLiteral("two accounts are labelled \"%1\"").arg(account.label));
        labels.insert(account.label);
    }
    if (!server.defaultAccount.isEmpty() && !labels.contains(server.defaultAccount))
        return invalid(
            QStringLiteral("the default account \"%1\" does not exist").arg(server.defaultAccount));
    return {};
}

struct Snapshot
{
    QList<ServerRecord> servers;
    QList<RegistrationRecord> registrations;
    QJsonObject settings;
};

/// Reads every well-formed entry of @p root; the rest is listed in @p warnings.
Snapshot readSnapshot(const QJsonObject &root, QStringList *warnings)
{
    Snapshot snapshot;
    const QJsonValue servers = root.value(kServers);
    if (servers.isArray()) {
        const QJsonArray array = servers.toArray();
        QSet<QString> ids;
        for (qsizetype i = 0; i < array.size(); ++i) {
            QString where = QStringLiteral("servers[%1]").arg(i);
            const QJsonValue entry = array.at(i);
            const QString id = entry.toObject().value(kId).toString().left(maxIdLength + 1);
            if (!id.isEmpty())
                where += QStringLiteral(" (\"%1\")").arg(id);
            ServerRecord server;
            QStringList accountWarnings;
            QString problem;
            if (!entry.isObject()) {
                problem = QStringLiteral("not an object");
            } else if (serverFromJson(entry.toObject(), &server, &accountWarnings, &problem)) {
                if (const Error error = validateServer(server))
                    problem = error.detail();
                else if (ids.contains(server.id))
                    problem = QStringLiteral("duplicate id");
            }
            if (!problem.isEmpty()) {
                warnings->append(where + QLatin1String(": ") + problem
                                 + QLatin1String("; skipped"));
                continue;
            }
            for (const QString &warning : std::as_const(accountWarnings))
                warnings->append(where + QLatin1String(": ") + warning);
            ids.insert(server.id);
            snapshot.servers.append(server);
        }
    } else if (!servers.isUndefined()) {
        warnings->append(QStringLiteral("\"servers\" is not an array; ignored"));
    }

    const QJsonValue registrations = root.value(kRegistrations);
    if (registrations.isArray()) {
        const QJsonArray array = registrations.toArray();
        QSet<QString> issuers;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString where = QStringLiteral("registrations[%1]").arg(i);
            const QJsonValue entry = array.at(i);
            RegistrationRecord registration;
            QString problem;
            if (!entry.isObject())
                problem = QStringLiteral("not an object");
            else if (registrationFromJson(entry.toObject(), &registration, &problem)
                     && issuers.contains(registration.issuer))
                problem = QStringLiteral("duplicate issuer");
            if (!problem.isEmpty()) {
                warnings->append(where + QLatin1String(": ") + problem
                                 + QLatin1String("; skipped"));
                continue;
            }
            issuers.insert(registration.issuer);
            snapshot.registrations.append(registration);
        }
    } else if (!registrations.isUndefined()) {
        warnings->append(QStringLiteral("\"registrations\" is not an array; ignored"));
    }

    const QJsonValue settings = root.value(kSettings);
    if (settings.isObject())
        snapshot.settings = settings.toObject();
    else if (!settings.isUndefined())
        warnings->append(QStringLiteral("\"settings\" is not an object; ignored"));
    return snapshot;
}

/// A file's bytes, classified.
struct ConfigFile
{
    enum class Kind { Current, Newer, Corrupt };
    Kind kind = Kind::Corrupt;
    QJsonObject root;
    int version = 0;
    QString problem; ///< Corrupt: what is wrong
};

ConfigFile classify(const QByteArray &bytes)
{
    ConfigFile file;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        file.problem = QStringLiteral("not JSON (%1 at byte %2)")
                           .arg(parseError.errorString())
                           .arg(parseError.offset);
        return file;
    }
    if (!document.isObject()) {
        file.problem = QStringLiteral("not a JSON object");
        return file;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(kVersion);
    const double number = version.toDouble();
    if (!version.isDouble() || number != std::floor(number) || number < 1) {
        file.problem = QStringLiteral("no valid \"version\"");
        return file;
    }
    file.root = root;
    file.version = number > 1e6 ? 1000000 : static_cast<int>(number);
    if (file.version > ServerRegistry::formatVersion) {
        // Its layout may differ in any way: read leniently, never judge it corrupt.
        file.kind = ConfigFile::Kind::Newer;
        return file;
    }
    const QJsonValue servers = root.value(kServers);
    const QJsonValue registrations = root.value(kRegistrations);
    const QJsonValue settings = root.value(kSettings);
    if (!servers.isUndefined() && !servers.isArray())
        file.problem = QStringLiteral("\"servers\" is not an array");
    else if (!registrations.isUndefined() && !registrations.isArray())
        file.problem = QStringLiteral("\"registrations\" is not an array");
    else if (!settings.isUndefined() && !settings.isObject())
        file.problem = QStringLiteral("\"settings\" is not an object");
    else
        file.kind = ConfigFile::Kind::Current;
    return file;
}

// ---- files -----------------------------------------------------------------

enum class ReadOutcome { Read, Missing, Failed };

ReadOutcome readFile(const QString &path, QByteArray *bytes, QString *problem)
{
    QFile file(path);
    if (!file.exists())
        return ReadOutcome::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.errorString();
        return ReadOutcome::Failed;
    }
    *bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *problem = file.errorString();
        return ReadOutcome::Failed;
    }
    return ReadOutcome::Read;
}

/// Creates @p path and any missing parent with mode 0700.
bool makeDirectory(const QString &path, QString *problem)
{
    QStringList missing;
    QString existing = QDir::cleanPath(path);
    while (!QFileInfo::exists(existing)) {
        missing.prepend(existing);
        const QString parent = QFileInfo(existing).path();
        if (parent == existing)
            break;
        existing = parent;
    }
    if (!QFileInfo(existing).isDir()) {
        *problem = QDir::toNativeSeparators(existing) + QLatin1String(" is not a directory");
        return false;
    }
    for (const QString &directory : std::as_const(missing)) {
        if (!QDir().mkdir(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)
            && !QFileInfo(directory).isDir()) {
            *problem = QLatin1String("cannot create ") + QDir::toNativeSeparators(directory);
            return false;
        }
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *problem)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *problem = QLatin1String("cannot write ") + QDir::toNativeSeparators(path)
            + QLatin1String(": ") + file.errorString();
        return false;
    }
    // Before the first byte: the file never exists with wider permissions.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        qCWarning(lcConfig) << "could not make the config file private:" << file.errorString();
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *problem = QLatin1String("cannot write ") + QDir::toNativeSeparators(path)
            + QLatin1String(": ") + file.errorString();
        return false;
    }
    return true;
}

/// QLockFile recognises a dead holder by the pid written into the file. A
/// holder killed between creating the file and writing its pid leaves an empty
/// file that QLockFile would only call stale after lockStaleAfter; a live
/// holder writes its pid microseconds after creating the file, so an empty lock
/// older than abandonedLockAge is removed -- under the same ".rmlock" guard
/// QLockFile takes when it removes a stale lock, so only one process does.
void removeAbandonedLock(const QString &lockPath)
{
    auto isAbandoned = [&lockPath]() {
        const QFileInfo info(lockPath);
        return info.exists() && info.size() == 0
            && info.lastModified().msecsTo(QDateTime::currentDateTime())
            > std::chrono::milliseconds(abandonedLockAge).count();
    };
    if (!isAbandoned())
        return;
    QLockFile guard(lockPath + QLatin1String(".rmlock"));
    if (guard.tryLock(0ms) && isAbandoned() && QFile::remove(lockPath))
        qCWarning(lcConfig) << "removed an empty config lock left by a killed process";
}

/// QLockFile::tryLock(timeout), plus removeAbandonedLock() while waiting.
bool takeLock(QLockFile *lock, const QString &lockPath, std::chrono::milliseconds timeout)
{
    lock->setStaleLockTime(lockStaleAfter);
    QDeadlineTimer deadline(timeout);
    for (;;) {
        const auto slice = std::min<std::chrono::milliseconds>(
            100ms, std::chrono::milliseconds(deadline.remainingTime()));
        if (lock->tryLock(slice))
            return true;
        if (lock->error() != QLockFile::LockFailedError || deadline.hasExpired())
            return false;
        removeAbandonedLock(lockPath);
    }
}

QString lockProblem(const QLockFile &lock)
{
    switch (lock.error()) {
    case QLockFile::LockFailedError:
        return QStringLiteral("another process keeps the config file locked");
    case QLockFile::PermissionError:
        return QStringLiteral("no permission to create the config lock file");
    case QLockFile::UnknownError:
    case QLockFile::NoError:
        break;
    }
    return QStringLiteral("cannot create the config lock file");
}

/// "GitHub Copilot" -> "github-copilot"; "Café" -> "cafe".
QString slug(const QString &text)
{
    QString out;
    bool pendingDash = false;
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        const char16_t code = c.unicode();
        if (!((code >= u'a' && code <= u'z') || (code >= u'0' && code <= u'9'))) {
            pendingDash = !out.isEmpty();
            continue;
        }
        if (pendingDash)
            out += QLatin1Char('-');
        pendingDash = false;
        out += c;
    }
    return out;
}

/// "mcp.github.com" -> "github"; nothing for an IP address.
QString hostSlug(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (host.isEmpty() || QHostAddress().setAddress(host))
        return {};
    QStringList labels = host.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    if (labels.size() > 1)
        labels.removeLast(); // the top-level domain
    const QStringList generic { QStringLiteral("www"), QStringLiteral("mcp"),
                                QStringLiteral("api") };
    while (labels.size() > 1 && generic.contains(labels.first()))
        labels.removeFirst();
    return slug(labels.join(QLatin1Char('-')));
}

} // namespace

// ---- ServerRegistry --------------------------------------------------------

QString ServerRegistry::defaultFilePath()
{
    // Not AppConfigLocation: with organisation and application both named
    // "mcp-accounts" that is ~/.config/mcp-accounts/mcp-accounts. A fixed name
    // also keeps the app, the CLI and any test binary on the same file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QLatin1String("/mcp-accounts/config.json");
}

ServerRegistry::ServerRegistry(QString filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(std::move(filePath))
{ }

ConfigLoadResult ServerRegistry::load()
{
    ConfigLoadResult result;
    m_readOnlyReason.clear();
    QJsonObject root;
    QByteArray bytes;
    QString problem;
    switch (readFile(m_filePath, &bytes, &problem)) {
    case ReadOutcome::Missing:
        result.status = ConfigLoadResult::Status::Missing;
        break;
    case ReadOutcome::Failed:
        result.status = ConfigLoadResult::Status::Unreadable;
        m_readOnlyReason = QLatin1String("cannot read ") + QDir::toNativeSeparators(m_filePath)
            + QLatin1String(" (") + problem + QLatin1String("); not changing it");
        result.error = Error(Error::Code::ConfigReadOnly, m_readOnlyReason);
        break;
    case ReadOutcome::Read: {
        ConfigFile file = classify(bytes);
        QString setAsideProblem;
        if (file.kind == ConfigFile::Kind::Corrupt) {
            // Under the lock, and only if no other process replaced it meanwhile.
            QLockFile lock(m_filePath + QLatin1String(".lock"));
            QByteArray current;
            QString readProblem;
            if (!takeLock(&lock, m_filePath + QLatin1String(".lock"), m_lockTimeout))
                setAsideProblem = lockProblem(lock);
            else if (readFile(m_filePath, &current, &readProblem) == ReadOutcome::Read
                     && current != bytes)
                file = classify(current);
            if (file.kind == ConfigFile::Kind::Corrupt && setAsideProblem.isEmpty())
                result.backupPath = setAsideCorruptFile(&setAsideProblem);
        }
        result.fileVersion = file.version;
        switch (file.kind) {
        case ConfigFile::Kind::Current:
            root = file.root;
            break;
        case ConfigFile::Kind::Newer:
            root = file.root;
            result.status = ConfigLoadResult::Status::NewerVersion;
            m_readOnlyReason = newerVersionReason();
            result.error = Error(Error::Code::ConfigReadOnly, m_readOnlyReason);
            break;
        case ConfigFile::Kind::Corrupt:
            result.status = ConfigLoadResult::Status::Corrupt;
            if (result.backupPath.isEmpty())
                problem
                    = file.problem + QLatin1String("; could not set it aside: ") + setAsideProblem;
            else
                problem = file.problem + QLatin1String("; moved to ")
                    + QDir::toNativeSeparators(result.backupPath);
            result.error = Error(Error::Code::ConfigInvalid, problem);
            qCWarning(lcConfig).noquote() << "config file is corrupt:" << result.error.detail();
            break;
        }
        break;
    }
    }
    adopt(root, &result.warnings);
    for (const QString &warning : std::as_const(result.warnings))
        qCWarning(lcConfig).noquote() << "config:" << warning;
    if (isReadOnly())
        qCWarning(lcConfig).noquote() << "config is read-only:" << m_readOnlyReason;
    qCDebug(lcConfig) << "loaded" << m_servers.size() << "servers and" << m_registrations.size()
                      << "registrations; status" << result.status;
    Q_EMIT changed();
    return result;
}

Error ServerRegistry::save()
{
    if (const Error error = checkWritable())
        return error;
    QString problem;
    if (!makeDirectory(QFileInfo(m_filePath).absolutePath(), &problem))
        return { Error::Code::ConfigWriteFailed, problem };

    QLockFile lock(m_filePath + QLatin1String(".lock"));
    if (!takeLock(&lock, m_filePath + QLatin1String(".lock"), m_lockTimeout))
        return { Error::Code::ConfigWriteFailed, lockProblem(lock) };

    QJsonObject onDisk;
    QString backupPath;
    QByteArray bytes;
    switch (readFile(m_filePath, &bytes, &problem)) {
    case ReadOutcome::Missing:
        break;
    case ReadOutcome::Failed:
        return { Error::Code::ConfigWriteFailed,
                 QLatin1String("cannot read the current file: ") + problem };
    case ReadOutcome::Read: {
        const ConfigFile file = classify(bytes);
        if (file.kind == ConfigFile::Kind::Newer) {
            m_readOnlyReason = newerVersionReason();
            qCWarning(lcConfig).noquote() << "config is read-only:" << m_readOnlyReason;
            return { Error::Code::ConfigReadOnly, m_readOnlyReason };
        }
        if (file.kind == ConfigFile::Kind::Corrupt) {
            backupPath = setAsideCorruptFile(&problem);
            if (backupPath.isEmpty())
                return { Error::Code::ConfigWriteFailed,
                         QLatin1String("the current file is corrupt (") + file.problem
                             + QLatin1String(") and could not be set aside: ") + problem };
            qCWarning(lcConfig).noquote() << "config file was corrupt:" << file.problem
                                          << "- moved to" << QDir::toNativeSeparators(backupPath);
        }
        onDisk = file.root;
        break;
    }
    }

    const QJsonObject merged = mergeInto(onDisk);
    const bool written
        = writeFile(m_filePath, QJsonDocument(merged).toJson(QJsonDocument::Indented), &problem);
    lock.unlock(); // before any signal: a slot may save again
    if (!backupPath.isEmpty())
        Q_EMIT fileSetAside(backupPath);
    if (!written)
        return { Error::Code::ConfigWriteFailed, problem };

    QStringList warnings; // the entries load() reported, still kept in the file
    const bool differs = adopt(merged, &warnings);
    qCDebug(lcConfig) << "saved" << m_servers.size() << "servers," << warnings.size()
                      << "entries skipped";
    if (differs)
        Q_EMIT changed();
    return {};
}

bool ServerRegistry::hasUnsavedChanges() const
{
    return !m_serverChanges.isEmpty() || !m_removedServers.isEmpty()
        || !m_changedRegistrations.isEmpty() || !m_removedRegistrations.isEmpty()
        || m_settings != m_loadedSettings;
}

std::optional<ServerRecord> ServerRegistry::server(const QString &id) const
{
    const int index = indexOfServer(id);
    if (index < 0)
        return std::nullopt;
    return m_servers.at(index);
}

std::optional<ServerRecord> ServerRegistry::serverByUrl(const QUrl &url) const
{
    const QUrl wanted = UrlPolicy::canonicalResource(url);
    for (const ServerRecord &server : m_servers) {
        if (UrlPolicy::canonicalResource(server.mcpUrl) == wanted)
            return server;
    }
    return std::nullopt;
}

Error ServerRegistry::addServer(const ServerRecord &record, QString *assignedId)
{
    if (const Error error = checkWritable())
        return error;
    ServerRecord added = record;
    if (added.id.isEmpty())
        added.id = generateId(added);
    else if (indexOfServer(added.id) >= 0)
        return { Error::Code::ConfigInvalid,
                 QStringLiteral("a server with id \"%1\" already exists").arg(added.id) };
    if (added.defaultAccount.isEmpty() && !added.accounts.isEmpty())
        added.defaultAccount = added.accounts.first().label;
    if (const Error error = validateServer(added))
        return error;
    m_servers.append(added);
    noteServerChange(nullptr, added);
    if (assignedId)
        *assignedId = added.id;
    qCDebug(lcConfig) << "added server" << added.id;
    Q_EMIT changed();
    return {};
}

Error ServerRegistry::updateServer(const ServerRecord &record)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(record.id);
    if (index < 0)
        return { Error::Code::UnknownServer,
                 QStringLiteral("no server with id \"%1\"").arg(record.id) };
    return replaceServer(index, record);
}

Error ServerRegistry::removeServer(const QString &id)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(id);
    if (index < 0)
        return { Error::Code::UnknownServer, QStringLiteral("no server with id \"%1\"").arg(id) };
    m_servers.removeAt(index);
    m_serverChanges.remove(id);
    m_removedServers.insert(id);
    qCDebug(lcConfig) << "removed server" << id;
    Q_EMIT changed();
    return {};
}

Error ServerRegistry::setAccount(const QString &serverId, const AccountRecord &account)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(serverId);
    if (index < 0)
        return { Error::Code::UnknownServer,
                 QStringLiteral("no server with id \"%1\"").arg(serverId) };
    if (!isValidAccountLabel(account.label))
        return { Error::Code::ConfigInvalid,
                 QStringLiteral("an account label must be 1-64 characters without '/'") };
    ServerRecord updated = m_servers.at(index);
    if (AccountRecord *existing = updated.account(account.label))
        *existing = account;
    else
        updated.accounts.append(account);
    return replaceServer(index, updated);
}

Error ServerRegistry::removeAccount(const QString &serverId, const QString &label)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(serverId);
    if (index < 0 || !m_servers.at(index).account(label))
        return { Error::Code::UnknownServer,
                 QStringLiteral("no account \"%1\" on server \"%2\"").arg(label, serverId) };
    ServerRecord updated = m_servers.at(index);
    updated.accounts.removeIf([&](const AccountRecord &entry) { return entry.label == label; });
    if (updated.defaultAccount == label)
        updated.defaultAccount.clear(); // replaceServer picks the first remaining one
    return replaceServer(index, updated);
}

Error ServerRegistry::setDefaultAccount(const QString &serverId, const QString &label)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(serverId);
    if (index < 0 || !m_servers.at(index).account(label))
        return { Error::Code::UnknownServer,
                 QStringLiteral("no account \"%1\" on server \"%2\"").arg(label, serverId) };
    ServerRecord updated = m_servers.at(index);
    updated.defaultAccount = label;
    return replaceServer(index, updated);
}

std::optional<RegistrationRecord> ServerRegistry::registration(const QString &issuer) const
{
    const int index = indexOfRegistration(issuer);
    if (index < 0)
        return std::nullopt;
    return m_registrations.at(index);
}

Error ServerRegistry::setRegistration(const RegistrationRecord &record)
{
    if (const Error error = checkWritable())
        return error;
    if (record.issuer.isEmpty() || record.clientId.isEmpty())
        return { Error::Code::ConfigInvalid,
                 QStringLiteral("a registration needs an issuer and a client id") };
    const int index = indexOfRegistration(record.issuer);
    if (index < 0)
        m_registrations.append(record);
    else
        m_registrations[index] = record;
    m_removedRegistrations.remove(record.issuer);
    m_changedRegistrations.insert(record.issuer);
    Q_EMIT changed();
    return {};
}

Error ServerRegistry::removeRegistration(const QString &issuer)
{
    if (const Error error = checkWritable())
        return error;
    // Recorded even when unknown here: another process may have stored it.
    m_changedRegistrations.remove(issuer);
    m_removedRegistrations.insert(issuer);
    const int index = indexOfRegistration(issuer);
    if (index >= 0) {
        m_registrations.removeAt(index);
        Q_EMIT changed();
    }
    return {};
}

Error ServerRegistry::setSettings(const QJsonObject &settings)
{
    if (const Error error = checkWritable())
        return error;
    if (settings == m_settings)
        return {};
    m_settings = settings;
    Q_EMIT changed();
    return {};
}

bool ServerRegistry::isValidServerId(const QString &id)
{
    if (id.isEmpty() || id.size() > maxIdLength)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const char16_t c = id.at(i).unicode();
        const bool alphanumeric = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alphanumeric && (i == 0 || c != u'-'))
            return false;
    }
    return true;
}

bool ServerRegistry::isValidAccountLabel(const QString &label)
{
    if (label.isEmpty() || label.size() > maxLabelLength || label.trimmed() != label)
        return false;
    for (const QChar c : label) {
        if (c == QLatin1Char('/') || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

Error ServerRegistry::checkWritable() const
{
    if (isReadOnly())
        return { Error::Code::ConfigReadOnly, m_readOnlyReason };
    return {};
}

QString ServerRegistry::idSlug(const QString &text)
{
    return slug(text);
}

QString ServerRegistry::hostIdSlug(const QUrl &url)
{
    return hostSlug(url);
}

QString ServerRegistry::generateId(const ServerRecord &record) const
{
    QString base = slug(record.name);
    if (base.isEmpty())
        base = hostSlug(record.mcpUrl);
    if (base.isEmpty())
        base = QStringLiteral("server");
    for (int n = 1;; ++n) {
        const QString suffix = n == 1 ? QString() : QLatin1Char('-') + QString::number(n);
        QString candidate = base.left(maxIdLength - suffix.size());
        while (candidate.endsWith(QLatin1Char('-')))
            candidate.chop(1);
        candidate += suffix;
        if (indexOfServer(candidate) < 0)
            return candidate;
    }
}

int ServerRegistry::indexOfServer(const QString &id) const
{
    for (int i = 0; i < m_servers.size(); ++i) {
        if (m_servers.at(i).id == id)
            return i;
    }
    return -1;
}

int ServerRegistry::indexOfRegistration(const QString &issuer) const
{
    for (int i = 0; i < m_registrations.size(); ++i) {
        if (m_registrations.at(i).issuer == issuer)
            return i;
    }
    return -1;
}

Error ServerRegistry::replaceServer(int index, ServerRecord updated)
{
    if (updated.defaultAccount.isEmpty() && !updated.accounts.isEmpty())
        updated.defaultAccount = updated.accounts.first().label;
    if (const Error error = validateServer(updated))
        return error;
    const ServerRecord before = m_servers.at(index);
    m_servers[index] = updated;
    noteServerChange(&before, updated);
    Q_EMIT changed();
    return {};
}

void ServerRegistry::noteServerChange(const ServerRecord *before, const ServerRecord &after)
{
    m_removedServers.remove(after.id);
    ServerChanges &changes = m_serverChanges[after.id];
    if (!before) {
        changes = ServerChanges();
        changes.added = true;
        return;
    }
    if (changes.added)
        return; // the whole entry is written anyway
    if (serverFieldsToJson(*before) != serverFieldsToJson(after))
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
                   && accountToJson(*old) != accountToJson(account)) {
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

bool ServerRegistry::adopt(const QJsonObject &root, QStringList *warnings)
{
    const QJsonObject before = stateToJson(m_servers, m_registrations, m_settings);
    Snapshot snapshot = readSnapshot(root, warnings);
    m_servers = std::move(snapshot.servers);
    m_registrations = std::move(snapshot.registrations);
    m_settings = snapshot.settings;
    m_loadedSettings = snapshot.settings;
    clearChanges();
    return stateToJson(m_servers, m_registrations, m_settings) != before;
}

QJsonObject ServerRegistry::mergeInto(const QJsonObject &onDisk) const
{
    QJsonObject merged = onDisk; // keeps unknown top-level fields
    merged.insert(kVersion, formatVersion);

    QJsonArray servers;
    QSet<QString> written;
    const QJsonArray diskServers = onDisk.value(kServers).toArray();
    for (const QJsonValue &entry : diskServers) {
        const QString id = entry.toObject().value(kId).toString();
        if (id.isEmpty()) {
            servers.append(entry); // malformed: not ours to drop
            continue;
        }
        if (m_removedServers.contains(id))
            continue;
        const auto changes = m_serverChanges.constFind(id);
        const int index = indexOfServer(id);
        if (changes == m_serverChanges.cend() || index < 0) {
            servers.append(entry);
            continue;
        }
        if (written.contains(id))
            continue; // a duplicate of the entry written here
        servers.append(mergeServer(entry.toObject(), m_servers.at(index), *changes));
        written.insert(id);
    }
    // Servers added here. Changed ones another process removed stay removed.
    for (const ServerRecord &server : m_servers) {
        const auto changes = m_serverChanges.constFind(server.id);
        if (changes != m_serverChanges.cend() && changes->added && !written.contains(server.id))
            servers.append(serverToJson(server));
    }
    merged.insert(kServers, servers);

    QJsonArray registrations;
    written.clear();
    const QJsonArray diskRegistrations = onDisk.value(kRegistrations).toArray();
    for (const QJsonValue &entry : diskRegistrations) {
        const QString issuer = entry.toObject().value(kIssuer).toString();
        if (m_removedRegistrations.contains(issuer) || written.contains(issuer))
            continue;
        const int index = indexOfRegistration(issuer);
        if (!m_changedRegistrations.contains(issuer) || index < 0) {
            registrations.append(entry);
            continue;
        }
        registrations.append(registrationToJson(m_registrations.at(index)));
        written.insert(issuer);
    }
    for (const RegistrationRecord &registration : m_registrations) {
        if (m_changedRegistrations.contains(registration.issuer)
            && !written.contains(registration.issuer))
            registrations.append(registrationToJson(registration));
    }
    merged.insert(kRegistrations, registrations);

    // Settings: per key, only the keys changed here.
    QJsonObject settings = onDisk.value(kSettings).toObject();
    QStringList keys = m_settings.keys() + m_loadedSettings.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys)) {
        if (m_settings.value(key) == m_loadedSettings.value(key))
            continue;
        if (m_settings.contains(key))
            settings.insert(key, m_settings.value(key));
        else
            settings.remove(key);
    }
    merged.insert(kSettings, settings);
    return merged;
}

QJsonObject ServerRegistry::mergeServer(const QJsonObject &onDisk, const ServerRecord &ours,
                                        const ServerChanges &changes) const
{
    if (changes.added)
        return serverToJson(ours); // added here: last writer wins for the whole entry
    QJsonObject merged = changes.fieldsChanged ? serverFieldsToJson(ours) : onDisk;
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
            accounts.append(accountToJson(*account));
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
            accounts.append(accountToJson(account));
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

QString ServerRegistry::setAsideCorruptFile(QString *problem) const
{
    const QString stamp
        = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss.zzz'Z'"));
    const QString base = m_filePath + QLatin1String(".corrupt-") + stamp;
    for (int n = 1; n <= 100; ++n) {
        const QString candidate = n == 1 ? base : base + QLatin1Char('-') + QString::number(n);
        const QFileInfo info(candidate);
        if (info.exists() || info.isSymLink())
            continue;
        QFile file(m_filePath);
        if (file.rename(candidate)) // never replaces an existing file
            return candidate;
        *problem = file.errorString();
        if (!QFileInfo::exists(m_filePath))
            return {};
    }
    return {};
}

void ServerRegistry::clearChanges()
{
    m_serverChanges.clear();
    m_removedServers.clear();
    m_changedRegistrations.clear();
    m_removedRegistrations.clear();
}

} // namespace Mcpa
