#pragma once

#include "core/error.h"
#include "core/oauthtypes.h"

#include <QObject>
#include <QUrl>

#include <chrono>

namespace Mcpa {

class HttpClient;
class Trace;
struct HttpResponse;

/// MCP authorization discovery (MCP spec "Authorization Server Discovery",
/// RFC 9728, RFC 8414, OIDC Discovery), given the Bearer challenge of an
/// unauthenticated request (which may be absent).
///
///   client                                  resource / authorization server
///     | GET PRM (challenge URL, else /.well-known/oauth-protected-resource/<path>,
///     |          else /.well-known/oauth-protected-resource)          |
///     |-------------------------------------------------------------->|
///     | check PRM "resource" is this server (else ResourceMismatch)   |
///     | GET AS metadata: RFC 8414 path-inserted, OIDC path-inserted,  |
///     |                  OIDC path-appended (root forms w/o a path)   |
///     |-------------------------------------------------------------->|
///     | check issuer (IssuerMismatch), S256 (PkceNotSupported)        |
///   no PRM at all -> AS metadata at the MCP origin -> else default
///   endpoints /authorize /token /register there (2025-03-26 servers).
class Discovery : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle,
        FetchingResourceMetadata,
        FetchingAuthServerMetadata,
        Finished,
        Failed
    };
    Q_ENUM(State)

    Discovery(HttpClient *http, Trace *trace = nullptr, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// Use this issuer when the PRM lists it (default: authorization_servers[0]).
    void setPreferredIssuer(const QString &issuer) { m_preferredIssuer = issuer; }

    State state() const { return m_state; }

    /// Starts discovery; exactly one of succeeded()/failed() follows, asynchronously.
    void start(const QUrl &mcpUrl, const BearerChallenge &challenge = {});

Q_SIGNALS:
    void stateChanged(Mcpa::Discovery::State state);
    void succeeded(const Mcpa::DiscoveryResult &result);
    void failed(const Mcpa::Error &error);

private:
    // Implementation detail: one named function per protocol step.
    void fetchNextResourceMetadata();
    void onResourceMetadata(const HttpResponse &response);
    void chooseAuthServer();
    void fetchNextAuthServerMetadata();
    void onAuthServerMetadata(const HttpResponse &response);
    void useFallbackEndpoints();
    void succeed();
    void fail(const Error &error);
    void setState(State state);

    HttpClient *m_http;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 15000 };
    QString m_preferredIssuer;
    State m_state = State::Idle;
    DiscoveryResult m_result;
    QList<QUrl> m_candidates; ///< URLs still to try in the current step
    QString m_expectedIssuer;
    bool m_backCompat = false;
};

} // namespace Mcpa
