#include "core/loopbackreplyhandler.h"

#include <QHostAddress>
#include <QNetworkReply>
#include <QUrl>

namespace Mcpa {

LoopbackReplyHandler::LoopbackReplyHandler(quint16 port, const QString &redirectHost,
                                           QObject *parent)
    : QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, port, parent)
    , m_redirectHost(redirectHost)
{
    QOAuthHttpServerReplyHandler::setCallbackPath(callbackPath());
}

QString LoopbackReplyHandler::callback() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_redirectHost);
    url.setPort(port());
    url.setPath(callbackPath());
    return url.toString(QUrl::FullyEncoded);
}

void LoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    // Never used: TokenClient sends every token request itself.
    Q_UNUSED(reply)
}

} // namespace Mcpa
