#include "core/mcp/elicitationanswerer.h"

#include "core/base/servertext.h"

#include <QJsonArray>

#include <cmath>

namespace Mcpa {

namespace {

const QLatin1String ElicitationCreate("elicitation/create");

QJsonObject action(const QString &name)
{
    return { { QLatin1String("action"), name } };
}

} // namespace

bool ElicitationAnswerer::handles(const QString &method) const
{
    return method == ElicitationCreate;
}

QJsonObject ElicitationAnswerer::answer(const QString &method, const QJsonObject &params,
                                        Error *error)
{
    if (method != ElicitationCreate) {
        *error = { Error::Code::Internal, QStringLiteral("Method not found") };
        return {};
    }
    const QString mode = params.value(QLatin1String("mode")).toString();
    if (!mode.isEmpty() && mode != QLatin1String("form"))
        return decline(QStringLiteral("the server asked for \"%1\" mode input, which this client "
                                      "does not support; declined")
                           .arg(sanitizedServerText(mode, 20)));
    const QJsonObject schema = params.value(QLatin1String("requestedSchema")).toObject();
    const QString message = sanitizedServerText(params.value(QLatin1String("message")).toString());

    QJsonObject content;
    if (m_hasGiven) {
        content = withDefaults(schema, m_given);
    } else if (m_asker) {
        QJsonObject asked;
        if (!m_asker(message, schema, &asked))
            return decline(QStringLiteral("the server's request for input was declined"));
        content = withDefaults(schema, asked);
    } else {
        return decline(QStringLiteral("the server asks for input (\"%1\"); declined: give it "
                                      "with --input JSON or run on a terminal")
                           .arg(message));
    }
    const QStringList missing = missingRequired(schema, content);
    if (!missing.isEmpty())
        return decline(QStringLiteral("the server's request for input needs %1, which were not "
                                      "given; declined")
                           .arg(sanitizedServerText(missing.join(QLatin1String(", ")))));
    QJsonObject result = action(QStringLiteral("accept"));
    result.insert(QLatin1String("content"), content);
    return result;
}

QJsonObject ElicitationAnswerer::decline(const QString &why)
{
    if (m_notice)
        m_notice(why);
    return action(QStringLiteral("decline"));
}

bool ElicitationAnswerer::fits(const QJsonObject &property, const QJsonValue &value)
{
    const QString type = property.value(QLatin1String("type")).toString();
    const QJsonValue options = property.value(QLatin1String("enum"));
    if (options.isArray() && !options.toArray().contains(value))
        return false;
    if (type == QLatin1String("string"))
        return value.isString();
    if (type == QLatin1String("boolean"))
        return value.isBool();
    if (type == QLatin1String("number"))
        return value.isDouble();
    if (type == QLatin1String("integer")) {
        const double number = value.toDouble(0.5);
        return value.isDouble() && std::isfinite(number) && std::floor(number) == number;
    }
    return false;
}

QJsonObject ElicitationAnswerer::withDefaults(const QJsonObject &schema, const QJsonObject &given)
{
    QJsonObject content;
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (given.contains(it.key())) {
            content.insert(it.key(), given.value(it.key()));
            continue;
        }
        const QJsonValue fallback = property.value(QLatin1String("default"));
        if (!fallback.isUndefined() && fits(property, fallback))
            content.insert(it.key(), fallback);
    }
    return content;
}

QStringList ElicitationAnswerer::missingRequired(const QJsonObject &schema,
                                                 const QJsonObject &content)
{
    QStringList missing;
    const QJsonArray required = schema.value(QLatin1String("required")).toArray();
    for (const QJsonValue &name : required) {
        if (name.isString() && !content.contains(name.toString()))
            missing.append(name.toString());
    }
    return missing;
}

} // namespace Mcpa
