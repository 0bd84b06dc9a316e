#pragma once

#include "accountcommand.h"

#include "core/connect/clientconnector.h"
#include "core/connect/connectjob.h"

#include <optional>

namespace Mcpa {

/// mcp-accounts-cli connect NAME --client CLIENT [--scope user|project]
///     [--account LABEL] [--entry KEY] [--config FILE] [--dry-run]
/// mcp-accounts-cli disconnect ENTRY --client CLIENT [--scope ...] [--config FILE] [--dry-run]
///
/// connect writes the client's own config so that its entry KEY (default
/// NAME) uses this app: `mcp-accounts-cli bridge NAME` for stdio clients,
/// Claude Code's headersHelper `mcp-accounts-cli header NAME --json`. The
/// entry it replaces is kept in the keychain (it may hold secrets);
/// disconnect puts it back, or removes the entry when there was none.
/// --dry-run prints the unified diff and writes nothing.
///
/// Exit codes: 0 done (or nothing to change), 2 bad usage, an unknown
/// server or a client config that is not valid (never rewritten), 1 the
/// file changed while editing or cannot be written, 5 no usable keychain.
class ConnectCommand : public AccountCommand
{
    Q_OBJECT
public:
    enum class Mode { Connect, Disconnect };

    explicit ConnectCommand(Mode mode, QObject *parent = nullptr);
    QString name() const override;
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    bool prepareConnect(Mcpa::ConnectRequest *request);
    void onFinished(Mcpa::ConnectJob *job);

    Mode m_mode;
    Mcpa::ClientApp m_client = Mcpa::ClientApp::ClaudeDesktop;
    Mcpa::ConfigScope m_scope = Mcpa::ConfigScope::User;
    QString m_server; ///< connect: the server; disconnect: the entry
    QString m_entry;
    QString m_config;
    bool m_dryRun = false;
};

} // namespace Mcpa
