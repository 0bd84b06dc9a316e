#include "removecommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"

namespace Mcpa {

void RemoveCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    parser.addOption(
        { QStringLiteral("keep-tokens"),
          QStringLiteral("Do not revoke at the server (local secrets are deleted anyway).") });
}

QString RemoveCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return QStringLiteral("expected one NAME");
    m_server = parser.positionalArguments().first();
    m_keepTokens = parser.isSet(QStringLiteral("keep-tokens"));
    return {};
}

void RemoveCommand::start()
{
    if (!openContext())
        return;
    AccountOperation *operation = context()->service()->removeServer(
        m_server,
        m_keepTokens ? SignOutOperation::Revocation::KeepTokensValid
                     : SignOutOperation::Revocation::Revoke);
    whenDone(
        operation,
        [this, operation] {
            if (!operation->warning().isEmpty())
                err() << "warning: " << operation->warning() << Qt::endl;
            out() << "removed " << m_server << Qt::endl;
            finish(ExitCode::Ok);
        },
        [this](const Error &error) { failWith(error); });
}

} // namespace Mcpa
