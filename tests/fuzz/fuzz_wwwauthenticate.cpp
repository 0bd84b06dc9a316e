// WWW-Authenticate field values from any server the user adds.

#include "core/oauth/wwwauthenticate.h"

#include "fuzzsupport.h"

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    // The bytes as one field value, and as several (one per line).
    const QList<AuthChallenge> challenges = WwwAuthenticate::parse(input);
    const QList<AuthChallenge> perLine = WwwAuthenticate::parse(input.split('\n'));
    const BearerChallenge bearer = WwwAuthenticate::bearer(challenges);
    WwwAuthenticate::bearer(perLine);
    if (bearer.present && bearer.resourceMetadata.isValid())
        bearer.resourceMetadata.toString();
    for (const AuthChallenge &challenge : challenges) {
        challenge.isScheme(QLatin1String("Bearer"));
        const QStringList names = challenge.params.keys();
        for (const QString &name : names) {
            // Documented: parameter names are lowercased.
            for (const QChar c : name) {
                if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                    Fuzz::violated("a parameter name is not lowercased");
            }
        }
    }
    return 0;
}
