#include "gui/singleinstance.h"

#include "core/accounts/signinbroker.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QVariant>

namespace Mcpa {

using SignInBroker::isOwnUser;

SingleInstance::SingleInstance(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
{ }

QString SingleInstance::defaultName()
{
    return SignInBroker::socketName();
}

bool SingleInstance::claim()
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (socket.waitForConnected(500)) {
        if (!isOwnUser(socket)) {
            // Someone else's socket under our name: never talk to it, never
            // step aside for it. Run without the raise feature.
            socket.abort();
            return true;
        }
        socket.write("show\n");
        socket.waitForBytesWritten(500);
        socket.disconnectFromServer();
        return false;
    }
    // Nobody answers: a socket file left by a crash is stale.
    QLocalServer::removeServer(m_name);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // Run anyway, without the raise feature and the sign-in broker.
        qWarning("mcp-accounts: cannot listen on %s: %s", qPrintable(m_name),
                 qPrintable(m_server->errorString()));
        return true;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *client = m_server->nextPendingConnection()) {
            if (!isOwnUser(*client)) {
                client->abort();
                client->deleteLater();
                continue;
            }
            connect(client, &QLocalSocket::readyRead, this, [this, client] {
                // One short line per connection: "show" or "signin {…}"; it
                // may arrive in pieces.
                const QByteArray data
                    = client->property("mcpaPartialLine").toByteArray() + client->readAll();
                const qsizetype newline = data.indexOf('\n');
                if (newline < 0 && data.size() <= 4096) {
                    client->setProperty("mcpaPartialLine", data);
                    return;
                }
                client->setProperty("mcpaPartialLine", QVariant());
                if (newline < 0 || newline > 4096) {
                    client->disconnectFromServer();
                    return;
                }
                onLine(client, data.left(newline));
            });
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        }
    });
    return true;
}

void SingleInstance::onLine(QLocalSocket *client, const QByteArray &line)
{
    if (line.startsWith("show")) {
        Q_EMIT activationRequested();
        client->disconnectFromServer();
        return;
    }
    if (!line.startsWith("signin ")) {
        client->disconnectFromServer();
        return;
    }
    const QJsonObject request = QJsonDocument::fromJson(line.mid(7)).object();
    const QString serverId = request.value(QLatin1String("server")).toString();
    if (serverId.isEmpty()) {
        client->write("failed no server named\n");
        client->disconnectFromServer();
        return;
    }
    const QString label = request.value(QLatin1String("account")).toString();
    m_waiting.append({ client, serverId, label });
    client->write("waiting\n");
    Q_EMIT signInRequested(serverId, label, request.value(QLatin1String("client")).toString());
}

void SingleInstance::answerSignIn(const QString &serverId, const QString &label, bool done,
                                  const QString &why)
{
    for (qsizetype i = m_waiting.size() - 1; i >= 0; --i) {
        const Waiting &waiting = m_waiting.at(i);
        if (!waiting.socket) {
            m_waiting.removeAt(i);
            continue;
        }
        if (waiting.serverId != serverId
            || (!label.isEmpty() && !waiting.label.isEmpty() && waiting.label != label))
            continue;
        QByteArray answer = done ? QByteArray("done\n")
                                 : "failed " + why.left(200).toUtf8().replace('\n', ' ') + '\n';
        waiting.socket->write(answer);
        waiting.socket->disconnectFromServer();
        m_waiting.removeAt(i);
    }
}

} // namespace Mcpa
