#include "core/mcp/bridge.h"

#include "core/base/servertext.h"
#include "core/mcp/jsonrpc.h"
#include "core/net/httpclient.h"
#include "core/oauth/wwwauthenticate.h"

#include <QJsonDocument>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace Mcpa {

namespace {

/// JSON-RPC error codes the bridge answers with itself.
constexpr int ParseErrorCode = -32700;
constexpr int InvalidRequestCode = -32600;
constexpr int InternalErrorCode = -32603;
/// Implementation-defined (JSON-RPC reserves -32000 to -32099): no usable
/// authorization; the message says what to run.
constexpr int AuthorizationErrorCode = -32001;

/// 401s answered with a new token before the request fails.
constexpr int MaxTokenRetries = 2;
/// GETs that resume an event stream which ended without the response.
constexpr int MaxResumes = 3;
constexpr qint64 DefaultRetryMs = 1000;
constexpr qint64 MaxRetryMs = 30000;
/// Times in a row the GET listening stream may fail before it is given up.
constexpr int MaxListenFailures = 5;
/// The GET listening stream may stay quiet for long.
constexpr std::chrono::hours ListenTimeout(12);
/// DELETE of the session at the end: the client is waiting for us to exit.
constexpr std::chrono::seconds DeleteTimeout(2);

const QLatin1String MetaVersionKey("io.modelcontextprotocol/protocolVersion");

QString methodOf(const QJsonObject &message)
{
    return message.value(QLatin1String("method")).toString();
}

bool isResponse(const QJsonObject &message)
{
    return !message.contains(QLatin1String("method")) && message.contains(QLatin1String("id"))
        && (message.contains(QLatin1String("result")) || message.contains(QLatin1String("error")));
}

bool isRequest(const QJsonObject &message)
{
    return message.contains(QLatin1String("method")) && message.contains(QLatin1String("id"));
}

QString idText(const QJsonValue &id)
{
    if (id.isDouble())
        return QString::number(id.toInteger());
    if (id.isString())
        return sanitizedServerText(id.toString(), 40);
    return QStringLiteral("null");
}

/// The tool a tools/call message calls (sanitized), or nothing.
QString toolOf(const QJsonValue &message)
{
    const QJsonObject object = message.toObject();
    if (methodOf(object) != QLatin1String("tools/call"))
        return {};
    return sanitizedServerText(
        object.value(QLatin1String("params")).toObject().value(QLatin1String("name")).toString(),
        80);
}

bool isSuccess(int status)
{
    return status >= 200 && status <= 299;
}

} // namespace

McpBridge::McpBridge(HttpClient *http, BridgeTokenSource *tokens, const Options &options,
                     QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_tokens(tokens)
    , m_options(options)
{
    m_listenTimer.setSingleShot(true);
    connect(&m_listenTimer, &QTimer::timeout, this, &McpBridge::openListenStream);
}

McpBridge::~McpBridge() = default;

void McpBridge::doStart()
{
    if (!m_options.url.isValid()) {
        emitResult({ Error::Code::InvalidUrl, QStringLiteral("no MCP server URL") });
        return;
    }
    m_inputNotifier = new QSocketNotifier(m_options.inputFd, QSocketNotifier::Read, this);
    connect(m_inputNotifier, &QSocketNotifier::activated, this, &McpBridge::onInputReady);
    debug(QStringLiteral("forwarding to %1").arg(m_options.url.toDisplayString()));
}

void McpBridge::doCancel()
{
    m_shuttingDown = true;
    if (m_inputNotifier)
        m_inputNotifier->setEnabled(false);
    m_listenTimer.stop();
    m_http->abortAll();
}

void McpBridge::stop()
{
    shutDown(QStringLiteral("asked to stop"));
}

// --- input ------------------------------------------------------------------

void McpBridge::onInputReady()
{
    // One read per notification: the descriptor stays blocking (it may be a
    // terminal shared with others), and the notifier fires again while
    // there is more.
    char buffer[64 * 1024];
    const ssize_t count = ::read(m_options.inputFd, buffer, sizeof buffer);
    if (count < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return;
        shutDown(QStringLiteral("reading stdin failed: %1")
                     .arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    if (count == 0) {
        shutDown(QStringLiteral("stdin closed"));
        return;
    }
    m_inputBuffer.append(buffer, count);
    qsizetype newline;
    while (!m_shuttingDown && (newline = m_inputBuffer.indexOf('\n')) >= 0) {
        QByteArray line = m_inputBuffer.left(newline);
        m_inputBuffer.remove(0, newline + 1);
        if (m_discardingLine) {
            m_discardingLine = false;
            continue;
        }
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            onInputLine(line);
    }
    if (m_inputBuffer.size() > m_options.maxMessageBytes) {
        // Bounded memory: the rest of this line is dropped as it comes.
        m_inputBuffer.clear();
        m_discardingLine = true;
        log(QStringLiteral("a message from the client is larger than %1 bytes; refused")
                .arg(m_options.maxMessageBytes));
        replyError(QJsonValue::Null, InvalidRequestCode,
                   QStringLiteral("message larger than %1 bytes").arg(m_options.maxMessageBytes));
    }
}

void McpBridge::onInputLine(const QByteArray &line)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError
        || (!document.isObject() && !document.isArray())) {
        log(QStringLiteral("a line from the client is not JSON-RPC; answered with a parse error"));
        replyError(QJsonValue::Null, ParseErrorCode, QStringLiteral("Parse error"));
        return;
    }
    ++m_stats.fromClient;
    onClientMessage(document.isObject() ? QJsonValue(document.object())
                                        : QJsonValue(document.array()));
}

void McpBridge::onClientMessage(const QJsonValue &message)
{
    if (m_holding) {
        m_heldMessages.append(message);
        return;
    }
    if (message.isObject()) {
        const QJsonObject object = message.toObject();
        const QString method = methodOf(object);
        debug(QStringLiteral("client: %1 %2")
                  .arg(method.isEmpty() ? QStringLiteral("response") : method,
                       idText(object.value(QLatin1String("id")))));
        if (m_era == Era::Unknown && method == QLatin1String("initialize") && isRequest(object)) {
            handleInitialize(object);
            return;
        }
        if (m_era == Era::Unknown
            && (method == QLatin1String("server/discover")
                || object.value(QLatin1String("params"))
                       .toObject()
                       .value(QLatin1String("_meta"))
                       .toObject()
                       .contains(MetaVersionKey)))
            m_era = Era::Stateless;
        if (m_era == Era::Translated && handleLocally(object))
            return;
        if ((m_era == Era::Stateless || m_era == Era::Translated)
            && method == QLatin1String("notifications/cancelled")) {
            // Without a session, a request is cancelled by closing its stream.
            const QJsonValue id = object.value(QLatin1String("params"))
                                      .toObject()
                                      .value(QLatin1String("requestId"));
            for (const ExchangePtr &exchange : std::as_const(m_exchanges)) {
                if (exchange->requestIds.contains(id) && exchange->httpId)
                    m_http->abort(exchange->httpId);
            }
            return;
        }
    }
    forward(newExchange(message));
}

void McpBridge::handleInitialize(const QJsonObject &request)
{
    m_clientInitialize = request.value(QLatin1String("params")).toObject();
    const QString client = m_clientInitialize.value(QLatin1String("clientInfo"))
                               .toObject()
                               .value(QLatin1String("name"))
                               .toString();
    if (!client.isEmpty())
        debug(QStringLiteral("the client is \"%1\"").arg(sanitizedServerText(client, 80)));
    m_holding = true;
    probeStateless(request);
}

/// What a translated 2025 client sends that has no 2026 counterpart.
bool McpBridge::handleLocally(const QJsonObject &message)
{
    const QString method = methodOf(message);
    if (method == QLatin1String("notifications/initialized"))
        return true;
    if (method == QLatin1String("ping") && isRequest(message)) {
        writeToClient({ { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                        { QLatin1String("id"), message.value(QLatin1String("id")) },
                        { QLatin1String("result"), QJsonObject() } });
        return true;
    }
    if (isResponse(message)) {
        debug(QStringLiteral("a response without a request of the server's: dropped"));
        return true;
    }
    return false;
}

// --- output and log ---------------------------------------------------------

void McpBridge::writeToClient(const QJsonObject &message)
{
    QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact);
    line.append('\n');
    qsizetype written = 0;
    while (written < line.size()) {
        const ssize_t count
            = ::write(m_options.outputFd, line.constData() + written, line.size() - written);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0) {
            shutDown(QStringLiteral("the client no longer reads stdout"));
            return;
        }
        written += count;
    }
    ++m_stats.toClient;
}

void McpBridge::replyError(const QJsonValue &id, int code, const QString &message)
{
    writeToClient({ { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                    { QLatin1String("id"), id },
                    { QLatin1String("error"),
                      QJsonObject { { QLatin1String("code"), code },
                                    { QLatin1String("message"), message } } } });
}

void McpBridge::failExchange(const ExchangePtr &exchange, int code, const QString &message)
{
    if (exchange->internal) {
        auto internal = std::move(exchange->internal);
        exchange->internal = nullptr;
        const Error::Code errorCode
            = code == AuthorizationErrorCode ? Error::Code::NeedsSignIn : Error::Code::McpError;
        internal({}, Error(errorCode, message));
        return;
    }
    bool answeredAny = false;
    for (const QJsonValue &id : std::as_const(exchange->requestIds)) {
        if (exchange->answered.contains(id))
            continue;
        exchange->answered.append(id);
        replyError(id, code, message);
        answeredAny = true;
    }
    if (!answeredAny)
        log(QStringLiteral("%1 not delivered: %2")
                .arg(exchange->method.isEmpty() ? QStringLiteral("a message") : exchange->method,
                     message));
}

void McpBridge::log(const QString &text) const
{
    const QByteArray line
        = QStringLiteral("mcp-accounts bridge (%1): %2\n").arg(m_options.name, text).toUtf8();
    qsizetype written = 0;
    while (written < line.size()) {
        const ssize_t count
            = ::write(STDERR_FILENO, line.constData() + written, line.size() - written);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return;
        written += count;
    }
}

void McpBridge::debug(const QString &text) const
{
    if (m_options.verbose)
        log(text);
}

// --- tokens -----------------------------------------------------------------

bool McpBridge::tokenFresh() const
{
    return !m_token.accessToken.isEmpty()
        && (!m_token.expiresAt.isValid()
            || m_token.expiresAt
                > QDateTime::currentDateTimeUtc().addSecs(m_options.minValidity.count()));
}

void McpBridge::withToken(std::function<void(const Error &)> next)
{
    if (tokenFresh()) {
        next({});
        return;
    }
    m_tokenWaiters.append(std::move(next));
    if (m_tokenPending)
        return;
    m_tokenPending = true;
    m_tokens->fetch(m_options.minValidity, this,
                    [this](const BridgeTokenSource::Token &token, const Error &error) {
                        onTokenArrived(token, error);
                    });
}

void McpBridge::replaceToken(const QString &rejected, std::function<void(const Error &)> next)
{
    if (m_token.accessToken != rejected && tokenFresh()) {
        next({}); // another request has replaced it already
        return;
    }
    m_tokenWaiters.append(std::move(next));
    if (m_tokenPending)
        return;
    m_tokenPending = true;
    ++m_stats.tokenReplacements;
    m_tokens->replace(rejected, this,
                      [this](const BridgeTokenSource::Token &token, const Error &error) {
                          onTokenArrived(token, error);
                      });
}

void McpBridge::onTokenArrived(const BridgeTokenSource::Token &token, const Error &error)
{
    m_tokenPending = false;
    if (error)
        m_token = {};
    else
        m_token = token;
    const auto waiters = std::exchange(m_tokenWaiters, {});
    for (const auto &waiter : waiters)
        waiter(error);
    if (m_shuttingDown && !m_tokenPending && m_exchanges.isEmpty() && m_sessionId.isEmpty())
        emitResult();
}

/// The running app asks the person to sign in; the request waits for it.
void McpBridge::askForSignIn(const ExchangePtr &exchange, const Error &why)
{
    exchange->askedForSignIn = true;
    m_signInWaiters.append([this, exchange, why](const Error &error) {
        if (m_shuttingDown)
            return;
        if (!error) {
            post(exchange);
            return;
        }
        const QString appSaid = error.code() == Error::Code::Unreachable
            ? QString()
            : QStringLiteral(" The app says: %1.").arg(error.detail());
        failExchange(exchange, AuthorizationErrorCode,
                     QStringLiteral("MCP Accounts: %1 needs you to sign in (%2).%3 %4")
                         .arg(m_options.name, why.detail(), appSaid, m_tokens->signInAdvice()));
        finishExchange(exchange);
    });
    if (m_signInPending)
        return;
    m_signInPending = true;
    const QJsonObject info = m_clientInitialize.value(QLatin1String("clientInfo")).toObject();
    QString client = info.value(QLatin1String("title")).toString();
    if (client.isEmpty())
        client = info.value(QLatin1String("name")).toString();
    log(QStringLiteral("not signed in; asking the MCP Accounts app to have you sign in"));
    m_tokens->requestSignIn(sanitizedServerText(client, 60), this, [this](const Error &error) {
        m_signInPending = false;
        if (!error)
            log(QStringLiteral("signed in through the app; the waiting requests go on"));
        else if (error.code() != Error::Code::Unreachable)
            log(QStringLiteral("no sign-in through the app: %1").arg(error.detail()));
        const auto waiters = std::exchange(m_signInWaiters, {});
        for (const auto &waiter : waiters)
            waiter(error);
    });
}

// --- forwarding -------------------------------------------------------------

McpBridge::ExchangePtr McpBridge::newExchange(const QJsonValue &message)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->serial = m_nextSerial++;
    exchange->message = message;
    const auto addIds = [&exchange](const QJsonObject &object) {
        if (isRequest(object))
            exchange->requestIds.append(object.value(QLatin1String("id")));
    };
    if (message.isObject()) {
        exchange->method = methodOf(message.toObject());
        addIds(message.toObject());
    } else {
        for (const QJsonValue &item : message.toArray())
            addIds(item.toObject());
    }
    return exchange;
}

void McpBridge::forward(const ExchangePtr &exchange)
{
    m_exchanges.insert(exchange->serial, exchange);
    post(exchange);
}

void McpBridge::post(const ExchangePtr &exchange)
{
    withToken([this, exchange](const Error &error) {
        if (m_shuttingDown)
            return;
        if (error) {
            static const QList<Error::Code> signInCodes { Error::Code::NeedsSignIn,
                                                          Error::Code::InvalidGrant,
                                                          Error::Code::InvalidClient,
                                                          Error::Code::StaleClient };
            if (signInCodes.contains(error.code()) && !exchange->askedForSignIn) {
                askForSignIn(exchange, error); // held until the person signs in
                return;
            }
            if (signInCodes.contains(error.code()))
                failExchange(exchange, AuthorizationErrorCode,
                             QStringLiteral("MCP Accounts: %1 needs you to sign in (%2). %3")
                                 .arg(m_options.name, error.detail(), m_tokens->signInAdvice()));
            else
                failExchange(exchange, InternalErrorCode,
                             QStringLiteral("MCP Accounts: no access token for %1: %2")
                                 .arg(m_options.name, error.toString()));
            finishExchange(exchange);
            return;
        }
        HttpRequest request;
        request.method = HttpRequest::Method::Post;
        request.url = m_options.url;
        request.timeout = m_options.requestTimeout;
        request.maxBodyBytes = m_options.maxMessageBytes;
        const QJsonValue message = withMeta(exchange->message);
        request.body = (message.isObject() ? QJsonDocument(message.toObject())
                                           : QJsonDocument(message.toArray()))
                           .toJson(QJsonDocument::Compact);
        addHeaders(&request, exchange);
        exchange->sse = SseParser();
        exchange->sawHead = false;
        std::weak_ptr<Exchange> weak = exchange;
        request.onStreamData = [this, weak](const HttpResponse &head, const QByteArray &chunk) {
            const ExchangePtr exchange = weak.lock();
            return exchange && onStreamChunk(exchange, head, chunk);
        };
        ++m_stats.posts;
        exchange->httpId = m_http->send(request, this, [this, exchange](const HttpResponse &r) {
            exchange->httpId = 0;
            onPostAnswered(exchange, r);
        });
    });
}

void McpBridge::addHeaders(HttpRequest *request, const ExchangePtr &exchange) const
{
    request->headers = { { "Content-Type", "application/json" },
                         { "Accept", "application/json, text/event-stream" } };
    exchange->tokenUsed = m_token.accessToken;
    request->headers.append({ "Authorization", "Bearer " + m_token.accessToken.toUtf8() });
    const bool stateless = m_era == Era::Stateless || m_era == Era::Translated
        || exchange->method == QLatin1String("server/discover");
    if (stateless) {
        const QJsonObject message = withMeta(exchange->message).toObject();
        const QJsonObject params = message.value(QLatin1String("params")).toObject();
        QString version
            = params.value(QLatin1String("_meta")).toObject().value(MetaVersionKey).toString();
        if (!McpHeaders::isValidProtocolVersion(version) || version.isEmpty())
            version = JsonRpc::statelessProtocolVersion();
        request->headers.append({ "MCP-Protocol-Version", version.toLatin1() });
        if (!exchange->method.isEmpty())
            McpHeaders::addStatelessHeaders(
                &request->headers, exchange->method, params,
                m_toolHeaders.value(params.value(QLatin1String("name")).toString()));
        exchange->sessionUsed.clear();
        return;
    }
    exchange->sessionUsed = m_sessionId;
    if (!m_sessionId.isEmpty())
        request->headers.append({ "Mcp-Session-Id", m_sessionId });
    if (!m_protocolVersion.isEmpty() && exchange->method != QLatin1String("initialize"))
        request->headers.append({ "MCP-Protocol-Version", m_protocolVersion.toLatin1() });
}

/// A translated client's requests get the _meta its initialize would have
/// told a 2025 server: protocol version, capabilities, client info.
QJsonValue McpBridge::withMeta(const QJsonValue &message) const
{
    if (m_era != Era::Translated || !message.isObject())
        return message;
    QJsonObject object = message.toObject();
    if (!object.contains(QLatin1String("method")))
        return message;
    QJsonObject params = object.value(QLatin1String("params")).toObject();
    QJsonObject meta = params.value(QLatin1String("_meta")).toObject();
    // Only what the bridge can deliver: server requests inside a result
    // (SEP-2322 input requests) are not translated for a 2025 client yet.
    QJsonObject capabilities = m_clientInitialize.value(QLatin1String("capabilities")).toObject();
    capabilities.remove(QLatin1String("elicitation"));
    capabilities.remove(QLatin1String("sampling"));
    capabilities.remove(QLatin1String("roots"));
    meta.insert(MetaVersionKey, JsonRpc::statelessProtocolVersion());
    meta.insert(QLatin1String("io.modelcontextprotocol/clientCapabilities"), capabilities);
    QJsonObject clientInfo = m_clientInitialize.value(QLatin1String("clientInfo")).toObject();
    if (clientInfo.isEmpty())
        clientInfo = JsonRpc::clientInfo();
    meta.insert(QLatin1String("io.modelcontextprotocol/clientInfo"), clientInfo);
    params.insert(QLatin1String("_meta"), meta);
    object.insert(QLatin1String("params"), params);
    return object;
}

bool McpBridge::onStreamChunk(const ExchangePtr &exchange, const HttpResponse &head,
                              const QByteArray &chunk)
{
    if (m_shuttingDown)
        return false;
    if (!exchange->sawHead) {
        exchange->sawHead = true;
        if (exchange->method == QLatin1String("initialize"))
            noteSession(head);
    }
    const QList<SseEvent> events = exchange->sse.feed(chunk);
    exchange->pendingEventBytes = events.isEmpty() ? exchange->pendingEventBytes + chunk.size() : 0;
    if (exchange->pendingEventBytes > m_options.maxMessageBytes) {
        failExchange(exchange, InternalErrorCode,
                     QStringLiteral("an event from %1 is larger than %2 bytes")
                         .arg(m_options.name)
                         .arg(m_options.maxMessageBytes));
        return false;
    }
    if (exchange->sse.retryMs() >= 0)
        exchange->retryMs = exchange->sse.retryMs();
    for (const SseEvent &event : events) {
        if (!event.id.isEmpty())
            exchange->lastEventId = event.id;
        if (event.data.trimmed().isEmpty())
            continue; // a priming event
        const QJsonDocument document = QJsonDocument::fromJson(event.data);
        if (document.isObject()) {
            onServerMessage(exchange, document.object());
        } else if (document.isArray()) {
            for (const QJsonValue &item : document.array())
                onServerMessage(exchange, item.toObject());
        } else {
            log(QStringLiteral("an event from the server is not JSON; skipped"));
        }
        if (m_shuttingDown)
            return false;
    }
    return true;
}

void McpBridge::noteSession(const HttpResponse &response)
{
    const QByteArray sessionId = response.header("Mcp-Session-Id");
    if (sessionId.isEmpty())
        return;
    if (!McpHeaders::isValidSessionId(sessionId)) {
        log(QStringLiteral("the server sent an invalid Mcp-Session-Id; ignored"));
        return;
    }
    m_sessionId = sessionId;
}

void McpBridge::onServerMessage(const ExchangePtr &exchange, const QJsonObject &message)
{
    if (message.isEmpty())
        return;
    if (isResponse(message)) {
        const QJsonValue id = message.value(QLatin1String("id"));
        if (!exchange->requestIds.contains(id) || exchange->answered.contains(id)) {
            debug(QStringLiteral("a response to no request of ours (%1): dropped").arg(idText(id)));
            return;
        }
        exchange->answered.append(id);
        if (exchange->internal) {
            auto internal = std::move(exchange->internal);
            exchange->internal = nullptr;
            internal(message, {});
            return;
        }
        QJsonObject forwarded = message;
        const QJsonObject result = message.value(QLatin1String("result")).toObject();
        if (exchange->method == QLatin1String("initialize")) {
            const QString version = result.value(QLatin1String("protocolVersion")).toString();
            if (McpHeaders::isValidProtocolVersion(version))
                m_protocolVersion = version;
        } else if (exchange->method == QLatin1String("tools/list")
                   && (m_era == Era::Stateless || m_era == Era::Translated)
                   && message.contains(QLatin1String("result"))) {
            forwarded.insert(QLatin1String("result"), filteredToolsResult(result));
        }
        if (m_era == Era::Translated
            && result.value(QLatin1String("resultType")).toString()
                == QLatin1String("input_required")) {
            log(QStringLiteral("%1 asks for more input (input_required); not passed on to a "
                               "client of the 2025 era")
                    .arg(exchange->method));
            replyError(id, InternalErrorCode,
                       QStringLiteral("MCP Accounts: %1 asks for more input in the 2026-07-28 way "
                                      "(input_required), which the bridge cannot yet pass to "
                                      "this client")
                           .arg(m_options.name));
            return;
        }
        writeToClient(forwarded);
        return;
    }
    if (exchange->internal) {
        debug(QStringLiteral("a server message during the bridge's own request: dropped"));
        return;
    }
    writeToClient(message);
}

/// SEP-2243: tools with invalid x-mcp-header annotations are left out; the
/// others' annotations decide the Mcp-Param-* headers of their calls.
QJsonObject McpBridge::filteredToolsResult(const QJsonObject &result)
{
    QJsonArray kept;
    const QJsonArray tools = result.value(QLatin1String("tools")).toArray();
    for (const QJsonValue &value : tools) {
        const QJsonObject tool = value.toObject();
        const QString name = tool.value(QLatin1String("name")).toString();
        QList<McpHeaders::HeaderParameter> headers;
        const QString problem = McpHeaders::toolHeaders(tool, &headers);
        if (!problem.isEmpty()) {
            log(QStringLiteral("tool \"%1\" left out: %2")
                    .arg(sanitizedServerText(name, 100), problem));
            continue;
        }
        m_toolHeaders.insert(name, headers);
        kept.append(tool);
    }
    QJsonObject filtered = result;
    filtered.insert(QLatin1String("tools"), kept);
    return filtered;
}

void McpBridge::onPostAnswered(const ExchangePtr &exchange, const HttpResponse &response)
{
    if (m_shuttingDown) {
        finishExchange(exchange);
        return;
    }
    const bool unanswered = exchange->answered.size() < exchange->requestIds.size()
        || (exchange->internal && exchange->requestIds.isEmpty());
    if (response.error) {
        if (response.error.code() == Error::Code::Cancelled && !exchange->internal) {
            finishExchange(exchange); // cancelled by the client
            return;
        }
        if (unanswered && !exchange->lastEventId.isEmpty() && exchange->resumes < MaxResumes) {
            resume(exchange);
            return;
        }
        failExchange(exchange, InternalErrorCode,
                     QStringLiteral("MCP Accounts: %1 could not be reached: %2")
                         .arg(m_options.name, response.error.toString()));
        finishExchange(exchange);
        return;
    }
    if (exchange->method == QLatin1String("initialize") && !exchange->sawHead)
        noteSession(response);

    if (response.status == 401) {
        if (exchange->tokenRetries < MaxTokenRetries) {
            ++exchange->tokenRetries;
            debug(QStringLiteral("HTTP 401: a new token, then the request again"));
            replaceToken(exchange->tokenUsed, [this, exchange](const Error &) {
                // An error reaches the exchange through post()'s withToken().
                if (!m_shuttingDown)
                    post(exchange);
            });
            return;
        }
        failExchange(exchange, AuthorizationErrorCode,
                     QStringLiteral("MCP Accounts: %1 still refuses the account's token after a "
                                    "refresh. %2")
                         .arg(m_options.name, m_tokens->signInAdvice()));
        finishExchange(exchange);
        return;
    }
    if (response.status == 403) {
        const BearerChallenge challenge = WwwAuthenticate::bearer(
            WwwAuthenticate::parse(response.headerValues("WWW-Authenticate")));
        if (challenge.error == QLatin1String("insufficient_scope")) {
            const QString scope = sanitizedServerText(challenge.scope, 200);
            log(QStringLiteral("HTTP 403: the server asks for the scope \"%1\"").arg(scope));
            failExchange(exchange, AuthorizationErrorCode,
                         QStringLiteral("MCP Accounts: %1 asks for more permissions (scope "
                                        "\"%2\"). %3")
                             .arg(m_options.name, scope,
                                  m_tokens->stepUpAdvice(scope, toolOf(exchange->message))));
            finishExchange(exchange);
            return;
        }
    }
    if (response.status == 404 && !exchange->sessionUsed.isEmpty() && m_era == Era::Session
        && !exchange->internal && !exchange->sessionRetried) {
        exchange->sessionRetried = true;
        if (!m_holding && !m_sessionId.isEmpty() && m_sessionId != exchange->sessionUsed)
            post(exchange); // sent before the new session began
        else
            startNewSession(exchange);
        return;
    }

    if (isSuccess(response.status)) {
        if (response.mediaType() == "text/event-stream") {
            const bool stillUnanswered = exchange->answered.size() < exchange->requestIds.size();
            if (stillUnanswered && !exchange->lastEventId.isEmpty()
                && exchange->resumes < MaxResumes) {
                resume(exchange);
                return;
            }
            if (stillUnanswered || (exchange->internal && exchange->requestIds.isEmpty()))
                failExchange(exchange, InternalErrorCode,
                             QStringLiteral("MCP Accounts: the event stream of %1 ended without "
                                            "the response")
                                 .arg(m_options.name));
        } else if (!response.body.trimmed().isEmpty()) {
            const QJsonDocument document = QJsonDocument::fromJson(response.body);
            if (document.isObject()) {
                onServerMessage(exchange, document.object());
            } else if (document.isArray()) {
                for (const QJsonValue &item : document.array())
                    onServerMessage(exchange, item.toObject());
            } else {
                log(QStringLiteral("HTTP %1 with a body that is not JSON").arg(response.status));
            }
            if (exchange->answered.size() < exchange->requestIds.size())
                failExchange(exchange, InternalErrorCode,
                             QStringLiteral("MCP Accounts: the answer of %1 has no response")
                                 .arg(m_options.name));
        } else if (exchange->answered.size() < exchange->requestIds.size()) {
            failExchange(exchange, InternalErrorCode,
                         QStringLiteral("MCP Accounts: %1 accepted the request without answering "
                                        "it (HTTP %2)")
                             .arg(m_options.name)
                             .arg(response.status));
        } else if (exchange->method == QLatin1String("notifications/initialized")
                   && m_era == Era::Session) {
            openListenStream();
        }
        if (exchange->internal) // a notification of the bridge's own
            exchange->internal = nullptr;
        finishExchange(exchange);
        return;
    }

    // An HTTP error: the JSON-RPC errors in it go through, the rest gets one.
    if (!exchange->internal) {
        const QJsonDocument document = QJsonDocument::fromJson(response.body);
        if (document.isObject())
            onServerMessage(exchange, document.object());
    }
    if (exchange->internal) {
        auto internal = std::move(exchange->internal);
        exchange->internal = nullptr;
        internal({},
                 Error(Error::Code::HttpStatus, QStringLiteral("HTTP %1").arg(response.status)));
    } else {
        failExchange(exchange, InternalErrorCode,
                     QStringLiteral("MCP Accounts: %1 answered HTTP %2")
                         .arg(m_options.name)
                         .arg(response.status));
    }
    finishExchange(exchange);
}

void McpBridge::resume(const ExchangePtr &exchange)
{
    ++exchange->resumes;
    const qint64 wait
        = exchange->retryMs >= 0 ? qMin(exchange->retryMs, MaxRetryMs) : DefaultRetryMs;
    debug(QStringLiteral("the stream ended without the response; resuming in %1 ms").arg(wait));
    QTimer::singleShot(wait, this, [this, exchange] {
        if (m_shuttingDown)
            return;
        withToken([this, exchange](const Error &error) {
            if (m_shuttingDown)
                return;
            if (error) {
                failExchange(exchange, AuthorizationErrorCode,
                             QStringLiteral("MCP Accounts: %1: %2. %3")
                                 .arg(m_options.name, error.detail(), m_tokens->signInAdvice()));
                finishExchange(exchange);
                return;
            }
            HttpRequest request;
            request.method = HttpRequest::Method::Get;
            request.url = m_options.url;
            request.timeout = m_options.requestTimeout;
            request.maxBodyBytes = m_options.maxMessageBytes;
            addHeaders(&request, exchange);
            request.headers.removeIf([](const auto &header) {
                return header.first == "Content-Type" || header.first == "Mcp-Method"
                    || header.first == "Mcp-Name" || header.first.startsWith("Mcp-Param-");
            });
            for (auto &header : request.headers) {
                if (header.first == "Accept")
                    header.second = "text/event-stream";
            }
            request.headers.append({ "Last-Event-ID", exchange->lastEventId });
            exchange->sse = SseParser();
            exchange->sawHead = true;
            std::weak_ptr<Exchange> weak = exchange;
            request.onStreamData = [this, weak](const HttpResponse &head, const QByteArray &chunk) {
                const ExchangePtr exchange = weak.lock();
                return exchange && onStreamChunk(exchange, head, chunk);
            };
            exchange->httpId
                = m_http->send(request, this, [this, exchange](const HttpResponse &response) {
                      exchange->httpId = 0;
                      onPostAnswered(exchange, response);
                  });
        });
    });
}

void McpBridge::finishExchange(const ExchangePtr &exchange)
{
    m_exchanges.remove(exchange->serial);
}

// --- eras and sessions ------------------------------------------------------

/// server/discover first: a 2026-07-28 server answers it, a 2025 one refuses.
void McpBridge::probeStateless(const QJsonObject &initialize)
{
    QJsonObject capabilities = m_clientInitialize.value(QLatin1String("capabilities")).toObject();
    QJsonObject meta = JsonRpc::statelessMeta(capabilities);
    const QJsonObject clientInfo = m_clientInitialize.value(QLatin1String("clientInfo")).toObject();
    if (!clientInfo.isEmpty())
        meta.insert(QLatin1String("io.modelcontextprotocol/clientInfo"), clientInfo);
    const QJsonObject discover {
        { QLatin1String("jsonrpc"), QLatin1String("2.0") },
        { QLatin1String("id"), QStringLiteral("mcp-accounts-%1").arg(++m_ownRequests) },
        { QLatin1String("method"), QLatin1String("server/discover") },
        { QLatin1String("params"), QJsonObject { { QLatin1String("_meta"), meta } } },
    };
    ExchangePtr exchange = newExchange(discover);
    exchange->internal = [this, initialize](const QJsonObject &response, const Error &error) {
        onProbeAnswered(initialize, response, error);
    };
    forward(exchange);
}

void McpBridge::onProbeAnswered(const QJsonObject &initialize, const QJsonObject &response,
                                const Error &error)
{
    const QJsonValue id = initialize.value(QLatin1String("id"));
    const QJsonObject result = response.value(QLatin1String("result")).toObject();
    if (!error && !result.isEmpty()) {
        m_era = Era::Translated;
        m_protocolVersion = JsonRpc::statelessProtocolVersion();
        QString version = m_clientInitialize.value(QLatin1String("protocolVersion")).toString();
        if (!McpHeaders::isValidProtocolVersion(version) || version.isEmpty())
            version = JsonRpc::latestProtocolVersion();
        QJsonObject answer { { QLatin1String("protocolVersion"), version },
                             { QLatin1String("capabilities"),
                               result.value(QLatin1String("capabilities")).toObject() },
                             { QLatin1String("serverInfo"),
                               result.value(QLatin1String("serverInfo")).toObject() } };
        if (result.contains(QLatin1String("instructions")))
            answer.insert(QLatin1String("instructions"),
                          result.value(QLatin1String("instructions")));
        log(QStringLiteral("the server speaks MCP %1 only; the client's %2 is translated")
                .arg(JsonRpc::statelessProtocolVersion(), sanitizedServerText(version, 40)));
        writeToClient({ { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                        { QLatin1String("id"), id },
                        { QLatin1String("result"), answer } });
        m_holding = false;
        releaseHeld();
        return;
    }
    const bool olderServer = !error || error.code() == Error::Code::HttpStatus
        || error.code() == Error::Code::McpError;
    if (!olderServer) {
        // No token, or no server: the client's initialize gets the reason.
        replyError(id,
                   error.code() == Error::Code::NeedsSignIn ? AuthorizationErrorCode
                                                            : InternalErrorCode,
                   error.detail());
        m_holding = false;
        releaseHeld();
        return;
    }
    debug(QStringLiteral("a server of the 2025 era: initialize goes through"));
    m_era = Era::Session;
    m_holding = false;
    forward(newExchange(initialize));
    releaseHeld();
}

void McpBridge::startNewSession(const ExchangePtr &failed)
{
    m_heldExchanges.append(failed);
    if (m_holding)
        return;
    if (m_clientInitialize.isEmpty()) {
        failExchange(failed, InternalErrorCode,
                     QStringLiteral("MCP Accounts: %1 ended the session").arg(m_options.name));
        m_heldExchanges.clear();
        finishExchange(failed);
        return;
    }
    ++m_stats.newSessions;
    log(QStringLiteral("the server ended the MCP session (HTTP 404); starting a new one. What the "
                       "server kept for the old session (subscriptions, log level) is gone."));
    m_holding = true;
    m_sessionId.clear();
    if (m_listenRequest) {
        m_http->abort(m_listenRequest);
        m_listenRequest = 0;
    }
    const QJsonObject initialize {
        { QLatin1String("jsonrpc"), QLatin1String("2.0") },
        { QLatin1String("id"), QStringLiteral("mcp-accounts-%1").arg(++m_ownRequests) },
        { QLatin1String("method"), QLatin1String("initialize") },
        { QLatin1String("params"), m_clientInitialize },
    };
    ExchangePtr exchange = newExchange(initialize);
    exchange->internal = [this](const QJsonObject &response, const Error &error) {
        onNewSessionInitialized(response, error);
    };
    forward(exchange);
}

void McpBridge::onNewSessionInitialized(const QJsonObject &response, const Error &error)
{
    const auto held = std::exchange(m_heldExchanges, {});
    const QJsonObject result = response.value(QLatin1String("result")).toObject();
    if (error || result.isEmpty() || m_sessionId.isEmpty()) {
        const QString why = error ? error.detail() : QStringLiteral("no new session");
        log(QStringLiteral("a new session could not be started: %1").arg(why));
        for (const ExchangePtr &exchange : held) {
            failExchange(exchange, InternalErrorCode,
                         QStringLiteral("MCP Accounts: %1 ended the session and did not start a "
                                        "new one: %2")
                             .arg(m_options.name, why));
            finishExchange(exchange);
        }
        m_holding = false;
        releaseHeld();
        return;
    }
    const QString version = result.value(QLatin1String("protocolVersion")).toString();
    if (McpHeaders::isValidProtocolVersion(version) && !version.isEmpty())
        m_protocolVersion = version;
    ExchangePtr initialized = newExchange(QJsonObject {
        { QLatin1String("jsonrpc"), QLatin1String("2.0") },
        { QLatin1String("method"), QLatin1String("notifications/initialized") },
    });
    forward(initialized);
    for (const ExchangePtr &exchange : held)
        post(exchange);
    m_holding = false;
    releaseHeld();
}

void McpBridge::releaseHeld()
{
    const auto messages = std::exchange(m_heldMessages, {});
    for (const QJsonValue &message : messages)
        onClientMessage(message);
}

/// The GET stream for the server's own requests and notifications.
void McpBridge::openListenStream()
{
    if (m_shuttingDown || m_era != Era::Session || m_sessionId.isEmpty() || m_listenRequest)
        return;
    withToken([this](const Error &error) {
        if (m_shuttingDown || error || m_listenRequest || m_sessionId.isEmpty())
            return;
        HttpRequest request;
        request.method = HttpRequest::Method::Get;
        request.url = m_options.url;
        request.timeout = ListenTimeout;
        request.maxBodyBytes = 64 * 1024;
        request.headers = { { "Accept", "text/event-stream" },
                            { "Authorization", "Bearer " + m_token.accessToken.toUtf8() },
                            { "Mcp-Session-Id", m_sessionId } };
        if (!m_protocolVersion.isEmpty())
            request.headers.append({ "MCP-Protocol-Version", m_protocolVersion.toLatin1() });
        if (!m_listenSse.lastEventId().isEmpty())
            request.headers.append({ "Last-Event-ID", m_listenSse.lastEventId() });
        request.onStreamData = [this](const HttpResponse &head, const QByteArray &chunk) {
            return onListenChunk(head, chunk);
        };
        m_listenPendingBytes = 0;
        m_listenRequest = m_http->send(request, this, [this](const HttpResponse &response) {
            m_listenRequest = 0;
            onListenStreamEnded(response);
        });
    });
}

bool McpBridge::onListenChunk(const HttpResponse &head, const QByteArray &chunk)
{
    if (m_shuttingDown || !isSuccess(head.status))
        return false;
    const QList<SseEvent> events = m_listenSse.feed(chunk);
    m_listenPendingBytes = events.isEmpty() ? m_listenPendingBytes + chunk.size() : 0;
    if (m_listenPendingBytes > m_options.maxMessageBytes) {
        log(QStringLiteral("an event on the GET stream is larger than %1 bytes; stream closed")
                .arg(m_options.maxMessageBytes));
        return false;
    }
    for (const SseEvent &event : events) {
        m_listenFailures = 0;
        if (event.data.trimmed().isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(event.data);
        if (document.isObject() && !isResponse(document.object()))
            writeToClient(document.object());
        else
            debug(QStringLiteral("an event on the GET stream that is no server message: skipped"));
        if (m_shuttingDown)
            return false;
    }
    return true;
}

void McpBridge::onListenStreamEnded(const HttpResponse &response)
{
    if (m_shuttingDown || response.error.code() == Error::Code::Cancelled)
        return;
    if (!response.error && !isSuccess(response.status)) {
        // 405: the server offers no such stream; 404: the session is gone
        // (the next request notices); 401: the next request refreshes.
        debug(QStringLiteral("no GET stream (HTTP %1)").arg(response.status));
        return;
    }
    if (++m_listenFailures > MaxListenFailures) {
        log(QStringLiteral("the GET stream keeps failing; given up"));
        return;
    }
    const qint64 retry = m_listenSse.retryMs();
    m_listenTimer.start(retry >= 0 ? qMin(retry, MaxRetryMs) : DefaultRetryMs * m_listenFailures);
}

// --- the end ----------------------------------------------------------------

void McpBridge::shutDown(const QString &why)
{
    if (m_shuttingDown || isFinished())
        return;
    m_shuttingDown = true;
    debug(QStringLiteral("%1: closing").arg(why));
    if (m_inputNotifier)
        m_inputNotifier->setEnabled(false);
    m_listenTimer.stop();
    // Not from inside an HTTP callback (this may be one): on the next turn.
    QMetaObject::invokeMethod(this, &McpBridge::endSession, Qt::QueuedConnection);
}

void McpBridge::endSession()
{
    // The bridge's own HTTP client only: a refresh in flight belongs to the
    // token source and is finished, so a rotated refresh token is stored.
    m_http->abortAll();
    m_exchanges.clear();
    debug(QStringLiteral("%1 messages from the client, %2 to it, %3 POSTs, %4 token replacements, "
                         "%5 new sessions")
              .arg(m_stats.fromClient)
              .arg(m_stats.toClient)
              .arg(m_stats.posts)
              .arg(m_stats.tokenReplacements)
              .arg(m_stats.newSessions));
    if (m_era != Era::Session || m_sessionId.isEmpty() || m_token.accessToken.isEmpty()) {
        m_sessionId.clear();
        if (!m_tokenPending)
            emitResult();
        return;
    }
    HttpRequest request;
    request.method = HttpRequest::Method::Delete;
    request.url = m_options.url;
    request.timeout = DeleteTimeout;
    request.headers = { { "Authorization", "Bearer " + m_token.accessToken.toUtf8() },
                        { "Mcp-Session-Id", m_sessionId } };
    if (!m_protocolVersion.isEmpty())
        request.headers.append({ "MCP-Protocol-Version", m_protocolVersion.toLatin1() });
    m_http->send(request, this, [this](const HttpResponse &) { onDeleteAnswered(); });
}

void McpBridge::onDeleteAnswered()
{
    m_sessionId.clear();
    if (!m_tokenPending)
        emitResult();
}

} // namespace Mcpa
