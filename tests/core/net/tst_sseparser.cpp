#include "core/net/sseparser.h"

#include <QTest>

using namespace Mcpa;

class TestSseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wholeBodies_data();
    void wholeBodies();
    void byteByByte();
    void retryAndLastEventId();
};

void TestSseParser::wholeBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QList<QByteArray>>("data");
    QTest::addColumn<QList<QByteArray>>("names");
    QTest::addRow("one message") << QByteArray("event: message\ndata: {\"a\":1}\n\n")
                                 << QList<QByteArray> { "{\"a\":1}" }
                                 << QList<QByteArray> { "message" };
    QTest::addRow("default name, crlf")
        << QByteArray("data: x\r\n\r\ndata: y\r\n\r\n") << QList<QByteArray> { "x", "y" }
        << QList<QByteArray> { "message", "message" };
    QTest::addRow("multi-line data, cr only")
        << QByteArray("data: a\rdata: b\r\r") << QList<QByteArray> { "a\nb" }
        << QList<QByteArray> { "message" };
    QTest::addRow("comments and unknown fields")
        << QByteArray(": ping\nretry: 5\nfoo\ndata:z\n\n") << QList<QByteArray> { "z" }
        << QList<QByteArray> { "message" };
    QTest::addRow("no trailing blank line")
        << QByteArray("event: e\ndata: last") << QList<QByteArray> { "last" }
        << QList<QByteArray> { "e" };
    QTest::addRow("event without data is dropped")
        << QByteArray("event: e\n\n") << QList<QByteArray>() << QList<QByteArray>();
}

void TestSseParser::wholeBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QList<QByteArray>, data);
    QFETCH(QList<QByteArray>, names);
    const QList<SseEvent> events = SseParser::parseAll(body);
    QCOMPARE(events.size(), data.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(events.at(i).data, data.at(i));
        QCOMPARE(events.at(i).event, names.at(i));
    }
}

void TestSseParser::byteByByte()
{
    const QByteArray body(
        "id: 7\r\nevent: message\r\ndata: {\"x\":\r\ndata: 2}\r\n\r\ndata: b\n\n");
    SseParser parser;
    QList<SseEvent> events;
    for (char c : body)
        events.append(parser.feed(QByteArray(1, c)));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).data, QByteArray("{\"x\":\n2}"));
    QCOMPARE(events.at(0).id, QByteArray("7"));
    QCOMPARE(events.at(1).data, QByteArray("b"));
}

void TestSseParser::retryAndLastEventId()
{
    SseParser parser;
    QCOMPARE(parser.retryMs(), qint64(-1));
    // A priming event: an id, a reconnection time and empty data.
    QList<SseEvent> events = parser.feed("id: e1\nretry: 500\ndata: \n\n");
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().data, QByteArray());
    QCOMPARE(parser.retryMs(), qint64(500));
    QCOMPARE(parser.lastEventId(), QByteArray("e1"));
    // Not all digits: ignored. The id is kept for later events.
    events = parser.feed("retry: 12a\nretry: -5\nretry:\ndata: x\n\n");
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().id, QByteArray("e1"));
    QCOMPARE(parser.retryMs(), qint64(500));
    parser.feed("retry: 20\nid: e2\n\n");
    QCOMPARE(parser.retryMs(), qint64(20));
    QCOMPARE(parser.lastEventId(), QByteArray("e2"));
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
