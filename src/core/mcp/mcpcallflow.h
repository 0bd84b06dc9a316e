#pragma once

#include "core/base/error.h"
#include "core/base/job.h"
#include "core/oauth/signinflow.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Mcpa {

class Clock;
class HttpClient;
class McpClient;
class RegistrationCache;
class ServerRequestHandler;
class Trace;

/// One tools/call: the tool's name and its arguments.
struct McpToolCall
{
    QString name;
    QJsonObject arguments;
};

struct McpCallRequest
{
    ServerSettings settings;
    QList<McpToolCall> toolCalls; ///< called in order, in one session; none: only list
    /// Answers the server's requests (elicitation); not owned, may be null.
    ServerRequestHandler *serverRequests = nullptr;
};

struct McpCallResult
{
    QJsonObject serverInfo;
    QString protocolVersion;
    QJsonArray tools;
    bool calledTool = false;
    QJsonObject toolResult; ///< of the last call
    QList<QJsonObject> toolResults; ///< one per call, in order
    int signIns = 0;
    int refreshes = 0;
};

/// Uses an MCP server end to end: initialize (or server/discover), list the
/// tools, call the requested ones in order, close the session, signing in and refreshing as needed:
///   401 -> refresh once (when there is a refresh token) and retry;
///          still 401, or no refresh token -> sign in (if allowed) and retry
///   403 insufficient_scope -> step-up: sign in again for the union of the
///          granted and challenged scopes
/// at most 3 sign-ins (authorization requests) in all, for the whole job (SEP-2350). A job:
/// result() once it has succeeded, signIn() the tokens it used; it ends after the session is
/// closed, also when it fails. progressText() names the step.
class McpCallFlow : public Job
{
    Q_OBJECT
public:
    McpCallFlow(HttpClient *http, const Clock *clock, RegistrationCache *registrations,
                const McpCallRequest &request, Trace *trace = nullptr, QObject *parent = nullptr);

    /// Tokens from an earlier sign-in, used first.
    void setSignIn(const SignInResult &signIn) { m_signIn = signIn; }
    /// Whether a sign-in (a browser) may be started; otherwise NeedsSignIn.
    void setInteractive(bool interactive) { m_interactive = interactive; }

    /// What the server said.
    McpCallResult result() const { return m_result; }
    /// The latest sign-in state (tokens after refreshes and step-ups).
    SignInResult signIn() const { return m_signIn; }
    /// True while it refreshes or signs in; after cancel(), whether it did.
    bool isAuthorizing() const { return m_authorizing; }

    /// Cancels a running sign-in: the job then ends with the sign-in's
    /// error, after closing the session, as when a sign-in fails. Does
    /// nothing unless a sign-in runs.
    void cancelSignIn();

    static constexpr int MaxAuthorizationsPerOperation = 3;

Q_SIGNALS:
    void authorizeWithBrowser(const QUrl &url);
    /// New tokens were obtained (sign-in, refresh or step-up): persist them.
    void tokensChanged(const Mcpa::SignInResult &signIn);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onInitialized(const QJsonObject &result);
    void onToolsListed(const QJsonArray &tools);
    void callNextTool();
    void onToolCalled(const QJsonObject &result);
    void onAuthorizationRequired(const BearerChallenge &challenge, int httpStatus);
    void refresh();
    void onRefreshFinished(TokenJob *job);
    void onRefreshed(const TokenSet &tokens);
    void onRefreshFailed(const Error &error);
    void signIn(const QStringList &extraScopes, const BearerChallenge &challenge);
    void onSignedIn(const SignInResult &result);
    void closeAndFinish();
    void closeAndFail(const Error &error);
    void beginOperation(const QString &progressText);
    void endAuthorization();

    HttpClient *m_http;
    const Clock *m_clock;
    RegistrationCache *m_registrations;
    McpClient *m_client = nullptr;
    SignInFlow *m_signInFlow = nullptr;
    TokenClient *m_tokens;
    McpCallRequest m_request;
    McpCallResult m_result;
    SignInResult m_signIn;
    bool m_interactive = true;
    QString m_operation; ///< the progress text of the running operation
    bool m_authorizing = false;
    bool m_closing = false;
    int m_authorizations = 0;
    bool m_refreshed = false;
    int m_nextCall = 0; ///< index into m_request.toolCalls
    Error m_pendingError;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::McpCallResult)
