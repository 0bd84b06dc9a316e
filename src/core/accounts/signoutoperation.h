#pragma once

#include "core/accounts/accountoperation.h"

namespace Mcpa {

class TokenJob;

/// Signs one account out: revokes at the server (unless told not to) and
/// deletes the account locally. A revocation that fails or is not offered
/// leaves a warning(), not an error: the account is gone here either way.
///
///   keychain: read tokens -> [client secret -> revoke at the server]
///     -> keychain: delete tokens -> config: remove the account, save
class SignOutOperation : public AccountOperation
{
    Q_OBJECT
public:
    enum class Revocation { Revoke, KeepTokensValid };

    SignOutOperation(AccountService *service, const QString &serverId, const QString &label,
                     Revocation revocation);

protected:
    void doStart() override;

private:
    void onTokensRead(const TokenSet &tokens, const Error &error);
    void revoke(const QString &clientSecret);
    void onRevoked(TokenJob *job);
    void forget();
    void onTokensRemoved(const Error &error);

    Revocation m_revocation;
    TokenSet m_tokens;
};

} // namespace Mcpa
