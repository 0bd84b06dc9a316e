#pragma once

#include "core/accounts/accountoperation.h"

namespace Mcpa {

/// Adds a server to the config, with its pre-registered client's secret
/// when one is given. A secret left in the keychain under the same id (by
/// an earlier server of that id whose removal could not delete it) never
/// reaches the new server's authorization server: it is deleted first, and
/// when it cannot be deleted the server is not added. serverId() is the id
/// the server got.
///
///   config: add, save -> keychain: delete a leftover client secret
///     -> [keychain: write the new secret] -> done
///   (a keychain step that fails takes the server out of the config again)
class AddServerOperation : public AccountOperation
{
    Q_OBJECT
public:
    AddServerOperation(AccountService *service, ServerRecord record, QString clientSecret);

protected:
    void doStart() override;

private:
    void onLeftoverRemoved(const Error &error);
    void onSecretWritten(const Error &error);
    /// Takes the half-added server out again and ends with @p error.
    void undo(const Error &error);

    ServerRecord m_record;
    QString m_clientSecret; ///< secret
};

} // namespace Mcpa
