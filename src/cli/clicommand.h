#pragma once

#include "exitcode.h"
#include "terminalsafedevice.h"

#include <QCommandLineParser>
#include <QObject>
#include <QTextStream>

namespace Mcpa {

/// A subcommand of mcp-accounts-cli. parse() fills options from the
/// arguments after the command name; start() runs it; finished() carries
/// the exit code. Output goes to stdout, diagnostics to stderr; neither
/// ever carries a secret unless the command exists to print one, nor a
/// control character that could drive the terminal (TerminalSafeDevice).
class CliCommand : public QObject
{
    Q_OBJECT
public:
    explicit CliCommand(QObject *parent = nullptr);

    virtual QString name() const = 0;
    virtual QString summary() const = 0;

    /// @p arguments starts with the program name, then the command's own.
    /// Returns false after printing help or a usage error; exitCode() says which.
    bool parse(const QStringList &arguments);
    virtual void start() = 0;

    ExitCode parseExitCode() const { return m_parseExitCode; }

Q_SIGNALS:
    void finished(int exitCode);

protected:
    virtual void addOptions(QCommandLineParser &parser) = 0;
    /// Reads the parsed options; returns an error text for bad usage.
    virtual QString readOptions(const QCommandLineParser &parser) = 0;

    void finish(ExitCode code);
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

private:
    TerminalSafeDevice m_outDevice;
    TerminalSafeDevice m_errDevice;
    QTextStream m_out;
    QTextStream m_err;
    ExitCode m_parseExitCode = ExitCode::Ok;
};

} // namespace Mcpa
