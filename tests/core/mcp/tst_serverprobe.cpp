#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"

#include "jobrunner.h"

#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonObject>
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
    void statelessServerIsOpenInOneRequest();
    void statelessAnswerNeedsTheVersion();
    void knownSessionEraSkipsDiscover();
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
    // The first request (server/discover) already carries the answer.
    QCOMPARE(result.requests, 1);
    QCOMPARE(server.stats().value(QLatin1String("mcpRequests")).toInt(), 1);
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
    QVERIFY(!result.stateless);
    // server/discover (answered without supportedVersions: not the 2026 era),
    // then initialize; no session id, nothing to delete.
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(result.requests, 2);
    const auto &discover = server.requests().first();
    QVERIFY(discover.body.contains("\"server/discover\""));
    QCOMPARE(discover.header("MCP-Protocol-Version"), QByteArray("2026-07-28"));
    QCOMPARE(discover.header("Mcp-Method"), QByteArray("server/discover"));
    QVERIFY(discover.header("Authorization").isEmpty());
    const auto &request = server.requests().last();
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
        if (request.body.contains("server/discover")) // as the SDK's 2025 servers answer
            return ScriptedHttpServer::json(
                400,
                R"({"jsonrpc":"2.0","id":null,"error":{"code":-32000,)"
                R"("message":"Bad Request: No valid session ID provided"}})");
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
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(result.requests, 3);
    QVERIFY(server.requests().at(1).body.contains("\"initialize\""));
    QCOMPARE(server.requests().at(2).method, QByteArray("DELETE"));
    QCOMPARE(server.requests().at(2).header("Mcp-Session-Id"), QByteArray("session-42"));
    QCOMPARE(server.requests().at(2).header("MCP-Protocol-Version"), QByteArray("2025-03-26"));
}

void TestProbeJob::statelessServerIsOpenInOneRequest()
{
    TestServer server(TestServer::Kind::Stateless);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const auto outcome = probe(server.mcpUrl());
    QCOMPARE(outcome.finishedSignals, 1);
    const ProbeResult &result = outcome.value;
    QVERIFY2(!outcome.error, qPrintable(outcome.error.toString()));
    QCOMPARE(result.kind, ProbeResult::Kind::Open);
    QVERIFY(result.stateless);
    QCOMPARE(result.protocolVersion, QStringLiteral("2026-07-28"));
    QCOMPARE(result.serverName, QStringLiteral("stateless-fixture"));
    QCOMPARE(result.requests, 1);
    // The server saw one well-formed server/discover and nothing else (no
    // initialize, no DELETE: there is no session to leave behind).
    const QJsonObject stats = server.stats();
    const QJsonArray requests = stats.value(QLatin1String("requests")).toArray();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().toObject().value(QLatin1String("method")).toString(),
             QStringLiteral("server/discover"));
    QCOMPARE(stats.value(QLatin1String("rejected")).toArray(), QJsonArray());
}

void TestProbeJob::statelessAnswerNeedsTheVersion()
{
    // A server/discover result that does not list 2026-07-28 is not taken
    // for the stateless era: initialize decides.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &request) {
        if (request.body.contains("server/discover"))
            return ScriptedHttpServer::json(
                200,
                R"({"jsonrpc":"2.0","id":1,"result":{"supportedVersions":["2030-01-01"],)"
                R"("serverInfo":{"name":"future","version":"1"}}})");
        return ScriptedHttpServer::json(401, "{}",
                                        { { "WWW-Authenticate", "Bearer scope=\"mcp\"" } });
    });
    const auto outcome = probe(server.url(QStringLiteral("/mcp")));
    const ProbeResult &result = outcome.value;
    QCOMPARE(result.kind, ProbeResult::Kind::AuthRequired);
    QVERIFY(!result.stateless);
    QCOMPARE(result.requests, 2);
    QCOMPARE(server.requests().size(), 2);
}

void TestProbeJob::knownSessionEraSkipsDiscover()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200,
                     R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25",)"
                     R"("capabilities":{},"serverInfo":{"name":"old","version":"1"}}})"));
    HttpClient http;
    auto *job = new ProbeJob(&http, server.url(QStringLiteral("/mcp")));
    job->setSessionEraKnown(true);
    const auto outcome = Test::runJob(job, [](ProbeJob *j) { return j->result(); });
    QCOMPARE(outcome.value.kind, ProbeResult::Kind::Open);
    QCOMPARE(outcome.value.protocolVersion, QStringLiteral("2025-11-25"));
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(server.requests().first().body.contains("\"initialize\""));
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
