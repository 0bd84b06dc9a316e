#include "terminalsafedevice.h"

#include <cerrno>

#include <unistd.h>

namespace Mcpa {

TerminalSafeDevice::TerminalSafeDevice(int descriptor, QObject *parent)
    : QIODevice(parent)
    , m_descriptor(descriptor)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

QByteArray TerminalSafeDevice::escaped(const QByteArray &data, bool *pendingLead)
{
    QByteArray out;
    out.reserve(data.size());
    qsizetype i = 0;
    if (*pendingLead) {
        *pendingLead = false;
        if (!data.isEmpty() && static_cast<unsigned char>(data.at(0)) >= 0x80
            && static_cast<unsigned char>(data.at(0)) <= 0x9f) {
            out += "<U+00"
                + QByteArray::number(static_cast<unsigned char>(data.at(0)), 16).toUpper() + '>';
            i = 1;
        } else {
            out += '\xc2';
        }
    }
    for (; i < data.size(); ++i) {
        const auto byte = static_cast<unsigned char>(data.at(i));
        if (byte == '\n' || byte == '\t') {
            out += static_cast<char>(byte);
        } else if (byte < 0x20) {
            out += '^';
            out += static_cast<char>(byte + 0x40);
        } else if (byte == 0x7f) {
            out += "^?";
        } else if (byte == 0xc2) {
            if (i + 1 == data.size()) {
                *pendingLead = true; // the next chunk says what it starts
                continue;
            }
            const auto next = static_cast<unsigned char>(data.at(i + 1));
            if (next >= 0x80 && next <= 0x9f) {
                out += "<U+00" + QByteArray::number(next, 16).toUpper() + '>';
                ++i;
            } else {
                out += static_cast<char>(byte);
            }
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

qint64 TerminalSafeDevice::writeData(const char *data, qint64 size)
{
    const QByteArray safe = escaped(QByteArray(data, static_cast<qsizetype>(size)), &m_pendingLead);
    qsizetype written = 0;
    while (written < safe.size()) {
        const ssize_t n = ::write(m_descriptor, safe.constData() + written,
                                  static_cast<size_t>(safe.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        written += n;
    }
    return size;
}

} // namespace Mcpa
