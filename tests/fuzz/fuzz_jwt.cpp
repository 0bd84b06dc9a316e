// JWT decoding for display (the token viewer shows any token it is given).

#include "core/oauth/jwt.h"

#include "fuzzsupport.h"

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString token = QString::fromUtf8(Fuzz::bytes(data, size));
    Jwt::Failure failure = Jwt::Failure::None;
    const std::optional<DecodedJwt> decoded = Jwt::decode(token, &failure);
    if (decoded.has_value() != (failure == Jwt::Failure::None))
        Fuzz::violated("the failure does not match the result");
    if (!decoded)
        return 0;
    // Everything the viewer reads.
    decoded->algorithm();
    decoded->type();
    decoded->issuer();
    decoded->subject();
    decoded->clientId();
    decoded->jwtId();
    decoded->email();
    decoded->name();
    decoded->audience();
    decoded->scopes();
    for (const QDateTime &time :
         { decoded->expiresAt(), decoded->issuedAt(), decoded->notBefore() }) {
        if (time.isValid() && (time.date().year() < 1970 || time.date().year() > 9999))
            Fuzz::violated("a NumericDate outside 1970..9999");
    }
    return 0;
}
