#pragma once

#include "core/base/error.h"
#include "core/base/job.h"
#include "core/mcp/serverprobe.h"
#include "core/oauth/clientregistrar.h"
#include "core/oauth/oauthtypes.h"

#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

class DiscoveryJob;
class HttpClient;

/// The client settings of a server (as the server dialog's form has them)
/// that decide how the app would register: ClientRegistrar::plan()'s inputs.
struct ServerCheckSettings
{
    QString clientId; ///< a pre-registered client id; empty: none
    std::optional<ClientAuthMethod> authMethod; ///< empty: automatic
    QUrl clientMetadataUrl; ///< a client ID metadata document URL; empty: none
    QString preferredIssuer; ///< the issuer to use when the server lists several

    /// The registration options plan() reads.
    RegistrationOptions registrationOptions() const;
};

/// What the live check of a server found.
struct ServerCheckResult
{
    enum class Outcome {
        None, ///< nothing yet (the job has not finished, or was cancelled)
        Open, ///< the server answers without sign-in
        SignInRequired, ///< sign-in is required and the authorization server was found
        SignInRequiredNoAuthServer, ///< sign-in is required, but discovery failed (see error)
        Unreachable, ///< no answer (see error)
        NotMcp, ///< it answered, but not as an MCP server (see error)
    };

    Outcome outcome = Outcome::None;
    /// The unauthenticated MCP initialize's answer (server name, status, challenge).
    ProbeResult probe;
    /// SignInRequired: the discovered authorization server (issuer, endpoints, features).
    std::optional<DiscoveryResult> discovery;
    /// SignInRequired: how the app would obtain a client id with the settings.
    std::optional<RegistrationPlan> registration;
    /// Why the check failed (Unreachable, NotMcp, SignInRequiredNoAuthServer); the job's error().
    Error error;

    bool signInRequired() const
    {
        return outcome == Outcome::SignInRequired || outcome == Outcome::SignInRequiredNoAuthServer;
    }
};

/// "What will signing in to this server take?", before anything is saved:
/// ProbeJob, then (when sign-in is required) DiscoveryJob as steps, then
/// ClientRegistrar::plan() for the settings.
///
///   ServerCheckJob                          MCP server / authorization server
///     | ProbeJob: POST initialize, no token ->|
///     |   200 -> Open; no answer -> Unreachable; else -> NotMcp
///     |   401 + challenge: signInRequired()   |
///     | DiscoveryJob(challenge): PRM, AS metadata ->|
///     |   failed -> SignInRequiredNoAuthServer     |
///     |   found  -> SignInRequired + ClientRegistrar::plan()
///
/// error() is result().error: none for Open and SignInRequired, or Cancelled.
/// The steps write to trace() (the probe's outcome, then discovery's steps).
class ServerCheckJob : public Job
{
    Q_OBJECT
public:
    ServerCheckJob(HttpClient *http, const QUrl &mcpUrl, const ServerCheckSettings &settings,
                   QObject *parent = nullptr);

    /// The time each step (probe, discovery) may take.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    QUrl mcpUrl() const { return m_mcpUrl; }
    /// What the check found; complete once the job has finished.
    ServerCheckResult result() const { return m_result; }

    /// The registration ClientRegistrar::plan() chooses for @p authServer
    /// with @p settings (what the job's result says, for changed settings).
    static RegistrationPlan plan(const AuthServerMetadata &authServer,
                                 const ServerCheckSettings &settings);

Q_SIGNALS:
    /// The server requires sign-in; the authorization server is looked up next.
    void signInRequired();

protected:
    void doStart() override;

private:
    void onProbeFinished(ProbeJob *probe);
    void onDiscoveryFinished(DiscoveryJob *discovery);
    void finish(ServerCheckResult::Outcome outcome, const Error &error = {});

    HttpClient *m_http;
    QUrl m_mcpUrl;
    ServerCheckSettings m_settings;
    std::chrono::milliseconds m_timeout { 15000 };
    ServerCheckResult m_result;
};

} // namespace Mcpa
