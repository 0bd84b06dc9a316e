#pragma once

#include "core/base/error.h"

#include <QObject>
#include <QUrl>

namespace Mcpa {

class HttpClient;
class Trace;
struct HttpResponse;

/// The "--browser none" user agent: for development authorization servers
/// that approve without a login form. Requests the authorization URL, keeps
/// cookies (with their Path and Domain), follows redirects (at most 20)
/// until one points at the loopback redirect URI, and then requests that
/// URL, so the callback arrives exactly as from a browser. A page that
/// wants a person (a login or consent form) ends it with a clear error.
class HeadlessUserAgent : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Browsing, DeliveringCallback, Finished, Failed };
    Q_ENUM(State)

    explicit HeadlessUserAgent(Trace *trace = nullptr, QObject *parent = nullptr);

    /// Exactly one of succeeded()/failed() follows, asynchronously.
    void start(const QUrl &authorizationUrl, const QUrl &redirectUri);
    State state() const { return m_state; }

Q_SIGNALS:
    void stateChanged(Mcpa::HeadlessUserAgent::State state);
    void succeeded();
    void failed(const Mcpa::Error &error);

private:
    void request(const QUrl &url);
    void onAnswer(const HttpResponse &response);
    bool isRedirectTarget(const QUrl &url) const;
    void fail(const Error &error);
    void setState(State state);

    HttpClient *m_http; ///< its own client: cookies stay with this user agent
    Trace *m_trace;
    QUrl m_redirectUri;
    int m_hops = 0;
    State m_state = State::Idle;
};

} // namespace Mcpa
