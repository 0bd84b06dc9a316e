#pragma once

#include "core/base/error.h"
#include "core/oauth/signinflow.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

namespace Mcpa {

class Clock;
class HttpClient;
class McpClient;
class RegistrationCache;
class Trace;

struct McpCallRequest
{
    ServerSettings settings;
    QString toolName; ///< empty: only list the tools
    QJsonObject arguments;
};

struct McpCallResult
{
    QJsonObject serverInfo;
    QString protocolVersion;
    QJsonArray tools;
    bool calledTool = false;
    QJsonObject toolResult;
    int signIns = 0;
    int refreshes = 0;
};

/// Uses an MCP server end to end: initialize, list the tools, optionally
/// call one, close the session, signing in and refreshing as needed:
///   401 -> refresh once (when there is a refresh token) and retry;
///          still 401, or no refresh token -> sign in (if allowed) and retry
///   403 insufficient_scope -> step-up: sign in again for the union of the
///          granted and challenged scopes
/// at most 3 sign-ins per operation.
class McpCallFlow : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle,
        Initializing,
        ListingTools,
        CallingTool,
        Authorizing,
        Closing,
        Finished,
        Failed
    };
    Q_ENUM(State)

    McpCallFlow(HttpClient *http, const Clock *clock, RegistrationCache *registrations,
                Trace *trace = nullptr, QObject *parent = nullptr);

    /// Tokens from an earlier sign-in, used first.
    void setSignIn(const SignInResult &signIn) { m_signIn = signIn; }
    /// Whether a sign-in (a browser) may be started; otherwise NeedsSignIn.
    void setInteractive(bool interactive) { m_interactive = interactive; }

    void start(const McpCallRequest &request);
    void cancel();

    State state() const { return m_state; }
    /// The latest sign-in state (tokens after refreshes and step-ups).
    SignInResult signIn() const { return m_signIn; }

    static constexpr int MaxAuthorizationsPerOperation = 3;

Q_SIGNALS:
    void stateChanged(Mcpa::McpCallFlow::State state);
    void authorizeWithBrowser(const QUrl &url);
    /// New tokens were obtained (sign-in, refresh or step-up): persist them.
    void tokensChanged(const Mcpa::SignInResult &signIn);
    void succeeded(const Mcpa::McpCallResult &result);
    void failed(const Mcpa::Error &error);

private:
    void onInitialized(const QJsonObject &result);
    void onToolsListed(const QJsonArray &tools);
    void onToolCalled(const QJsonObject &result);
    void onAuthorizationRequired(const BearerChallenge &challenge, int httpStatus);
    void refresh();
    void onRefreshed(const TokenSet &tokens);
    void onRefreshFailed(const Error &error);
    void signIn(const QStringList &extraScopes, const BearerChallenge &challenge);
    void onSignedIn(const SignInResult &result);
    void closeAndFinish();
    void closeAndFail(const Error &error);
    void beginOperation(State state);
    void setState(State state);

    HttpClient *m_http;
    const Clock *m_clock;
    RegistrationCache *m_registrations;
    Trace *m_trace;
    McpClient *m_client = nullptr;
    SignInFlow *m_signInFlow = nullptr;
    TokenClient *m_tokens;
    McpCallRequest m_request;
    McpCallResult m_result;
    SignInResult m_signIn;
    bool m_interactive = true;
    State m_state = State::Idle;
    State m_operation = State::Idle;
    int m_authorizations = 0;
    bool m_refreshed = false;
    Error m_pendingError;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::McpCallResult)
