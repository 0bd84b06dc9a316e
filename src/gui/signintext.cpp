#include "gui/signintext.h"

#include <QHostAddress>

namespace Mcpa {

namespace {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Appends the untranslated detail of an error where it helps a person (or
// a bug report) more than it confuses; the core never puts secrets in it.
QString withDetail(const QString &text, const Error &error)
{
    if (error.detail().isEmpty())
        return text;
    return SignInText::tr("%1\n\nDetails: %2").arg(text, error.detail());
}

} // namespace

SignInText::Security SignInText::securityOf(const QUrl &url)
{
    if (!url.isValid() || url.isEmpty())
        return Security::None;
    if (url.scheme() == QLatin1String("https"))
        return Security::Secure;
    if (url.scheme() == QLatin1String("http"))
        return isLoopbackHost(url.host()) ? Security::Local : Security::NotSecure;
    return Security::NotSecure;
}

QString SignInText::displayAddress(const QUrl &url)
{
    // The scheme stays: "http://" beside "Not secure" is what a person
    // checks. Other schemes show nothing but their name, so that no page
    // can write an address of its choosing into the line.
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return url.scheme().isEmpty() ? QString() : url.scheme() + QLatin1Char(':');
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toDisplayString();
}

SignInText::Description SignInText::describe(const Error &error)
{
    return words(error, 0).description;
}

QString SignInText::reason(const Error &error, int httpStatus)
{
    return words(error, httpStatus).reason;
}

SignInText::Words SignInText::words(const Error &error, int httpStatus)
{
    using Code = Error::Code;
    // The rows below name only what differs from these.
    const auto failed = [&error] {
        return Description { tr("Sign-in failed"),
                             withDetail(tr("The sign-in did not work. Try again; the server's "
                                           "sign-in diagnostics show each step."),
                                        error),
                             Severity::Error };
    };
    const auto unreachable = [&error] {
        return Description { tr("Server not reachable"),
                             withDetail(tr("The server could not be reached. Check the server "
                                           "address and your network connection, then try "
                                           "again."),
                                        error),
                             Severity::Error };
    };
    const QString codeName = error.codeName();

    switch (error.code()) {
    case Code::None:
        return { { tr("Signed in"), tr("The sign-in worked."), Severity::Information }, codeName };
    case Code::Cancelled:
        return { { tr("Sign-in cancelled"),
                   tr("The sign-in was cancelled. Sign in again when you are ready."),
                   Severity::Information },
                 tr("cancelled") };
    case Code::AuthorizationDenied:
        return { { tr("Access declined"),
                   tr("You declined access on the sign-in page. Sign in again if that was a "
                      "mistake."),
                   Severity::Warning },
                 codeName };
    case Code::AuthorizationTimeout:
        return { { tr("Sign-in timed out"),
                   tr("The sign-in page was not finished in time. Sign in again and complete "
                      "the page before the time runs out."),
                   Severity::Warning },
                 codeName };
    case Code::StaleClient:
        return { { tr("App registered again"),
                   tr("The server no longer knew MCP Accounts, so it was registered again "
                      "automatically. There is nothing you need to do."),
                   Severity::Information },
                 codeName };
    case Code::Unreachable:
        return { unreachable(), tr("nothing answers at this address") };
    case Code::Network:
        return { unreachable(), tr("network error") };
    case Code::Timeout:
        return { { tr("No answer from the server"),
                   tr("The server did not answer in time. Try again later; if this keeps "
                      "happening, the server may be down."),
                   Severity::Error },
                 tr("no answer in time") };
    case Code::TlsFailure:
        return { { tr("Secure connection failed"),
                   withDetail(tr("The server's certificate was not accepted. Check the server "
                                 "address; if it is right, the server's administrator needs "
                                 "to fix its certificate."),
                              error),
                   Severity::Error },
                 tr("its security certificate was not accepted") };
    case Code::HttpStatus:
        return { failed(),
                 httpStatus > 0 ? tr("HTTP status %1").arg(httpStatus) : tr("an HTTP error") };
    case Code::ResponseTooLarge:
        return { failed(), tr("the answer was too large") };
    case Code::MalformedResponse:
    case Code::UnexpectedContentType:
        return { failed(), tr("the answer was not understood") };
    case Code::InvalidUrl:
        return { { tr("Invalid server address"),
                   tr("The server address is not a valid URL. Correct it in the server's "
                      "settings."),
                   Severity::Error },
                 tr("an address it named is not allowed") };
    case Code::InsecureUrl:
        return { { tr("Insecure server address"),
                   tr("MCP Accounts signs in only over HTTPS (or to this computer). Use an "
                      "https:// address in the server's settings."),
                   Severity::Error },
                 tr("an address it named is not allowed") };
    case Code::SignInNotRequired:
        return { { tr("No sign-in needed"), tr("This server can be used without signing in."),
                   Severity::Information },
                 codeName };
    case Code::MetadataNotFound:
        return { { tr("No sign-in information"),
                   withDetail(tr("The server did not say how to sign in to it. Check the "
                                 "server address; the server may not support MCP sign-in."),
                              error),
                   Severity::Error },
                 tr("it publishes no sign-in information") };
    case Code::ResourceMismatch:
        return { { tr("Server names another server"),
                   tr("The server's sign-in information is for a different server address, "
                      "so MCP Accounts did not sign in. Check the address, or tell the "
                      "server's administrator."),
                   Severity::Error },
                 tr("its sign-in information names a different server") };
    case Code::IssuerMismatch:
        return { { tr("Sign-in server misconfigured"),
                   tr("The sign-in server's information names a different sign-in server, "
                      "so MCP Accounts did not use it. Tell the server's administrator."),
                   Severity::Error },
                 tr("the authorization server's information names a different issuer") };
    case Code::PkceNotSupported:
        return { { tr("Sign-in server not supported"),
                   tr("The sign-in server does not support PKCE with S256, which MCP "
                      "requires for a safe sign-in. Ask the server's administrator to enable "
                      "it."),
                   Severity::Error },
                 tr("the authorization server does not support PKCE, which sign-in needs") };
    case Code::ClientDetailsNeeded:
        return { { tr("Client ID needed"),
                   tr("This server needs a client ID. Enter one in the server's settings."),
                   Severity::Warning },
                 codeName };
    case Code::RegistrationFailed:
        return { { tr("Registration refused"),
                   withDetail(tr("The sign-in server did not let MCP Accounts register. Enter "
                                 "a client ID in the server's settings, or ask the server's "
                                 "administrator."),
                              error),
                   Severity::Error },
                 codeName };
    case Code::CallbackPortInUse:
        return { { tr("Callback port in use"),
                   tr("Another program uses the port that receives the sign-in answer. Close "
                      "that program or choose another callback port in the server's "
                      "settings."),
                   Severity::Error },
                 codeName };
    case Code::AuthorizationFailed:
        return { { tr("Sign-in refused"),
                   withDetail(tr("The sign-in server refused the sign-in. Check the server's "
                                 "settings (scope, resource) and try again."),
                              error),
                   Severity::Error },
                 codeName };
    case Code::IssMismatch:
        return { { tr("Sign-in answer not trusted"),
                   tr("The sign-in answer did not come from the expected sign-in server, so "
                      "it was discarded. Sign in again; if this repeats, tell the server's "
                      "administrator."),
                   Severity::Error },
                 codeName };
    case Code::InvalidGrant:
    case Code::NeedsSignIn:
        return { { tr("Sign in again"),
                   tr("The server no longer accepts this sign-in. Sign in again."),
                   Severity::Warning },
                 codeName };
    case Code::InvalidClient:
        return { { tr("Client not accepted"),
                   tr("The sign-in server did not accept the client ID or secret. Check them "
                      "in the server's settings."),
                   Severity::Error },
                 codeName };
    case Code::TokenEndpointError:
        return { { tr("Sign-in not completed"),
                   withDetail(tr("The sign-in server did not hand out a token. Try again; if "
                                 "this repeats, tell the server's administrator."),
                              error),
                   Severity::Error },
                 codeName };
    case Code::InsufficientScope:
        return { { tr("More access needed"),
                   tr("The server asks for more access than this sign-in has. Sign in again "
                      "and allow the requested access."),
                   Severity::Warning },
                 codeName };
    default:
        break;
    }
    return { failed(), codeName };
}

QString SignInText::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Information:
        return QStringLiteral("information");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        break;
    }
    return QStringLiteral("error");
}

SignInText::Severity SignInText::severityFromName(const QString &name)
{
    if (name == QLatin1String("information"))
        return Severity::Information;
    if (name == QLatin1String("warning"))
        return Severity::Warning;
    return Severity::Error;
}

} // namespace Mcpa
