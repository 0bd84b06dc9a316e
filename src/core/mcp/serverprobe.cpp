#include "core/mcp/serverprobe.h"

#include "core/base/logging.h"
#include "core/mcp/jsonrpc.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

namespace Mcpa {

namespace {
constexpr qint64 RequestId = 1;
}

QString ProbeResult::kindName() const
{
    switch (kind) {
    case Kind::AuthRequired:
        return QStringLiteral("auth-required");
    case Kind::Open:
        return QStringLiteral("open");
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Error:
        break;
    }
    return QStringLiteral("error");
}

ProbeJob::ProbeJob(HttpClient *http, const QUrl &mcpUrl, QObject *parent)
    : Job(parent)
    , m_http(http)
{
    m_result.url = mcpUrl;
}

void ProbeJob::doStart()
{
    setProgressText(QStringLiteral("Asking the server whether it needs sign-in"));
    qCDebug(lcProbe) << "probing" << UrlPolicy::redacted(m_result.url);
    if (m_sessionEraKnown)
        sendInitialize();
    else
        sendDiscover();
}

void ProbeJob::sendDiscover()
{
    const QString version = JsonRpc::statelessProtocolVersion();
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = m_result.url;
    request.timeout = m_timeout;
    request.headers = { { "Content-Type", "application/json" },
                        { "Accept", "application/json, text/event-stream" },
                        { "MCP-Protocol-Version", version.toLatin1() },
                        { "Mcp-Method", "server/discover" } };
    request.body = JsonRpc::request(RequestId, QStringLiteral("server/discover"),
                                    { { QLatin1String("_meta"), JsonRpc::statelessMeta() } });
    ++m_result.requests;
    m_http->send(request, this,
                 [this](const HttpResponse &response) { onDiscoverAnswered(response); });
}

void ProbeJob::onDiscoverAnswered(const HttpResponse &response)
{
    if (isFinished()) // cancelled
        return;
    if (classifyFailure(response))
        return;
    if (response.status >= 200 && response.status <= 299) {
        QJsonObject message;
        const Error error = JsonRpc::findResponse(response, RequestId, &message);
        const QJsonObject result = message.value(QLatin1String("result")).toObject();
        const QString version = JsonRpc::statelessProtocolVersion();
        if (!error
            && result.value(QLatin1String("supportedVersions")).toArray().contains(version)) {
            m_result.kind = ProbeResult::Kind::Open;
            m_result.stateless = true;
            m_result.protocolVersion = version;
            const QJsonObject info = result.value(QLatin1String("serverInfo")).toObject();
            m_result.serverName = info.value(QLatin1String("name")).toString();
            m_result.serverVersion = info.value(QLatin1String("version")).toString();
            finish(); // stateless: nothing to close
            return;
        }
    }
    // A 2025-era server refuses a request before initialize (400, 404, 405,
    // a JSON-RPC error); whatever else it said, initialize tells.
    qCDebug(lcProbe) << "server/discover refused with HTTP" << response.status
                     << "- trying initialize";
    sendInitialize();
}

void ProbeJob::sendInitialize()
{
    const QJsonObject params {
        { QLatin1String("protocolVersion"), JsonRpc::latestProtocolVersion() },
        { QLatin1String("capabilities"), QJsonObject() },
        { QLatin1String("clientInfo"), JsonRpc::clientInfo() },
    };
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = m_result.url;
    request.timeout = m_timeout;
    request.headers = { { "Content-Type", "application/json" },
                        { "Accept", "application/json, text/event-stream" } };
    request.body = JsonRpc::request(RequestId, QStringLiteral("initialize"), params);
    ++m_result.requests;
    m_http->send(request, this,
                 [this](const HttpResponse &response) { onInitializeAnswered(response); });
}

bool ProbeJob::classifyFailure(const HttpResponse &response)
{
    m_result.httpStatus = response.status;
    if (response.error) {
        const Error::Code code = response.error.code();
        const bool unreachable = code == Error::Code::Unreachable || code == Error::Code::Timeout
            || code == Error::Code::Network || code == Error::Code::TlsFailure;
        m_result.kind = unreachable ? ProbeResult::Kind::Unreachable : ProbeResult::Kind::Error;
        m_result.error = response.error;
        finish();
        return true;
    }
    m_result.challenge = WwwAuthenticate::bearer(
        WwwAuthenticate::parse(response.headerValues("WWW-Authenticate")));
    if (response.status == 401 || response.status == 403 || m_result.challenge.present) {
        m_result.kind = ProbeResult::Kind::AuthRequired;
        finish();
        return true;
    }
    return false;
}

void ProbeJob::onInitializeAnswered(const HttpResponse &response)
{
    if (isFinished()) // cancelled
        return;
    if (classifyFailure(response))
        return;

    if (response.status < 200 || response.status > 299) {
        m_result.kind = ProbeResult::Kind::Error;
        m_result.error = { Error::Code::HttpStatus,
                           QStringLiteral("HTTP %1 to MCP initialize").arg(response.status) };
        finish();
        return;
    }

    QJsonObject message;
    const Error error = JsonRpc::findResponse(response, RequestId, &message);
    const QJsonObject result = message.value(QLatin1String("result")).toObject();
    if (error || result.isEmpty()) {
        m_result.kind = ProbeResult::Kind::Error;
        m_result.error = error ? error
                               : Error(Error::Code::MalformedResponse,
                                       QStringLiteral("initialize returned a JSON-RPC error"));
        finish();
        return;
    }
    m_result.kind = ProbeResult::Kind::Open;
    const QJsonObject info = result.value(QLatin1String("serverInfo")).toObject();
    m_result.serverName = info.value(QLatin1String("name")).toString();
    m_result.serverVersion = info.value(QLatin1String("version")).toString();
    m_result.protocolVersion = result.value(QLatin1String("protocolVersion")).toString();

    const QByteArray sessionId = response.header("Mcp-Session-Id");
    if (sessionId.isEmpty()) {
        finish();
        return;
    }
    closeSession(sessionId);
}

void ProbeJob::closeSession(const QByteArray &sessionId)
{
    HttpRequest request;
    request.method = HttpRequest::Method::Delete;
    request.url = m_result.url;
    request.timeout = m_timeout;
    request.headers = { { "Mcp-Session-Id", sessionId },
                        { "MCP-Protocol-Version", m_result.protocolVersion.toLatin1() } };
    ++m_result.requests;
    // The session is the server's to forget; whatever it answers, we are done.
    m_http->send(request, this, [this](const HttpResponse &) { finish(); });
}

void ProbeJob::finish()
{
    if (isFinished()) // cancelled while the session was being closed
        return;
    qCDebug(lcProbe) << "probe result" << m_result.kindName() << m_result.httpStatus;
    emitResult(m_result.error);
}

} // namespace Mcpa
