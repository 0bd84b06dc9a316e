#include "core/accounts/storedtokensoperation.h"

#include "core/accounts/accountservice.h"
#include "core/store/tokenstore.h"

namespace Mcpa {

StoredTokensOperation::StoredTokensOperation(AccountService *service, const QString &serverId,
                                             const QString &label)
    : AccountOperation(service, serverId, label)
{ }

void StoredTokensOperation::doStart()
{
    if (!findTarget())
        return;
    m_service->tokenStore()->readTokens(m_serverId, m_target.label, this,
                                        [this](const TokenSet &tokens, const Error &error) {
                                            setTokens(tokens);
                                            emitResult(error);
                                        });
}

} // namespace Mcpa
