#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"

#include "jobrunner.h"

#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QTcpServer>
#include <QTest>

using namespace Mcpa;

class TestProbeJob : public QObject
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
    static Test::JobOutcome<ProbeResult>
    probe(const QUrl &url, std::chrono::milliseconds timeout = std::chrono::seconds(15));
};

Test::JobOutcome<ProbeResult> TestProbeJob::probe(const QUrl &url,
                                                  std::chrono::milliseconds timeout)
{
    HttpClient http;
    auto *job = new ProbeJob(&http, url);
    job->setTimeout(timeout);
    return Test::runJob(job, [](ProbeJob *j) { return j->result(); });
}

void TestProbeJob::realServersRequireAuth_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addRow("sdk") << TestServer::Kind::Sdk;
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc;
}

void TestProbeJob::realServersRequireAuth()
{
    QFETCH(TestServer::Kind, kind);
    TestServer server(kind);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const auto outcome = probe(server.mcpUrl());
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.kind, ProbeResult::Kind::AuthRequired);
    QCOMPARE(result.httpStatus, 401);
    QVERIFY(result.challenge.present);
    QVERIFY2(result.challenge.resourceMetadata.path().startsWith(
                 QLatin1String("/.well-known/oauth-protected-resource")),
             qPrintable(result.challenge.resourceMetadata.toString()));
    QCOMPARE(result.challenge.resourceMetadata.port(), server.mcpUrl().port());
}

void TestProbeJob::openServerWithJson()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200,
                     R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18",)"
                     R"("capabilities":{},"serverInfo":{"name":"open-one","version":"9"}}})"));
    const auto outcome = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
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

void TestProbeJob::openServerWithSseClosesItsSession()
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
    const auto outcome = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.kind, ProbeResult::Kind::Open);
    QCOMPARE(result.serverName, QStringLiteral("sse"));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(1).method, QByteArray("DELETE"));
    QCOMPARE(server.requests().at(1).header("Mcp-Session-Id"), QByteArray("session-42"));
    QCOMPARE(server.requests().at(1).header("MCP-Protocol-Version"), QByteArray("2025-03-26"));
}

void TestProbeJob::challengeWithout401()
{
    // Some gateways answer 400 with a challenge; the challenge decides.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "/mcp",
        ScriptedHttpServer::json(400, "{}", { { "WWW-Authenticate", "Bearer scope=\"x y\"" } }));
    const auto outcome = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.kind, ProbeResult::Kind::AuthRequired);
    QCOMPARE(result.challenge.scope, QStringLiteral("x y"));
}

void TestProbeJob::notAnMcpServer_data()
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

void TestProbeJob::notAnMcpServer()
{
    QFETCH(QByteArray, response);
    QFETCH(Error::Code, error);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp", response);
    const auto outcome = probe(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.kind, ProbeResult::Kind::Error);
    QCOMPARE(result.error.code(), error);
}

void TestProbeJob::closedPortIsUnreachable()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const auto outcome = probe(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.kind, ProbeResult::Kind::Unreachable);
}

void TestProbeJob::silentServerIsUnreachable()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    const auto outcome = probe(server.url(QStringLiteral("/mcp")), std::chrono::milliseconds(300));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ProbeResult &result = outcome.value;
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.kind, ProbeResult::Kind::Unreachable);
    QCOMPARE(result.error.code(), Error::Code::Timeout);
}

QTEST_GUILESS_MAIN(TestProbeJob)
#include "tst_serverprobe.moc"
