#include "core/store/refreshlock.h"

#include "core/base/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace Mcpa {

namespace {

constexpr QFile::Permissions OwnerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

// Creates @p path (one level) owner-only, or tightens an existing one.
bool makePrivateDirectory(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() && !QDir().mkdir(path, OwnerOnly) && !QFileInfo(path).isDir())
        return false;
    if (!QFileInfo(path).isDir())
        return false;
    // permissions() adds the Read/Write/ExeUser bits of this process's own access.
    constexpr QFile::Permissions Others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
        | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    return !(QFile::permissions(path) & Others) || QFile::setPermissions(path, OwnerOnly);
}

} // namespace

QString RefreshLock::defaultDirectory()
{
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (runtime.isEmpty())
        return {};
    return runtime + QLatin1String("/mcp-accounts/locks");
}

QString RefreshLock::filePath(const QString &directory, const QString &serverId,
                              const QString &label)
{
    const QByteArray account = (serverId + QLatin1Char('/') + label).toUtf8();
    const QByteArray digest = QCryptographicHash::hash(account, QCryptographicHash::Sha256);
    return directory + QLatin1Char('/') + QString::fromLatin1(digest.toHex())
        + QLatin1String(".lock");
}

RefreshLock::RefreshLock(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_fileName(filePath)
    , m_file(filePath)
{
    m_file.setStaleLockTime(static_cast<int>(StaleTime.count()));
    m_retry.setSingleShot(true);
    m_retry.setInterval(PollInterval);
    connect(&m_retry, &QTimer::timeout, this, &RefreshLock::attempt);
}

RefreshLock::~RefreshLock()
{
    release();
}

void RefreshLock::acquire(std::chrono::milliseconds timeout)
{
    if (m_state == State::Waiting || m_state == State::Held) {
        qCWarning(lcKeychain) << "refresh lock: acquire() while" << m_state;
        return;
    }
    m_timeout = timeout;
    m_deadline = QDeadlineTimer(timeout);
    m_attempts = 0;
    setState(State::Waiting);
    // The first try, too, happens on the next event-loop turn: callers connect first.
    m_retry.start(0);
}

void RefreshLock::attempt()
{
    if (m_state != State::Waiting)
        return;
    if (m_attempts == 0 && !ensureDirectory()) {
        fail({ Error::Code::Internal,
               QStringLiteral("cannot create the lock directory %1")
                   .arg(QDir::toNativeSeparators(QFileInfo(m_fileName).path())) });
        return;
    }
    ++m_attempts;
    if (m_file.tryLock(0)) {
        qCDebug(lcKeychain) << "refresh lock acquired after" << m_attempts << "attempt(s)";
        setState(State::Held);
        Q_EMIT acquired();
        return;
    }
    if (m_file.error() != QLockFile::LockFailedError) {
        fail({ Error::Code::Internal,
               QStringLiteral("cannot create the lock file %1 (QLockFile error %2)")
                   .arg(QDir::toNativeSeparators(m_fileName))
                   .arg(static_cast<int>(m_file.error())) });
        return;
    }
    if (m_deadline.hasExpired()) {
        fail({ Error::Code::Timeout,
               QStringLiteral("another process kept this account's refresh lock for more than "
                              "%1 ms")
                   .arg(m_timeout.count()) });
        return;
    }
    const auto remaining = std::chrono::milliseconds(m_deadline.remainingTime());
    m_retry.start(std::min(PollInterval, remaining));
}

bool RefreshLock::ensureDirectory()
{
    const QString locks = QFileInfo(m_fileName).path();
    const QString parent = QFileInfo(locks).path();
    if (!QFileInfo(parent).isDir() && !makePrivateDirectory(parent))
        return false;
    return makePrivateDirectory(locks);
}

void RefreshLock::release()
{
    m_retry.stop();
    if (m_state == State::Held) {
        m_file.unlock();
        qCDebug(lcKeychain) << "refresh lock released";
    }
    if (m_state == State::Held || m_state == State::Waiting)
        setState(State::Idle);
}

void RefreshLock::fail(const Error &error)
{
    qCDebug(lcKeychain) << "refresh lock not acquired:" << error.codeName();
    setState(State::Failed);
    Q_EMIT failed(error);
}

void RefreshLock::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Mcpa
