#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"

#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Mcpa;

class TestServerProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realServersRequireAuth_data();
    void realServersRequireAuth();
    void openServerWithJson();
    void openServerWithSseClosesItsSession();
    void challengeWithout401();
    void notAnMcpServer_data();
    void notAnMcpServer();
    void closedPortIsUnreachable();
    void silentServerIsUnreachable();

private:
    static ProbeResult probe(const QUrl &url,
                             std::chrono::milliseconds timeout = std::chrono::seconds(15));
};

ProbeResult TestServerProbe::probe(const QUrl &url, std::chrono::milliseconds timeout)
{
    HttpClient http;
    ServerProbe probe(&http);
    probe.setTimeout(timeout);
    QSignalSpy spy(&probe, &ServerProbe::finished);
    probe.start(url);
    if (!spy.wait(30000))
        return {};
    return spy.first().first().value<ProbeResult>();
}

void TestServerProbe::realServersRequireAuth_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addRow("sdk") << TestServer::Kind::Sdk;
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc;
}

void TestServerProbe::realServersRequireAuth()
{
    QFETCH(TestServer::Kind, kind);
    TestServer server(kind);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const ProbeResult result = probe(server.mcpUrl());
    QCOMPARE(result.kind, ProbeResult::Kind::AuthRequired);
    QCOMPARE(result.httpStatus, 401);
    QVERIFY(result.challenge.present);
    QVERIFY2(result.challenge.resourceMetadata.path().startsWith(
                 QLatin1String("/.well-known/oauth-protected-resource")),
             qPrintable(result.challenge.resourceMetadata.toString()));
    QCOMPARE(result.challenge.resourceMetadata.port(), server.mcpUrl().port());
}

void TestServerProbe::openServerWithJson()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200,
                     R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18",)"
                     R"("capabilities":{},"serverInfo":{"name":"open-one","version":"9"}}})"));
    const ProbeResult result = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(result.kind, ProbeResult::Kind::Open);
    QCOMPARE(result.serverName, QStringLiteral("open-one"));
    QCOMPARE(result.protocolVersion, QStringLiteral("2025-06-18"));
    QCOMPARE(server.requests().size(), 1); // no session id, nothing to delete
    const auto &request = server.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QVERIFY(request.header("Accept").contains("text/event-stream"));
    QVERIFY(request.header("Authorization").isEmpty());
    QVERIFY(request.body.contains("\"initialize\""));
}

void TestServerProbe::openServerWithSseClosesItsSession()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &request) {
        if (request.method == "DELETE")
            return ScriptedHttpServer::response(200, {}, {});
        return ScriptedHttpServer::response(
            200, "text/event-stream",
            "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":"
            "\"2025-03-26\",\"serverInfo\":{\"name\":\"sse\",\"version\":\"1\"}}}\n\n",
            { { "Mcp-Session-Id", "session-42" } });
    });
    const ProbeResult result = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(result.kind, ProbeResult::Kind::Open);
    QCOMPARE(result.serverName, QStringLiteral("sse"));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(1).method, QByteArray("DELETE"));
    QCOMPARE(server.requests().at(1).header("Mcp-Session-Id"), QByteArray("session-42"));
    QCOMPARE(server.requests().at(1).header("MCP-Protocol-Version"), QByteArray("2025-03-26"));
}

void TestServerProbe::challengeWithout401()
{
    // Some gateways answer 400 with a challenge; the challenge decides.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "/mcp",
        ScriptedHttpServer::json(400, "{}", { { "WWW-Authenticate", "Bearer scope=\"x y\"" } }));
    const ProbeResult result = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(result.kind, ProbeResult::Kind::AuthRequired);
    QCOMPARE(result.challenge.scope, QStringLiteral("x y"));
}

void TestServerProbe::notAnMcpServer_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<Error::Code>("error");
    QTest::addRow("404") << ScriptedHttpServer::response(404, "text/html", "<h1>no</h1>")
                         << Error::Code::HttpStatus;
    QTest::addRow("html 200") << ScriptedHttpServer::response(200, "text/html", "<h1>hi</h1>")
                              << Error::Code::UnexpectedContentType;
    QTest::addRow("broken json") << ScriptedHttpServer::json(200, "{\"jsonrpc\":")
                                 << Error::Code::MalformedResponse;
    QTest::addRow("wrong id") << ScriptedHttpServer::json(200,
                                                          R"({"jsonrpc":"2.0","id":7,"result":{}})")
                              << Error::Code::MalformedResponse;
    QTest::addRow("json-rpc error") << ScriptedHttpServer::json(
        200, R"({"jsonrpc":"2.0","id":1,"error":{"code":-32600,"message":"x"}})")
                                    << Error::Code::MalformedResponse;
}

void TestServerProbe::notAnMcpServer()
{
    QFETCH(QByteArray, response);
    QFETCH(Error::Code, error);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp", response);
    const ProbeResult result = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(result.kind, ProbeResult::Kind::Error);
    QCOMPARE(result.error.code(), error);
}

void TestServerProbe::closedPortIsUnreachable()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const ProbeResult result = probe(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)));
    QCOMPARE(result.kind, ProbeResult::Kind::Unreachable);
}

void TestServerProbe::silentServerIsUnreachable()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    const ProbeResult result
        = probe(server.url(QStringLiteral("/mcp")), std::chrono::milliseconds(300));
    QCOMPARE(result.kind, ProbeResult::Kind::Unreachable);
    QCOMPARE(result.error.code(), Error::Code::Timeout);
}

QTEST_GUILESS_MAIN(TestServerProbe)
#include "tst_serverprobe.moc"
