#include "core/base/trace.h"
#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"
#include "core/oauth/discovery.h"

#include "jobrunner.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <optional>
#include <utility>

using namespace Mcpa;

namespace {

const QByteArray PrmPathInserted = "/.well-known/oauth-protected-resource/mcp";
const QByteArray PrmRoot = "/.well-known/oauth-protected-resource";
const QByteArray OAuthRoot = "/.well-known/oauth-authorization-server";
const QByteArray OpenIdRoot = "/.well-known/openid-configuration";

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject resourceMetadata(const QString &resource, const QStringList &servers)
{
    return { { QLatin1String("resource"), resource },
             { QLatin1String("authorization_servers"), QJsonArray::fromStringList(servers) },
             { QLatin1String("scopes_supported"),
               QJsonArray { QLatin1String("mcp:read"), QLatin1String("mcp:write") } } };
}

/// Complete RFC 8414 metadata with every field the client reads.
QJsonObject authServerMetadata(const QString &issuer, const QString &endpointBase)
{
    const auto endpoint = [&endpointBase](const char *path) {
        return QString(endpointBase + QLatin1String(path));
    };
    return {
        { QLatin1String("issuer"), issuer },
        { QLatin1String("authorization_endpoint"), endpoint("/authorize") },
        { QLatin1String("token_endpoint"), endpoint("/token") },
        { QLatin1String("registration_endpoint"), endpoint("/register") },
        { QLatin1String("revocation_endpoint"), endpoint("/revoke") },
        { QLatin1String("userinfo_endpoint"), endpoint("/me") },
        { QLatin1String("scopes_supported"),
          QJsonArray { QLatin1String("mcp:read"), QLatin1String("offline_access") } },
        { QLatin1String("response_types_supported"), QJsonArray { QLatin1String("code") } },
        { QLatin1String("grant_types_supported"),
          QJsonArray { QLatin1String("authorization_code"), QLatin1String("refresh_token") } },
        { QLatin1String("token_endpoint_auth_methods_supported"),
          QJsonArray { QLatin1String("none"), QLatin1String("client_secret_post") } },
        { QLatin1String("code_challenge_methods_supported"), QJsonArray { QLatin1String("S256") } },
        { QLatin1String("client_id_metadata_document_supported"), true },
        { QLatin1String("authorization_response_iss_parameter_supported"), true },
    };
}

BearerChallenge challengeFor(const QUrl &resourceMetadataUrl)
{
    BearerChallenge challenge;
    challenge.present = true;
    challenge.resourceMetadata = resourceMetadataUrl;
    return challenge;
}

QString replaceBase(QString text, const QString &base)
{
    return text.replace(QLatin1String("BASE"), base);
}

struct Outcome
{
    int results = 0; ///< finished() emissions; must be exactly 1
    Job::State state = Job::State::Pending; ///< the job's state when it finished
    DiscoveryResult result;
    Error error;
};

/// One discovery with its collaborators and a trace.
class Harness
{
public:
    HttpClient http;
    Trace trace;
    std::optional<std::chrono::milliseconds> timeout;
    QString preferredIssuer;
    QStringList progress; ///< the progress texts of the last run, in order

    Outcome run(const QUrl &mcpUrl, const BearerChallenge &challenge = {})
    {
        auto *job = new DiscoveryJob(&http, mcpUrl, challenge);
        job->setTrace(&trace);
        if (timeout)
            job->setTimeout(*timeout);
        job->setPreferredIssuer(preferredIssuer);
        progress.clear();
        QObject::connect(job, &Job::progressChanged, job,
                         [this](const QString &text) { progress.append(text); });
        const auto finished = Test::runJob(
            job, [](DiscoveryJob *done) { return std::make_pair(done->state(), done->result()); });
        Outcome outcome;
        if (!finished.finished)
            return outcome; // results == 0 fails the caller's check
        outcome.results = finished.finishedSignals;
        outcome.state = finished.value.first;
        if (!finished.error)
            outcome.result = finished.value.second;
        outcome.error = finished.error;
        return outcome;
    }

    bool traced(const QString &what) const
    {
        for (const Trace::Step &step : trace.steps()) {
            if (step.what == what)
                return true;
        }
        return false;
    }
};

} // namespace

#define VERIFY_SUCCEEDED(outcome)                                                                  \
    do {                                                                                           \
        QCOMPARE((outcome).results, 1);                                                            \
        QVERIFY2(!(outcome).error, qPrintable((outcome).error.toString()));                        \
    } while (false)

#define VERIFY_FAILED(outcome, expectedCode)                                                       \
    do {                                                                                           \
        QCOMPARE((outcome).results, 1);                                                            \
        QCOMPARE((outcome).error.code(), expectedCode);                                            \
        QVERIFY(!(outcome).error.detail().isEmpty());                                              \
    } while (false)

class TestDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resourceMetadataLocations_data();
    void resourceMetadataLocations();
    void authServerMetadataLocations_data();
    void authServerMetadataLocations();
    void backCompatMetadataAtOrigin_data();
    void backCompatMetadataAtOrigin();
    void backCompatDefaultEndpoints_data();
    void backCompatDefaultEndpoints();
    void resourceMismatchStopsBeforeTheAuthServer_data();
    void resourceMismatchStopsBeforeTheAuthServer();
    void resourceIsThisServerOrAParent_data();
    void resourceIsThisServerOrAParent();
    void pkceWithoutS256IsRefused_data();
    void pkceWithoutS256IsRefused();
    void issuerMustMatchExactly_data();
    void issuerMustMatchExactly();
    void malformedMetadataFails_data();
    void malformedMetadataFails();
    void insecureUrlsAreRefused_data();
    void insecureUrlsAreRefused();
    void authServerWithoutMetadata();
    void oversizedResourceMetadata();
    void silentServerTimesOut();
    void closedPortIsUnreachable();
    void preferredIssuer_data();
    void preferredIssuer();
    void resultsAreAsynchronous_data();
    void resultsAreAsynchronous();
    void traceHasNoQueries();
    void realServers_data();
    void realServers();
};

void TestDiscovery::resourceMetadataLocations_data()
{
    QTest::addColumn<QString>("challengeUrl"); // empty: no resource_metadata
    QTest::addColumn<QByteArray>("prmPath");
    QTest::addColumn<QByteArrayList>("expectedPaths");
    QTest::addColumn<QString>("expectedStep");

    QTest::addRow("challenge header") << QStringLiteral("BASE/meta/prm") << QByteArray("/meta/prm")
                                      << QByteArrayList { "/meta/prm", OAuthRoot }
                                      << QStringLiteral("PRM from the challenge header");
    QTest::addRow("path-inserted well-known")
        << QString() << PrmPathInserted << QByteArrayList { PrmPathInserted, OAuthRoot }
        << QStringLiteral("PRM from the well-known location");
    QTest::addRow("root well-known after path-inserted 404")
        << QString() << PrmRoot << QByteArrayList { PrmPathInserted, PrmRoot, OAuthRoot }
        << QStringLiteral("No protected resource metadata");
    QTest::addRow("challenge URL 404 falls back to well-known")
        << QStringLiteral("BASE/gone") << PrmPathInserted
        << QByteArrayList { "/gone", PrmPathInserted, OAuthRoot }
        << QStringLiteral("PRM from the challenge header unavailable");
    QTest::addRow("challenge URL is the path-inserted one: not asked twice")
        << QStringLiteral("BASE") + QString::fromLatin1(PrmPathInserted) << PrmRoot
        << QByteArrayList { PrmPathInserted, PrmRoot, OAuthRoot }
        << QStringLiteral("PRM from the challenge header unavailable");
    QTest::addRow("insecure challenge URL ignored")
        << QStringLiteral("http://prm.example.com/prm") << PrmPathInserted
        << QByteArrayList { PrmPathInserted, OAuthRoot }
        << QStringLiteral("Ignoring the PRM URL from the challenge header");
}

void TestDiscovery::resourceMetadataLocations()
{
    QFETCH(QString, challengeUrl);
    QFETCH(QByteArray, prmPath);
    QFETCH(QByteArrayList, expectedPaths);
    QFETCH(QString, expectedStep);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    server.route(prmPath,
                 ScriptedHttpServer::json(200,
                                          toJson(resourceMetadata(mcpUrl.toString(), { base })),
                                          { { "Cache-Control", "no-store" } }));
    server.route(OAuthRoot, ScriptedHttpServer::json(200, toJson(authServerMetadata(base, base))));

    Harness harness;
    const BearerChallenge challenge = challengeUrl.isEmpty()
        ? BearerChallenge()
        : challengeFor(QUrl(replaceBase(challengeUrl, base)));
    const Outcome outcome = harness.run(mcpUrl, challenge);
    VERIFY_SUCCEEDED(outcome);

    QCOMPARE(server.requestedPaths(), expectedPaths);
    for (const ScriptedHttpServer::Request &request : server.requests()) {
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.header("Accept"), QByteArray("application/json"));
    }
    QVERIFY2(harness.traced(expectedStep), qPrintable(harness.trace.toText()));
    QVERIFY(outcome.result.hasProtectedResourceMetadata);
    QCOMPARE(outcome.result.mcpUrl, mcpUrl);
    QCOMPARE(outcome.result.resource, mcpUrl);
    QCOMPARE(outcome.result.challenge.resourceMetadata, challenge.resourceMetadata);
    QCOMPARE(outcome.result.protectedResource.sourceUrl.path().toLatin1(), prmPath);
    QCOMPARE(outcome.result.protectedResource.authorizationServers, QList<QUrl> { QUrl(base) });
    QCOMPARE(outcome.result.protectedResource.scopesSupported,
             (QStringList { QStringLiteral("mcp:read"), QStringLiteral("mcp:write") }));
    QCOMPARE(outcome.result.authServer.issuer, base);

    // The two phases, then the end.
    QCOMPARE(harness.progress,
             (QStringList { QStringLiteral("Asking the server how to sign in"),
                            QStringLiteral("Asking the authorization server for its metadata") }));
    QCOMPARE(outcome.state, Job::State::Finished);
}

void TestDiscovery::authServerMetadataLocations_data()
{
    QTest::addColumn<QString>("issuerPath");
    QTest::addColumn<QByteArray>("metadataPath");
    QTest::addColumn<QByteArrayList>("expectedPaths"); // after the PRM

    QTest::addRow("RFC 8414 path-inserted")
        << QStringLiteral("/tenant1")
        << QByteArray("/.well-known/oauth-authorization-server/tenant1")
        << QByteArrayList { "/.well-known/oauth-authorization-server/tenant1" };
    QTest::addRow("OIDC path-inserted")
        << QStringLiteral("/tenant1") << QByteArray("/.well-known/openid-configuration/tenant1")
        << QByteArrayList { "/.well-known/oauth-authorization-server/tenant1",
                            "/.well-known/openid-configuration/tenant1" };
    QTest::addRow("OIDC path-appended")
        << QStringLiteral("/tenant1") << QByteArray("/tenant1/.well-known/openid-configuration")
        << QByteArrayList { "/.well-known/oauth-authorization-server/tenant1",
                            "/.well-known/openid-configuration/tenant1",
                            "/tenant1/.well-known/openid-configuration" };
    QTest::addRow("nested issuer path with trailing slash")
        << QStringLiteral("/realms/a/") << QByteArray("/.well-known/openid-configuration/realms/a")
        << QByteArrayList { "/.well-known/oauth-authorization-server/realms/a",
                            "/.well-known/openid-configuration/realms/a" };
    QTest::addRow("root oauth-authorization-server")
        << QString() << OAuthRoot << QByteArrayList { OAuthRoot };
    QTest::addRow("root openid-configuration")
        << QString() << OpenIdRoot << QByteArrayList { OAuthRoot, OpenIdRoot };
    QTest::addRow("issuer with trailing slash (SDK form)")
        << QStringLiteral("/") << OAuthRoot << QByteArrayList { OAuthRoot };
}

void TestDiscovery::authServerMetadataLocations()
{
    QFETCH(QString, issuerPath);
    QFETCH(QByteArray, metadataPath);
    QFETCH(QByteArrayList, expectedPaths);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    const QString issuer = base + issuerPath;
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    server.route(
        PrmPathInserted,
        ScriptedHttpServer::json(200, toJson(resourceMetadata(mcpUrl.toString(), { issuer }))));
    server.route(metadataPath,
                 ScriptedHttpServer::json(200, toJson(authServerMetadata(issuer, base))));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_SUCCEEDED(outcome);

    QCOMPARE(server.requestedPaths(), QByteArrayList { PrmPathInserted } + expectedPaths);
    const AuthServerMetadata &as = outcome.result.authServer;
    QCOMPARE(as.issuer, issuer);
    QCOMPARE(as.sourceUrl.path().toLatin1(), metadataPath);
    QVERIFY(as.fromMetadata);
    QCOMPARE(as.authorizationEndpoint, QUrl(base + QLatin1String("/authorize")));
    QCOMPARE(as.tokenEndpoint, QUrl(base + QLatin1String("/token")));
    QCOMPARE(as.registrationEndpoint, QUrl(base + QLatin1String("/register")));
    QCOMPARE(as.revocationEndpoint, QUrl(base + QLatin1String("/revoke")));
    QCOMPARE(as.userinfoEndpoint, QUrl(base + QLatin1String("/me")));
    QCOMPARE(as.scopesSupported,
             (QStringList { QStringLiteral("mcp:read"), QStringLiteral("offline_access") }));
    QCOMPARE(as.codeChallengeMethodsSupported, QStringList { QStringLiteral("S256") });
    QCOMPARE(as.tokenEndpointAuthMethodsSupported,
             (QStringList { QStringLiteral("none"), QStringLiteral("client_secret_post") }));
    QCOMPARE(
        as.grantTypesSupported,
        (QStringList { QStringLiteral("authorization_code"), QStringLiteral("refresh_token") }));
    QVERIFY(as.clientIdMetadataDocumentSupported);
    QVERIFY(as.authorizationResponseIssParameterSupported);
    QVERIFY(harness.traced(QStringLiteral("Issuer matches")));
    QVERIFY(harness.traced(QStringLiteral("S256 supported")));
}

void TestDiscovery::backCompatMetadataAtOrigin_data()
{
    QTest::addColumn<QString>("mcpPath");
    QTest::addColumn<QByteArray>("metadataPath");
    QTest::addColumn<QString>("issuerSuffix");
    QTest::addColumn<QByteArrayList>("expectedPaths");

    QTest::addRow("oauth-authorization-server")
        << QStringLiteral("/mcp") << OAuthRoot << QString()
        << QByteArrayList { PrmPathInserted, PrmRoot, OAuthRoot };
    QTest::addRow("openid-configuration")
        << QStringLiteral("/mcp") << OpenIdRoot << QString()
        << QByteArrayList { PrmPathInserted, PrmRoot, OAuthRoot, OpenIdRoot };
    QTest::addRow("issuer with trailing slash")
        << QStringLiteral("/mcp") << OAuthRoot << QStringLiteral("/")
        << QByteArrayList { PrmPathInserted, PrmRoot, OAuthRoot };
    QTest::addRow("nested MCP path with trailing slash")
        << QStringLiteral("/api/mcp/") << OAuthRoot << QString()
        << QByteArrayList { "/.well-known/oauth-protected-resource/api/mcp", PrmRoot, OAuthRoot };
}

void TestDiscovery::backCompatMetadataAtOrigin()
{
    QFETCH(QString, mcpPath);
    QFETCH(QByteArray, metadataPath);
    QFETCH(QString, issuerSuffix);
    QFETCH(QByteArrayList, expectedPaths);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    server.route(
        metadataPath,
        ScriptedHttpServer::json(200, toJson(authServerMetadata(base + issuerSuffix, base))));
    const QUrl mcpUrl = server.url(mcpPath);

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_SUCCEEDED(outcome);
    QCOMPARE(server.requestedPaths(), expectedPaths);
    QVERIFY(!outcome.result.hasProtectedResourceMetadata);
    QCOMPARE(outcome.result.resource, UrlPolicy::canonicalResource(mcpUrl));
    QVERIFY(!outcome.result.resource.path().endsWith(QLatin1Char('/')));
    QVERIFY(outcome.result.authServer.fromMetadata);
    QCOMPARE(outcome.result.authServer.issuer, base + issuerSuffix);
    QCOMPARE(outcome.result.authServer.tokenEndpoint, QUrl(base + QLatin1String("/token")));
    QCOMPARE(outcome.result.authServer.sourceUrl.path().toLatin1(), metadataPath);
}

void TestDiscovery::backCompatDefaultEndpoints_data()
{
    QTest::addColumn<QString>("mcpPath");
    QTest::addColumn<QByteArrayList>("expectedPaths");
    QTest::addRow("server at /mcp")
        << QStringLiteral("/mcp")
        << QByteArrayList { PrmPathInserted, PrmRoot, OAuthRoot, OpenIdRoot };
    QTest::addRow("server at the root: no path-inserted PRM")
        << QStringLiteral("/") << QByteArrayList { PrmRoot, OAuthRoot, OpenIdRoot };
}

void TestDiscovery::backCompatDefaultEndpoints()
{
    QFETCH(QString, mcpPath);
    QFETCH(QByteArrayList, expectedPaths);

    ScriptedHttpServer server; // 404 for everything
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    const QUrl mcpUrl = server.url(mcpPath);

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_SUCCEEDED(outcome);
    QCOMPARE(server.requestedPaths(), expectedPaths);
    const AuthServerMetadata &as = outcome.result.authServer;
    QVERIFY(!as.fromMetadata);
    QCOMPARE(as.issuer, base);
    QCOMPARE(as.authorizationEndpoint, QUrl(base + QLatin1String("/authorize")));
    QCOMPARE(as.tokenEndpoint, QUrl(base + QLatin1String("/token")));
    QCOMPARE(as.registrationEndpoint, QUrl(base + QLatin1String("/register")));
    QCOMPARE(as.codeChallengeMethodsSupported, QStringList { QStringLiteral("S256") });
    QVERIFY(as.sourceUrl.isEmpty());
    QVERIFY(!outcome.result.hasProtectedResourceMetadata);
    QCOMPARE(outcome.result.resource, UrlPolicy::canonicalResource(mcpUrl));
    QVERIFY(harness.traced(
        QStringLiteral("No metadata: using default endpoints (2025-03-26 fallback)")));
}

void TestDiscovery::resourceMismatchStopsBeforeTheAuthServer_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addRow("other host") << QStringLiteral("https://mcp.example.com/mcp");
    QTest::addRow("localhost is another host than 127.0.0.1")
        << QStringLiteral("http://localhost:PORT/mcp");
    QTest::addRow("other port") << QStringLiteral("http://127.0.0.1:1/mcp");
    QTest::addRow("other scheme") << QStringLiteral("https://127.0.0.1:PORT/mcp");
    QTest::addRow("other path") << QStringLiteral("BASE/other");
    QTest::addRow("sibling prefix /mc") << QStringLiteral("BASE/mc");
    QTest::addRow("sibling /mcp2") << QStringLiteral("BASE/mcp2");
    QTest::addRow("child of the server") << QStringLiteral("BASE/mcp/tools");
    QTest::addRow("path differs in case") << QStringLiteral("BASE/MCP");
}

void TestDiscovery::resourceMismatchStopsBeforeTheAuthServer()
{
    QFETCH(QString, resource);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    resource = replaceBase(resource, base)
                   .replace(QLatin1String("PORT"), QString::number(server.port()));
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    server.route(PrmPathInserted,
                 ScriptedHttpServer::json(200, toJson(resourceMetadata(resource, { base }))));
    server.route(OAuthRoot, ScriptedHttpServer::json(200, toJson(authServerMetadata(base, base))));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_FAILED(outcome, Error::Code::ResourceMismatch);
    // Stopped before any authorization server request.
    QCOMPARE(server.requestedPaths(), QByteArrayList { PrmPathInserted });
    QVERIFY(outcome.error.detail().contains(Trace::url(QUrl(resource))));
    QCOMPARE(outcome.state, Job::State::Finished);
    QVERIFY(outcome.error);
    QCOMPARE(harness.trace.steps().last().outcome, Trace::Outcome::Failure);
}

void TestDiscovery::resourceIsThisServerOrAParent_data()
{
    QTest::addColumn<QString>("mcpPath");
    QTest::addColumn<QString>("resource");
    QTest::addRow("same URL") << QStringLiteral("/mcp") << QStringLiteral("BASE/mcp");
    QTest::addRow("trailing slash") << QStringLiteral("/mcp") << QStringLiteral("BASE/mcp/");
    QTest::addRow("server URL with trailing slash")
        << QStringLiteral("/mcp/") << QStringLiteral("BASE/mcp");
    QTest::addRow("parent path") << QStringLiteral("/api/mcp") << QStringLiteral("BASE/api");
    QTest::addRow("origin") << QStringLiteral("/mcp") << QStringLiteral("BASE");
    QTest::addRow("origin with slash") << QStringLiteral("/mcp") << QStringLiteral("BASE/");
    QTest::addRow("uppercase scheme")
        << QStringLiteral("/mcp") << QStringLiteral("HTTP://127.0.0.1:PORT/mcp");
}

void TestDiscovery::resourceIsThisServerOrAParent()
{
    QFETCH(QString, mcpPath);
    QFETCH(QString, resource);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    resource = replaceBase(resource, base)
                   .replace(QLatin1String("PORT"), QString::number(server.port()));
    const QByteArray prm
        = ScriptedHttpServer::json(200, toJson(resourceMetadata(resource, { base })));
    server.setHandler([prm, base](const ScriptedHttpServer::Request &request) {
        if (request.path().startsWith(PrmRoot))
            return prm;
        if (request.path() == OAuthRoot)
            return ScriptedHttpServer::json(200, toJson(authServerMetadata(base, base)));
        return ScriptedHttpServer::response(404, "text/plain", "not found");
    });

    Harness harness;
    const Outcome outcome = harness.run(server.url(mcpPath));
    VERIFY_SUCCEEDED(outcome);
    QCOMPARE(outcome.result.resource, QUrl(resource)); // as the PRM gives it
    QCOMPARE(outcome.result.protectedResource.resource, QUrl(resource));
    QVERIFY(harness.traced(QStringLiteral("Resource matches this server")));
}

void TestDiscovery::pkceWithoutS256IsRefused_data()
{
    QTest::addColumn<QJsonValue>("methods"); // undefined: field absent
    QTest::addRow("no code_challenge_methods_supported") << QJsonValue(QJsonValue::Undefined);
    QTest::addRow("empty list") << QJsonValue(QJsonArray());
    QTest::addRow("plain only") << QJsonValue(QJsonArray { QLatin1String("plain") });
    QTest::addRow("lowercase s256") << QJsonValue(QJsonArray { QLatin1String("s256") });
}

void TestDiscovery::pkceWithoutS256IsRefused()
{
    QFETCH(QJsonValue, methods);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    QJsonObject metadata = authServerMetadata(base, base);
    if (methods.isUndefined())
        metadata.remove(QLatin1String("code_challenge_methods_supported"));
    else
        metadata.insert(QLatin1String("code_challenge_methods_supported"), methods);
    server.route(
        PrmPathInserted,
        ScriptedHttpServer::json(200, toJson(resourceMetadata(mcpUrl.toString(), { base }))));
    server.route(OAuthRoot, ScriptedHttpServer::json(200, toJson(metadata)));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_FAILED(outcome, Error::Code::PkceNotSupported);
    QVERIFY(outcome.error.detail().contains(QLatin1String("S256")));
}

void TestDiscovery::issuerMustMatchExactly_data()
{
    QTest::addColumn<QString>("metadataIssuer");
    QTest::addRow("other issuer") << QStringLiteral("https://as.example.com");
    QTest::addRow("added trailing slash") << QStringLiteral("BASE/");
    QTest::addRow("other tenant") << QStringLiteral("BASE/tenant2");
    QTest::addRow("uppercase scheme") << QStringLiteral("HTTP://127.0.0.1:PORT");
}

void TestDiscovery::issuerMustMatchExactly()
{
    QFETCH(QString, metadataIssuer);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    metadataIssuer = replaceBase(metadataIssuer, base)
                         .replace(QLatin1String("PORT"), QString::number(server.port()));
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    server.route(
        PrmPathInserted,
        ScriptedHttpServer::json(200, toJson(resourceMetadata(mcpUrl.toString(), { base }))));
    server.route(OAuthRoot,
                 ScriptedHttpServer::json(200, toJson(authServerMetadata(metadataIssuer, base))));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_FAILED(outcome, Error::Code::IssuerMismatch);
    // A mismatching document is not skipped in favour of the next location.
    QCOMPARE(server.requestedPaths(), (QByteArrayList { PrmPathInserted, OAuthRoot }));
}

void TestDiscovery::malformedMetadataFails_data()
{
    QTest::addColumn<QByteArray>("prm"); // BASE = server origin
    QTest::addColumn<QByteArray>("metadata"); // empty: a valid document
    QTest::addColumn<int>("expectedRequests");

    const QByteArray validPrm = R"({"resource":"BASE/mcp","authorization_servers":["BASE"]})";
    QTest::addRow("PRM not JSON") << QByteArray("<html>hello</html>") << QByteArray() << 1;
    QTest::addRow("PRM truncated JSON")
        << QByteArray(R"({"resource":"BASE/mcp")") << QByteArray() << 1;
    QTest::addRow("PRM is an array") << QByteArray("[]") << QByteArray() << 1;
    QTest::addRow("PRM without resource")
        << QByteArray(R"({"authorization_servers":["BASE"]})") << QByteArray() << 1;
    QTest::addRow("PRM resource not a string")
        << QByteArray(R"({"resource":7,"authorization_servers":["BASE"]})") << QByteArray() << 1;
    QTest::addRow("PRM without authorization_servers")
        << QByteArray(R"({"resource":"BASE/mcp"})") << QByteArray() << 1;
    QTest::addRow("PRM with empty authorization_servers")
        << QByteArray(R"({"resource":"BASE/mcp","authorization_servers":[]})") << QByteArray() << 1;
    QTest::addRow("PRM authorization_servers not strings")
        << QByteArray(R"({"resource":"BASE/mcp","authorization_servers":[{"issuer":"BASE"}]})")
        << QByteArray() << 1;
    QTest::addRow("PRM authorization_servers a string")
        << QByteArray(R"({"resource":"BASE/mcp","authorization_servers":"BASE"})") << QByteArray()
        << 1;
    QTest::addRow("AS metadata not JSON") << validPrm << QByteArray("issuer=BASE") << 2;
    QTest::addRow("AS metadata is an array") << validPrm << QByteArray(R"(["BASE"])") << 2;
    QTest::addRow("AS metadata without issuer")
        << validPrm
        << QByteArray(R"({"authorization_endpoint":"BASE/authorize","token_endpoint":"BASE/token",)"
                      R"("code_challenge_methods_supported":["S256"]})")
        << 2;
    QTest::addRow("AS metadata without token_endpoint")
        << validPrm
        << QByteArray(R"({"issuer":"BASE","authorization_endpoint":"BASE/authorize",)"
                      R"("code_challenge_methods_supported":["S256"]})")
        << 2;
    QTest::addRow("AS metadata without authorization_endpoint")
        << validPrm
        << QByteArray(R"({"issuer":"BASE","token_endpoint":"BASE/token",)"
                      R"("code_challenge_methods_supported":["S256"]})")
        << 2;
    QTest::addRow("AS endpoint is a relative URL")
        << validPrm
        << QByteArray(
               R"({"issuer":"BASE","authorization_endpoint":"/authorize",)"
               R"("token_endpoint":"BASE/token","code_challenge_methods_supported":["S256"]})")
        << 2;
    QTest::addRow("AS registration endpoint not http(s)")
        << validPrm
        << QByteArray(R"({"issuer":"BASE","authorization_endpoint":"BASE/authorize",)"
                      R"("token_endpoint":"BASE/token","registration_endpoint":"ftp://x/reg",)"
                      R"("code_challenge_methods_supported":["S256"]})")
        << 2;
}

void TestDiscovery::malformedMetadataFails()
{
    QFETCH(QByteArray, prm);
    QFETCH(QByteArray, metadata);
    QFETCH(int, expectedRequests);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QByteArray base = server.url().toString().toLatin1();
    server.route(PrmPathInserted, ScriptedHttpServer::json(200, prm.replace("BASE", base)));
    const QString baseText = QString::fromLatin1(base);
    server.route(OAuthRoot,
                 metadata.isEmpty()
                     ? ScriptedHttpServer::json(200, toJson(authServerMetadata(baseText, baseText)))
                     : ScriptedHttpServer::json(200, metadata.replace("BASE", base)));
    // A later candidate with good metadata must not paper over the broken one.
    server.route(OpenIdRoot,
                 ScriptedHttpServer::json(200, toJson(authServerMetadata(baseText, baseText))));
    server.route(
        PrmRoot,
        ScriptedHttpServer::json(
            200, toJson(resourceMetadata(baseText + QLatin1String("/mcp"), { baseText }))));

    Harness harness;
    const Outcome outcome = harness.run(server.url(QStringLiteral("/mcp")));
    VERIFY_FAILED(outcome, Error::Code::MalformedResponse);
    QCOMPARE(server.requests().size(), expectedRequests);
}

void TestDiscovery::insecureUrlsAreRefused_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("endpointBase");
    QTest::addColumn<int>("expectedRequests");
    QTest::addRow("http issuer that is not loopback")
        << QStringLiteral("http://as.example.com") << QStringLiteral("http://as.example.com") << 1;
    QTest::addRow("http token endpoint that is not loopback")
        << QStringLiteral("BASE") << QStringLiteral("http://as.example.com") << 2;
}

void TestDiscovery::insecureUrlsAreRefused()
{
    QFETCH(QString, issuer);
    QFETCH(QString, endpointBase);
    QFETCH(int, expectedRequests);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    issuer = replaceBase(issuer, base);
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    server.route(
        PrmPathInserted,
        ScriptedHttpServer::json(200, toJson(resourceMetadata(mcpUrl.toString(), { issuer }))));
    server.route(OAuthRoot,
                 ScriptedHttpServer::json(200, toJson(authServerMetadata(issuer, endpointBase))));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_FAILED(outcome, Error::Code::InsecureUrl);
    QCOMPARE(server.requests().size(), expectedRequests);
    QVERIFY(outcome.error.detail().contains(QLatin1String("as.example.com")));
}

void TestDiscovery::authServerWithoutMetadata()
{
    // PRM exists but its authorization server publishes nothing: no guessing.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    const QString issuer = base + QLatin1String("/tenant1");
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    server.route(
        PrmPathInserted,
        ScriptedHttpServer::json(200, toJson(resourceMetadata(mcpUrl.toString(), { issuer }))));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_FAILED(outcome, Error::Code::MetadataNotFound);
    QCOMPARE(server.requestedPaths(),
             (QByteArrayList { PrmPathInserted, "/.well-known/oauth-authorization-server/tenant1",
                               "/.well-known/openid-configuration/tenant1",
                               "/tenant1/.well-known/openid-configuration" }));
}

void TestDiscovery::oversizedResourceMetadata()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    QByteArray huge = R"({"resource":")" + mcpUrl.toEncoded() + R"(","padding":")";
    huge += QByteArray(2 * 1024 * 1024, 'x') + R"("})";
    server.route(PrmPathInserted, ScriptedHttpServer::json(200, huge));

    Harness harness;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_FAILED(outcome, Error::Code::ResponseTooLarge);
    QCOMPARE(server.requests().size(), 1);
}

void TestDiscovery::silentServerTimesOut()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });

    Harness harness;
    harness.timeout = std::chrono::milliseconds(300);
    const Outcome outcome = harness.run(server.url(QStringLiteral("/mcp")));
    VERIFY_FAILED(outcome, Error::Code::Timeout);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(outcome.state, Job::State::Finished);
    QVERIFY(outcome.error);
}

void TestDiscovery::closedPortIsUnreachable()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();

    Harness harness;
    const Outcome outcome = harness.run(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)));
    VERIFY_FAILED(outcome, Error::Code::Unreachable);
}

void TestDiscovery::preferredIssuer_data()
{
    QTest::addColumn<QString>("preferred"); // BASE = server origin
    QTest::addColumn<QString>("expectedIssuer");
    QTest::addRow("preferred second") << QStringLiteral("BASE/two") << QStringLiteral("BASE/two");
    QTest::addRow("no preference: first") << QString() << QStringLiteral("BASE/one");
    QTest::addRow("preferred not listed: first")
        << QStringLiteral("BASE/three") << QStringLiteral("BASE/one");
}

void TestDiscovery::preferredIssuer()
{
    QFETCH(QString, preferred);
    QFETCH(QString, expectedIssuer);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    preferred = replaceBase(preferred, base);
    expectedIssuer = replaceBase(expectedIssuer, base);
    const QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    const QString one = base + QLatin1String("/one");
    const QString two = base + QLatin1String("/two");
    server.route(
        PrmPathInserted,
        ScriptedHttpServer::json(200, toJson(resourceMetadata(mcpUrl.toString(), { one, two }))));
    server.route("/.well-known/oauth-authorization-server/one",
                 ScriptedHttpServer::json(200, toJson(authServerMetadata(one, one))));
    server.route("/.well-known/oauth-authorization-server/two",
                 ScriptedHttpServer::json(200, toJson(authServerMetadata(two, two))));

    Harness harness;
    harness.preferredIssuer = preferred;
    const Outcome outcome = harness.run(mcpUrl);
    VERIFY_SUCCEEDED(outcome);
    QCOMPARE(outcome.result.authServer.issuer, expectedIssuer);
    QCOMPARE(outcome.result.authServer.tokenEndpoint,
             QUrl(expectedIssuer + QLatin1String("/token")));
    QCOMPARE(server.requests().size(), 2); // only the chosen server was asked
}

void TestDiscovery::resultsAreAsynchronous_data()
{
    QTest::addColumn<QString>("mcpUrl"); // BASE = server origin
    QTest::addColumn<bool>("expectSuccess");
    QTest::addRow("success") << QStringLiteral("BASE/mcp") << true;
    QTest::addRow("insecure MCP URL fails at once")
        << QStringLiteral("http://mcp.example.com/mcp") << false;
    QTest::addRow("not an http URL") << QStringLiteral("ftp://127.0.0.1/mcp") << false;
}

void TestDiscovery::resultsAreAsynchronous()
{
    QFETCH(QString, mcpUrl);
    QFETCH(bool, expectSuccess);

    ScriptedHttpServer server; // nothing published: the 2025-03-26 fallback succeeds
    QVERIFY(server.listen());
    mcpUrl = replaceBase(mcpUrl, server.url().toString());

    HttpClient http;
    auto *discovery = new DiscoveryJob(&http, QUrl(mcpUrl));
    int results = 0;
    Error error;
    Job::State state = Job::State::Pending;
    connect(discovery, &Job::finished, this, [&](Job *job) {
        ++results;
        error = job->error();
        state = job->state();
    });
    discovery->start();
    QCOMPARE(results, 0);
    QCOMPARE(discovery->state(), Job::State::Pending); // nothing happens before the event loop
    QTRY_COMPARE(results, 1);
    QCoreApplication::processEvents();
    QCOMPARE(results, 1);
    QCOMPARE(state, Job::State::Finished);
    QCOMPARE(error.isError(), !expectSuccess);
    if (!expectSuccess)
        QVERIFY(server.requests().isEmpty());
}

void TestDiscovery::traceHasNoQueries()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QString base = server.url().toString();
    QUrl mcpUrl = server.url(QStringLiteral("/mcp"));
    mcpUrl.setQuery(QStringLiteral("session=hunter2"));
    server.route("/prm",
                 ScriptedHttpServer::json(
                     200, toJson(resourceMetadata(base + QLatin1String("/mcp"), { base }))));
    server.route(OAuthRoot, ScriptedHttpServer::json(200, toJson(authServerMetadata(base, base))));

    Harness harness;
    const Outcome outcome
        = harness.run(mcpUrl, challengeFor(QUrl(base + QLatin1String("/prm?sig=hunter3"))));
    VERIFY_SUCCEEDED(outcome);
    QCOMPARE(server.requests().first().target, QByteArray("/prm?sig=hunter3"));
    const QString text = harness.trace.toText();
    QVERIFY(harness.trace.steps().size() >= 6);
    QVERIFY2(!text.contains(QLatin1String("hunter")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1Char('?')), qPrintable(text));
}

void TestDiscovery::realServers_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addColumn<bool>("useChallenge");
    QTest::addColumn<QString>("authorizePath");
    QTest::addColumn<QString>("registerPath");
    QTest::addColumn<QString>("revokePath");

    QTest::addRow("sdk, challenge from the probe")
        << TestServer::Kind::Sdk << true << QStringLiteral("/authorize")
        << QStringLiteral("/register") << QStringLiteral("/revoke");
    QTest::addRow("sdk, no challenge")
        << TestServer::Kind::Sdk << false << QStringLiteral("/authorize")
        << QStringLiteral("/register") << QStringLiteral("/revoke");
    QTest::addRow("oidc-provider, challenge from the probe")
        << TestServer::Kind::Oidc << true << QStringLiteral("/auth") << QStringLiteral("/reg")
        << QStringLiteral("/token/revocation");
    QTest::addRow("oidc-provider, no challenge")
        << TestServer::Kind::Oidc << false << QStringLiteral("/auth") << QStringLiteral("/reg")
        << QStringLiteral("/token/revocation");
}

void TestDiscovery::realServers()
{
    QFETCH(TestServer::Kind, kind);
    QFETCH(bool, useChallenge);
    QFETCH(QString, authorizePath);
    QFETCH(QString, registerPath);
    QFETCH(QString, revokePath);

    TestServer server(kind);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QUrl mcpUrl = server.mcpUrl();

    BearerChallenge challenge;
    Harness harness;
    if (useChallenge) {
        const auto probed = Test::runJob(new ProbeJob(&harness.http, mcpUrl),
                                         [](ProbeJob *job) { return job->result(); });
        QVERIFY(probed.finished);
        QCOMPARE(probed.finishedSignals, 1);
        const ProbeResult probeResult = probed.value;
        QCOMPARE(probeResult.kind, ProbeResult::Kind::AuthRequired);
        challenge = probeResult.challenge;
        QVERIFY(challenge.present);
    }

    const Outcome outcome = harness.run(mcpUrl, challenge);
    VERIFY_SUCCEEDED(outcome);
    const DiscoveryResult &result = outcome.result;
    QVERIFY(result.hasProtectedResourceMetadata);
    QCOMPARE(result.resource, mcpUrl);
    QVERIFY(result.protectedResource.scopesSupported.contains(QLatin1String("mcp:read")));
    QCOMPARE(result.protectedResource.sourceUrl.path(),
             QString::fromLatin1(PrmPathInserted)); // the first location tried has it

    const AuthServerMetadata &as = result.authServer;
    QVERIFY(as.fromMetadata);
    QUrl origin = QUrl(as.issuer).adjusted(QUrl::RemovePath);
    if (kind == TestServer::Kind::Sdk) {
        QCOMPARE(as.issuer, mcpUrl.adjusted(QUrl::RemovePath).toString() + QLatin1Char('/'));
        QVERIFY(!as.authorizationResponseIssParameterSupported);
    } else {
        QCOMPARE(QUrl(as.issuer).path(), QString());
        QVERIFY(!as.issuer.endsWith(QLatin1Char('/')));
        QCOMPARE(QUrl(as.issuer).host(), mcpUrl.host());
        QVERIFY(QUrl(as.issuer).port() != mcpUrl.port()); // the AS has a port of its own
        QVERIFY(as.authorizationResponseIssParameterSupported);
    }
    const QString originText = origin.toString();
    QCOMPARE(as.authorizationEndpoint, QUrl(originText + authorizePath));
    QCOMPARE(as.registrationEndpoint, QUrl(originText + registerPath));
    QCOMPARE(as.revocationEndpoint, QUrl(originText + revokePath));
    QCOMPARE(as.tokenEndpoint, QUrl(originText + QLatin1String("/token")));
    QVERIFY(as.codeChallengeMethodsSupported.contains(QLatin1String("S256")));
    QVERIFY(as.scopesSupported.contains(QLatin1String("offline_access")));
    QVERIFY(as.grantTypesSupported.contains(QLatin1String("refresh_token")));
    QVERIFY(as.tokenEndpointAuthMethodsSupported.contains(QLatin1String("none")));
    QCOMPARE(as.sourceUrl, QUrl(originText + QString::fromLatin1(OAuthRoot)));

    QVERIFY(harness.traced(useChallenge ? QStringLiteral("PRM from the challenge header")
                                        : QStringLiteral("PRM from the well-known location")));
    QVERIFY(harness.traced(QStringLiteral("Issuer matches")));
    QVERIFY(harness.traced(QStringLiteral("S256 supported")));
    const QString text = harness.trace.toText();
    QVERIFY2(!text.contains(QLatin1Char('?')), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
