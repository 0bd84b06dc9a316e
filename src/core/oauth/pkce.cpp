#include "core/oauth/pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace Mcpa {

namespace {
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QByteArray Pkce::randomToken()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words))
        .toBase64(Base64Url);
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

Pkce Pkce::generate()
{
    Pkce pkce;
    pkce.verifier = randomToken();
    pkce.challenge = challengeFor(pkce.verifier);
    return pkce;
}

} // namespace Mcpa
