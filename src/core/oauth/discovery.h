#pragma once

#include "core/base/job.h"
#include "core/oauth/oauthtypes.h"

#include <QUrl>

#include <chrono>

namespace Mcpa {

class HttpClient;
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
///
/// result() is what was found; the progress text says which metadata is
/// being fetched.
class DiscoveryJob : public Job
{
    Q_OBJECT
public:
    /// Discovers how to sign in to @p mcpUrl, given its Bearer @p challenge.
    DiscoveryJob(HttpClient *http, const QUrl &mcpUrl, const BearerChallenge &challenge = {},
                 QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// Use this issuer when the PRM lists it (default: authorization_servers[0]).
    void setPreferredIssuer(const QString &issuer) { m_preferredIssuer = issuer; }

    /// What was discovered; complete only when the job succeeded.
    DiscoveryResult result() const { return m_result; }

protected:
    void doStart() override;

private:
    // Implementation detail: one named function per protocol step.

    /// One URL to try; where it came from decides how a miss is reported.
    struct Candidate
    {
        enum class Source { Challenge, WellKnown };
        QUrl url;
        Source source = Source::WellKnown;
    };

    void fetchNextResourceMetadata();
    void onResourceMetadata(const HttpResponse &response);
    void chooseAuthServer(const QStringList &issuers);
    void useOriginMetadata();
    void fetchNextAuthServerMetadata();
    void onAuthServerMetadata(const HttpResponse &response);
    void useFallbackEndpoints();
    void succeed();
    /// Traces the failure, then ends the job with @p error.
    void emitFailure(const Error &error);
    /// Sends a metadata GET whose answer goes to @p handler while the job runs.
    void fetch(const QUrl &url, void (DiscoveryJob::*handler)(const HttpResponse &));

    HttpClient *m_http;
    std::chrono::milliseconds m_timeout { 15000 };
    QString m_preferredIssuer;
    DiscoveryResult m_result;
    QList<Candidate> m_candidates; ///< URLs still to try in the current step
    Candidate m_current; ///< the URL whose answer is awaited
    QString m_expectedIssuer; ///< exact issuer string to compare (RFC 8414 section 3.3)
    bool m_backCompat = false; ///< no PRM: 2025-03-26 discovery at the MCP origin
};

} // namespace Mcpa
