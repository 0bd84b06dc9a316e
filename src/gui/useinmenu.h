#pragma once

#include "core/connect/clientconnector.h"

#include <QMenu>

#include <functional>

namespace Mcpa {

class AccountService;
class ConnectJob;
class Error;

/// "Use in…": the MCP clients found on this machine, a check mark on
/// those whose config already draws on the current server's account
/// (through the bridge or Claude Code's header helper). Choosing one shows
/// the change to its config file and writes it once the person agrees
/// (ConnectJob: the replaced entry kept in the keychain, a backup beside
/// the file); choosing a checked one puts the entry back.
class UseInMenu : public QMenu
{
    Q_OBJECT
public:
    using QuestionPresenter = std::function<bool(const QString &title, const QString &text)>;
    using MessagePresenter = std::function<void(const QString &title, const QString &text)>;

    UseInMenu(AccountService *service, QWidget *parent = nullptr);

    /// The server and account the menu acts on; empty: none selected.
    void setTarget(const QString &serverId, const QString &label);
    void setQuestionPresenter(QuestionPresenter presenter) { m_question = std::move(presenter); }
    void setMessagePresenter(MessagePresenter presenter) { m_message = std::move(presenter); }
    /// Where the errors go (the window's presentError).
    void setErrorPresenter(std::function<void(const QString &, const Error &)> presenter)
    {
        m_error = std::move(presenter);
    }

    /// The mcp-accounts-cli the clients are to start: $MCP_ACCOUNTS_CLI, the
    /// one beside the app, in the build tree, or on PATH; empty when none.
    static QString cliPath();
    /// "Claude Desktop", "VS Code", …
    static QString displayName(ClientApp client);

    /// Rebuilds the entries (also on aboutToShow).
    void rebuild();

Q_SIGNALS:
    /// A connect or disconnect was written (@p text says what), or failed.
    void changed(const QString &text);

private:
    void choose(ClientApp client, bool connected);
    void onPlanned(ConnectJob *job);
    void onDone(ConnectJob *job);
    ConnectRequest requestFor(ClientApp client) const;

    AccountService *m_service;
    QString m_serverId;
    QString m_label;
    QuestionPresenter m_question;
    MessagePresenter m_message;
    std::function<void(const QString &, const Error &)> m_error;
    bool m_busy = false;
};

} // namespace Mcpa
