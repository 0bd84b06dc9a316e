#pragma once

// Small file helpers shared by the import tests (CLI and GUI).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

namespace Mcpa::TestFiles {

/// A sample client config under tests/data/import.
inline QString sample(const QString &relative)
{
    return QDir::cleanPath(QStringLiteral(MCPA_FIXTURES_DIR "/../data/import/") + relative);
}

/// The whole file, or an empty array when it cannot be read.
inline QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Writes @p bytes to @p path, creating its directories; false on failure.
inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

} // namespace Mcpa::TestFiles
