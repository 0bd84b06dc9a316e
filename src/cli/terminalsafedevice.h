#pragma once

#include <QIODevice>

namespace Mcpa {

/// stdout or stderr of the CLI, with every control character that could
/// drive a terminal made visible: ESC becomes "^[", BEL "^G", CR "^M", DEL
/// "^?" (caret notation, as `cat -v` shows them) and the C1 controls (U+0080
/// to U+009F, in UTF-8) "<U+009B>" and so on. Newline and tab pass. Server
/// text (server names, tool names and results, challenge words, e-mail
/// addresses from ID tokens, trace lines) thus cannot retitle the terminal,
/// write the clipboard (OSC 52) or hide output. Tokens are visible ASCII
/// (the token client refuses others), so they pass unchanged.
class TerminalSafeDevice : public QIODevice
{
    Q_OBJECT
public:
    /// Writes to the file descriptor @p descriptor (STDOUT_FILENO, …).
    explicit TerminalSafeDevice(int descriptor, QObject *parent = nullptr);

    bool isSequential() const override { return true; }

    /// @p data with the control characters made visible (see the class).
    /// @p pendingLead carries a UTF-8 lead byte 0xC2 cut off at the end of
    /// one chunk into the next.
    static QByteArray escaped(const QByteArray &data, bool *pendingLead);

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    int m_descriptor;
    bool m_pendingLead = false;
};

} // namespace Mcpa
