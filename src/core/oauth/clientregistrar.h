#pragma once

#include "core/base/job.h"
#include "core/oauth/oauthtypes.h"

#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

class HttpClient;
struct HttpResponse;

/// How this client may identify itself at an authorization server.
struct RegistrationOptions
{
    /// 1. A pre-registered client (entered by the user or imported).
    QString preRegisteredClientId;
    /// The issuer the pre-registered client is bound to; empty: not yet bound.
    QString preRegisteredIssuer;
    QString preRegisteredClientSecret; ///< secret
    /// Without it: "none" when there is no secret, else the best the AS lists
    /// (client_secret_basic, then client_secret_post).
    std::optional<ClientAuthMethod> preRegisteredAuthMethod;
    /// 2. A Client ID Metadata Document URL (HTTPS with a path), used only
    /// when the AS says client_id_metadata_document_supported.
    QUrl clientMetadataUrl;
    /// 3. Dynamic Client Registration details.
    QString clientName = QStringLiteral("MCP Accounts");
    QString scope; ///< optional "scope" in the registration request
    /// The loopback redirect URI this client will use (kept with the registration).
    QUrl redirectUri;
};

/// How a client identity will be obtained, decided from the AS metadata and
/// the options alone (no request): ClientRegistrar::plan().
struct RegistrationPlan
{
    enum class Kind {
        PreRegistered, ///< the pre-registered client id
        MetadataDocument, ///< the Client ID Metadata Document URL is the client id
        Dynamic, ///< Dynamic Client Registration (RFC 7591)
        NeedsClientId, ///< none of them: the user must enter a client id
    };
    Kind kind = Kind::NeedsClientId;
    /// Dynamic: the token endpoint authentication method to register.
    ClientAuthMethod dynamicMethod = ClientAuthMethod::None;
    /// A metadata document URL is set, but the AS does not support it.
    bool metadataDocumentUnsupported = false;
    /// NeedsClientId: why, in words for the error detail.
    QString reason;
};

/// The MCP spec's priority of client identities: pre-registered -> Client ID
/// Metadata Document -> Dynamic Client Registration -> ClientDetailsNeeded.
class ClientRegistrar
{
public:
    ClientRegistrar() = delete;

    /// Which identity RegistrationJob will use for @p authServer and
    /// @p options. Pure: the server dialog shows what it says.
    static RegistrationPlan plan(const AuthServerMetadata &authServer,
                                 const RegistrationOptions &options);
};

/// Obtains a client identity as ClientRegistrar::plan() decides; result()
/// is the registration (secrets: never log them).
///
///   client                                    authorization server
///     | pre-registered? -> done (no request)           |
///     | CIMD supported and URL set? -> done            |
///     | POST registration_endpoint (JSON metadata)     |
///     |----------------------------------------------->|
///     |   201 {client_id, [client_secret], method}     |
class RegistrationJob : public Job
{
    Q_OBJECT
public:
    RegistrationJob(HttpClient *http, const AuthServerMetadata &authServer,
                    const RegistrationOptions &options, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// The client identity; valid only when the job succeeded.
    ClientRegistration result() const { return m_result; }

protected:
    void doStart() override;

private:
    // One named function per step, in the order of the priority list.
    void usePreRegistered();
    void useMetadataDocument();
    void registerDynamically();
    void onRegistrationAnswered(const HttpResponse &response);
    void finishWithResponse(const QJsonObject &response);
    void succeed(const ClientRegistration &registration);
    /// Traces the failure, then ends the job with @p error.
    void emitFailure(const Error &error);

    HttpClient *m_http;
    std::chrono::milliseconds m_timeout { 15000 };
    AuthServerMetadata m_authServer;
    RegistrationOptions m_options;
    ClientAuthMethod m_requestedMethod = ClientAuthMethod::None;
    ClientRegistration m_result;
};

} // namespace Mcpa
