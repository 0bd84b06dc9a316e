#include "core/accounts/accounttypes.h"

namespace Mcpa {

const AccountRecord *ServerRecord::account(const QString &label) const
{
    for (const AccountRecord &entry : accounts) {
        if (entry.label == label)
            return &entry;
    }
    return nullptr;
}

AccountRecord *ServerRecord::account(const QString &label)
{
    for (AccountRecord &entry : accounts) {
        if (entry.label == label)
            return &entry;
    }
    return nullptr;
}

namespace SecretKeys {

QString account(const QString &serverId, const QString &label)
{
    return QStringLiteral("account/") + serverId + QLatin1Char('/') + label;
}

QString registration(const QString &issuer)
{
    return QStringLiteral("registration/") + issuer;
}

QString serverClientSecret(const QString &serverId)
{
    return QStringLiteral("client-secret/") + serverId;
}

} // namespace SecretKeys
} // namespace Mcpa
