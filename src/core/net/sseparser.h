#pragma once

#include <QByteArray>
#include <QList>

namespace Mcpa {

/// One Server-Sent Event (WHATWG HTML, "Parsing an event stream").
struct SseEvent
{
    QByteArray event; ///< "message" when the stream names none
    QByteArray data; ///< data lines joined with "\n"
    QByteArray id;
};

/// Incremental parser: feed bytes as they arrive, take complete events.
/// Handles CRLF, CR and LF line ends, comments, and fields without a value.
class SseParser
{
public:
    /// Adds bytes; returns the events completed by them.
    QList<SseEvent> feed(const QByteArray &bytes);
    /// Parses a whole body at once (a trailing event without blank line counts).
    static QList<SseEvent> parseAll(const QByteArray &body);

    /// The reconnection time the stream set with "retry:" (milliseconds), or
    /// -1 when it set none.
    qint64 retryMs() const { return m_retryMs; }
    /// The last event id seen (the "last event ID buffer"), kept across events.
    QByteArray lastEventId() const { return m_id; }

private:
    void processLine(const QByteArray &line, QList<SseEvent> *out);
    void dispatch(QList<SseEvent> *out);

    QByteArray m_buffer;
    QByteArray m_event;
    QByteArray m_data;
    QByteArray m_id;
    bool m_hasData = false;
    qint64 m_retryMs = -1;
};

} // namespace Mcpa
