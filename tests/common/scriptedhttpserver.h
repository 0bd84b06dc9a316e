#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

/// A tiny HTTP/1.1 server on 127.0.0.1 whose answers a test scripts: for the
/// edge cases real servers will not produce (malformed metadata, odd
/// headers, oversized bodies, a server that never answers).
class ScriptedHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; ///< path and query as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray path() const;
        QByteArray header(const QByteArray &name) const;
    };
    /// Returns the raw response bytes; an empty result means "never answer".
    using Handler = std::function<QByteArray(const Request &)>;

    explicit ScriptedHttpServer(QObject *parent = nullptr);

    bool listen();
    QUrl url(const QString &path = {}) const;
    quint16 port() const;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    /// Answers @p path (without query) with @p response; others get 404.
    void route(const QByteArray &path, const QByteArray &response)
    {
        m_routes.insert(path, response);
    }

    const QList<Request> &requests() const { return m_requests; }
    QList<QByteArray> requestedPaths() const;

    static QByteArray response(int status, const QByteArray &contentType, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static QByteArray json(int status, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers = {});

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server;
    Handler m_handler;
    QHash<QByteArray, QByteArray> m_routes;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
