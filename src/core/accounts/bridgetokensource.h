#pragma once

#include "core/mcp/bridge.h"

#include <QDateTime>

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
    void requestSignIn(const QString &clientName, QObject *context,
                       std::function<void(const Error &error)> callback) override;
    QString signInAdvice() const override;
    QString stepUpAdvice(const QString &scope, const QString &tool) const override;

private:
    QString commandTail() const;
    /// The config as it is now: the app or a CLI may have signed in (or
    /// out) since this process read it.
    void reloadIfChanged();

    AccountService *m_service;
    QString m_serverId;
    QString m_label;
    QDateTime m_configModified;
    qint64 m_configSize = -1;
};

} // namespace Mcpa
