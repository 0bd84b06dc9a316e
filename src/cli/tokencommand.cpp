#include "tokencommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"

namespace Mcpa {

TokenCommand::TokenCommand(Output output, QObject *parent)
    : AccountCommand(parent)
    , m_output(output)
{ }

QString TokenCommand::name() const
{
    return m_output == Output::Token ? QStringLiteral("token") : QStringLiteral("header");
}

QString TokenCommand::summary() const
{
    return m_output == Output::Token
        ? QStringLiteral(
            "Prints a valid access token (only the token) on stdout, refreshing it when needed.\n"
            "Example: curl -H \"Authorization: Bearer $(mcp-accounts-cli token NAME)\" …")
        : QStringLiteral(
            "Prints \"Authorization: Bearer <token>\" for header-based clients, refreshing when "
            "needed.");
}

void TokenCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    addAccountOption(parser);
    parser.addOptions({
        { QStringLiteral("min-validity"),
          QStringLiteral("Refresh when the token expires within this many seconds (default 60)."),
          QStringLiteral("seconds"), QStringLiteral("60") },
        { QStringLiteral("force-refresh"),
          QStringLiteral("Refresh even when the token is still valid.") },
    });
}

QString TokenCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return QStringLiteral("expected one NAME");
    m_server = parser.positionalArguments().first();
    m_label = parser.value(QStringLiteral("account"));
    bool ok = false;
    m_minValidity = parser.value(QStringLiteral("min-validity")).toInt(&ok);
    if (!ok || m_minValidity < 0 || m_minValidity > 86400)
        return QStringLiteral("--min-validity takes seconds from 0 to 86400");
    m_force = parser.isSet(QStringLiteral("force-refresh"));
    return {};
}

void TokenCommand::start()
{
    if (!openContext())
        return;
    AccountOperation *operation = context()->service()->freshToken(
        m_server, m_label, std::chrono::seconds(m_minValidity), m_force);
    whenDone(
        operation,
        [this, operation] {
            // The one place a secret is printed: that is what this command is for.
            if (m_output == Output::Header)
                out() << "Authorization: Bearer ";
            out() << operation->tokens().accessToken << Qt::endl;
            finish(ExitCode::Ok);
        },
        [this](const Error &error) { failWith(error); });
}

} // namespace Mcpa
