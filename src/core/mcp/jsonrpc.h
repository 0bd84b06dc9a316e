#pragma once

#include "core/base/error.h"

#include <QJsonObject>
#include <QJsonValue>

namespace Mcpa {

struct HttpResponse;

/// JSON-RPC 2.0 over MCP Streamable HTTP: building requests and finding the
/// response to a request in a JSON or SSE answer.
namespace JsonRpc {

QByteArray request(qint64 id, const QString &method, const QJsonObject &params = {});
QByteArray notification(const QString &method, const QJsonObject &params = {});
/// The client's answer to a server's request @p id (echoed as it came).
QByteArray response(const QJsonValue &id, const QJsonObject &result);
QByteArray errorResponse(const QJsonValue &id, int code, const QString &message);

/// The response object with this id from an application/json or
/// text/event-stream body. Typed errors for a wrong content type, malformed
/// JSON, or no response with that id.
Error findResponse(const HttpResponse &response, qint64 id, QJsonObject *out);

/// The protocol revision this client asks for in initialize.
QString latestProtocolVersion();
/// The stateless era's protocol revision (MCP 2026-07-28).
QString statelessProtocolVersion();
/// {"name": "mcp-accounts", "version": …}, as initialize and _meta carry it.
QJsonObject clientInfo();
/// The _meta every stateless request carries: protocol version, client
/// capabilities and client info (io.modelcontextprotocol/… keys).
QJsonObject statelessMeta(const QJsonObject &capabilities = {});

} // namespace JsonRpc
} // namespace Mcpa
