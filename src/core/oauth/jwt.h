#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Mcpa {

/// The header and claims of a JWS compact token (RFC 7515 / RFC 7519),
/// decoded FOR DISPLAY ONLY. Nothing here checks the signature, the issuer,
/// the audience or the times: a decoded token says what it says, not that it
/// is true. Never base an access decision on these values.
struct DecodedJwt
{
    QJsonObject header;
    QJsonObject payload;

    /// Header "alg" and "typ" ("" when absent).
    QString algorithm() const;
    QString type() const;

    /// String claims ("" when absent or not a string): iss, sub, client_id,
    /// jti, email, name (falls back to preferred_username).
    QString issuer() const;
    QString subject() const;
    QString clientId() const;
    QString jwtId() const;
    QString email() const;
    QString name() const;
    /// "aud": a single string or an array of strings (non-strings skipped).
    QStringList audience() const;
    /// "scope" (RFC 8693/9068, space-separated) and "scp" (string or array);
    /// duplicates removed, order kept.
    QStringList scopes() const;
    /// NumericDate claims exp, iat, nbf as UTC; invalid when absent, not a
    /// number, or outside years 1970..9999.
    QDateTime expiresAt() const;
    QDateTime issuedAt() const;
    QDateTime notBefore() const;

    /// The NumericDate claim `name` of the payload (see expiresAt()).
    QDateTime numericDate(const QString &name) const;
};

/// Splits and decodes JWTs for display. Never verifies (see DecodedJwt).
class Jwt
{
    Q_GADGET
public:
    /// Why a token could not be decoded.
    enum class Failure {
        None,
        Empty,
        TooLarge, ///< longer than maxTokenLength: not even looked at
        Encrypted, ///< five parts: a JWE, only its audience can read it
        NotThreeParts, ///< not a JWS compact serialization (likely opaque)
        InvalidBase64, ///< a part is not base64url
        NotJsonObject, ///< header or payload is not a JSON object (bad JSON, an array, ...)
        MissingAlgorithm, ///< the header has no "alg": not a JWS
    };
    Q_ENUM(Failure)

    /// Tokens longer than this (in characters) are refused before any work.
    static constexpr int maxTokenLength = 64 * 1024;

    /// Decodes `token` (surrounding whitespace ignored). Returns nullopt and,
    /// when `failure` is given, sets it to the reason, for anything but a
    /// well-formed JWS whose header and payload are JSON objects. Base64url
    /// padding is accepted but not required. Safe for hostile input.
    /// For display only: the signature is NOT verified.
    static std::optional<DecodedJwt> decode(const QString &token, Failure *failure = nullptr);

    /// A JSON NumericDate (seconds since the epoch, fractions allowed) as UTC;
    /// invalid when not a number or outside years 1970..9999.
    static QDateTime numericDate(const QJsonValue &value);
};

} // namespace Mcpa
