#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Mcpa {

/// Reads the known fields of one JSON object of the registry file with type
/// checks. An absent or null field gives the fallback; a field of the wrong
/// type gives the fallback too and records a problem. The first problem is
/// kept; it names the field, never its value.
class RegistryFieldReader
{
public:
    /// @p object must outlive the reader.
    explicit RegistryFieldReader(const QJsonObject &object);

    QString text(QLatin1String key, const QString &fallback = {});
    /// An array of strings.
    QStringList texts(QLatin1String key);
    bool flag(QLatin1String key, bool fallback);
    /// ISO 8601 with milliseconds, returned in UTC.
    QDateTime date(QLatin1String key);
    QUrl url(QLatin1String key);
    /// A whole number in [@p minimum, @p maximum].
    int integer(QLatin1String key, int minimum, int maximum, int fallback);

    /// No field had the wrong type so far.
    bool ok() const { return m_problem.isEmpty(); }
    /// The first problem, e.g. "\"scopes\" is not an array".
    QString problem() const { return m_problem; }

private:
    void fail(QLatin1String key, const char *what);

    const QJsonObject &m_object;
    QString m_problem;
};

} // namespace Mcpa
