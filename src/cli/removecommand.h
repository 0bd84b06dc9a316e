#pragma once

#include "accountcommand.h"

namespace Mcpa {

/// mcp-accounts-cli remove NAME [--keep-tokens]
class RemoveCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("remove"); }
    QString summary() const override
    {
        return QStringLiteral(
            "Removes a server: revokes its tokens at the server (unless --keep-tokens),\n"
            "deletes its keychain entries and its settings.");
    }
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    QString m_server;
    bool m_keepTokens = false;
};

} // namespace Mcpa
