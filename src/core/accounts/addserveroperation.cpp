#include "core/accounts/addserveroperation.h"

#include "core/accounts/accountservice.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

namespace Mcpa {

AddServerOperation::AddServerOperation(AccountService *service, ServerRecord record,
                                       QString clientSecret)
    : AccountOperation(service, record.id, {})
    , m_record(std::move(record))
    , m_clientSecret(std::move(clientSecret))
{ }

void AddServerOperation::doStart()
{
    setProgressText(QStringLiteral("Adding the server"));
    ServerRegistry *registry = m_service->registry();
    QString id;
    Error error = registry->addServer(m_record, &id);
    if (!error)
        error = registry->save();
    if (error) {
        emitResult(error);
        return;
    }
    m_serverId = id;
    m_service->tokenStore()->removeServerClientSecret(
        id, this, [this](const Error &removed) { onLeftoverRemoved(removed); });
}

void AddServerOperation::onLeftoverRemoved(const Error &error)
{
    if (error && error.code() != Error::Code::SecretNotFound) {
        undo(Error(error.code(),
                   QStringLiteral("a client secret stored earlier under the name \"%1\" could not "
                                  "be deleted from the keychain, and it must not reach the new "
                                  "server (%2)")
                       .arg(m_serverId, error.detail())));
        return;
    }
    if (m_clientSecret.isEmpty()) {
        emitResult();
        return;
    }
    m_service->tokenStore()->writeServerClientSecret(
        m_serverId, m_clientSecret, this,
        [this](const Error &written) { onSecretWritten(written); });
}

void AddServerOperation::onSecretWritten(const Error &error)
{
    if (error) {
        // No secret, no usable server.
        undo(error);
        return;
    }
    emitResult();
}

void AddServerOperation::undo(const Error &error)
{
    ServerRegistry *registry = m_service->registry();
    if (!registry->removeServer(m_serverId))
        registry->save();
    emitResult(error);
}

} // namespace Mcpa
