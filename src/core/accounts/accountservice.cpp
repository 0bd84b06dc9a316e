#include "core/accounts/accountservice.h"

#include "core/accounts/accountrefresher.h"
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

bool AccountService::findTarget(const QString &serverId, const QString &label,
                                AccountOperation *operation, Target *target)
{
    const std::optional<ServerRecord> server = m_registry->server(serverId);
    if (!server) {
        operation->fail(
            { Error::Code::UnknownServer, QStringLiteral("no server named \"%1\"").arg(serverId) });
        return false;
    }
    target->server = *server;
    target->label = resolveLabel(*server, label);
    if (const AccountRecord *account = server->account(target->label)) {
        target->account = *account;
        target->hasAccount = true;
    }
    return true;
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
        saveAccount(server.id, account);
        done({});
    });
}

AccountOperation *AccountService::signIn(const QString &serverId, const QString &label)
{
    auto *operation = new AccountOperation(this);
    Target target;
    if (!findTarget(serverId, label, operation, &target))
        return operation;
    Trace *flowTrace = trace(serverId);
    flowTrace->clear();
    auto *registrations = new PersistentRegistrationCache(m_registry, m_tokens, operation);
    auto *flow = new SignInFlow(m_http, m_clock, registrations, flowTrace, operation);
    connect(flow, &SignInFlow::authorizeWithBrowser, operation,
            &AccountOperation::authorizeWithBrowser);
    connect(flow, &SignInFlow::failed, operation, [=](const Error &error) {
        recordError(serverId, target.label, error, false);
        operation->fail(error);
    });
    connect(flow, &SignInFlow::succeeded, operation, [=](const SignInResult &result) {
        storeSignIn(target.server, target.label, result, operation, [=](const Error &error) {
            if (error) {
                operation->fail(error);
                return;
            }
            operation->setTokens(result.tokens);
            operation->succeed();
        });
    });
    operation->setCancelHandler([flow, operation] {
        if (flow->state() == SignInFlow::State::Idle)
            operation->fail({ Error::Code::Cancelled, QStringLiteral("sign-in cancelled") });
        else
            flow->cancel();
    });
    // The secrets first: a pre-registered client's, and those of cached
    // registrations (so the flow can look them up without waiting).
    connect(registrations, &PersistentRegistrationCache::loaded, operation, [=] {
        withClientSecret(target.server, nullptr, operation, [=](const QString &secret) {
            if (operation->state() != AccountOperation::State::Running)
                return;
            ServerSettings settings = settingsFor(target.server, secret);
            settings.authorizationTimeout = m_authorizationTimeout;
            flow->start(settings);
        });
    });
    registrations->load();
    return operation;
}

AccountOperation *AccountService::storedTokens(const QString &serverId, const QString &label)
{
    auto *operation = new AccountOperation(this);
    Target target;
    if (!findTarget(serverId, label, operation, &target))
        return operation;
    m_tokens->readTokens(serverId, target.label, operation,
                         [operation](const TokenSet &tokens, const Error &error) {
                             if (error) {
                                 operation->fail(error);
                                 return;
                             }
                             operation->setTokens(tokens);
                             operation->succeed();
                         });
    return operation;
}

AccountOperation *AccountService::freshToken(const QString &serverId, const QString &label,
                                             std::chrono::seconds minValidity, bool force)
{
    auto *operation = new AccountOperation(this);
    Target target;
    if (!findTarget(serverId, label, operation, &target))
        return operation;
    if (!target.hasAccount) {
        operation->fail({ Error::Code::NeedsSignIn,
                          QStringLiteral("not signed in to \"%1\" (account \"%2\")")
                              .arg(serverId, target.label) });
        return operation;
    }
    if (target.account.needsSignIn) {
        operation->fail({ Error::Code::NeedsSignIn,
                          target.account.lastError.isEmpty() ? QStringLiteral("sign in again")
                                                             : target.account.lastError });
        return operation;
    }
    Trace *flowTrace = trace(serverId);
    withClientSecret(target.server, &target.account, operation, [=](const QString &secret) {
        auto *tokenClient = new TokenClient(m_http, m_clock, flowTrace, operation);
        auto *refresher
            = new AccountRefresher(m_tokens, tokenClient, m_clock, flowTrace, operation);
        connect(refresher, &AccountRefresher::succeeded, operation,
                [=](const TokenSet &tokens, bool didRefresh) {
                    if (didRefresh || tokens.expiresAt != target.account.expiresAt
                        || target.account.lastError.size()) {
                        // Another process may have refreshed: the record follows the keychain.
                        const std::optional<ServerRecord> now = m_registry->server(serverId);
                        const AccountRecord *current = now ? now->account(target.label) : nullptr;
                        AccountRecord account = current ? *current : target.account;
                        account.expiresAt = tokens.expiresAt;
                        account.hasRefreshToken = !tokens.refreshToken.isEmpty();
                        if (!tokens.scopes.isEmpty())
                            account.grantedScopes = tokens.scopes;
                        if (didRefresh)
                            account.lastRefresh = m_clock->now();
                        account.lastError.clear();
                        account.lastErrorAt = QDateTime();
                        saveAccount(serverId, account);
                    }
                    operation->setTokens(tokens);
                    operation->succeed();
                });
        connect(refresher, &AccountRefresher::failed, operation, [=](const Error &error) {
            const bool gone = error.code() == Error::Code::InvalidGrant;
            recordError(serverId, target.label, error, gone);
            if (gone) {
                operation->fail(
                    { Error::Code::NeedsSignIn,
                      QStringLiteral(
                          "the server no longer accepts this sign-in (%1); sign in again")
                          .arg(error.codeName()) });
                return;
            }
            operation->fail(error);
        });
        refresher->refresh(serverId, target.label, endpointFor(target.account, secret),
                           force ? AccountRefresher::Policy::force()
                                 : AccountRefresher::Policy::ifExpiringWithin(minValidity));
    });
    return operation;
}

AccountOperation *AccountService::signOut(const QString &serverId, const QString &label,
                                          bool revoke)
{
    auto *operation = new AccountOperation(this);
    Target target;
    if (!findTarget(serverId, label, operation, &target))
        return operation;
    if (!target.hasAccount) {
        operation->fail(
            { Error::Code::UnknownServer,
              QStringLiteral("no account \"%1\" at \"%2\"").arg(target.label, serverId) });
        return operation;
    }
    Trace *flowTrace = trace(serverId);
    auto forget = [=] {
        m_tokens->removeTokens(serverId, target.label, operation, [=](const Error &error) {
            if (error && !isNotFound(error)) {
                // The record stays so that nothing is orphaned in the keychain.
                operation->fail(error);
                return;
            }
            Error saved = m_registry->removeAccount(serverId, target.label);
            if (!saved)
                saved = m_registry->save();
            Q_EMIT accountChanged(serverId, target.label);
            if (saved) {
                operation->fail(saved);
                return;
            }
            operation->succeed();
        });
    };
    m_tokens->readTokens(
        serverId, target.label, operation, [=](const TokenSet &tokens, const Error &error) {
            if (error || !revoke) {
                if (error && !isNotFound(error)) {
                    operation->fail(error);
                    return;
                }
                forget();
                return;
            }
            if (target.account.revocationEndpoint.isEmpty()) {
                operation->setWarning(
                    QStringLiteral("the server offers no revocation: the token stays valid at "
                                   "the server until it expires"));
                forget();
                return;
            }
            withClientSecret(target.server, &target.account, operation, [=](const QString &secret) {
                auto *tokenClient = new TokenClient(m_http, m_clock, flowTrace, operation);
                TokenJob *request
                    = tokenClient->revoke(endpointFor(target.account, secret), tokens);
                connect(request, &Job::finished, operation, [=] {
                    const Error revokeError = request->error();
                    if (!revokeError) {
                        forget();
                        return;
                    }
                    operation->setWarning(
                        QStringLiteral("the server did not confirm the revocation (%1); the "
                                       "token may stay valid until it expires")
                            .arg(revokeError.toString()));
                    forget();
                });
            });
        });
    return operation;
}

AccountOperation *AccountService::removeServer(const QString &serverId, bool revoke)
{
    auto *operation = new AccountOperation(this);
    Target target;
    if (!findTarget(serverId, {}, operation, &target))
        return operation;
    auto removeRecord = [=] {
        m_tokens->removeServerClientSecret(serverId, operation, [=](const Error &) {
            Error error = m_registry->removeServer(serverId);
            if (!error)
                error = m_registry->save();
            if (error) {
                operation->fail(error);
                return;
            }
            m_traces.remove(serverId);
            Q_EMIT accountChanged(serverId, {});
            operation->succeed();
        });
    };
    // Sign out one account after the other, then remove the server.
    auto labels = std::make_shared<QStringList>();
    for (const AccountRecord &account : std::as_const(target.server.accounts))
        labels->append(account.label);
    // The function holds itself only weakly (a strong self-reference would
    // never be freed); the pending step's connections hold it strongly.
    auto next = std::make_shared<std::function<void()>>();
    const std::weak_ptr<std::function<void()>> weakNext = next;
    *next = [=] {
        const std::shared_ptr<std::function<void()>> self = weakNext.lock();
        if (!self)
            return;
        if (labels->isEmpty()) {
            removeRecord();
            return;
        }
        AccountOperation *signOutOperation = signOut(serverId, labels->takeFirst(), revoke);
        connect(signOutOperation, &AccountOperation::succeeded, operation, [=] {
            if (!signOutOperation->warning().isEmpty())
                operation->setWarning(signOutOperation->warning());
            (*self)();
        });
        connect(signOutOperation, &AccountOperation::failed, operation, [=](const Error &error) {
            *self = nullptr;
            operation->fail(error);
        });
    };
    QTimer::singleShot(0, operation, [next] {
        if (*next)
            (*next)();
    });
    return operation;
}

AccountOperation *AccountService::call(const QString &serverId, const QString &label,
                                       const QString &tool, const QJsonObject &arguments,
                                       bool interactive)
{
    auto *operation = new AccountOperation(this);
    Target target;
    if (!findTarget(serverId, label, operation, &target))
        return operation;
    Trace *flowTrace = trace(serverId);
    auto *registrations = new PersistentRegistrationCache(m_registry, m_tokens, operation);
    auto *flow = new McpCallFlow(m_http, m_clock, registrations, flowTrace, operation);
    flow->setInteractive(interactive);
    connect(flow, &McpCallFlow::authorizeWithBrowser, operation,
            &AccountOperation::authorizeWithBrowser);
    connect(flow, &McpCallFlow::tokensChanged, operation, [=](const SignInResult &result) {
        // Persist before the new token is used any further.
        const std::optional<ServerRecord> server = m_registry->server(serverId);
        if (server)
            storeSignIn(*server, target.label, result, operation, [](const Error &error) {
                if (error)
                    qCWarning(lcKeychain) << "could not store new tokens:" << error.codeName();
            });
    });
    connect(flow, &McpCallFlow::succeeded, operation, [=](const McpCallResult &result) {
        operation->setCallResult(result);
        operation->setTokens(flow->signIn().tokens);
        operation->succeed();
    });
    connect(flow, &McpCallFlow::failed, operation,
            [=](const Error &error) { operation->fail(error); });
    operation->setCancelHandler([flow] { flow->cancel(); });

    McpCallRequest request;
    request.toolName = tool;
    request.arguments = arguments;
    auto start = [=](const QString &secret, const SignInResult &signIn) {
        McpCallRequest withSettings = request;
        withSettings.settings = settingsFor(target.server, secret);
        withSettings.settings.authorizationTimeout = m_authorizationTimeout;
        if (signIn.tokens.isValid())
            flow->setSignIn(signIn);
        flow->start(withSettings);
    };
    connect(registrations, &PersistentRegistrationCache::loaded, operation, [=] {
        withClientSecret(
            target.server, target.hasAccount ? &target.account : nullptr, operation,
            [=](const QString &secret) {
                if (!target.hasAccount || target.account.needsSignIn) {
                    start(secret, {});
                    return;
                }
                // A fresh token first (locked, once across processes).
                AccountOperation *fresh = freshToken(serverId, target.label);
                connect(fresh, &AccountOperation::succeeded, operation, [=] {
                    SignInResult signIn;
                    signIn.tokens = fresh->tokens();
                    signIn.endpoint = endpointFor(target.account, secret);
                    signIn.registration = signIn.endpoint.client;
                    signIn.discovery.authServer.issuer = target.account.issuer;
                    signIn.discovery.authServer.tokenEndpoint = target.account.tokenEndpoint;
                    signIn.discovery.authServer.revocationEndpoint
                        = target.account.revocationEndpoint;
                    signIn.discovery.resource = target.account.resource;
                    start(secret, signIn);
                });
                connect(fresh, &AccountOperation::failed, operation, [=](const Error &error) {
                    if (error.code() == Error::Code::NeedsSignIn
                        || error.code() == Error::Code::SecretNotFound) {
                        start(secret, {});
                        return;
                    }
                    operation->fail(error);
                });
            });
    });
    registrations->load();
    return operation;
}

} // namespace Mcpa
