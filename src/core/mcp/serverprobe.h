#pragma once

#include "core/base/error.h"
#include "core/oauth/wwwauthenticate.h"

#include <QObject>
#include <QUrl>

#include <chrono>

namespace Mcpa {

class HttpClient;
struct HttpResponse;

/// What an unauthenticated MCP initialize request told us about a server.
struct ProbeResult
{
    enum class Kind {
        AuthRequired, ///< 401/403 or a WWW-Authenticate challenge
        Open, ///< a successful MCP answer without any token
        Unreachable, ///< connection failed or timed out
        Error, ///< it answered, but not as an MCP server (see error)
    };

    Kind kind = Kind::Error;
    QUrl url;
    int httpStatus = 0;
    BearerChallenge challenge;
    QString serverName;
    QString serverVersion;
    QString protocolVersion;
    Error error;

    /// "auth-required", "open", "unreachable" or "error".
    QString kindName() const;
};

/// The "is sign-in required?" pre-flight: sends MCP initialize without a
/// token and classifies the answer. A session the server opened is deleted.
///
///   client                         MCP server
///     | POST initialize (no token)     |
///     |------------------------------->|
///     |   401 + WWW-Authenticate       |  -> AuthRequired
///     |   200 JSON/SSE result          |  -> Open (then DELETE the session)
///     |   anything else / nothing      |  -> Error / Unreachable
class ServerProbe : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Probing, ClosingSession, Finished };
    Q_ENUM(State)

    ServerProbe(HttpClient *http, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    State state() const { return m_state; }

    /// Starts the probe; finished() follows, always asynchronously.
    void start(const QUrl &mcpUrl);

Q_SIGNALS:
    void stateChanged(Mcpa::ServerProbe::State state);
    void finished(const Mcpa::ProbeResult &result);

private:
    void onInitializeAnswered(const HttpResponse &response);
    void closeSession(const QByteArray &sessionId);
    void finish();
    void setState(State state);

    HttpClient *m_http;
    std::chrono::milliseconds m_timeout { 15000 };
    State m_state = State::Idle;
    ProbeResult m_result;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::ProbeResult)
