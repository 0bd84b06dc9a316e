#pragma once

// Shared by the libFuzzer targets of this folder (see README.md).

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace Mcpa::Fuzz {

/// The QCoreApplication every target needs (timers, sockets, paths). Qt's
/// messages are dropped: the inputs are garbage on purpose, and printing
/// warnings would slow every run down. Fatal messages still abort.
inline void initialize(int *argc, char ***argv)
{
    static QCoreApplication *application = nullptr;
    if (application)
        return;
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            std::abort();
        }
    });
    application = new QCoreApplication(*argc, *argv);
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

/// The input cut at 0xFF bytes (never valid UTF-8, so rare in the texts the
/// targets read) into exactly @p count parts; missing parts are empty.
inline QList<QByteArray> parts(const QByteArray &input, int count)
{
    const QList<QByteArray> pieces = input.split('\xff');
    QList<QByteArray> result = pieces.mid(0, count - 1);
    if (pieces.size() >= count)
        result.append(pieces.mid(count - 1).join('\xff'));
    while (result.size() < count)
        result.append(QByteArray());
    return result;
}

/// A property the code promises did not hold: a finding, like a crash.
[[noreturn]] inline void violated(const char *what)
{
    std::fprintf(stderr, "fuzz: property violated: %s\n", what);
    std::abort();
}

} // namespace Mcpa::Fuzz

#define MCPA_FUZZ_INITIALIZE                                                                       \
    extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)                                   \
    {                                                                                              \
        Mcpa::Fuzz::initialize(argc, argv);                                                        \
        return 0;                                                                                  \
    }
