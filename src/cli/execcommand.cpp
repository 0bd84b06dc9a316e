#include "execcommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"

#include <QCoreApplication>
#include <QProcess>

namespace Mcpa {

void ExecCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("The program and its arguments, after --."),
                                 QStringLiteral("-- command [args…]"));
    addAccountOption(parser);
}

QString ExecCommand::readOptions(const QCommandLineParser &parser)
{
    QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return QStringLiteral("expected NAME -- COMMAND [ARGS…]");
    m_server = positional.takeFirst();
    m_command = positional;
    m_label = parser.value(QStringLiteral("account"));
    return {};
}

void ExecCommand::start()
{
    if (!openContext())
        return;
    AccountOperation *operation = context()->service()->freshToken(m_server, m_label);
    whenDone(
        operation,
        [this, operation] {
            const QString token = operation->tokens().accessToken;
            auto *process = new QProcess(this);
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("MCP_ACCESS_TOKEN"), token);
            environment.insert(QStringLiteral("MCP_AUTHORIZATION"),
                               QStringLiteral("Bearer ") + token);
            process->setProcessEnvironment(environment);
            process->setProcessChannelMode(QProcess::ForwardedChannels);
            process->setInputChannelMode(QProcess::ForwardedInputChannel);
            const QString program = m_command.first();
            connect(process, &QProcess::errorOccurred, this,
                    [this, program](QProcess::ProcessError error) {
                        if (error != QProcess::FailedToStart)
                            return;
                        err() << "mcp-accounts-cli exec: cannot start " << program << Qt::endl;
                        finish(ExitCode::Failure);
                    });
            connect(process, &QProcess::finished, this,
                    [this](int exitCode, QProcess::ExitStatus status) {
                        out().flush();
                        err().flush();
                        QCoreApplication::exit(status == QProcess::NormalExit ? exitCode : 128);
                    });
            process->start(program, m_command.mid(1));
        },
        [this](const Error &error) { failWith(error); });
}

} // namespace Mcpa
