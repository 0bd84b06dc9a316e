#pragma once

#include <QByteArray>

namespace Mcpa {

/// PKCE (RFC 7636), S256 only: the MCP spec forbids "plain".
struct Pkce
{
    QByteArray verifier; ///< 43 characters of base64url (32 random bytes); secret
    QByteArray challenge; ///< base64url(SHA-256(verifier)), no padding

    static Pkce generate();
    static QByteArray challengeFor(const QByteArray &verifier);
    /// 32 bytes from the system CSPRNG as base64url without padding (256 bits).
    static QByteArray randomToken();
};

} // namespace Mcpa
