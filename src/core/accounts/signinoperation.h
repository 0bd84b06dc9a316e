#pragma once

#include "core/accounts/accountoperation.h"

#include <QPointer>

namespace Mcpa {

class PersistentRegistrationCache;
class SignInFlow;
struct SignInResult;

/// Signs in (again) to a server and stores the account: tokens in the
/// keychain, the facts in the config. authorizeWithBrowser() asks for a
/// browser; tokens() holds the new tokens.
///
///   keychain: cached registrations, client secret -> SignInFlow (discovery,
///   registration, browser, code exchange) -> keychain: tokens -> config
class SignInOperation : public AccountOperation
{
    Q_OBJECT
public:
    SignInOperation(AccountService *service, const QString &serverId, const QString &label);

    void continueWithAuthServer(bool accepted) override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onRegistrationsLoaded();
    void startFlow(const QString &clientSecret);
    void onFlowFinished(SignInFlow *flow);
    void onSignedIn(const SignInResult &result);

    PersistentRegistrationCache *m_registrations = nullptr;
    QPointer<SignInFlow> m_flow; ///< made at the start, run as a step once the secrets are read
    bool m_flowStarted = false;
};

} // namespace Mcpa
