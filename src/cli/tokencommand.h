#pragma once

#include "accountcommand.h"

#include "core/oauth/oauthtypes.h"

namespace Mcpa {

/// mcp-accounts-cli token NAME / header NAME: a valid access token for
/// scripts, refreshed when needed (once across processes).
class TokenCommand : public AccountCommand
{
    Q_OBJECT
public:
    enum class Output { Token, Header };
    explicit TokenCommand(Output output, QObject *parent = nullptr);

    QString name() const override;
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void print(const TokenSet &tokens);

    Output m_output;
    QString m_server;
    int m_minValidity = 60;
    bool m_force = false;
    bool m_json = false;
};

} // namespace Mcpa
