#include "core/store/secretstore.h"

namespace Mcpa {

QString SecretStore::defaultServiceName()
{
    const QString fromEnvironment = qEnvironmentVariable("MCP_ACCOUNTS_KEYCHAIN_SERVICE");
    return fromEnvironment.isEmpty() ? QStringLiteral("mcp-accounts") : fromEnvironment;
}

SecretStore::SecretStore(QString serviceName, QObject *parent)
    : QObject(parent)
    , m_serviceName(std::move(serviceName))
{ }

SecretJob *SecretStore::read(const QString &key)
{
    return started(
        new SecretJob(SecretJob::Operation::Read, m_serviceName, key, {}, m_timeout, this));
}

SecretJob *SecretStore::write(const QString &key, const QByteArray &secret)
{
    return started(
        new SecretJob(SecretJob::Operation::Write, m_serviceName, key, secret, m_timeout, this));
}

SecretJob *SecretStore::remove(const QString &key)
{
    return started(
        new SecretJob(SecretJob::Operation::Remove, m_serviceName, key, {}, m_timeout, this));
}

SecretJob *SecretStore::started(SecretJob *job)
{
    job->start();
    return job;
}

} // namespace Mcpa
