#pragma once

#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Mcpa {

class HttpClient;
class Trace;
struct HttpResponse;

/// How this client may identify itself at an authorization server.
struct RegistrationOptions
{
    /// 1. A pre-registered client (entered by the user or imported).
    QString preRegisteredClientId;
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

/// Obtains a client identity, in the MCP spec's priority: pre-registered ->
/// Client ID Metadata Document -> Dynamic Client Registration (RFC 7591) ->
/// ClientDetailsNeeded.
///
///   client                                    authorization server
///     | pre-registered? -> done (no request)           |
///     | CIMD supported and URL set? -> done            |
///     | POST registration_endpoint (JSON metadata)     |
///     |----------------------------------------------->|
///     |   201 {client_id, [client_secret], method}     |
class ClientRegistrar : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Registering, Finished, Failed };
    Q_ENUM(State)

    ClientRegistrar(HttpClient *http, Trace *trace = nullptr, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    State state() const { return m_state; }

    /// Exactly one of succeeded()/failed() follows, asynchronously.
    void start(const AuthServerMetadata &authServer, const RegistrationOptions &options);

Q_SIGNALS:
    void stateChanged(Mcpa::ClientRegistrar::State state);
    void succeeded(const Mcpa::ClientRegistration &registration);
    void failed(const Mcpa::Error &error);

private:
    // One named function per step, in the order of the priority list.
    void usePreRegistered();
    void useMetadataDocument();
    void registerDynamically();
    void onRegistrationAnswered(const HttpResponse &response);
    void finishWithResponse(const QJsonObject &response);
    void succeed(const ClientRegistration &registration);
    void fail(const Error &error);
    void setState(State state);

    HttpClient *m_http;
    Trace *m_trace;
    std::chrono::milliseconds m_timeout { 15000 };
    State m_state = State::Idle;
    AuthServerMetadata m_authServer;
    RegistrationOptions m_options;
    ClientAuthMethod m_requestedMethod = ClientAuthMethod::None;
};

} // namespace Mcpa
