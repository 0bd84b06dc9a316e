#include "core/oauth/headlessuseragent.h"

#include "core/base/trace.h"
#include "core/net/httpclient.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>

namespace Mcpa {

namespace {
constexpr int MaxHops = 20;
}

HeadlessUserAgent::HeadlessUserAgent(const QUrl &authorizationUrl, const QUrl &redirectUri,
                                     QObject *parent)
    : Job(parent)
    , m_http(new HttpClient(this))
    , m_authorizationUrl(authorizationUrl)
    , m_redirectUri(redirectUri)
{
    // QNetworkCookieJar matches Domain and Path and replaces same-name cookies.
    m_http->networkAccessManager()->setCookieJar(new QNetworkCookieJar(m_http));
}

void HeadlessUserAgent::doStart()
{
    setProgressText(QStringLiteral("Following the sign-in page's redirects"));
    traceStep(trace(), Trace::Outcome::Info, QStringLiteral("Headless user agent"),
              QStringLiteral("following redirects without a browser"));
    request(m_authorizationUrl);
}

void HeadlessUserAgent::request(const QUrl &url)
{
    HttpRequest request;
    request.url = url;
    request.timeout = std::chrono::seconds(30);
    request.headers = { { "Accept", "text/html,application/xhtml+xml,*/*;q=0.8" } };
    m_http->send(request, this, [this](const HttpResponse &response) {
        if (!isFinished())
            onAnswer(response);
    });
}

bool HeadlessUserAgent::isRedirectTarget(const QUrl &url) const
{
    return url.scheme() == m_redirectUri.scheme() && url.host() == m_redirectUri.host()
        && url.port() == m_redirectUri.port() && url.path() == m_redirectUri.path();
}

void HeadlessUserAgent::onAnswer(const HttpResponse &response)
{
    if (m_deliveringCallback || response.error) {
        if (m_deliveringCallback)
            m_result.callbackStatus = response.status;
        emitResult(response.error);
        return;
    }
    const QByteArray location = response.header("Location");
    if (response.status >= 300 && response.status < 400 && !location.isEmpty()) {
        if (++m_result.redirects > MaxHops) {
            emitResult({ Error::Code::AuthorizationFailed,
                         QStringLiteral("more than %1 redirects without reaching the callback")
                             .arg(MaxHops) });
            return;
        }
        const QUrl next = response.url.resolved(QUrl::fromEncoded(location));
        if (isRedirectTarget(next)) {
            traceStep(trace(), Trace::Outcome::Success, QStringLiteral("Headless user agent"),
                      QStringLiteral("reached the callback after %1 redirect(s)")
                          .arg(m_result.redirects));
            m_deliveringCallback = true;
        }
        request(next);
        return;
    }
    traceStep(trace(), Trace::Outcome::Failure, QStringLiteral("Headless user agent"),
              QStringLiteral("HTTP %1 from %2 without a redirect")
                  .arg(response.status)
                  .arg(Trace::url(response.url)));
    emitResult({ Error::Code::AuthorizationFailed,
                 QStringLiteral(
                     "the authorization server showed a page that needs a person (HTTP %1 at %2); "
                     "sign in with a browser instead (--browser system or print)")
                     .arg(response.status)
                     .arg(Trace::url(response.url)) });
}

} // namespace Mcpa
