#include "logoutcommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"

namespace Mcpa {

void LogoutCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    addAccountOption(parser);
}

QString LogoutCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return QStringLiteral("expected one NAME");
    m_server = parser.positionalArguments().first();
    m_label = parser.value(QStringLiteral("account"));
    return {};
}

void LogoutCommand::start()
{
    if (!openContext())
        return;
    AccountOperation *operation = context()->service()->signOut(m_server, m_label);
    whenDone(
        operation,
        [this, operation] {
            if (!operation->warning().isEmpty())
                err() << "warning: " << operation->warning() << Qt::endl;
            out() << "signed out of " << m_server << Qt::endl;
            finish(ExitCode::Ok);
        },
        [this](const Error &error) { failWith(error); });
}

} // namespace Mcpa
