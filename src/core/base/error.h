#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace Mcpa {

/// A typed error: a code the UI maps to translated text, plus an untranslated
/// detail for logs and diagnostics. Details never contain secrets.
class Error
{
    Q_GADGET
public:
    enum class Code {
        None,
        // transport
        InvalidUrl,
        InsecureUrl,
        Unreachable,
        Timeout,
        Network,
        TlsFailure,
        Cancelled,
        // responses
        HttpStatus,
        ResponseTooLarge,
        MalformedResponse,
        UnexpectedContentType,
        // discovery
        SignInNotRequired, ///< the server answers without a token
        MetadataNotFound, ///< no usable protected resource / AS metadata
        ResourceMismatch, ///< PRM "resource" names another server
        IssuerMismatch, ///< AS metadata "issuer" differs from the issuer asked for
        PkceNotSupported, ///< AS metadata lacks S256
        // registration
        ClientDetailsNeeded, ///< no way to obtain a client id: ask the user
        RegistrationFailed,
        StaleClient, ///< the AS no longer knows the registered client
        // authorization
        CallbackPortInUse,
        AuthorizationDenied, ///< the user (or AS) said no: error=access_denied
        AuthorizationFailed, ///< any other error= on the callback
        IssMismatch, ///< RFC 9207 iss missing or different
        AuthorizationTimeout,
        // tokens
        InvalidGrant, ///< code or refresh token rejected: sign in again
        InvalidClient,
        TokenEndpointError, ///< any other OAuth error from the token endpoint
        RevocationFailed,
        // using the token
        NeedsSignIn, ///< still 401 after a refresh
        InsufficientScope, ///< 403 insufficient_scope after the step-up limit
        McpError, ///< a JSON-RPC error from the MCP server
        // keychain
        KeychainUnavailable,
        KeychainLocked,
        KeychainAccessDenied,
        KeychainTimeout,
        SecretNotFound,
        SecretCorrupt, ///< a keychain entry that is not in a format this version reads
        // anything else
        UnknownServer, ///< no server or account with that name
        ConfigReadOnly, ///< the config file may not be changed (newer version, unreadable)
        ConfigInvalid, ///< a record to store breaks the config rules (id, URL, label)
        ConfigWriteFailed, ///< the config file could not be written (or locked)
        ImportFileInvalid, ///< a client config file to import is not what it claims to be
        Internal,
    };
    Q_ENUM(Code)

    Error() = default;
    Error(Code code, QString detail);

    Code code() const { return m_code; }
    QString detail() const { return m_detail; }
    bool isError() const { return m_code != Code::None; }
    explicit operator bool() const { return isError(); }

    /// Stable machine name of the code, e.g. "keychain-unavailable".
    QString codeName() const;
    /// "code-name: detail" for logs and CLI output (still untranslated).
    QString toString() const;

private:
    Code m_code = Code::None;
    QString m_detail;
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::Error)
