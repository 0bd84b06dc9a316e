#pragma once

#include "core/base/error.h"
#include "core/base/job.h"
#include "core/oauth/wwwauthenticate.h"

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
    /// Open: the server speaks the stateless 2026-07-28 era (server/discover).
    bool stateless = false;
    /// The requests the probe sent (server/discover, initialize, DELETE).
    int requests = 0;
    Error error;

    /// "auth-required", "open", "unreachable" or "error".
    QString kindName() const;
};

/// The "is sign-in required?" pre-flight, in the cheapest exchange of the
/// server's era, without a token: a stateless server:discover (MCP
/// 2026-07-28) first, then, when the server turns that down, the 2025-era
/// initialize. A session the server opened is deleted before the job ends.
///
///   client                                 MCP server
///     | POST server/discover (no token) ------>|
///     |   401 + WWW-Authenticate               |  -> AuthRequired (either era: 1 request)
///     |   200 result, supportedVersions 2026   |  -> Open, stateless (1 request)
///     |   400/404/405, JSON-RPC error, …       |  a 2025-era server:
///     | POST initialize (no token) ----------->|
///     |   401 / 200 JSON or SSE / other        |  -> AuthRequired / Open / Error
///     | [DELETE the session it opened] ------->|
///     |   nothing / connection refused         |  -> Unreachable
///
/// With setSessionEraKnown(true) (the server answered initialize the last
/// time) the server:discover request is left out.
///
/// error() is result().error: none when the server answered as an MCP
/// server (AuthRequired, Open), the reason for Unreachable and Error, or
/// Cancelled.
class ProbeJob : public Job
{
    Q_OBJECT
public:
    ProbeJob(HttpClient *http, const QUrl &mcpUrl, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// The server is known to be of the 2025 era: initialize right away.
    void setSessionEraKnown(bool known) { m_sessionEraKnown = known; }

    /// What the server told us; complete once the job has finished.
    ProbeResult result() const { return m_result; }

protected:
    void doStart() override;

private:
    void sendDiscover();
    void onDiscoverAnswered(const HttpResponse &response);
    void sendInitialize();
    void onInitializeAnswered(const HttpResponse &response);
    /// Unreachable / Error for a transport failure, AuthRequired for a
    /// challenge; false when the answer is for the caller to read.
    bool classifyFailure(const HttpResponse &response);
    void closeSession(const QByteArray &sessionId);
    void finish();

    HttpClient *m_http;
    std::chrono::milliseconds m_timeout { 15000 };
    bool m_sessionEraKnown = false;
    ProbeResult m_result;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::ProbeResult)
