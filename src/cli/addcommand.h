#pragma once

#include "accountcommand.h"

#include "core/accounts/accounttypes.h"

namespace Mcpa {

/// mcp-accounts-cli add NAME URL [registration options]
class AddCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("add"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    Mcpa::ServerRecord m_record;
    QString m_clientSecret;
    bool m_json = false;
};

} // namespace Mcpa
