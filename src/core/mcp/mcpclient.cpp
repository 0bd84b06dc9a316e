#include "core/mcp/mcpclient.h"

#include "core/base/logging.h"
#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/mcp/jsonrpc.h"
#include "core/mcp/mcpheaders.h"
#include "core/mcp/serverrequests.h"
#include "core/net/httpclient.h"

#include <QJsonDocument>
#include <QMetaEnum>
#include <QSet>
#include <QTimer>

namespace Mcpa {

using McpHeaders::isValidProtocolVersion;
using McpHeaders::isValidSessionId;

namespace {

/// tools/list pages followed before giving up on a server that never stops.
constexpr int MaxToolPages = 100;
/// Server-provided error text is cut to this length before it reaches the user.
constexpr int MaxMessageLength = 300;
/// Tool results can be large (file contents); still bounded.
constexpr qint64 MaxBodyBytes = 4 * 1024 * 1024;
/// All tools/list pages together: what a server may make this process keep.
constexpr qint64 MaxToolListBytes = 16 * 1024 * 1024;
/// GETs that resume an event stream which ended without the response.
constexpr int MaxResumes = 3;
/// The wait before resuming when the stream named none, and the longest
/// "retry:" followed.
constexpr qint64 DefaultRetryMs = 1000;
constexpr qint64 MaxRetryMs = 30000;
/// SEP-2322: input_required results answered for one request before giving up.
constexpr int MaxInputRounds = 10;
/// Input requests in one input_required result.
constexpr int MaxInputRequests = 20;

QString stateName(McpClient::State state)
{
    return QString::fromLatin1(
        QMetaEnum::fromType<McpClient::State>().valueToKey(static_cast<int>(state)));
}

QString truncated(const QString &text)
{
    if (text.size() <= MaxMessageLength)
        return text;
    return text.left(MaxMessageLength) + QStringLiteral("...");
}

/// JSON-RPC error code: the protocol version in the request is not supported.
constexpr int UnsupportedVersionCode = -32022;

/// "-32601: Method not found" from a JSON-RPC error object.
Error jsonRpcError(const QJsonObject &error)
{
    const QJsonValue code = error.value(QLatin1String("code"));
    const QString codeText
        = code.isDouble() ? QString::number(code.toInteger()) : QStringLiteral("(no code)");
    return { Error::Code::McpError,
             codeText + QLatin1String(": ")
                 + truncated(error.value(QLatin1String("message")).toString()) };
}

} // namespace

QString McpClient::statelessProtocolVersion()
{
    return JsonRpc::statelessProtocolVersion();
}

McpClient::McpClient(HttpClient *http, const QUrl &mcpUrl, Trace *trace, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_url(mcpUrl)
    , m_trace(trace)
{
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, &McpClient::sendResume);
}

void McpClient::initialize()
{
    // A failed or closed client may start over with a new session.
    if (refuse(QStringLiteral("initialize()"),
               m_state == State::Disconnected || m_state == State::Closed
                   || m_state == State::Failed))
        return;
    m_sessionId.clear();
    m_serverInfo = {};
    m_initializeResult = {};
    m_toolHeaders.clear();
    m_versionRetries = 0;
    // The stateless era first; a 2025-era server turns it down.
    m_stateless = true;
    m_protocolVersion = JsonRpc::statelessProtocolVersion();
    setState(State::Initializing);
    sendDiscover();
}

void McpClient::listTools()
{
    if (refuse(QStringLiteral("listTools()"), m_state == State::Ready))
        return;
    setState(State::Busy);
    m_tools = {};
    m_toolPages = 0;
    m_toolBytes = 0;
    sendToolsListPage({});
}

void McpClient::callTool(const QString &name, const QJsonObject &arguments)
{
    if (refuse(QStringLiteral("callTool()"), m_state == State::Ready))
        return;
    setState(State::Busy);
    sendToolCall(name, arguments);
}

void McpClient::close()
{
    if (refuse(QStringLiteral("close()"),
               m_state != State::Initializing && m_state != State::Busy
                   && m_state != State::Closing))
        return;
    m_outgoing = {}; // a request held for authorization is dropped
    m_resumeTimer.stop();
    stopListenStream();
    setState(State::Closing);
    if (m_sessionId.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            setState(State::Closed);
            Q_EMIT closed();
        });
        return;
    }
    sendDelete();
}

void McpClient::retryWithToken(const QString &token)
{
    if (refuse(QStringLiteral("retryWithToken()"), m_state == State::WaitingForAuthorization))
        return;
    m_accessToken = token;
    setState(m_stateBeforeHold);
    traceStep(m_trace, Trace::Outcome::Info, QStringLiteral("POST ") + m_outgoing.method,
              QStringLiteral("sent again with a new access token"));
    send(m_outgoing);
}

void McpClient::abandon(const Error &error)
{
    if (refuse(QStringLiteral("abandon()"), m_state == State::WaitingForAuthorization))
        return;
    m_outgoing = {};
    traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("authorization"),
              QStringLiteral("given up: ") + error.codeName());
    setState(State::Failed);
    failLater(error);
}

// --- steps -------------------------------------------------------------------

void McpClient::sendDiscover()
{
    const qint64 id = m_nextId++;
    send({ Step::Discover, QStringLiteral("server/discover"), id, {} });
}

void McpClient::onDiscoverAnswered(const QJsonObject &result, const HttpResponse &response)
{
    m_serverInfo = result.value(QLatin1String("serverInfo")).toObject();
    m_initializeResult = result;
    // Callers read the version from the result as they do from initialize's.
    m_initializeResult.insert(QLatin1String("protocolVersion"), m_protocolVersion);
    traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("POST server/discover"),
              QStringLiteral("HTTP %1, stateless, protocol %2")
                  .arg(response.status)
                  .arg(m_protocolVersion));
    setState(State::Ready);
    Q_EMIT initialized(m_initializeResult);
}

void McpClient::fallBackToSession(const QString &why)
{
    traceStep(m_trace, Trace::Outcome::Info, QStringLiteral("POST server/discover"),
              why + QStringLiteral(": a 2025-era server, initializing a session"));
    m_stateless = false;
    m_protocolVersion.clear();
    sendInitialize();
}

/// A JSON-RPC error -32022 to a stateless request: retried once with a
/// version from error.data.supported, or the session era for server/discover.
bool McpClient::renegotiateVersion(const HttpResponse &response)
{
    const QJsonObject message = QJsonDocument::fromJson(response.body).object();
    const QJsonObject error = message.value(QLatin1String("error")).toObject();
    if (error.value(QLatin1String("code")).toInteger() != UnsupportedVersionCode)
        return false;
    const QJsonArray supported
        = error.value(QLatin1String("data")).toObject().value(QLatin1String("supported")).toArray();
    QStringList versions;
    for (const QJsonValue &version : supported) {
        if (version.isString() && isValidProtocolVersion(version.toString()))
            versions.append(version.toString());
    }
    const QString what = QStringLiteral("POST ") + m_outgoing.method;
    if (m_versionRetries >= 1) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("-32022 again: protocol %1 not supported").arg(m_protocolVersion));
        fail({ Error::Code::McpError,
               QStringLiteral("the server does not accept protocol version %1, also after "
                              "renegotiation")
                   .arg(m_protocolVersion) });
        return true;
    }
    ++m_versionRetries;
    if (versions.contains(JsonRpc::statelessProtocolVersion())) {
        traceStep(m_trace, Trace::Outcome::Info, what,
                  QStringLiteral("-32022: retrying with protocol %1")
                      .arg(JsonRpc::statelessProtocolVersion()));
        m_protocolVersion = JsonRpc::statelessProtocolVersion();
        Outgoing again = m_outgoing;
        again.id = m_nextId++;
        send(again);
        return true;
    }
    if (m_outgoing.step == Step::Discover && !versions.isEmpty()) {
        fallBackToSession(QStringLiteral("-32022, supported: %1")
                              .arg(sanitizedServerText(versions.join(QLatin1String(", ")))));
        return true;
    }
    traceStep(m_trace, Trace::Outcome::Failure, what,
              QStringLiteral("-32022: no protocol version in common"));
    fail({ Error::Code::McpError,
           QStringLiteral("the server supports no protocol version this client speaks (%1)")
               .arg(sanitizedServerText(versions.join(QLatin1String(", ")))) });
    return true;
}

/// SEP-2243: a tool whose x-mcp-header annotations are invalid is left out
/// (with a warning); the others remember which arguments become headers.
bool McpClient::acceptTool(const QJsonObject &tool)
{
    const QString name = tool.value(QLatin1String("name")).toString();
    QList<McpHeaders::HeaderParameter> headers;
    const QString problem = McpHeaders::toolHeaders(tool, &headers);
    if (!problem.isEmpty()) {
        traceStep(m_trace, Trace::Outcome::Warning, QStringLiteral("POST tools/list"),
                  QStringLiteral("tool \"%1\" left out: %2")
                      .arg(sanitizedServerText(name, 100), problem));
        return false;
    }
    m_toolHeaders.insert(name, headers);
    return true;
}

void McpClient::sendInitialize()
{
    QJsonObject capabilities;
    if (m_serverRequests && m_serverRequests->handles(QStringLiteral("elicitation/create")))
        capabilities.insert(QLatin1String("elicitation"), QJsonObject());
    const QJsonObject params {
        { QLatin1String("protocolVersion"), JsonRpc::latestProtocolVersion() },
        { QLatin1String("capabilities"), capabilities },
        { QLatin1String("clientInfo"),
          QJsonObject { { QLatin1String("name"), QLatin1String("mcp-accounts") },
                        { QLatin1String("version"), QLatin1String(MCPA_VERSION) } } },
    };
    const qint64 id = m_nextId++;
    send({ Step::Initialize, QStringLiteral("initialize"), id, params });
}

void McpClient::onInitializeAnswered(const QJsonObject &result, const HttpResponse &response)
{
    const QString version = result.value(QLatin1String("protocolVersion")).toString();
    if (version.isEmpty()) {
        traceStep(
            m_trace, Trace::Outcome::Failure, QStringLiteral("POST initialize"),
            QStringLiteral("HTTP %1, but no protocolVersion in the result").arg(response.status));
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the initialize result has no protocolVersion") });
        return;
    }
    // It goes into the MCP-Protocol-Version header of every later request.
    if (!isValidProtocolVersion(version)) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("POST initialize"),
                  QStringLiteral("HTTP %1, but the protocolVersion is not a short visible-ASCII "
                                 "word")
                      .arg(response.status));
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the server sent an invalid protocolVersion") });
        return;
    }
    const QByteArray sessionId = response.header("Mcp-Session-Id");
    if (!sessionId.isEmpty() && !isValidSessionId(sessionId)) {
        traceStep(m_trace, Trace::Outcome::Failure, QStringLiteral("POST initialize"),
                  QStringLiteral("HTTP %1, but the Mcp-Session-Id is not visible ASCII")
                      .arg(response.status));
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the server sent an invalid Mcp-Session-Id") });
        return;
    }
    m_sessionId = sessionId;
    m_protocolVersion = version;
    m_serverInfo = result.value(QLatin1String("serverInfo")).toObject();
    m_initializeResult = result;
    traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("POST initialize"),
              QStringLiteral("HTTP %1, %2, protocol %3")
                  .arg(response.status)
                  .arg(m_sessionId.isEmpty() ? QStringLiteral("no session")
                                             : QStringLiteral("session started"),
                       m_protocolVersion));
    sendInitializedNotification();
}

void McpClient::sendInitializedNotification()
{
    send({ Step::InitializedNotification, QStringLiteral("notifications/initialized"), 0, {} });
}

void McpClient::onInitializedNotificationAnswered(const HttpResponse &response)
{
    const QString what = QStringLiteral("POST notifications/initialized");
    // The spec asks for 202 Accepted; some servers answer 200.
    if (response.status != 202 && response.status != 200) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("HTTP %1, expected 202").arg(response.status));
        fail({ Error::Code::HttpStatus,
               QStringLiteral("HTTP %1 to notifications/initialized").arg(response.status) });
        return;
    }
    traceStep(m_trace, Trace::Outcome::Success, what,
              QStringLiteral("HTTP %1, ready").arg(response.status));
    if (m_serverRequests)
        openListenStream();
    setState(State::Ready);
    Q_EMIT initialized(m_initializeResult);
}

void McpClient::sendToolsListPage(const QString &cursor)
{
    QJsonObject params;
    if (!cursor.isEmpty())
        params.insert(QLatin1String("cursor"), cursor);
    const qint64 id = m_nextId++;
    send({ Step::ListTools, QStringLiteral("tools/list"), id, params });
}

void McpClient::onToolsListPage(const QJsonObject &result)
{
    const QString what = QStringLiteral("POST tools/list");
    const QJsonValue tools = result.value(QLatin1String("tools"));
    if (!tools.isArray()) {
        traceStep(m_trace, Trace::Outcome::Failure, what, QStringLiteral("no tools array"));
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the tools/list result has no tools array") });
        return;
    }
    const QJsonArray page = tools.toArray();
    for (const QJsonValue &tool : page) {
        if (!m_stateless || acceptTool(tool.toObject()))
            m_tools.append(tool);
    }
    ++m_toolPages;

    const QJsonValue next = result.value(QLatin1String("nextCursor"));
    const QString cursor = next.isString() ? next.toString() : QString();
    if (cursor.isEmpty()) {
        traceStep(
            m_trace, Trace::Outcome::Success, what,
            m_toolPages == 1
                ? QStringLiteral("%1 tools").arg(m_tools.size())
                : QStringLiteral("%1 tools in %2 pages").arg(m_tools.size()).arg(m_toolPages));
        setState(State::Ready);
        Q_EMIT toolsListed(m_tools);
        return;
    }
    if (m_toolBytes > MaxToolListBytes) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("more than %1 MiB after %2 pages, stopped")
                      .arg(MaxToolListBytes / (1024 * 1024))
                      .arg(m_toolPages));
        fail({ Error::Code::McpError,
               QStringLiteral("tools/list returned more than %1 MiB in all")
                   .arg(MaxToolListBytes / (1024 * 1024)) });
        return;
    }
    if (m_toolPages >= MaxToolPages) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("still more after %1 pages, stopped").arg(MaxToolPages));
        fail({ Error::Code::McpError,
               QStringLiteral("tools/list did not end after %1 pages").arg(MaxToolPages) });
        return;
    }
    traceStep(m_trace, Trace::Outcome::Info, what,
              QStringLiteral("page %1: %2 tools, more follow").arg(m_toolPages).arg(page.size()));
    sendToolsListPage(cursor);
}

void McpClient::sendToolCall(const QString &name, const QJsonObject &arguments)
{
    m_toolName = name;
    const QJsonObject params { { QLatin1String("name"), name },
                               { QLatin1String("arguments"), arguments } };
    const qint64 id = m_nextId++;
    send({ Step::CallTool, QStringLiteral("tools/call"), id, params });
}

void McpClient::onToolCallAnswered(const QJsonObject &result)
{
    const bool toolError = result.value(QLatin1String("isError")).toBool();
    traceStep(m_trace, Trace::Outcome::Success, QStringLiteral("POST tools/call"),
              toolError ? QStringLiteral("%1: the tool reported an error").arg(m_toolName)
                        : QStringLiteral("%1: result received").arg(m_toolName));
    setState(State::Ready);
    Q_EMIT toolCalled(result);
}

void McpClient::sendDelete()
{
    HttpRequest request;
    request.method = HttpRequest::Method::Delete;
    addCommonHeaders(&request);
    qCDebug(lcMcp) << "DELETE session";
    m_http->send(request, this,
                 [this](const HttpResponse &response) { onDeleteAnswered(response); });
}

void McpClient::onDeleteAnswered(const HttpResponse &response)
{
    // The session is the server's to forget: 405 (no explicit termination),
    // 404 (already gone) or a transport error all end it on our side too.
    const QString what = QStringLiteral("DELETE session");
    if (response.error) {
        traceStep(m_trace, Trace::Outcome::Warning, what,
                  response.error.codeName() + QStringLiteral(", closed anyway"));
    } else if (response.status >= 200 && response.status <= 299) {
        traceStep(m_trace, Trace::Outcome::Success, what,
                  QStringLiteral("HTTP %1, session ended").arg(response.status));
    } else {
        traceStep(m_trace, Trace::Outcome::Info, what,
                  QStringLiteral("HTTP %1, closed anyway").arg(response.status));
    }
    m_sessionId.clear();
    setState(State::Closed);
    Q_EMIT closed();
}

// --- one request and its answer --------------------------------------------

void McpClient::addCommonHeaders(HttpRequest *request) const
{
    request->url = m_url;
    request->timeout = m_timeout;
    request->maxBodyBytes = MaxBodyBytes;
    if (!m_accessToken.isEmpty())
        request->headers.append(
            { "Authorization", QByteArray("Bearer " + m_accessToken.toUtf8()) });
    if (!m_sessionId.isEmpty())
        request->headers.append({ "Mcp-Session-Id", m_sessionId });
    if (!m_protocolVersion.isEmpty())
        request->headers.append({ "MCP-Protocol-Version", m_protocolVersion.toLatin1() });
}

void McpClient::addStatelessHeaders(HttpRequest *request, const Outgoing &message) const
{
    McpHeaders::addStatelessHeaders(
        &request->headers, message.method, message.params,
        m_toolHeaders.value(message.params.value(QLatin1String("name")).toString()));
}

void McpClient::send(const Outgoing &message)
{
    m_outgoing = message;
    m_outgoingCarriedSession = !m_sessionId.isEmpty();
    QJsonObject params = message.params;
    if (m_stateless) {
        QJsonObject meta = params.value(QLatin1String("_meta")).toObject();
        meta.insert(QLatin1String("io.modelcontextprotocol/protocolVersion"), m_protocolVersion);
        QJsonObject capabilities;
        if (m_serverRequests && m_serverRequests->handles(QStringLiteral("elicitation/create")))
            capabilities.insert(QLatin1String("elicitation"), QJsonObject());
        meta.insert(QLatin1String("io.modelcontextprotocol/clientCapabilities"), capabilities);
        meta.insert(QLatin1String("io.modelcontextprotocol/clientInfo"),
                    QJsonObject { { QLatin1String("name"), QLatin1String("mcp-accounts") },
                                  { QLatin1String("version"), QLatin1String(MCPA_VERSION) } });
        params.insert(QLatin1String("_meta"), meta);
    }
    if (message.inputRounds > 0) {
        if (!message.inputResponses.isEmpty())
            params.insert(QLatin1String("inputResponses"), message.inputResponses);
        if (message.hasRequestState)
            params.insert(QLatin1String("requestState"), message.requestState);
    }
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.body = message.id == 0 ? JsonRpc::notification(message.method, params)
                                   : JsonRpc::request(message.id, message.method, params);
    request.headers = { { "Content-Type", "application/json" },
                        { "Accept", "application/json, text/event-stream" } };
    addCommonHeaders(&request);
    if (m_stateless)
        addStatelessHeaders(&request, message);
    m_lastEventId.clear();
    m_retryMs = -1;
    m_resumes = 0;
    if (message.id != 0)
        beginStream(&request);
    qCDebug(lcMcp) << "POST" << message.method << "id" << message.id;
    m_http->send(request, this, [this](const HttpResponse &response) { onAnswered(response); });
}

void McpClient::onAnswered(const HttpResponse &response)
{
    const QString what = QStringLiteral("POST ") + m_outgoing.method;
    if (response.error) {
        traceStep(m_trace, Trace::Outcome::Failure, what, response.error.toString());
        fail(response.error);
        return;
    }
    if (holdForAuthorization(response))
        return;
    if (m_stateless && renegotiateVersion(response))
        return;
    if (m_outgoing.step == Step::Discover
        && (response.status == 400 || response.status == 404 || response.status == 405)) {
        // 2025-era servers refuse a request before initialize: 400 (no
        // session), 404 or 405 (no such endpoint or method).
        fallBackToSession(QStringLiteral("HTTP %1").arg(response.status));
        return;
    }
    if (response.status == 404 && m_outgoingCarriedSession) {
        // The server ended the session (restart, expiry): the spec's answer is
        // a new initialize, which is the owner's decision.
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("HTTP 404, session expired"));
        m_sessionId.clear();
        fail({ Error::Code::McpError,
               QStringLiteral("session expired: the server no longer knows this MCP session; "
                              "initialize again") });
        return;
    }
    if (m_outgoing.step == Step::InitializedNotification) {
        onInitializedNotificationAnswered(response);
        return;
    }
    if (response.status >= 200 && response.status <= 299
        && response.mediaType() == "text/event-stream" && !m_haveStreamedResponse) {
        onStreamEndedWithoutResponse();
        return;
    }
    onResponseReceived(response);
}

void McpClient::onResponseReceived(const HttpResponse &response)
{
    const QString what = QStringLiteral("POST ") + m_outgoing.method;
    QJsonObject result;
    const Error error = resultOf(response, &result);
    if (error && m_outgoing.step == Step::Discover && error.code() == Error::Code::McpError) {
        fallBackToSession(QStringLiteral("a JSON-RPC error"));
        return;
    }
    if (error) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("HTTP %1, %2").arg(response.status).arg(error.codeName()));
        fail(error);
        return;
    }
    if (result.value(QLatin1String("resultType")).toString() == QLatin1String("input_required")) {
        onInputRequired(result);
        return;
    }
    switch (m_outgoing.step) {
    case Step::Discover:
        onDiscoverAnswered(result, response);
        return;
    case Step::Initialize:
        onInitializeAnswered(result, response);
        return;
    case Step::ListTools:
        m_toolBytes += response.body.size();
        onToolsListPage(result);
        return;
    case Step::CallTool:
        onToolCallAnswered(result);
        return;
    case Step::InitializedNotification:
        break;
    }
}

/// SEP-2322: answers the result's inputRequests and sends the same request
/// again, on a new id, with inputResponses and the requestState as received.
void McpClient::onInputRequired(const QJsonObject &result)
{
    const QString what = QStringLiteral("POST ") + m_outgoing.method;
    const QJsonValue requests = result.value(QLatin1String("inputRequests"));
    const QJsonValue state = result.value(QLatin1String("requestState"));
    const QJsonObject inputRequests = requests.toObject();
    QString problem;
    if (!m_stateless)
        problem = QStringLiteral("input_required, which is not part of protocol %1")
                      .arg(m_protocolVersion);
    else if (m_outgoing.step != Step::CallTool)
        // Only prompts/get, resources/read and tools/call may ask for input.
        problem = QStringLiteral("input_required, which a server must not send for %1")
                      .arg(m_outgoing.method);
    else if (!requests.isUndefined() && !requests.isObject())
        problem = QStringLiteral("input_required whose inputRequests is not an object");
    else if (!state.isUndefined() && !state.isString())
        problem = QStringLiteral("input_required whose requestState is not a string");
    else if (inputRequests.isEmpty() && state.isUndefined())
        // Nothing to answer and nothing to echo: the retry would be the same request.
        problem = QStringLiteral("input_required with neither inputRequests nor requestState");
    else if (inputRequests.size() > MaxInputRequests)
        problem = QStringLiteral("input_required with more than %1 inputRequests")
                      .arg(MaxInputRequests);
    for (auto it = inputRequests.begin(); problem.isEmpty() && it != inputRequests.end(); ++it) {
        const QJsonObject request = it.value().toObject();
        if (!it.value().isObject() || !request.value(QLatin1String("method")).isString()
            || (request.contains(QLatin1String("params"))
                && !request.value(QLatin1String("params")).isObject()))
            problem = QStringLiteral("input_required whose input request \"%1\" is not a request "
                                     "(method and params)")
                          .arg(sanitizedServerText(it.key(), 60));
    }
    if (!problem.isEmpty()) {
        traceStep(m_trace, Trace::Outcome::Failure, what, problem);
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the server answered %1 with %2").arg(m_outgoing.method, problem) });
        return;
    }
    if (m_outgoing.inputRounds >= MaxInputRounds) {
        traceStep(
            m_trace, Trace::Outcome::Failure, what,
            QStringLiteral("input_required again after %1 rounds, stopped").arg(MaxInputRounds));
        fail({ Error::Code::McpError,
               QStringLiteral("the server still asks for input to %1 \"%2\" after %3 rounds of "
                              "answers; given up")
                   .arg(m_outgoing.method,
                        sanitizedServerText(
                            m_outgoing.params.value(QLatin1String("name")).toString(), 100))
                   .arg(MaxInputRounds) });
        return;
    }
    QJsonObject responses;
    for (auto it = inputRequests.begin(); it != inputRequests.end(); ++it) {
        QJsonObject answer;
        const Error error = answerInputRequest(it.key(), it.value().toObject(), &answer);
        if (error) {
            traceStep(m_trace, Trace::Outcome::Failure, what,
                      QStringLiteral("input_required: ") + error.detail());
            fail(error);
            return;
        }
        responses.insert(it.key(), answer);
    }
    // The same method and params, this round's answers only, a new id.
    Outgoing again = m_outgoing;
    again.id = m_nextId++;
    again.inputResponses = responses;
    again.hasRequestState = state.isString();
    again.requestState = state.toString();
    ++again.inputRounds;
    traceStep(m_trace, Trace::Outcome::Info, what,
              QStringLiteral("input_required: %1 input requests answered, %2, sent again (round "
                             "%3 of at most %4)")
                  .arg(responses.size())
                  .arg(again.hasRequestState ? QStringLiteral("requestState echoed")
                                             : QStringLiteral("no requestState"))
                  .arg(again.inputRounds)
                  .arg(MaxInputRounds));
    send(again);
}

/// One input request's result: elicitation through the handler (declined
/// without one, or when it fails), roots/list with no roots (this client
/// offers none); other methods (sampling, which this client does not
/// declare) end the request.
Error McpClient::answerInputRequest(const QString &key, const QJsonObject &request,
                                    QJsonObject *answer)
{
    const QString method = request.value(QLatin1String("method")).toString();
    const QString what = QStringLiteral("input request \"%1\" (%2)")
                             .arg(sanitizedServerText(key, 60), sanitizedServerText(method, 60));
    if (method == QLatin1String("elicitation/create")) {
        if (m_serverRequests && m_serverRequests->handles(method)) {
            Error error;
            const QJsonObject result = m_serverRequests->answer(
                method, request.value(QLatin1String("params")).toObject(), &error);
            if (!error) {
                *answer = result;
                traceStep(m_trace, Trace::Outcome::Info, what,
                          QStringLiteral("answered: ")
                              + result.value(QLatin1String("action")).toString());
                return {};
            }
            traceStep(m_trace, Trace::Outcome::Warning, what,
                      QStringLiteral("failed, declined: ") + error.codeName());
        } else {
            traceStep(m_trace, Trace::Outcome::Info, what,
                      QStringLiteral("declined (no one to ask)"));
        }
        *answer = QJsonObject { { QLatin1String("action"), QLatin1String("decline") } };
        return {};
    }
    if (method == QLatin1String("roots/list")) {
        *answer = QJsonObject { { QLatin1String("roots"), QJsonArray() } };
        traceStep(m_trace, Trace::Outcome::Info, what, QStringLiteral("answered: no roots"));
        return {};
    }
    return { Error::Code::McpError,
             QStringLiteral("the server asks for %1, which this client does not offer").arg(what) };
}

bool McpClient::holdForAuthorization(const HttpResponse &response)
{
    if (response.status != 401 && response.status != 403)
        return false;
    const BearerChallenge challenge = WwwAuthenticate::bearer(
        WwwAuthenticate::parse(response.headerValues("WWW-Authenticate")));
    if (response.status == 403 && challenge.error != QLatin1String("insufficient_scope"))
        return false; // a plain refusal: no token will change it
    traceStep(m_trace, Trace::Outcome::Warning, QStringLiteral("POST ") + m_outgoing.method,
              response.status == 401
                  ? QStringLiteral("401: authorization required")
                  : QStringLiteral("403: insufficient scope, needs \"%1\"").arg(challenge.scope));
    m_stateBeforeHold = m_state;
    setState(State::WaitingForAuthorization);
    Q_EMIT authorizationRequired(challenge, response.status);
    return true;
}

Error McpClient::resultOf(const HttpResponse &response, QJsonObject *result) const
{
    if (response.status < 200 || response.status > 299)
        return { Error::Code::HttpStatus,
                 QStringLiteral("HTTP %1 to %2").arg(response.status).arg(m_outgoing.method) };
    QJsonObject message = m_streamedResponse;
    if (!m_haveStreamedResponse) {
        const Error error = JsonRpc::findResponse(response, m_outgoing.id, &message);
        if (error)
            return error;
    }
    if (message.contains(QLatin1String("error")))
        return jsonRpcError(message.value(QLatin1String("error")).toObject());
    const QJsonValue value = message.value(QLatin1String("result"));
    if (!value.isObject())
        return { Error::Code::MalformedResponse,
                 QStringLiteral("the %1 result is not an object").arg(m_outgoing.method) };
    // A result without resultType is complete.
    const QString resultType = value.toObject().value(QLatin1String("resultType")).toString();
    // input_required is for onInputRequired() to answer.
    if (!resultType.isEmpty() && resultType != QLatin1String("complete")
        && resultType != QLatin1String("input_required"))
        return { Error::Code::MalformedResponse,
                 QStringLiteral("the %1 result has an unknown resultType").arg(m_outgoing.method) };
    *result = value.toObject();
    return {};
}

// --- the SSE answer, read as it arrives ---------------------------------------

void McpClient::beginStream(HttpRequest *request)
{
    m_sse = SseParser();
    m_streamedResponse = {};
    m_haveStreamedResponse = false;
    request->onStreamData = [this](const HttpResponse &head, const QByteArray &chunk) {
        if (head.status < 200 || head.status > 299)
            return false;
        return onStreamData(chunk);
    };
}

bool McpClient::onStreamData(const QByteArray &chunk)
{
    const QList<SseEvent> events = m_sse.feed(chunk);
    if (!m_sse.lastEventId().isEmpty())
        m_lastEventId = m_sse.lastEventId();
    if (m_sse.retryMs() >= 0)
        m_retryMs = m_sse.retryMs();
    for (const SseEvent &event : events) {
        if (event.event != "message" || event.data.trimmed().isEmpty())
            continue; // a priming event, or one that is not for us
        const QJsonDocument document = QJsonDocument::fromJson(event.data);
        QJsonArray messages = document.array();
        if (document.isObject())
            messages = { document.object() };
        for (const QJsonValue &message : std::as_const(messages)) {
            if (message.isObject() && onStreamMessage(message.toObject()))
                return false; // the response is here: the stream has served
        }
    }
    return true;
}

bool McpClient::onStreamMessage(const QJsonObject &message)
{
    if (message.contains(QLatin1String("method"))) {
        if (message.contains(QLatin1String("id")))
            answerServerRequest(message);
        return false; // a notification: nothing to do with it
    }
    const QJsonValue id = message.value(QLatin1String("id"));
    if (!id.isDouble() || id.toDouble() != static_cast<double>(m_outgoing.id)
        || (!message.contains(QLatin1String("result"))
            && !message.contains(QLatin1String("error"))))
        return false;
    m_streamedResponse = message;
    m_haveStreamedResponse = true;
    return true;
}

void McpClient::answerServerRequest(const QJsonObject &request)
{
    const QString method = request.value(QLatin1String("method")).toString();
    const QJsonValue id = request.value(QLatin1String("id"));
    const QString what = QStringLiteral("server request ") + sanitizedServerText(method, 60);
    QByteArray body;
    if (method == QLatin1String("ping")) {
        body = JsonRpc::response(id, {});
        traceStep(m_trace, Trace::Outcome::Info, what, QStringLiteral("answered"));
    } else if (m_serverRequests && m_serverRequests->handles(method)) {
        Error error;
        const QJsonObject result = m_serverRequests->answer(
            method, request.value(QLatin1String("params")).toObject(), &error);
        if (error) {
            body = JsonRpc::errorResponse(id, -32603, error.detail());
            traceStep(m_trace, Trace::Outcome::Warning, what,
                      QStringLiteral("failed: ") + error.codeName());
        } else {
            body = JsonRpc::response(id, result);
            const QString action = result.value(QLatin1String("action")).toString();
            traceStep(m_trace, Trace::Outcome::Info, what,
                      action.isEmpty() ? QStringLiteral("answered")
                                       : QStringLiteral("answered: ") + action);
        }
    } else {
        body = JsonRpc::errorResponse(id, -32601, QStringLiteral("Method not found"));
        traceStep(m_trace, Trace::Outcome::Info, what, QStringLiteral("not supported (-32601)"));
    }

    HttpRequest post;
    post.method = HttpRequest::Method::Post;
    post.body = body;
    post.headers = { { "Content-Type", "application/json" },
                     { "Accept", "application/json, text/event-stream" } };
    addCommonHeaders(&post);
    m_http->send(post, this, [this, what](const HttpResponse &response) {
        if (response.error)
            traceStep(m_trace, Trace::Outcome::Warning, what,
                      QStringLiteral("the answer was not delivered: ") + response.error.codeName());
        else if (response.status < 200 || response.status > 299)
            traceStep(m_trace, Trace::Outcome::Warning, what,
                      QStringLiteral("the answer got HTTP %1").arg(response.status));
    });
}

void McpClient::onStreamEndedWithoutResponse()
{
    const QString what = QStringLiteral("POST ") + m_outgoing.method;
    if (m_lastEventId.isEmpty()) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("the event stream ended without the response"));
        fail({ Error::Code::MalformedResponse,
               QStringLiteral("the server's event stream for %1 ended without the response "
                              "and without an event id to resume from")
                   .arg(m_outgoing.method) });
        return;
    }
    if (m_resumes >= MaxResumes) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("no response after %1 resumed streams").arg(m_resumes));
        fail({ Error::Code::McpError,
               QStringLiteral("the server's event stream for %1 ended without the response, "
                              "also after resuming it %2 times")
                   .arg(m_outgoing.method)
                   .arg(m_resumes) });
        return;
    }
    const qint64 delay = m_retryMs >= 0 ? qMin(m_retryMs, MaxRetryMs) : DefaultRetryMs;
    ++m_resumes;
    traceStep(m_trace, Trace::Outcome::Info, what,
              QStringLiteral("the event stream ended without the response; resuming in %1 ms "
                             "(%2 of %3)")
                  .arg(delay)
                  .arg(m_resumes)
                  .arg(MaxResumes));
    m_resumeTimer.start(std::chrono::milliseconds(delay));
}

void McpClient::sendResume()
{
    if (m_state != State::Busy && m_state != State::Initializing)
        return; // closed or failed meanwhile
    HttpRequest request;
    request.method = HttpRequest::Method::Get;
    request.headers = { { "Accept", "text/event-stream" }, { "Last-Event-ID", m_lastEventId } };
    addCommonHeaders(&request);
    beginStream(&request);
    qCDebug(lcMcp) << "GET to resume" << m_outgoing.method << "id" << m_outgoing.id;
    m_http->send(request, this,
                 [this](const HttpResponse &response) { onResumeAnswered(response); });
}

void McpClient::onResumeAnswered(const HttpResponse &response)
{
    const QString what = QStringLiteral("GET (resuming %1)").arg(m_outgoing.method);
    if (response.error) {
        traceStep(m_trace, Trace::Outcome::Failure, what, response.error.toString());
        fail(response.error);
        return;
    }
    if (response.status < 200 || response.status > 299) {
        traceStep(m_trace, Trace::Outcome::Failure, what,
                  QStringLiteral("HTTP %1").arg(response.status));
        fail({ Error::Code::HttpStatus,
               QStringLiteral("HTTP %1 to the GET that resumes the event stream for %2")
                   .arg(response.status)
                   .arg(m_outgoing.method) });
        return;
    }
    if (response.mediaType() != "text/event-stream") {
        traceStep(m_trace, Trace::Outcome::Failure, what, QStringLiteral("not an event stream"));
        fail({ Error::Code::UnexpectedContentType,
               QStringLiteral("the GET that resumes the event stream got no text/event-stream") });
        return;
    }
    if (!m_haveStreamedResponse) {
        onStreamEndedWithoutResponse();
        return;
    }
    traceStep(m_trace, Trace::Outcome::Info, what, QStringLiteral("the response arrived"));
    onResponseReceived(response);
}

void McpClient::openListenStream()
{
    HttpRequest request;
    request.method = HttpRequest::Method::Get;
    request.headers = { { "Accept", "text/event-stream" } };
    addCommonHeaders(&request);
    m_listenSse = SseParser();
    request.onStreamData = [this](const HttpResponse &head, const QByteArray &chunk) {
        if (head.status < 200 || head.status > 299)
            return false;
        const QList<SseEvent> events = m_listenSse.feed(chunk);
        for (const SseEvent &event : events) {
            if (event.event != "message" || event.data.trimmed().isEmpty())
                continue;
            const QJsonDocument document = QJsonDocument::fromJson(event.data);
            const QJsonObject message = document.object();
            // Only requests: responses do not travel here unless resuming.
            if (message.contains(QLatin1String("method")) && message.contains(QLatin1String("id")))
                answerServerRequest(message);
        }
        return true;
    };
    qCDebug(lcMcp) << "GET to listen for server requests";
    m_listenRequest = m_http->send(
        request, this, [this](const HttpResponse &response) { onListenStreamEnded(response); });
}

void McpClient::onListenStreamEnded(const HttpResponse &response)
{
    m_listenRequest = 0;
    const QString what = QStringLiteral("GET (listening for server requests)");
    if (response.error.code() == Error::Code::Cancelled)
        return; // stopped by us
    if (response.error)
        traceStep(m_trace, Trace::Outcome::Info, what, response.error.codeName());
    else if (response.status == 405)
        traceStep(m_trace, Trace::Outcome::Info, what,
                  QStringLiteral("HTTP 405, the server offers no such stream"));
    else
        traceStep(m_trace, Trace::Outcome::Info, what,
                  QStringLiteral("HTTP %1, ended").arg(response.status));
}

void McpClient::stopListenStream()
{
    if (m_listenRequest != 0)
        m_http->abort(m_listenRequest);
    m_listenRequest = 0;
}

// --- state -------------------------------------------------------------------

bool McpClient::refuse(const QString &operation, bool allowed)
{
    if (allowed)
        return false;
    const QString when = m_state == State::Disconnected
        ? QStringLiteral("before initialize()")
        : QStringLiteral("while %1").arg(stateName(m_state));
    qCWarning(lcMcp).noquote() << operation << when;
    // A misuse does not disturb the operation in progress: no state change.
    failLater({ Error::Code::Internal, operation + QLatin1Char(' ') + when });
    return true;
}

void McpClient::failLater(const Error &error)
{
    QTimer::singleShot(0, this, [this, error] { Q_EMIT failed(error); });
}

void McpClient::fail(const Error &error)
{
    qCDebug(lcMcp) << "failed:" << error.codeName();
    m_resumeTimer.stop();
    stopListenStream();
    setState(State::Failed);
    Q_EMIT failed(error);
}

void McpClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Mcpa
