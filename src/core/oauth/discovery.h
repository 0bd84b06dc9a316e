#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

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

    /// One URL to try; where it came from decides how a miss is reported.
    struct Candidate
    {
        enum class Source { Challenge, WellKnown };
        QUrl url;
        Source source = Source::WellKnown;
    };

    void discoverResourceMetadata();
    void fetchNextResourceMetadata();
    void onResourceMetadata(const HttpResponse &response);
    void chooseAuthServer(const QStringList &issuers);
    void useOriginMetadata();
    void fetchNextAuthServerMetadata();
    void onAuthServerMetadata(const HttpResponse &response);
    void useFallbackEndpoints();
    void succeed();
    void fail(const Error &error);
    void setState(State state);
    /// Sends a metadata GET whose answer goes to @p handler while this run is current.
    void fetch(const QUrl &url, void (Discovery::*handler)(const HttpResponse &));

    HttpClient *m_http;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 15000 };
    QString m_preferredIssuer;
    State m_state = State::Idle;
    DiscoveryResult m_result;
    QList<Candidate> m_candidates; ///< URLs still to try in the current step
    Candidate m_current; ///< the URL whose answer is awaited
    QString m_expectedIssuer; ///< exact issuer string to compare (RFC 8414 section 3.3)
    bool m_backCompat = false; ///< no PRM: 2025-03-26 discovery at the MCP origin
    quint64 m_run = 0; ///< bumped by start(); answers for an earlier run are dropped
};

} // namespace Mcpa
