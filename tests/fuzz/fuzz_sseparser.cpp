// Server-Sent Events from MCP servers, whole and in pieces.

#include "core/net/sseparser.h"

#include "fuzzsupport.h"

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

namespace {

bool same(const SseEvent &a, const SseEvent &b)
{
    return a.event == b.event && a.data == b.data && a.id == b.id;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // First byte: the size of the pieces the stream arrives in (1..16).
    const int piece = 1 + data[0] % 16;
    const QByteArray stream = Fuzz::bytes(data + 1, size - 1);

    const QList<SseEvent> whole = SseParser::parseAll(stream);
    SseParser parser;
    QList<SseEvent> fed;
    for (qsizetype offset = 0; offset < stream.size(); offset += piece)
        fed += parser.feed(stream.mid(offset, piece));

    // However the bytes are cut, the events are the same; parseAll() may
    // add one last event that has no blank line after it.
    if (fed.size() > whole.size() || whole.size() > fed.size() + 1)
        Fuzz::violated("pieces and the whole stream give different event counts");
    for (qsizetype i = 0; i < fed.size(); ++i) {
        if (!same(fed.at(i), whole.at(i)))
            Fuzz::violated("pieces and the whole stream give different events");
    }
    return 0;
}
