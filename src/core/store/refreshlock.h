#pragma once

#include "core/base/error.h"

#include <QDeadlineTimer>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace Mcpa {

/// "Exactly one refresh per account at a time", across processes: a lock
/// file per account in the user's runtime directory,
/// `<runtime>/mcp-accounts/locks/<sha256 hex of "serverId/label">.lock`
/// (directories 0700), held through QLockFile.
///
/// acquire() never blocks the event loop: it tries at once (on the next
/// event-loop turn) and then every PollInterval until the deadline. A lock
/// left behind by a process that died is taken over at once (QLockFile
/// checks the owner's pid); one whose owner still runs only after
/// StaleTime, far longer than any refresh may take. Two RefreshLock objects
/// in one process exclude each other as well.
///
/// The lock is released by release() or when the object is destroyed.
class RefreshLock : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Waiting, Held, Failed };
    Q_ENUM(State)

    static constexpr std::chrono::milliseconds PollInterval { 50 };
    static constexpr std::chrono::milliseconds StaleTime { std::chrono::minutes(3) };

    /// `<QStandardPaths::RuntimeLocation>/mcp-accounts/locks`; empty when
    /// the platform has no usable runtime directory.
    static QString defaultDirectory();
    /// The lock file of one account in @p directory.
    static QString filePath(const QString &directory, const QString &serverId,
                            const QString &label);

    /// A lock on @p filePath (see filePath()); its directory is created
    /// (mode 0700) on acquire().
    explicit RefreshLock(const QString &filePath, QObject *parent = nullptr);
    ~RefreshLock() override;

    QString fileName() const { return m_fileName; }
    State state() const { return m_state; }
    bool isHeld() const { return m_state == State::Held; }
    /// How many times the current or last acquire() tried the lock file.
    int attempts() const { return m_attempts; }

    /// Tries until @p timeout has passed (zero: exactly one try). Ends with
    /// acquired(), or failed() with Timeout (another holder kept it) or
    /// Internal (the lock file cannot be created). Always asynchronous.
    void acquire(std::chrono::milliseconds timeout);
    /// Releases a held lock, or stops waiting for one (without a signal).
    void release();

Q_SIGNALS:
    void stateChanged(Mcpa::RefreshLock::State state);
    void acquired();
    void failed(const Mcpa::Error &error);

private:
    void attempt();
    bool ensureDirectory();
    void fail(const Error &error);
    void setState(State state);

    QString m_fileName;
    QLockFile m_file;
    QTimer m_retry;
    QDeadlineTimer m_deadline;
    std::chrono::milliseconds m_timeout { 0 };
    State m_state = State::Idle;
    int m_attempts = 0;
};

} // namespace Mcpa
