#pragma once

#include "core/base/job.h"

#include <QString>

#include <chrono>

class QLocalSocket;

namespace Mcpa {

/// The running desktop app as the sign-in broker: bridges and the CLI ask
/// it, over the per-user local socket of its single instance, to have the
/// person sign in to an account. No token or secret travels over it; the
/// asker reads the keychain once the answer says the sign-in is done.
///
///   asker (bridge)                      app (SingleInstance, AppController)
///     | signin {"server","account","client"}\n -->|
///     |<------------------------------ waiting\n --|  tray: "Claude Desktop
///     |   (the person signs in)                     |   needs you to sign in to X"
///     |<--------------------------------- done\n ---|  (or "failed <why>\n")
namespace SignInBroker {

/// `$XDG_RUNTIME_DIR/mcp-accounts-<hash of the config location>`: the
/// app's single-instance socket (Qt's default place without a runtime dir).
QString socketName();
/// The uid of the process at the other end of a connected local socket, -1
/// when the kernel does not say.
qint64 peerUid(qintptr descriptor);
/// Whether the peer of @p socket runs as this user.
bool isOwnUser(const QLocalSocket &socket);

} // namespace SignInBroker

/// Asks the running app for a sign-in to one account and waits for the
/// person. Ends with Unreachable when no app answers (at once), with
/// NeedsSignIn when the app answers that it failed or was declined, with
/// AuthorizationTimeout after the wait.
class SignInRequestJob : public Job
{
    Q_OBJECT
public:
    SignInRequestJob(QString serverId, QString label, QString clientName,
                     std::chrono::milliseconds wait = std::chrono::minutes(6),
                     QObject *parent = nullptr);

    /// The app has shown the request to the person.
    bool acknowledged() const { return m_acknowledged; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onReadyRead();
    void finishWith(const Error &error);

    QString m_serverId;
    QString m_label;
    QString m_clientName;
    std::chrono::milliseconds m_wait;
    QLocalSocket *m_socket = nullptr;
    QByteArray m_buffer;
    bool m_acknowledged = false;
};

} // namespace Mcpa
