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
    Error error;

    /// "auth-required", "open", "unreachable" or "error".
    QString kindName() const;
};

/// The "is sign-in required?" pre-flight: sends MCP initialize without a
/// token and classifies the answer into result(). A session the server
/// opened is deleted before the job ends.
///
///   client                         MCP server
///     | POST initialize (no token)     |
///     |------------------------------->|
///     |   401 + WWW-Authenticate       |  -> AuthRequired
///     |   200 JSON/SSE result          |  -> Open (then DELETE the session)
///     |   anything else / nothing      |  -> Error / Unreachable
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

    /// What the server told us; complete once the job has finished.
    ProbeResult result() const { return m_result; }

protected:
    void doStart() override;

private:
    void onInitializeAnswered(const HttpResponse &response);
    void closeSession(const QByteArray &sessionId);
    void finish();

    HttpClient *m_http;
    std::chrono::milliseconds m_timeout { 15000 };
    ProbeResult m_result;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::ProbeResult)
