#include "clicommand.h"

#include <QTimer>

#include <cstdio>

#include <unistd.h>

namespace Mcpa {

CliCommand::CliCommand(QObject *parent)
    : QObject(parent)
    , m_outDevice(STDOUT_FILENO)
    , m_errDevice(STDERR_FILENO)
    , m_out(&m_outDevice)
    , m_err(&m_errDevice)
{ }

bool CliCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    const QCommandLineOption helpOption = parser.addHelpOption();
    addOptions(parser);
    if (!parser.parse(arguments)) {
        m_err << parser.errorText() << Qt::endl;
        m_err << "Try 'mcp-accounts-cli " << name() << " --help'." << Qt::endl;
        m_parseExitCode = ExitCode::Usage;
        return false;
    }
    if (parser.isSet(helpOption)) {
        m_out << parser.helpText().replace(QCoreApplication::applicationFilePath(),
                                           QStringLiteral("mcp-accounts-cli ") + name());
        m_out.flush();
        m_parseExitCode = ExitCode::Ok;
        return false;
    }
    const QString error = readOptions(parser);
    if (!error.isEmpty()) {
        m_err << "mcp-accounts-cli " << name() << ": " << error << Qt::endl;
        m_parseExitCode = ExitCode::Usage;
        return false;
    }
    return true;
}

void CliCommand::finish(ExitCode code)
{
    m_out.flush();
    m_err.flush();
    // Deliver asynchronously so callers never see finished() inside start().
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(toInt(code)); });
}

} // namespace Mcpa
