#include "core/accounts/removeserveroperation.h"

#include "core/accounts/accountservice.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

namespace Mcpa {

RemoveServerOperation::RemoveServerOperation(AccountService *service, const QString &serverId,
                                             SignOutOperation::Revocation revocation)
    : AccountOperation(service, serverId, {})
    , m_revocation(revocation)
{ }

void RemoveServerOperation::doStart()
{
    if (!findTarget())
        return;
    for (const AccountRecord &account : std::as_const(m_target.server.accounts))
        m_labels.append(account.label);
    signOutNext();
}

void RemoveServerOperation::signOutNext()
{
    if (m_labels.isEmpty()) {
        m_service->tokenStore()->removeServerClientSecret(
            m_serverId, this, [this](const Error &error) { onClientSecretRemoved(error); });
        return;
    }
    runStep(new SignOutOperation(m_service, m_serverId, m_labels.takeFirst(), m_revocation),
            &RemoveServerOperation::onSignedOut);
}

void RemoveServerOperation::onSignedOut(SignOutOperation *step)
{
    if (!step->warning().isEmpty())
        setWarning(step->warning());
    signOutNext();
}

void RemoveServerOperation::onClientSecretRemoved(const Error &secretError)
{
    // A secret left behind would go to the authorization server of the next
    // server that gets this id: the server stays until it can be deleted.
    if (secretError && secretError.code() != Error::Code::SecretNotFound) {
        emitResult(Error(secretError.code(),
                         QStringLiteral("the server's client secret could not be deleted from the "
                                        "keychain, so the server was kept (%1)")
                             .arg(secretError.detail())));
        return;
    }
    ServerRegistry *registry = m_service->registry();
    Error error = registry->removeServer(m_serverId);
    if (!error)
        error = registry->save();
    if (error) {
        emitResult(error);
        return;
    }
    m_service->forgetTrace(m_serverId);
    Q_EMIT m_service->accountChanged(m_serverId, {});
    emitResult();
}

} // namespace Mcpa
