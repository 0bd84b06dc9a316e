#include "core/oauth/loopbackreplyhandler.h"

#include "core/base/logging.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkReply>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QVariantMap>

namespace Mcpa {

namespace {

QString page(const QString &body)
{
    return QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                          "</head><body>%2</body></html>")
        .arg(QCoreApplication::applicationName().toHtmlEscaped(), body);
}

/// Where the request head ends ("\r\n\r\n" or a bare "\n\n"), searching from
/// @p from; -1 while it is incomplete.
qsizetype headEnd(const QByteArray &head, qsizetype from)
{
    const qsizetype crlf = head.indexOf("\r\n\r\n", from);
    const qsizetype lf = head.indexOf("\n\n", from);
    if (crlf < 0)
        return lf;
    return lf < 0 ? crlf : qMin(crlf, lf);
}

/// The target of a request line "GET <target> HTTP/1.x" (CR stripped) whose
/// target is origin-form as a browser sends it: no controls, no spaces.
/// Empty for anything else.
QByteArray getTarget(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || parts.at(0) != "GET" || !parts.at(2).startsWith("HTTP/1.")
        || !parts.at(1).startsWith('/'))
        return {};
    for (const char c : parts.at(1)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f)
            return {};
    }
    return parts.at(1);
}

/// False as soon as the bytes so far cannot start "GET /".
bool startsLikeGet(const QByteArray &head)
{
    const QByteArray start("GET /");
    return start.startsWith(head.left(start.size()));
}

} // namespace

LoopbackReplyHandler::LoopbackReplyHandler(quint16 port, const QString &redirectHost,
                                           QObject *parent)
    : QAbstractOAuthReplyHandler(parent)
    , m_server(new QTcpServer(this))
    , m_redirectHost(redirectHost)
    , m_text(QStringLiteral("Callback received. You can close this page."))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(m_server); });
    m_server->listen(QHostAddress::LocalHost, port);
    // "localhost" in the redirect URI may resolve to ::1 in the browser:
    // then [::1] on the same port too (loopback only, like 127.0.0.1).
    if (m_server->isListening() && redirectHost == QLatin1String("localhost")) {
        m_server6 = new QTcpServer(this);
        connect(m_server6, &QTcpServer::newConnection, this,
                [this] { onNewConnection(m_server6); });
        if (!m_server6->listen(QHostAddress::LocalHostIPv6, m_server->serverPort()))
            qCDebug(lcOAuth) << "callback listener: no [::1] (" << m_server6->errorString()
                             << "), 127.0.0.1 only";
    }
}

LoopbackReplyHandler::~LoopbackReplyHandler()
{
    // The sockets are children of m_server; nothing of theirs may call back now.
    for (QTcpSocket *socket : std::as_const(m_order))
        socket->disconnect(this);
}

QString LoopbackReplyHandler::callback() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_redirectHost);
    url.setPort(port());
    url.setPath(callbackPath());
    return url.toString(QUrl::FullyEncoded);
}

void LoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    // Never used: TokenClient sends every token request itself.
    Q_UNUSED(reply)
}

bool LoopbackReplyHandler::isListening() const
{
    return m_server->isListening();
}

quint16 LoopbackReplyHandler::port() const
{
    return m_server->serverPort();
}

void LoopbackReplyHandler::close()
{
    m_server->close();
    if (m_server6)
        m_server6->close();
}

void LoopbackReplyHandler::onNewConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        // Idle or slow connections must not keep the browser out: the
        // oldest goes (the browser's request is usually the newest).
        while (m_order.size() >= MaxConnections)
            drop(m_order.first());
        m_connections.insert(socket, Connection());
        m_order.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        QTimer::singleShot(ConnectionTimeout, socket, [this, socket] { drop(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void LoopbackReplyHandler::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end() || it->answered) {
        socket->skip(socket->bytesAvailable());
        return;
    }
    // Search only the new bytes (and the three before them).
    const qsizetype from = qMax<qsizetype>(0, it->head.size() - 3);
    it->head += socket->read(MaxRequestBytes - it->head.size());
    // Refuse what is not a GET at once, without waiting for the whole head.
    if (!it->requestLineChecked) {
        const qsizetype lineEnd = it->head.indexOf('\n', from);
        if (lineEnd < 0 ? !startsLikeGet(it->head) : getTarget(it->head.left(lineEnd)).isEmpty()) {
            refuse(socket, 400, "Bad Request", QStringLiteral("malformed request"));
            return;
        }
        it->requestLineChecked = lineEnd >= 0;
    }
    if (headEnd(it->head, from) >= 0) {
        const QByteArray target = getTarget(it->head.left(it->head.indexOf('\n')));
        it->head.clear();
        it->answered = true;
        handleRequest(socket, target);
    } else if (it->head.size() >= MaxRequestBytes) {
        refuse(socket, 431, "Request Header Fields Too Large",
               QStringLiteral("request head too large"));
    }
}

void LoopbackReplyHandler::handleRequest(QTcpSocket *socket, const QByteArray &target)
{
    // Values stay as QUrl's PrettyDecoded gives them, as Qt's handler passed
    // them on; AuthorizationJob finishes the form-urlencoded decoding.
    QUrl url;
    url.setUrl(QStringLiteral("http://127.0.0.1") + QString::fromUtf8(target));
    if (!url.isValid() || url.path() != callbackPath()) {
        refuse(socket, 404, "Not Found", QStringLiteral("request for another path"));
        return;
    }
    QVariantMap values;
    const QList<QPair<QString, QString>> items = QUrlQuery(url.query()).queryItems();
    for (const auto &item : items) {
        if (values.contains(item.first)) {
            // RFC 6749 3.1: parameters must not be repeated; which one would count?
            refuse(socket, 400, "Bad Request", QStringLiteral("repeated query parameter"));
            return;
        }
        values.insert(item.first, item.second);
    }
    const QPointer<LoopbackReplyHandler> self(this);
    const QPointer<QTcpSocket> client(socket);
    Q_EMIT callbackReceived(values);
    if (self && client)
        answer(socket, 200, "OK", page(m_text));
}

void LoopbackReplyHandler::refuse(QTcpSocket *socket, int status, const QByteArray &reason,
                                  const QString &why)
{
    // The why only: never the request, which may carry a code.
    qCDebug(lcOAuth) << "callback listener:" << why << "- answered" << status;
    const auto it = m_connections.find(socket);
    if (it != m_connections.end()) {
        it->head.clear();
        it->answered = true;
    }
    answer(socket, status, reason,
           page(QStringLiteral("<h1>%1</h1>").arg(QString::fromLatin1(reason).toHtmlEscaped())));
}

void LoopbackReplyHandler::answer(QTcpSocket *socket, int status, const QByteArray &reason,
                                  const QString &html)
{
    const QByteArray body = html.toUtf8();
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                  + "\r\n"
                    "Content-Type: text/html; charset=utf-8\r\n"
                    "Content-Length: "
                  + QByteArray::number(body.size())
                  + "\r\n"
                    "Cache-Control: no-store\r\n"
                    "Referrer-Policy: no-referrer\r\n"
                    "X-Content-Type-Options: nosniff\r\n"
                    "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
                    "Connection: close\r\n\r\n"
                  + body);
    socket->flush(); // out before the flow frees the port and deletes us
    socket->disconnectFromHost(); // disconnected() then drops it
}

void LoopbackReplyHandler::drop(QTcpSocket *socket)
{
    if (!m_connections.remove(socket))
        return; // already dropped (a timeout racing the close)
    m_order.removeOne(socket);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace Mcpa
