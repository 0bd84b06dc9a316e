#include "core/base/clock.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/oauth/clientregistrar.h"
#include "core/oauth/tokenclient.h"

#include "authserverlookup.h"
#include "jobrunner.h"
#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Mcpa;

namespace {

// ---------------------------------------------------------------------------
// A test-local user agent: performs the authorization request like a browser
// (manual redirects, a cookie jar honouring Path) and stops at the redirect
// URI, where nobody needs to listen.
// ---------------------------------------------------------------------------

struct Pkce
{
    QString verifier;
    QString challenge;

    static Pkce create()
    {
        QByteArray random(32, Qt::Uninitialized);
        for (char &byte : random)
            byte = static_cast<char>(QRandomGenerator::system()->bounded(256));
        const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
        Pkce pkce;
        pkce.verifier = QString::fromLatin1(random.toBase64(options));
        pkce.challenge = QString::fromLatin1(
            QCryptographicHash::hash(pkce.verifier.toLatin1(), QCryptographicHash::Sha256)
                .toBase64(options));
        return pkce;
    }
};

QByteArray formBody(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return body;
}

/// Decodes application/x-www-form-urlencoded the way a server does ('+' is a space).
QList<QPair<QString, QString>> formFields(const QByteArray &body)
{
    QList<QPair<QString, QString>> fields;
    const QList<QByteArray> parts = body.split('&');
    for (QByteArray part : parts) {
        part.replace('+', ' ');
        const int equals = part.indexOf('=');
        fields.append({ QUrl::fromPercentEncoding(part.left(equals)),
                        QUrl::fromPercentEncoding(part.mid(equals + 1)) });
    }
    return fields;
}

QString formField(const QByteArray &body, const QString &name)
{
    const auto fields = formFields(body);
    for (const auto &field : fields) {
        if (field.first == name)
            return field.second;
    }
    return {};
}

QStringList formNames(const QByteArray &body)
{
    QStringList names;
    const auto fields = formFields(body);
    for (const auto &field : fields)
        names.append(field.first);
    return names;
}

class Browser
{
public:
    /// Follows redirects from @p url until one targets @p redirectUri and
    /// returns that URL; an invalid URL (and why()) when the chain ends elsewhere.
    QUrl follow(QUrl url, const QUrl &redirectUri)
    {
        for (int hop = 0; hop < 25; ++hop) {
            if (url.adjusted(QUrl::RemoveQuery) == redirectUri)
                return url;
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            request.setAttribute(QNetworkRequest::CookieLoadControlAttribute,
                                 QNetworkRequest::Manual);
            request.setAttribute(QNetworkRequest::CookieSaveControlAttribute,
                                 QNetworkRequest::Manual);
            const QByteArray cookies = cookieHeader(url);
            if (!cookies.isEmpty())
                request.setRawHeader("Cookie", cookies);
            std::unique_ptr<QNetworkReply> reply(m_manager.get(request));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            if (!finished.wait(10000)) {
                m_why = QStringLiteral("no answer from ") + url.path();
                return {};
            }
            store(url, *reply);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray location = reply->rawHeader("Location");
            if (status >= 300 && status < 400 && !location.isEmpty()) {
                url = url.resolved(QUrl::fromEncoded(location));
                continue;
            }
            m_why = QStringLiteral("HTTP %1 at %2: %3")
                        .arg(status)
                        .arg(url.path(), QString::fromUtf8(reply->readAll().left(300)));
            return {};
        }
        m_why = QStringLiteral("too many redirects");
        return {};
    }

    QString why() const { return m_why; }

private:
    struct Cookie
    {
        QByteArray name;
        QByteArray value;
        QString path;
    };

    static bool pathMatches(const QString &requestPath, const QString &cookiePath)
    {
        return requestPath == cookiePath
            || (requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith(QLatin1Char('/'))
                    || requestPath.at(cookiePath.size()) == QLatin1Char('/')));
    }

    void store(const QUrl &url, const QNetworkReply &reply)
    {
        const auto cookies
            = reply.header(QNetworkRequest::SetCookieHeader).value<QList<QNetworkCookie>>();
        for (const QNetworkCookie &cookie : cookies) {
            QString path = cookie.path();
            if (path.isEmpty()) {
                const QString requestPath = url.path();
                path = requestPath.left(qMax(1, requestPath.lastIndexOf(QLatin1Char('/'))));
            }
            // Same name and path: the new cookie replaces the old one.
            m_cookies.removeIf(
                [&](const Cookie &old) { return old.name == cookie.name() && old.path == path; });
            const bool expired = cookie.expirationDate().isValid()
                && cookie.expirationDate() <= QDateTime::currentDateTimeUtc();
            if (!expired)
                m_cookies.append({ cookie.name(), cookie.value(), path });
        }
    }

    QByteArray cookieHeader(const QUrl &url) const
    {
        QList<Cookie> matching;
        for (const Cookie &cookie : m_cookies) {
            if (pathMatches(url.path(), cookie.path))
                matching.append(cookie);
        }
        std::sort(matching.begin(), matching.end(),
                  [](const Cookie &a, const Cookie &b) { return a.path.size() > b.path.size(); });
        QByteArray header;
        for (const Cookie &cookie : matching) {
            if (!header.isEmpty())
                header += "; ";
            header += cookie.name + '=' + cookie.value;
        }
        return header;
    }

    QNetworkAccessManager m_manager;
    QList<Cookie> m_cookies;
    QString m_why;
};

// ---------------------------------------------------------------------------
// Plain HTTP helpers for what is not under test here (more of them in
// authserverlookup.h).
// ---------------------------------------------------------------------------

/// Status of an MCP initialize request carrying @p accessToken.
int mcpStatus(const QUrl &mcpUrl, const QString &accessToken)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(mcpUrl);
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("Authorization", "Bearer " + accessToken.toLatin1());
    const QByteArray body
        = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
          R"("capabilities":{},"clientInfo":{"name":"tst_tokenclient","version":"1"}}})";
    std::unique_ptr<QNetworkReply> reply(manager.post(request, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QUrl loopbackRedirectUri()
{
    const int port = 40000 + QRandomGenerator::global()->bounded(20000);
    return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(port));
}

/// What one TokenJob ended with.
struct Outcome
{
    bool ended = false; ///< the request object is gone
    bool succeeded = false;
    TokenSet tokens;
    Error error;
};

Outcome await(TokenJob *request, int timeoutMs = 30000)
{
    const auto finished = Test::runJob(
        request, [](TokenJob *job) { return job->tokens(); }, timeoutMs);
    Outcome outcome;
    outcome.ended = finished.finished && finished.deleted && finished.finishedSignals == 1;
    outcome.succeeded = finished.finished && !finished.error;
    outcome.tokens = finished.value;
    outcome.error = finished.error;
    return outcome;
}

const char *describe(const Outcome &outcome)
{
    static QByteArray text;
    text = (outcome.ended ? "ended, " : "still running, ") + outcome.error.toString().toUtf8();
    return text.constData();
}

/// A real server with a client at its AS, ready to authorize.
struct RealServer
{
    explicit RealServer(TestServer::Kind kind, const QStringList &arguments = {})
        : server(kind,
                 kind == TestServer::Kind::Oidc
                     ? arguments + QStringList { QStringLiteral("--auto-approve") }
                     : arguments)
    { }

    /// Starts the server and finds its AS.
    bool start()
    {
        if (!server.start()) {
            qWarning("%s", qPrintable(server.errorString()));
            return false;
        }
        authServer = Test::discoverAuthServer(server.mcpUrl());
        return authServer.tokenEndpoint.isValid();
    }

    /// A dynamically registered public client (through RegistrationJob).
    bool registerClient()
    {
        HttpClient http;
        RegistrationOptions options;
        options.redirectUri = redirectUri;
        options.clientName = QStringLiteral("tst_tokenclient");
        const auto registered = Test::runJob(new RegistrationJob(&http, authServer, options),
                                             [](RegistrationJob *job) { return job->result(); });
        if (!registered.finished || registered.error) {
            qWarning("registration failed: %s",
                     !registered.finished ? "no answer" : qPrintable(registered.error.toString()));
            return false;
        }
        client = registered.value;
        return true;
    }

    /// Authorization code for @p clientId (empty on failure, with a warning).
    QString authorize(const QString &clientId, const Pkce &pkce,
                      const QString &scope = QStringLiteral("mcp:read mcp:write"))
    {
        QUrl url = authServer.authorizationEndpoint;
        const QByteArray query = formBody({
            { QStringLiteral("response_type"), QStringLiteral("code") },
            { QStringLiteral("client_id"), clientId },
            { QStringLiteral("redirect_uri"), redirectUri.toString() },
            { QStringLiteral("scope"), scope },
            { QStringLiteral("state"), Pkce::create().verifier },
            { QStringLiteral("code_challenge"), pkce.challenge },
            { QStringLiteral("code_challenge_method"), QStringLiteral("S256") },
            { QStringLiteral("resource"), server.mcpUrl().toString() },
        });
        url.setQuery(QString::fromLatin1(query));
        const QUrl callback = browser.follow(url, redirectUri);
        const QString code
            = formField(callback.query(QUrl::FullyEncoded).toLatin1(), QStringLiteral("code"));
        if (code.isEmpty())
            qWarning("no code: %s %s", qPrintable(browser.why()), qPrintable(callback.query()));
        return code;
    }

    TokenEndpointConfig config() const
    {
        TokenEndpointConfig config;
        config.tokenEndpoint = authServer.tokenEndpoint;
        config.revocationEndpoint = authServer.revocationEndpoint;
        config.client = client;
        config.resource = server.mcpUrl();
        return config;
    }

    int stat(const QString &group, const QString &name)
    {
        return server.stats().value(group).toObject().value(name).toInt(-1);
    }

    TestServer server;
    AuthServerMetadata authServer;
    ClientRegistration client;
    QUrl redirectUri = loopbackRedirectUri();
    Browser browser;
};

const QByteArray goodTokenJson
    = R"({"access_token":"AT-1","token_type":"Bearer","expires_in":3600,"refresh_token":"RT-1","scope":"mcp:read"})";

TokenEndpointConfig scriptedConfig(const ScriptedHttpServer &server)
{
    TokenEndpointConfig config;
    config.tokenEndpoint = server.url(QStringLiteral("/token"));
    config.revocationEndpoint = server.url(QStringLiteral("/revoke"));
    config.client.clientId = QStringLiteral("client-1");
    config.client.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:41000/callback"));
    config.resource = QUrl(QStringLiteral("http://127.0.0.1:9/mcp"));
    return config;
}

} // namespace

class TestTokenClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // real servers
    void exchangeAndRefreshWithRotation_data();
    void exchangeAndRefreshWithRotation();
    void confidentialClients_data();
    void confidentialClients();
    void resourceIsSent();
    void revocationEndsAccess_data();
    void revocationEndsAccess();
    void forgottenClientIsInvalidClient_data();
    void forgottenClientIsInvalidClient();
    // scripted edge cases
    void errorResponses_data();
    void errorResponses();
    void successResponses_data();
    void successResponses();
    void timeoutEndsTheRequest();
    void oversizedResponse();
    void codeExchangeFormEncoding();
    void clientAuthentication_data();
    void clientAuthentication();
    void refreshRequest();
    void failedRefreshThenSuccessfulRefresh();
    void revokeWithoutEndpoint();
    void revokeOrderAndPartialFailure_data();
    void revokeOrderAndPartialFailure();
};

// ---------------------------------------------------------------------------
// Real servers
// ---------------------------------------------------------------------------

void TestTokenClient::exchangeAndRefreshWithRotation_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addRow("sdk") << TestServer::Kind::Sdk;
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc;
}

void TestTokenClient::exchangeAndRefreshWithRotation()
{
    QFETCH(TestServer::Kind, kind);
    constexpr int lifetime = 1234;
    RealServer real(kind, { QStringLiteral("--token-lifetime"), QString::number(lifetime) });
    QVERIFY(real.start());
    QVERIFY(real.registerClient());
    QCOMPARE(real.client.authMethod, ClientAuthMethod::None);
    const Pkce pkce = Pkce::create();
    const QString code = real.authorize(real.client.clientId, pkce);
    QVERIFY(!code.isEmpty());

    HttpClient http;
    Trace trace;
    ManualClock clock(QDateTime(QDate(2031, 2, 3), QTime(4, 5, 6), Qt::UTC));
    TokenClient client(&http, &clock, &trace);
    const TokenEndpointConfig config = real.config();

    // Code exchange: expiry is the injected clock's now + expires_in, exactly.
    const Outcome first = await(client.exchangeCode(config, code, pkce.verifier, real.redirectUri,
                                                    { QStringLiteral("mcp:read") }));
    QVERIFY2(first.succeeded, describe(first));
    QVERIFY(first.ended);
    QVERIFY(first.tokens.isValid());
    QVERIFY(!first.tokens.refreshToken.isEmpty());
    QCOMPARE(first.tokens.tokenType.toLower(), QStringLiteral("bearer"));
    QCOMPARE(first.tokens.receivedAt, clock.now());
    QCOMPARE(first.tokens.expiresAt, clock.now().addSecs(lifetime));
    QVERIFY2(first.tokens.scopes.contains(QLatin1String("mcp:write")),
             qPrintable(first.tokens.scopes.join(QLatin1Char(' '))));
    QCOMPARE(mcpStatus(real.server.mcpUrl(), first.tokens.accessToken), 200);

    // Refresh: new access token, rotated refresh token, expiry from the (moved) clock.
    clock.advance(1000);
    const Outcome second = await(client.refresh(config, first.tokens));
    QVERIFY2(second.succeeded, describe(second));
    QVERIFY(second.tokens.accessToken != first.tokens.accessToken);
    QVERIFY(!second.tokens.refreshToken.isEmpty());
    QVERIFY(second.tokens.refreshToken != first.tokens.refreshToken);
    QCOMPARE(second.tokens.expiresAt, clock.now().addSecs(lifetime));
    QVERIFY(trace.toText().contains(QLatin1String("refresh rotated the refresh token")));
    QCOMPARE(mcpStatus(real.server.mcpUrl(), second.tokens.accessToken), 200);

    // The spent refresh token is rejected (and the server revokes the grant).
    const Outcome reuse = await(client.refresh(config, first.tokens));
    QVERIFY(reuse.ended);
    QCOMPARE(reuse.error.code(), Error::Code::InvalidGrant);
    QVERIFY2(reuse.error.detail().startsWith(QLatin1String("invalid_grant")),
             qPrintable(reuse.error.detail()));

    QCOMPARE(real.stat(QStringLiteral("token"), QStringLiteral("authorization_code")), 1);
    QCOMPARE(real.stat(QStringLiteral("token"), QStringLiteral("refresh_token")), 2);
    QCOMPARE(real.stat(QStringLiteral("tokenErrors"), QStringLiteral("refresh_token")), 1);

    // Nothing secret in the diagnostics.
    const QString text = trace.toText();
    QVERIFY(text.contains(QLatin1String("POST token endpoint (authorization_code)")));
    QVERIFY(text.contains(QLatin1String("POST token endpoint (refresh_token)")));
    for (const QString &secret :
         { code, pkce.verifier, first.tokens.accessToken, first.tokens.refreshToken,
           second.tokens.accessToken, second.tokens.refreshToken })
        QVERIFY2(!text.contains(secret), qPrintable(text));
}

void TestTokenClient::confidentialClients_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<ClientAuthMethod>("method");
    QTest::addColumn<Error::Code>("error");

    QTest::addRow("client_secret_post")
        << QStringLiteral("static-post") << QStringLiteral("static-post-secret")
        << ClientAuthMethod::ClientSecretPost << Error::Code::None;
    QTest::addRow("client_secret_basic")
        << QStringLiteral("static-basic") << QStringLiteral("static-basic-secret")
        << ClientAuthMethod::ClientSecretBasic << Error::Code::None;
    // With Basic the secret travels only in the header (clientAuthentication
    // shows the body has none): a wrong one there is what the server rejects.
    QTest::addRow("basic, wrong secret")
        << QStringLiteral("static-basic") << QStringLiteral("not-the-secret")
        << ClientAuthMethod::ClientSecretBasic << Error::Code::InvalidClient;
    QTest::addRow("post, wrong secret")
        << QStringLiteral("static-post") << QStringLiteral("not-the-secret")
        << ClientAuthMethod::ClientSecretPost << Error::Code::InvalidClient;
}

void TestTokenClient::confidentialClients()
{
    QFETCH(QString, clientId);
    QFETCH(QString, secret);
    QFETCH(ClientAuthMethod, method);
    QFETCH(Error::Code, error);

    RealServer real(TestServer::Kind::Oidc);
    QVERIFY(real.start());
    real.client.clientId = clientId;
    real.client.clientSecret = secret;
    real.client.authMethod = method;
    real.client.source = ClientRegistration::Source::PreRegistered;
    const Pkce pkce = Pkce::create();
    const QString code = real.authorize(clientId, pkce);
    QVERIFY(!code.isEmpty());

    HttpClient http;
    Trace trace;
    TokenClient client(&http, Clock::system(), &trace);
    const Outcome exchanged
        = await(client.exchangeCode(real.config(), code, pkce.verifier, real.redirectUri, {}));
    QVERIFY(exchanged.ended);
    QVERIFY(!trace.toText().contains(secret));
    if (error != Error::Code::None) {
        QCOMPARE(exchanged.error.code(), error);
        QVERIFY2(exchanged.error.detail().startsWith(QLatin1String("invalid_client")),
                 qPrintable(exchanged.error.detail()));
        return;
    }
    QVERIFY2(exchanged.succeeded, describe(exchanged));
    QCOMPARE(mcpStatus(real.server.mcpUrl(), exchanged.tokens.accessToken), 200);

    // The same client authentication works for the refresh.
    const Outcome refreshed = await(client.refresh(real.config(), exchanged.tokens));
    QVERIFY2(refreshed.succeeded, describe(refreshed));
    QVERIFY(refreshed.tokens.refreshToken != exchanged.tokens.refreshToken);
    QVERIFY(!trace.toText().contains(secret));
}

void TestTokenClient::resourceIsSent()
{
    // The SDK server binds the code to the resource of the authorization
    // request and wants it repeated at the token endpoint.
    RealServer real(TestServer::Kind::Sdk, { QStringLiteral("--require-resource") });
    QVERIFY(real.start());
    QVERIFY(real.registerClient());
    HttpClient http;
    TokenClient client(&http, Clock::system());

    const Pkce pkce = Pkce::create();
    const QString code = real.authorize(real.client.clientId, pkce);
    QVERIFY(!code.isEmpty());
    const Outcome withResource
        = await(client.exchangeCode(real.config(), code, pkce.verifier, real.redirectUri, {}));
    QVERIFY2(withResource.succeeded, describe(withResource));
    QCOMPARE(mcpStatus(real.server.mcpUrl(), withResource.tokens.accessToken), 200);
    const Outcome refreshed = await(client.refresh(real.config(), withResource.tokens));
    QVERIFY2(refreshed.succeeded, describe(refreshed));

    // The per-server opt-out (empty resource) leaves it out: the server refuses.
    TokenEndpointConfig withoutResource = real.config();
    withoutResource.resource.clear();
    const Pkce otherPkce = Pkce::create();
    const QString otherCode = real.authorize(real.client.clientId, otherPkce);
    QVERIFY(!otherCode.isEmpty());
    const Outcome refused = await(
        client.exchangeCode(withoutResource, otherCode, otherPkce.verifier, real.redirectUri, {}));
    QVERIFY(refused.ended);
    QCOMPARE(refused.error.code(), Error::Code::TokenEndpointError);
    QVERIFY2(refused.error.detail().startsWith(QLatin1String("invalid_target")),
             qPrintable(refused.error.detail()));
}

void TestTokenClient::revocationEndsAccess_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addRow("sdk") << TestServer::Kind::Sdk;
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc;
}

void TestTokenClient::revocationEndsAccess()
{
    QFETCH(TestServer::Kind, kind);
    RealServer real(kind);
    QVERIFY(real.start());
    QVERIFY(real.registerClient());
    QVERIFY(real.authServer.revocationEndpoint.isValid());
    const Pkce pkce = Pkce::create();
    const QString code = real.authorize(real.client.clientId, pkce);
    QVERIFY(!code.isEmpty());

    HttpClient http;
    Trace trace;
    TokenClient client(&http, Clock::system(), &trace);
    const Outcome exchanged
        = await(client.exchangeCode(real.config(), code, pkce.verifier, real.redirectUri, {}));
    QVERIFY2(exchanged.succeeded, describe(exchanged));
    QCOMPARE(mcpStatus(real.server.mcpUrl(), exchanged.tokens.accessToken), 200);

    const Outcome revoked = await(client.revoke(real.config(), exchanged.tokens));
    QVERIFY2(revoked.succeeded, describe(revoked));
    QVERIFY(!revoked.tokens.isValid());
    QCOMPARE(real.server.stats().value(QLatin1String("revoke")).toInt(), 2);

    QCOMPARE(mcpStatus(real.server.mcpUrl(), exchanged.tokens.accessToken), 401);
    const Outcome refreshed = await(client.refresh(real.config(), exchanged.tokens));
    QCOMPARE(refreshed.error.code(), Error::Code::InvalidGrant);
    const QString text = trace.toText();
    QVERIFY(text.contains(QLatin1String("POST revocation endpoint (refresh_token)")));
    QVERIFY(text.contains(QLatin1String("POST revocation endpoint (access_token)")));
    QVERIFY(!text.contains(exchanged.tokens.refreshToken));
}

void TestTokenClient::forgottenClientIsInvalidClient_data()
{
    QTest::addColumn<TestServer::Kind>("kind");
    QTest::addRow("sdk") << TestServer::Kind::Sdk;
    QTest::addRow("oidc-provider") << TestServer::Kind::Oidc;
}

void TestTokenClient::forgottenClientIsInvalidClient()
{
    QFETCH(TestServer::Kind, kind);
    RealServer real(kind);
    QVERIFY(real.start());
    QVERIFY(real.registerClient());
    const Pkce pkce = Pkce::create();
    const QString code = real.authorize(real.client.clientId, pkce);
    QVERIFY(!code.isEmpty());
    HttpClient http;
    TokenClient client(&http, Clock::system());
    const Outcome exchanged
        = await(client.exchangeCode(real.config(), code, pkce.verifier, real.redirectUri, {}));
    QVERIFY2(exchanged.succeeded, describe(exchanged));

    QVERIFY(real.server.admin(QStringLiteral("forget-clients")));
    const Outcome refreshed = await(client.refresh(real.config(), exchanged.tokens));
    QVERIFY(refreshed.ended);
    QCOMPARE(refreshed.error.code(), Error::Code::InvalidClient);
    QCOMPARE(real.stat(QStringLiteral("token"), QStringLiteral("refresh_token")), 1);
}

// ---------------------------------------------------------------------------
// Scripted edge cases
// ---------------------------------------------------------------------------

void TestTokenClient::errorResponses_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<Error::Code>("error");
    QTest::addColumn<QString>("detail");

    QTest::addRow("400 invalid_grant")
        << ScriptedHttpServer::json(400, R"({"error":"invalid_grant"})")
        << Error::Code::InvalidGrant << QStringLiteral("invalid_grant");
    QTest::addRow("401 invalid_client")
        << ScriptedHttpServer::json(
               401, R"({"error":"invalid_client","error_description":"unknown client"})",
               { { "WWW-Authenticate", "Basic realm=\"as\"" } })
        << Error::Code::InvalidClient << QStringLiteral("invalid_client: unknown client");
    QTest::addRow("400 other error with description")
        << ScriptedHttpServer::json(
               400, R"({"error":"invalid_scope","error_description":"mcp:admin is not allowed"})")
        << Error::Code::TokenEndpointError
        << QStringLiteral("invalid_scope: mcp:admin is not allowed");
    QTest::addRow("200 with an error member")
        << ScriptedHttpServer::json(
               200, R"({"error":"invalid_grant","error_description":"code expired"})")
        << Error::Code::InvalidGrant << QStringLiteral("invalid_grant: code expired");
    QTest::addRow("description sanitized")
        << ScriptedHttpServer::json(400,
                                    R"({"error":"server_error","error_description":"a\nb\u0007c)"
                                        + QByteArray(1000, 'x') + R"("})")
        << Error::Code::TokenEndpointError << QStringLiteral("server_error: a b c");
    QTest::addRow("500 HTML") << ScriptedHttpServer::response(500, "text/html",
                                                              "<h1>Internal Server Error</h1>")
                              << Error::Code::HttpStatus << QStringLiteral("HTTP 500");
    QTest::addRow("502 JSON without error")
        << ScriptedHttpServer::json(502, R"({"message":"bad gateway"})") << Error::Code::HttpStatus
        << QStringLiteral("HTTP 502");
    QTest::addRow("200 not JSON") << ScriptedHttpServer::response(
        200, "text/plain", "access_token=abc&token_type=bearer")
                                  << Error::Code::MalformedResponse << QStringLiteral("JSON");
    QTest::addRow("200 JSON array") << ScriptedHttpServer::json(200, "[1,2]")
                                    << Error::Code::MalformedResponse << QStringLiteral("JSON");
    QTest::addRow("200 without access_token")
        << ScriptedHttpServer::json(200, R"({"token_type":"Bearer","expires_in":60})")
        << Error::Code::MalformedResponse << QStringLiteral("access_token");
    QTest::addRow("non-bearer token type")
        << ScriptedHttpServer::json(200, R"({"access_token":"AT","token_type":"mac"})")
        << Error::Code::TokenEndpointError << QStringLiteral("unsupported token type");
    QTest::addRow("CR LF in the access token")
        << ScriptedHttpServer::json(
               200, R"({"access_token":"AT\r\nX-Injected: 1","token_type":"Bearer"})")
        << Error::Code::MalformedResponse << QStringLiteral("cannot carry");
    QTest::addRow("non-ASCII access token")
        << ScriptedHttpServer::json(200, R"({"access_token":"A\u00e9T","token_type":"Bearer"})")
        << Error::Code::MalformedResponse << QStringLiteral("cannot carry");
    QTest::addRow("DPoP token type")
        << ScriptedHttpServer::json(200, R"({"access_token":"AT","token_type":"DPoP"})")
        << Error::Code::TokenEndpointError << QStringLiteral("DPoP");
}

void TestTokenClient::errorResponses()
{
    QFETCH(QByteArray, response);
    QFETCH(Error::Code, error);
    QFETCH(QString, detail);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/token", response);
    HttpClient http;
    Trace trace;
    TokenClient client(&http, Clock::system(), &trace);
    QPointer<TokenJob> request = client.exchangeCode(
        scriptedConfig(server), QStringLiteral("code-1"), QStringLiteral("verifier-1"),
        QUrl(QStringLiteral("http://127.0.0.1:41000/callback")), {});
    QCOMPARE(request->state(), Job::State::Pending); // nothing happens before the event loop
    const Outcome outcome = await(request);
    QVERIFY(outcome.ended);
    QVERIFY(request.isNull());
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.error.code(), error);
    QVERIFY2(outcome.error.detail().startsWith(detail) || outcome.error.detail().contains(detail),
             qPrintable(outcome.error.detail()));
    QVERIFY2(outcome.error.detail().size() < 420, qPrintable(outcome.error.detail()));
    QVERIFY(!outcome.error.detail().contains(QLatin1Char('\n')));
    QVERIFY(trace.toText().contains(QLatin1String("token request failed")));
}

void TestTokenClient::successResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expiresIn"); ///< -1: unknown
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QString>("tokenType");
    QTest::addColumn<QString>("traceText");

    const QStringList requested { QStringLiteral("mcp:read"), QStringLiteral("mcp:write") };
    QTest::addRow("full") << goodTokenJson << 3600 << QStringList { QStringLiteral("mcp:read") }
                          << QStringLiteral("Bearer")
                          << QStringLiteral("expires in 3600 s, scopes mcp:read");
    QTest::addRow("expires_in as a string")
        << QByteArray(R"({"access_token":"AT","token_type":"bearer","expires_in":"600"})") << 600
        << requested << QStringLiteral("bearer") << QStringLiteral("expires in 600 s");
    QTest::addRow("no expires_in")
        << QByteArray(R"({"access_token":"AT","token_type":"Bearer"})") << -1 << requested
        << QStringLiteral("Bearer") << QStringLiteral("expiry unknown");
    QTest::addRow("expires_in garbage")
        << QByteArray(R"({"access_token":"AT","token_type":"Bearer","expires_in":"soon"})") << -1
        << requested << QStringLiteral("Bearer") << QStringLiteral("not a number");
    QTest::addRow("scope absent -> requested scopes")
        << QByteArray(R"({"access_token":"AT","token_type":"Bearer","expires_in":60})") << 60
        << requested << QStringLiteral("Bearer") << QStringLiteral("as requested");
    QTest::addRow("scope narrower than requested") << QByteArray(
        R"({"access_token":"AT","token_type":"Bearer","expires_in":60,"scope":"  mcp:read  "})")
                                                   << 60
                                                   << QStringList { QStringLiteral("mcp:read") }
                                                   << QStringLiteral("Bearer")
                                                   << QStringLiteral("scopes mcp:read");
    QTest::addRow("token_type missing -> Bearer")
        << QByteArray(R"({"access_token":"AT","expires_in":60})") << 60 << requested
        << QStringLiteral("Bearer") << QStringLiteral("assuming Bearer");
}

void TestTokenClient::successResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(int, expiresIn);
    QFETCH(QStringList, scopes);
    QFETCH(QString, tokenType);
    QFETCH(QString, traceText);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/token", ScriptedHttpServer::json(200, body));
    HttpClient http;
    Trace trace;
    ManualClock clock(QDateTime(QDate(2030, 6, 1), QTime(12, 0), Qt::UTC));
    TokenClient client(&http, &clock, &trace);
    const Outcome outcome = await(client.exchangeCode(
        scriptedConfig(server), QStringLiteral("code-1"), QStringLiteral("verifier-1"),
        QUrl(QStringLiteral("http://127.0.0.1:41000/callback")),
        { QStringLiteral("mcp:read"), QStringLiteral("mcp:write") }));
    QVERIFY2(outcome.succeeded, describe(outcome));
    QCOMPARE(outcome.tokens.tokenType, tokenType);
    QCOMPARE(outcome.tokens.scopes, scopes);
    QCOMPARE(outcome.tokens.receivedAt, clock.now());
    if (expiresIn < 0)
        QVERIFY(!outcome.tokens.expiresAt.isValid());
    else
        QCOMPARE(outcome.tokens.expiresAt, clock.now().addSecs(expiresIn));
    QVERIFY2(trace.toText().contains(traceText), qPrintable(trace.toText()));
    QVERIFY(!trace.toText().contains(outcome.tokens.accessToken));
}

void TestTokenClient::timeoutEndsTheRequest()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    HttpClient http;
    TokenClient client(&http, Clock::system());
    client.setTimeout(std::chrono::milliseconds(300));
    TokenSet current;
    current.refreshToken = QStringLiteral("RT-1");
    QPointer<TokenJob> request = client.refresh(scriptedConfig(server), current);
    const Outcome outcome = await(request, 10000);
    QVERIFY(outcome.ended);
    QVERIFY(request.isNull());
    QCOMPARE(outcome.error.code(), Error::Code::Timeout);
    QCOMPARE(server.requests().size(), 1);
}

void TestTokenClient::oversizedResponse()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    const QByteArray huge = R"({"access_token":"AT","token_type":"Bearer","padding":")"
        + QByteArray(4 * 1024 * 1024, 'x') + R"("})";
    server.route("/token", ScriptedHttpServer::json(200, huge));
    HttpClient http;
    TokenClient client(&http, Clock::system());
    const Outcome outcome = await(
        client.exchangeCode(scriptedConfig(server), QStringLiteral("c"), QStringLiteral("v"),
                            QUrl(QStringLiteral("http://127.0.0.1:41000/callback")), {}));
    QVERIFY(outcome.ended);
    QCOMPARE(outcome.error.code(), Error::Code::ResponseTooLarge);
}

void TestTokenClient::codeExchangeFormEncoding()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/token", ScriptedHttpServer::json(200, goodTokenJson));
    HttpClient http;
    TokenClient client(&http, Clock::system());
    const QString code = QStringLiteral("a+b&c=d e%/?ü");
    const QString verifier = QStringLiteral("v-._~0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
    const QUrl redirectUri(QStringLiteral("http://127.0.0.1:41000/callback"));
    const Outcome outcome
        = await(client.exchangeCode(scriptedConfig(server), code, verifier, redirectUri, {}));
    QVERIFY2(outcome.succeeded, describe(outcome));
    QCOMPARE(server.requests().size(), 1);

    const ScriptedHttpServer::Request request = server.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path(), QByteArray("/token"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(request.header("Accept"), QByteArray("application/json"));
    QVERIFY(request.header("Authorization").isEmpty());
    // '+' must arrive as '+', not as a space.
    QVERIFY2(request.body.contains("code=a%2Bb%26c%3Dd%20e%25%2F%3F%C3%BC"),
             request.body.constData());
    QCOMPARE(formNames(request.body),
             (QStringList { QStringLiteral("grant_type"), QStringLiteral("code"),
                            QStringLiteral("redirect_uri"), QStringLiteral("code_verifier"),
                            QStringLiteral("resource"), QStringLiteral("client_id") }));
    QCOMPARE(formField(request.body, QStringLiteral("grant_type")),
             QStringLiteral("authorization_code"));
    QCOMPARE(formField(request.body, QStringLiteral("code")), code);
    QCOMPARE(formField(request.body, QStringLiteral("code_verifier")), verifier);
    QCOMPARE(formField(request.body, QStringLiteral("redirect_uri")),
             QStringLiteral("http://127.0.0.1:41000/callback"));
    QCOMPARE(formField(request.body, QStringLiteral("resource")),
             QStringLiteral("http://127.0.0.1:9/mcp"));
    QCOMPARE(formField(request.body, QStringLiteral("client_id")), QStringLiteral("client-1"));
}

void TestTokenClient::clientAuthentication_data()
{
    QTest::addColumn<ClientAuthMethod>("method");
    QTest::addRow("none") << ClientAuthMethod::None;
    QTest::addRow("client_secret_post") << ClientAuthMethod::ClientSecretPost;
    QTest::addRow("client_secret_basic") << ClientAuthMethod::ClientSecretBasic;
}

void TestTokenClient::clientAuthentication()
{
    QFETCH(ClientAuthMethod, method);
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route("/token", ScriptedHttpServer::json(200, goodTokenJson));
    HttpClient http;
    Trace trace;
    TokenClient client(&http, Clock::system(), &trace);
    TokenEndpointConfig config = scriptedConfig(server);
    const QString clientId = QStringLiteral("urn:app:my client");
    const QString secret = QStringLiteral("p@ss:w+rd&=%");
    config.client.clientId = clientId;
    config.client.clientSecret = secret;
    config.client.authMethod = method;
    TokenSet current;
    current.refreshToken = QStringLiteral("RT-0");
    const Outcome outcome = await(client.refresh(config, current));
    QVERIFY2(outcome.succeeded, describe(outcome));
    QCOMPARE(server.requests().size(), 1);
    const ScriptedHttpServer::Request request = server.requests().first();
    const QByteArray authorization = request.header("Authorization");

    switch (method) {
    case ClientAuthMethod::None:
        QVERIFY(authorization.isEmpty());
        QCOMPARE(formField(request.body, QStringLiteral("client_id")), clientId);
        QVERIFY(!formNames(request.body).contains(QLatin1String("client_secret")));
        break;
    case ClientAuthMethod::ClientSecretPost:
        QVERIFY(authorization.isEmpty());
        QCOMPARE(formField(request.body, QStringLiteral("client_id")), clientId);
        QCOMPARE(formField(request.body, QStringLiteral("client_secret")), secret);
        break;
    case ClientAuthMethod::ClientSecretBasic: {
        // RFC 6749 section 2.3.1: Base64 of form-urlencoded id ':' form-urlencoded secret.
        QVERIFY(authorization.startsWith("Basic "));
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6));
        QCOMPARE(decoded, QByteArray("urn%3Aapp%3Amy%20client:p%40ss%3Aw%2Brd%26%3D%25"));
        const int colon = decoded.indexOf(':');
        QCOMPARE(formFields("id=" + decoded.left(colon)).first().second, clientId);
        QCOMPARE(formFields("s=" + decoded.mid(colon + 1)).first().second, secret);
        QVERIFY(!formNames(request.body).contains(QLatin1String("client_secret")));
        QVERIFY(!formNames(request.body).contains(QLatin1String("client_id")));
        break;
    }
    }
    QVERIFY(!request.body.contains("p%40ss") || method == ClientAuthMethod::ClientSecretPost);
    QVERIFY(!trace.toText().contains(secret));
}

void TestTokenClient::refreshRequest()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    // No refresh_token and no scope in the answer: keep what we had.
    server.route("/token",
                 ScriptedHttpServer::json(
                     200, R"({"access_token":"AT-2","token_type":"Bearer","expires_in":60})"));
    HttpClient http;
    Trace trace;
    TokenClient client(&http, Clock::system(), &trace);
    TokenSet current;
    current.accessToken = QStringLiteral("AT-1");
    current.refreshToken = QStringLiteral("RT+1/=");
    current.scopes = QStringList { QStringLiteral("mcp:read"), QStringLiteral("mcp:admin") };
    const Outcome outcome = await(client.refresh(scriptedConfig(server), current));
    QVERIFY2(outcome.succeeded, describe(outcome));
    QCOMPARE(outcome.tokens.accessToken, QStringLiteral("AT-2"));
    QCOMPARE(outcome.tokens.refreshToken, current.refreshToken);
    QCOMPARE(outcome.tokens.scopes, current.scopes);
    QVERIFY2(trace.toText().contains(QLatin1String("refresh token kept")),
             qPrintable(trace.toText()));

    const QByteArray body = server.requests().first().body;
    QCOMPARE(formNames(body),
             (QStringList { QStringLiteral("grant_type"), QStringLiteral("refresh_token"),
                            QStringLiteral("resource"), QStringLiteral("client_id") }));
    QCOMPARE(formField(body, QStringLiteral("grant_type")), QStringLiteral("refresh_token"));
    QCOMPARE(formField(body, QStringLiteral("refresh_token")), current.refreshToken);
    QCOMPARE(formField(body, QStringLiteral("resource")), QStringLiteral("http://127.0.0.1:9/mcp"));

    // Without a refresh token there is nothing to send.
    const Outcome nothing = await(client.refresh(scriptedConfig(server), TokenSet()));
    QCOMPARE(nothing.error.code(), Error::Code::InvalidGrant);
    QCOMPARE(server.requests().size(), 1);
}

void TestTokenClient::failedRefreshThenSuccessfulRefresh()
{
    // Qt 6.4's QOAuth2AuthorizationCodeFlow refuses every refresh after a
    // failed one; this client has no such state.
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    int calls = 0;
    server.setHandler([&calls](const ScriptedHttpServer::Request &) {
        return ++calls == 1 ? ScriptedHttpServer::json(400, R"({"error":"invalid_grant"})")
                            : ScriptedHttpServer::json(200, goodTokenJson);
    });
    HttpClient http;
    TokenClient client(&http, Clock::system());
    TokenSet current;
    current.refreshToken = QStringLiteral("RT-0");
    const Outcome failed = await(client.refresh(scriptedConfig(server), current));
    QVERIFY(failed.ended);
    QCOMPARE(failed.error.code(), Error::Code::InvalidGrant);
    const Outcome succeeded = await(client.refresh(scriptedConfig(server), current));
    QVERIFY2(succeeded.succeeded, describe(succeeded));
    QCOMPARE(succeeded.tokens.accessToken, QStringLiteral("AT-1"));
    QCOMPARE(succeeded.tokens.refreshToken, QStringLiteral("RT-1"));
    QCOMPARE(calls, 2);
}

void TestTokenClient::revokeWithoutEndpoint()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    HttpClient http;
    Trace trace;
    TokenClient client(&http, Clock::system(), &trace);
    TokenEndpointConfig config = scriptedConfig(server);
    config.revocationEndpoint.clear();
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("AT");
    tokens.refreshToken = QStringLiteral("RT");
    TokenJob *request = client.revoke(config, tokens);
    QSignalSpy failedSpy(request, &Job::finished);
    QVERIFY(failedSpy.isEmpty()); // asynchronous, also here
    const Outcome outcome = await(request);
    QCOMPARE(outcome.error.code(), Error::Code::RevocationFailed);
    QVERIFY(outcome.error.detail().contains(QLatin1String("until it expires")));
    QVERIFY(server.requests().isEmpty());
}

void TestTokenClient::revokeOrderAndPartialFailure_data()
{
    QTest::addColumn<int>("refreshStatus");
    QTest::addColumn<int>("accessStatus");
    QTest::addColumn<Error::Code>("error");
    QTest::addColumn<QString>("detail");
    QTest::addRow("both revoked") << 200 << 200 << Error::Code::None << QString();
    QTest::addRow("refresh token revocation fails, access token still tried")
        << 503 << 200 << Error::Code::RevocationFailed
        << QStringLiteral("HTTP 503 revoking the refresh token");
    QTest::addRow("access token revocation fails")
        << 200 << 400 << Error::Code::RevocationFailed
        << QStringLiteral("HTTP 400 revoking the access token (unsupported_token_type");
}

void TestTokenClient::revokeOrderAndPartialFailure()
{
    QFETCH(int, refreshStatus);
    QFETCH(int, accessStatus);
    QFETCH(Error::Code, error);
    QFETCH(QString, detail);

    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([=](const ScriptedHttpServer::Request &request) {
        const int status = formField(request.body, QStringLiteral("token_type_hint"))
                == QLatin1String("refresh_token")
            ? refreshStatus
            : accessStatus;
        return status == 200
            ? ScriptedHttpServer::response(200, {}, {})
            : ScriptedHttpServer::json(status, R"({"error":"unsupported_token_type"})");
    });
    HttpClient http;
    TokenClient client(&http, Clock::system());
    TokenEndpointConfig config = scriptedConfig(server);
    config.client.clientSecret = QStringLiteral("s");
    config.client.authMethod = ClientAuthMethod::ClientSecretPost;
    TokenSet tokens;
    tokens.accessToken = QStringLiteral("AT-9");
    tokens.refreshToken = QStringLiteral("RT-9");
    const Outcome outcome = await(client.revoke(config, tokens));
    QVERIFY(outcome.ended);
    QCOMPARE(outcome.succeeded, error == Error::Code::None);
    QCOMPARE(outcome.error.code(), error);
    QVERIFY2(outcome.error.detail().contains(detail), qPrintable(outcome.error.detail()));

    QCOMPARE(server.requests().size(), 2);
    const QByteArray first = server.requests().at(0).body;
    const QByteArray second = server.requests().at(1).body;
    QCOMPARE(server.requests().at(0).path(), QByteArray("/revoke"));
    QCOMPARE(formField(first, QStringLiteral("token")), QStringLiteral("RT-9"));
    QCOMPARE(formField(first, QStringLiteral("token_type_hint")), QStringLiteral("refresh_token"));
    QCOMPARE(formField(second, QStringLiteral("token")), QStringLiteral("AT-9"));
    QCOMPARE(formField(second, QStringLiteral("token_type_hint")), QStringLiteral("access_token"));
    for (const QByteArray &body : { first, second }) {
        QCOMPARE(formField(body, QStringLiteral("client_id")), QStringLiteral("client-1"));
        QCOMPARE(formField(body, QStringLiteral("client_secret")), QStringLiteral("s"));
    }
}

QTEST_GUILESS_MAIN(TestTokenClient)
#include "tst_tokenclient.moc"
