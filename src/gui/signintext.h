#pragma once

#include "core/base/error.h"

#include <QCoreApplication>
#include <QObject>
#include <QString>
#include <QUrl>

namespace Mcpa {

/// What a sign-in says to a person, without a web view: an error in plain
/// words with what to do next, and how the address line shows a page
/// (security, host and path). Used by the main window, the system-browser
/// dialog, the embedded sign-in's proxy and the sign-in helper's dialog
/// (SignInDialog), so the texts are computed in one place. The server
/// dialog's check takes its short reasons from the same table.
///
/// The translations keep the context "Mcpa::SignInDialog", where these texts
/// lived when the dialog ran inside the app.
class SignInText
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Mcpa::SignInDialog)
public:
    /// How serious a described error is (StaleClient and Cancelled are only information).
    enum class Severity { Information, Warning, Error };
    Q_ENUM(Severity)

    /// An error in words a person can act on: what happened and what to do next.
    struct Description
    {
        QString title;
        QString text;
        Severity severity = Severity::Error;
    };

    /// What the address line says about the page's connection.
    enum class Security {
        None, ///< no page
        Secure, ///< https
        Local, ///< http to this computer (the sign-in callback, a local server)
        NotSecure, ///< http anywhere else
    };
    Q_ENUM(Security)

    /// Plain, translated words for a sign-in error with what to do next.
    /// Reused by every part of the GUI that reports sign-in errors.
    static Description describe(const Mcpa::Error &error);
    /// A few words for why a step failed, to go inside a sentence ("Can't
    /// reach the server (%1)."), as the server dialog's check says it.
    /// @p httpStatus is the status of an HttpStatus error (0 = not known).
    static QString reason(const Mcpa::Error &error, int httpStatus = 0);
    /// The connection security of @p url as the address line shows it.
    static Security securityOf(const QUrl &url);
    /// scheme://host[:port]/path of an http(s) @p url: no user info, query or
    /// fragment (the query of an authorization URL carries state and
    /// challenge); of any other URL only its scheme ("data:").
    static QString displayAddress(const QUrl &url);

    /// "information", "warning", "error" (for the sign-in helper's protocol).
    static QString severityName(Severity severity);
    /// The Severity of severityName(); Error for anything else.
    static Severity severityFromName(const QString &name);

private:
    /// What the GUI says about an error: the one table behind describe()
    /// and reason(), one row per error code.
    struct Words
    {
        Description description;
        QString reason;
    };
    static Words words(const Mcpa::Error &error, int httpStatus);
};

} // namespace Mcpa
