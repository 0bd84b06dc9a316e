#include "core/base/clock.h"
#include "core/base/trace.h"
#include "core/mcp/mcpcallflow.h"
#include "core/net/httpclient.h"
#include "core/oauth/registrationcache.h"

#include "headlessbrowser.h"
#include "jobrunner.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Mcpa;

// Using an MCP server end to end: sign-in on 401, refresh, step-up.
class TestMcpCallFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signInListAndCall_data();
    void signInListAndCall();
    void deadAccessTokenIsRefreshedOnce();
    void deadGrantFallsBackToSignIn();
    void stepUpToTheChallengedScope();
    void stepUpStopsAfterThreeAuthorizations();
    void nonInteractiveRunNeverOpensABrowser();

private:
    struct Outcome
    {
        bool ok = false;
        int finishedSignals = 0;
        McpCallResult result;
        SignInResult signIn; ///< the flow's signIn() when it finished
        Error error;
    };
    static Outcome run(McpCallFlow *flow);
    static QString firstText(const QJsonObject &toolResult);
};

TestMcpCallFlow::Outcome TestMcpCallFlow::run(McpCallFlow *flow)
{
    const auto ended = Test::runJob(
        flow,
        [](McpCallFlow *job) {
            Outcome outcome;
            outcome.result = job->result();
            outcome.signIn = job->signIn();
            return outcome;
        },
        90000);
    Outcome outcome = ended.value;
    outcome.finishedSignals = ended.finishedSignals;
    outcome.error = ended.error;
    outcome.ok = ended.finished && !ended.error;
    return outcome;
}

QString TestMcpCallFlow::firstText(const QJsonObject &toolResult)
{
    return toolResult.value(QLatin1String("content"))
        .toArray()
        .first()
        .toObject()
        .value(QLatin1String("text"))
        .toString();
}

void TestMcpCallFlow::signInListAndCall_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("sdk, sse") << TestServer::Kind::Sdk << QStringList();
    QTest::addRow("sdk, json") << TestServer::Kind::Sdk
                               << QStringList { QStringLiteral("--json-response") };
    QTest::addRow("oidc-provider")
        << TestServer::Kind::Oidc << QStringList { QStringLiteral("--auto-approve") };
}

void TestMcpCallFlow::signInListAndCall()
{
    QFETCH(TestServer::Kind, kind);
    QFETCH(QStringList, arguments);
    TestServer server(kind, arguments);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    Trace trace;
    McpCallRequest request;
    request.settings.mcpUrl = server.mcpUrl();
    request.toolCalls = { { QStringLiteral("echo"),
                            { { QLatin1String("text"), QLatin1String("hello from the test") } } } };
    auto *flow = new McpCallFlow(&http, Clock::system(), &registrations, request, &trace);
    HeadlessBrowser browser;
    browser.attach(flow);
    const Outcome outcome = run(flow);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY2(outcome.ok, qPrintable(outcome.error.toString() + QLatin1Char('\n') + trace.toText()));
    QCOMPARE(outcome.result.signIns, 1);
    QCOMPARE(outcome.result.tools.size(), 3);
    QVERIFY(outcome.result.calledTool);
    QCOMPARE(firstText(outcome.result.toolResult), QStringLiteral("hello from the test"));
    QVERIFY(!outcome.signIn.tokens.accessToken.isEmpty());
    QVERIFY(!trace.toText().contains(outcome.signIn.tokens.accessToken));
    // The session was closed at the end.
    QCOMPARE(server.stats().value(QLatin1String("sessions")).toInt(), 0);
}

void TestMcpCallFlow::deadAccessTokenIsRefreshedOnce()
{
    TestServer server(TestServer::Kind::Oidc, { QStringLiteral("--auto-approve") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    McpCallRequest request;
    request.settings.mcpUrl = server.mcpUrl();
    auto *first = new McpCallFlow(&http, Clock::system(), &registrations, request);
    HeadlessBrowser browser;
    browser.attach(first);
    const Outcome signedInOutcome = run(first);
    QCOMPARE(signedInOutcome.finishedSignals, 1);
    QVERIFY(signedInOutcome.ok);
    const SignInResult signedIn = signedInOutcome.signIn;

    // The server drops every access token; the refresh token still works.
    QVERIFY(server.admin(QStringLiteral("revoke-access-tokens")));
    auto *second = new McpCallFlow(&http, Clock::system(), &registrations, request);
    browser.attach(second);
    second->setSignIn(signedIn);
    QSignalSpy tokensChanged(second, &McpCallFlow::tokensChanged);
    const Outcome outcome = run(second);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY2(outcome.ok, qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.result.refreshes, 1);
    QCOMPARE(outcome.result.signIns, 0);
    QCOMPARE(browser.opened, 1); // only the first sign-in
    QCOMPARE(tokensChanged.size(), 1);
    QVERIFY(outcome.signIn.tokens.accessToken != signedIn.tokens.accessToken);
    QCOMPARE(server.stats()
                 .value(QLatin1String("token"))
                 .toObject()
                 .value(QLatin1String("refresh_token"))
                 .toInt(),
             1);
}

void TestMcpCallFlow::deadGrantFallsBackToSignIn()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    McpCallRequest request;
    request.settings.mcpUrl = server.mcpUrl();
    auto *first = new McpCallFlow(&http, Clock::system(), &registrations, request);
    HeadlessBrowser browser;
    browser.attach(first);
    const Outcome signedInOutcome = run(first);
    QCOMPARE(signedInOutcome.finishedSignals, 1);
    QVERIFY(signedInOutcome.ok);
    SignInResult signedIn = signedInOutcome.signIn;
    signedIn.tokens.accessToken = QStringLiteral("not-a-token");
    signedIn.tokens.refreshToken = QStringLiteral("not-a-refresh-token");

    auto *second = new McpCallFlow(&http, Clock::system(), &registrations, request);
    browser.attach(second);
    second->setSignIn(signedIn);
    const Outcome outcome = run(second);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY2(outcome.ok, qPrintable(outcome.error.toString()));
    QCOMPARE(outcome.result.refreshes, 0);
    QCOMPARE(outcome.result.signIns, 1);
    QCOMPARE(browser.opened, 2);
}

void TestMcpCallFlow::stepUpToTheChallengedScope()
{
    TestServer server(TestServer::Kind::Oidc, { QStringLiteral("--auto-approve") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    Trace trace;
    McpCallRequest request;
    request.settings.mcpUrl = server.mcpUrl();
    request.toolCalls = { { QStringLiteral("admin_echo"),
                            { { QLatin1String("text"), QLatin1String("with more scope") } } } };
    auto *flow = new McpCallFlow(&http, Clock::system(), &registrations, request, &trace);
    HeadlessBrowser browser;
    browser.attach(flow);
    const Outcome outcome = run(flow);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY2(outcome.ok, qPrintable(outcome.error.toString() + QLatin1Char('\n') + trace.toText()));
    QCOMPARE(outcome.result.signIns, 2); // the first sign-in, then the step-up
    QCOMPARE(firstText(outcome.result.toolResult), QStringLiteral("with more scope"));
    QVERIFY(outcome.signIn.tokens.scopes.contains(QStringLiteral("mcp:admin")));
    QVERIFY(outcome.signIn.tokens.scopes.contains(QStringLiteral("mcp:read")));
    QCOMPARE(server.stats().value(QLatin1String("mcpForbidden")).toInt(), 1);
}

void TestMcpCallFlow::stepUpStopsAfterThreeAuthorizations()
{
    // A real authorization server, in front of a scripted MCP server that
    // wants ever more scope: the flow must give up, not loop.
    TestServer authServer(TestServer::Kind::Sdk);
    QVERIFY2(authServer.start(), qPrintable(authServer.errorString()));
    QUrl issuer = authServer.mcpUrl();
    issuer.setPath(QStringLiteral("/"));
    ScriptedHttpServer mcp;
    QVERIFY(mcp.listen());
    const QByteArray prmUrl
        = mcp.url(QStringLiteral("/.well-known/oauth-protected-resource/mcp")).toEncoded();
    const QByteArray prm
        = QJsonDocument(
              QJsonObject {
                  { QLatin1String("resource"), mcp.url(QStringLiteral("/mcp")).toString() },
                  { QLatin1String("authorization_servers"), QJsonArray { issuer.toString() } },
              })
              .toJson(QJsonDocument::Compact);
    int stepUps = 0;
    mcp.setHandler([&](const ScriptedHttpServer::Request &request) {
        if (request.path() == "/.well-known/oauth-protected-resource/mcp")
            return ScriptedHttpServer::json(200, prm);
        if (request.header("Authorization").isEmpty())
            return ScriptedHttpServer::json(
                401, "{}",
                { { "WWW-Authenticate",
                    "Bearer resource_metadata=\"" + prmUrl + "\", scope=\"mcp:read\"" } });
        // A 2025-era server: server/discover before initialize is a bad request.
        if (request.body.contains("\"server/discover\""))
            return ScriptedHttpServer::json(400, "{}");
        if (request.body.contains("\"initialize\""))
            return ScriptedHttpServer::json(
                200,
                R"({"jsonrpc":"2.0","id":)"
                    + QByteArray::number(QJsonDocument::fromJson(request.body)
                                             .object()
                                             .value(QLatin1String("id"))
                                             .toInteger())
                    + R"(,"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"greedy","version":"1"}}})");
        if (request.body.contains("notifications/initialized"))
            return ScriptedHttpServer::response(202, {}, {});
        if (request.method == "DELETE")
            return ScriptedHttpServer::response(200, {}, {});
        ++stepUps;
        return ScriptedHttpServer::json(
            403, "{}",
            { { "WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"mcp:write\"" } });
    });

    HttpClient http;
    MemoryRegistrationCache registrations;
    McpCallRequest request;
    request.settings.mcpUrl = mcp.url(QStringLiteral("/mcp"));
    // This AS issues tokens only for its own MCP endpoint: leave resource out.
    request.settings.sendResource = false;
    auto *flow = new McpCallFlow(&http, Clock::system(), &registrations, request);
    HeadlessBrowser browser;
    browser.attach(flow);
    const Outcome outcome = run(flow);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.error.code() == Error::Code::InsufficientScope,
             qPrintable(outcome.error.toString()));
    // 3 authorization requests in all (SEP-2350): the first sign-in and two
    // step-ups; the third 403 then ends the job.
    QCOMPARE(browser.opened, McpCallFlow::MaxAuthorizationsPerOperation);
    QCOMPARE(stepUps, McpCallFlow::MaxAuthorizationsPerOperation);
}

void TestMcpCallFlow::nonInteractiveRunNeverOpensABrowser()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    McpCallRequest request;
    request.settings.mcpUrl = server.mcpUrl();
    auto *flow = new McpCallFlow(&http, Clock::system(), &registrations, request);
    HeadlessBrowser browser;
    browser.attach(flow);
    flow->setInteractive(false);
    const Outcome outcome = run(flow);
    QCOMPARE(outcome.finishedSignals, 1);
    QCOMPARE(outcome.error.code(), Error::Code::NeedsSignIn);
    QCOMPARE(browser.opened, 0);
    QCOMPARE(server.stats().value(QLatin1String("authorize")).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestMcpCallFlow)
#include "tst_mcpcallflow.moc"
