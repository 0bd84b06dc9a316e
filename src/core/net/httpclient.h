#pragma once

#include "core/base/error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Mcpa {

struct HttpResponse;

struct HttpRequest
{
    enum class Method { Get, Post, Delete };

    Method method = Method::Get;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// Whole-request deadline; also the idle transfer timeout.
    std::chrono::milliseconds timeout { 30000 };
    /// Responses larger than this fail with ResponseTooLarge.
    qint64 maxBodyBytes = 1024 * 1024;
    /// When set, a text/event-stream answer is handed over as it arrives
    /// (status and headers in @p head, the new bytes in @p chunk) instead of
    /// being collected into the body. Returning false ends the transfer: the
    /// callback then gets the response without error and with an empty body.
    std::function<bool(const HttpResponse &head, const QByteArray &chunk)> onStreamData;
};

struct HttpResponse
{
    QUrl url;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// Transport-level failure; HTTP error statuses are not errors here.
    Error error;

    /// First value of a header (case-insensitive), empty when absent.
    QByteArray header(const QByteArray &name) const;
    /// Every value of a header, in order.
    QList<QByteArray> headerValues(const QByteArray &name) const;
    /// The media type without parameters, lowercased ("application/json").
    QByteArray mediaType() const;
};

/// Sends HTTP requests with a deadline, a body size cap, no automatic
/// redirects and the HTTPS-or-loopback rule. Results are always delivered
/// asynchronously, also for immediate failures, and only while @p context lives.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpResponse &)>;

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    /// Returns an id for abort() (0 for a request refused before it was sent).
    quint64 send(const HttpRequest &request, QObject *context, Callback callback);
    /// Aborts one request still running; its callback gets Cancelled.
    void abort(quint64 id);

    /// Aborts every request still running; their callbacks get Cancelled.
    void abortAll();

    QNetworkAccessManager *networkAccessManager() const { return m_manager; }

private:
    struct Pending;
    void finish(QNetworkReply *reply);
    static void readStream(Pending *pending);

    QNetworkAccessManager *m_manager;
    QList<Pending *> m_pending;
    quint64 m_nextId = 1;
};

} // namespace Mcpa
