#pragma once

#include "core/store/secretjob.h"

#include <QObject>
#include <QString>

#include <chrono>

namespace Mcpa {

/// The OS keychain (Secret Service, KWallet, Keychain, Credential Manager)
/// through qtkeychain, under one service name. The only place secrets are
/// stored; there is no plaintext fallback.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    /// The service name for real use; tests and the environment variable
    /// MCP_ACCOUNTS_KEYCHAIN_SERVICE choose another.
    static QString defaultServiceName();

    explicit SecretStore(QString serviceName, QObject *parent = nullptr);

    QString serviceName() const { return m_serviceName; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    /// Started jobs (they begin on the next event-loop turn); each ends with
    /// finished() and deletes itself.
    SecretJob *read(const QString &key);
    SecretJob *write(const QString &key, const QByteArray &secret);
    SecretJob *remove(const QString &key);

private:
    static SecretJob *started(SecretJob *job);

    QString m_serviceName;
    std::chrono::milliseconds m_timeout { 15000 };
};

} // namespace Mcpa
