#pragma once

#include "accountcommand.h"

namespace Mcpa {

/// mcp-accounts-cli logout NAME [--account LABEL]
class LogoutCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("logout"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Revokes the account's tokens at the server, then deletes them here.");
    }
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    QString m_server;
};

} // namespace Mcpa
