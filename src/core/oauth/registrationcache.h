#pragma once

#include "core/oauth/oauthtypes.h"

#include <QHash>
#include <QString>

namespace Mcpa {

/// Where client registrations are kept between sign-ins, keyed by issuer
/// (a registration is never reused with another authorization server).
class RegistrationCache
{
public:
    virtual ~RegistrationCache() = default;
    /// The registration for @p issuer, or an invalid one.
    virtual ClientRegistration find(const QString &issuer) const = 0;
    virtual void store(const ClientRegistration &registration) = 0;
    virtual void drop(const QString &issuer) = 0;
};

/// Registrations for the life of the process (the CLI's `call` without a
/// stored account).
class MemoryRegistrationCache : public RegistrationCache
{
public:
    ClientRegistration find(const QString &issuer) const override
    {
        return m_entries.value(issuer);
    }
    void store(const ClientRegistration &registration) override
    {
        m_entries.insert(registration.issuer, registration);
    }
    void drop(const QString &issuer) override { m_entries.remove(issuer); }

private:
    QHash<QString, ClientRegistration> m_entries;
};

} // namespace Mcpa
