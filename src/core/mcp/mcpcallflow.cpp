#include "core/mcp/mcpcallflow.h"

#include "core/base/trace.h"
#include "core/mcp/mcpclient.h"
#include "core/net/httpclient.h"
#include "core/oauth/registrationcache.h"

namespace Mcpa {

McpCallFlow::McpCallFlow(HttpClient *http, const Clock *clock, RegistrationCache *registrations,
                         const McpCallRequest &request, Trace *trace, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_clock(clock)
    , m_registrations(registrations)
    , m_tokens(new TokenClient(http, clock, trace, this))
    , m_request(request)
{
    setTrace(trace);
}

void McpCallFlow::doStart()
{
    m_tokens->setTimeout(m_request.settings.requestTimeout);
    m_client = new McpClient(m_http, m_request.settings.mcpUrl, trace(), this);
    m_client->setTimeout(m_request.settings.requestTimeout);
    m_client->setServerRequestHandler(m_request.serverRequests);
    if (m_signIn.tokens.isValid())
        m_client->setAccessToken(m_signIn.tokens.accessToken);
    connect(m_client, &McpClient::initialized, this, &McpCallFlow::onInitialized);
    connect(m_client, &McpClient::toolsListed, this, &McpCallFlow::onToolsListed);
    connect(m_client, &McpClient::toolCalled, this, &McpCallFlow::onToolCalled);
    connect(m_client, &McpClient::authorizationRequired, this,
            &McpCallFlow::onAuthorizationRequired);
    connect(m_client, &McpClient::failed, this, &McpCallFlow::closeAndFail);
    connect(m_client, &McpClient::closed, this, [this] { emitResult(m_pendingError); });
    beginOperation(QStringLiteral("Opening an MCP session"));
    m_client->initialize();
}

void McpCallFlow::beginOperation(const QString &progressText)
{
    // The authorization count is not reset here: SEP-2350 allows 3
    // authorization requests per operation in total, and the operation is
    // the whole job (the initial sign-in, refreshes' fallbacks and step-ups).
    m_operation = progressText;
    m_refreshed = false;
    setProgressText(progressText);
}

void McpCallFlow::endAuthorization()
{
    m_authorizing = false;
    setProgressText(m_operation);
}

void McpCallFlow::onInitialized(const QJsonObject &result)
{
    m_result.serverInfo = result.value(QLatin1String("serverInfo")).toObject();
    m_result.protocolVersion = m_client->protocolVersion();
    beginOperation(QStringLiteral("Listing the tools"));
    m_client->listTools();
}

void McpCallFlow::onToolsListed(const QJsonArray &tools)
{
    m_result.tools = tools;
    m_nextCall = 0;
    callNextTool();
}

void McpCallFlow::callNextTool()
{
    if (m_nextCall >= m_request.toolCalls.size()) {
        closeAndFinish();
        return;
    }
    const McpToolCall &call = m_request.toolCalls.at(m_nextCall++);
    beginOperation(QStringLiteral("Calling the tool"));
    m_client->callTool(call.name, call.arguments);
}

void McpCallFlow::onToolCalled(const QJsonObject &result)
{
    m_result.calledTool = true;
    m_result.toolResult = result;
    m_result.toolResults.append(result);
    callNextTool();
}

void McpCallFlow::onAuthorizationRequired(const BearerChallenge &challenge, int httpStatus)
{
    if (httpStatus == 403) {
        if (m_authorizations >= MaxAuthorizationsPerOperation) {
            traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Step-up limit reached"),
                      QStringLiteral("%1 authorizations for this operation").arg(m_authorizations));
            m_client->abandon(
                { Error::Code::InsufficientScope,
                  QStringLiteral("the server still wants more scope (\"%1\") after %2 "
                                 "sign-ins")
                      .arg(challenge.scope)
                      .arg(m_authorizations) });
            return;
        }
        // A refresh cannot widen scope: sign in again for the union of what
        // was requested before, what was granted and what is challenged
        // (SEP-2350).
        QStringList scopes = m_signIn.requestedScopes;
        const QStringList more
            = m_signIn.tokens.scopes + challenge.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &scope : more) {
            if (!scopes.contains(scope))
                scopes.append(scope);
        }
        traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Insufficient scope"),
                  QStringLiteral("step-up to \"%1\"").arg(scopes.join(QLatin1Char(' '))));
        signIn(scopes, challenge);
        return;
    }
    if (!m_refreshed && !m_signIn.tokens.refreshToken.isEmpty()) {
        refresh();
        return;
    }
    if (m_authorizations >= MaxAuthorizationsPerOperation) {
        m_client->abandon(
            { Error::Code::NeedsSignIn,
              QStringLiteral("still unauthorized after %1 sign-ins").arg(m_authorizations) });
        return;
    }
    signIn({}, challenge);
}

void McpCallFlow::refresh()
{
    m_refreshed = true;
    m_authorizing = true;
    setProgressText(QStringLiteral("Refreshing the access token"));
    runStepHandlingErrors(m_tokens->refresh(m_signIn.endpoint, m_signIn.tokens),
                          &McpCallFlow::onRefreshFinished);
}

void McpCallFlow::onRefreshFinished(TokenJob *job)
{
    if (job->error())
        onRefreshFailed(job->error());
    else
        onRefreshed(job->tokens());
}

void McpCallFlow::onRefreshed(const TokenSet &tokens)
{
    ++m_result.refreshes;
    m_signIn.tokens = tokens;
    Q_EMIT tokensChanged(m_signIn);
    endAuthorization();
    m_client->retryWithToken(tokens.accessToken);
}

void McpCallFlow::onRefreshFailed(const Error &error)
{
    traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Refresh failed"), error.toString());
    if (m_authorizations >= MaxAuthorizationsPerOperation) {
        m_client->abandon(error);
        return;
    }
    signIn({}, m_signIn.discovery.challenge);
}

void McpCallFlow::signIn(const QStringList &extraScopes, const BearerChallenge &challenge)
{
    if (!m_interactive) {
        m_client->abandon({ Error::Code::NeedsSignIn,
                            QStringLiteral("the server needs a (new) sign-in, and this run may not "
                                           "open one") });
        return;
    }
    ++m_authorizations;
    m_authorizing = true;
    setProgressText(QStringLiteral("Signing in"));
    delete m_signInFlow;
    m_signInFlow = new SignInFlow(m_http, m_clock, m_registrations, trace(), this);
    connect(m_signInFlow, &SignInFlow::authorizeWithBrowser, this,
            &McpCallFlow::authorizeWithBrowser);
    m_signInFlow->setAutoDelete(false); // deleted above, by the next sign-in
    SignInFlow *flow = m_signInFlow;
    connect(flow, &Job::finished, this, [this, flow] {
        if (flow->error())
            m_client->abandon(flow->error());
        else
            onSignedIn(flow->result());
    });
    flow->setRequest(m_request.settings, extraScopes, challenge);
    if (m_result.signIns > 0)
        flow->setTrustedClient(m_signIn.registration.clientId);
    flow->start();
}

void McpCallFlow::onSignedIn(const SignInResult &result)
{
    ++m_result.signIns;
    m_signIn = result;
    Q_EMIT tokensChanged(m_signIn);
    endAuthorization();
    m_client->retryWithToken(result.tokens.accessToken);
}

void McpCallFlow::closeAndFinish()
{
    m_closing = true;
    setProgressText(QStringLiteral("Closing the session"));
    m_client->close();
}

void McpCallFlow::closeAndFail(const Error &error)
{
    if (m_closing || isFinished())
        return;
    m_pendingError = error;
    m_closing = true;
    setProgressText(QStringLiteral("Closing the session"));
    m_client->close();
}

void McpCallFlow::cancelSignIn()
{
    if (m_signInFlow && !isFinished())
        m_signInFlow->cancel();
}

void McpCallFlow::doCancel()
{
    // The job ends now: no answer of the sign-in or the session is used.
    if (m_signInFlow) {
        m_signInFlow->disconnect(this);
        m_signInFlow->cancel();
    }
    if (m_client)
        m_client->disconnect(this);
    m_closing = true;
}

} // namespace Mcpa
