#pragma once

#include <QOAuthHttpServerReplyHandler>

namespace Mcpa {

/// Qt's loopback redirect listener, pinned to 127.0.0.1 (never all
/// interfaces, which is what the plain constructor does on Qt 6.4), with
/// the path /callback and a redirect URI whose host may be "localhost" for
/// pre-registered clients whose registered redirect URI says so. Token
/// requests never go through Qt (TokenClient owns them), so
/// networkReplyFinished() ignores everything.
class LoopbackReplyHandler : public QOAuthHttpServerReplyHandler
{
    Q_OBJECT
public:
    /// Listens on 127.0.0.1:@p port (0: the OS chooses); check isListening().
    LoopbackReplyHandler(quint16 port, const QString &redirectHost, QObject *parent = nullptr);

    /// http://<redirectHost>:<port>/callback, byte for byte what is registered.
    QString callback() const override;
    void networkReplyFinished(QNetworkReply *reply) override;

    static QString callbackPath() { return QStringLiteral("/callback"); }

private:
    QString m_redirectHost;
};

} // namespace Mcpa
