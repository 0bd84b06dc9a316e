#include "core/store/registryfile.h"

#include "core/base/logging.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringList>

#include <algorithm>

namespace Mcpa {
namespace {

using namespace std::chrono_literals;

/// A lock older than this is someone's leftover (a live holder keeps it for
/// milliseconds; a dead holder's lock is recognised at once by its pid).
constexpr auto lockStaleAfter = 10s;
/// An empty lock file this old was left by a holder killed before it wrote its pid.
constexpr auto abandonedLockAge = 1s;

/// QLockFile recognises a dead holder by the pid written into the file. A
/// holder killed between creating the file and writing its pid leaves an empty
/// file that QLockFile would only call stale after lockStaleAfter; a live
/// holder writes its pid microseconds after creating the file, so an empty lock
/// older than abandonedLockAge is removed -- under the same ".rmlock" guard
/// QLockFile takes when it removes a stale lock, so only one process does.
void removeAbandonedLock(const QString &lockPath)
{
    auto isAbandoned = [&lockPath]() {
        const QFileInfo info(lockPath);
        return info.exists() && info.size() == 0
            && info.lastModified().msecsTo(QDateTime::currentDateTime())
            > std::chrono::milliseconds(abandonedLockAge).count();
    };
    if (!isAbandoned())
        return;
    QLockFile guard(lockPath + QLatin1String(".rmlock"));
    if (guard.tryLock(0ms) && isAbandoned() && QFile::remove(lockPath))
        qCWarning(lcConfig) << "removed an empty config lock left by a killed process";
}

/// QLockFile::tryLock(timeout), plus removeAbandonedLock() while waiting.
bool takeLock(QLockFile *lock, const QString &lockPath, std::chrono::milliseconds timeout)
{
    lock->setStaleLockTime(lockStaleAfter);
    QDeadlineTimer deadline(timeout);
    for (;;) {
        const auto slice = std::min<std::chrono::milliseconds>(
            100ms, std::chrono::milliseconds(deadline.remainingTime()));
        if (lock->tryLock(slice))
            return true;
        if (lock->error() != QLockFile::LockFailedError || deadline.hasExpired())
            return false;
        removeAbandonedLock(lockPath);
    }
}

QString lockProblem(const QLockFile &lock)
{
    switch (lock.error()) {
    case QLockFile::LockFailedError:
        return QStringLiteral("another process keeps the config file locked");
    case QLockFile::PermissionError:
        return QStringLiteral("no permission to create the config lock file");
    case QLockFile::UnknownError:
    case QLockFile::NoError:
        break;
    }
    return QStringLiteral("cannot create the config lock file");
}

} // namespace

RegistryFile::RegistryFile(const QString &path)
    : m_path(path)
    , m_lock(path + QLatin1String(".lock"))
{ }

RegistryFile::ReadOutcome RegistryFile::read(QByteArray *bytes, QString *problem) const
{
    QFile file(m_path);
    if (!file.exists())
        return ReadOutcome::Missing;
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.errorString();
        return ReadOutcome::Failed;
    }
    *bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *problem = file.errorString();
        return ReadOutcome::Failed;
    }
    return ReadOutcome::Read;
}

bool RegistryFile::makeDirectory(QString *problem) const
{
    QStringList missing;
    QString existing = QDir::cleanPath(QFileInfo(m_path).absolutePath());
    while (!QFileInfo::exists(existing)) {
        missing.prepend(existing);
        const QString parent = QFileInfo(existing).path();
        if (parent == existing)
            break;
        existing = parent;
    }
    if (!QFileInfo(existing).isDir()) {
        *problem = QDir::toNativeSeparators(existing) + QLatin1String(" is not a directory");
        return false;
    }
    for (const QString &directory : std::as_const(missing)) {
        if (!QDir().mkdir(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)
            && !QFileInfo(directory).isDir()) {
            *problem = QLatin1String("cannot create ") + QDir::toNativeSeparators(directory);
            return false;
        }
    }
    return true;
}

bool RegistryFile::write(const QByteArray &bytes, QString *problem) const
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *problem = QLatin1String("cannot write ") + QDir::toNativeSeparators(m_path)
            + QLatin1String(": ") + file.errorString();
        return false;
    }
    // Before the first byte: the file never exists with wider permissions.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        qCWarning(lcConfig) << "could not make the config file private:" << file.errorString();
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        *problem = QLatin1String("cannot write ") + QDir::toNativeSeparators(m_path)
            + QLatin1String(": ") + file.errorString();
        return false;
    }
    return true;
}

bool RegistryFile::lock(QString *problem)
{
    if (takeLock(&m_lock, m_path + QLatin1String(".lock"), m_lockTimeout))
        return true;
    *problem = lockProblem(m_lock);
    return false;
}

void RegistryFile::unlock()
{
    m_lock.unlock();
}

QString RegistryFile::setAside(QString *problem) const
{
    const QString stamp
        = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss.zzz'Z'"));
    const QString base = m_path + QLatin1String(".corrupt-") + stamp;
    for (int n = 1; n <= 100; ++n) {
        const QString candidate = n == 1 ? base : base + QLatin1Char('-') + QString::number(n);
        const QFileInfo info(candidate);
        if (info.exists() || info.isSymLink())
            continue;
        QFile file(m_path);
        if (file.rename(candidate)) // never replaces an existing file
            return candidate;
        *problem = file.errorString();
        if (!QFileInfo::exists(m_path))
            return {};
    }
    return {};
}

} // namespace Mcpa
