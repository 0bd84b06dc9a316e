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
        // keychain
        KeychainUnavailable,
        KeychainLocked,
        KeychainAccessDenied,
        KeychainTimeout,
        SecretNotFound,
        // anything else
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
