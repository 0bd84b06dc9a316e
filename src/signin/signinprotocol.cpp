#include "signin/signinprotocol.h"

#include <QJsonDocument>

namespace Mcpa {

QByteArray SignInProtocol::line(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray SignInProtocol::openCommand(const QUrl &url, const QString &title,
                                       const QString &language)
{
    return line({ { QStringLiteral("command"), QStringLiteral("open") },
                  { QStringLiteral("url"), url.toString(QUrl::FullyEncoded) },
                  { QStringLiteral("title"), title },
                  { QStringLiteral("language"), language } });
}

QByteArray SignInProtocol::errorCommand(const QString &title, const QString &text,
                                        const QString &severity)
{
    return line({ { QStringLiteral("command"), QStringLiteral("error") },
                  { QStringLiteral("title"), title },
                  { QStringLiteral("text"), text },
                  { QStringLiteral("severity"), severity } });
}

QByteArray SignInProtocol::finishCommand()
{
    return line({ { QStringLiteral("command"), QStringLiteral("finish") } });
}

QByteArray SignInProtocol::event(const QString &name, const QJsonObject &fields)
{
    QJsonObject message = fields;
    message.insert(QStringLiteral("event"), name);
    return line(message);
}

QList<QJsonObject> SignInProtocol::feed(const QByteArray &bytes)
{
    QList<QJsonObject> messages;
    m_buffer.append(bytes);
    qsizetype start = 0;
    while (true) {
        const qsizetype end = m_buffer.indexOf('\n', start);
        if (end < 0)
            break;
        const QByteArray text = m_buffer.mid(start, end - start);
        start = end + 1;
        if (m_discarding) {
            m_discarding = false;
            continue;
        }
        if (text.trimmed().isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            m_error = true;
            continue;
        }
        messages.append(document.object());
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > MaxLineLength) {
        // Never keep more than one line's worth: drop the rest of this one.
        m_buffer.clear();
        m_discarding = true;
        m_error = true;
    }
    return messages;
}

} // namespace Mcpa
