// mcp-accounts: the desktop app.

#include "gui/appcontroller.h"
#include "gui/mainwindow.h"
#include "gui/singleinstance.h"

#include "core/base/processguard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

using namespace Mcpa;

namespace {

/// --exit-after-startup (for bench/): quits right after the main window's
/// first paint. The window and all its children (the populated list) are
/// painted and flushed in one go, so the quit queued at the window's paint
/// event runs after that first frame is complete.
class QuitAfterFirstPaint : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [] { QApplication::quit(); });
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char *argv[])
{
    // Before anything can hold a secret: no core files, no ptrace by others.
    Mcpa::ProcessGuard::disableCoreDumps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationDisplayName(QStringLiteral("MCP Accounts"));
    QApplication::setOrganizationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationVersion(QStringLiteral(MCPA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.mcp_accounts.McpAccounts"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Signs in to MCP servers and keeps their tokens fresh."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QApplication::translate(
            "main", "Add this MCP server URL to the list, if it is not there yet (repeatable)."),
        QStringLiteral("url"));
    parser.addOption(serverOption);
    const QCommandLineOption minimizedOption(
        QStringLiteral("minimized"),
        QApplication::translate("main", "Start in the tray, without the window."));
    parser.addOption(minimizedOption);
    QCommandLineOption exitAfterStartupOption(
        QStringLiteral("exit-after-startup"),
        QApplication::translate("main", "Quit right after the first paint of the main window."));
    exitAfterStartupOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(exitAfterStartupOption);
    parser.process(app);

    QList<QUrl> servers;
    const QStringList values = parser.values(serverOption);
    for (const QString &value : values) {
        const QUrl url = QUrl::fromUserInput(value);
        if (!url.isValid() || url.host().isEmpty()) {
            QTextStream(stderr) << "mcp-accounts: not a URL: " << value << Qt::endl;
            return 2;
        }
        servers.append(url);
    }

    const bool exitAfterStartup = parser.isSet(exitAfterStartupOption);
    SingleInstance instance;
    if (!exitAfterStartup && !instance.claim()) {
        QTextStream(stderr) << "mcp-accounts: already running; showing its window." << Qt::endl;
        return 0;
    }

    AppController controller;
    QObject::connect(&instance, &SingleInstance::activationRequested, &controller,
                     &AppController::showWindow);
    controller.serveSignInRequests(&instance);
    QuitAfterFirstPaint quitAfterFirstPaint;
    if (exitAfterStartup)
        controller.mainWindow()->installEventFilter(&quitAfterFirstPaint);
    controller.start(parser.isSet(minimizedOption) && !exitAfterStartup);
    controller.addServers(servers);
    return QApplication::exec();
}
