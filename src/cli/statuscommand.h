#pragma once

#include "accountcommand.h"

#include "core/accounts/accountstatus.h"

#include <QHash>

namespace Mcpa {

/// mcp-accounts-cli list / status [NAME]: the servers and their accounts,
/// first from the config file, then (status) refined by checking each
/// server with bounded parallelism.
class StatusCommand : public AccountCommand
{
    Q_OBJECT
public:
    enum class Mode { List, Status };
    explicit StatusCommand(Mode mode, QObject *parent = nullptr);

    QString name() const override;
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void report();

    Mode m_mode;
    QString m_server;
    bool m_json = false;
    bool m_offline = false;
    QHash<QString, Mcpa::ProbeResult> m_probes;
};

} // namespace Mcpa
