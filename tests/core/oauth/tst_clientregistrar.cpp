#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/oauth/clientregistrar.h"

#include "authserverlookup.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace Mcpa;

namespace {

/// One RegistrationJob with its collaborators, and what it ended with.
struct Run
{
    HttpClient http;
    Trace trace;
    std::optional<std::chrono::milliseconds> timeout;
    QPointer<RegistrationJob> job;
    int finishedSignals = 0;
    Job::State finishedState = Job::State::Pending;
    ClientRegistration result;
    Error failure;

    void start(const AuthServerMetadata &authServer, const RegistrationOptions &options)
    {
        job = new RegistrationJob(&http, authServer, options);
        job->setTrace(&trace);
        if (timeout)
            job->setTimeout(*timeout);
        RegistrationJob *started = job;
        QObject::connect(started, &Job::finished, started, [this, started](Job *) {
            ++finishedSignals;
            finishedState = started->state();
            failure = started->error();
            result = started->result();
        });
        started->start();
    }
    /// finished() arrived once and the job deleted itself.
    bool done() const { return finishedSignals == 1 && job.isNull(); }
    Job::State state() const { return job ? job->state() : finishedState; }
    ClientRegistration registration() const { return failure ? ClientRegistration() : result; }
    Error error() const { return failure; }
};

QUrl redirectUri()
{
    return QUrl(QStringLiteral("http://127.0.0.1:48123/callback"));
}

/// An AS whose registration endpoint is @p server's /register.
AuthServerMetadata scriptedAuthServer(const ScriptedHttpServer &server,
                                      const QStringList &authMethods = {})
{
    AuthServerMetadata metadata;
    metadata.issuer = server.url().toString();
    metadata.authorizationEndpoint = server.url(QStringLiteral("/authorize"));
    metadata.tokenEndpoint = server.url(QStringLiteral("/token"));
    metadata.registrationEndpoint = server.url(QStringLiteral("/register"));
    metadata.tokenEndpointAuthMethodsSupported = authMethods;
    metadata.codeChallengeMethodsSupported = { QStringLiteral("S256") };
    return metadata;
}

RegistrationOptions dynamicOptions()
{
    RegistrationOptions options;
    options.redirectUri = redirectUri();
    return options;
}

using Test::strings;

const QByteArray registered201
    = ScriptedHttpServer::json(201, R"({"client_id":"dyn-1","token_endpoint_auth_method":"none"})");

} // namespace

class TestClientRegistrar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dynamicRegistrationAtRealServers_data();
    void dynamicRegistrationAtRealServers();
    void preRegistered_data();
    void preRegistered();
    void preRegisteredClientIsBoundToItsIssuer_data();
    void preRegisteredClientIsBoundToItsIssuer();
    void metadataDocument_data();
    void metadataDocument();
    void invalidMetadataDocumentUrl_data();
    void invalidMetadataDocumentUrl();
    void clientDetailsNeeded_data();
    void clientDetailsNeeded();
    void registrationRequestBody_data();
    void registrationRequestBody();
    void registrationResponses_data();
    void registrationResponses();
    void registrationErrors_data();
    void registrationErrors();
    void secretNeverInTrace();
};

void TestClientRegistrar::dynamicRegistrationAtRealServers_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addColumn<QStringList>("authMethods"); ///< replaces the AS's list when not empty
    QTest::addColumn<ClientAuthMethod>("method");
    QTest::addColumn<bool>("secretExpires");

    QTest::addRow("sdk public") << TestServer::Kind::Sdk << QStringList() << ClientAuthMethod::None
                                << false;
    QTest::addRow("oidc-provider public")
        << TestServer::Kind::Oidc << QStringList() << ClientAuthMethod::None << false;
    // The SDK gives confidential clients a secret that expires in 30 days.
    QTest::addRow("sdk confidential post")
        << TestServer::Kind::Sdk << QStringList { QStringLiteral("client_secret_post") }
        << ClientAuthMethod::ClientSecretPost << true;
    // oidc-provider answers client_secret_expires_at 0: never.
    QTest::addRow("oidc-provider confidential basic")
        << TestServer::Kind::Oidc << QStringList { QStringLiteral("client_secret_basic") }
        << ClientAuthMethod::ClientSecretBasic << false;
}

void TestClientRegistrar::dynamicRegistrationAtRealServers()
{
    QFETCH(TestServer::Kind, kind);
    QFETCH(QStringList, authMethods);
    QFETCH(ClientAuthMethod, method);
    QFETCH(bool, secretExpires);

    TestServer server(kind);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    AuthServerMetadata authServer = Test::discoverAuthServer(server.mcpUrl());
    QVERIFY(authServer.registrationEndpoint.isValid());
    QVERIFY(authServer.tokenEndpointAuthMethodsSupported.contains(QLatin1String("none")));
    if (!authMethods.isEmpty())
        authServer.tokenEndpointAuthMethodsSupported = authMethods;

    Run run;
    RegistrationOptions options = dynamicOptions();
    options.clientName = QStringLiteral("MCP Accounts test");
    run.start(authServer, options);
    QCOMPARE(run.state(), Job::State::Pending); // nothing happens before the event loop
    QTRY_VERIFY_WITH_TIMEOUT(run.done(), 30000);
    QVERIFY2(!run.error(), qPrintable(run.error().toString()));
    QCOMPARE(run.state(), Job::State::Finished);
    QVERIFY(!run.error());

    const ClientRegistration registration = run.registration();
    QVERIFY(registration.isValid());
    QCOMPARE(registration.source, ClientRegistration::Source::Dynamic);
    QCOMPARE(registration.authMethod, method);
    QCOMPARE(registration.issuer, authServer.issuer);
    QCOMPARE(registration.redirectUri, redirectUri());
    QCOMPARE(registration.clientSecret.isEmpty(), method == ClientAuthMethod::None);
    QCOMPARE(registration.clientSecretExpiresAt.isValid(), secretExpires);
    if (secretExpires) {
        const qint64 days
            = QDateTime::currentDateTimeUtc().daysTo(registration.clientSecretExpiresAt);
        QVERIFY2(days >= 29 && days <= 30, qPrintable(QString::number(days)));
    }

    const QJsonObject stats = server.stats();
    QCOMPARE(stats.value(QLatin1String("register")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("clients")).toInt(), 1);
    const QString text = run.trace.toText();
    QVERIFY2(text.contains(QLatin1String("registered dynamically as a ")), qPrintable(text));
    if (method == ClientAuthMethod::None)
        QVERIFY(text.contains(QLatin1String("as a public client")));
    else
        QVERIFY(!text.contains(registration.clientSecret));
}

void TestClientRegistrar::preRegistered_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<std::optional<ClientAuthMethod>>("givenMethod");
    QTest::addColumn<QStringList>("authMethods");
    QTest::addColumn<ClientAuthMethod>("method");
    QTest::addColumn<Error::Code>("error");

    const QString secret = QStringLiteral("pre-secret");
    const QStringList none;
    const QStringList postAndNone { QStringLiteral("client_secret_post"), QStringLiteral("none") };
    const QStringList basicAndPost { QStringLiteral("client_secret_basic"),
                                     QStringLiteral("client_secret_post") };
    const QStringList onlyNone { QStringLiteral("none") };
    const auto noMethod = std::optional<ClientAuthMethod>();

    QTest::addRow("no secret -> none")
        << QString() << noMethod << basicAndPost << ClientAuthMethod::None << Error::Code::None;
    QTest::addRow("secret, AS lists nothing -> basic (RFC 8414 default)")
        << secret << noMethod << none << ClientAuthMethod::ClientSecretBasic << Error::Code::None;
    QTest::addRow("secret, AS lists basic and post -> basic")
        << secret << noMethod << basicAndPost << ClientAuthMethod::ClientSecretBasic
        << Error::Code::None;
    QTest::addRow("secret, AS lists post -> post")
        << secret << noMethod << postAndNone << ClientAuthMethod::ClientSecretPost
        << Error::Code::None;
    QTest::addRow("secret, AS lists only none -> no common method")
        << secret << noMethod << onlyNone << ClientAuthMethod::None
        << Error::Code::ClientDetailsNeeded;
    QTest::addRow("given method wins")
        << secret << std::optional<ClientAuthMethod>(ClientAuthMethod::ClientSecretPost)
        << basicAndPost << ClientAuthMethod::ClientSecretPost << Error::Code::None;
    QTest::addRow("given none with a secret")
        << secret << std::optional<ClientAuthMethod>(ClientAuthMethod::None) << basicAndPost
        << ClientAuthMethod::None << Error::Code::None;
}

void TestClientRegistrar::preRegistered()
{
    QFETCH(QString, secret);
    QFETCH(std::optional<ClientAuthMethod>, givenMethod);
    QFETCH(QStringList, authMethods);
    QFETCH(ClientAuthMethod, method);
    QFETCH(Error::Code, error);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register", registered201);
    AuthServerMetadata authServer = scriptedAuthServer(server, authMethods);
    authServer.clientIdMetadataDocumentSupported = true; // pre-registered still comes first

    RegistrationOptions options = dynamicOptions();
    options.preRegisteredClientId = QStringLiteral("pre-id");
    options.preRegisteredClientSecret = secret;
    options.preRegisteredAuthMethod = givenMethod;
    options.clientMetadataUrl = QUrl(QStringLiteral("https://app.example/client.json"));

    Run run;
    run.start(authServer, options);
    QVERIFY(!run.done()); // results are always asynchronous
    QTRY_VERIFY(run.done());
    QVERIFY(server.requests().isEmpty());

    if (error != Error::Code::None) {
        QCOMPARE(run.error().code(), error);
        QVERIFY2(run.error().detail().contains(QLatin1String("client_secret_basic")),
                 qPrintable(run.error().detail()));
        QCOMPARE(run.state(), Job::State::Finished);
        QVERIFY(run.error());
        return;
    }
    QVERIFY2(!run.error(), qPrintable(run.error().toString()));
    const ClientRegistration registration = run.registration();
    QCOMPARE(registration.source, ClientRegistration::Source::PreRegistered);
    QCOMPARE(registration.clientId, QStringLiteral("pre-id"));
    QCOMPARE(registration.clientSecret, secret);
    QCOMPARE(registration.authMethod, method);
    QCOMPARE(registration.redirectUri, redirectUri());
    QCOMPARE(registration.issuer, authServer.issuer);
    QVERIFY(run.trace.toText().contains(QLatin1String("pre-registered client")));
}

void TestClientRegistrar::preRegisteredClientIsBoundToItsIssuer_data()
{
    QTest::addColumn<QString>("boundTo"); // "*" = the AS's own issuer
    QTest::addColumn<bool>("accepted");
    QTest::addRow("not bound yet") << QString() << true;
    QTest::addRow("bound to this AS") << "*" << true;
    QTest::addRow("bound to another AS") << "https://old-as.example" << false;
}

// SEP-2352: a pre-registered client entered for one authorization server is
// never used with another one: a clear error naming both, no request at all.
void TestClientRegistrar::preRegisteredClientIsBoundToItsIssuer()
{
    QFETCH(QString, boundTo);
    QFETCH(bool, accepted);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register", registered201);
    const AuthServerMetadata authServer = scriptedAuthServer(server, {});
    RegistrationOptions options = dynamicOptions();
    options.preRegisteredClientId = QStringLiteral("pre-id");
    options.preRegisteredClientSecret = QStringLiteral("pre-secret");
    options.preRegisteredIssuer = boundTo == QLatin1String("*") ? authServer.issuer : boundTo;

    Run run;
    run.start(authServer, options);
    QTRY_VERIFY(run.done());
    // Neither a registration nor anything else went to the new AS.
    QVERIFY(server.requests().isEmpty());
    if (accepted) {
        QVERIFY2(!run.error(), qPrintable(run.error().toString()));
        QCOMPARE(run.registration().clientId, QStringLiteral("pre-id"));
        return;
    }
    QCOMPARE(run.error().code(), Error::Code::ClientDetailsNeeded);
    QVERIFY(run.error().detail().contains(boundTo));
    QVERIFY(run.error().detail().contains(authServer.issuer));
    QVERIFY(!run.error().detail().contains(QLatin1String("pre-secret")));
    QVERIFY(!run.registration().isValid());
}

void TestClientRegistrar::metadataDocument_data()
{
    QTest::addColumn<bool>("supported");
    QTest::addRow("supported: the URL is the client id") << true;
    QTest::addRow("not supported: dynamic registration") << false;
}

void TestClientRegistrar::metadataDocument()
{
    QFETCH(bool, supported);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register", registered201);
    AuthServerMetadata authServer = scriptedAuthServer(server);
    authServer.clientIdMetadataDocumentSupported = supported;
    RegistrationOptions options = dynamicOptions();
    const QUrl documentUrl(QStringLiteral("https://app.example/oauth/client.json"));
    options.clientMetadataUrl = documentUrl;

    Run run;
    run.start(authServer, options);
    QTRY_VERIFY(run.done());
    QVERIFY2(!run.error(), qPrintable(run.error().toString()));
    const ClientRegistration registration = run.registration();
    if (supported) {
        QVERIFY(server.requests().isEmpty());
        QCOMPARE(registration.source, ClientRegistration::Source::MetadataDocument);
        QCOMPARE(registration.clientId, documentUrl.toString());
        QCOMPARE(registration.authMethod, ClientAuthMethod::None);
        QVERIFY(registration.clientSecret.isEmpty());
        QCOMPARE(registration.redirectUri, redirectUri());
        QCOMPARE(registration.issuer, authServer.issuer);
    } else {
        QCOMPARE(server.requestedPaths(), QList<QByteArray> { "/register" });
        QCOMPARE(registration.source, ClientRegistration::Source::Dynamic);
        QCOMPARE(registration.clientId, QStringLiteral("dyn-1"));
        bool warned = false;
        for (const Trace::Step &step : run.trace.steps())
            warned |= step.outcome == Trace::Outcome::Warning
                && step.detail.contains(QLatin1String("does not support"));
        QVERIFY2(warned, qPrintable(run.trace.toText()));
    }
}

void TestClientRegistrar::invalidMetadataDocumentUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("why");
    QTest::addRow("http") << QUrl(QStringLiteral("http://app.example/client.json"))
                          << QStringLiteral("https");
    QTest::addRow("no path") << QUrl(QStringLiteral("https://app.example"))
                             << QStringLiteral("path");
    QTest::addRow("root path") << QUrl(QStringLiteral("https://app.example/"))
                               << QStringLiteral("path");
    QTest::addRow("fragment") << QUrl(QStringLiteral("https://app.example/client.json#x"))
                              << QStringLiteral("fragment");
}

void TestClientRegistrar::invalidMetadataDocumentUrl()
{
    QFETCH(QUrl, url);
    QFETCH(QString, why);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register", registered201);
    AuthServerMetadata authServer = scriptedAuthServer(server);
    authServer.clientIdMetadataDocumentSupported = true;
    RegistrationOptions options = dynamicOptions();
    options.clientMetadataUrl = url;

    Run run;
    run.start(authServer, options);
    QTRY_VERIFY(run.done());
    QCOMPARE(run.error().code(), Error::Code::InvalidUrl);
    QVERIFY2(run.error().detail().contains(why), qPrintable(run.error().detail()));
    QVERIFY(run.error().detail().contains(QLatin1String("metadata document")));
    QVERIFY(server.requests().isEmpty()); // no silent fallback to DCR
}

void TestClientRegistrar::clientDetailsNeeded_data()
{
    QTest::addColumn<bool>("hasRegistrationEndpoint");
    QTest::addColumn<QStringList>("authMethods");
    QTest::addColumn<QString>("detail");
    QTest::addRow("no registration endpoint")
        << false << QStringList() << QStringLiteral("needs a client id");
    QTest::addRow("no common auth method")
        << true << QStringList { QStringLiteral("private_key_jwt") }
        << QStringLiteral("private_key_jwt");
}

void TestClientRegistrar::clientDetailsNeeded()
{
    QFETCH(bool, hasRegistrationEndpoint);
    QFETCH(QStringList, authMethods);
    QFETCH(QString, detail);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register", registered201);
    AuthServerMetadata authServer = scriptedAuthServer(server, authMethods);
    if (!hasRegistrationEndpoint)
        authServer.registrationEndpoint.clear();

    Run run;
    run.start(authServer, dynamicOptions());
    QVERIFY(!run.done());
    QTRY_VERIFY(run.done());
    QCOMPARE(run.error().code(), Error::Code::ClientDetailsNeeded);
    QVERIFY2(run.error().detail().contains(detail), qPrintable(run.error().detail()));
    QCOMPARE(run.state(), Job::State::Finished);
    QVERIFY(run.error());
    QVERIFY(server.requests().isEmpty());
}

void TestClientRegistrar::registrationRequestBody_data()
{
    QTest::addColumn<QStringList>("authMethods");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("requestedMethod");

    QTest::addRow("AS lists nothing -> none")
        << QStringList() << QString() << QStringLiteral("none");
    QTest::addRow("prefer none") << QStringList { QStringLiteral("client_secret_post"),
                                                  QStringLiteral("none") }
                                 << QString() << QStringLiteral("none");
    QTest::addRow("no none -> basic") << QStringList { QStringLiteral("client_secret_post"),
                                                       QStringLiteral("client_secret_basic") }
                                      << QString() << QStringLiteral("client_secret_basic");
    QTest::addRow("only post") << QStringList { QStringLiteral("client_secret_post") } << QString()
                               << QStringLiteral("client_secret_post");
    QTest::addRow("with scope") << QStringList() << QStringLiteral("mcp:read mcp:write")
                                << QStringLiteral("none");
}

void TestClientRegistrar::registrationRequestBody()
{
    QFETCH(QStringList, authMethods);
    QFETCH(QString, scope);
    QFETCH(QString, requestedMethod);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register",
                 ScriptedHttpServer::json(
                     201,
                     QJsonDocument(QJsonObject {
                                       { QLatin1String("client_id"), QLatin1String("dyn-2") },
                                       { QLatin1String("client_secret"), QLatin1String("s") },
                                   })
                         .toJson()));
    RegistrationOptions options = dynamicOptions();
    options.clientName = QStringLiteral("Accounts \"test\"");
    options.scope = scope;

    Run run;
    run.start(scriptedAuthServer(server, authMethods), options);
    QTRY_VERIFY(run.done());
    QVERIFY2(!run.error(), qPrintable(run.error().toString()));
    QCOMPARE(server.requests().size(), 1);

    const ScriptedHttpServer::Request request = server.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path(), QByteArray("/register"));
    QVERIFY(request.header("Content-Type").startsWith("application/json"));
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(request.body, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(body.value(QLatin1String("application_type")).toString(), QStringLiteral("native"));
    QCOMPARE(body.value(QLatin1String("client_name")).toString(), options.clientName);
    QCOMPARE(strings(body.value(QLatin1String("redirect_uris"))),
             QStringList { redirectUri().toString() });
    QCOMPARE(
        strings(body.value(QLatin1String("grant_types"))),
        (QStringList { QStringLiteral("authorization_code"), QStringLiteral("refresh_token") }));
    QCOMPARE(strings(body.value(QLatin1String("response_types"))),
             QStringList { QStringLiteral("code") });
    QCOMPARE(body.value(QLatin1String("token_endpoint_auth_method")).toString(), requestedMethod);
    QCOMPARE(body.contains(QLatin1String("scope")), !scope.isEmpty());
    QCOMPARE(body.value(QLatin1String("scope")).toString(), scope);

    // The response named no method: the requested one stands.
    ClientAuthMethod expected = ClientAuthMethod::None;
    QVERIFY(parseClientAuthMethod(requestedMethod, &expected));
    QCOMPARE(run.registration().authMethod, expected);
}

void TestClientRegistrar::registrationResponses_data()
{
    QTest::addColumn<QStringList>("authMethods");
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<ClientAuthMethod>("method");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QDateTime>("secretExpiresAt");

    const QStringList basic { QStringLiteral("client_secret_basic") };
    QTest::addRow("public client, 201")
        << QStringList() << ScriptedHttpServer::json(201, R"({"client_id":"c1"})")
        << ClientAuthMethod::None << QString() << QDateTime();
    QTest::addRow("200 is fine too")
        << QStringList() << ScriptedHttpServer::json(200, R"({"client_id":"c1"})")
        << ClientAuthMethod::None << QString() << QDateTime();
    QTest::addRow("the server's method wins")
        << QStringList()
        << ScriptedHttpServer::json(
               201,
               R"({"client_id":"c1","client_secret":"s1","token_endpoint_auth_method":"client_secret_post"})")
        << ClientAuthMethod::ClientSecretPost << QStringLiteral("s1") << QDateTime();
    QTest::addRow("unsupported answered method: keep the requested one")
        << basic
        << ScriptedHttpServer::json(
               201,
               R"({"client_id":"c1","client_secret":"s1","token_endpoint_auth_method":"private_key_jwt"})")
        << ClientAuthMethod::ClientSecretBasic << QStringLiteral("s1") << QDateTime();
    QTest::addRow("secret expires")
        << basic
        << ScriptedHttpServer::json(
               201,
               R"({"client_id":"c1","client_secret":"s1","client_secret_expires_at":1700000000})")
        << ClientAuthMethod::ClientSecretBasic << QStringLiteral("s1")
        << QDateTime(QDate(2023, 11, 14), QTime(22, 13, 20), Qt::UTC);
    QTest::addRow("expires_at 0 means never")
        << basic
        << ScriptedHttpServer::json(
               201, R"({"client_id":"c1","client_secret":"s1","client_secret_expires_at":0})")
        << ClientAuthMethod::ClientSecretBasic << QStringLiteral("s1") << QDateTime();
}

void TestClientRegistrar::registrationResponses()
{
    QFETCH(QStringList, authMethods);
    QFETCH(QByteArray, response);
    QFETCH(ClientAuthMethod, method);
    QFETCH(QString, secret);
    QFETCH(QDateTime, secretExpiresAt);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register", response);
    Run run;
    run.start(scriptedAuthServer(server, authMethods), dynamicOptions());
    QTRY_VERIFY(run.done());
    QVERIFY2(!run.error(), qPrintable(run.error().toString()));
    const ClientRegistration registration = run.registration();
    QCOMPARE(registration.clientId, QStringLiteral("c1"));
    QCOMPARE(registration.authMethod, method);
    QCOMPARE(registration.clientSecret, secret);
    QCOMPARE(registration.clientSecretExpiresAt, secretExpiresAt);
    QCOMPARE(registration.source, ClientRegistration::Source::Dynamic);
}

void TestClientRegistrar::registrationErrors_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<Error::Code>("error");
    QTest::addColumn<QString>("detail");

    QTest::addRow("RFC 7591 error")
        << ScriptedHttpServer::json(
               400, R"({"error":"invalid_redirect_uri","error_description":"loopback only"})")
        << Error::Code::RegistrationFailed << QStringLiteral("invalid_redirect_uri: loopback only");
    QTest::addRow("RFC 7591 error without description")
        << ScriptedHttpServer::json(400, R"({"error":"invalid_client_metadata"})")
        << Error::Code::RegistrationFailed << QStringLiteral("invalid_client_metadata");
    QTest::addRow("HTML 500") << ScriptedHttpServer::response(500, "text/html", "<h1>oops</h1>")
                              << Error::Code::RegistrationFailed << QStringLiteral("HTTP 500");
    QTest::addRow("403 JSON without error")
        << ScriptedHttpServer::json(403, R"({"message":"registration closed"})")
        << Error::Code::RegistrationFailed << QStringLiteral("HTTP 403");
    QTest::addRow("no client_id") << ScriptedHttpServer::json(201, R"({"client_secret":"s"})")
                                  << Error::Code::MalformedResponse << QStringLiteral("client_id");
    QTest::addRow("client_id not a string")
        << ScriptedHttpServer::json(201, R"({"client_id":7})") << Error::Code::MalformedResponse
        << QStringLiteral("client_id");
    QTest::addRow("201 not JSON") << ScriptedHttpServer::response(201, "text/plain", "ok")
                                  << Error::Code::MalformedResponse << QStringLiteral("JSON");
    QTest::addRow("confidential method without a secret")
        << ScriptedHttpServer::json(
               201, R"({"client_id":"c","token_endpoint_auth_method":"client_secret_basic"})")
        << Error::Code::MalformedResponse << QStringLiteral("no client_secret");
    QTest::addRow("never answers") << QByteArray() << Error::Code::Timeout << QString();
}

void TestClientRegistrar::registrationErrors()
{
    QFETCH(QByteArray, response);
    QFETCH(Error::Code, error);
    QFETCH(QString, detail);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([response](const ScriptedHttpServer::Request &) { return response; });
    Run run;
    run.timeout = std::chrono::milliseconds(300);
    run.start(scriptedAuthServer(server), dynamicOptions());
    QTRY_VERIFY(run.done());
    QCOMPARE(run.error().code(), error);
    QVERIFY2(run.error().detail().contains(detail), qPrintable(run.error().detail()));
    QCOMPARE(run.state(), Job::State::Finished);
    QVERIFY(run.error());
    QVERIFY(run.trace.toText().contains(QLatin1String("client registration failed")));
}

void TestClientRegistrar::secretNeverInTrace()
{
    // Neither a pre-registered secret nor one from the registration response,
    // nor an error description full of control characters, reaches the trace as is.
    const QString secret = QStringLiteral("TopSecret-9f3a7c");
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/register",
                 ScriptedHttpServer::json(201,
                                          R"({"client_id":"c9","client_secret":")"
                                              + secret.toLatin1()
                                              + R"(","client_secret_expires_at":0})"));
    {
        Run run;
        run.start(scriptedAuthServer(server, { QStringLiteral("client_secret_post") }),
                  dynamicOptions());
        QTRY_VERIFY(run.done());
        QCOMPARE(run.registration().clientSecret, secret);
        QVERIFY(!run.trace.toText().isEmpty());
        QVERIFY2(!run.trace.toText().contains(secret), qPrintable(run.trace.toText()));
    }
    {
        Run run;
        RegistrationOptions options = dynamicOptions();
        options.preRegisteredClientId = QStringLiteral("pre");
        options.preRegisteredClientSecret = secret;
        run.start(scriptedAuthServer(server), options);
        QTRY_VERIFY(run.done());
        QCOMPARE(run.registration().clientSecret, secret);
        QVERIFY2(!run.trace.toText().contains(secret), qPrintable(run.trace.toText()));
    }
    {
        const QByteArray longDescription = "line1\nline2\r\x07" + QByteArray(2000, 'x');
        server.route("/register",
                     ScriptedHttpServer::json(
                         400,
                         QJsonDocument(QJsonObject { { QLatin1String("error"),
                                                       QLatin1String("invalid_client_metadata") },
                                                     { QLatin1String("error_description"),
                                                       QString::fromLatin1(longDescription) } })
                             .toJson()));
        Run run;
        run.start(scriptedAuthServer(server), dynamicOptions());
        QTRY_VERIFY(run.done());
        const QString detail = run.error().detail();
        QCOMPARE(run.error().code(), Error::Code::RegistrationFailed);
        QVERIFY2(detail.startsWith(QLatin1String("invalid_client_metadata: line1 line2")),
                 qPrintable(detail));
        QVERIFY2(detail.size() < 400, qPrintable(QString::number(detail.size())));
        QVERIFY(!detail.contains(QLatin1Char('\n')) && !detail.contains(QLatin1Char('\r')));
        QVERIFY(!run.trace.toText().contains(QLatin1String("line1\n")));
    }
}

QTEST_GUILESS_MAIN(TestClientRegistrar)
#include "tst_clientregistrar.moc"
