#include "core/mcp/jsonrpc.h"

#include "core/net/httpclient.h"
#include "core/net/sseparser.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Mcpa::JsonRpc {

namespace {

bool matches(const QJsonObject &message, qint64 id)
{
    const QJsonValue value = message.value(QLatin1String("id"));
    // Exactly this number: 3.5 is not 3, and 1e300 must not be cast to an integer (UB).
    return value.isDouble() && value.toDouble() == static_cast<double>(id)
        && (message.contains(QLatin1String("result")) || message.contains(QLatin1String("error")));
}

/// Looks for the response in one JSON text (an object or a batch array).
bool findIn(const QByteArray &json, qint64 id, QJsonObject *out, bool *parsed)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return false;
    *parsed = true;
    if (document.isObject() && matches(document.object(), id)) {
        *out = document.object();
        return true;
    }
    const QJsonArray batch = document.array();
    for (const QJsonValue &entry : batch) {
        if (entry.isObject() && matches(entry.toObject(), id)) {
            *out = entry.toObject();
            return true;
        }
    }
    return false;
}

} // namespace

QByteArray request(qint64 id, const QString &method, const QJsonObject &params)
{
    QJsonObject message { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                          { QLatin1String("id"), id },
                          { QLatin1String("method"), method } };
    if (!params.isEmpty())
        message.insert(QLatin1String("params"), params);
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray notification(const QString &method, const QJsonObject &params)
{
    QJsonObject message { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                          { QLatin1String("method"), method } };
    if (!params.isEmpty())
        message.insert(QLatin1String("params"), params);
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray response(const QJsonValue &id, const QJsonObject &result)
{
    const QJsonObject message { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                                { QLatin1String("id"), id },
                                { QLatin1String("result"), result } };
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray errorResponse(const QJsonValue &id, int code, const QString &message)
{
    const QJsonObject error { { QLatin1String("code"), code },
                              { QLatin1String("message"), message } };
    const QJsonObject object { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                               { QLatin1String("id"), id },
                               { QLatin1String("error"), error } };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Error findResponse(const HttpResponse &response, qint64 id, QJsonObject *out)
{
    const QByteArray type = response.mediaType();
    bool parsed = false;
    if (type == "application/json") {
        if (findIn(response.body, id, out, &parsed))
            return {};
    } else if (type == "text/event-stream") {
        const QList<SseEvent> events = SseParser::parseAll(response.body);
        for (const SseEvent &event : events) {
            if (event.event == "message" && findIn(event.data, id, out, &parsed))
                return {};
        }
    } else {
        return { Error::Code::UnexpectedContentType,
                 QStringLiteral("expected application/json or text/event-stream, got \"%1\"")
                     .arg(QString::fromLatin1(type.left(100))) };
    }
    if (!parsed)
        return { Error::Code::MalformedResponse, QStringLiteral("the answer is not valid JSON") };
    return { Error::Code::MalformedResponse,
             QStringLiteral("the answer holds no JSON-RPC response with id %1").arg(id) };
}

QString latestProtocolVersion()
{
    return QStringLiteral("2025-06-18");
}

QString statelessProtocolVersion()
{
    return QStringLiteral("2026-07-28");
}

QJsonObject clientInfo()
{
    return { { QLatin1String("name"), QLatin1String("mcp-accounts") },
             { QLatin1String("version"), QLatin1String(MCPA_VERSION) } };
}

QJsonObject statelessMeta(const QJsonObject &capabilities)
{
    return { { QLatin1String("io.modelcontextprotocol/protocolVersion"),
               statelessProtocolVersion() },
             { QLatin1String("io.modelcontextprotocol/clientCapabilities"), capabilities },
             { QLatin1String("io.modelcontextprotocol/clientInfo"), clientInfo() } };
}

} // namespace Mcpa::JsonRpc
