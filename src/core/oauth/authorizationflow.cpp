#include "core/oauth/authorizationflow.h"

#include "core/base/logging.h"
#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/oauth/loopbackreplyhandler.h"
#include "core/oauth/pkce.h"

#include <QOAuth2AuthorizationCodeFlow>
#include <QTimer>
#include <QUrlQuery>

namespace Mcpa {

namespace {

// What a person sees in the browser tab after the redirect. Self-contained
// (no scripts, no external resources); anything reflected is escaped.
QString pageHtml(const QString &title, const QString &message)
{
    return QStringLiteral("<div style=\"font-family:sans-serif;max-width:32em;margin:4em auto;"
                          "line-height:1.5\"><h1 style=\"font-size:1.4em\">%1</h1><p>%2</p>"
                          "<p style=\"color:#666\">MCP Accounts</p></div>")
        .arg(title.toHtmlEscaped(), message.toHtmlEscaped());
}

/// Keeps at most @p limit printable characters of text the AS sent.
/// The reply handler hands over query values only partly decoded (QUrl's
/// PrettyDecoded keeps reserved characters such as %3A and %2F, and never
/// decodes %25). The redirect query is form-urlencoded (RFC 6749 Appendix
/// B), so finish the job: '+' is a space, then one full percent-decoding.
QVariantMap decodedValues(const QVariantMap &values)
{
    QVariantMap decoded;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        QByteArray raw = it.value().toString().toUtf8();
        raw.replace('+', ' ');
        decoded.insert(it.key(), QUrl::fromPercentEncoding(raw));
    }
    return decoded;
}

} // namespace

AuthorizationJob::AuthorizationJob(HttpClient *http, QObject *parent)
    : Job(parent)
    , m_http(http)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &AuthorizationJob::onTimeout);
}

AuthorizationJob::~AuthorizationJob()
{
    stopListening();
}

Error AuthorizationJob::listen(quint16 port, const QString &redirectHost)
{
    stopListening();
    auto *handler = new LoopbackReplyHandler(port, redirectHost, this);
    if (!handler->isListening()) {
        delete handler;
        return { Error::Code::CallbackPortInUse,
                 QStringLiteral("cannot listen on 127.0.0.1:%1 for the sign-in callback; another "
                                "program uses that port")
                     .arg(port) };
    }
    m_handler = handler;
    connect(m_handler, &LoopbackReplyHandler::callbackReceived, this,
            &AuthorizationJob::onCallback);
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Listening for the sign-in callback"),
              Trace::url(redirectUri()) + QStringLiteral(" (bound to 127.0.0.1 only)"));
    return {};
}

QUrl AuthorizationJob::redirectUri() const
{
    return m_handler ? QUrl(m_handler->callback()) : QUrl();
}

bool AuthorizationJob::isListening() const
{
    return m_handler && m_handler->isListening();
}

void AuthorizationJob::doStart()
{
    const AuthorizationRequest &request = m_request;
    m_rejectedCallbacks = 0;
    if (!isListening()) {
        const Error error = listen();
        if (error) {
            endAfterPage(error);
            return;
        }
    }
    const Pkce pkce = Pkce::generate();
    m_verifier = pkce.verifier;
    m_challenge = pkce.challenge;
    m_stateToken = Pkce::randomToken(); // 256 bits; Qt 6.4's default state is 8 characters

    delete m_flow;
    m_flow = new QOAuth2AuthorizationCodeFlow(this);
    m_flow->setAuthorizationUrl(request.authServer.authorizationEndpoint);
    m_flow->setAccessTokenUrl(request.authServer.tokenEndpoint);
    m_flow->setClientIdentifier(request.client.clientId);
    m_flow->setScope(request.scopes.join(QLatin1Char(' ')));
    m_flow->setState(QString::fromLatin1(m_stateToken));
    m_flow->setReplyHandler(m_handler);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // Qt >= 6.8 adds its own S256 challenge by default, but keeps the
    // verifier to itself; the token request is ours, so the PKCE pair is too.
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::None);
#endif
    const QByteArray challenge = m_challenge;
    const QUrl resource = request.resource;
    m_flow->setModifyParametersFunction(
        [challenge, resource](QAbstractOAuth::Stage stage,
                              QMultiMap<QString, QVariant> *parameters) {
            if (stage != QAbstractOAuth::Stage::RequestingAuthorization)
                return;
            parameters->replace(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
            parameters->replace(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            if (!resource.isEmpty())
                parameters->replace(QStringLiteral("resource"), resource.toString());
            if (parameters->value(QStringLiteral("scope")).toString().isEmpty())
                parameters->remove(QStringLiteral("scope"));
        });
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this,
            &AuthorizationJob::onAuthorizationUrl);
    m_flow->grant();
    // Qt's flow would verify the callback and request the token itself, and
    // on 6.4 swallow any error of that request: the callback is ours alone.
    disconnect(m_handler, &QAbstractOAuthReplyHandler::callbackReceived, m_flow, nullptr);
    disconnect(m_handler, &QAbstractOAuthReplyHandler::tokensReceived, m_flow, nullptr);

    if (m_authorizationUrl.isEmpty())
        endAfterPage({ Error::Code::Internal, QStringLiteral("no authorization URL was built") });
}

void AuthorizationJob::onAuthorizationUrl(const QUrl &url)
{
    m_authorizationUrl = url;
    const QUrlQuery query(url);
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Authorization request prepared"),
              QStringLiteral("%1 with PKCE S256, state (256 bits)%2%3")
                  .arg(Trace::url(url),
                       m_request.resource.isEmpty()
                           ? QStringLiteral(", no resource (turned off for this server)")
                           : QStringLiteral(", resource ") + Trace::url(m_request.resource),
                       m_request.scopes.isEmpty() ? QStringLiteral(", no scope")
                                                  : QStringLiteral(", scope \"")
                               + m_request.scopes.join(QLatin1Char(' ')) + QLatin1Char('"')));
    if (!m_request.preflight) {
        QTimer::singleShot(0, this, &AuthorizationJob::openBrowser);
        return;
    }
    m_preflight = true;
    HttpRequest request;
    request.url = url;
    request.timeout = std::chrono::seconds(15);
    m_http->send(request, this,
                 [this](const HttpResponse &response) { onPreflightAnswered(response); });
}

void AuthorizationJob::onPreflightAnswered(const HttpResponse &response)
{
    if (!m_preflight)
        return;
    if (response.status == 400) {
        traceStep(trace(), Trace::Outcome::Warning,
                  QStringLiteral("Pre-flight of the authorization URL"),
                  QStringLiteral("HTTP 400: the authorization server no longer knows this client"));
        endAfterPage(
            { Error::Code::StaleClient,
              QStringLiteral("the authorization server rejected the client id (HTTP 400)") });
        return;
    }
    traceStep(trace(), Trace::Outcome::Success,
              QStringLiteral("Pre-flight of the authorization URL"),
              response.error ? response.error.codeName()
                             : QStringLiteral("HTTP %1: client id accepted").arg(response.status));
    openBrowser();
}

void AuthorizationJob::openBrowser()
{
    if (m_ending || isFinished())
        return;
    m_preflight = false;
    m_waitingForBrowser = true;
    setProgressText(QStringLiteral("Waiting for the browser"));
    m_timeout.start(m_request.timeout);
    traceStep(
        trace(), Trace::Outcome::Info, QStringLiteral("Waiting for the browser"),
        QStringLiteral("times out after %1 s")
            .arg(std::chrono::duration_cast<std::chrono::seconds>(m_request.timeout).count()));
    Q_EMIT authorizeWithBrowser(m_authorizationUrl);
}

void AuthorizationJob::onCallback(const QVariantMap &received)
{
    const QVariantMap values = decodedValues(received);
    if (!m_waitingForBrowser && !m_preflight) {
        setPage(tr("Nothing to sign in"), tr("No sign-in is waiting for this answer."));
        return;
    }
    // Only a callback carrying our state belongs to this sign-in. Anything
    // else (a stale tab, another local program) is discarded, not acted on.
    const QByteArray state = values.value(QStringLiteral("state")).toString().toLatin1();
    if (state.isEmpty() || state != m_stateToken) {
        ++m_rejectedCallbacks;
        traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Callback discarded"),
                  state.isEmpty() ? QStringLiteral("no state")
                                  : QStringLiteral("state does not match"));
        setPage(tr("Not accepted"), tr("This answer does not belong to the sign-in in progress."));
        return;
    }

    // RFC 9207 (SEP-2468), against the issuer recorded with state and
    // verifier: advertised -> iss must be present and equal; not advertised
    // but present -> still compared (an AS that leaves the flag out must not
    // be able to hand us another AS's code); neither -> proceed. A plain
    // string comparison of the form-decoded value, no normalisation.
    const bool issPresent = values.contains(QStringLiteral("iss"));
    if (m_request.authServer.authorizationResponseIssParameterSupported || issPresent) {
        const QString iss = values.value(QStringLiteral("iss")).toString();
        if (!issPresent || iss != m_request.authServer.issuer) {
            // RFC 9207: do not act on, or show, anything else in this response.
            traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Callback rejected"),
                      !issPresent ? QStringLiteral("the iss parameter is missing")
                                  : QStringLiteral("iss names another authorization server"));
            setPage(tr("Sign-in failed"),
                    tr("The answer came from an unexpected authorization server."));
            endAfterPage(
                { Error::Code::IssMismatch,
                  !issPresent
                      ? QStringLiteral("the authorization response has no iss parameter")
                      : QStringLiteral("the authorization response names issuer \"%1\", "
                                       "expected \"%2\"")
                            .arg(sanitizedServerText(iss, 200), m_request.authServer.issuer) });
            return;
        }
    }

    const QString error = values.value(QStringLiteral("error")).toString();
    if (!error.isEmpty()) {
        const QString description
            = sanitizedServerText(values.value(QStringLiteral("error_description")).toString());
        const bool denied = error == QLatin1String("access_denied");
        traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Authorization refused"),
                  sanitizedServerText(error, 80)
                      + (description.isEmpty() ? QString() : QStringLiteral(": ") + description));
        setPage(tr("Sign-in failed"),
                denied ? tr("Access was declined. You can close this window.")
                       : tr("The authorization server answered: %1")
                             .arg(description.isEmpty() ? sanitizedServerText(error, 80)
                                                        : description));
        endAfterPage(
            { denied ? Error::Code::AuthorizationDenied : Error::Code::AuthorizationFailed,
              sanitizedServerText(error, 80)
                  + (description.isEmpty() ? QString() : QStringLiteral(": ") + description) });
        return;
    }

    const QString code = values.value(QStringLiteral("code")).toString();
    if (code.isEmpty()) {
        setPage(tr("Sign-in failed"), tr("The answer carried no authorization code."));
        endAfterPage(
            { Error::Code::AuthorizationFailed, QStringLiteral("the callback carried no code") });
        return;
    }
    setPage(tr("Signed in"), tr("You can close this window and return to MCP Accounts."));
    traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Authorization code received"),
              issPresent ? QStringLiteral("state verified, iss matches")
                         : QStringLiteral("state verified"));
    succeed(code);
}

void AuthorizationJob::onTimeout()
{
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Sign-in timed out"),
              QStringLiteral("no answer from the browser in time"));
    endAfterPage(
        { Error::Code::AuthorizationTimeout,
          QStringLiteral("no answer from the browser within %1 s")
              .arg(std::chrono::duration_cast<std::chrono::seconds>(m_request.timeout).count()) });
}

void AuthorizationJob::doCancel()
{
    m_timeout.stop();
    m_preflight = false;
    m_waitingForBrowser = false;
    stopListening();
    if (m_ending) { // decided already: only its page was still being written
        emitResult(m_outcome);
        return;
    }
    traceStep(trace(), Trace::Outcome::Warning, QStringLiteral("Sign-in cancelled"));
    emitResult({ Error::Code::Cancelled, QStringLiteral("sign-in cancelled") });
}

void AuthorizationJob::succeed(const QString &code)
{
    m_result.code = code;
    m_result.codeVerifier = m_verifier;
    m_result.redirectUri = redirectUri();
    m_result.scopes = m_request.scopes;
    endAfterPage({});
}

void AuthorizationJob::endAfterPage(const Error &error)
{
    if (m_ending || isFinished())
        return;
    m_ending = true;
    m_outcome = error;
    m_timeout.stop();
    m_preflight = false;
    m_waitingForBrowser = false;
    // Let the reply handler write the page first, then free the port.
    QTimer::singleShot(0, this, [this] {
        stopListening();
        emitResult(m_outcome);
    });
}

void AuthorizationJob::stopListening()
{
    if (m_flow) {
        m_flow->disconnect(this);
        m_flow->deleteLater();
        m_flow = nullptr;
    }
    if (!m_handler)
        return;
    m_handler->disconnect(this);
    m_handler->close();
    m_handler->deleteLater();
    m_handler = nullptr;
}

void AuthorizationJob::setPage(const QString &title, const QString &message)
{
    if (m_handler)
        m_handler->setCallbackText(pageHtml(title, message));
}

} // namespace Mcpa
