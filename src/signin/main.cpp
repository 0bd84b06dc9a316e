// mcp-accounts-signin: the embedded sign-in of mcp-accounts in a process of
// its own, so that the app never loads QtWebEngine and Chromium's processes
// end with the sign-in. Started by the app (EmbeddedSignIn) with no
// arguments; it speaks SignInProtocol on stdin and stdout and is not meant
// to be run by hand.

#include "core/base/processguard.h"

#include "signin/signinhelper.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTranslator>

#include <csignal>

#include <fcntl.h>
#include <unistd.h>

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core files, no ptrace by others.
    Mcpa::ProcessGuard::disableCoreDumps();
    // The events get a descriptor of their own; anything a library prints
    // to stdout goes to stderr instead and cannot break the protocol.
    const int events = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (events < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        QTextStream(stderr) << "mcp-accounts-signin: cannot set up its output" << Qt::endl;
        return 1;
    }
    // The app may go away while we write: a failed write, not a signal.
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // QtWebEngine asks for it
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationDisplayName(QStringLiteral("MCP Accounts"));
    QApplication::setOrganizationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationVersion(QStringLiteral(MCPA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.mcp_accounts.McpAccounts"));
    QApplication::setQuitOnLastWindowClosed(false); // the helper ends itself

    if (app.arguments().size() > 1) {
        QTextStream(stderr) << "mcp-accounts-signin: started by mcp-accounts for an embedded "
                               "sign-in; it takes no arguments"
                            << Qt::endl;
        return 2;
    }

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    Mcpa::SignInHelper helper(STDIN_FILENO, events);

    // SIGTERM and SIGINT close the window like Cancel, in the event loop.
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &helper, [&helper] {
            char byte = 0;
            while (::read(signalPipe[0], &byte, 1) > 0) { }
            helper.closeByRequest();
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
    }
    return QApplication::exec();
}
