#include "core/net/httpclient.h"

#include "core/base/logging.h"
#include "core/net/urlpolicy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace Mcpa {

namespace {

const char *methodName(HttpRequest::Method method)
{
    switch (method) {
    case HttpRequest::Method::Get:
        return "GET";
    case HttpRequest::Method::Post:
        return "POST";
    case HttpRequest::Method::Delete:
        return "DELETE";
    }
    return "?";
}

// Qt's errorString() can quote the whole URL, query included; build our own
// text from the error code and the redacted URL instead.
Error transportError(QNetworkReply::NetworkError code, const QUrl &url)
{
    const QString where = UrlPolicy::redacted(url);
    const QString text
        = QStringLiteral("%1 (network error %2)").arg(where).arg(static_cast<int>(code));
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return { Error::Code::Unreachable, text };
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
        return { Error::Code::Timeout, text };
    case QNetworkReply::SslHandshakeFailedError:
        return { Error::Code::TlsFailure, text };
    case QNetworkReply::OperationCanceledError:
        return { Error::Code::Cancelled, text };
    default:
        return { Error::Code::Network, text };
    }
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QList<QByteArray> HttpResponse::headerValues(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(pair.second);
    }
    return values;
}

QByteArray HttpResponse::mediaType() const
{
    QByteArray type = header("Content-Type");
    const int semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

struct HttpClient::Pending
{
    QNetworkReply *reply = nullptr;
    QPointer<QObject> context;
    Callback callback;
    qint64 maxBodyBytes = 0;
    Error forcedError;
    QTimer *deadline = nullptr;
    std::function<bool(const HttpResponse &, const QByteArray &)> onStreamData;
    bool streaming = false; ///< the answer is an event stream handed to onStreamData
    bool stoppedByReader = false; ///< onStreamData returned false
    quint64 id = 0;
};

namespace {

HttpResponse headOf(QNetworkReply *reply)
{
    HttpResponse head;
    head.url = reply->url();
    head.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    head.headers = reply->rawHeaderPairs();
    return head;
}

} // namespace

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    // Secrets travel in headers and bodies: never let a cache keep them.
    m_manager->setCache(nullptr);
}

HttpClient::~HttpClient()
{
    // Replies are children of the manager; drop callbacks without calling them.
    for (Pending *pending : std::as_const(m_pending)) {
        pending->reply->disconnect(this);
        pending->reply->abort();
        delete pending;
    }
    m_pending.clear();
}

namespace {

/// RFC 9110 field-name: a token.
bool isFieldName(const QByteArray &name)
{
    static const QByteArray tokenPunctuation("!#$%&'*+-.^_`|~");
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const bool alphanumeric
            = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alphanumeric && !tokenPunctuation.contains(c))
            return false;
    }
    return true;
}

/// RFC 9110 field-value: no CR, LF, NUL or other control character (HTAB
/// aside). Values come from servers (tokens, versions, session ids): a CR LF
/// in one would add a header of the server's choosing.
bool isFieldValue(const QByteArray &value)
{
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
            return false;
    }
    return true;
}

/// An error when a header may not be sent; names the header, never its value.
Error checkHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    for (const auto &header : headers) {
        if (!isFieldName(header.first))
            return { Error::Code::Internal,
                     QStringLiteral("a request header name is not an HTTP token; not sent") };
        if (!isFieldValue(header.second))
            return { Error::Code::Internal,
                     QStringLiteral("the %1 header carries a control character; not sent")
                         .arg(QString::fromLatin1(header.first)) };
    }
    return {};
}

} // namespace

quint64 HttpClient::send(const HttpRequest &request, QObject *context, Callback callback)
{
    Error policy = UrlPolicy::check(request.url, QStringLiteral("request URL"));
    if (!policy)
        policy = checkHeaders(request.headers);
    if (policy) {
        HttpResponse response;
        response.url = request.url;
        response.error = policy;
        QTimer::singleShot(0, context,
                           [callback = std::move(callback), response] { callback(response); });
        return 0;
    }

    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    networkRequest.setTransferTimeout(static_cast<int>(request.timeout.count()));
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader,
                             QByteArrayLiteral("mcp-accounts/" MCPA_VERSION));
    for (const auto &header : request.headers)
        networkRequest.setRawHeader(header.first, header.second);

    QNetworkReply *reply = nullptr;
    switch (request.method) {
    case HttpRequest::Method::Get:
        reply = m_manager->get(networkRequest);
        break;
    case HttpRequest::Method::Post:
        reply = m_manager->post(networkRequest, request.body);
        break;
    case HttpRequest::Method::Delete:
        reply = m_manager->deleteResource(networkRequest);
        break;
    }
    qCDebug(lcHttp) << methodName(request.method) << UrlPolicy::redacted(request.url);

    auto *pending = new Pending;
    pending->reply = reply;
    pending->context = context;
    pending->callback = std::move(callback);
    pending->maxBodyBytes = request.maxBodyBytes;
    pending->onStreamData = request.onStreamData;
    pending->id = m_nextId++;
    pending->deadline = new QTimer(reply);
    pending->deadline->setSingleShot(true);
    m_pending.append(pending);

    connect(pending->deadline, &QTimer::timeout, reply, [pending] {
        pending->forcedError
            = { Error::Code::Timeout, QStringLiteral("no complete answer in time") };
        pending->reply->abort();
    });
    pending->deadline->start(request.timeout);

    connect(reply, &QNetworkReply::downloadProgress, reply,
            [pending](qint64 received, qint64 total) {
                if (received > pending->maxBodyBytes || total > pending->maxBodyBytes) {
                    pending->forcedError = {
                        Error::Code::ResponseTooLarge,
                        QStringLiteral("response body exceeds %1 bytes").arg(pending->maxBodyBytes)
                    };
                    pending->reply->abort();
                }
            });
    if (pending->onStreamData) {
        connect(reply, &QNetworkReply::readyRead, reply, [pending] { readStream(pending); });
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finish(reply); });
    return pending->id;
}

void HttpClient::abort(quint64 id)
{
    for (Pending *entry : std::as_const(m_pending)) {
        if (entry->id == id && id != 0) {
            entry->forcedError = { Error::Code::Cancelled, QStringLiteral("request cancelled") };
            entry->reply->abort();
            return;
        }
    }
}

void HttpClient::readStream(Pending *pending)
{
    if (pending->stoppedByReader || pending->forcedError)
        return;
    if (!pending->context) {
        pending->stoppedByReader = true; // nobody is listening any more
        pending->reply->abort();
        return;
    }
    QNetworkReply *reply = pending->reply;
    if (!pending->streaming) {
        const HttpResponse head = headOf(reply);
        if (head.mediaType() != "text/event-stream")
            return; // collected into the body as usual
        pending->streaming = true;
    }
    const HttpResponse head = headOf(reply);
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    if (!pending->onStreamData(head, chunk)) {
        pending->stoppedByReader = true;
        reply->abort();
    }
}

void HttpClient::abortAll()
{
    const QList<Pending *> pending = m_pending;
    for (Pending *entry : pending) {
        entry->forcedError = { Error::Code::Cancelled, QStringLiteral("request cancelled") };
        entry->reply->abort();
    }
}

void HttpClient::finish(QNetworkReply *reply)
{
    Pending *pending = nullptr;
    for (Pending *entry : std::as_const(m_pending)) {
        if (entry->reply == reply)
            pending = entry;
    }
    if (!pending)
        return;
    m_pending.removeOne(pending);
    pending->deadline->stop();

    HttpResponse response;
    response.url = reply->url();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.headers = reply->rawHeaderPairs();
    if (pending->streaming && !pending->forcedError && !pending->stoppedByReader)
        readStream(pending); // bytes that came with the end
    if (pending->stoppedByReader) {
        // The reader has what it wanted; the abort was ours.
    } else if (pending->forcedError) {
        response.error = pending->forcedError;
    } else if (response.status == 0 && reply->error() != QNetworkReply::NoError) {
        response.error = transportError(reply->error(), reply->url());
    } else if (!pending->streaming) {
        response.body = reply->readAll();
        if (response.body.size() > pending->maxBodyBytes) {
            response.error
                = { Error::Code::ResponseTooLarge,
                    QStringLiteral("response body exceeds %1 bytes").arg(pending->maxBodyBytes) };
            response.body.clear();
        }
    }
    if (response.error)
        response.body.clear();
    qCDebug(lcHttp) << "answer" << response.status << UrlPolicy::redacted(response.url)
                    << response.error.codeName();

    reply->deleteLater();
    const Callback callback = std::move(pending->callback);
    const QPointer<QObject> context = pending->context;
    delete pending;
    if (context)
        callback(response);
}

} // namespace Mcpa
