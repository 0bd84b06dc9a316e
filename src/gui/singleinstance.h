#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace Mcpa {

/// One running app per user: the first instance listens on a local socket
/// in the user's runtime directory; a second launch connects, asks the first
/// to show its window and exits. Both ends check that the peer is the same
/// user: a socket of another user's process is neither obeyed nor told
/// anything.
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

Q_SIGNALS:
    /// Another launch asked this instance to show its window.
    void activationRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace Mcpa
