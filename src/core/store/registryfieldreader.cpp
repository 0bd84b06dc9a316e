#include "core/store/registryfieldreader.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>

namespace Mcpa {

namespace {

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

} // namespace

RegistryFieldReader::RegistryFieldReader(const QJsonObject &object)
    : m_object(object)
{ }

QString RegistryFieldReader::text(QLatin1String key, const QString &fallback)
{
    const QJsonValue value = m_object.value(key);
    if (isAbsent(value))
        return fallback;
    if (!value.isString()) {
        fail(key, "is not a string");
        return fallback;
    }
    return value.toString();
}

QStringList RegistryFieldReader::texts(QLatin1String key)
{
    const QJsonValue value = m_object.value(key);
    if (isAbsent(value))
        return {};
    if (!value.isArray()) {
        fail(key, "is not an array");
        return QStringList();
    }
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        if (!entry.isString()) {
            fail(key, "holds something other than strings");
            return QStringList();
        }
        out.append(entry.toString());
    }
    return out;
}

bool RegistryFieldReader::flag(QLatin1String key, bool fallback)
{
    const QJsonValue value = m_object.value(key);
    if (isAbsent(value))
        return fallback;
    if (!value.isBool()) {
        fail(key, "is not true or false");
        return fallback;
    }
    return value.toBool();
}

QDateTime RegistryFieldReader::date(QLatin1String key)
{
    const QString value = text(key);
    if (value.isEmpty())
        return {};
    QDateTime date = QDateTime::fromString(value, Qt::ISODateWithMs);
    if (!date.isValid()) {
        fail(key, "is not an ISO 8601 date");
        return QDateTime();
    }
    return date.toUTC();
}

QUrl RegistryFieldReader::url(QLatin1String key)
{
    const QString value = text(key);
    if (value.isEmpty())
        return {};
    const QUrl url(value);
    if (!url.isValid()) {
        fail(key, "is not a valid URL");
        return QUrl();
    }
    return url;
}

int RegistryFieldReader::integer(QLatin1String key, int minimum, int maximum, int fallback)
{
    const QJsonValue value = m_object.value(key);
    if (isAbsent(value))
        return fallback;
    const double number = value.toDouble(-1.5);
    if (!value.isDouble() || number != std::floor(number) || number < minimum || number > maximum) {
        fail(key, "is not a whole number in range");
        return fallback;
    }
    return static_cast<int>(number);
}

void RegistryFieldReader::fail(QLatin1String key, const char *what)
{
    if (m_problem.isEmpty())
        m_problem = QLatin1Char('"') + key + QLatin1String("\" ") + QLatin1String(what);
}

} // namespace Mcpa
