#include "core/base/boundedfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Mcpa::BoundedFile {

Result read(const QString &path, qint64 maxBytes)
{
    Result result;
    const QByteArray native = QFile::encodeName(path);
    const int descriptor = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (descriptor < 0) {
        const int error = errno;
        result.problem = error == ENOENT ? Problem::Missing : Problem::Unreadable;
        result.reason = QString::fromLocal8Bit(std::strerror(error));
        return result;
    }
    struct stat status
    {
    };
    if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(descriptor);
        result.problem = Problem::NotRegular;
        result.reason = QStringLiteral("not a regular file");
        return result;
    }
    if (status.st_size > maxBytes) {
        ::close(descriptor);
        result.problem = Problem::TooLarge;
        result.reason = QStringLiteral("larger than %1 bytes").arg(maxBytes);
        return result;
    }
    // One byte more than allowed tells a file that grew meanwhile.
    QByteArray data(static_cast<qsizetype>(maxBytes) + 1, Qt::Uninitialized);
    qsizetype filled = 0;
    while (filled < data.size()) {
        const ssize_t got
            = ::read(descriptor, data.data() + filled, static_cast<size_t>(data.size() - filled));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            ::close(descriptor);
            result.problem = Problem::Unreadable;
            result.reason = QString::fromLocal8Bit(std::strerror(error));
            return result;
        }
        if (got == 0)
            break;
        filled += got;
    }
    ::close(descriptor);
    if (filled > maxBytes) {
        result.problem = Problem::TooLarge;
        result.reason = QStringLiteral("larger than %1 bytes").arg(maxBytes);
        return result;
    }
    data.truncate(filled);
    result.data = std::move(data);
    return result;
}

} // namespace Mcpa::BoundedFile
