#include "core/accounts/accountoperation.h"

#include "core/accounts/accountservice.h"
#include "core/store/serverregistry.h"

namespace Mcpa {

AccountOperation::AccountOperation(AccountService *service, QString serverId, QString label)
    : Job(service)
    , m_service(service)
    , m_serverId(std::move(serverId))
    , m_requestedLabel(std::move(label))
{ }

bool AccountOperation::findTarget()
{
    const std::optional<ServerRecord> server = m_service->registry()->server(m_serverId);
    if (!server) {
        emitResult({ Error::Code::UnknownServer,
                     QStringLiteral("no server named \"%1\"").arg(m_serverId) });
        return false;
    }
    m_target.server = *server;
    m_target.label = AccountService::resolveLabel(*server, m_requestedLabel);
    if (const AccountRecord *account = server->account(m_target.label)) {
        m_target.account = *account;
        m_target.hasAccount = true;
    }
    return true;
}

} // namespace Mcpa
