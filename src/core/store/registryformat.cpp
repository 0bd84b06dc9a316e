#include "core/store/registryformat.h"

#include "core/net/urlpolicy.h"
#include "core/store/registryfieldreader.h"
#include "core/store/serverids.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSet>
#include <QUrl>

#include <cmath>

namespace Mcpa {
namespace {

constexpr int maxLabelLength = 64;

// Top level
constexpr QLatin1String kVersion = RegistryFormat::versionKey;
constexpr QLatin1String kServers = RegistryFormat::serversKey;
constexpr QLatin1String kRegistrations = RegistryFormat::registrationsKey;
constexpr QLatin1String kSettings = RegistryFormat::settingsKey;
// Server
constexpr QLatin1String kId = RegistryFormat::idKey;
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
constexpr QLatin1String kClientIssuer("clientIssuer");
constexpr QLatin1String kDefaultAccount = RegistryFormat::defaultAccountKey;
constexpr QLatin1String kAccounts = RegistryFormat::accountsKey;
// Account
constexpr QLatin1String kLabel = RegistryFormat::labelKey;
constexpr QLatin1String kIssuer = RegistryFormat::issuerKey;
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

template<std::size_t N> QJsonObject withoutKeys(QJsonObject object, const QLatin1String (&keys)[N])
{
    for (const QLatin1String &key : keys)
        object.remove(key);
    return object;
}

// ---- writing helpers -------------------------------------------------------

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

// ---- reading helpers -------------------------------------------------------

bool accountFromJson(const QJsonObject &object, AccountRecord *account, QString *problem)
{
    RegistryFieldReader reader(object);
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
    if (!RegistryFormat::isValidAccountLabel(account->label)) {
        *problem = QStringLiteral("no valid \"label\"");
        return false;
    }
    return true;
}

/// Reads a server; malformed accounts are left out with a line in @p warnings.
bool serverFromJson(const QJsonObject &object, ServerRecord *server, QStringList *warnings,
                    QString *problem)
{
    RegistryFieldReader reader(object);
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
    server->clientIssuer = reader.text(kClientIssuer);
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
    RegistryFieldReader reader(object);
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

} // namespace

// ---- writing ---------------------------------------------------------------

QJsonObject RegistryFormat::accountToJson(const AccountRecord &account)
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

QJsonObject RegistryFormat::serverFieldsToJson(const ServerRecord &server)
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
    putText(object, kClientIssuer, server.clientIssuer);
    return object;
}

QJsonObject RegistryFormat::serverToJson(const ServerRecord &server)
{
    QJsonObject object = serverFieldsToJson(server);
    putText(object, kDefaultAccount, server.defaultAccount);
    QJsonArray accounts;
    for (const AccountRecord &account : server.accounts)
        accounts.append(accountToJson(account));
    object.insert(kAccounts, accounts);
    return object;
}

QJsonObject RegistryFormat::registrationToJson(const RegistrationRecord &registration)
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

QJsonObject RegistryFormat::toJson(const State &state)
{
    QJsonArray serverArray;
    for (const ServerRecord &server : state.servers)
        serverArray.append(serverToJson(server));
    QJsonArray registrationArray;
    for (const RegistrationRecord &registration : state.registrations)
        registrationArray.append(registrationToJson(registration));
    return { { kServers, serverArray },
             { kRegistrations, registrationArray },
             { kSettings, state.settings } };
}

// ---- reading ---------------------------------------------------------------

RegistryFormat::Document RegistryFormat::parse(const QByteArray &bytes)
{
    Document file;
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
    if (file.version > formatVersion) {
        // Its layout may differ in any way: read leniently, never judge it corrupt.
        file.kind = Document::Kind::Newer;
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
        file.kind = Document::Kind::Current;
    return file;
}

RegistryFormat::State RegistryFormat::read(const QJsonObject &root, QStringList *warnings)
{
    State snapshot;
    const QJsonValue servers = root.value(kServers);
    if (servers.isArray()) {
        const QJsonArray array = servers.toArray();
        QSet<QString> ids;
        for (qsizetype i = 0; i < array.size(); ++i) {
            QString where = QStringLiteral("servers[%1]").arg(i);
            const QJsonValue entry = array.at(i);
            const QString id
                = entry.toObject().value(kId).toString().left(ServerIds::maxLength + 1);
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

/// The rules every stored server meets, whether added here or read from disk.
Error RegistryFormat::validateServer(const ServerRecord &server)
{
    auto invalid = [](const QString &detail) {
        return Error(Error::Code::ConfigInvalid, detail);
    };
    if (!ServerIds::isValid(server.id))
        return invalid(QStringLiteral("server id \"%1\" must match [a-z0-9][a-z0-9-]{0,62}")
                           .arg(server.id.left(ServerIds::maxLength + 1)));
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
        if (!isValidAccountLabel(account.label))
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

bool RegistryFormat::isValidAccountLabel(const QString &label)
{
    if (label.isEmpty() || label.size() > maxLabelLength || label.trimmed() != label)
        return false;
    for (const QChar c : label) {
        if (c == QLatin1Char('/') || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

} // namespace Mcpa
