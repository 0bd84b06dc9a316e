#include "core/store/persistentregistrationcache.h"

#include "core/base/logging.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include <QTimer>

namespace Mcpa {

PersistentRegistrationCache::PersistentRegistrationCache(ServerRegistry *registry,
                                                         TokenStore *tokens, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_tokens(tokens)
{ }

void PersistentRegistrationCache::load()
{
    QStringList issuers;
    const QList<RegistrationRecord> records = m_registry->registrations();
    for (const RegistrationRecord &record : records) {
        if (record.authMethod != ClientAuthMethod::None)
            issuers.append(record.issuer);
    }
    QTimer::singleShot(0, this, [this, issuers] { loadNext(issuers); });
}

void PersistentRegistrationCache::loadNext(QStringList issuers)
{
    if (issuers.isEmpty()) {
        Q_EMIT loaded();
        return;
    }
    const QString issuer = issuers.takeFirst();
    m_tokens->readRegistrationSecret(
        issuer, this, [this, issuer, issuers](const QString &secret, const Error &error) {
            if (!error)
                m_secrets.insert(issuer, secret);
            else
                qCDebug(lcConfig) << "no registration secret for an issuer:" << error.codeName();
            loadNext(issuers);
        });
}

ClientRegistration PersistentRegistrationCache::find(const QString &issuer) const
{
    const std::optional<RegistrationRecord> record = m_registry->registration(issuer);
    if (!record)
        return {};
    ClientRegistration registration;
    registration.issuer = record->issuer;
    registration.clientId = record->clientId;
    registration.authMethod = record->authMethod;
    registration.redirectUri = record->redirectUri;
    registration.source = record->source;
    registration.clientSecretExpiresAt = record->clientSecretExpiresAt;
    registration.clientSecret = m_secrets.value(issuer);
    // A confidential registration whose secret is gone cannot be used.
    if (registration.authMethod != ClientAuthMethod::None && registration.clientSecret.isEmpty())
        return {};
    return registration;
}

void PersistentRegistrationCache::store(const ClientRegistration &registration)
{
    RegistrationRecord record;
    if (const auto existing = m_registry->registration(registration.issuer))
        record = *existing; // keep fields of newer versions
    record.issuer = registration.issuer;
    record.clientId = registration.clientId;
    record.authMethod = registration.authMethod;
    record.redirectUri = registration.redirectUri;
    record.source = registration.source;
    record.registeredAt = QDateTime::currentDateTimeUtc();
    record.clientSecretExpiresAt = registration.clientSecretExpiresAt;
    if (m_registry->setRegistration(record) || m_registry->save())
        qCWarning(lcConfig) << "could not keep the client registration in the config file";
    if (registration.clientSecret.isEmpty()) {
        m_secrets.remove(registration.issuer);
        return;
    }
    m_secrets.insert(registration.issuer, registration.clientSecret);
    m_tokens->writeRegistrationSecret(
        registration.issuer, registration.clientSecret, this, [](const Error &error) {
            if (error)
                qCWarning(lcConfig) << "could not keep the client secret:" << error.codeName();
        });
}

void PersistentRegistrationCache::drop(const QString &issuer)
{
    const bool hadSecret = m_secrets.remove(issuer) > 0;
    if (m_registry->removeRegistration(issuer) || m_registry->save())
        qCWarning(lcConfig) << "could not forget the client registration in the config file";
    if (hadSecret)
        m_tokens->removeRegistrationSecret(issuer, this, [](const Error &) {});
}

} // namespace Mcpa
