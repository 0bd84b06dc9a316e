#pragma once

#include "core/base/error.h"
#include "core/base/job.h"
#include "core/mcp/mcpheaders.h"
#include "core/net/sseparser.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class QSocketNotifier;

namespace Mcpa {

class HttpClient;
struct HttpRequest;
struct HttpResponse;

/// Where the bridge gets its access tokens: the account's, kept in the
/// keychain and refreshed once across every process that uses it.
class BridgeTokenSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    struct Token
    {
        QString accessToken; ///< a secret
        QDateTime expiresAt; ///< invalid when unknown
    };
    using Callback = std::function<void(const Token &token, const Error &error)>;

    /// A token valid for at least @p minValidity, refreshed when needed.
    virtual void fetch(std::chrono::seconds minValidity, QObject *context, Callback callback) = 0;
    /// After the server rejected @p rejected (HTTP 401): a refreshed token,
    /// or the one another process stored meanwhile.
    virtual void replace(const QString &rejected, QObject *context, Callback callback) = 0;
    /// Asks the running app to have the person sign in, for the MCP client
    /// @p clientName; @p callback gets no error once signed in (Unreachable
    /// when no app runs).
    virtual void requestSignIn(const QString &clientName, QObject *context,
                               std::function<void(const Error &error)> callback)
        = 0;
    /// What the person has to do when no token can be had ("run …").
    virtual QString signInAdvice() const = 0;
    /// What the person has to do to grant @p scope (asked for by @p tool,
    /// when a tool call was refused).
    virtual QString stepUpAdvice(const QString &scope, const QString &tool) const = 0;
};

/// An MCP stdio server that forwards to one remote MCP server over
/// Streamable HTTP with the account's tokens: the role mcp-remote plays,
/// without tokens in files. Newline-delimited JSON-RPC on the input and
/// output descriptors (stdin, stdout); nothing else is ever written to the
/// output. A job: it ends (without error) when the input ends or stop() is
/// called, after ending the session at the server.
///
///   stdio client            McpBridge                      MCP server
///     | initialize --------->| POST server/discover -------->|
///     |                      |<-- 400 (a 2025-era server) ---|
///     |                      | POST initialize (as sent) --->|  session era:
///     |<------ its answer ---|<---- 200 + Mcp-Session-Id ----|  every message
///     | tools/call --------->| POST (Bearer, session) ------>|  forwarded as is
///     |<- server requests, --|<-- SSE: elicitation/create, --|
///     |   the response       |    the response               |
///     | answers ------------>| POST ------------------------->|
///
/// Eras: a client that sends server/discover speaks 2026-07-28 itself and
/// is forwarded with the headers derived from each message (Mcp-Method,
/// Mcp-Name, Mcp-Param-* from the x-mcp-header annotations seen in
/// tools/list, MCP-Protocol-Version from _meta). A client that sends
/// initialize to a server that answers server/discover (2026-07-28 only) is
/// translated: initialize is answered here from the discover result,
/// notifications/initialized and ping stay here, every request gets the
/// _meta of the client's initialize, and tools with invalid x-mcp-header
/// annotations are left out of tools/list.
///
/// Tokens: one from the source before each request (kept in memory while
/// it is valid for the minimum time); on 401 the source replaces it (one
/// refresh across processes) and the request is sent again, at most twice.
/// When no token can be had, or after a 403 insufficient_scope, the request
/// gets a JSON-RPC error whose message says what to run.
///
/// Sessions: a 404 on a request that carried the session id starts a new
/// session (the client's own initialize sent again) and sends the request
/// again once; a notice goes to the log. After initialize the GET stream the
/// server may offer is listened on for the server's own messages.
///
/// Bounds: a message from the client or one server event of more than
/// maxMessageBytes is refused with an error; streams that end without the
/// response are resumed with Last-Event-ID (a few times).
class McpBridge : public Job
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;
        QString name; ///< the server's name, for messages
        std::chrono::seconds minValidity { 60 };
        std::chrono::milliseconds requestTimeout { std::chrono::minutes(10) };
        qint64 maxMessageBytes = 16 * 1024 * 1024;
        bool verbose = false;
        int inputFd = 0;
        int outputFd = 1;
    };

    /// What the bridge has done, for the log at the end.
    struct Stats
    {
        qint64 fromClient = 0;
        qint64 toClient = 0;
        qint64 posts = 0;
        qint64 tokenReplacements = 0;
        qint64 newSessions = 0;
    };

    McpBridge(HttpClient *http, BridgeTokenSource *tokens, const Options &options,
              QObject *parent = nullptr);
    ~McpBridge() override;

    /// Ends the bridge as the end of the input does (SIGTERM).
    void stop();
    Stats stats() const { return m_stats; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    enum class Era {
        Unknown, ///< before the client's first message
        Session, ///< 2025: forwarded as is, with the session id
        Stateless, ///< the client speaks 2026-07-28 itself
        Translated, ///< a 2025 client, a 2026-only server
    };

    /// One POST of a client message (or of the bridge's own) and its answer.
    struct Exchange
    {
        quint64 serial = 0;
        QJsonValue message; ///< an object, or an array (a batch)
        QString method; ///< of a single message; empty for responses and batches
        QList<QJsonValue> requestIds; ///< the requests it carries
        /// For the bridge's own requests: gets the response instead of the client.
        std::function<void(const QJsonObject &response, const Error &error)> internal;
        int tokenRetries = 0;
        bool sessionRetried = false;
        bool askedForSignIn = false;
        QByteArray sessionUsed; ///< the Mcp-Session-Id it was sent with
        QString tokenUsed; ///< a secret
        quint64 httpId = 0;
        QList<QJsonValue> answered; ///< request ids whose responses came
        QByteArray lastEventId;
        qint64 retryMs = -1;
        int resumes = 0;
        SseParser sse;
        qint64 pendingEventBytes = 0;
        bool sawHead = false;
    };
    using ExchangePtr = std::shared_ptr<Exchange>;

    // Input.
    void onInputReady();
    void onInputLine(const QByteArray &line);
    void onClientMessage(const QJsonValue &message);
    void handleInitialize(const QJsonObject &request);
    bool handleLocally(const QJsonObject &message);

    // Output and log.
    void writeToClient(const QJsonObject &message);
    void replyError(const QJsonValue &id, int code, const QString &message);
    void failExchange(const ExchangePtr &exchange, int code, const QString &message);
    void log(const QString &text) const;
    void debug(const QString &text) const;

    // Tokens.
    void withToken(std::function<void(const Error &)> next);
    void replaceToken(const QString &rejected, std::function<void(const Error &)> next);
    void onTokenArrived(const BridgeTokenSource::Token &token, const Error &error);
    bool tokenFresh() const;
    void askForSignIn(const ExchangePtr &exchange, const Error &why);

    // Forwarding.
    ExchangePtr newExchange(const QJsonValue &message);
    void forward(const ExchangePtr &exchange);
    void post(const ExchangePtr &exchange);
    void addHeaders(HttpRequest *request, const ExchangePtr &exchange) const;
    QJsonValue withMeta(const QJsonValue &message) const;
    bool onStreamChunk(const ExchangePtr &exchange, const HttpResponse &head,
                       const QByteArray &chunk);
    bool onListenChunk(const HttpResponse &head, const QByteArray &chunk);
    void onPostAnswered(const ExchangePtr &exchange, const HttpResponse &response);
    void onServerMessage(const ExchangePtr &exchange, const QJsonObject &message);
    void resume(const ExchangePtr &exchange);
    void finishExchange(const ExchangePtr &exchange);
    void noteSession(const HttpResponse &response);
    QJsonObject filteredToolsResult(const QJsonObject &result);

    // Eras and sessions.
    void probeStateless(const QJsonObject &initialize);
    void onProbeAnswered(const QJsonObject &initialize, const QJsonObject &response,
                         const Error &error);
    void startNewSession(const ExchangePtr &failed);
    void onNewSessionInitialized(const QJsonObject &response, const Error &error);
    void releaseHeld();
    void openListenStream();
    void onListenStreamEnded(const HttpResponse &response);

    // The end.
    void shutDown(const QString &why);
    void endSession();
    void onDeleteAnswered();

    HttpClient *m_http;
    BridgeTokenSource *m_tokens;
    Options m_options;
    Stats m_stats;

    QSocketNotifier *m_inputNotifier = nullptr;
    QByteArray m_inputBuffer;
    bool m_discardingLine = false;

    Era m_era = Era::Unknown;
    QJsonObject m_clientInitialize; ///< the client's initialize params
    QString m_protocolVersion; ///< for MCP-Protocol-Version
    QByteArray m_sessionId;
    bool m_holding = false; ///< while the era is probed or a new session starts
    QList<QJsonValue> m_heldMessages; ///< client messages meanwhile
    QList<ExchangePtr> m_heldExchanges; ///< to send again on the new session
    QHash<QString, QList<McpHeaders::HeaderParameter>> m_toolHeaders;
    QHash<QString, QJsonValue> m_toolsListIds; ///< requests for tools/list (translated era)

    BridgeTokenSource::Token m_token;
    bool m_tokenPending = false;
    QList<std::function<void(const Error &)>> m_tokenWaiters;
    bool m_signInPending = false;
    QList<std::function<void(const Error &)>> m_signInWaiters;

    QHash<quint64, ExchangePtr> m_exchanges;
    quint64 m_nextSerial = 1;
    int m_ownRequests = 0;

    quint64 m_listenRequest = 0;
    int m_listenFailures = 0;
    SseParser m_listenSse;
    qint64 m_listenPendingBytes = 0;
    QTimer m_listenTimer;

    bool m_shuttingDown = false;
};

} // namespace Mcpa
