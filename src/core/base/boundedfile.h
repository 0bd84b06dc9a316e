#pragma once

#include <QByteArray>
#include <QString>

namespace Mcpa::BoundedFile {

/// Why read() gave no content.
enum class Problem { None, Missing, Unreadable, NotRegular, TooLarge };

struct Result
{
    Problem problem = Problem::None;
    QByteArray data;
    /// What went wrong, for an error detail ("not a regular file", "larger
    /// than 65536 bytes", "No such file or directory"): never content.
    QString reason;
    bool ok() const { return problem == Problem::None; }
};

/// Reads @p path whole when it is a regular file of at most @p maxBytes.
/// Opened non-blocking and checked on the open descriptor, so a FIFO, a
/// device (/dev/zero, /dev/stdin), a directory or a file that grows past the
/// cap while it is read neither hangs the caller nor fills its memory.
Result read(const QString &path, qint64 maxBytes);

} // namespace Mcpa::BoundedFile
