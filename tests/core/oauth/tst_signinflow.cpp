#include "core/base/clock.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/oauth/registrationcache.h"
#include "core/oauth/signinflow.h"

#include "headlessbrowser.h"
#include "jobrunner.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Mcpa;

static QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Whole sign-ins against the real test servers.
class TestSignInFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectScopes_data();
    void selectScopes();
    void dynamicClientSignIn_data();
    void dynamicClientSignIn();
    void preRegisteredClients_data();
    void preRegisteredClients();
    void forgottenClientIsRegisteredAgain_data();
    void forgottenClientIsRegisteredAgain();
    void resourceOptOutReachesAServerThatRequiresIt();
    void openServerNeedsNoSignIn();
    void unreachableServerFailsCleanly();

private:
    struct Outcome
    {
        bool ok = false;
        SignInResult result;
        Error error;
    };
    static Outcome signIn(SignInFlow &flow, const ServerSettings &settings);
};

TestSignInFlow::Outcome TestSignInFlow::signIn(SignInFlow &flow, const ServerSettings &settings)
{
    flow.setAutoDelete(false); // held by the test
    flow.setRequest(settings);
    const auto finished = Test::runJob(
        &flow, [](SignInFlow *job) { return job->result(); }, 60000);
    Outcome outcome;
    if (!finished.finished) {
        outcome.error = Error(Error::Code::Internal, QStringLiteral("no result within 60 s"));
        return outcome;
    }
    if (finished.finishedSignals != 1) {
        outcome.error = Error(Error::Code::Internal,
                              QStringLiteral("finished %1 times").arg(finished.finishedSignals));
        return outcome;
    }
    outcome.ok = !finished.error;
    if (outcome.ok)
        outcome.result = finished.value;
    else
        outcome.error = finished.error;
    return outcome;
}

void TestSignInFlow::selectScopes_data()
{
    QTest::addColumn<QStringList>("override");
    QTest::addColumn<QString>("challenge");
    QTest::addColumn<QStringList>("supported");
    QTest::addColumn<QStringList>("asScopes");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    QTest::addRow("challenge wins")
        << none << "a b" << words("x y") << none << none << words("a b");
    QTest::addRow("prm scopes") << none << "" << words("x y") << none << none << words("x y");
    QTest::addRow("nothing: omit") << none << "" << none << words("offline_access") << none << none;
    QTest::addRow("offline_access when listed")
        << none << "a" << none << words("a offline_access") << none << words("a offline_access");
    QTest::addRow("no offline_access unlisted")
        << none << "a" << none << words("a") << none << words("a");
    QTest::addRow("override") << words("o") << "a" << words("x") << none << none << words("o");
    QTest::addRow("identity scopes when listed")
        << none << "a" << none << words("openid email offline_access") << none
        << words("a offline_access openid email");
    QTest::addRow("step-up union")
        << none << "a" << none << none << words("a admin") << words("a admin");
}

void TestSignInFlow::selectScopes()
{
    QFETCH(QStringList, override);
    QFETCH(QString, challenge);
    QFETCH(QStringList, supported);
    QFETCH(QStringList, asScopes);
    QFETCH(QStringList, extra);
    QFETCH(QStringList, expected);
    ServerSettings settings;
    settings.scopes = override;
    DiscoveryResult discovery;
    discovery.challenge.scope = challenge;
    discovery.protectedResource.scopesSupported = supported;
    discovery.authServer.scopesSupported = asScopes;
    QCOMPARE(SignInFlow::selectScopes(settings, discovery, extra), expected);
}

void TestSignInFlow::dynamicClientSignIn_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("sdk") << TestServer::Kind::Sdk << QStringList();
    QTest::addRow("sdk, consent by redirects")
        << TestServer::Kind::Sdk << words("--consent redirect");
    QTest::addRow("sdk, resource required") << TestServer::Kind::Sdk << words("--require-resource");
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc << words("--auto-approve");
    QTest::addRow("oidc-provider, jwt")
        << TestServer::Kind::Oidc << words("--auto-approve --access-token-format jwt");
}

void TestSignInFlow::dynamicClientSignIn()
{
    QFETCH(TestServer::Kind, kind);
    QFETCH(QStringList, arguments);
    TestServer server(kind, arguments);
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    HttpClient http;
    MemoryRegistrationCache registrations;
    Trace trace;
    ManualClock clock;
    SignInFlow flow(&http, &clock, &registrations, &trace);
    HeadlessBrowser browser;
    browser.attach(&flow);
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl();
    const Outcome outcome = signIn(flow, settings);
    QVERIFY2(outcome.ok, qPrintable(outcome.error.toString() + QLatin1Char('\n') + trace.toText()));
    const SignInResult &result = outcome.result;
    QCOMPARE(browser.opened, 1);
    QVERIFY(result.tokens.isValid());
    QVERIFY(!result.tokens.refreshToken.isEmpty());
    QVERIFY(result.tokens.scopes.contains(QStringLiteral("mcp:read")));
    QCOMPARE(result.tokens.expiresAt, clock.now().addSecs(3600));
    QCOMPARE(result.registration.source, ClientRegistration::Source::Dynamic);
    QCOMPARE(result.discovery.resource, server.mcpUrl());
    QCOMPARE(result.endpoint.resource, server.mcpUrl());
    QCOMPARE(registrations.find(result.discovery.authServer.issuer).clientId,
             result.registration.clientId);
    const QString text = trace.toText();
    QVERIFY(!text.contains(result.tokens.accessToken));
    QVERIFY(!text.contains(result.tokens.refreshToken));
    QCOMPARE(server.stats()
                 .value(QLatin1String("token"))
                 .toObject()
                 .value(QLatin1String("authorization_code"))
                 .toInt(),
             1);
}

void TestSignInFlow::preRegisteredClients_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("method"); // "" = choose from the AS metadata
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("host");
    QTest::addColumn<ClientAuthMethod>("expectedMethod");
    QTest::addRow("public") << "static-public"
                            << ""
                            << "" << 0 << "127.0.0.1" << ClientAuthMethod::None;
    QTest::addRow("client_secret_post")
        << "static-post"
        << "static-post-secret"
        << "client_secret_post" << 0 << "127.0.0.1" << ClientAuthMethod::ClientSecretPost;
    QTest::addRow("client_secret_basic")
        << "static-basic"
        << "static-basic-secret"
        << "client_secret_basic" << 0 << "127.0.0.1" << ClientAuthMethod::ClientSecretBasic;
    QTest::addRow("basic chosen from metadata")
        << "static-basic"
        << "static-basic-secret"
        << "" << 0 << "127.0.0.1" << ClientAuthMethod::ClientSecretBasic;
    QTest::addRow("fixed localhost redirect")
        << "static-localhost"
        << ""
        << "" << 38917 << "localhost" << ClientAuthMethod::None;
}

void TestSignInFlow::preRegisteredClients()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(QString, method);
    QFETCH(int, port);
    QFETCH(QString, host);
    QFETCH(ClientAuthMethod, expectedMethod);
    TestServer server(TestServer::Kind::Oidc, { QStringLiteral("--auto-approve") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    HttpClient http;
    MemoryRegistrationCache registrations;
    Trace trace;
    SignInFlow flow(&http, Clock::system(), &registrations, &trace);
    HeadlessBrowser browser;
    browser.attach(&flow);
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl();
    settings.clientId = clientId;
    settings.clientSecret = secret;
    if (!method.isEmpty()) {
        ClientAuthMethod parsed;
        QVERIFY(parseClientAuthMethod(method, &parsed));
        settings.authMethod = parsed;
    }
    settings.callbackPort = static_cast<quint16>(port);
    settings.redirectHost = host;
    const Outcome outcome = signIn(flow, settings);
    QVERIFY2(outcome.ok, qPrintable(outcome.error.toString() + QLatin1Char('\n') + trace.toText()));
    QCOMPARE(outcome.result.registration.source, ClientRegistration::Source::PreRegistered);
    QCOMPARE(outcome.result.registration.authMethod, expectedMethod);
    QCOMPARE(outcome.result.registration.redirectUri.host(), host);
    if (port)
        QCOMPARE(outcome.result.registration.redirectUri.port(), port);
    QVERIFY(outcome.result.tokens.isValid());
    QCOMPARE(server.stats().value(QLatin1String("register")).toInt(), 0);
    if (!secret.isEmpty())
        QVERIFY(!trace.toText().contains(secret));
}

void TestSignInFlow::forgottenClientIsRegisteredAgain_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("sdk") << TestServer::Kind::Sdk << QStringList();
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc << words("--auto-approve");
}

void TestSignInFlow::forgottenClientIsRegisteredAgain()
{
    QFETCH(TestServer::Kind, kind);
    QFETCH(QStringList, arguments);
    TestServer server(kind, arguments);
    QVERIFY2(server.start(), qPrintable(server.errorString()));

    HttpClient http;
    MemoryRegistrationCache registrations;
    Trace trace;
    HeadlessBrowser browser;
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl();

    SignInFlow first(&http, Clock::system(), &registrations, &trace);
    browser.attach(&first);
    const Outcome before = signIn(first, settings);
    QVERIFY2(before.ok, qPrintable(before.error.toString()));

    // What a server restart does: every dynamic client is gone.
    QVERIFY(server.admin(QStringLiteral("forget-clients")));
    trace.clear();
    SignInFlow second(&http, Clock::system(), &registrations, &trace);
    browser.attach(&second);
    const Outcome after = signIn(second, settings);
    QVERIFY2(after.ok, qPrintable(after.error.toString() + QLatin1Char('\n') + trace.toText()));
    QVERIFY(after.result.registration.clientId != before.result.registration.clientId);
    QCOMPARE(registrations.find(after.result.discovery.authServer.issuer).clientId,
             after.result.registration.clientId);
    QCOMPARE(server.stats().value(QLatin1String("register")).toInt(), 2);
    QVERIFY2(trace.toText().contains(QStringLiteral("Stale client registration")),
             qPrintable(trace.toText()));
    QCOMPARE(browser.opened, 2); // the stale client never reached the browser
}

void TestSignInFlow::resourceOptOutReachesAServerThatRequiresIt()
{
    TestServer server(TestServer::Kind::Sdk, { QStringLiteral("--require-resource") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    HttpClient http;
    MemoryRegistrationCache registrations;
    SignInFlow flow(&http, Clock::system(), &registrations);
    HeadlessBrowser browser;
    browser.attach(&flow);
    ServerSettings settings;
    settings.mcpUrl = server.mcpUrl();
    settings.sendResource = false;
    const Outcome outcome = signIn(flow, settings);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error.code(), Error::Code::AuthorizationFailed);
    QVERIFY2(outcome.error.detail().contains(QStringLiteral("invalid_target")),
             qPrintable(outcome.error.toString()));
}

void TestSignInFlow::openServerNeedsNoSignIn()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/mcp",
                 ScriptedHttpServer::json(
                     200, R"({"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18"}})"));
    HttpClient http;
    MemoryRegistrationCache registrations;
    SignInFlow flow(&http, Clock::system(), &registrations);
    ServerSettings settings;
    settings.mcpUrl = server.url(QStringLiteral("/mcp"));
    const Outcome outcome = signIn(flow, settings);
    QCOMPARE(outcome.error.code(), Error::Code::SignInNotRequired);
}

void TestSignInFlow::unreachableServerFailsCleanly()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    HttpClient http;
    MemoryRegistrationCache registrations;
    SignInFlow flow(&http, Clock::system(), &registrations);
    ServerSettings settings;
    settings.mcpUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port));
    const Outcome outcome = signIn(flow, settings);
    QCOMPARE(outcome.error.code(), Error::Code::Unreachable);
    QCOMPARE(flow.state(), Job::State::Finished);
    QVERIFY(flow.error());
}

QTEST_GUILESS_MAIN(TestSignInFlow)
#include "tst_signinflow.moc"
