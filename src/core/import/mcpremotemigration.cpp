#include "core/import/mcpremotemigration.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/base/trace.h"
#include "core/net/urlpolicy.h"
#include "core/oauth/discovery.h"
#include "core/oauth/jwt.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include <utility>

namespace Mcpa {

McpRemoteMigrationJob::McpRemoteMigrationJob(HttpClient *http, TokenStore *tokens,
                                             const ServerRegistry *registry, const Clock *clock,
                                             McpRemoteMigrationInput input, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_registry(registry)
    , m_clock(clock)
    , m_input(std::move(input))
{ }

QUrl McpRemoteMigrationJob::resourceFor(const McpRemoteInvocation &invocation,
                                        const DiscoveryResult &discovery)
{
    if (invocation.disableResource)
        return {};
    if (!invocation.resource.isEmpty())
        return QUrl(invocation.resource);
    return discovery.hasProtectedResourceMetadata ? discovery.resource : QUrl();
}

ClientAuthMethod McpRemoteMigrationJob::authMethodFor(const McpRemoteCredentials &credentials,
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

void McpRemoteMigrationJob::doStart()
{
    if (!m_input.candidate.credentials || !m_input.candidate.mcpRemote) {
        emitFailure(
            { Error::Code::Internal, QStringLiteral("no mcp-remote credentials to migrate") });
        return;
    }
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("mcp-remote migration"),
              QStringLiteral("probing %1").arg(Trace::url(m_input.candidate.url)));
    auto *probe = new ProbeJob(m_http, m_input.candidate.url);
    probe->setTimeout(m_timeout);
    runStepHandlingErrors(probe, &McpRemoteMigrationJob::onProbed);
}

void McpRemoteMigrationJob::onProbed(ProbeJob *probe)
{
    const ProbeResult result = probe->result();
    switch (result.kind) {
    case ProbeResult::Kind::AuthRequired: {
        auto *discovery = new DiscoveryJob(m_http, m_input.candidate.url, result.challenge);
        discovery->setTimeout(m_timeout);
        runStepHandlingErrors(discovery, &McpRemoteMigrationJob::onDiscovered);
        return;
    }
    case ProbeResult::Kind::Open:
        emitFailure({ Error::Code::SignInNotRequired,
                      QStringLiteral("the server answers without a token: nothing to migrate") });
        return;
    case ProbeResult::Kind::Unreachable:
    case ProbeResult::Kind::Error:
        break;
    }
    emitFailure(result.error
                    ? result.error
                    : Error(Error::Code::HttpStatus,
                            QStringLiteral("HTTP %1 to MCP initialize").arg(result.httpStatus)));
}

void McpRemoteMigrationJob::onDiscovered(DiscoveryJob *discoveryJob)
{
    if (discoveryJob->error()) {
        emitFailure(discoveryJob->error());
        return;
    }
    const DiscoveryResult discovery = discoveryJob->result();
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
            emitFailure(
                { Error::Code::ConfigInvalid,
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

void McpRemoteMigrationJob::storeTokens()
{
    setProgressText(QStringLiteral("Storing the tokens in the keychain"));
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("mcp-remote migration"),
              QStringLiteral("storing the tokens of %1/%2 in the keychain")
                  .arg(m_input.serverId, m_input.label));
    m_tokens->writeTokens(m_input.serverId, m_input.label, m_input.candidate.credentials->tokens,
                          this, [this](const Error &error) {
                              if (error) {
                                  emitFailure(error);
                                  return;
                              }
                              storeRegistrationSecret();
                          });
}

void McpRemoteMigrationJob::storeRegistrationSecret()
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
                                       [this, error](const Error &) { emitFailure(error); });
                return;
            }
            m_result.wroteRegistrationSecret = true;
            succeed();
        });
}

void McpRemoteMigrationJob::succeed()
{
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("mcp-remote migration"),
              QStringLiteral("tokens moved to the keychain"));
    emitResult();
}

void McpRemoteMigrationJob::emitFailure(const Error &error)
{
    if (isFinished())
        return;
    m_registrationSecret.clear();
    qCWarning(lcConfig) << "mcp-remote migration for" << m_input.serverId
                        << "failed:" << error.codeName();
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("mcp-remote migration"),
              error.toString());
    emitResult(error);
}

} // namespace Mcpa
