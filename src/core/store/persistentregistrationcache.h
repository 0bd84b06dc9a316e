#pragma once

#include "core/oauth/registrationcache.h"

#include <QHash>
#include <QObject>

namespace Mcpa {

class ServerRegistry;
class TokenStore;

/// Client registrations kept across runs: the non-secret part in the
/// config file (ServerRegistry), a client secret (when the AS issued one)
/// in the keychain. load() reads the secrets of every registration that
/// has one, so that find() can answer synchronously during a sign-in.
class PersistentRegistrationCache : public QObject, public RegistrationCache
{
    Q_OBJECT
public:
    PersistentRegistrationCache(ServerRegistry *registry, TokenStore *tokens,
                                QObject *parent = nullptr);

    /// Reads the needed secrets; loaded() follows (also when some are missing).
    void load();

    ClientRegistration find(const QString &issuer) const override;
    void store(const ClientRegistration &registration) override;
    void drop(const QString &issuer) override;

Q_SIGNALS:
    void loaded();

private:
    void loadNext(QStringList issuers);

    ServerRegistry *m_registry;
    TokenStore *m_tokens;
    QHash<QString, QString> m_secrets; ///< issuer -> client secret
};

} // namespace Mcpa
