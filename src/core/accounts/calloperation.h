#pragma once

#include "core/accounts/accountoperation.h"

#include <QJsonObject>
#include <QPointer>

namespace Mcpa {

class FreshTokenOperation;
class McpCallFlow;
class PersistentRegistrationCache;
struct SignInResult;

/// Initializes a session with the server, lists the tools and optionally
/// calls one, signing in when allowed and needed; callResult() holds what
/// the server said, tokens() the tokens used. New tokens are stored before
/// they are used any further.
///
///   keychain: cached registrations, client secret -> [FreshTokenOperation]
///     -> McpCallFlow step (refresh / sign-in / step-up as the server asks)
class CallOperation : public AccountOperation
{
    Q_OBJECT
public:
    enum class Interaction { MaySignIn, NoSignIn };

    CallOperation(AccountService *service, const QString &serverId, const QString &label,
                  const QList<McpToolCall> &toolCalls, Interaction interaction);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onRegistrationsLoaded();
    void onClientSecret(const QString &clientSecret);
    void onFreshToken(FreshTokenOperation *step);
    void startFlow(const SignInResult &signIn);
    void onFlowFinished(McpCallFlow *flow);
    void onTokensChanged(const SignInResult &result);

    QList<McpToolCall> m_toolCalls;
    Interaction m_interaction;
    QString m_clientSecret;
    PersistentRegistrationCache *m_registrations = nullptr;
    QPointer<McpCallFlow> m_flow;
};

} // namespace Mcpa
