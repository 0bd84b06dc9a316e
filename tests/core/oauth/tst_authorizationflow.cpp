#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/oauth/authorizationflow.h"
#include "core/oauth/pkce.h"

#include "scriptedhttpserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

using namespace Mcpa;

// The authorization step on its own: the test plays the browser.
class TestAuthorizationFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void authorizationUrlCarriesEverything();
    void scopeAndResourceCanBeLeftOut();
    void wrongOrMissingStateIsDiscarded();
    void callbackErrors_data();
    void callbackErrors();
    void issIsChecked_data();
    void issIsChecked();
    void reflectedTextIsEscaped();
    void timeoutFreesThePort();
    void cancelFreesThePort();
    void listenerIsBoundToLoopbackOnly();
    void portInUseIsATypedError();
    void localhostRedirectHostKeepsLoopbackListener();
    void preflight400MeansStaleClient();
    void preflightRedirectIsFine();
    void traceHoldsNoSecrets();

private:
    struct Browser
    {
        int status = 0;
        QByteArray body;
    };
    /// GETs a URL like a browser and returns what it showed.
    static Browser visit(const QUrl &url);
    static AuthorizationRequest request(const QUrl &authorizationEndpoint
                                        = QUrl(QStringLiteral("http://127.0.0.1:9/authorize")));
    static QUrl callbackUrl(const QUrl &authorizationUrl,
                            const QList<QPair<QString, QString>> &items);
    static bool portAcceptsConnections(quint16 port,
                                       const QHostAddress &address = QHostAddress::LocalHost);
};

TestAuthorizationFlow::Browser TestAuthorizationFlow::visit(const QUrl &url)
{
    QNetworkAccessManager manager;
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    Browser browser;
    browser.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    browser.body = reply->readAll();
    delete reply;
    return browser;
}

AuthorizationRequest TestAuthorizationFlow::request(const QUrl &authorizationEndpoint)
{
    AuthorizationRequest request;
    request.authServer.issuer = QStringLiteral("http://127.0.0.1:9");
    request.authServer.authorizationEndpoint = authorizationEndpoint;
    request.authServer.tokenEndpoint = QUrl(QStringLiteral("http://127.0.0.1:9/token"));
    request.client.clientId = QStringLiteral("client-1");
    request.resource = QUrl(QStringLiteral("http://127.0.0.1:8/mcp"));
    request.scopes = { QStringLiteral("mcp:read"), QStringLiteral("offline_access") };
    return request;
}

QUrl TestAuthorizationFlow::callbackUrl(const QUrl &authorizationUrl,
                                        const QList<QPair<QString, QString>> &items)
{
    QUrl callback(QUrlQuery(authorizationUrl)
                      .queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    // A browser gets the callback with every value percent-encoded.
    QString query;
    for (const auto &item : items) {
        if (!query.isEmpty())
            query += QLatin1Char('&');
        query += item.first + QLatin1Char('=')
            + QString::fromLatin1(QUrl::toPercentEncoding(item.second));
    }
    callback.setQuery(query, QUrl::StrictMode);
    return callback;
}

bool TestAuthorizationFlow::portAcceptsConnections(quint16 port, const QHostAddress &address)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    return socket.waitForConnected(2000);
}

void TestAuthorizationFlow::authorizationUrlCarriesEverything()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    flow.setRequest(request());
    flow.start();
    QVERIFY(browser.wait());
    const QUrl url = browser.first().first().toUrl();
    const QUrlQuery query(url);
    QCOMPARE(url.path(), QStringLiteral("/authorize"));
    QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("client-1"));
    const QUrl redirect(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(redirect.scheme(), QStringLiteral("http"));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(redirect.path(), QStringLiteral("/callback"));
    QVERIFY(redirect.port() > 0);
    QCOMPARE(redirect, flow.redirectUri());
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:8/mcp"));
    QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("mcp:read offline_access"));
    const QString state = query.queryItemValue(QStringLiteral("state"));
    QVERIFY2(state.size() >= 43, qPrintable(state)); // >= 256 bits of base64url

    QCOMPARE(visit(callbackUrl(url,
                               { { QStringLiteral("code"), QStringLiteral("the+code/=&x") },
                                 { QStringLiteral("state"), state } }))
                 .status,
             200);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(!flow.error(), qPrintable(flow.error().toString()));
    const auto result = flow.result();
    QCOMPARE(result.code, QStringLiteral("the+code/=&x"));
    // The challenge sent is the S256 of the verifier handed to the token request.
    QCOMPARE(Pkce::challengeFor(result.codeVerifier),
             query.queryItemValue(QStringLiteral("code_challenge")).toLatin1());
    QCOMPARE(result.codeVerifier.size(), 43);
    QCOMPARE(result.redirectUri, redirect);
    QTRY_VERIFY(!portAcceptsConnections(static_cast<quint16>(redirect.port())));
}

void TestAuthorizationFlow::scopeAndResourceCanBeLeftOut()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    AuthorizationRequest plain = request();
    plain.scopes.clear();
    plain.resource.clear();
    flow.setRequest(plain);
    flow.start();
    QVERIFY(browser.wait());
    const QUrlQuery query(browser.first().first().toUrl());
    QVERIFY(!query.hasQueryItem(QStringLiteral("scope")));
    QVERIFY(!query.hasQueryItem(QStringLiteral("resource")));
    QVERIFY(query.hasQueryItem(QStringLiteral("code_challenge")));
    flow.cancel();
}

void TestAuthorizationFlow::wrongOrMissingStateIsDiscarded()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    flow.setRequest(request());
    flow.start();
    QVERIFY(browser.wait());
    const QUrl url = browser.first().first().toUrl();
    const QString state = QUrlQuery(url).queryItemValue(QStringLiteral("state"));

    Browser wrong = visit(callbackUrl(url,
                                      { { QStringLiteral("code"), QStringLiteral("evil") },
                                        { QStringLiteral("state"), QStringLiteral("guess") } }));
    QVERIFY(wrong.body.contains("Not accepted"));
    Browser missing
        = visit(callbackUrl(url, { { QStringLiteral("code"), QStringLiteral("evil") } }));
    QVERIFY(missing.body.contains("Not accepted"));
    Browser error
        = visit(callbackUrl(url, { { QStringLiteral("error"), QStringLiteral("access_denied") } }));
    QVERIFY(error.body.contains("Not accepted"));
    QCOMPARE(flow.state(), Job::State::Running);
    QVERIFY(flow.isWaitingForBrowser());
    QVERIFY(finished.isEmpty());

    visit(callbackUrl(url,
                      { { QStringLiteral("code"), QStringLiteral("real") },
                        { QStringLiteral("state"), state } }));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(!flow.error(), qPrintable(flow.error().toString()));
    QCOMPARE(flow.result().code, QStringLiteral("real"));
    QCOMPARE(finished.size(), 1); // no failure after the success
}

void TestAuthorizationFlow::callbackErrors_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QByteArray>("page");
    QTest::addRow("access denied")
        << "access_denied" << Error::Code::AuthorizationDenied << QByteArray("declined");
    QTest::addRow("server error") << "server_error" << Error::Code::AuthorizationFailed
                                  << QByteArray("it went wrong");
    QTest::addRow("invalid scope")
        << "invalid_scope" << Error::Code::AuthorizationFailed << QByteArray("it went wrong");
}

void TestAuthorizationFlow::callbackErrors()
{
    QFETCH(QString, error);
    QFETCH(Error::Code, code);
    QFETCH(QByteArray, page);
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    flow.setRequest(request());
    flow.start();
    QVERIFY(browser.wait());
    const QUrl url = browser.first().first().toUrl();
    const QString state = QUrlQuery(url).queryItemValue(QStringLiteral("state"));
    const Browser shown = visit(
        callbackUrl(url,
                    { { QStringLiteral("error"), error },
                      { QStringLiteral("error_description"), QStringLiteral("it went wrong") },
                      { QStringLiteral("state"), state } }));
    QVERIFY2(shown.body.contains(page), shown.body.constData());
    QTRY_COMPARE(finished.size(), 1);
    const Error reported = flow.error();
    QCOMPARE(reported.code(), code);
    QVERIFY(reported.detail().contains(error));
}

void TestAuthorizationFlow::issIsChecked_data()
{
    QTest::addColumn<bool>("advertised");
    QTest::addColumn<QString>("iss"); // "-" = absent
    QTest::addColumn<bool>("withError"); // error=access_denied instead of a code
    QTest::addColumn<bool>("accepted");
    QTest::addRow("matches") << true << "http://127.0.0.1:9" << false << true;
    QTest::addRow("other issuer") << true << "http://127.0.0.1:10" << false << false;
    QTest::addRow("trailing slash differs") << true << "http://127.0.0.1:9/" << false << false;
    QTest::addRow("case differs") << true << "HTTP://127.0.0.1:9" << false << false;
    QTest::addRow("missing") << true << "-" << false << false;
    QTest::addRow("not advertised, absent") << false << "-" << false << true;
    // RFC 9207 / SEP-2468: a present iss is compared even when not advertised.
    QTest::addRow("not advertised, matches") << false << "http://127.0.0.1:9" << false << true;
    QTest::addRow("not advertised, other issuer")
        << false << "https://evil.example.com" << false << false;
    QTest::addRow("not advertised, empty") << false << "" << false << false;
    // On a mismatch the error parameters are not acted on: no "declined".
    QTest::addRow("error from another issuer")
        << false << "https://evil.example.com" << true << false;
    QTest::addRow("error, issuer matches") << true << "http://127.0.0.1:9" << true << false;
}

void TestAuthorizationFlow::issIsChecked()
{
    QFETCH(bool, advertised);
    QFETCH(QString, iss);
    QFETCH(bool, withError);
    QFETCH(bool, accepted);
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    AuthorizationRequest withIss = request();
    withIss.authServer.authorizationResponseIssParameterSupported = advertised;
    flow.setRequest(withIss);
    flow.start();
    QVERIFY(browser.wait());
    const QUrl url = browser.first().first().toUrl();
    QList<QPair<QString, QString>> items {
        { QStringLiteral("state"), QUrlQuery(url).queryItemValue(QStringLiteral("state")) }
    };
    if (withError)
        items.append({ QStringLiteral("error"), QStringLiteral("access_denied") });
    else
        items.append({ QStringLiteral("code"), QStringLiteral("c") });
    if (iss != QLatin1String("-"))
        items.append({ QStringLiteral("iss"), iss });
    const Browser shown = visit(callbackUrl(url, items));
    QTRY_VERIFY(!finished.isEmpty());
    QCOMPARE(!flow.error(), accepted);
    QCOMPARE(finished.size(), 1);
    if (!accepted && withError && iss == QLatin1String("http://127.0.0.1:9")) {
        QCOMPARE(flow.error().code(), Error::Code::AuthorizationDenied);
    } else if (!accepted) {
        QCOMPARE(flow.error().code(), Error::Code::IssMismatch);
        QVERIFY(!shown.body.contains("declined"));
        QVERIFY(!flow.error().detail().contains(QLatin1String("access_denied")));
    }
}

void TestAuthorizationFlow::reflectedTextIsEscaped()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    flow.setRequest(request());
    flow.start();
    QVERIFY(browser.wait());
    const QUrl url = browser.first().first().toUrl();
    const Browser shown = visit(callbackUrl(
        url,
        { { QStringLiteral("error"), QStringLiteral("invalid_request") },
          { QStringLiteral("error_description"), QStringLiteral("<script>alert(1)</script>") },
          { QStringLiteral("state"), QUrlQuery(url).queryItemValue(QStringLiteral("state")) } }));
    QVERIFY(!shown.body.contains("<script>"));
    QVERIFY(shown.body.contains("&lt;script&gt;"));
}

void TestAuthorizationFlow::timeoutFreesThePort()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    AuthorizationRequest quick = request();
    quick.timeout = std::chrono::milliseconds(200);
    flow.setRequest(quick);
    flow.start();
    QVERIFY(browser.wait());
    const quint16 port = static_cast<quint16>(flow.redirectUri().port());
    QVERIFY(portAcceptsConnections(port));
    QVERIFY(finished.wait());
    QCOMPARE(flow.error().code(), Error::Code::AuthorizationTimeout);
    QTRY_VERIFY(!portAcceptsConnections(port));
    QCOMPARE(flow.state(), Job::State::Finished);
    QVERIFY(flow.error());
}

void TestAuthorizationFlow::cancelFreesThePort()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    flow.setRequest(request());
    flow.start();
    QVERIFY(browser.wait());
    const quint16 port = static_cast<quint16>(flow.redirectUri().port());
    flow.cancel();
    QVERIFY(finished.isEmpty()); // asynchronous, like every result
    QVERIFY(finished.wait());
    QCOMPARE(flow.error().code(), Error::Code::Cancelled);
    QTRY_VERIFY(!portAcceptsConnections(port));
}

void TestAuthorizationFlow::listenerIsBoundToLoopbackOnly()
{
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QVERIFY(!flow.listen(0));
    const quint16 port = static_cast<quint16>(flow.redirectUri().port());
    // /proc/net/tcp lists listening sockets as "LOCALADDR:PORT" in hex;
    // 0100007F is 127.0.0.1, 00000000 would be every interface.
    QFile table(QStringLiteral("/proc/net/tcp"));
    QVERIFY(table.open(QIODevice::ReadOnly));
    const QByteArray portHex = QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    const QByteArray lines = table.readAll();
    QVERIFY2(lines.contains(QByteArray("0100007F:" + portHex)), "no listener on 127.0.0.1");
    QVERIFY(!lines.contains(QByteArray("00000000:" + portHex)));
    QFile table6(QStringLiteral("/proc/net/tcp6"));
    if (table6.open(QIODevice::ReadOnly))
        QVERIFY(
            !table6.readAll().contains(QByteArray("00000000000000000000000000000000:" + portHex)));
}

void TestAuthorizationFlow::portInUseIsATypedError()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    const Error error = flow.listen(squatter.serverPort());
    QCOMPARE(error.code(), Error::Code::CallbackPortInUse);
    QVERIFY(error.detail().contains(QString::number(squatter.serverPort())));
}

void TestAuthorizationFlow::localhostRedirectHostKeepsLoopbackListener()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QVERIFY(!flow.listen(port, QStringLiteral("localhost")));
    QCOMPARE(flow.redirectUri(), QUrl(QStringLiteral("http://localhost:%1/callback").arg(port)));
    QVERIFY(portAcceptsConnections(port));
    // A browser may resolve localhost to ::1: the same port listens there
    // (loopback only), when this machine has IPv6 loopback at all.
    QTcpServer probe6;
    if (!probe6.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("this machine has no IPv6 loopback ([::1] cannot be bound)");
    probe6.close();
    QVERIFY(portAcceptsConnections(port, QHostAddress::LocalHostIPv6));
    // ...and only for "localhost": a 127.0.0.1 redirect URI listens on 127.0.0.1 alone.
    AuthorizationJob v4only(&http);
    v4only.setAutoDelete(false);
    QVERIFY(!v4only.listen(0, QStringLiteral("127.0.0.1")));
    const quint16 v4port = static_cast<quint16>(v4only.redirectUri().port());
    QVERIFY(portAcceptsConnections(v4port));
    QVERIFY(!portAcceptsConnections(v4port, QHostAddress::LocalHostIPv6));
}

void TestAuthorizationFlow::preflight400MeansStaleClient()
{
    ScriptedHttpServer as;
    QVERIFY(as.listen());
    as.route("/authorize", ScriptedHttpServer::json(400, R"({"error":"invalid_client"})"));
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    AuthorizationRequest stale = request(as.url(QStringLiteral("/authorize")));
    stale.preflight = true;
    flow.setRequest(stale);
    flow.start();
    QVERIFY(finished.wait());
    QCOMPARE(flow.error().code(), Error::Code::StaleClient);
    QVERIFY(browser.isEmpty()); // no browser was sent to a dead client id
    QCOMPARE(as.requests().size(), 1);
    QVERIFY(as.requests().first().target.contains("client_id=client-1"));
}

void TestAuthorizationFlow::preflightRedirectIsFine()
{
    ScriptedHttpServer as;
    QVERIFY(as.listen());
    as.route("/authorize", ScriptedHttpServer::response(302, {}, {}, { { "Location", "/login" } }));
    HttpClient http;
    AuthorizationJob flow(&http);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    AuthorizationRequest fine = request(as.url(QStringLiteral("/authorize")));
    fine.preflight = true;
    flow.setRequest(fine);
    flow.start();
    QVERIFY(browser.wait());
    QCOMPARE(as.requestedPaths(), QList<QByteArray> { "/authorize" }); // redirect not followed
    flow.cancel();
}

void TestAuthorizationFlow::traceHoldsNoSecrets()
{
    HttpClient http;
    Trace trace;
    AuthorizationJob flow(&http);
    flow.setTrace(&trace);
    flow.setAutoDelete(false); // held here
    QSignalSpy browser(&flow, &AuthorizationJob::authorizeWithBrowser);
    QSignalSpy finished(&flow, &Job::finished);
    flow.setRequest(request());
    flow.start();
    QVERIFY(browser.wait());
    const QUrl url = browser.first().first().toUrl();
    const QString state = QUrlQuery(url).queryItemValue(QStringLiteral("state"));
    visit(callbackUrl(url,
                      { { QStringLiteral("code"), QStringLiteral("secret-code-123") },
                        { QStringLiteral("state"), state } }));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(!flow.error(), qPrintable(flow.error().toString()));
    const QString text = trace.toText();
    QVERIFY(!text.isEmpty());
    QVERIFY(!text.contains(QStringLiteral("secret-code-123")));
    QVERIFY(!text.contains(state));
    QVERIFY(!text.contains(QString::fromLatin1(flow.result().codeVerifier)));
    QVERIFY(!text.contains(QUrlQuery(url).queryItemValue(QStringLiteral("code_challenge"))));
}

QTEST_GUILESS_MAIN(TestAuthorizationFlow)
#include "tst_authorizationflow.moc"
