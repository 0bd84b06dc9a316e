#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace Mcpa {

/// The lines between mcp-accounts and its sign-in helper mcp-accounts-signin:
/// one JSON object per line (UTF-8, ending in '\n'), app -> helper on the
/// helper's stdin, helper -> app on its stdout. Nothing goes on the helper's
/// command line (the authorization URL carries state and the PKCE challenge).
///
/// app -> helper ("command"):
///
///   {"command":"open","url":"https://as.example/authorize?...","title":"GitHub",
///    "language":"de"}                       show the page (once); language "" = system
///   {"command":"error","title":"...","text":"...","severity":"warning"}
///                                           show an error (words from SignInText)
///   {"command":"finish"}                    the sign-in ended: close and exit
///   end of stdin                            the app is gone: close and exit
///
/// helper -> app ("event"):
///
///   {"event":"loaded","ok":true}            a page finished loading (no URL is sent)
///   {"event":"cancelled"}                   the person cancelled (Cancel, Esc, window closed)
///   {"event":"closed"}                      the window closed; the helper exits next
///
/// Unknown commands, events and fields are ignored (newer peers may add
/// some); a line that is not a JSON object, or longer than MaxLineLength,
/// is a protocol error.
class SignInProtocol
{
public:
    static constexpr qsizetype MaxLineLength = 64 * 1024;

    // app -> helper
    static QByteArray openCommand(const QUrl &url, const QString &title, const QString &language);
    static QByteArray errorCommand(const QString &title, const QString &text,
                                   const QString &severity);
    static QByteArray finishCommand();
    // helper -> app
    static QByteArray event(const QString &name, const QJsonObject &fields = {});

    /// One JSON object as one line.
    static QByteArray line(const QJsonObject &message);

    /// Adds bytes as they arrive and returns the messages of the lines they
    /// completed, in order. A malformed or overlong line sets hasError() and
    /// is dropped.
    QList<QJsonObject> feed(const QByteArray &bytes);
    bool hasError() const { return m_error; }

private:
    QByteArray m_buffer;
    bool m_discarding = false; ///< inside an overlong line, until its '\n'
    bool m_error = false;
};

} // namespace Mcpa
