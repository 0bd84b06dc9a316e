// mcp-accounts-cli: headless access to MCP Accounts for people and scripts.

#include "addcommand.h"
#include "bridgecommand.h"
#include "callcommand.h"
#include "checkkeychaincommand.h"
#include "connectcommand.h"
#include "connectionscommand.h"
#include "execcommand.h"
#include "exitcode.h"
#include "importcommand.h"
#include "logincommand.h"
#include "logoutcommand.h"
#include "probecommand.h"
#include "removecommand.h"
#include "statuscommand.h"
#include "tokencommand.h"

#include "core/base/processguard.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>
#include <vector>

using namespace Mcpa;

namespace {

std::vector<std::unique_ptr<CliCommand>> makeCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<AddCommand>());
    commands.push_back(std::make_unique<RemoveCommand>());
    commands.push_back(std::make_unique<StatusCommand>(StatusCommand::Mode::List));
    commands.push_back(std::make_unique<StatusCommand>(StatusCommand::Mode::Status));
    commands.push_back(std::make_unique<LoginCommand>());
    commands.push_back(std::make_unique<LogoutCommand>());
    commands.push_back(std::make_unique<TokenCommand>(TokenCommand::Output::Token));
    commands.push_back(std::make_unique<TokenCommand>(TokenCommand::Output::Header));
    commands.push_back(std::make_unique<ExecCommand>());
    commands.push_back(std::make_unique<CallCommand>());
    commands.push_back(std::make_unique<ImportCommand>());
    commands.push_back(std::make_unique<ConnectCommand>(ConnectCommand::Mode::Connect));
    commands.push_back(std::make_unique<ConnectCommand>(ConnectCommand::Mode::Disconnect));
    commands.push_back(std::make_unique<ConnectionsCommand>());
    commands.push_back(std::make_unique<BridgeCommand>());
    commands.push_back(std::make_unique<ProbeCommand>());
    commands.push_back(std::make_unique<CheckKeychainCommand>());
    return commands;
}

QString commandList(const std::vector<std::unique_ptr<CliCommand>> &commands)
{
    QString text = QStringLiteral("Commands:\n");
    for (const auto &command : commands) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(command->name(), -16)
                    .arg(command->summary().section(QLatin1Char('\n'), 0, 0));
    }
    text += QStringLiteral("\nRun 'mcp-accounts-cli COMMAND --help' for a command's options.\n");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core files, no ptrace by others.
    Mcpa::ProcessGuard::disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mcp-accounts"));
    QCoreApplication::setOrganizationName(QStringLiteral("mcp-accounts"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPA_VERSION));

    auto commands = makeCommands();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("MCP Accounts command line: sign in to MCP servers and hand fresh "
                       "tokens to scripts.\n\n")
        + commandList(commands));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.process(app);

    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err << parser.helpText();
        return toInt(ExitCode::Usage);
    }
    const QString name = positional.first();
    for (auto &command : commands) {
        if (command->name() != name)
            continue;
        QStringList arguments = positional.mid(1);
        arguments.prepend(QCoreApplication::applicationFilePath());
        if (!command->parse(arguments))
            return toInt(command->parseExitCode());
        QObject::connect(command.get(), &CliCommand::finished, &app, &QCoreApplication::exit);
        command->start();
        return QCoreApplication::exec();
    }
    err << "mcp-accounts-cli: unknown command \"" << name << "\"\n\n" << commandList(commands);
    return toInt(ExitCode::Usage);
}
