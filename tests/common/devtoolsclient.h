#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTcpSocket>
#include <QVariant>

/// Drives a page in another process through Chromium's DevTools protocol:
/// QtWebEngine listens for it when QTWEBENGINE_REMOTE_DEBUGGING=127.0.0.1:PORT
/// (the app sets it for the sign-in helper from MCP_ACCOUNTS_SIGNIN_DEVTOOLS)
/// is in its environment. A minimal WebSocket client (RFC 6455, text frames,
/// client-masked) over QTcpSocket; calls wait in the event loop.
class DevToolsClient : public QObject
{
    Q_OBJECT
public:
    explicit DevToolsClient(quint16 port, QObject *parent = nullptr);

    /// A free TCP port on 127.0.0.1 to pass to MCP_ACCOUNTS_SIGNIN_DEVTOOLS.
    static quint16 freePort();

    /// Waits until the browser lists a page, then opens its DevTools socket.
    bool attach(int timeoutMs = 60000);
    /// Runtime.evaluate(@p expression) by value; invalid on error or timeout.
    QVariant evaluate(const QString &expression, int timeoutMs = 10000);
    /// Waits until the page has an element with id @p id.
    bool waitForElement(const QString &id, int timeoutMs = 30000);

    QString errorString() const { return m_error; }

private:
    QJsonObject call(const QString &method, const QJsonObject &params, int timeoutMs);
    void sendText(const QByteArray &payload);
    void readFrames();

    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_fragments;
    QList<QJsonObject> m_messages;
    int m_nextId = 1;
    bool m_upgraded = false;
    QString m_error;
};
