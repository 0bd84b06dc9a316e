#pragma once

#include "accountcommand.h"

namespace Mcpa {

/// mcp-accounts-cli connections [--json]
///
/// Which MCP client uses which account: every entry of the clients' default
/// config files (user and project scope) that starts `mcp-accounts-cli
/// bridge` or runs `mcp-accounts-cli header` — those connect wrote and
/// hand-made ones alike.
class ConnectionsCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("connections"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    bool m_json = false;
};

} // namespace Mcpa
