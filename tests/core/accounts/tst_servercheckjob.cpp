#include "core/accounts/servercheckjob.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"

#include "jobrunner.h"

#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Mcpa;

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// An MCP server that requires sign-in; its authorization server (the same
/// origin) offers no dynamic registration but client ID metadata documents.
/// With @p otherResource the PRM names another server (discovery refuses it).
void scriptNoRegistrationServer(ScriptedHttpServer &server, bool otherResource = false)
{
    const QString base = server.url().toString();
    const auto at = [&base](const char *path) {
        return QString(base + QLatin1String(path));
    };
    const QByteArray prmUrl
        = (base + QLatin1String("/.well-known/oauth-protected-resource/mcp")).toUtf8();
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     401, R"({"error":"unauthorized"})",
                     { { "WWW-Authenticate", "Bearer resource_metadata=\"" + prmUrl + "\"" } }));
    server.route("/.well-known/oauth-protected-resource/mcp",
                 ScriptedHttpServer::json(
                     200,
                     toJson({ { QLatin1String("resource"),
                                otherResource ? QStringLiteral("https://other.example.com/mcp")
                                              : at("/mcp") },
                              { QLatin1String("authorization_servers"), QJsonArray { base } } })));
    server.route(
        "/.well-known/oauth-authorization-server",
        ScriptedHttpServer::json(
            200,
            toJson({
                { QLatin1String("issuer"), base },
                { QLatin1String("authorization_endpoint"), at("/authorize") },
                { QLatin1String("token_endpoint"), at("/token") },
                { QLatin1String("response_types_supported"), QJsonArray { QLatin1String("code") } },
                { QLatin1String("code_challenge_methods_supported"),
                  QJsonArray { QLatin1String("S256") } },
                { QLatin1String("client_id_metadata_document_supported"), true },
            })));
}

struct Checked
{
    ServerCheckResult result;
    int signInRequiredSignals = 0;
};

} // namespace

class TestServerCheckJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realServersNeedSignIn_data();
    void realServersNeedSignIn();
    void preRegisteredClientIdWins();
    void openServer();
    void metadataDocumentWhenNoRegistration();
    void discoveryFailureStillSaysSignInIsNeeded();
    void notAnMcpServer();
    void closedPortIsUnreachable();
    void cancelWhileProbing();

private:
    static Test::JobOutcome<Checked>
    check(const QUrl &url, const ServerCheckSettings &settings = {}, Trace *trace = nullptr);
};

Test::JobOutcome<Checked>
TestServerCheckJob::check(const QUrl &url, const ServerCheckSettings &settings, Trace *trace)
{
    HttpClient http;
    auto *job = new ServerCheckJob(&http, url, settings);
    job->setTimeout(std::chrono::seconds(10));
    job->setTrace(trace);
    auto signals_ = std::make_shared<int>(0);
    connect(job, &ServerCheckJob::signInRequired, job, [signals_] { ++*signals_; });
    auto outcome = Test::runJob(job, [signals_](ServerCheckJob *j) {
        return Checked { j->result(), *signals_ };
    });
    return outcome;
}

void TestServerCheckJob::realServersNeedSignIn_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addRow("sdk") << TestServer::Kind::Sdk;
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc;
}

void TestServerCheckJob::realServersNeedSignIn()
{
    QFETCH(TestServer::Kind, kind);
    TestServer server(kind);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Trace trace;
    const auto outcome = check(server.mcpUrl(), {}, &trace);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    QVERIFY2(!outcome.error, qPrintable(outcome.error.toString()));
    const ServerCheckResult &result = outcome.value.result;
    QCOMPARE(result.outcome, ServerCheckResult::Outcome::SignInRequired);
    QVERIFY(result.signInRequired());
    QCOMPARE(outcome.value.signInRequiredSignals, 1);
    QCOMPARE(result.probe.httpStatus, 401);
    QVERIFY(result.probe.challenge.present);
    QVERIFY(result.discovery.has_value());
    QVERIFY(result.discovery->authServer.fromMetadata);
    QVERIFY(!result.discovery->authServer.issuer.isEmpty());
    QVERIFY(result.registration.has_value());
    QCOMPARE(result.registration->kind,
             ClientRegistrar::plan(result.discovery->authServer, {}).kind);
    QCOMPARE(result.registration->kind, RegistrationPlan::Kind::Dynamic);
    QVERIFY(!result.error);
    // The probe's outcome, then discovery's steps.
    QVERIFY(trace.steps().size() >= 3);
    QVERIFY(trace.steps().first().what.contains(QLatin1String("initialize")));
    QVERIFY(trace.steps().at(1).what.contains(QLatin1String("requires sign-in")));
}

void TestServerCheckJob::preRegisteredClientIdWins()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    ServerCheckSettings settings;
    settings.clientId = QStringLiteral("abc");
    const auto outcome = check(server.mcpUrl(), settings);
    QCOMPARE(outcome.finishedSignals, 1);
    QCOMPARE(outcome.value.result.outcome, ServerCheckResult::Outcome::SignInRequired);
    QVERIFY(outcome.value.result.registration.has_value());
    QCOMPARE(outcome.value.result.registration->kind, RegistrationPlan::Kind::PreRegistered);
    QCOMPARE(ServerCheckJob::plan(outcome.value.result.discovery->authServer, {}).kind,
             RegistrationPlan::Kind::Dynamic);
}

void TestServerCheckJob::openServer()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200,
                     R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18",)"
                     R"("capabilities":{},"serverInfo":{"name":"Open Notes","version":"2"}}})"));
    const auto outcome = check(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    QVERIFY(!outcome.error);
    const ServerCheckResult &result = outcome.value.result;
    QCOMPARE(result.outcome, ServerCheckResult::Outcome::Open);
    QVERIFY(!result.signInRequired());
    QCOMPARE(outcome.value.signInRequiredSignals, 0);
    QCOMPARE(result.probe.serverName, QStringLiteral("Open Notes"));
    QCOMPARE(result.probe.httpStatus, 200);
    QVERIFY(!result.discovery);
    QVERIFY(!result.registration);
    // server/discover (a 2025-era answer), then initialize; no OAuth discovery.
    QCOMPARE(server.requests().size(), 2);
    for (const auto &request : server.requests())
        QCOMPARE(request.path(), QByteArray("/mcp"));
}

void TestServerCheckJob::metadataDocumentWhenNoRegistration()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    scriptNoRegistrationServer(server);
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));

    const auto without = check(mcpUrl);
    QCOMPARE(without.finishedSignals, 1);
    QVERIFY(!without.error);
    QCOMPARE(without.value.result.outcome, ServerCheckResult::Outcome::SignInRequired);
    QCOMPARE(without.value.result.discovery->authServer.issuer, server.url().toString());
    QCOMPARE(without.value.result.registration->kind, RegistrationPlan::Kind::NeedsClientId);

    ServerCheckSettings settings;
    settings.clientMetadataUrl = QUrl(QStringLiteral("https://app.example.com/client.json"));
    const auto with = check(mcpUrl, settings);
    QCOMPARE(with.finishedSignals, 1);
    QCOMPARE(with.value.result.outcome, ServerCheckResult::Outcome::SignInRequired);
    QCOMPARE(with.value.result.registration->kind, RegistrationPlan::Kind::MetadataDocument);
}

void TestServerCheckJob::discoveryFailureStillSaysSignInIsNeeded()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    scriptNoRegistrationServer(server, true);
    const auto outcome = check(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ServerCheckResult &result = outcome.value.result;
    QCOMPARE(result.outcome, ServerCheckResult::Outcome::SignInRequiredNoAuthServer);
    QVERIFY(result.signInRequired());
    QCOMPARE(outcome.value.signInRequiredSignals, 1);
    QCOMPARE(result.error.code(), Error::Code::ResourceMismatch);
    QCOMPARE(outcome.error.code(), Error::Code::ResourceMismatch);
    QCOMPARE(result.probe.httpStatus, 401);
    QVERIFY(!result.discovery);
    QVERIFY(!result.registration);
}

void TestServerCheckJob::notAnMcpServer()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp", ScriptedHttpServer::response(200, "text/html", "<html>hello</html>"));
    const auto outcome = check(server.url(QStringLiteral("/mcp")));
    QCOMPARE(outcome.finishedSignals, 1);
    const ServerCheckResult &result = outcome.value.result;
    QCOMPARE(result.outcome, ServerCheckResult::Outcome::NotMcp);
    QVERIFY(result.error);
    QCOMPARE(outcome.error.code(), result.error.code());
    QCOMPARE(result.probe.kind, ProbeResult::Kind::Error);
    QCOMPARE(outcome.value.signInRequiredSignals, 0);
}

void TestServerCheckJob::closedPortIsUnreachable()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const auto outcome = check(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)));
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    const ServerCheckResult &result = outcome.value.result;
    QCOMPARE(result.outcome, ServerCheckResult::Outcome::Unreachable);
    QVERIFY(result.error);
    QCOMPARE(outcome.error.code(), result.error.code());
}

void TestServerCheckJob::cancelWhileProbing()
{
    ScriptedHttpServer silent; // accepts the connection, never answers
    QVERIFY(silent.listen());
    silent.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    HttpClient http;
    auto *job = new ServerCheckJob(&http, silent.url(QStringLiteral("/mcp")), {});
    QPointer<ServerCheckJob> guard(job);
    job->start();
    QTRY_COMPARE(silent.requests().size(), 1);
    QVERIFY(guard);
    QCOMPARE(job->runningSteps().size(), 1); // the probe
    job->cancel();
    const auto outcome = Test::runJob(job, [](ServerCheckJob *j) { return j->result(); });
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(outcome.deleted);
    QCOMPARE(outcome.error.code(), Error::Code::Cancelled);
    QCOMPARE(outcome.value.outcome, ServerCheckResult::Outcome::None);
}

QTEST_MAIN(TestServerCheckJob)
#include "tst_servercheckjob.moc"
