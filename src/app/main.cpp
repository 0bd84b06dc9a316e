// mcp-accounts: the desktop app.

#include "gui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationDisplayName(QStringLiteral("MCP Accounts"));
    QApplication::setOrganizationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationVersion(QStringLiteral(MCPA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("mcp-accounts"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("mcp-accounts"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Signs in to MCP servers and keeps their tokens fresh."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QApplication::translate("main", "Show this MCP server URL in the list (repeatable)."),
        QStringLiteral("url"));
    parser.addOption(serverOption);
    parser.process(app);

    MainWindow window;
    const QStringList servers = parser.values(serverOption);
    for (const QString &server : servers) {
        const QUrl url = QUrl::fromUserInput(server);
        if (!url.isValid()) {
            QTextStream(stderr) << "mcp-accounts: not a URL: " << server << Qt::endl;
            return 2;
        }
        window.addServer(url);
    }
    window.show();
    return QApplication::exec();
}
