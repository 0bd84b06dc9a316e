#pragma once

#include <QByteArray>
#include <QLockFile>
#include <QString>

#include <chrono>

namespace Mcpa {

/// The registry's file on disk, shared by several processes: read, written
/// atomically (QSaveFile, mode 0600, in directories created 0700) under the
/// lock file "<path>.lock", and a corrupt file set aside to
/// "<path>.corrupt-<UTC time>" without ever replacing an older backup.
///
/// Knows nothing of the file's contents (see RegistryFormat).
class RegistryFile
{
public:
    enum class ReadOutcome {
        Read, ///< the bytes are read
        Missing, ///< no file
        Failed, ///< the file exists but cannot be read
    };

    explicit RegistryFile(const QString &path);

    QString path() const { return m_path; }

    /// How long lock() waits for another process's lock (default 5 s).
    void setLockTimeout(std::chrono::milliseconds timeout) { m_lockTimeout = timeout; }

    /// Reads the whole file; @p problem says why when it Failed.
    ReadOutcome read(QByteArray *bytes, QString *problem) const;

    /// Creates the file's directory and any missing parent with mode 0700.
    bool makeDirectory(QString *problem) const;
    /// Replaces the file atomically by @p bytes, mode 0600 from the start.
    bool write(const QByteArray &bytes, QString *problem) const;

    /// Takes the lock, waiting up to the lock timeout. A lock of a dead
    /// holder, or an empty one a holder killed before writing its pid left,
    /// is removed. On failure @p problem says why.
    bool lock(QString *problem);
    /// Releases the lock (nothing when it is not held).
    void unlock();

    /// Renames the file to "<path>.corrupt-<UTC time>[-N]" and returns that
    /// path; empty when it could not be moved (then @p problem says why, if
    /// the file still exists).
    QString setAside(QString *problem) const;

private:
    QString m_path;
    std::chrono::milliseconds m_lockTimeout { 5000 };
    QLockFile m_lock;
};

} // namespace Mcpa
