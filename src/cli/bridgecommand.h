#pragma once

#include "accountcommand.h"

namespace Mcpa {

class McpBridge;

/// mcp-accounts-cli bridge NAME: an MCP stdio server that forwards to the
/// stored server with the account's tokens (what mcp-remote does, with the
/// tokens in the keychain). stdout carries protocol messages only.
class BridgeCommand : public AccountCommand
{
    Q_OBJECT
public:
    explicit BridgeCommand(QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("bridge"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void watchSignals(McpBridge *bridge);

    QString m_server;
    int m_minValidity = 60;
    int m_timeout = 600;
    bool m_verbose = false;
};

} // namespace Mcpa
