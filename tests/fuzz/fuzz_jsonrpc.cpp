// Finding the JSON-RPC response in an MCP server's JSON or SSE answer.

#include "core/mcp/jsonrpc.h"
#include "core/net/httpclient.h"

#include "fuzzsupport.h"

#include <QJsonObject>

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // First byte: the content type; second: the id asked for.
    static const QByteArray types[] = { "application/json",
                                        "text/event-stream",
                                        "application/json; charset=utf-8",
                                        "Text/Event-Stream;charset=UTF-8",
                                        "text/plain",
                                        "" };
    HttpResponse response;
    response.status = 200;
    response.headers = { { "Content-Type", types[data[0] % std::size(types)] } };
    response.body = Fuzz::bytes(data + 2, size - 2);
    const qint64 id = data[1];
    QJsonObject found;
    const Error error = JsonRpc::findResponse(response, id, &found);
    if (!error) {
        // Documented: the response with this id, and a response at that.
        if (found.value(QLatin1String("id")).toInteger(-1) != id)
            Fuzz::violated("found a response with another id");
        if (!found.contains(QLatin1String("result")) && !found.contains(QLatin1String("error")))
            Fuzz::violated("found a message that is no response");
    }
    return 0;
}
