#include "core/oauth/jwt.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace Mcpa {

namespace {

// 9999-12-31T23:59:59Z: QDateTime handles far more, but nothing real lies
// beyond, and the bound keeps the double -> integer conversion defined.
constexpr double LatestNumericDate = 253402300799.0;

void setFailure(Jwt::Failure *failure, Jwt::Failure value)
{
    if (failure)
        *failure = value;
}

bool isAscii(const QString &text)
{
    for (const QChar character : text) {
        if (character.unicode() > 0x7f)
            return false;
    }
    return true;
}

/// One base64url part; padding optional. nullopt when not base64url.
std::optional<QByteArray> decodePart(const QByteArray &part)
{
    // A lone trailing character carries 6 bits: never a whole byte.
    QByteArray unpadded = part;
    while (unpadded.endsWith('='))
        unpadded.chop(1);
    if (unpadded.isEmpty() || unpadded.size() % 4 == 1 || part.size() - unpadded.size() > 2)
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(
        unpadded, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

/// A decoded part as a JSON object; false when it is not one.
bool parseObject(const QByteArray &json, QJsonObject *object)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    *object = document.object();
    return true;
}

QString stringClaim(const QJsonObject &object, const char *name)
{
    return object.value(QLatin1String(name)).toString();
}

void appendScopes(const QJsonValue &value, QStringList *scopes)
{
    QStringList found;
    if (value.isString()) {
        found = value.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &entry : array) {
            if (entry.isString() && !entry.toString().isEmpty())
                found.append(entry.toString());
        }
    }
    for (const QString &scope : std::as_const(found)) {
        if (!scopes->contains(scope))
            scopes->append(scope);
    }
}

} // namespace

QString DecodedJwt::algorithm() const
{
    return stringClaim(header, "alg");
}

QString DecodedJwt::type() const
{
    return stringClaim(header, "typ");
}

QString DecodedJwt::issuer() const
{
    return stringClaim(payload, "iss");
}

QString DecodedJwt::subject() const
{
    return stringClaim(payload, "sub");
}

QString DecodedJwt::clientId() const
{
    return stringClaim(payload, "client_id");
}

QString DecodedJwt::jwtId() const
{
    return stringClaim(payload, "jti");
}

QString DecodedJwt::email() const
{
    return stringClaim(payload, "email");
}

QString DecodedJwt::name() const
{
    const QString name = stringClaim(payload, "name");
    return name.isEmpty() ? stringClaim(payload, "preferred_username") : name;
}

QStringList DecodedJwt::audience() const
{
    const QJsonValue value = payload.value(QLatin1String("aud"));
    if (value.isString())
        return value.toString().isEmpty() ? QStringList() : QStringList { value.toString() };
    QStringList audience;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        if (entry.isString() && !entry.toString().isEmpty())
            audience.append(entry.toString());
    }
    return audience;
}

QStringList DecodedJwt::scopes() const
{
    QStringList scopes;
    appendScopes(payload.value(QLatin1String("scope")), &scopes);
    appendScopes(payload.value(QLatin1String("scp")), &scopes);
    return scopes;
}

QDateTime DecodedJwt::expiresAt() const
{
    return numericDate(QStringLiteral("exp"));
}

QDateTime DecodedJwt::issuedAt() const
{
    return numericDate(QStringLiteral("iat"));
}

QDateTime DecodedJwt::notBefore() const
{
    return numericDate(QStringLiteral("nbf"));
}

QDateTime DecodedJwt::numericDate(const QString &name) const
{
    return Jwt::numericDate(payload.value(name));
}

QDateTime Jwt::numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return {};
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || seconds < 0 || seconds > LatestNumericDate)
        return {};
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::floor(seconds * 1000)), Qt::UTC);
}

std::optional<DecodedJwt> Jwt::decode(const QString &token, Failure *failure)
{
    setFailure(failure, Failure::None);
    if (token.size() > maxTokenLength) {
        setFailure(failure, Failure::TooLarge);
        return std::nullopt;
    }
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty()) {
        setFailure(failure, Failure::Empty);
        return std::nullopt;
    }
    const qsizetype dots = trimmed.count(QLatin1Char('.'));
    if (dots == 4) {
        setFailure(failure, Failure::Encrypted);
        return std::nullopt;
    }
    if (dots != 2) {
        setFailure(failure, Failure::NotThreeParts);
        return std::nullopt;
    }
    if (!isAscii(trimmed)) {
        setFailure(failure, Failure::InvalidBase64);
        return std::nullopt;
    }
    const QList<QByteArray> parts = trimmed.toLatin1().split('.');
    const auto header = decodePart(parts.at(0));
    const auto payload = decodePart(parts.at(1));
    // The signature is never used; it need only be base64url (or empty, "alg": "none").
    const bool signatureOk = parts.at(2).isEmpty() || decodePart(parts.at(2)).has_value();
    if (!header || !payload || !signatureOk) {
        setFailure(failure, Failure::InvalidBase64);
        return std::nullopt;
    }

    DecodedJwt decoded;
    if (!parseObject(*header, &decoded.header) || !parseObject(*payload, &decoded.payload)) {
        setFailure(failure, Failure::NotJsonObject);
        return std::nullopt;
    }
    if (decoded.algorithm().isEmpty()) {
        setFailure(failure, Failure::MissingAlgorithm);
        return std::nullopt;
    }
    return decoded;
}

} // namespace Mcpa
