#include "accountcommand.h"

#include "accountcontext.h"
#include "browseropener.h"

#include "core/accounts/accountoperation.h"
#include "core/accounts/accountservice.h"
#include "core/base/error.h"

namespace Mcpa {

AccountCommand::AccountCommand(QObject *parent)
    : CliCommand(parent)
    , m_context(new AccountContext(this))
{ }

bool AccountCommand::openContext()
{
    if (m_context->open(err()))
        return true;
    finish(ExitCode::Failure);
    return false;
}

void AccountCommand::failWith(const Error &error)
{
    err() << "mcp-accounts-cli " << name() << ": " << error.toString() << Qt::endl;
    switch (error.code()) {
    case Error::Code::NeedsSignIn:
        err() << "Sign in with: mcp-accounts-cli login NAME" << Qt::endl;
        break;
    case Error::Code::KeychainUnavailable:
    case Error::Code::KeychainLocked:
    case Error::Code::KeychainTimeout:
    case Error::Code::KeychainAccessDenied:
        err()
            << "Secrets are only ever stored in the OS keychain. Start and unlock a Secret Service "
               "(gnome-keyring or KWallet) in this session."
            << Qt::endl;
        break;
    default:
        break;
    }
    finish(exitCodeFor(error));
}

void AccountCommand::attachBrowser(AccountOperation *operation, const QString &mode)
{
    if (!m_browser)
        m_browser = new BrowserOpener(mode, nullptr, this);
    connect(operation, &AccountOperation::authorizeWithBrowser, m_browser, &BrowserOpener::open);
    connect(m_browser, &BrowserOpener::failed, operation, [this, operation](const Error &error) {
        err() << "sign-in without a browser failed: " << error.toString() << Qt::endl;
        operation->cancel();
    });
}

void AccountCommand::whenDone(AccountOperation *operation, std::function<void()> onSuccess,
                              std::function<void(const Error &)> onFailure)
{
    connect(operation, &Job::finished, this, [operation, onSuccess, onFailure] {
        if (operation->error())
            onFailure(operation->error());
        else
            onSuccess();
    });
}

void AccountCommand::addAccountOption(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("account"),
                       QStringLiteral("The account label (default: the server's default account)."),
                       QStringLiteral("label") });
}

} // namespace Mcpa
