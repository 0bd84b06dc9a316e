#include "core/net/sseparser.h"

namespace Mcpa {

QList<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    QList<SseEvent> out;
    m_buffer.append(bytes);
    int start = 0;
    for (int i = 0; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (c != '\n' && c != '\r')
            continue;
        // A CR at the very end may be the first half of CRLF: wait for more.
        if (c == '\r' && i + 1 == m_buffer.size())
            break;
        processLine(m_buffer.mid(start, i - start), &out);
        if (c == '\r' && m_buffer.at(i + 1) == '\n')
            ++i;
        start = i + 1;
    }
    m_buffer.remove(0, start);
    return out;
}

QList<SseEvent> SseParser::parseAll(const QByteArray &body)
{
    SseParser parser;
    QList<SseEvent> events = parser.feed(body);
    events.append(parser.feed(QByteArrayLiteral("\n\n")));
    return events;
}

void SseParser::processLine(const QByteArray &line, QList<SseEvent> *out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.startsWith(':'))
        return; // comment
    const int colon = line.indexOf(':');
    QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = value;
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = value;
    } else if (field == "retry") {
        // Only ASCII digits count; anything else is ignored (WHATWG).
        bool digits = !value.isEmpty() && value.size() <= 12;
        for (const char c : value)
            digits = digits && c >= '0' && c <= '9';
        if (digits)
            m_retryMs = value.toLongLong();
    }
}

void SseParser::dispatch(QList<SseEvent> *out)
{
    if (m_hasData) {
        SseEvent event;
        event.event = m_event.isEmpty() ? QByteArrayLiteral("message") : m_event;
        event.data = m_data;
        event.id = m_id;
        out->append(event);
    }
    m_event.clear();
    m_data.clear();
    m_hasData = false;
}

} // namespace Mcpa
