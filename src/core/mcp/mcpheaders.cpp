#include "core/mcp/mcpheaders.h"

#include "core/base/servertext.h"

#include <QSet>

namespace Mcpa::McpHeaders {

bool isValidSessionId(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > 1024)
        return false;
    for (const char c : id) {
        if (c < 0x21 || c > 0x7E)
            return false;
    }
    return true;
}

bool isValidProtocolVersion(const QString &version)
{
    if (version.size() > 64)
        return false;
    for (const QChar c : version) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

QByteArray headerValue(const QString &value)
{
    bool safe = value == value.trimmed();
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            safe = false;
    }
    if (safe)
        return value.toLatin1();
    return "=?base64?" + value.toUtf8().toBase64() + "?=";
}

bool isHeaderName(const QString &name)
{
    if (name.isEmpty() || name.size() > 100)
        return false;
    for (const QChar c : name) {
        const ushort u = c.unicode();
        const bool alnum
            = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        if (!alnum
            && !QByteArrayLiteral("!#$%&'*+-.^_`|~").contains(static_cast<char>(u < 0x80 ? u : 0)))
            return false;
    }
    return true;
}

QByteArray parameterValue(const QJsonValue &value)
{
    if (value.isString())
        return headerValue(value.toString());
    if (value.isBool())
        return value.toBool() ? "true" : "false";
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == static_cast<double>(value.toInteger()))
            return QByteArray::number(value.toInteger());
        return QByteArray::number(number, 'g', 17);
    }
    return {};
}

QString toolHeaders(const QJsonObject &tool, QList<HeaderParameter> *headers)
{
    const QJsonObject properties = tool.value(QLatin1String("inputSchema"))
                                       .toObject()
                                       .value(QLatin1String("properties"))
                                       .toObject();
    headers->clear();
    QSet<QString> seen;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (!property.contains(QLatin1String("x-mcp-header")))
            continue;
        const QJsonValue header = property.value(QLatin1String("x-mcp-header"));
        const QString type = property.value(QLatin1String("type")).toString();
        const QString where
            = QStringLiteral("property \"%1\"").arg(sanitizedServerText(it.key(), 60));
        if (!header.isString())
            return where + QStringLiteral(": x-mcp-header is not a string");
        if (header.toString().isEmpty())
            return where + QStringLiteral(": x-mcp-header is empty");
        if (!isHeaderName(header.toString()))
            return where + QStringLiteral(": x-mcp-header is not a valid header name");
        if (seen.contains(header.toString().toLower()))
            return where
                + QStringLiteral(": x-mcp-header \"%1\" is used twice").arg(header.toString());
        if (type != QLatin1String("string") && type != QLatin1String("integer")
            && type != QLatin1String("boolean"))
            return where
                + QStringLiteral(": x-mcp-header on a property of type \"%1\" (only string, "
                                 "integer, boolean)")
                      .arg(sanitizedServerText(type, 30));
        seen.insert(header.toString().toLower());
        headers->append({ it.key(), header.toString() });
    }
    return {};
}

void addStatelessHeaders(HeaderList *headers, const QString &method, const QJsonObject &params,
                         const QList<HeaderParameter> &toolParameters)
{
    headers->append({ "Mcp-Method", method.toLatin1() });
    if (method == QLatin1String("tools/call") || method == QLatin1String("prompts/get"))
        headers->append(
            { "Mcp-Name", headerValue(params.value(QLatin1String("name")).toString()) });
    else if (method == QLatin1String("resources/read"))
        headers->append({ "Mcp-Name", headerValue(params.value(QLatin1String("uri")).toString()) });
    if (method != QLatin1String("tools/call"))
        return;
    const QJsonObject arguments = params.value(QLatin1String("arguments")).toObject();
    for (const HeaderParameter &parameter : toolParameters) {
        const QJsonValue value = arguments.value(parameter.property);
        if (value.isString() || value.isBool() || value.isDouble())
            headers->append({ "Mcp-Param-" + parameter.header.toLatin1(), parameterValue(value) });
    }
}

} // namespace Mcpa::McpHeaders
