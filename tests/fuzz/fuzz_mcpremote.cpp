// mcp-remote's plaintext credential files (~/.mcp-auth), read by the token
// migration: whatever another program wrote there.

#include "core/import/mcpremotestore.h"

#include "fuzzsupport.h"

#include <QFile>
#include <QTemporaryDir>

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir directory;
    if (!directory.isValid())
        Fuzz::violated("no temporary directory");
    const QString path = directory.filePath(QStringLiteral("0123456789abcdef_tokens.json"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            Fuzz::violated("cannot write the tokens file");
        file.write(Fuzz::bytes(data, size));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TokenSet tokens;
    bool expiryKnown = false;
    if (!McpRemoteStore::readTokens(path, now, &tokens, &expiryKnown) && !tokens.isValid())
        Fuzz::violated("read tokens without an access token");
    ClientRegistration client;
    QDateTime issuedAt;
    bool declaredMethod = false;
    McpRemoteStore::readClientInfo(path, &client, &issuedAt, &declaredMethod);
    return 0;
}
