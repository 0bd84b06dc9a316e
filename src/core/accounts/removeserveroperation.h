#pragma once

#include "core/accounts/accountoperation.h"
#include "core/accounts/signoutoperation.h"

#include <QStringList>

namespace Mcpa {

/// Removes a server: signs out every account (each a SignOutOperation step,
/// revoking unless told not to), deletes the server's client secret and
/// removes it from the config. The first account that cannot be signed out
/// ends it, with the server still there; so does a client secret that cannot
/// be deleted (it would reach the next server given this id).
///
///   sign out account 1 -> … -> sign out account n
///     -> keychain: delete the client secret -> config: remove the server, save
class RemoveServerOperation : public AccountOperation
{
    Q_OBJECT
public:
    RemoveServerOperation(AccountService *service, const QString &serverId,
                          SignOutOperation::Revocation revocation);

protected:
    void doStart() override;

private:
    void signOutNext();
    void onSignedOut(SignOutOperation *step);
    void onClientSecretRemoved(const Error &secretError);

    SignOutOperation::Revocation m_revocation;
    QStringList m_labels;
};

} // namespace Mcpa
