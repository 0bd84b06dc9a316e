#pragma once

#include "accountcommand.h"

namespace Mcpa {

/// mcp-accounts-cli login NAME [--account LABEL] [--browser …]
class LoginCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("login"); }
    QString summary() const override
    {
        return QStringLiteral("Signs in to a server and keeps the tokens in the keychain.");
    }
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    QString m_server;
    QString m_browserMode;
    int m_timeoutSeconds = 300;
    bool m_verbose = false;
};

} // namespace Mcpa
