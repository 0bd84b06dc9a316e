#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace Mcpa {

/// The HTTP headers of MCP's Streamable HTTP transport that are derived from
/// a message's content: shared by McpClient and the stdio bridge.
namespace McpHeaders {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// MCP: a session id is visible ASCII (0x21 to 0x7E), at most 1 KiB here.
bool isValidSessionId(const QByteArray &id);
/// A protocol version as it may travel in a header: a short word of visible
/// ASCII ("2025-06-18").
bool isValidProtocolVersion(const QString &version);
/// SEP-2243: a header value travels plain when it is visible ASCII or space,
/// without leading or trailing whitespace; otherwise as =?base64?...?=.
QByteArray headerValue(const QString &value);
/// An HTTP field name (RFC 9110 token): visible ASCII without separators.
bool isHeaderName(const QString &name);
/// A tool argument as an Mcp-Param value; empty when it is not mirrored
/// (null, missing, or not a primitive).
QByteArray parameterValue(const QJsonValue &value);

/// A tool argument mirrored into an Mcp-Param-<header> header.
struct HeaderParameter
{
    QString property;
    QString header;
};

/// SEP-2243: the x-mcp-header annotations of a tool's input schema. Returns
/// why they are invalid (the tool must then be left out), or an empty string
/// and the parameters in @p headers.
QString toolHeaders(const QJsonObject &tool, QList<HeaderParameter> *headers);

/// Mcp-Method, Mcp-Name and Mcp-Param-* of a stateless request with
/// @p method and @p params; @p toolParameters are those of the tool called.
void addStatelessHeaders(HeaderList *headers, const QString &method, const QJsonObject &params,
                         const QList<HeaderParameter> &toolParameters);

} // namespace McpHeaders
} // namespace Mcpa
