#pragma once

#include "core/base/error.h"
#include "core/mcp/mcpheaders.h"
#include "core/net/sseparser.h"
#include "core/oauth/wwwauthenticate.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>

namespace Mcpa {

class HttpClient;
class ServerRequestHandler;
class Trace;
struct HttpRequest;
struct HttpResponse;

/// A client of one MCP server over Streamable HTTP (MCP spec "Transports"),
/// in one of two eras:
///
/// - stateless (2026-07-28): no session. Every POST carries
///   MCP-Protocol-Version, Mcp-Method (Mcp-Name for tools/call, and
///   Mcp-Param-* for the arguments a tool marks with x-mcp-header) and
///   params._meta with the protocol version, client capabilities and
///   client info. server/discover stands in for initialize.
/// - session (2025): initialize -> notifications/initialized -> requests
///   -> DELETE of the session, Mcp-Session-Id and MCP-Protocol-Version
///   after initialize.
///
/// initialize() tries the stateless era first: server/discover. A JSON-RPC
/// error -32022 (unsupported version) is retried once with a version from
/// error.data.supported; HTTP 400/404/405 or another JSON-RPC error to
/// server/discover means a 2025-era server: the initialize handshake
/// follows. Sends "Authorization: Bearer" on every request (never in a
/// URL); accepts JSON and SSE answers. One operation at a time.
///
///   owner           McpClient                       MCP server
///     | initialize()   | POST server/discover -------->|
///     |                |<------- 400 (2025 server) ---|
///     |                | POST initialize ------------->|  (session era)
///     |                |<------- 200 (2026 server) ---|
///     |<- initialized -|                               |  (stateless era)
///
/// An SSE answer is read as it arrives: requests the server sends in it
/// ("ping", "elicitation/create") are answered with a POST of their own
/// while the stream is read on. When the stream ends without the response
/// and it had carried an event id, the client resumes it with a GET and
/// Last-Event-ID after the stream's "retry:" time (bounded, a few times).
/// With a ServerRequestHandler it also listens on the GET stream the server
/// may offer after initialize, for requests not tied to one of ours:
///
///   McpClient                                   MCP server
///     | POST tools/call ------------------------------->|
///     |<-- 200 text/event-stream: id e1, retry 500, end-|
///     |   (500 ms)                                      |
///     | GET, Last-Event-ID: e1 ------------------------>|
///     |<-- 200 text/event-stream: response to tools/call|
///
/// A stateless tools/call result with resultType "input_required" (SEP-2322,
/// multi round-trip requests) carries inputRequests and/or an opaque
/// requestState. Every input request is answered here: elicitation/create
/// through the ServerRequestHandler (declined without one), roots/list with
/// no roots; sampling, which is not declared, ends the call with an error.
/// The same request is then sent again on a new id with this round's
/// inputResponses and the requestState exactly as received (none when none
/// came); never with another request. After 10 rounds that still end in
/// input_required the call fails (McpError); a malformed input_required
/// (on another method, neither inputRequests nor requestState, wrong types)
/// is a MalformedResponse.
///
///   McpClient                                   MCP server
///     | POST tools/call (id 5) ------------------------>|
///     |<-- input_required: inputRequests, requestState -|
///     | POST tools/call (id 6), inputResponses, state -->|
///     |<----------------------------- complete result --|
///
/// Authorization problems are handed to the owner instead of being solved
/// here: on 401, or 403 with error="insufficient_scope", the request is
/// held and authorizationRequired() is emitted; the owner answers with
/// retryWithToken() (after a refresh or a step-up) or abandon().
///
///   owner           McpClient                       MCP server
///     | initialize()   | POST initialize ------------->|
///     |                |<------ 200 + Mcp-Session-Id --|
///     |                | POST notifications/initialized|
///     |<- initialized -|                               |
///     | listTools()    | POST tools/list ------------->|
///     |                |<------------------- 401 ------|
///     |<- authorizationRequired(challenge, 401)        |
///     | retryWithToken(t) | POST tools/list (Bearer t)->|
///     |<- toolsListed -|                               |
class McpClient : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected,
        Initializing,
        Ready,
        Busy,
        WaitingForAuthorization,
        Closing,
        Closed,
        Failed
    };
    Q_ENUM(State)

    McpClient(HttpClient *http, const QUrl &mcpUrl, Trace *trace = nullptr,
              QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// The bearer token for every following request (empty: none).
    void setAccessToken(const QString &token) { m_accessToken = token; }
    /// Answers the server's requests other than ping (not owned; it must
    /// outlive the client). With one that handles "elicitation/create", the
    /// elicitation capability is declared in initialize.
    void setServerRequestHandler(ServerRequestHandler *handler) { m_serverRequests = handler; }

    State state() const { return m_state; }
    QString sessionId() const { return QString::fromLatin1(m_sessionId); }
    QString protocolVersion() const { return m_protocolVersion; }
    /// Whether the server speaks the stateless era (no session, no DELETE).
    bool isStateless() const { return m_stateless; }
    /// The stateless protocol revision this client speaks.
    static QString statelessProtocolVersion();
    QJsonObject serverInfo() const { return m_serverInfo; }

    /// server/discover, or initialize for a 2025-era server.
    void initialize();
    /// All tools, following nextCursor pagination.
    void listTools();
    void callTool(const QString &name, const QJsonObject &arguments = {});
    /// DELETE of the session (when there is one); closed() follows either way.
    void close();

    /// Resends the held request with @p token (also used for later requests).
    void retryWithToken(const QString &token);
    /// Gives up the held request: failed(@p error) follows.
    void abandon(const Error &error);

Q_SIGNALS:
    void stateChanged(Mcpa::McpClient::State state);
    void initialized(const QJsonObject &result);
    void toolsListed(const QJsonArray &tools);
    /// The tools/call result (it may carry isError: true; that is the tool's answer).
    void toolCalled(const QJsonObject &result);
    void closed();
    void failed(const Mcpa::Error &error);
    /// @p httpStatus is 401 (refresh or sign in) or 403 (step-up to challenge.scope).
    void authorizationRequired(const Mcpa::BearerChallenge &challenge, int httpStatus);

private:
    /// The step a request belongs to; decides where its answer goes.
    enum class Step { Discover, Initialize, InitializedNotification, ListTools, CallTool };

    /// One JSON-RPC message on its way (kept to resend it after authorization).
    struct Outgoing
    {
        Outgoing() = default;
        Outgoing(Step step, const QString &method, qint64 id, const QJsonObject &params)
            : step(step)
            , method(method)
            , id(id)
            , params(params)
        { }

        Step step = Step::Initialize;
        QString method;
        qint64 id = 0; ///< 0 for a notification
        QJsonObject params; ///< without _meta: send() adds it in the stateless era
        /// SEP-2322: this round's answers and the server's requestState, sent
        /// with the same params; only for this request, never for another.
        QJsonObject inputResponses;
        QString requestState;
        bool hasRequestState = false;
        int inputRounds = 0; ///< input_required results answered so far
    };

    bool refuse(const QString &operation, bool allowed);
    void failLater(const Error &error);
    void fail(const Error &error);
    void setState(State state);
    void addCommonHeaders(HttpRequest *request) const;

    void sendDiscover();
    void onDiscoverAnswered(const QJsonObject &result, const HttpResponse &response);
    void fallBackToSession(const QString &why);
    bool renegotiateVersion(const HttpResponse &response);
    void addStatelessHeaders(HttpRequest *request, const Outgoing &message) const;
    bool acceptTool(const QJsonObject &tool);
    void sendInitialize();
    void onInitializeAnswered(const QJsonObject &result, const HttpResponse &response);
    void sendInitializedNotification();
    void onInitializedNotificationAnswered(const HttpResponse &response);
    void sendToolsListPage(const QString &cursor);
    void onToolsListPage(const QJsonObject &result);
    void sendToolCall(const QString &name, const QJsonObject &arguments);
    void onToolCallAnswered(const QJsonObject &result);
    void sendDelete();
    void onDeleteAnswered(const HttpResponse &response);

    void send(const Outgoing &message);
    void onAnswered(const HttpResponse &response);
    bool holdForAuthorization(const HttpResponse &response);
    Error resultOf(const HttpResponse &response, QJsonObject *result) const;
    void onResponseReceived(const HttpResponse &response);
    void onInputRequired(const QJsonObject &result);
    Error answerInputRequest(const QString &key, const QJsonObject &request, QJsonObject *answer);

    // The SSE answer, read as it arrives.
    void beginStream(HttpRequest *request);
    bool onStreamData(const QByteArray &chunk);
    bool onStreamMessage(const QJsonObject &message);
    void answerServerRequest(const QJsonObject &request);
    void onStreamEndedWithoutResponse();
    void sendResume();
    void onResumeAnswered(const HttpResponse &response);
    void openListenStream();
    void onListenStreamEnded(const HttpResponse &response);
    void stopListenStream();

    HttpClient *m_http;
    QUrl m_url;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 60000 };
    QString m_accessToken;
    State m_state = State::Disconnected;
    QByteArray m_sessionId;
    QString m_protocolVersion;
    QJsonObject m_serverInfo;
    bool m_stateless = false;
    int m_versionRetries = 0; ///< after -32022, in this initialize()
    QHash<QString, QList<McpHeaders::HeaderParameter>> m_toolHeaders; ///< by tool name
    qint64 m_nextId = 1;

    Outgoing m_outgoing; ///< the request in flight, or held for authorization
    bool m_outgoingCarriedSession = false;
    State m_stateBeforeHold = State::Disconnected;
    QJsonObject m_initializeResult;
    QJsonArray m_tools;
    int m_toolPages = 0;
    qint64 m_toolBytes = 0; ///< of all tools/list answers so far
    QString m_toolName; ///< for the trace only

    ServerRequestHandler *m_serverRequests = nullptr;
    SseParser m_sse; ///< of the stream being read
    QJsonObject m_streamedResponse; ///< the response found in a stream
    bool m_haveStreamedResponse = false;
    QByteArray m_lastEventId; ///< of the request's streams so far
    qint64 m_retryMs = -1; ///< the streams' "retry:", -1 for none
    int m_resumes = 0; ///< GETs sent for the request in flight
    QTimer m_resumeTimer;
    SseParser m_listenSse; ///< of the GET stream for server-initiated messages
    quint64 m_listenRequest = 0; ///< that GET while it runs
};

} // namespace Mcpa
