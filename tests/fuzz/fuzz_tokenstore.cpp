// The keychain entries of tokens and client secrets: another program (or an
// older version) may have written anything there.

#include "core/store/tokenstore.h"

#include "fuzzsupport.h"

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

namespace {

bool same(const TokenSet &a, const TokenSet &b)
{
    return a.accessToken == b.accessToken && a.tokenType == b.tokenType
        && a.refreshToken == b.refreshToken && a.idToken == b.idToken && a.scopes == b.scopes
        && a.expiresAt == b.expiresAt && a.receivedAt == b.receivedAt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    TokenSet tokens;
    if (!TokenStore::decodeTokens(input, &tokens)) {
        // What decodes, encodes and decodes again to the same tokens.
        TokenSet again;
        if (TokenStore::decodeTokens(TokenStore::encodeTokens(tokens), &again))
            Fuzz::violated("re-encoded tokens do not decode");
        if (!same(tokens, again))
            Fuzz::violated("re-encoded tokens decode differently");
    }
    QString secret;
    if (!TokenStore::decodeClientSecret(input, &secret)) {
        QString again;
        if (TokenStore::decodeClientSecret(TokenStore::encodeClientSecret(secret), &again)
            || again != secret)
            Fuzz::violated("a re-encoded client secret does not decode to itself");
    }
    return 0;
}
