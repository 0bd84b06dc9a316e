#pragma once

#include <functional>

#include "clicommand.h"

#include <QString>

namespace Mcpa {
class AccountContext;
class BrowserOpener;
class AccountOperation;
class Error;

/// A command that works on stored servers and accounts.
class AccountCommand : public CliCommand
{
    Q_OBJECT
public:
    explicit AccountCommand(QObject *parent = nullptr);

protected:
    AccountContext *context() const { return m_context; }
    /// Opens the config; on failure prints why and finishes. True when usable.
    bool openContext();
    /// Prints the error (and a hint) on stderr and finishes with its exit code.
    void failWith(const Mcpa::Error &error);
    /// Opens sign-in URLs of @p operation with the --browser @p mode.
    void attachBrowser(Mcpa::AccountOperation *operation, const QString &mode);
    /// When @p operation has finished: @p onSuccess if it worked, else @p onFailure.
    void whenDone(Mcpa::AccountOperation *operation, std::function<void()> onSuccess,
                  std::function<void(const Mcpa::Error &)> onFailure);
    /// Shared options: --account LABEL.
    void addAccountOption(QCommandLineParser &parser);
    QString m_label;

private:
    AccountContext *m_context;
    BrowserOpener *m_browser = nullptr;
};

} // namespace Mcpa
