#include "core/net/httpclient.h"

#include "scriptedhttpserver.h"

#include <QTcpServer>
#include <QTest>

using namespace Mcpa;

class TestHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversStatusHeadersAndBody();
    void doesNotFollowRedirects();
    void neverAnsweringServerTimesOut();
    void oversizedBodyIsRefused();
    void plainHttpToRemoteHostIsRefused();
    void headerInjectionIsRefused_data();
    void headerInjectionIsRefused();
    void closedPortIsUnreachable();
    void resultsAreAlwaysAsynchronous();
    void destroyedContextGetsNoCallback();

private:
    static HttpResponse run(HttpClient &client, const HttpRequest &request);
};

HttpResponse TestHttpClient::run(HttpClient &client, const HttpRequest &request)
{
    HttpResponse result;
    bool done = false;
    client.send(request, &client, [&](const HttpResponse &response) {
        result = response;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("no callback within 20 s");
    return result;
}

void TestHttpClient::deliversStatusHeadersAndBody()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/x",
                 ScriptedHttpServer::response(418, "text/plain; charset=utf-8", "teapot",
                                              { { "WWW-Authenticate", "Basic realm=a" },
                                                { "WWW-Authenticate", "Bearer scope=b" } }));
    HttpClient client;
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.url = server.url(QStringLiteral("/x"));
    request.body = "hello";
    request.headers = { { "X-Test", "1" } };
    const HttpResponse response = run(client, request);
    QVERIFY2(!response.error, qPrintable(response.error.toString()));
    QCOMPARE(response.status, 418);
    QCOMPARE(response.body, QByteArray("teapot"));
    QCOMPARE(response.mediaType(), QByteArray("text/plain"));
    const QByteArray joined = response.headerValues("www-authenticate").join(", ");
    QVERIFY2(joined.contains("Basic realm=a") && joined.contains("Bearer scope=b"),
             joined.constData());
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().body, QByteArray("hello"));
    QCOMPARE(server.requests().first().header("X-Test"), QByteArray("1"));
}

void TestHttpClient::doesNotFollowRedirects()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/a", ScriptedHttpServer::response(302, {}, {}, { { "Location", "/b" } }));
    server.route("/b", ScriptedHttpServer::response(200, "text/plain", "b"));
    HttpClient client;
    HttpRequest request;
    request.url = server.url(QStringLiteral("/a"));
    const HttpResponse response = run(client, request);
    QCOMPARE(response.status, 302);
    QCOMPARE(response.header("location"), QByteArray("/b"));
    QCOMPARE(server.requestedPaths(), QList<QByteArray> { "/a" });
}

void TestHttpClient::neverAnsweringServerTimesOut()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    HttpClient client;
    HttpRequest request;
    request.url = server.url(QStringLiteral("/slow"));
    request.timeout = std::chrono::milliseconds(300);
    const HttpResponse response = run(client, request);
    QCOMPARE(response.error.code(), Error::Code::Timeout);
    QCOMPARE(response.status, 0);
}

void TestHttpClient::oversizedBodyIsRefused()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/big", ScriptedHttpServer::json(200, QByteArray(50000, 'x')));
    HttpClient client;
    HttpRequest request;
    request.url = server.url(QStringLiteral("/big"));
    request.maxBodyBytes = 1000;
    const HttpResponse response = run(client, request);
    QCOMPARE(response.error.code(), Error::Code::ResponseTooLarge);
    QVERIFY(response.body.isEmpty());
}

void TestHttpClient::plainHttpToRemoteHostIsRefused()
{
    HttpClient client;
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://mcp.example.com/mcp"));
    const HttpResponse response = run(client, request);
    QCOMPARE(response.error.code(), Error::Code::InsecureUrl);
}

void TestHttpClient::headerInjectionIsRefused_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addRow("CR LF in a value")
        << QByteArray("Authorization") << QByteArray("Bearer abc\r\nX-Injected: 1");
    QTest::addRow("bare LF in a value")
        << QByteArray("MCP-Protocol-Version") << QByteArray("2025-06-18\nX-Injected: 1");
    QTest::addRow("NUL in a value") << QByteArray("Mcp-Session-Id") << QByteArray("a\0b", 3);
    QTest::addRow("colon in a name") << QByteArray("X-A: b\r\nX-C") << QByteArray("d");
    QTest::addRow("empty name") << QByteArray() << QByteArray("d");
}

void TestHttpClient::headerInjectionIsRefused()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/x", ScriptedHttpServer::json(200, "{}"));
    HttpClient client;
    HttpRequest request;
    request.url = server.url(QStringLiteral("/x"));
    request.headers = { { "X-Fine", "1" }, { name, value } };
    const HttpResponse response = run(client, request);
    QCOMPARE(response.error.code(), Error::Code::Internal);
    QVERIFY2(response.error.detail().contains(QLatin1String("not sent")),
             qPrintable(response.error.detail()));
    // Refused before any connection: nothing reached the server, and the
    // error does not repeat the value.
    QCOMPARE(server.requests().size(), 0);
    QVERIFY(!response.error.detail().contains(QLatin1String("Injected")));
}

void TestHttpClient::closedPortIsUnreachable()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    HttpClient client;
    HttpRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port));
    const HttpResponse response = run(client, request);
    QCOMPARE(response.error.code(), Error::Code::Unreachable);
    // The detail names the place, never anything from a query string.
    QVERIFY(response.error.detail().contains(QString::number(port)));
}

void TestHttpClient::resultsAreAlwaysAsynchronous()
{
    HttpClient client;
    bool called = false;
    HttpRequest request;
    request.url = QUrl(QStringLiteral("ftp://127.0.0.1/"));
    client.send(request, &client, [&](const HttpResponse &) { called = true; });
    QVERIFY(!called);
    QTRY_VERIFY(called);
}

void TestHttpClient::destroyedContextGetsNoCallback()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/x", ScriptedHttpServer::json(200, "{}"));
    HttpClient client;
    bool called = false;
    auto *context = new QObject;
    HttpRequest request;
    request.url = server.url(QStringLiteral("/x"));
    client.send(request, context, [&](const HttpResponse &) { called = true; });
    delete context;
    QTRY_COMPARE(server.requests().size(), 1);
    QTest::qWait(100);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
