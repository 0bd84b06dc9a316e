#include "core/net/httpclient.h"
#include "core/oauth/authorizationflow.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <functional>
#include <memory>

using namespace Mcpa;

// The loopback callback listener under abuse: any local program (or a web
// page the browser is showing) can talk to it while a sign-in waits. None of
// that may crash the app, complete the sign-in, or keep the real browser
// callback from completing it afterwards.
//
// The barrage is deterministic (seeded; MCPA_HOSTILE_SEED overrides the
// seed), runs with bounded concurrency and a per-connection time limit, and
// prints its figures with qInfo.

namespace {

/// One abusive connection to the listener.
struct Attack
{
    enum class Mode {
        SendAndWait, ///< send everything, wait until the listener closes (or give up)
        SendAndClose, ///< send everything, then close our side at once
        OpenAndClose, ///< connect and close without sending a byte
    };
    QByteArray kind;
    QByteArray bytes;
    Mode mode = Mode::SendAndWait;
};

/// Fires attacks at 127.0.0.1:port, `concurrency` at a time.
class Barrage
{
public:
    struct Figures
    {
        int connections = 0;
        int closedByListener = 0; ///< the listener closed (answered or not)
        int closedByUs = 0; ///< half requests and open-and-close
        int gaveUp = 0; ///< still open after the per-connection limit: we aborted
        int refused = 0; ///< could not connect at all
        int answered = 0; ///< got response bytes
        qint64 bytesSent = 0;
        QList<QPair<QByteArray, QByteArray>> answers; ///< kind, first bytes of the answer
    };

    Barrage(quint16 port, QList<Attack> attacks, int concurrency, int perConnectionMs)
        : m_port(port)
        , m_attacks(std::move(attacks))
        , m_concurrency(concurrency)
        , m_perConnectionMs(perConnectionMs)
    { }
    ~Barrage()
    {
        // Sockets still open (a failed test) go with m_context; not through finish().
        const QList<QTcpSocket *> sockets = m_context.findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->disconnect();
    }
    Q_DISABLE_COPY_MOVE(Barrage)

    void start()
    {
        while (m_running < m_concurrency && m_next < m_attacks.size())
            launch(m_attacks.at(m_next++));
    }
    bool isDone() const { return m_next == m_attacks.size() && m_running == 0; }
    const Figures &figures() const { return m_figures; }

private:
    struct Connection
    {
        QByteArray kind;
        QByteArray answer;
        bool finished = false;
    };

    void launch(const Attack &attack)
    {
        ++m_running;
        ++m_figures.connections;
        auto *socket = new QTcpSocket(&m_context);
        auto connection = std::make_shared<Connection>();
        connection->kind = attack.kind;
        auto *limit = new QTimer(socket);
        limit->setSingleShot(true);
        QObject::connect(socket, &QTcpSocket::connected, socket, [this, socket, attack] {
            if (attack.mode == Attack::Mode::OpenAndClose) {
                socket->abort();
                return;
            }
            m_figures.bytesSent += attack.bytes.size();
            socket->write(attack.bytes);
            if (attack.mode == Attack::Mode::SendAndClose)
                socket->disconnectFromHost(); // after the bytes are out
        });
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, connection] {
            connection->answer += socket->read(256 - connection->answer.size());
            socket->readAll();
        });
        QObject::connect(limit, &QTimer::timeout, socket, [this, socket, connection] {
            finish(socket, connection.get(), Outcome::GaveUp);
        });
        QObject::connect(
            socket, &QTcpSocket::disconnected, socket, [this, socket, connection, attack] {
                finish(socket, connection.get(),
                       attack.mode == Attack::Mode::SendAndWait ? Outcome::ClosedByListener
                                                                : Outcome::ClosedByUs);
            });
        QObject::connect(socket, &QTcpSocket::errorOccurred, socket,
                         [this, socket, connection](QAbstractSocket::SocketError error) {
                             if (error == QAbstractSocket::ConnectionRefusedError)
                                 finish(socket, connection.get(), Outcome::Refused);
                             else if (error == QAbstractSocket::RemoteHostClosedError)
                                 finish(socket, connection.get(), Outcome::ClosedByListener);
                             // Other errors (a reset while we write) end in disconnected().
                         });
        limit->start(m_perConnectionMs);
        socket->connectToHost(QHostAddress::LocalHost, m_port);
    }

    enum class Outcome { ClosedByListener, ClosedByUs, GaveUp, Refused };

    void finish(QTcpSocket *socket, Connection *connection, Outcome outcome)
    {
        if (connection->finished)
            return;
        connection->finished = true;
        switch (outcome) {
        case Outcome::ClosedByListener:
            ++m_figures.closedByListener;
            break;
        case Outcome::ClosedByUs:
            ++m_figures.closedByUs;
            break;
        case Outcome::GaveUp:
            ++m_figures.gaveUp;
            break;
        case Outcome::Refused:
            ++m_figures.refused;
            break;
        }
        if (socket->bytesAvailable() > 0 && connection->answer.size() < 256)
            connection->answer += socket->read(256 - connection->answer.size());
        if (!connection->answer.isEmpty()) {
            ++m_figures.answered;
            m_figures.answers.append({ connection->kind, connection->answer });
        }
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
        --m_running;
        QTimer::singleShot(0, &m_context, [this] { start(); });
    }

    quint16 m_port;
    QList<Attack> m_attacks;
    int m_concurrency;
    int m_perConnectionMs;
    qsizetype m_next = 0;
    int m_running = 0;
    Figures m_figures;
    QObject m_context; ///< parent of the sockets, context of the queued restarts
};

/// The local addresses (as in /proc/net/tcp: hex "0100007F", or 32 hex
/// digits for IPv6) of every listening TCP socket on @p port.
QList<QByteArray> listeningAddresses(const QString &table, quint16 port)
{
    QFile file(table);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray portHex = QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    QList<QByteArray> addresses;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        // "  sl  local_address rem_address   st ..."; st 0A is LISTEN.
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 4 || fields.at(3) != "0A")
            continue;
        const QList<QByteArray> local = fields.at(1).split(':');
        if (local.size() == 2 && local.at(1) == portHex)
            addresses.append(local.at(0));
    }
    return addresses;
}

} // namespace

class TestHostileCallbacks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void thousandAbusiveRequestsCompleteNothing();
    void slowSendersDoNotBlockTheCallback();
    void endlessRequestIsCutOff_data();
    void endlessRequestIsCutOff();
    void idleConnectionFloodDoesNotBlockTheCallback();
    void halfRequestsDoNotPoisonLaterConnections();
    void stalledConnectionIsClosed();
    void listenerIsOnLoopbackOnly_data();
    void listenerIsOnLoopbackOnly();

private:
    /// A flow waiting for the browser, with its authorization URL and state.
    struct Waiting
    {
        std::unique_ptr<HttpClient> http;
        std::unique_ptr<AuthorizationJob> flow; ///< held here: no auto-delete
        std::unique_ptr<QSignalSpy> finished;
        QUrl authorizationUrl;
        QString state;
        quint16 port = 0;
    };
    static bool startWaiting(Waiting *waiting);
    static QUrl realCallback(const Waiting &waiting, const QString &code);
    /// GETs @p url like a browser; returns the page, or an empty array.
    static QByteArray visit(const QUrl &url, int *status = nullptr);
    QList<Attack> attacks(const QString &path, quint16 port) const;

    quint32 m_seed = 20250601;
};

void TestHostileCallbacks::initTestCase()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("MCPA_HOSTILE_SEED").toUInt(&ok);
    if (ok)
        m_seed = seed;
    qInfo("hostile callbacks: seed %u (set MCPA_HOSTILE_SEED to replay another)", m_seed);
}

bool TestHostileCallbacks::startWaiting(Waiting *waiting)
{
    waiting->http = std::make_unique<HttpClient>();
    waiting->flow = std::make_unique<AuthorizationJob>(waiting->http.get());
    waiting->flow->setAutoDelete(false);
    waiting->finished = std::make_unique<QSignalSpy>(waiting->flow.get(), &Job::finished);
    QSignalSpy browser(waiting->flow.get(), &AuthorizationJob::authorizeWithBrowser);
    AuthorizationRequest request;
    request.authServer.issuer = QStringLiteral("http://127.0.0.1:9");
    request.authServer.authorizationEndpoint = QUrl(QStringLiteral("http://127.0.0.1:9/authorize"));
    request.authServer.tokenEndpoint = QUrl(QStringLiteral("http://127.0.0.1:9/token"));
    request.client.clientId = QStringLiteral("client-1");
    request.resource = QUrl(QStringLiteral("http://127.0.0.1:8/mcp"));
    request.scopes = { QStringLiteral("mcp:read") };
    request.timeout = std::chrono::minutes(5);
    waiting->flow->setRequest(request);
    waiting->flow->start();
    if (!browser.wait(10000))
        return false;
    waiting->authorizationUrl = browser.first().first().toUrl();
    waiting->state = QUrlQuery(waiting->authorizationUrl).queryItemValue(QStringLiteral("state"));
    waiting->port = static_cast<quint16>(waiting->flow->redirectUri().port());
    return waiting->flow->state() == Job::State::Running && waiting->flow->isWaitingForBrowser()
        && !waiting->state.isEmpty() && waiting->port != 0;
}

QUrl TestHostileCallbacks::realCallback(const Waiting &waiting, const QString &code)
{
    QUrl callback = waiting.flow->redirectUri();
    callback.setQuery(QStringLiteral("code=%1&state=%2")
                          .arg(QString::fromLatin1(QUrl::toPercentEncoding(code)), waiting.state),
                      QUrl::StrictMode);
    return callback;
}

QByteArray TestHostileCallbacks::visit(const QUrl &url, int *status)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000)) {
        delete reply;
        return {};
    }
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    delete reply;
    return body;
}

QList<Attack> TestHostileCallbacks::attacks(const QString &path, quint16 port) const
{
    QRandomGenerator random(m_seed);
    const QByteArray callback = path.toLatin1();
    const auto randomBytes = [&random](int size) {
        QByteArray bytes(size, Qt::Uninitialized);
        for (char &byte : bytes)
            byte = static_cast<char>(random.bounded(256));
        return bytes;
    };
    const auto randomState = [&random] {
        static const char alphabet[]
            = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        QByteArray state(43, Qt::Uninitialized);
        for (char &c : state)
            c = alphabet[random.bounded(64)];
        return state;
    };
    const auto get = [](const QByteArray &target) -> QByteArray {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: hostile\r\n\r\n";
    };
    const QByteArray wrongState = callback + "?code=evil&state=";

    // Each generator makes one attack; they take turns.
    using Generator = std::function<Attack()>;
    const QList<QPair<QByteArray, Generator>> generators {
        { "garbage",
          [&] {
              return Attack { "garbage", randomBytes(1 + random.bounded(4096)) };
          } },
        { "garbage-then-close",
          [&] {
              return Attack { "garbage-then-close", randomBytes(1 + random.bounded(512)),
                              Attack::Mode::SendAndClose };
          } },
        { "wrong path",
          [&] {
              static const QList<QByteArray> paths { "/",
                                                     "/favicon.ico",
                                                     "/callbac",
                                                     "/CALLBACK",
                                                     "/callback/",
                                                     "/callbackx",
                                                     "/callback/../admin",
                                                     "//callback",
                                                     "/%63allback",
                                                     "/callback%00",
                                                     "/../../../../etc/passwd",
                                                     "*" };
              const QByteArray target = paths.at(random.bounded(paths.size()));
              return Attack { "wrong path", get(target + "?code=evil&state=" + randomState()) };
          } },
        { "wrong state",
          [&] {
              return Attack { "wrong state", get(wrongState + randomState()) };
          } },
        { "missing state",
          [&] {
              return Attack { "missing state", get(callback + "?code=evil") };
          } },
        { "empty state",
          [&] {
              return Attack { "empty state", get(callback + "?code=evil&state=") };
          } },
        { "duplicated state",
          [&] {
              return Attack { "duplicated state",
                              get(wrongState + randomState() + "&state=" + randomState()) };
          } },
        { "error without state",
          [&] {
              return Attack { "error without state",
                              get(callback + "?error=access_denied&error_description=x") };
          } },
        { "query injection",
          [&] {
              static const QList<QByteArray> queries {
                  "?code=evil&state=x%26state%3Dy",
                  "?code=evil%00&state=%00",
                  "?code=evil&state=%zz%",
                  "?code=evil;state=y",
                  "?code=evil&state=y#state=z",
                  "?code=evil&%73tate=y",
                  "?code=evil&STATE=y",
                  "?code=evil&state%00=y",
                  "?&&&&=&=&code=evil&&state=y&&",
                  "?code=evil&state=%C0%AE%C0%AE%2F",
                  "?code=%3Cscript%3Ealert(1)%3C/script%3E&state=y",
                  "?code=evil&state=y&iss=http%3A%2F%2Fevil",
                  "?code[]=evil&state[]=y",
                  "?code=evil&state=" + QByteArray(8000, 'A'),
              };
              return Attack { "query injection",
                              get(callback + queries.at(random.bounded(queries.size()))) };
          } },
        { "many parameters",
          [&] {
              QByteArray query = callback + "?code=evil";
              for (int i = 0; i < 3000; ++i)
                  query += "&p" + QByteArray::number(i) + "=v";
              return Attack { "many parameters", get(query + "&state=" + randomState()) };
          } },
        { "NUL bytes",
          [&] {
              const QByteArray nul(1, '\0');
              const QList<QByteArray> requests {
                  "GET /callback?code=evil&state=x" + nul + "y HTTP/1.1\r\n\r\n",
                  "GET" + nul + "/callback?code=evil&state=x HTTP/1.1\r\n\r\n",
                  QByteArray(8, '\0'),
                  "GET /callback?code=evil&state=x HTTP/1.1\r\nX: " + nul + "\r\n\r\n",
                  "GET /callback?code=evil" + nul + "&state=x" + nul + " HTTP/1.1\r\n\r\n",
              };
              return Attack { "NUL bytes", requests.at(random.bounded(requests.size())) };
          } },
        { "HTTP/0.9",
          [&] {
              return Attack { "HTTP/0.9", "GET " + wrongState + randomState() + "\r\n" };
          } },
        { "HTTP/2 preface",
          [&] {
              // Connection preface, then an empty SETTINGS frame and a HEADERS frame.
              return Attack { "HTTP/2 preface",
                              QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
                                         "\x00\x00\x00\x04\x00\x00\x00\x00\x00"
                                         "\x00\x00\x05\x01\x05\x00\x00\x00\x01\x82\x86\x84\x41\x8a",
                                         24 + 9 + 14) };
          } },
        { "TLS client hello",
          [&] {
              return Attack { "TLS client hello",
                              QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                                  + randomBytes(500) };
          } },
        { "other methods",
          [&] {
              static const QList<QByteArray> requests {
                  "POST /callback HTTP/1.1\r\nContent-Length: 21\r\n\r\ncode=evil&state=xxxxx",
                  "DELETE /callback?code=evil&state=x HTTP/1.1\r\n\r\n",
                  "HEAD /callback?code=evil&state=x HTTP/1.1\r\n\r\n",
                  "OPTIONS * HTTP/1.1\r\n\r\n",
                  "CONNECT 127.0.0.1:1 HTTP/1.1\r\n\r\n",
                  "get /callback?code=evil&state=x HTTP/1.1\r\n\r\n",
                  "GETGETGETGET /callback HTTP/1.1\r\n\r\n",
                  "BREW /callback HTTP/1.1\r\n\r\n",
              };
              return Attack { "other methods", requests.at(random.bounded(requests.size())) };
          } },
        { "absolute form",
          [&] {
              return Attack { "absolute form",
                              get("http://127.0.0.1:" + QByteArray::number(port) + wrongState
                                  + randomState()) };
          } },
        { "odd request lines",
          [&] {
              static const QList<QByteArray> requests {
                  "GET /callback?code=evil&state=x \r\n\r\n", // empty version
                  "GET /callback?code=evil&state=x H\r\n\r\n", // one-character version
                  "GET /callback?code=evil&state=x HTTP/9.9\r\n\r\n",
                  "GET /callback?code=evil&state=x HTTP/1.1\n\n", // bare LF
                  "GET /callback?code=evil&state=x HTTP/1.1\r\r\r\r",
                  "GET /callback?code=evil&state=x HTTP/1.1\r\nno colon here\r\n\r\n",
                  "GET /callback?code=evil&state=x HTTP/1.1\r\n:\r\n\r\n",
                  "GET /callback?code=evil&state=x HTTP/1.1\r\n folded: header\r\n\r\n",
                  "GET\t/callback?code=evil&state=x\tHTTP/1.1\r\n\r\n",
                  "   GET /callback?code=evil&state=x HTTP/1.1\r\n\r\n",
                  "GET  /callback?code=evil&state=x  HTTP/1.1\r\n\r\n",
                  "GET callback?code=evil&state=x HTTP/1.1\r\n\r\n",
                  "GET /callback?code=evil&state=x HTTP/1.1\r\n"
                  "Transfer-Encoding: chunked\r\n\r\nffffffff\r\n",
              };
              return Attack { "odd request lines", requests.at(random.bounded(requests.size())) };
          } },
        { "many headers",
          [&] {
              QByteArray request = "GET " + wrongState + randomState() + " HTTP/1.1\r\n";
              for (int i = 0; i < 2000; ++i)
                  request += "X-H" + QByteArray::number(i) + ": v\r\n";
              return Attack { "many headers", request + "\r\n" };
          } },
        { "open and close",
          [&] {
              return Attack { "open and close", {}, Attack::Mode::OpenAndClose };
          } },
        { "half request then close",
          [&] {
              static const QList<QByteArray> halves { "G",
                                                      "GET",
                                                      "GET ",
                                                      "GET /call",
                                                      "GET /callback?code=evil&state=",
                                                      "GET /callback?code=evil&state=x ",
                                                      "GET /callback?code=evil&state=x HTTP/1.",
                                                      "GET /callback?code=evil&state=x "
                                                      "HTTP/1.1\r\nHost: 127.0.0.1\r\n" };
              return Attack { "half request then close", halves.at(random.bounded(halves.size())),
                              Attack::Mode::SendAndClose };
          } },
        { "half request then wait",
          [&] {
              return Attack { "half request then wait", "GET /callback?code=evil&state=" };
          } },
        { "pipelined",
          [&] {
              QByteArray requests;
              const int count = 2 + random.bounded(20);
              for (int i = 0; i < count; ++i)
                  requests += get(wrongState + randomState());
              return Attack { "pipelined", requests };
          } },
    };
    // Bounded extras: the 1 MiB ones are few, to keep the run short.
    const QList<QPair<QByteArray, Generator>> huge {
        { "1 MiB header line",
          [&] {
              return Attack { "1 MiB header line",
                              "GET " + wrongState + randomState() + " HTTP/1.1\r\nX-Big: "
                                  + QByteArray(1024 * 1024, 'a') + "\r\n\r\n" };
          } },
        { "1 MiB request target",
          [&] {
              return Attack { "1 MiB request target",
                              "GET " + wrongState + QByteArray(1024 * 1024, 'b')
                                  + " HTTP/1.1\r\n\r\n" };
          } },
    };

    QList<Attack> list;
    for (int i = 0; list.size() < 1000; ++i) {
        if (i % 50 == 25)
            list.append(huge.at((i / 50) % huge.size()).second());
        else
            list.append(generators.at(i % generators.size()).second());
    }
    return list;
}

void TestHostileCallbacks::thousandAbusiveRequestsCompleteNothing()
{
    Waiting waiting;
    QVERIFY(startWaiting(&waiting));
    const QString path = waiting.flow->redirectUri().path();
    const QList<Attack> list = attacks(path, waiting.port);
    QCOMPARE(list.size(), 1000);

    QElapsedTimer clock;
    clock.start();
    Barrage barrage(waiting.port, list, 32, 1500);
    barrage.start();
    // A generous bound: a hang here is a failure, not a slow machine.
    QTRY_VERIFY_WITH_TIMEOUT(barrage.isDone(), 90000);
    const qint64 elapsed = clock.elapsed();
    const Barrage::Figures &figures = barrage.figures();
    qInfo("hostile callbacks: %d connections, %lld bytes in %lld ms: %d closed by the listener "
          "(%d with an answer), %d closed by us, %d still open after 1.5 s, %d refused",
          figures.connections, figures.bytesSent, elapsed, figures.closedByListener,
          figures.answered, figures.closedByUs, figures.gaveUp, figures.refused);

    QCOMPARE(figures.connections, 1000);
    QCOMPARE(figures.refused, 0); // the listener stayed up throughout
    for (const auto &answer : figures.answers)
        QVERIFY2(!answer.second.contains("Signed in"), answer.first.constData());
    QVERIFY2(waiting.finished->isEmpty(), "an abusive request completed the sign-in");
    QVERIFY2(waiting.finished->isEmpty(), "an abusive request ended the sign-in");
    QCOMPARE(waiting.flow->state(), Job::State::Running);
    QVERIFY(waiting.flow->isWaitingForBrowser());

    // The browser's real callback still completes the sign-in.
    int status = 0;
    const QByteArray page = visit(realCallback(waiting, QStringLiteral("the-real-code")), &status);
    QCOMPARE(status, 200);
    QVERIFY2(page.contains("Signed in"), page.constData());
    QTRY_COMPARE(waiting.finished->size(), 1);
    QVERIFY2(!waiting.flow->error(), qPrintable(waiting.flow->error().toString()));
    QCOMPARE(waiting.flow->result().code, QStringLiteral("the-real-code"));
    QCOMPARE(waiting.finished->size(), 1); // no failure after the success
}

void TestHostileCallbacks::slowSendersDoNotBlockTheCallback()
{
    Waiting waiting;
    QVERIFY(startWaiting(&waiting));
    // Eight clients send the start of a callback one byte at a time, then stall.
    const QByteArray start = "GET /callback?code=evil&state=" + QByteArray(12, 'x');
    QList<QTcpSocket *> slow;
    for (int i = 0; i < 8; ++i) {
        auto *socket = new QTcpSocket(this);
        socket->connectToHost(QHostAddress::LocalHost, waiting.port);
        QVERIFY(socket->waitForConnected(5000));
        slow.append(socket);
    }
    int offset = 0;
    QTimer pace; // a slow sender's pace: one byte every 20 ms
    connect(&pace, &QTimer::timeout, this, [&] {
        if (offset >= start.size()) {
            pace.stop(); // all sent: now they stall
            return;
        }
        for (QTcpSocket *socket : std::as_const(slow))
            socket->write(start.mid(offset, 1));
        ++offset;
    });
    pace.start(20);
    QTRY_VERIFY_WITH_TIMEOUT(!pace.isActive(), 20000);
    QCOMPARE(offset, start.size());
    // While all of them stall mid-request, the browser's callback completes.
    int status = 0;
    const QByteArray page = visit(realCallback(waiting, QStringLiteral("slow-but-fine")), &status);
    QCOMPARE(status, 200);
    QVERIFY2(page.contains("Signed in"), page.constData());
    QTRY_COMPARE(waiting.finished->size(), 1);
    QVERIFY2(!waiting.flow->error(), qPrintable(waiting.flow->error().toString()));
    QCOMPARE(waiting.flow->result().code, QStringLiteral("slow-but-fine"));
    qDeleteAll(slow);
}

void TestHostileCallbacks::endlessRequestIsCutOff_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("filler");
    QTest::addRow("request target")
        << QByteArray("GET /callback?code=evil&state=") << QByteArray("a");
    QTest::addRow("version") << QByteArray("GET /callback?code=evil&state=x HTTP/1.1")
                             << QByteArray("1");
    QTest::addRow("header line") << QByteArray("GET /callback?code=evil&state=x HTTP/1.1\r\nX: ")
                                 << QByteArray("b");
    QTest::addRow("header lines") << QByteArray("GET /callback?code=evil&state=x HTTP/1.1\r\n")
                                  << QByteArray("X-Header: value\r\n");
}

void TestHostileCallbacks::endlessRequestIsCutOff()
{
    // A client that never ends its request must not make the listener buffer
    // without bound: it has to be cut off after a bounded amount.
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, filler);
    Waiting waiting;
    QVERIFY(startWaiting(&waiting));
    constexpr qint64 limit = 8 * 1024 * 1024; // we stop here if the listener never does
    QByteArray chunk;
    while (chunk.size() < 16 * 1024)
        chunk += filler;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, waiting.port);
    QVERIFY(socket.waitForConnected(5000));
    bool closed = false;
    qint64 written = socket.write(head);
    const auto more = [&] {
        if (!closed && written < limit && socket.bytesToWrite() < 64 * 1024)
            written += socket.write(chunk);
    };
    connect(&socket, &QTcpSocket::bytesWritten, this, more);
    connect(&socket, &QTcpSocket::disconnected, this, [&closed] { closed = true; });
    connect(&socket, &QTcpSocket::errorOccurred, this, [&closed] { closed = true; });
    QElapsedTimer clock;
    clock.start();
    more();
    QTRY_VERIFY_WITH_TIMEOUT(closed || written >= limit, 30000);
    qInfo("endless %s: %s after %lld bytes sent (%lld ms)", QTest::currentDataTag(),
          closed ? "cut off" : "still open", written, clock.elapsed());
    QVERIFY2(closed, "the listener kept reading an endless request");
    QVERIFY(written < limit);
    QVERIFY(waiting.finished->isEmpty());

    int status = 0;
    visit(realCallback(waiting, QStringLiteral("after-endless")), &status);
    QCOMPARE(status, 200);
    QTRY_COMPARE(waiting.finished->size(), 1);
    QVERIFY2(!waiting.flow->error(), qPrintable(waiting.flow->error().toString()));
}

void TestHostileCallbacks::idleConnectionFloodDoesNotBlockTheCallback()
{
    // Many connections that never send a byte (another program, or a browser's
    // speculative pre-connects) must not keep the real callback out.
    Waiting waiting;
    QVERIFY(startWaiting(&waiting));
    QList<QTcpSocket *> idle;
    for (int i = 0; i < 300; ++i) {
        auto *socket = new QTcpSocket(this);
        socket->connectToHost(QHostAddress::LocalHost, waiting.port);
        idle.append(socket);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(idle.cbegin(), idle.cend(),
                                         [](const QTcpSocket *socket) {
                                             return socket->state()
                                                 != QAbstractSocket::ConnectingState;
                                         }),
                             20000);
    int status = 0;
    const QByteArray page
        = visit(realCallback(waiting, QStringLiteral("through-the-crowd")), &status);
    QCOMPARE(status, 200);
    QVERIFY2(page.contains("Signed in"), page.constData());
    QTRY_COMPARE(waiting.finished->size(), 1);
    QVERIFY2(!waiting.flow->error(), qPrintable(waiting.flow->error().toString()));
    qDeleteAll(idle);
}

void TestHostileCallbacks::halfRequestsDoNotPoisonLaterConnections()
{
    // A connection that sends part of a request and goes away must leave
    // nothing behind that a later connection (the browser's) inherits.
    Waiting waiting;
    QVERIFY(startWaiting(&waiting));
    // "GE": Qt 6.4's handler kept it as the method read so far, and a later
    // connection that got the same socket address went on from there ("GEGET").
    const QByteArray half = "GE";
    const QByteArray wrong = "GET /callback?code=evil&state=" + QByteArray(43, 'y')
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    int notAnswered = 0;
    for (int round = 0; round < 40; ++round) {
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, waiting.port);
            QVERIFY(socket.waitForConnected(5000));
            socket.write(half);
            QVERIFY(socket.waitForBytesWritten(5000));
            socket.disconnectFromHost();
        }
        // Lets the listener read the half request, see the close and drop that
        // connection before the next one comes (nothing to observe from here).
        QTest::qWait(20);
        QTcpSocket next;
        QByteArray answer;
        bool closed = false;
        connect(&next, &QTcpSocket::readyRead, this, [&] { answer += next.readAll(); });
        connect(&next, &QTcpSocket::disconnected, this, [&closed] { closed = true; });
        next.connectToHost(QHostAddress::LocalHost, waiting.port);
        next.write(wrong);
        if (!QTest::qWaitFor([&closed] { return closed; }, 3000)
            || !answer.contains("Not accepted"))
            ++notAnswered;
    }
    qInfo("half requests: %d of 40 later well-formed requests were not answered", notAnswered);
    QCOMPARE(notAnswered, 0);
    QVERIFY(waiting.finished->isEmpty());
}

void TestHostileCallbacks::stalledConnectionIsClosed()
{
    // A client that stops mid-request is not kept open for as long as it likes.
    Waiting waiting;
    QVERIFY(startWaiting(&waiting));
    QTcpSocket socket;
    bool closed = false;
    connect(&socket, &QTcpSocket::disconnected, this, [&closed] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, waiting.port);
    socket.write("GET /callback?code=evil&state=");
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(closed, 30000);
    qInfo("stalled connection closed by the listener after %lld ms", clock.elapsed());
    QVERIFY(waiting.finished->isEmpty());
}

void TestHostileCallbacks::listenerIsOnLoopbackOnly_data()
{
    QTest::addColumn<bool>("fixedPort");
    QTest::addColumn<QString>("redirectHost");
    QTest::addRow("any port, 127.0.0.1") << false << QStringLiteral("127.0.0.1");
    QTest::addRow("fixed port, 127.0.0.1") << true << QStringLiteral("127.0.0.1");
    QTest::addRow("fixed port, localhost") << true << QStringLiteral("localhost");
}

void TestHostileCallbacks::listenerIsOnLoopbackOnly()
{
    // Read from the kernel's socket tables, never by connecting anywhere else:
    // the only listening socket on the port is 127.0.0.1 (hex 0100007F);
    // nothing on 0.0.0.0, ::, ::ffff:0.0.0.0 or any other address.
    QFETCH(bool, fixedPort);
    QFETCH(QString, redirectHost);
    quint16 port = 0;
    if (fixedPort) {
        QTcpServer reserve; // a free port, released again for the flow

        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        port = reserve.serverPort();
        reserve.close();
    }
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QVERIFY(!flow.listen(port, redirectHost));
    const quint16 bound = static_cast<quint16>(flow.redirectUri().port());
    if (fixedPort)
        QCOMPARE(bound, port);
    QCOMPARE(flow.redirectUri().host(), redirectHost);
    QVERIFY(QFile::exists(QStringLiteral("/proc/net/tcp")));
    QCOMPARE(listeningAddresses(QStringLiteral("/proc/net/tcp"), bound),
             QList<QByteArray> { "0100007F" });
    // [::1] too for a localhost redirect URI (when the machine has IPv6
    // loopback), never any other address.
    const QList<QByteArray> v6 = listeningAddresses(QStringLiteral("/proc/net/tcp6"), bound);
    if (redirectHost == QLatin1String("localhost"))
        QVERIFY(v6.isEmpty() || v6 == QList<QByteArray> { "00000000000000000000000001000000" });
    else
        QCOMPARE(v6, QList<QByteArray> {});
}

QTEST_GUILESS_MAIN(TestHostileCallbacks)
#include "tst_hostilecallbacks.moc"
