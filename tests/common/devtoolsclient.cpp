#include "devtoolsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTest>
#include <QUrl>

#include <memory>

DevToolsClient::DevToolsClient(quint16 port, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &DevToolsClient::readFrames);
}

quint16 DevToolsClient::freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool DevToolsClient::attach(int timeoutMs)
{
    QNetworkAccessManager manager;
    QString socketPath;
    const auto findPage = [&] {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/json/list").arg(m_port)));
        std::unique_ptr<QNetworkReply> reply(manager.get(request));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000)
            || reply->error() != QNetworkReply::NoError) {
            QTest::qWait(250); // not listening yet
            return false;
        }
        const QJsonArray targets = QJsonDocument::fromJson(reply->readAll()).array();
        for (const QJsonValue &target : targets) {
            const QJsonObject object = target.toObject();
            if (object.value(QStringLiteral("type")).toString() != QLatin1String("page"))
                continue;
            const QUrl socket(object.value(QStringLiteral("webSocketDebuggerUrl")).toString());
            if (socket.isValid() && !socket.path().isEmpty()) {
                socketPath = socket.path();
                return true;
            }
        }
        QTest::qWait(250);
        return false;
    };
    if (!QTest::qWaitFor(findPage, timeoutMs)) {
        m_error = QStringLiteral("no page on DevTools port %1").arg(m_port);
        return false;
    }
    m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!m_socket.waitForConnected(5000)) {
        m_error = m_socket.errorString();
        return false;
    }
    QByteArray key(16, '\0');
    for (char &byte : key)
        byte = char(QRandomGenerator::global()->bounded(256));
    m_socket.write("GET " + socketPath.toLatin1()
                   + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port)
                   + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                   + key.toBase64() + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
    if (!QTest::qWaitFor(
            [&] { return m_upgraded || m_socket.state() != QTcpSocket::ConnectedState; }, 10000)
        || !m_upgraded) {
        m_error = QStringLiteral("the DevTools socket was not opened");
        return false;
    }
    return true;
}

QVariant DevToolsClient::evaluate(const QString &expression, int timeoutMs)
{
    const QJsonObject answer = call(
        QStringLiteral("Runtime.evaluate"),
        { { QStringLiteral("expression"), expression }, { QStringLiteral("returnByValue"), true } },
        timeoutMs);
    const QJsonObject result = answer.value(QStringLiteral("result")).toObject();
    if (result.contains(QStringLiteral("exceptionDetails")))
        return {};
    return result.value(QStringLiteral("result"))
        .toObject()
        .value(QStringLiteral("value"))
        .toVariant();
}

bool DevToolsClient::waitForElement(const QString &id, int timeoutMs)
{
    const QString script = QStringLiteral("document.getElementById('%1') !== null").arg(id);
    return QTest::qWaitFor(
        [&] {
            if (evaluate(script).toBool())
                return true;
            QTest::qWait(100);
            return false;
        },
        timeoutMs);
}

QJsonObject DevToolsClient::call(const QString &method, const QJsonObject &params, int timeoutMs)
{
    if (!m_upgraded)
        return {};
    const int id = m_nextId++;
    sendText(QJsonDocument(QJsonObject { { QStringLiteral("id"), id },
                                         { QStringLiteral("method"), method },
                                         { QStringLiteral("params"), params } })
                 .toJson(QJsonDocument::Compact));
    QJsonObject answer;
    const auto answered = [&] {
        for (qsizetype i = 0; i < m_messages.size(); ++i) {
            if (m_messages.at(i).value(QStringLiteral("id")).toInt() == id) {
                answer = m_messages.takeAt(i);
                return true;
            }
        }
        m_messages.clear(); // events nobody asked for
        return m_socket.state() != QTcpSocket::ConnectedState;
    };
    if (!QTest::qWaitFor(answered, timeoutMs))
        m_error = QStringLiteral("no answer to %1").arg(method);
    return answer;
}

void DevToolsClient::sendText(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81)); // FIN, text
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size < 65536) {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8)).append(char(size & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    QByteArray mask(4, '\0');
    for (char &byte : mask)
        byte = char(QRandomGenerator::global()->bounded(256));
    frame.append(mask);
    for (qsizetype i = 0; i < size; ++i)
        frame.append(char(payload.at(i) ^ mask.at(i % 4)));
    m_socket.write(frame);
}

void DevToolsClient::readFrames()
{
    m_buffer.append(m_socket.readAll());
    if (!m_upgraded) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray status = m_buffer.left(m_buffer.indexOf("\r\n"));
        if (!status.contains(" 101 ")) {
            m_error = QString::fromLatin1(status);
            m_socket.abort();
            return;
        }
        m_upgraded = true;
        m_buffer.remove(0, end + 4);
    }
    while (m_buffer.size() >= 2) {
        const auto byte = [&](qsizetype i) {
            return quint8(m_buffer.at(i));
        };
        const bool fin = byte(0) & 0x80;
        const int opcode = byte(0) & 0x0f;
        const bool masked = byte(1) & 0x80;
        quint64 length = byte(1) & 0x7f;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (quint64(byte(2)) << 8) | byte(3);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | byte(2 + i);
            offset = 10;
        }
        const qsizetype maskOffset = offset;
        if (masked)
            offset += 4;
        if (quint64(m_buffer.size()) < offset + length)
            return;
        QByteArray payload = m_buffer.mid(offset, qsizetype(length));
        if (masked) {
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = char(payload.at(i) ^ m_buffer.at(maskOffset + i % 4));
        }
        m_buffer.remove(0, offset + qsizetype(length));
        if (opcode == 0x8) { // close
            m_socket.disconnectFromHost();
            return;
        }
        if (opcode != 0x0 && opcode != 0x1 && opcode != 0x2)
            continue; // ping, pong
        m_fragments.append(payload);
        if (!fin)
            continue;
        const QJsonObject message = QJsonDocument::fromJson(m_fragments).object();
        m_fragments.clear();
        if (!message.isEmpty())
            m_messages.append(message);
    }
}
