#include "core/import/mcpremotemigration.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/trace.h"
#include "core/net/urlpolicy.h"
#include "core/oauth/discovery.h"
#include "core/oauth/jwt.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include <QTimer>

namespace Mcpa {

McpRemoteMigration::McpRemoteMigration(HttpClient *http, TokenStore *tokens,
                                       const ServerRegistry *registry, const Clock *clock,
                                       Trace *trace, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_registry(registry)
    , m_clock(clock)
    , m_trace(trace)
{ }

QUrl McpRemoteMigration::resourceFor(const McpRemoteInvocation &invocation,
                                     const DiscoveryResult &discovery)
{
    if (invocation.disableResource)
        return {};
    if (!invocation.resource.isEmpty())
        return QUrl(invocation.resource);
    return discovery.hasProtectedResourceMetadata ? discovery.resource : QUrl();
}

ClientAuthMethod McpRemoteMigration::authMethodFor(const McpRemoteCredentials &credentials,
                                                   const AuthServerMetadata &authServer)
{
    const ClientRegistration &client = credentials.client;
    const QStringList supported = authServer.tokenEndpointAuthMethodsSupported;
    const bool hasSecret = !client.clientSecret.isEmpty();
    if (credentials.clientAuthMethodDeclared
        && (supported.isEmpty() || supported.contains(clientAuthMethodName(client.authMethod))))
        return client.authMethod;
    if (!hasSecret)
        return ClientAuthMethod::None;
    if (supported.isEmpty() || supported.contains(QLatin1String("client_secret_basic")))
        return ClientAuthMethod::ClientSecretBasic;
    return ClientAuthMethod::ClientSecretPost;
}

void McpRemoteMigration::start(const McpRemoteMigrationInput &input)
{
    m_input = input;
    m_result = McpRemoteMigrationResult();
    m_registrationSecret.clear();
    if (!m_input.candidate.credentials || !m_input.candidate.mcpRemote) {
        fail({ Error::Code::Internal, QStringLiteral("no mcp-remote credentials to migrate") });
        return;
    }
    probe();
}

void McpRemoteMigration::probe()
{
    setState(State::Probing);
    traceStep(m_trace, Trace::Outcome::Info, QStringLiteral("mcp-remote migration"),
              QStringLiteral("probing %1").arg(Trace::url(m_input.candidate.url)));
    auto *serverProbe = new ProbeJob(m_http, m_input.candidate.url, this);
    serverProbe->setTimeout(m_timeout);
    connect(serverProbe, &Job::finished, this,
            [this, serverProbe] { onProbed(serverProbe->result()); });
    serverProbe->start();
}

void McpRemoteMigration::onProbed(const ProbeResult &result)
{
    switch (result.kind) {
    case ProbeResult::Kind::AuthRequired:
        discover(result.challenge);
        return;
    case ProbeResult::Kind::Open:
        fail({ Error::Code::SignInNotRequired,
               QStringLiteral("the server answers without a token: nothing to migrate") });
        return;
    case ProbeResult::Kind::Unreachable:
    case ProbeResult::Kind::Error:
        break;
    }
    fail(result.error ? result.error
                      : Error(Error::Code::HttpStatus,
                              QStringLiteral("HTTP %1 to MCP initialize").arg(result.httpStatus)));
}

void McpRemoteMigration::discover(const BearerChallenge &challenge)
{
    setState(State::Discovering);
    auto *discovery = new DiscoveryJob(m_http, m_input.candidate.url, challenge, this);
    discovery->setTrace(m_trace);
    discovery->setTimeout(m_timeout);
    connect(discovery, &Job::finished, this, [this, discovery] {
        if (discovery->error())
            fail(discovery->error());
        else
            onDiscovered(discovery->result());
    });
    discovery->start();
}

void McpRemoteMigration::onDiscovered(const DiscoveryResult &discovery)
{
    const ImportCandidate &candidate = m_input.candidate;
    const McpRemoteCredentials &credentials = *candidate.credentials;
    const QString issuer = discovery.authServer.issuer;
    TokenSet tokens = credentials.tokens;

    AccountRecord &account = m_result.account;
    account.label = m_input.label;
    account.issuer = issuer;
    account.grantedScopes = tokens.scopes;
    account.signedInAt = tokens.receivedAt;
    account.tokenEndpoint = discovery.authServer.tokenEndpoint;
    account.revocationEndpoint = discovery.authServer.revocationEndpoint;
    account.resource = resourceFor(*candidate.mcpRemote, discovery);
    if (const auto identity = Jwt::decode(tokens.idToken)) {
        account.subject = identity->subject();
        account.email = identity->email();
        account.name = identity->name();
    }

    // The client the tokens belong to: the static one of the command line
    // (pre-registered), else mcp-remote's dynamic registration.
    const bool preRegistered = !candidate.clientId.isEmpty()
        && (credentials.client.clientId.isEmpty()
            || credentials.client.clientId == candidate.clientId);
    if (preRegistered) {
        account.clientId = candidate.clientId;
        account.clientSource = ClientRegistration::Source::PreRegistered;
        account.authMethod = candidate.authMethod.value_or(
            candidate.clientSecret.isEmpty() ? ClientAuthMethod::None
                                             : ClientAuthMethod::ClientSecretBasic);
    } else if (!credentials.client.clientId.isEmpty()) {
        account.clientId = credentials.client.clientId;
        account.clientSource = ClientRegistration::Source::Dynamic;
        account.authMethod = authMethodFor(credentials, discovery.authServer);
        std::optional<RegistrationRecord> existing = m_registry->registration(issuer);
        for (const RegistrationRecord &pending : std::as_const(m_input.pendingRegistrations)) {
            if (pending.issuer == issuer)
                existing = pending;
        }
        if (!existing) {
            RegistrationRecord registration;
            registration.issuer = issuer;
            registration.clientId = account.clientId;
            registration.authMethod = account.authMethod;
            registration.redirectUri = credentials.client.redirectUri;
            registration.source = ClientRegistration::Source::Dynamic;
            registration.registeredAt = credentials.clientIssuedAt;
            registration.clientSecretExpiresAt = credentials.client.clientSecretExpiresAt;
            m_result.registration = registration;
            m_registrationSecret = credentials.client.clientSecret;
        } else if (existing->clientId != account.clientId
                   && !credentials.client.clientSecret.isEmpty()) {
            // The keychain keeps one dynamic client secret per issuer.
            fail({ Error::Code::ConfigInvalid,
                   QStringLiteral("another client is already registered with %1 here; sign in "
                                  "instead (mcp-accounts-cli login)")
                       .arg(issuer) });
            return;
        }
    } else {
        tokens.refreshToken.clear();
        if (!credentials.expiryKnown)
            tokens.expiresAt = QDateTime();
        m_result.warnings.append(
            QStringLiteral("mcp-remote kept no client registration: the token is used until it "
                           "expires, then sign in again"));
    }
    account.hasRefreshToken = !tokens.refreshToken.isEmpty();
    account.expiresAt = tokens.expiresAt;
    if (!credentials.expiryKnown)
        m_result.warnings.append(
            account.hasRefreshToken
                ? QStringLiteral("mcp-remote did not store when the token expires: it is "
                                 "refreshed at its first use")
                : QStringLiteral("mcp-remote did not store when the token expires"));
    else if (tokens.expiresAt <= m_clock->now() && !account.hasRefreshToken)
        m_result.warnings.append(
            QStringLiteral("the token has expired and cannot be refreshed: sign in again"));
    m_input.candidate.credentials->tokens = tokens;
    storeTokens();
}

void McpRemoteMigration::storeTokens()
{
    setState(State::StoringSecrets);
    traceStep(m_trace, Trace::Outcome::Info, QStringLiteral("mcp-remote migration"),
              QStringLiteral("storing the tokens of %1/%2 in the keychain")
                  .arg(m_input.serverId, m_input.label));
    m_tokens->writeTokens(m_input.serverId, m_input.label, m_input.candidate.credentials->tokens,
                          this, [this](const Error &error) {
                              if (error) {
                                  fail(error);
                                  return;
                              }
                              storeRegistrationSecret();
                          });
}

void McpRemoteMigration::storeRegistrationSecret()
{
    if (!m_result.registration || m_registrationSecret.isEmpty()) {
        succeed();
        return;
    }
    m_tokens->writeRegistrationSecret(
        m_result.registration->issuer, m_registrationSecret, this, [this](const Error &error) {
            m_registrationSecret.clear();
            if (error) {
                // No half migration: the tokens need the client's secret to refresh.
                m_tokens->removeTokens(m_input.serverId, m_input.label, this,
                                       [this, error](const Error &) { fail(error); });
                return;
            }
            m_result.wroteRegistrationSecret = true;
            succeed();
        });
}

void McpRemoteMigration::succeed()
{
    traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("mcp-remote migration"),
              QStringLiteral("tokens moved to the keychain"));
    setState(State::Finished);
    Q_EMIT succeeded(m_result);
}

void McpRemoteMigration::fail(const Error &error)
{
    if (m_state == State::Failed || m_state == State::Finished)
        return;
    m_registrationSecret.clear();
    setState(State::Failed);
    qCWarning(lcConfig) << "mcp-remote migration for" << m_input.serverId
                        << "failed:" << error.codeName();
    traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("mcp-remote migration"),
              error.toString());
    QTimer::singleShot(0, this, [this, error] { Q_EMIT failed(error); });
}

void McpRemoteMigration::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Mcpa
