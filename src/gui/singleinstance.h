#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QLocalServer;
class QLocalSocket;

namespace Mcpa {

/// One running app per user: the first instance listens on a local socket
/// in the user's runtime directory; a second launch connects, asks the first
/// to show its window and exits. Both ends check that the peer is the same
/// user: a socket of another user's process is neither obeyed nor told
/// anything. The same socket brokers sign-ins for the bridges and the CLI
/// (SignInBroker): "signin {json}" asks for one, answered with "waiting",
/// then "done" or "failed <why>".
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(QString name = defaultName(), QObject *parent = nullptr);

    /// True when this is the first instance (it now listens); false when
    /// another one runs (it has been asked to show itself).
    bool claim();

    /// The socket's path: `$XDG_RUNTIME_DIR/mcp-accounts-<hash of the config
    /// location>` (a name in Qt's default place only when there is no
    /// runtime directory).
    static QString defaultName();

    /// Answers every waiting sign-in request for the account (@p label empty:
    /// any of the server's).
    void answerSignIn(const QString &serverId, const QString &label, bool done,
                      const QString &why = {});

Q_SIGNALS:
    /// Another launch asked this instance to show its window.
    void activationRequested();
    /// A bridge or the CLI of @p clientName (its MCP client's name, may be
    /// empty) needs the person to sign in to the account.
    void signInRequested(const QString &serverId, const QString &label, const QString &clientName);

private:
    struct Waiting
    {
        QPointer<QLocalSocket> socket;
        QString serverId;
        QString label;
    };
    void onLine(QLocalSocket *client, const QByteArray &line);

    QString m_name;
    QLocalServer *m_server = nullptr;
    QList<Waiting> m_waiting;
};

} // namespace Mcpa
