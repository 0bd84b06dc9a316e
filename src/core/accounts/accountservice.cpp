#include "core/accounts/accountservice.h"

#include "core/accounts/addserveroperation.h"
#include "core/accounts/calloperation.h"
#include "core/accounts/freshtokenoperation.h"
#include "core/accounts/removeserveroperation.h"
#include "core/accounts/signinoperation.h"
#include "core/accounts/storedtokensoperation.h"
#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/oauth/jwt.h"
#include "core/oauth/tokenclient.h"
#include "core/store/persistentregistrationcache.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include <QTimer>

#include <memory>

namespace Mcpa {

namespace {

bool isNotFound(const Error &error)
{
    return error.code() == Error::Code::SecretNotFound;
}

} // namespace

AccountService::AccountService(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                               const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_tokens(tokens)
    , m_http(http)
    , m_clock(clock)
{ }

Trace *AccountService::trace(const QString &serverId)
{
    Trace *&trace = m_traces[serverId];
    if (!trace)
        trace = new Trace(this);
    return trace;
}

QString AccountService::resolveLabel(const ServerRecord &server, const QString &label)
{
    if (!label.isEmpty())
        return label;
    if (!server.defaultAccount.isEmpty())
        return server.defaultAccount;
    if (!server.accounts.isEmpty())
        return server.accounts.first().label;
    return QStringLiteral("default");
}

AccountStatus AccountService::status(const QString &serverId, const QString &label) const
{
    const std::optional<ServerRecord> server = m_registry->server(serverId);
    if (!server)
        return {};
    return AccountStatus::fromRecord(server->account(resolveLabel(*server, label)), m_clock->now());
}

ServerSettings AccountService::settingsFor(const ServerRecord &server, const QString &clientSecret)
{
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl;
    settings.clientId = server.clientId;
    settings.clientIssuer = server.clientIssuer;
    settings.clientSecret = clientSecret;
    settings.authMethod = server.authMethod;
    settings.clientMetadataUrl = server.clientMetadataUrl;
    settings.scopes = server.scopes;
    settings.sendResource = server.sendResource;
    settings.callbackPort = server.callbackPort;
    settings.redirectHost = server.redirectHost;
    settings.preferredIssuer = server.preferredIssuer;
    return settings;
}

void AccountService::withClientSecret(const ServerRecord &server, const AccountRecord *account,
                                      QObject *context, std::function<void(const QString &)> next)
{
    // Which secret applies: the server's pre-registered client, or the
    // dynamic registration with the account's issuer. Public clients have none.
    const bool preRegistered = account
        ? account->clientSource == ClientRegistration::Source::PreRegistered
        : !server.clientId.isEmpty();
    if (account && account->authMethod == ClientAuthMethod::None) {
        QTimer::singleShot(0, context, [next] { next({}); });
        return;
    }
    auto done = [next](const QString &secret, const Error &error) {
        if (error && !isNotFound(error))
            qCWarning(lcKeychain) << "could not read a client secret:" << error.codeName();
        next(error ? QString() : secret);
    };
    if (preRegistered)
        m_tokens->readServerClientSecret(server.id, context, done);
    else if (account)
        m_tokens->readRegistrationSecret(account->issuer, context, done);
    else
        QTimer::singleShot(0, context, [next] { next({}); });
}

TokenEndpointConfig AccountService::endpointFor(const AccountRecord &account,
                                                const QString &clientSecret) const
{
    TokenEndpointConfig config;
    config.tokenEndpoint = account.tokenEndpoint;
    config.revocationEndpoint = account.revocationEndpoint;
    config.resource = account.resource;
    config.client.issuer = account.issuer;
    config.client.clientId = account.clientId;
    config.client.clientSecret = clientSecret;
    config.client.authMethod = account.authMethod;
    config.client.source = account.clientSource;
    return config;
}

void AccountService::saveAccount(const QString &serverId, const AccountRecord &account)
{
    Error error = m_registry->setAccount(serverId, account);
    if (!error)
        error = m_registry->save();
    if (error)
        qCWarning(lcConfig) << "could not save the account record:" << error.codeName();
    Q_EMIT accountChanged(serverId, account.label);
}

void AccountService::recordError(const QString &serverId, const QString &label, const Error &error,
                                 bool needsSignIn)
{
    const std::optional<ServerRecord> server = m_registry->server(serverId);
    if (!server || !server->account(label))
        return;
    AccountRecord account = *server->account(label);
    account.lastError = error.toString();
    account.lastErrorAt = m_clock->now();
    if (needsSignIn)
        account.needsSignIn = true;
    saveAccount(serverId, account);
}

void AccountService::storeSignIn(const ServerRecord &server, const QString &label,
                                 const SignInResult &result, QObject *context,
                                 std::function<void(const Error &)> done)
{
    m_tokens->writeTokens(server.id, label, result.tokens, context, [=](const Error &error) {
        if (error) {
            done(error);
            return;
        }
        AccountRecord account;
        if (const AccountRecord *existing = server.account(label))
            account = *existing;
        account.label = label;
        account.issuer = result.discovery.authServer.issuer;
        account.grantedScopes = result.tokens.scopes;
        account.signedInAt = m_clock->now();
        account.expiresAt = result.tokens.expiresAt;
        account.lastRefresh = QDateTime();
        account.hasRefreshToken = !result.tokens.refreshToken.isEmpty();
        account.needsSignIn = false;
        account.lastError.clear();
        account.lastErrorAt = QDateTime();
        account.tokenEndpoint = result.endpoint.tokenEndpoint;
        account.revocationEndpoint = result.endpoint.revocationEndpoint;
        account.resource = result.endpoint.resource;
        account.clientId = result.registration.clientId;
        account.authMethod = result.registration.authMethod;
        account.clientSource = result.registration.source;
        // Who signed in, when the AS says (an id_token is only read, not
        // verified: it names the account, it grants nothing here).
        if (const auto identity = Jwt::decode(result.tokens.idToken)) {
            account.subject = identity->subject();
            account.email = identity->email();
            account.name = identity->name();
        }
        // A pre-registered client is bound to the issuer of its first
        // successful sign-in (SEP-2352), unless it was given one.
        if (result.registration.source == ClientRegistration::Source::PreRegistered
            && !server.clientId.isEmpty()) {
            if (std::optional<ServerRecord> current = m_registry->server(server.id); current
                && current->clientIssuer.isEmpty()
                && current->clientId == result.registration.clientId) {
                current->clientIssuer = result.discovery.authServer.issuer;
                if (const Error bindError = m_registry->updateServer(*current))
                    qCWarning(lcConfig)
                        << "could not record the client's issuer:" << bindError.codeName();
            }
        }
        saveAccount(server.id, account);
        done({});
    });
}

void AccountService::forgetTrace(const QString &serverId)
{
    // Not deleted: a window or a command may still show it.
    m_traces.remove(serverId);
}

AccountOperation *AccountService::started(AccountOperation *operation)
{
    operation->start();
    return operation;
}

AccountOperation *AccountService::signIn(const QString &serverId, const QString &label)
{
    return started(new SignInOperation(this, serverId, label));
}

AccountOperation *AccountService::storedTokens(const QString &serverId, const QString &label)
{
    return started(new StoredTokensOperation(this, serverId, label));
}

AccountOperation *AccountService::freshToken(const QString &serverId, const QString &label,
                                             std::chrono::seconds minValidity, bool force)
{
    return started(new FreshTokenOperation(this, serverId, label, minValidity,
                                           force ? FreshTokenOperation::Policy::Force
                                                 : FreshTokenOperation::Policy::IfExpiring));
}

AccountOperation *AccountService::replaceRejectedToken(const QString &serverId,
                                                       const QString &label,
                                                       const QString &rejectedAccessToken)
{
    auto *operation = new FreshTokenOperation(this, serverId, label, std::chrono::seconds(0),
                                              FreshTokenOperation::Policy::Force);
    operation->setRejectedAccessToken(rejectedAccessToken);
    return started(operation);
}

AccountOperation *AccountService::signOut(const QString &serverId, const QString &label,
                                          SignOutOperation::Revocation revocation)
{
    return started(new SignOutOperation(this, serverId, label, revocation));
}

AccountOperation *AccountService::addServer(const ServerRecord &record, const QString &clientSecret)
{
    return started(new AddServerOperation(this, record, clientSecret));
}

AccountOperation *AccountService::removeServer(const QString &serverId,
                                               SignOutOperation::Revocation revocation)
{
    return started(new RemoveServerOperation(this, serverId, revocation));
}

AccountOperation *AccountService::call(const QString &serverId, const QString &label,
                                       const QList<McpToolCall> &toolCalls, bool interactive)
{
    return started(new CallOperation(this, serverId, label, toolCalls,
                                     interactive ? CallOperation::Interaction::MaySignIn
                                                 : CallOperation::Interaction::NoSignIn));
}

} // namespace Mcpa
