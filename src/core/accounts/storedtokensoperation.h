#pragma once

#include "core/accounts/accountoperation.h"

namespace Mcpa {

/// The stored tokens of an account as they are, nothing refreshed (for the
/// token viewer); tokens() holds them.
class StoredTokensOperation : public AccountOperation
{
    Q_OBJECT
public:
    StoredTokensOperation(AccountService *service, const QString &serverId, const QString &label);

protected:
    void doStart() override;
};

} // namespace Mcpa
