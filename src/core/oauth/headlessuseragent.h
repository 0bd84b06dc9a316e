#pragma once

#include "core/base/job.h"

#include <QUrl>

namespace Mcpa {

class HttpClient;
struct HttpResponse;

/// Where the headless user agent delivered the callback.
struct HeadlessUserAgentResult
{
    int redirects = 0; ///< how many redirects it followed to reach the redirect URI
    int callbackStatus = 0; ///< the HTTP status the loopback callback answered with
};

/// The "--browser none" user agent: for development authorization servers
/// that approve without a login form. Requests the authorization URL, keeps
/// cookies (with their Path and Domain), follows redirects (at most 20)
/// until one points at the loopback redirect URI, and then requests that
/// URL, so the callback arrives exactly as from a browser. A page that
/// wants a person (a login or consent form) ends it with a clear error.
///
///   owner              HeadlessUserAgent           authorization server    loopback
///     | start() -------->| GET authorization URL ------->|                      |
///     |                  |<-------- 3xx Location --------| (at most 20 times)   |
///     |                  | GET redirect URI + query ------------------------------>|
///     |<-- finished(job): result() / error()             |                      |
class HeadlessUserAgent : public Job
{
    Q_OBJECT
public:
    /// Follows @p authorizationUrl until it reaches @p redirectUri.
    HeadlessUserAgent(const QUrl &authorizationUrl, const QUrl &redirectUri,
                      QObject *parent = nullptr);

    /// Where the callback went; complete only when the job succeeded.
    HeadlessUserAgentResult result() const { return m_result; }

protected:
    void doStart() override;

private:
    void request(const QUrl &url);
    void onAnswer(const HttpResponse &response);
    bool isRedirectTarget(const QUrl &url) const;

    HttpClient *m_http; ///< its own client: cookies stay with this user agent
    QUrl m_authorizationUrl;
    QUrl m_redirectUri;
    bool m_deliveringCallback = false; ///< the request in flight is the callback
    HeadlessUserAgentResult m_result;
};

} // namespace Mcpa
