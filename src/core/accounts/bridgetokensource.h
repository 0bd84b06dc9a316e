#pragma once

#include "core/mcp/bridge.h"

namespace Mcpa {

class AccountService;

/// The bridge's tokens from one stored account: AccountService's fresh
/// tokens (the keychain, the shared per-account refresh lock), so that
/// every bridge, CLI call and the app refresh an account exactly once.
class AccountBridgeTokenSource : public BridgeTokenSource
{
    Q_OBJECT
public:
    AccountBridgeTokenSource(AccountService *service, const QString &serverId, const QString &label,
                             QObject *parent = nullptr);

    void fetch(std::chrono::seconds minValidity, QObject *context, Callback callback) override;
    void replace(const QString &rejected, QObject *context, Callback callback) override;
    QString signInAdvice() const override;
    QString stepUpAdvice(const QString &scope, const QString &tool) const override;

private:
    QString commandTail() const;

    AccountService *m_service;
    QString m_serverId;
    QString m_label;
};

} // namespace Mcpa
