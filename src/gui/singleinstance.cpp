#include "gui/singleinstance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <sys/socket.h>
#include <unistd.h>

namespace Mcpa {

namespace {

/// The user id of the process at the other end of a connected local socket,
/// or -1 when the kernel does not say.
qint64 peerUid(qintptr descriptor)
{
    struct ucred credentials
    {
    };
    socklen_t length = sizeof credentials;
    if (descriptor < 0
        || ::getsockopt(static_cast<int>(descriptor), SOL_SOCKET, SO_PEERCRED, &credentials,
                        &length)
            != 0)
        return -1;
    return credentials.uid;
}

bool isOwnUser(const QLocalSocket &socket)
{
    return peerUid(socket.socketDescriptor()) == static_cast<qint64>(::getuid());
}

} // namespace

SingleInstance::SingleInstance(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
{ }

QString SingleInstance::defaultName()
{
    // Per user (and per config location, so test runs never meet the real
    // app), in the user's own runtime directory (XDG_RUNTIME_DIR, mode 0700;
    // Qt checks its owner) rather than /tmp, where another user could take
    // the name first.
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    const QString name = QStringLiteral("mcp-accounts-%1").arg(qHash(config), 0, 16);
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (runtime.isEmpty())
        return QStringLiteral("mcp-accounts-%1-%2").arg(getuid()).arg(qHash(config), 0, 16);
    return runtime + QLatin1Char('/') + name;
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
    if (!m_server->listen(m_name))
        return true; // could not listen: run anyway, just without the raise feature
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *client = m_server->nextPendingConnection()) {
            if (!isOwnUser(*client)) {
                client->abort();
                client->deleteLater();
                continue;
            }
            connect(client, &QLocalSocket::readyRead, this, [this, client] {
                if (client->readAll().startsWith("show"))
                    Q_EMIT activationRequested();
                client->disconnectFromServer();
            });
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
        }
    });
    return true;
}

} // namespace Mcpa
