#pragma once

#include <QAbstractOAuthReplyHandler>
#include <QByteArray>
#include <QHash>
#include <QList>

#include <chrono>

class QTcpServer;
class QTcpSocket;

namespace Mcpa {

/// The loopback redirect listener of a sign-in: 127.0.0.1 only (never all
/// interfaces), the path /callback, and a redirect URI whose host may be
/// "localhost" for pre-registered clients whose registered redirect URI says
/// so; then [::1] on the same port as well, since a browser may resolve
/// localhost to either. It answers the browser's GET /callback?... with the page set by
/// setCallbackText() and emits callbackReceived() with the query parameters.
/// Token requests never go through Qt (TokenClient owns them), so
/// networkReplyFinished() ignores everything.
///
/// Why not Qt 6.4's QOAuthHttpServerReplyHandler: any local program can
/// talk to this port while a sign-in waits, and that handler, measured by
/// tests/core/tst_hostilecallbacks.cpp, (1) keeps the parse state of a
/// client that sent part of a request and left, keyed by the freed socket's
/// address: 13 of 40 later connections (the browser's, in real life)
/// inherited it and were dropped; (2) buffers an endless request target
/// without limit (8 MiB taken in, never cut off); (3) has no time limit per
/// connection; (4) takes any path that starts with the callback path; and
/// (5) reads before its buffer on a status line shorter than three bytes.
/// This listener reads at most MaxRequestBytes of request head per
/// connection within ConnectionTimeout, keeps at most MaxConnections (the
/// oldest goes), refuses anything but "GET <exact path> HTTP/1.x" as soon as
/// the first bytes show it, forgets a connection when it closes, and refuses
/// a query that repeats a parameter (RFC 6749 section 3.1). Its answer is
/// "Connection: close", no-store, no-referrer, with a restrictive CSP.
class LoopbackReplyHandler : public QAbstractOAuthReplyHandler
{
    Q_OBJECT
public:
    /// Request line plus headers; a browser sends 1-3 KiB.
    static constexpr int MaxRequestBytes = 64 * 1024;
    /// Open connections kept at once; a new one beyond closes the oldest.
    static constexpr int MaxConnections = 64;
    /// A connection gets this long to send its request.
    static constexpr std::chrono::milliseconds ConnectionTimeout { 10000 };

    /// Listens on 127.0.0.1:@p port (0: the OS chooses); check isListening().
    LoopbackReplyHandler(quint16 port, const QString &redirectHost, QObject *parent = nullptr);
    ~LoopbackReplyHandler() override;

    /// http://<redirectHost>:<port>/callback, byte for byte what is registered.
    QString callback() const override;
    void networkReplyFinished(QNetworkReply *reply) override;

    static QString callbackPath() { return QStringLiteral("/callback"); }

    bool isListening() const;
    quint16 port() const;
    /// Stops listening; connections already open are answered or time out.
    void close();

    /// The HTML body shown for a callback (set it from a callbackReceived() slot).
    QString callbackText() const { return m_text; }
    void setCallbackText(const QString &text) { m_text = text; }

private:
    struct Connection
    {
        QByteArray head;
        bool requestLineChecked = false;
        bool answered = false;
    };

    void onNewConnection(QTcpServer *server);
    void onReadyRead(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, const QByteArray &target);
    void refuse(QTcpSocket *socket, int status, const QByteArray &reason, const QString &why);
    void answer(QTcpSocket *socket, int status, const QByteArray &reason, const QString &html);
    void drop(QTcpSocket *socket);

    QTcpServer *m_server;
    QTcpServer *m_server6 = nullptr; ///< [::1], only for a "localhost" redirect URI
    QString m_redirectHost;
    QString m_text;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<QTcpSocket *> m_order; ///< oldest first
};

} // namespace Mcpa
