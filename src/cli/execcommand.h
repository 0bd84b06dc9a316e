#pragma once

#include "accountcommand.h"

#include <QStringList>

namespace Mcpa {

/// mcp-accounts-cli exec NAME -- COMMAND [ARGS…]: runs a program with a
/// fresh token in its environment only (never on a command line).
class ExecCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("exec"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Runs COMMAND with a fresh token in its environment: MCP_ACCESS_TOKEN and\n"
            "MCP_AUTHORIZATION (\"Bearer …\"). Exits with the command's exit code.");
    }
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    QString m_server;
    QStringList m_command;
};

} // namespace Mcpa
