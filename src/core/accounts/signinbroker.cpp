#include "core/accounts/signinbroker.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace Mcpa {

namespace SignInBroker {

QString socketName()
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

} // namespace SignInBroker

SignInRequestJob::SignInRequestJob(QString serverId, QString label, QString clientName,
                                   std::chrono::milliseconds wait, QObject *parent)
    : Job(parent)
    , m_serverId(std::move(serverId))
    , m_label(std::move(label))
    , m_clientName(std::move(clientName))
    , m_wait(wait)
{ }

void SignInRequestJob::doStart()
{
    setProgressText(QStringLiteral("Asking the MCP Accounts app for a sign-in"));
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, [this] {
        if (!SignInBroker::isOwnUser(*m_socket)) {
            // Another user's socket under our name: tell it nothing.
            finishWith({ Error::Code::Unreachable,
                         QStringLiteral("the app's socket belongs to another user") });
            return;
        }
        const QJsonObject request { { QLatin1String("server"), m_serverId },
                                    { QLatin1String("account"), m_label },
                                    { QLatin1String("client"), m_clientName.left(100) } };
        m_socket->write("signin " + QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    });
    connect(m_socket, &QLocalSocket::readyRead, this, &SignInRequestJob::onReadyRead);
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this] {
        finishWith({ Error::Code::Unreachable,
                     m_acknowledged ? QStringLiteral("the MCP Accounts app went away")
                                    : QStringLiteral("the MCP Accounts app is not running") });
    });
    QTimer::singleShot(m_wait, this, [this] {
        finishWith({ Error::Code::AuthorizationTimeout,
                     QStringLiteral("nobody signed in within %1 minutes")
                         .arg(std::chrono::duration_cast<std::chrono::minutes>(m_wait).count()) });
    });
    m_socket->connectToServer(SignInBroker::socketName());
}

void SignInRequestJob::doCancel()
{
    if (m_socket)
        m_socket->abort();
}

void SignInRequestJob::onReadyRead()
{
    m_buffer += m_socket->readAll();
    if (m_buffer.size() > 4096) {
        finishWith(
            { Error::Code::MalformedResponse, QStringLiteral("the app's answer is too long") });
        return;
    }
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline).trimmed();
        m_buffer.remove(0, newline + 1);
        if (line == "waiting") {
            m_acknowledged = true;
        } else if (line == "done") {
            finishWith({});
            return;
        } else if (line.startsWith("failed")) {
            const QString why = QString::fromUtf8(line.mid(6).trimmed()).left(200);
            finishWith({ Error::Code::NeedsSignIn,
                         why.isEmpty() ? QStringLiteral("the sign-in did not happen") : why });
            return;
        }
    }
}

void SignInRequestJob::finishWith(const Error &error)
{
    if (isFinished())
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    emitResult(error);
}

} // namespace Mcpa
