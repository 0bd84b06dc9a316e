#include "core/base/trace.h"
#include "core/mcp/elicitationanswerer.h"
#include "core/mcp/mcpclient.h"
#include "core/net/httpclient.h"

#include "scriptedhttpserver.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Mcpa;

namespace {

using Request = ScriptedHttpServer::Request;
using Headers = QList<QPair<QByteArray, QByteArray>>;

QJsonObject messageOf(const Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QString methodOf(const Request &request)
{
    return messageOf(request).value(QLatin1String("method")).toString();
}

/// A scripted MCP server: initialize (with a session id), notifications,
/// paginated tools/list, tools/call echo, DELETE; answers as JSON or SSE.
/// A test bends it with intercept(): its answer goes first unless it is
/// nullopt; an empty answer means "never answer".
class FakeMcpServer
{
public:
    enum class Format { Json, Sse };

    explicit FakeMcpServer(Format format = Format::Json)
        : format(format)
    {
        server.setHandler([this](const Request &request) { return answer(request); });
    }

    bool listen() { return server.listen(); }
    QUrl url() const { return server.url(QStringLiteral("/mcp")); }

    /// The requests whose JSON-RPC method (or HTTP method for DELETE) is @p method.
    QList<Request> requests(const QString &method) const
    {
        QList<Request> found;
        for (const Request &request : server.requests()) {
            if (methodOf(request) == method
                || (request.method == "DELETE" && method == QLatin1String("DELETE")))
                found.append(request);
        }
        return found;
    }

    /// An HTTP answer carrying one JSON-RPC message, in the configured format.
    QByteArray rpcAnswer(const QJsonObject &message, const Headers &headers = {}) const
    {
        const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
        if (format == Format::Json)
            return ScriptedHttpServer::json(200, json, headers);
        // A notification first: the client must pick the response by its id.
        const QByteArray sse = "event: message\ndata: "
                               "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
                               "\"params\":{\"level\":\"info\",\"data\":\"hi\"}}\n\n"
                               "id: 1\nevent: message\ndata: "
            + json + "\n\n";
        return ScriptedHttpServer::response(200, "text/event-stream", sse, headers);
    }

    static QJsonObject result(const QJsonObject &request, const QJsonObject &result)
    {
        return { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
                 { QLatin1String("id"), request.value(QLatin1String("id")) },
                 { QLatin1String("result"), result } };
    }

    ScriptedHttpServer server;
    Format format;
    QByteArray sessionId = "session-1";
    QString protocolVersion = QStringLiteral("2025-03-26");
    int toolPages = 1;
    /// A description of this many characters on every tool (0: none).
    int toolDescriptionSize = 0;
    int notificationStatus = 202;
    std::function<std::optional<QByteArray>(const Request &)> intercept;

private:
    QByteArray answer(const Request &request)
    {
        if (intercept) {
            if (const std::optional<QByteArray> bytes = intercept(request))
                return *bytes;
        }
        if (request.method == "DELETE")
            return ScriptedHttpServer::response(200, {}, {});
        const QJsonObject message = messageOf(request);
        const QString method = message.value(QLatin1String("method")).toString();
        const QJsonObject params = message.value(QLatin1String("params")).toObject();
        if (method == QLatin1String("initialize")) {
            const QJsonObject info { { QLatin1String("name"), QLatin1String("scripted") },
                                     { QLatin1String("version"), QLatin1String("1.2") } };
            Headers headers;
            if (!sessionId.isEmpty())
                headers.append({ "Mcp-Session-Id", sessionId });
            return rpcAnswer(result(message,
                                    { { QLatin1String("protocolVersion"), protocolVersion },
                                      { QLatin1String("capabilities"), QJsonObject() },
                                      { QLatin1String("serverInfo"), info } }),
                             headers);
        }
        if (method == QLatin1String("notifications/initialized"))
            return ScriptedHttpServer::response(notificationStatus, {}, {});
        if (method == QLatin1String("tools/list"))
            return toolsPage(message, params.value(QLatin1String("cursor")).toString());
        if (method == QLatin1String("tools/call")) {
            const QString text = params.value(QLatin1String("arguments"))
                                     .toObject()
                                     .value(QLatin1String("text"))
                                     .toString();
            const QJsonObject content { { QLatin1String("type"), QLatin1String("text") },
                                        { QLatin1String("text"), text } };
            return rpcAnswer(
                result(message, { { QLatin1String("content"), QJsonArray { content } } }));
        }
        return ScriptedHttpServer::json(400, "{}");
    }

    /// Page N (cursor "pN", none for page 0) holds the tools "tN-a" and "tN-b".
    QByteArray toolsPage(const QJsonObject &message, const QString &cursor) const
    {
        const int page = cursor.isEmpty() ? 0 : QStringView(cursor).mid(1).toInt();
        QJsonArray tools;
        for (const char *suffix : { "-a", "-b" }) {
            QJsonObject tool { { QLatin1String("name"),
                                 QString(QStringLiteral("t%1").arg(page) + QLatin1String(suffix)) },
                               { QLatin1String("inputSchema"),
                                 QJsonObject {
                                     { QLatin1String("type"), QLatin1String("object") } } } };
            if (toolDescriptionSize > 0)
                tool.insert(QLatin1String("description"),
                            QString(toolDescriptionSize, QLatin1Char('d')));
            tools.append(tool);
        }
        QJsonObject body { { QLatin1String("tools"), tools } };
        if (page + 1 < toolPages)
            body.insert(QLatin1String("nextCursor"), QStringLiteral("p%1").arg(page + 1));
        return rpcAnswer(result(message, body));
    }
};

/// One McpClient with a spy on every signal.
class Client
{
public:
    explicit Client(const QUrl &url)
        : mcp(&http, url, &trace)
        , initialized(&mcp, &McpClient::initialized)
        , toolsListed(&mcp, &McpClient::toolsListed)
        , toolCalled(&mcp, &McpClient::toolCalled)
        , closed(&mcp, &McpClient::closed)
        , failed(&mcp, &McpClient::failed)
        , authorizationRequired(&mcp, &McpClient::authorizationRequired)
    { }

    Error lastError() const
    {
        return failed.isEmpty() ? Error() : failed.last().first().value<Error>();
    }
    BearerChallenge lastChallenge() const
    {
        return authorizationRequired.last().at(0).value<BearerChallenge>();
    }
    int lastChallengeStatus() const { return authorizationRequired.last().at(1).toInt(); }

    HttpClient http;
    Trace trace;
    McpClient mcp;
    QSignalSpy initialized;
    QSignalSpy toolsListed;
    QSignalSpy toolCalled;
    QSignalSpy closed;
    QSignalSpy failed;
    QSignalSpy authorizationRequired;
};

QByteArray unauthorized()
{
    return ScriptedHttpServer::json(401, R"({"error":"invalid_token"})",
                                    { { "WWW-Authenticate",
                                        "Bearer error=\"invalid_token\", "
                                        "resource_metadata=\"http://127.0.0.1:9/.well-known/"
                                        "oauth-protected-resource/mcp\"" } });
}

QString base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString randomString()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return base64Url(bytes);
}

QByteArray form(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &field : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(field.first) + '=' + QUrl::toPercentEncoding(field.second);
    }
    return body;
}

/// Waits for @p reply (owned by the caller's manager) and returns its body.
QByteArray finish(QNetworkReply *reply, int *status)
{
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(15000))
        qWarning("no HTTP answer within 15 s");
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return reply->readAll();
}

enum class Operation { Initialize, ListTools, CallTool, Close, RetryWithToken, Abandon };

void start(McpClient &client, Operation operation)
{
    switch (operation) {
    case Operation::Initialize:
        client.initialize();
        break;
    case Operation::ListTools:
        client.listTools();
        break;
    case Operation::CallTool:
        client.callTool(QStringLiteral("echo"));
        break;
    case Operation::Close:
        client.close();
        break;
    case Operation::RetryWithToken:
        client.retryWithToken(QStringLiteral("x"));
        break;
    case Operation::Abandon:
        client.abandon({ Error::Code::Cancelled, QStringLiteral("x") });
        break;
    }
}

} // namespace

class TestMcpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // scripted server
    void sessionHeadersOnEveryRequest_data();
    void sessionHeadersOnEveryRequest();
    void initializedNotificationAnswer_data();
    void initializedNotificationAnswer();
    void toolsListFollowsCursors();
    void endlessPaginationStops();
    void hugeToolListStops();
    void jsonRpcErrorIsMcpError_data();
    void jsonRpcErrorIsMcpError();
    void unknownSessionIsExpired();
    void failedAnswers_data();
    void failedAnswers();
    void unauthorizedHoldsUntilNewToken_data();
    void unauthorizedHoldsUntilNewToken();
    void insufficientScopeAsksForStepUp_data();
    void insufficientScopeAsksForStepUp();
    void closeDeletesSession_data();
    void closeDeletesSession();
    void closeWithoutSessionMakesNoRequest();
    void misuseBeforeInitializeFailsAsynchronously_data();
    void misuseBeforeInitializeFailsAsynchronously();
    void misuseWhileBusyFailsAsynchronously_data();
    void misuseWhileBusyFailsAsynchronously();
    void silentServerTimesOut();
    void endedStreamIsResumedWithLastEventId();
    void streamThatNeverDeliversFails();
    void streamWithoutEventIdFails();
    void serverRequestsInStreamAreAnswered();
    void elicitationWithoutHandlerIsMethodNotFound();
    // the real MCP SDK server
    void realServerSession_data();
    void realServerSession();
    void realServerWithoutToken();
    // the stateless 2026-07-28 era
    void statelessRequestsCarryHeadersAndMeta();
    void statelessVersionRenegotiation();
    void unsupportedVersionFallsBackToSession();
    // SEP-2322: multi round-trip requests
    void inputRequiredRoundTrips_data();
    void inputRequiredRoundTrips();
    void inputRequiredForeverStops();
    void malformedInputRequiredFails_data();
    void malformedInputRequiredFails();
    void inputRequiredOnlyForToolCalls();

private:
    static bool initialize(Client &client);
    static QString obtainAccessToken(const QUrl &mcpUrl, const QString &scope);
};

bool TestMcpClient::initialize(Client &client)
{
    client.mcp.initialize();
    return client.initialized.wait(10000) && client.mcp.state() == McpClient::State::Ready;
}

// --- scripted server -----------------------------------------------------------

void TestMcpClient::sessionHeadersOnEveryRequest_data()
{
    QTest::addColumn<FakeMcpServer::Format>("format");
    QTest::addRow("json") << FakeMcpServer::Format::Json;
    QTest::addRow("sse") << FakeMcpServer::Format::Sse;
}

void TestMcpClient::sessionHeadersOnEveryRequest()
{
    QFETCH(FakeMcpServer::Format, format);
    FakeMcpServer server(format);
    QVERIFY(server.listen());
    Client client(server.url());
    client.mcp.setAccessToken(QStringLiteral("tok"));

    QVERIFY(initialize(client));
    // The server answered an older revision: that one is used from now on.
    QCOMPARE(client.mcp.protocolVersion(), QStringLiteral("2025-03-26"));
    QCOMPARE(client.mcp.sessionId(), QStringLiteral("session-1"));
    QCOMPARE(client.mcp.serverInfo().value(QLatin1String("name")).toString(),
             QStringLiteral("scripted"));
    QCOMPARE(client.initialized.first()
                 .first()
                 .toJsonObject()
                 .value(QLatin1String("protocolVersion"))
                 .toString(),
             QStringLiteral("2025-03-26"));

    client.mcp.listTools();
    QVERIFY(client.toolsListed.wait());
    QCOMPARE(client.toolsListed.first().first().toJsonArray().size(), 2);
    client.mcp.callTool(QStringLiteral("echo"),
                        { { QLatin1String("text"), QLatin1String("hello there") } });
    QVERIFY(client.toolCalled.wait());
    const QJsonObject called = client.toolCalled.first().first().toJsonObject();
    QCOMPARE(called.value(QLatin1String("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("text")),
             QJsonValue(QLatin1String("hello there")));
    client.mcp.close();
    QVERIFY(client.closed.wait());
    QCOMPARE(client.mcp.state(), McpClient::State::Closed);
    QVERIFY(client.failed.isEmpty());

    // A 2025-era server: it turns server/discover down, initialize follows.
    QList<Request> requests = server.server.requests();
    QCOMPARE(requests.size(), 6);
    QCOMPARE(methodOf(requests.takeFirst()), QStringLiteral("server/discover"));
    QVERIFY(!client.mcp.isStateless());
    const QStringList expected { QStringLiteral("initialize"),
                                 QStringLiteral("notifications/initialized"),
                                 QStringLiteral("tools/list"), QStringLiteral("tools/call"),
                                 QString() };
    qint64 lastId = 0;
    for (int i = 0; i < requests.size(); ++i) {
        const Request &request = requests.at(i);
        QCOMPARE(methodOf(request), expected.at(i));
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok"));
        if (i == 0) {
            QVERIFY(request.header("Mcp-Session-Id").isEmpty());
            QVERIFY(request.header("MCP-Protocol-Version").isEmpty());
        } else {
            QCOMPARE(request.header("Mcp-Session-Id"), QByteArray("session-1"));
            QCOMPARE(request.header("MCP-Protocol-Version"), QByteArray("2025-03-26"));
        }
        if (request.method == "POST") {
            QCOMPARE(request.header("Accept"), QByteArray("application/json, text/event-stream"));
            QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        }
        // Requests carry increasing ids; the notification carries none.
        const QJsonObject message = messageOf(request);
        if (i == 0 || i == 2 || i == 3) {
            const qint64 id = message.value(QLatin1String("id")).toInteger();
            QVERIFY2(id > lastId, qPrintable(QString::number(id)));
            lastId = id;
        } else if (i == 1) {
            QVERIFY(!message.contains(QLatin1String("id")));
        }
    }
    QCOMPARE(requests.last().method, QByteArray("DELETE"));

    const QJsonObject params
        = messageOf(requests.first()).value(QLatin1String("params")).toObject();
    QCOMPARE(params.value(QLatin1String("protocolVersion")).toString(),
             QStringLiteral("2025-06-18"));
    QCOMPARE(params.value(QLatin1String("clientInfo")).toObject().value(QLatin1String("name")),
             QJsonValue(QLatin1String("mcp-accounts")));
    QVERIFY(params.value(QLatin1String("capabilities")).isObject());

    const QString trace = client.trace.toText();
    QVERIFY2(trace.contains(QLatin1String("POST initialize: HTTP 200, session started, "
                                          "protocol 2025-03-26")),
             qPrintable(trace));
    QVERIFY2(trace.contains(QLatin1String("POST tools/list: 2 tools")), qPrintable(trace));
    QVERIFY2(!trace.contains(QLatin1String("Bearer")), qPrintable(trace));
}

void TestMcpClient::initializedNotificationAnswer_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("ready");
    QTest::addRow("202 accepted") << 202 << true;
    QTest::addRow("200 ok") << 200 << true;
    QTest::addRow("204 no content") << 204 << false;
    QTest::addRow("400 bad request") << 400 << false;
    QTest::addRow("500 server error") << 500 << false;
}

void TestMcpClient::initializedNotificationAnswer()
{
    QFETCH(int, status);
    QFETCH(bool, ready);
    FakeMcpServer server;
    server.notificationStatus = status;
    QVERIFY(server.listen());
    Client client(server.url());
    client.mcp.initialize();
    QTRY_VERIFY(!client.initialized.isEmpty() || !client.failed.isEmpty());
    QCOMPARE(server.requests(QStringLiteral("notifications/initialized")).size(), 1);
    if (ready) {
        QCOMPARE(client.mcp.state(), McpClient::State::Ready);
        QVERIFY(client.failed.isEmpty());
    } else {
        QCOMPARE(client.mcp.state(), McpClient::State::Failed);
        QVERIFY(client.initialized.isEmpty());
        QCOMPARE(client.lastError().code(), Error::Code::HttpStatus);
        QVERIFY2(client.lastError().detail().contains(QString::number(status)),
                 qPrintable(client.lastError().detail()));
    }
}

void TestMcpClient::toolsListFollowsCursors()
{
    FakeMcpServer server(FakeMcpServer::Format::Sse);
    server.toolPages = 3;
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.listTools();
    QVERIFY(client.toolsListed.wait());

    QStringList names;
    const QJsonArray tools = client.toolsListed.first().first().toJsonArray();
    for (const QJsonValue &tool : tools)
        names.append(tool.toObject().value(QLatin1String("name")).toString());
    QCOMPARE(
        names,
        QStringList({ QStringLiteral("t0-a"), QStringLiteral("t0-b"), QStringLiteral("t1-a"),
                      QStringLiteral("t1-b"), QStringLiteral("t2-a"), QStringLiteral("t2-b") }));

    const QList<Request> pages = server.requests(QStringLiteral("tools/list"));
    QCOMPARE(pages.size(), 3);
    QStringList cursors;
    for (const Request &page : pages) {
        const QJsonObject params = messageOf(page).value(QLatin1String("params")).toObject();
        cursors.append(params.contains(QLatin1String("cursor"))
                           ? params.value(QLatin1String("cursor")).toString()
                           : QStringLiteral("(none)"));
    }
    QCOMPARE(cursors,
             QStringList({ QStringLiteral("(none)"), QStringLiteral("p1"), QStringLiteral("p2") }));
    QCOMPARE(client.mcp.state(), McpClient::State::Ready);
    QVERIFY(client.trace.toText().contains(QLatin1String("6 tools in 3 pages")));
}

void TestMcpClient::endlessPaginationStops()
{
    FakeMcpServer server;
    server.toolPages = 1000000;
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.listTools();
    QVERIFY(client.failed.wait(30000));
    QCOMPARE(client.lastError().code(), Error::Code::McpError);
    QVERIFY(client.toolsListed.isEmpty());
    QCOMPARE(server.requests(QStringLiteral("tools/list")).size(), 100);
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);
}

void TestMcpClient::hugeToolListStops()
{
    // Pages of 3 MiB each (under the 4 MiB a page may have), without end:
    // the client stops once the pages together pass 16 MiB.
    FakeMcpServer server;
    server.toolPages = 1000000;
    server.toolDescriptionSize = 1536 * 1024;
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.listTools();
    QVERIFY(client.failed.wait(60000));
    QCOMPARE(client.lastError().code(), Error::Code::McpError);
    QVERIFY2(client.lastError().detail().contains(QLatin1String("16 MiB")),
             qPrintable(client.lastError().detail()));
    QVERIFY(client.toolsListed.isEmpty());
    QCOMPARE(server.requests(QStringLiteral("tools/list")).size(), 6);
}

void TestMcpClient::jsonRpcErrorIsMcpError_data()
{
    QTest::addColumn<FakeMcpServer::Format>("format");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    QTest::addRow("json") << FakeMcpServer::Format::Json << QStringLiteral("Unknown tool: nope")
                          << QStringLiteral("-32602: Unknown tool: nope");
    QTest::addRow("sse") << FakeMcpServer::Format::Sse << QStringLiteral("Unknown tool: nope")
                         << QStringLiteral("-32602: Unknown tool: nope");
    QTest::addRow("long message is cut")
        << FakeMcpServer::Format::Json << QString(5000, QLatin1Char('x'))
        << QStringLiteral("-32602: ") + QString(300, QLatin1Char('x')) + QStringLiteral("...");
}

void TestMcpClient::jsonRpcErrorIsMcpError()
{
    QFETCH(FakeMcpServer::Format, format);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    FakeMcpServer server(format);
    server.intercept = [&server, message](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) != QLatin1String("tools/call"))
            return std::nullopt;
        const QJsonObject error { { QLatin1String("code"), -32602 },
                                  { QLatin1String("message"), message } };
        return server.rpcAnswer(
            { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
              { QLatin1String("id"), messageOf(request).value(QLatin1String("id")) },
              { QLatin1String("error"), error } });
    };
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("nope"));
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::McpError);
    QCOMPARE(client.lastError().detail(), expected);
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);
    QVERIFY(client.toolCalled.isEmpty());

    // A failed client still ends its session.
    client.mcp.close();
    QVERIFY(client.closed.wait());
    QCOMPARE(server.requests(QStringLiteral("DELETE")).size(), 1);
}

void TestMcpClient::unknownSessionIsExpired()
{
    FakeMcpServer server;
    server.intercept = [](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) != QLatin1String("tools/list"))
            return std::nullopt;
        return ScriptedHttpServer::json(
            404,
            R"({"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null})");
    };
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.listTools();
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::McpError);
    QVERIFY2(client.lastError().detail().contains(QLatin1String("session expired")),
             qPrintable(client.lastError().detail()));
    QVERIFY(client.mcp.sessionId().isEmpty());

    // The server forgot the session: nothing left to DELETE.
    const qsizetype before = server.server.requests().size();
    client.mcp.close();
    QVERIFY(client.closed.wait());
    QCOMPARE(server.server.requests().size(), before);

    // A new session can be started on the same client.
    QVERIFY(initialize(client));
    QCOMPARE(client.mcp.sessionId(), QStringLiteral("session-1"));
}

void TestMcpClient::failedAnswers_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<Error::Code>("error");
    QTest::addRow("404 without a session")
        << ScriptedHttpServer::response(404, "text/plain", "no") << Error::Code::HttpStatus;
    QTest::addRow("500") << ScriptedHttpServer::json(500, "{}") << Error::Code::HttpStatus;
    QTest::addRow("403 without challenge")
        << ScriptedHttpServer::json(403, "{}") << Error::Code::HttpStatus;
    QTest::addRow("403 invalid_token") << ScriptedHttpServer::json(
        403, "{}", { { "WWW-Authenticate", "Bearer error=\"invalid_token\"" } })
                                       << Error::Code::HttpStatus;
    QTest::addRow("html") << ScriptedHttpServer::response(200, "text/html", "<p>hi</p>")
                          << Error::Code::UnexpectedContentType;
    QTest::addRow("broken json") << ScriptedHttpServer::json(200, "{\"jsonrpc\":")
                                 << Error::Code::MalformedResponse;
    QTest::addRow("other id") << ScriptedHttpServer::json(
        200, R"({"jsonrpc":"2.0","id":99,"result":{"protocolVersion":"2025-06-18"}})")
                              << Error::Code::MalformedResponse;
    QTest::addRow("no protocolVersion")
        << ScriptedHttpServer::json(200, R"({"jsonrpc":"2.0","id":2,"result":{}})")
        << Error::Code::MalformedResponse;
    // The version goes into every later request's MCP-Protocol-Version header.
    QTest::addRow("protocolVersion with CR LF") << ScriptedHttpServer::json(
        200,
        R"({"jsonrpc":"2.0","id":2,"result":{"protocolVersion":"2025-06-18\r\nX-Injected: 1"}})")
                                                << Error::Code::MalformedResponse;
    QTest::addRow("protocolVersion of 200 characters")
        << ScriptedHttpServer::json(200,
                                    R"({"jsonrpc":"2.0","id":2,"result":{"protocolVersion":")"
                                        + QByteArray(200, '9') + R"("}})")
        << Error::Code::MalformedResponse;
    QTest::addRow("json-rpc error") << ScriptedHttpServer::json(
        200, R"({"jsonrpc":"2.0","id":2,"error":{"code":-32600,"message":"no"}})")
                                    << Error::Code::McpError;
}

void TestMcpClient::failedAnswers()
{
    QFETCH(QByteArray, answer);
    QFETCH(Error::Code, error);
    FakeMcpServer server;
    // server/discover gets the fake's 400: the answer goes to initialize (id 2).
    server.intercept = [answer](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) == QLatin1String("server/discover"))
            return std::nullopt;
        return answer;
    };
    QVERIFY(server.listen());
    Client client(server.url());
    QSignalSpy states(&client.mcp, &McpClient::stateChanged);
    client.mcp.initialize();
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), error);
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);
    QVERIFY(client.authorizationRequired.isEmpty());
    QVERIFY(client.initialized.isEmpty());
    QCOMPARE(server.server.requests().size(), 2);
    QCOMPARE(states.first().first().value<McpClient::State>(), McpClient::State::Initializing);
}

void TestMcpClient::unauthorizedHoldsUntilNewToken_data()
{
    QTest::addColumn<QString>("heldMethod");
    QTest::addRow("initialize") << QStringLiteral("initialize");
    QTest::addRow("tools/list") << QStringLiteral("tools/list");
}

void TestMcpClient::unauthorizedHoldsUntilNewToken()
{
    QFETCH(QString, heldMethod);
    FakeMcpServer server(FakeMcpServer::Format::Sse);
    // "tok" is good until the held method is sent; from then on only "new" is.
    QByteArray accepted = "Bearer tok";
    server.intercept
        = [&accepted, heldMethod](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) == heldMethod)
            accepted = "Bearer new";
        if (request.header("Authorization") == accepted)
            return std::nullopt;
        return unauthorized();
    };
    QVERIFY(server.listen());
    Client client(server.url());
    client.mcp.setAccessToken(QStringLiteral("tok"));

    if (heldMethod == QLatin1String("initialize")) {
        client.mcp.initialize();
    } else {
        QVERIFY(initialize(client));
        client.mcp.listTools();
    }
    QVERIFY(client.authorizationRequired.wait());
    QCOMPARE(client.lastChallengeStatus(), 401);
    QCOMPARE(client.lastChallenge().error, QStringLiteral("invalid_token"));
    QCOMPARE(client.lastChallenge().resourceMetadata.path(),
             QStringLiteral("/.well-known/oauth-protected-resource/mcp"));
    QCOMPARE(client.mcp.state(), McpClient::State::WaitingForAuthorization);
    QVERIFY(client.failed.isEmpty());

    // The held request blocks other operations until the owner answers.
    client.mcp.callTool(QStringLiteral("echo"));
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::Internal);
    QCOMPARE(client.mcp.state(), McpClient::State::WaitingForAuthorization);

    client.mcp.retryWithToken(QStringLiteral("new"));
    if (heldMethod == QLatin1String("initialize")) {
        QVERIFY(client.initialized.wait());
        QCOMPARE(client.mcp.sessionId(), QStringLiteral("session-1"));
    } else {
        QVERIFY(client.toolsListed.wait());
    }
    QCOMPARE(client.mcp.state(), McpClient::State::Ready);
    QCOMPARE(client.authorizationRequired.size(), 1);

    const QList<Request> held = server.requests(heldMethod);
    QCOMPARE(held.size(), 2);
    QCOMPARE(held.at(0).header("Authorization"), QByteArray("Bearer tok"));
    QCOMPARE(held.at(1).header("Authorization"), QByteArray("Bearer new"));
    QCOMPARE(held.at(1).body, held.at(0).body); // the same JSON-RPC message again
    // The new token is kept for what follows.
    QCOMPARE(server.server.requests().last().header("Authorization"), QByteArray("Bearer new"));
    const QString trace = client.trace.toText();
    QVERIFY2(trace.contains(QLatin1String("401: authorization required")), qPrintable(trace));
    QVERIFY2(!trace.contains(QLatin1String("Bearer")), qPrintable(trace));
}

void TestMcpClient::insufficientScopeAsksForStepUp_data()
{
    QTest::addColumn<Operation>("answer");
    QTest::addRow("abandon") << Operation::Abandon;
    QTest::addRow("retry with a wider token") << Operation::RetryWithToken;
    QTest::addRow("close instead") << Operation::Close;
}

void TestMcpClient::insufficientScopeAsksForStepUp()
{
    QFETCH(Operation, answer);
    FakeMcpServer server;
    server.intercept = [](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) != QLatin1String("tools/call")
            || request.header("Authorization") == "Bearer wide")
            return std::nullopt;
        return ScriptedHttpServer::json(403, R"({"error":"insufficient_scope"})",
                                        { { "WWW-Authenticate",
                                            "Bearer error=\"insufficient_scope\", scope=\"a b\", "
                                            "resource_metadata=\"http://127.0.0.1:9/.well-known/"
                                            "oauth-protected-resource\"" } });
    };
    QVERIFY(server.listen());
    Client client(server.url());
    client.mcp.setAccessToken(QStringLiteral("narrow"));
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("admin"), { { QLatin1String("text"), QLatin1String("x") } });
    QVERIFY(client.authorizationRequired.wait());
    QCOMPARE(client.lastChallengeStatus(), 403);
    QCOMPARE(client.lastChallenge().scope, QStringLiteral("a b"));
    QCOMPARE(client.lastChallenge().error, QStringLiteral("insufficient_scope"));
    QCOMPARE(client.mcp.state(), McpClient::State::WaitingForAuthorization);

    if (answer == Operation::RetryWithToken) {
        client.mcp.retryWithToken(QStringLiteral("wide"));
        QVERIFY(client.toolCalled.wait());
        QCOMPARE(client.mcp.state(), McpClient::State::Ready);
        QCOMPARE(server.requests(QStringLiteral("tools/call")).size(), 2);
        return;
    }
    if (answer == Operation::Close) {
        // The owner may also give up by closing: the held request is dropped.
        client.mcp.close();
        QVERIFY(client.closed.wait());
        QVERIFY(client.failed.isEmpty());
        QCOMPARE(client.mcp.state(), McpClient::State::Closed);
        QCOMPARE(server.requests(QStringLiteral("tools/call")).size(), 1);
        QCOMPARE(server.requests(QStringLiteral("DELETE")).size(), 1);
        return;
    }
    client.mcp.abandon({ Error::Code::InsufficientScope, QStringLiteral("user declined") });
    QVERIFY(client.failed.isEmpty()); // delivered asynchronously
    QVERIFY(client.failed.wait());
    QCOMPARE(client.failed.size(), 1);
    QCOMPARE(client.lastError().code(), Error::Code::InsufficientScope);
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);
    QVERIFY(client.toolCalled.isEmpty());
    QCOMPARE(server.requests(QStringLiteral("tools/call")).size(), 1);

    client.mcp.close();
    QVERIFY(client.closed.wait());
    QCOMPARE(server.requests(QStringLiteral("DELETE")).size(), 1);
}

void TestMcpClient::closeDeletesSession_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addRow("200") << ScriptedHttpServer::response(200, {}, {});
    QTest::addRow("405 not allowed") << ScriptedHttpServer::response(405, {}, {});
    QTest::addRow("404 already gone") << ScriptedHttpServer::json(404, "{}");
    QTest::addRow("401") << unauthorized();
    QTest::addRow("never answers") << QByteArray();
}

void TestMcpClient::closeDeletesSession()
{
    QFETCH(QByteArray, answer);
    FakeMcpServer server;
    server.intercept = [answer](const Request &request) -> std::optional<QByteArray> {
        if (request.method != "DELETE")
            return std::nullopt;
        return answer;
    };
    QVERIFY(server.listen());
    Client client(server.url());
    client.mcp.setAccessToken(QStringLiteral("tok"));
    client.mcp.setTimeout(std::chrono::milliseconds(answer.isEmpty() ? 300 : 10000));
    QVERIFY(initialize(client));
    client.mcp.close();
    QCOMPARE(client.mcp.state(), McpClient::State::Closing);
    QVERIFY(client.closed.wait());
    QCOMPARE(client.closed.size(), 1);
    QCOMPARE(client.mcp.state(), McpClient::State::Closed);
    QVERIFY(client.failed.isEmpty());

    const QList<Request> deletes = server.requests(QStringLiteral("DELETE"));
    QCOMPARE(deletes.size(), 1);
    QCOMPARE(deletes.first().header("Mcp-Session-Id"), QByteArray("session-1"));
    QCOMPARE(deletes.first().header("MCP-Protocol-Version"), QByteArray("2025-03-26"));
    QCOMPARE(deletes.first().header("Authorization"), QByteArray("Bearer tok"));
}

void TestMcpClient::closeWithoutSessionMakesNoRequest()
{
    FakeMcpServer server;
    server.sessionId.clear();
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    QVERIFY(client.mcp.sessionId().isEmpty());
    // Without a session there is no Mcp-Session-Id on later requests either.
    QVERIFY(server.server.requests().last().header("Mcp-Session-Id").isEmpty());
    const qsizetype before = server.server.requests().size();

    client.mcp.close();
    QVERIFY(client.closed.isEmpty()); // delivered asynchronously
    QVERIFY(client.closed.wait());
    QCOMPARE(client.mcp.state(), McpClient::State::Closed);
    QCOMPARE(server.server.requests().size(), before);

    // Never initialized: the same, with no request at all.
    FakeMcpServer idle;
    QVERIFY(idle.listen());
    Client fresh(idle.url());
    fresh.mcp.close();
    QVERIFY(fresh.closed.isEmpty());
    QVERIFY(fresh.closed.wait());
    QVERIFY(idle.server.requests().isEmpty());
}

void TestMcpClient::misuseBeforeInitializeFailsAsynchronously_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addRow("listTools") << Operation::ListTools;
    QTest::addRow("callTool") << Operation::CallTool;
    QTest::addRow("retryWithToken") << Operation::RetryWithToken;
    QTest::addRow("abandon") << Operation::Abandon;
}

void TestMcpClient::misuseBeforeInitializeFailsAsynchronously()
{
    QFETCH(Operation, operation);
    FakeMcpServer server;
    QVERIFY(server.listen());
    Client client(server.url());
    start(client.mcp, operation);
    QVERIFY(client.failed.isEmpty());
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::Internal);
    QCOMPARE(client.mcp.state(), McpClient::State::Disconnected);
    QVERIFY(server.server.requests().isEmpty());
}

void TestMcpClient::misuseWhileBusyFailsAsynchronously_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::addRow("initialize") << Operation::Initialize;
    QTest::addRow("listTools") << Operation::ListTools;
    QTest::addRow("callTool") << Operation::CallTool;
    QTest::addRow("close") << Operation::Close;
    QTest::addRow("retryWithToken") << Operation::RetryWithToken;
}

void TestMcpClient::misuseWhileBusyFailsAsynchronously()
{
    QFETCH(Operation, operation);
    FakeMcpServer server;
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("echo"), { { QLatin1String("text"), QLatin1String("1") } });
    QCOMPARE(client.mcp.state(), McpClient::State::Busy);
    start(client.mcp, operation);
    QVERIFY(client.failed.isEmpty());
    QCOMPARE(client.mcp.state(), McpClient::State::Busy);

    // The refusal arrives, and the call in progress still completes.
    QTRY_COMPARE(client.failed.size(), 1);
    QCOMPARE(client.lastError().code(), Error::Code::Internal);
    QVERIFY2(client.lastError().detail().contains(QLatin1String("Busy")),
             qPrintable(client.lastError().detail()));
    QTRY_COMPARE(client.toolCalled.size(), 1);
    QCOMPARE(client.mcp.state(), McpClient::State::Ready);
    QCOMPARE(server.requests(QStringLiteral("tools/call")).size(), 1);
    QCOMPARE(server.requests(QStringLiteral("initialize")).size(), 1);
}

void TestMcpClient::silentServerTimesOut()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.setHandler([](const Request &) { return QByteArray(); });
    Client client(server.url(QStringLiteral("/mcp")));
    client.mcp.setTimeout(std::chrono::milliseconds(300));
    client.mcp.initialize();
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::Timeout);
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);
    QCOMPARE(server.requests().size(), 1);
}

// --- SSE answers: resuming, server requests ------------------------------------

namespace {

QByteArray sse(const QByteArray &events)
{
    return ScriptedHttpServer::response(200, "text/event-stream", events);
}

QByteArray sseMessage(const QJsonObject &message, const QByteArray &id = {})
{
    QByteArray event = "event: message\n";
    if (!id.isEmpty())
        event += "id: " + id + "\n";
    return event + "data: " + QJsonDocument(message).toJson(QJsonDocument::Compact) + "\n\n";
}

QList<Request> requestsWithMethod(const ScriptedHttpServer &server, const QByteArray &method)
{
    QList<Request> found;
    for (const Request &request : server.requests()) {
        if (request.method == method)
            found.append(request);
    }
    return found;
}

/// The client's POSTed answer to the server's request @p id, if it came.
std::optional<QJsonObject> answerTo(const ScriptedHttpServer &server, const QJsonValue &id)
{
    for (const Request &request : server.requests()) {
        const QJsonObject message = messageOf(request);
        if (request.method == "POST" && !message.contains(QLatin1String("method"))
            && message.value(QLatin1String("id")) == id)
            return message;
    }
    return std::nullopt;
}

QJsonObject serverRequest(const QJsonValue &id, const QString &method,
                          const QJsonObject &params = {})
{
    return { { QLatin1String("jsonrpc"), QLatin1String("2.0") },
             { QLatin1String("id"), id },
             { QLatin1String("method"), method },
             { QLatin1String("params"), params } };
}

} // namespace

void TestMcpClient::endedStreamIsResumedWithLastEventId()
{
    FakeMcpServer server;
    QVERIFY(server.listen());
    QJsonObject call;
    server.intercept = [&](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) == QLatin1String("tools/call")) {
            call = messageOf(request);
            // A priming event, then a graceful end without the response.
            return sse("id: e1\nretry: 5\ndata: \n\n");
        }
        if (request.method == "GET") {
            const QJsonObject content { { QLatin1String("type"), QLatin1String("text") },
                                        { QLatin1String("text"), QLatin1String("resumed") } };
            return sse(
                "id: e2\ndata: \n\n"
                + sseMessage(FakeMcpServer::result(
                                 call, { { QLatin1String("content"), QJsonArray { content } } }),
                             "e3"));
        }
        return std::nullopt;
    };
    Client client(server.url());
    client.mcp.setAccessToken(QStringLiteral("tok"));
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("echo"));
    QVERIFY(client.toolCalled.wait());
    QCOMPARE(client.toolCalled.first()
                 .first()
                 .toJsonObject()
                 .value(QLatin1String("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("text")),
             QJsonValue(QLatin1String("resumed")));
    const QList<Request> gets = requestsWithMethod(server.server, "GET");
    QCOMPARE(gets.size(), 1);
    const Request &get = gets.first();
    QCOMPARE(get.header("Last-Event-ID"), QByteArray("e1"));
    QVERIFY(get.header("Accept").contains("text/event-stream"));
    QCOMPARE(get.header("Mcp-Session-Id"), QByteArray("session-1"));
    QCOMPARE(get.header("MCP-Protocol-Version"), QByteArray("2025-03-26"));
    QCOMPARE(get.header("Authorization"), QByteArray("Bearer tok"));
    QCOMPARE(client.mcp.state(), McpClient::State::Ready);
}

void TestMcpClient::streamThatNeverDeliversFails()
{
    FakeMcpServer server;
    QVERIFY(server.listen());
    int gets = 0;
    server.intercept = [&](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) == QLatin1String("tools/call"))
            return sse("id: p0\nretry: 1\ndata: \n\n");
        if (request.method == "GET") {
            ++gets;
            return sse("id: g" + QByteArray::number(gets) + "\nretry: 1\ndata: \n\n");
        }
        return std::nullopt;
    };
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("echo"));
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::McpError);
    QVERIFY2(client.lastError().detail().contains(QLatin1String("ended without the response")),
             qPrintable(client.lastError().detail()));
    QCOMPARE(client.toolCalled.size(), 0);
    const QList<Request> resumes = requestsWithMethod(server.server, "GET");
    QCOMPARE(resumes.size(), 3);
    // Each resume names the newest event id seen.
    QCOMPARE(resumes.at(0).header("Last-Event-ID"), QByteArray("p0"));
    QCOMPARE(resumes.at(1).header("Last-Event-ID"), QByteArray("g1"));
    QCOMPARE(resumes.at(2).header("Last-Event-ID"), QByteArray("g2"));
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);
}

void TestMcpClient::streamWithoutEventIdFails()
{
    FakeMcpServer server;
    QVERIFY(server.listen());
    server.intercept = [&](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) == QLatin1String("tools/call"))
            return sse("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/"
                       "message\",\"params\":{}}\n\n");
        return std::nullopt;
    };
    Client client(server.url());
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("echo"));
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::MalformedResponse);
    QCOMPARE(requestsWithMethod(server.server, "GET").size(), 0);
}

void TestMcpClient::serverRequestsInStreamAreAnswered()
{
    FakeMcpServer server;
    QVERIFY(server.listen());
    const QJsonObject schema {
        { QLatin1String("type"), QLatin1String("object") },
        { QLatin1String("properties"),
          QJsonObject { { QLatin1String("name"),
                          QJsonObject { { QLatin1String("type"), QLatin1String("string") } } },
                        { QLatin1String("age"),
                          QJsonObject { { QLatin1String("type"), QLatin1String("integer") },
                                        { QLatin1String("default"), 30 } } } } },
        { QLatin1String("required"), QJsonArray { QLatin1String("name") } },
    };
    server.intercept = [&](const Request &request) -> std::optional<QByteArray> {
        const QJsonObject message = messageOf(request);
        if (methodOf(request) == QLatin1String("tools/call")) {
            const QJsonObject elicit { { QLatin1String("message"), QLatin1String("Who?\x1b[2J") },
                                       { QLatin1String("requestedSchema"), schema } };
            return sse(sseMessage(serverRequest(100, QStringLiteral("ping")), "s1")
                       + sseMessage(serverRequest(QStringLiteral("el-1"),
                                                  QStringLiteral("elicitation/create"), elicit))
                       + sseMessage(serverRequest(7, QStringLiteral("sampling/createMessage")))
                       + sseMessage(FakeMcpServer::result(message, {})));
        }
        if (request.method == "GET")
            return ScriptedHttpServer::response(405, {}, {});
        if (request.method == "POST" && !message.contains(QLatin1String("method")))
            return ScriptedHttpServer::response(202, {}, {});
        return std::nullopt;
    };
    ElicitationAnswerer answerer;
    answerer.setGivenValues({ { QLatin1String("name"), QLatin1String("Ann") } });
    Client client(server.url());
    client.mcp.setServerRequestHandler(&answerer);
    QVERIFY(initialize(client));
    const QJsonObject capabilities
        = messageOf(server.requests(QStringLiteral("initialize")).first())
              .value(QLatin1String("params"))
              .toObject()
              .value(QLatin1String("capabilities"))
              .toObject();
    QVERIFY(capabilities.value(QLatin1String("elicitation")).isObject());

    client.mcp.callTool(QStringLiteral("echo"));
    QVERIFY(client.toolCalled.wait());
    QTRY_VERIFY(answerTo(server.server, 7).has_value());
    QTRY_VERIFY(answerTo(server.server, 100).has_value());
    QTRY_VERIFY(answerTo(server.server, QStringLiteral("el-1")).has_value());

    const QJsonObject pong = *answerTo(server.server, 100);
    QCOMPARE(pong.value(QLatin1String("result")), QJsonValue(QJsonObject()));
    QCOMPARE(pong.value(QLatin1String("jsonrpc")), QJsonValue(QLatin1String("2.0")));

    const QJsonObject elicited = answerTo(server.server, QStringLiteral("el-1"))
                                     ->value(QLatin1String("result"))
                                     .toObject();
    QCOMPARE(elicited.value(QLatin1String("action")), QJsonValue(QLatin1String("accept")));
    const QJsonObject content { { QLatin1String("name"), QLatin1String("Ann") },
                                { QLatin1String("age"), 30 } };
    QCOMPARE(elicited.value(QLatin1String("content")).toObject(), content);

    const QJsonObject unknown = *answerTo(server.server, 7);
    QCOMPARE(unknown.value(QLatin1String("error")).toObject().value(QLatin1String("code")),
             QJsonValue(-32601));
    // The answers belong to the session.
    for (const Request &request : server.server.requests()) {
        if (request.method == "POST" && methodOf(request) != QLatin1String("initialize")
            && methodOf(request) != QLatin1String("server/discover"))
            QCOMPARE(request.header("Mcp-Session-Id"), QByteArray("session-1"));
    }
    QCOMPARE(client.mcp.state(), McpClient::State::Ready);
}

void TestMcpClient::elicitationWithoutHandlerIsMethodNotFound()
{
    FakeMcpServer server;
    QVERIFY(server.listen());
    server.intercept = [&](const Request &request) -> std::optional<QByteArray> {
        const QJsonObject message = messageOf(request);
        if (methodOf(request) == QLatin1String("tools/call"))
            return sse(sseMessage(serverRequest(3, QStringLiteral("elicitation/create")))
                       + sseMessage(FakeMcpServer::result(message, {})));
        if (request.method == "POST" && !message.contains(QLatin1String("method")))
            return ScriptedHttpServer::response(202, {}, {});
        return std::nullopt;
    };
    Client client(server.url());
    QVERIFY(initialize(client));
    const QJsonObject capabilities
        = messageOf(server.requests(QStringLiteral("initialize")).first())
              .value(QLatin1String("params"))
              .toObject()
              .value(QLatin1String("capabilities"))
              .toObject();
    QVERIFY(!capabilities.contains(QLatin1String("elicitation")));
    client.mcp.callTool(QStringLiteral("echo"));
    QVERIFY(client.toolCalled.wait());
    QTRY_VERIFY(answerTo(server.server, 3).has_value());
    QCOMPARE(answerTo(server.server, 3)
                 ->value(QLatin1String("error"))
                 .toObject()
                 .value(QLatin1String("code")),
             QJsonValue(-32601));
    // Without a handler there is no listening GET either.
    QCOMPARE(requestsWithMethod(server.server, "GET").size(), 0);
}

// --- the real MCP SDK server -------------------------------------------------

/// What a browser plus a token client do, with a plain QNetworkAccessManager:
/// DCR (public client) -> /authorize (consent "none" answers 302 with the
/// code) -> /token with PKCE and the resource. Empty on any failure.
QString TestMcpClient::obtainAccessToken(const QUrl &mcpUrl, const QString &scope)
{
    QNetworkAccessManager manager;
    const QUrl base = mcpUrl.resolved(QUrl(QStringLiteral("/")));
    const QString redirectUri = QStringLiteral("http://127.0.0.1:1/callback");
    int status = 0;

    QNetworkRequest registration(base.resolved(QUrl(QStringLiteral("register"))));
    registration.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/json"));
    const QJsonObject metadata {
        { QLatin1String("client_name"), QLatin1String("tst_mcpclient") },
        { QLatin1String("redirect_uris"), QJsonArray { redirectUri } },
        { QLatin1String("token_endpoint_auth_method"), QLatin1String("none") },
        { QLatin1String("grant_types"), QJsonArray { QLatin1String("authorization_code") } },
        { QLatin1String("response_types"), QJsonArray { QLatin1String("code") } },
    };
    std::unique_ptr<QNetworkReply> reply(
        manager.post(registration, QJsonDocument(metadata).toJson(QJsonDocument::Compact)));
    const QString clientId = QJsonDocument::fromJson(finish(reply.get(), &status))
                                 .object()
                                 .value(QLatin1String("client_id"))
                                 .toString();
    if (status != 201 || clientId.isEmpty()) {
        qWarning("registration failed with HTTP %d", status);
        return {};
    }

    const QString verifier = randomString();
    const QString state = randomString();
    QUrl authorize = base.resolved(QUrl(QStringLiteral("authorize")));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    query.addQueryItem(
        QStringLiteral("code_challenge"),
        base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("state"), state);
    query.addQueryItem(QStringLiteral("resource"), mcpUrl.toString());
    query.addQueryItem(QStringLiteral("scope"), scope);
    authorize.setQuery(query);
    QNetworkRequest authorization(authorize);
    authorization.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                               QNetworkRequest::ManualRedirectPolicy);
    reply.reset(manager.get(authorization));
    finish(reply.get(), &status);
    const QUrlQuery callback(
        QUrl(QString::fromUtf8(reply->rawHeader("Location")), QUrl::StrictMode));
    const QString code = callback.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (status != 302 || code.isEmpty()
        || callback.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != state) {
        qWarning("authorization failed with HTTP %d", status);
        return {};
    }

    QNetworkRequest token(base.resolved(QUrl(QStringLiteral("token"))));
    token.setHeader(QNetworkRequest::ContentTypeHeader,
                    QByteArrayLiteral("application/x-www-form-urlencoded"));
    reply.reset(
        manager.post(token,
                     form({ { QStringLiteral("grant_type"), QStringLiteral("authorization_code") },
                            { QStringLiteral("code"), code },
                            { QStringLiteral("redirect_uri"), redirectUri },
                            { QStringLiteral("code_verifier"), verifier },
                            { QStringLiteral("client_id"), clientId },
                            { QStringLiteral("resource"), mcpUrl.toString() } })));
    const QString accessToken = QJsonDocument::fromJson(finish(reply.get(), &status))
                                    .object()
                                    .value(QLatin1String("access_token"))
                                    .toString();
    if (status != 200 || accessToken.isEmpty())
        qWarning("token request failed with HTTP %d", status);
    return accessToken;
}

void TestMcpClient::realServerSession_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("sse") << QStringList();
    QTest::addRow("json") << QStringList { QStringLiteral("--json-response") };
}

void TestMcpClient::realServerSession()
{
    QFETCH(QStringList, arguments);
    TestServer server(TestServer::Kind::Sdk, arguments);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString token = obtainAccessToken(server.mcpUrl(), QStringLiteral("mcp:read"));
    QVERIFY(!token.isEmpty());

    Client client(server.mcpUrl());
    client.mcp.setAccessToken(token);
    QVERIFY(initialize(client));
    QCOMPARE(client.mcp.protocolVersion(), QStringLiteral("2025-06-18"));
    QVERIFY(!client.mcp.sessionId().isEmpty());
    QVERIFY(!client.mcp.serverInfo().value(QLatin1String("name")).toString().isEmpty());
    QCOMPARE(server.stats().value(QLatin1String("sessions")).toInt(), 1);

    client.mcp.listTools();
    QVERIFY(client.toolsListed.wait());
    QStringList names;
    const QJsonArray tools = client.toolsListed.first().first().toJsonArray();
    for (const QJsonValue &tool : tools)
        names.append(tool.toObject().value(QLatin1String("name")).toString());
    for (const char *expected : { "echo", "whoami", "admin_echo" })
        QVERIFY2(names.contains(QLatin1String(expected)), qPrintable(names.join(QLatin1Char(','))));

    client.mcp.callTool(QStringLiteral("echo"),
                        { { QLatin1String("text"), QLatin1String("hello, server") } });
    QVERIFY(client.toolCalled.wait());
    const QJsonObject echoed = client.toolCalled.last().first().toJsonObject();
    QCOMPARE(echoed.value(QLatin1String("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("text")),
             QJsonValue(QLatin1String("hello, server")));
    QVERIFY(!echoed.value(QLatin1String("isError")).toBool());

    client.mcp.callTool(QStringLiteral("admin_echo"),
                        { { QLatin1String("text"), QLatin1String("admin") } });
    QVERIFY(client.authorizationRequired.wait());
    QCOMPARE(client.lastChallengeStatus(), 403);
    QCOMPARE(client.lastChallenge().error, QStringLiteral("insufficient_scope"));
    QVERIFY2(
        client.lastChallenge().scope.split(QLatin1Char(' ')).contains(QLatin1String("mcp:admin")),
        qPrintable(client.lastChallenge().scope));
    client.mcp.abandon(
        { Error::Code::InsufficientScope, QStringLiteral("no step-up in this test") });
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::InsufficientScope);

    const QByteArray sessionId = client.mcp.sessionId().toLatin1();
    client.mcp.close();
    QVERIFY(client.closed.wait());
    QCOMPARE(client.mcp.state(), McpClient::State::Closed);
    QCOMPARE(server.stats().value(QLatin1String("sessions")).toInt(), 0);

    // The old session id is gone on the server: a request with it gets 404.
    QNetworkAccessManager manager;
    QNetworkRequest request(server.mcpUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("Authorization", QByteArray("Bearer " + token.toLatin1()));
    request.setRawHeader("Mcp-Session-Id", sessionId);
    request.setRawHeader("MCP-Protocol-Version", "2025-06-18");
    std::unique_ptr<QNetworkReply> reply(
        manager.post(request, R"({"jsonrpc":"2.0","id":9,"method":"tools/list"})"));
    int status = 0;
    finish(reply.get(), &status);
    QCOMPARE(status, 404);

    const QString trace = client.trace.toText();
    QVERIFY2(!trace.contains(token), "the token leaked into the trace");
    QVERIFY2(trace.contains(QLatin1String("session started, protocol 2025-06-18")),
             qPrintable(trace));
    // The SDK (a 2025-era server) turned server/discover down first.
    QVERIFY(!client.mcp.isStateless());
    QVERIFY2(trace.contains(QLatin1String("a 2025-era server")), qPrintable(trace));
}

void TestMcpClient::realServerWithoutToken()
{
    TestServer server(TestServer::Kind::Sdk);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Client client(server.mcpUrl());
    client.mcp.initialize();
    QVERIFY(client.authorizationRequired.wait());
    QCOMPARE(client.lastChallengeStatus(), 401);
    const BearerChallenge challenge = client.lastChallenge();
    QVERIFY(challenge.present);
    QVERIFY(challenge.resourceMetadata.isValid());
    QCOMPARE(challenge.resourceMetadata.path(),
             QStringLiteral("/.well-known/oauth-protected-resource/mcp"));
    QCOMPARE(challenge.scope, QStringLiteral("mcp:read"));
    QCOMPARE(client.mcp.state(), McpClient::State::WaitingForAuthorization);
    QVERIFY(client.initialized.isEmpty());

    client.mcp.abandon({ Error::Code::NeedsSignIn, QStringLiteral("not signed in") });
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::NeedsSignIn);
    client.mcp.close(); // no session was opened: nothing to delete
    QVERIFY(client.closed.wait());
    const QJsonObject stats = server.stats();
    QCOMPARE(stats.value(QLatin1String("mcpRequests")).toInt(), 1);
    QCOMPARE(stats.value(QLatin1String("mcpUnauthorized")).toInt(), 1);
}

// --- the stateless era -----------------------------------------------------------

void TestMcpClient::statelessRequestsCarryHeadersAndMeta()
{
    // The fixture refuses (HTTP 400) any request whose headers or _meta are wrong.
    TestServer server(TestServer::Kind::Stateless);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Client client(server.mcpUrl());
    QVERIFY(initialize(client));
    QVERIFY(client.mcp.isStateless());
    QCOMPARE(client.mcp.protocolVersion(), QStringLiteral("2026-07-28"));
    QVERIFY(client.mcp.sessionId().isEmpty());
    QCOMPARE(client.mcp.serverInfo().value(QLatin1String("name")).toString(),
             QStringLiteral("stateless-fixture"));

    client.mcp.listTools();
    QVERIFY(client.toolsListed.wait());
    QStringList names;
    const QJsonArray tools = client.toolsListed.first().first().toJsonArray();
    for (const QJsonValue &tool : tools)
        names.append(tool.toObject().value(QLatin1String("name")).toString());
    // broken_header has x-mcp-header on an object property: left out, the rest stay.
    QCOMPARE(
        names,
        (QStringList { QStringLiteral("echo"), QStringLiteral("grüße"), QStringLiteral("confirm"),
                       QStringLiteral("nag"), QStringLiteral("malformed") }));
    QVERIFY2(client.trace.toText().contains(QLatin1String("\"broken_header\" left out")),
             qPrintable(client.trace.toText()));

    // region needs base64 (leading space); the fixture decodes and compares it.
    client.mcp.callTool(QStringLiteral("echo"),
                        { { QLatin1String("text"), QLatin1String("hi") },
                          { QLatin1String("region"), QLatin1String(" us-west1") } });
    QVERIFY2(client.toolCalled.wait(), qPrintable(client.lastError().toString()));
    client.mcp.callTool(QStringLiteral("echo"),
                        { { QLatin1String("text"), QLatin1String("plain") } });
    QVERIFY2(client.toolCalled.wait(), qPrintable(client.lastError().toString()));
    client.mcp.callTool(QStringLiteral("grüße"));
    QVERIFY2(client.toolCalled.wait(), qPrintable(client.lastError().toString()));
    QCOMPARE(client.toolCalled.last()
                 .first()
                 .toJsonObject()
                 .value(QLatin1String("content"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("text"))
                 .toString(),
             QStringLiteral("hello from grüße"));
    client.mcp.close();
    QVERIFY(client.closed.wait());
    QVERIFY(client.failed.isEmpty());

    const QJsonObject stats = server.stats();
    QCOMPARE(stats.value(QLatin1String("rejected")).toArray(), QJsonArray());
    const QJsonArray requests = stats.value(QLatin1String("requests")).toArray();
    QStringList methods;
    for (const QJsonValue &request : requests)
        methods.append(request.toObject().value(QLatin1String("method")).toString());
    // No initialize, and no DELETE at close: there is no session.
    QCOMPARE(methods,
             (QStringList { QStringLiteral("server/discover"), QStringLiteral("tools/list"),
                            QStringLiteral("tools/call"), QStringLiteral("tools/call"),
                            QStringLiteral("tools/call") }));
    const QJsonObject first = requests.at(2).toObject().value(QLatin1String("headers")).toObject();
    QCOMPARE(first.value(QLatin1String("mcp-name")).toString(), QStringLiteral("echo"));
    QCOMPARE(first.value(QLatin1String("mcp-param-region")).toString(),
             QStringLiteral("=?base64?") + QString::fromLatin1(QByteArray(" us-west1").toBase64())
                 + QStringLiteral("?="));
    QVERIFY(!requests.at(3)
                 .toObject()
                 .value(QLatin1String("headers"))
                 .toObject()
                 .contains(QLatin1String("mcp-param-region")));
    QCOMPARE(requests.at(4)
                 .toObject()
                 .value(QLatin1String("headers"))
                 .toObject()
                 .value(QLatin1String("mcp-name"))
                 .toString(),
             QStringLiteral("=?base64?")
                 + QString::fromLatin1(QStringLiteral("grüße").toUtf8().toBase64())
                 + QStringLiteral("?="));
}

void TestMcpClient::statelessVersionRenegotiation()
{
    // The first answer is -32022 (supported: 2026-07-28): retried once, then ready.
    TestServer server(TestServer::Kind::Stateless, { QStringLiteral("--reject-first-version") });
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Client client(server.mcpUrl());
    QVERIFY(initialize(client));
    QVERIFY(client.mcp.isStateless());
    QCOMPARE(client.mcp.protocolVersion(), QStringLiteral("2026-07-28"));
    const QJsonArray requests = server.stats().value(QLatin1String("requests")).toArray();
    QCOMPARE(requests.size(), 2);
    for (const QJsonValue &request : requests)
        QCOMPARE(request.toObject().value(QLatin1String("method")).toString(),
                 QStringLiteral("server/discover"));
    QVERIFY2(client.trace.toText().contains(QLatin1String("-32022: retrying")),
             qPrintable(client.trace.toText()));
}

void TestMcpClient::unsupportedVersionFallsBackToSession()
{
    // -32022 naming only 2025 revisions: the initialize handshake follows.
    FakeMcpServer server;
    server.intercept = [](const Request &request) -> std::optional<QByteArray> {
        if (methodOf(request) != QLatin1String("server/discover"))
            return std::nullopt;
        return ScriptedHttpServer::json(
            400,
            R"({"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"Unsupported protocol version","data":{"supported":["2025-06-18","2025-11-25"]}}})");
    };
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    QVERIFY(!client.mcp.isStateless());
    QCOMPARE(client.mcp.protocolVersion(), QStringLiteral("2025-03-26"));
    QCOMPARE(client.mcp.sessionId(), QStringLiteral("session-1"));
    QCOMPARE(server.requests(QStringLiteral("server/discover")).size(), 1);
    QCOMPARE(server.requests(QStringLiteral("initialize")).size(), 1);
    // The session era's requests carry no stateless headers or _meta.
    const Request initialize = server.requests(QStringLiteral("initialize")).first();
    QVERIFY(initialize.header("Mcp-Method").isEmpty());
    QVERIFY(!messageOf(initialize)
                 .value(QLatin1String("params"))
                 .toObject()
                 .contains(QLatin1String("_meta")));
}

// --- SEP-2322: multi round-trip requests ----------------------------------------

namespace {

/// The fixture's record of every tools/call of @p tool.
QList<QJsonObject> callsOf(const QJsonObject &stats, const QString &tool)
{
    QList<QJsonObject> calls;
    for (const QJsonValue &value : stats.value(QLatin1String("requests")).toArray()) {
        const QJsonObject request = value.toObject();
        if (request.value(QLatin1String("method")).toString() == QLatin1String("tools/call")
            && request.value(QLatin1String("headers"))
                    .toObject()
                    .value(QLatin1String("mcp-name"))
                    .toString()
                == tool)
            calls.append(request);
    }
    return calls;
}

QString textOf(const QJsonObject &result)
{
    return result.value(QLatin1String("content"))
        .toArray()
        .first()
        .toObject()
        .value(QLatin1String("text"))
        .toString();
}

} // namespace

void TestMcpClient::inputRequiredRoundTrips_data()
{
    QTest::addColumn<bool>("given");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("action");
    QTest::addRow("accepted") << true << QStringLiteral("confirmed: true")
                              << QStringLiteral("accept");
    QTest::addRow("declined") << false << QStringLiteral("confirmed: declined")
                              << QStringLiteral("decline");
}

void TestMcpClient::inputRequiredRoundTrips()
{
    // confirm: an elicitation with a requestState, then roots/list with a new
    // state, then complete. The fixture refuses a retry whose state it did not
    // issue (byte for byte), an elicitation to a client that did not declare
    // it, and inputResponses or requestState on any other call.
    QFETCH(bool, given);
    QFETCH(QString, text);
    QFETCH(QString, action);
    TestServer server(TestServer::Kind::Stateless);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    ElicitationAnswerer answerer;
    if (given)
        answerer.setGivenValues({ { QLatin1String("confirmed"), true } });
    Client client(server.mcpUrl());
    client.mcp.setServerRequestHandler(&answerer);
    QVERIFY(initialize(client));
    QVERIFY(client.mcp.isStateless());

    client.mcp.callTool(QStringLiteral("confirm"));
    QVERIFY2(client.toolCalled.wait(10000), qPrintable(client.lastError().toString()));
    QCOMPARE(textOf(client.toolCalled.last().first().toJsonObject()), text);
    // The next call carries nothing of that round trip.
    client.mcp.callTool(QStringLiteral("echo"), { { QLatin1String("text"), QLatin1String("x") } });
    QVERIFY2(client.toolCalled.wait(10000), qPrintable(client.lastError().toString()));
    QVERIFY(client.failed.isEmpty());

    const QJsonObject stats = server.stats();
    QCOMPARE(stats.value(QLatin1String("rejected")).toArray(), QJsonArray());
    const QList<QJsonObject> calls = callsOf(stats, QStringLiteral("confirm"));
    QCOMPARE(calls.size(), 3);
    // Three requests, three ids.
    QSet<qint64> ids;
    for (const QJsonObject &call : calls)
        ids.insert(call.value(QLatin1String("id")).toInteger());
    QCOMPARE(ids.size(), 3);
    // The first carries neither; each retry only its own round's answers.
    QVERIFY(!calls.at(0).contains(QLatin1String("inputResponses")));
    QVERIFY(!calls.at(0).contains(QLatin1String("requestState")));
    const QJsonObject first = calls.at(1).value(QLatin1String("inputResponses")).toObject();
    QCOMPARE(first.keys(), QStringList { QStringLiteral("confirmation") });
    QCOMPARE(first.value(QLatin1String("confirmation"))
                 .toObject()
                 .value(QLatin1String("action"))
                 .toString(),
             action);
    QVERIFY(calls.at(1)
                .value(QLatin1String("requestState"))
                .toString()
                .startsWith(QLatin1String("round 1 ")));
    const QJsonObject second = calls.at(2).value(QLatin1String("inputResponses")).toObject();
    QCOMPARE(second,
             (QJsonObject { { QLatin1String("where"),
                              QJsonObject { { QLatin1String("roots"), QJsonArray() } } } }));
    QVERIFY(calls.at(2)
                .value(QLatin1String("requestState"))
                .toString()
                .startsWith(QLatin1String("round 2 ")));
    const QList<QJsonObject> echo = callsOf(stats, QStringLiteral("echo"));
    QCOMPARE(echo.size(), 1);
    QVERIFY(!echo.first().contains(QLatin1String("inputResponses")));
    QVERIFY(!echo.first().contains(QLatin1String("requestState")));
    QVERIFY2(client.trace.toText().contains(QLatin1String("round 2 of at most 10")),
             qPrintable(client.trace.toText()));
}

void TestMcpClient::inputRequiredForeverStops()
{
    // nag answers input_required (a requestState only) every time: ten
    // retries, each echoing the state it answers, then a clear error.
    TestServer server(TestServer::Kind::Stateless);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Client client(server.mcpUrl());
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("nag"));
    QVERIFY(client.failed.wait(20000));
    QCOMPARE(client.lastError().code(), Error::Code::McpError);
    QVERIFY2(client.lastError().detail().contains(
                 QLatin1String("still asks for input to tools/call \"nag\" after 10 rounds")),
             qPrintable(client.lastError().detail()));
    QVERIFY(client.toolCalled.isEmpty());
    QCOMPARE(client.mcp.state(), McpClient::State::Failed);

    const QList<QJsonObject> calls = callsOf(server.stats(), QStringLiteral("nag"));
    QCOMPARE(calls.size(), 11);
    QVERIFY(!calls.first().contains(QLatin1String("requestState")));
    for (int i = 1; i < calls.size(); ++i) {
        QCOMPARE(calls.at(i).value(QLatin1String("requestState")).toString(),
                 QStringLiteral("nag %1").arg(i));
        // No input requests came, so no inputResponses go.
        QVERIFY(!calls.at(i).contains(QLatin1String("inputResponses")));
    }
    // Nothing more is sent after the error.
    QTest::qWait(200);
    QCOMPARE(callsOf(server.stats(), QStringLiteral("nag")).size(), 11);
}

void TestMcpClient::malformedInputRequiredFails_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("problem");
    QTest::addRow("neither") << QStringLiteral("none")
                             << QStringLiteral("neither inputRequests nor requestState");
    QTest::addRow("array") << QStringLiteral("array")
                           << QStringLiteral("inputRequests is not an object");
    QTest::addRow("number") << QStringLiteral("number")
                            << QStringLiteral("requestState is not a string");
    QTest::addRow("not a request") << QStringLiteral("not_request")
                                   << QStringLiteral("input request \"what\" is not a request");
}

void TestMcpClient::malformedInputRequiredFails()
{
    QFETCH(QString, kind);
    QFETCH(QString, problem);
    TestServer server(TestServer::Kind::Stateless);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Client client(server.mcpUrl());
    QVERIFY(initialize(client));
    client.mcp.callTool(QStringLiteral("malformed"), { { QLatin1String("kind"), kind } });
    QVERIFY(client.failed.wait(10000));
    QCOMPARE(client.lastError().code(), Error::Code::MalformedResponse);
    QVERIFY2(client.lastError().detail().contains(QLatin1String("answered tools/call with"))
                 && client.lastError().detail().contains(problem),
             qPrintable(client.lastError().detail()));
    QVERIFY(client.toolCalled.isEmpty());
    // Not retried.
    QTest::qWait(200);
    QCOMPARE(callsOf(server.stats(), QStringLiteral("malformed")).size(), 1);
}

void TestMcpClient::inputRequiredOnlyForToolCalls()
{
    // A server must not answer tools/list with input_required: an error, no retry.
    FakeMcpServer server;
    server.intercept = [](const Request &request) -> std::optional<QByteArray> {
        const QJsonObject message = messageOf(request);
        const QString method = methodOf(request);
        if (method == QLatin1String("server/discover"))
            return ScriptedHttpServer::json(
                200,
                QJsonDocument(
                    FakeMcpServer::result(
                        message,
                        { { QLatin1String("serverInfo"),
                            QJsonObject { { QLatin1String("name"), QLatin1String("asks") } } } }))
                    .toJson(QJsonDocument::Compact));
        if (method == QLatin1String("tools/list"))
            return ScriptedHttpServer::json(
                200,
                QJsonDocument(
                    FakeMcpServer::result(
                        message,
                        { { QLatin1String("resultType"), QLatin1String("input_required") },
                          { QLatin1String("requestState"), QLatin1String("opaque") } }))
                    .toJson(QJsonDocument::Compact));
        return std::nullopt;
    };
    QVERIFY(server.listen());
    Client client(server.url());
    QVERIFY(initialize(client));
    QVERIFY(client.mcp.isStateless());
    client.mcp.listTools();
    QVERIFY(client.failed.wait());
    QCOMPARE(client.lastError().code(), Error::Code::MalformedResponse);
    QVERIFY2(client.lastError().detail().contains(
                 QLatin1String("input_required, which a server must not send for tools/list")),
             qPrintable(client.lastError().detail()));
    QVERIFY(client.toolsListed.isEmpty());
    QCOMPARE(server.requests(QStringLiteral("tools/list")).size(), 1);
}

QTEST_GUILESS_MAIN(TestMcpClient)
#include "tst_mcpclient.moc"
