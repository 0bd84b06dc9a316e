#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

namespace Mcpa {

/// One challenge of a WWW-Authenticate header (RFC 9110 section 11.6.1).
struct AuthChallenge
{
    QString scheme; ///< as sent; compare case-insensitively
    QString token68; ///< set instead of params for token68 challenges
    QMap<QString, QString> params; ///< names lowercased, values unquoted

    bool isScheme(QLatin1String name) const;
    QString param(QLatin1String name) const { return params.value(name); }
};

/// The facts the MCP client needs from a Bearer challenge.
struct BearerChallenge
{
    bool present = false;
    QUrl resourceMetadata;
    QString scope;
    QString error;
    QString errorDescription;
    QString realm;
};

/// Parser for WWW-Authenticate field values: several challenges per value
/// and several values, quoted strings with backslash escapes, token68,
/// optional whitespace, empty list elements. Malformed parts are skipped;
/// it never fails as a whole and never reads past the input.
namespace WwwAuthenticate {

QList<AuthChallenge> parse(const QByteArray &fieldValue);
QList<AuthChallenge> parse(const QList<QByteArray> &fieldValues);

/// The first Bearer challenge's parameters (present=false when none).
BearerChallenge bearer(const QList<AuthChallenge> &challenges);

} // namespace WwwAuthenticate
} // namespace Mcpa
