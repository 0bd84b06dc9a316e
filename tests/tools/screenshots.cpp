// mcpa_screenshots: the README's pictures of the real app. scripts/screenshots.sh
// prepares a throwaway config and keychain with servers in different states
// (through mcp-accounts-cli and the test servers) and runs this under Xvfb:
// it builds the app's AppController over that config, waits until every
// server was checked, and saves the main window, the token viewer (masked,
// as it opens) and the embedded sign-in page as PNG files.
//
//   mcpa_screenshots --out DIR --token-server ID --sign-in-server ID

#include "core/accounts/accountstatus.h"
#include "gui/appcontroller.h"
#include "gui/guiresources.h"
#include "gui/mainwindow.h"
#include "gui/serverlistmodel.h"
#include "gui/tokenviewerdialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDir>
#include <QFont>
#include <QImage>
#include <QMetaMethod>
#include <QPixmap>
#include <QScreen>
#include <QSet>
#include <QStyle>
#include <QStyleFactory>
#include <QTextStream>
#include <QThread>
#include <QWindow>

#include <functional>

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// Runs the event loop until @p done or the deadline; false on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
    return true;
}

/// Lets pending layouts and paints (and the X server) catch up.
void settle(int ms = 400)
{
    waitFor([] { return false; }, ms);
}

template<typename T = QDialog> T *topLevel(const QString &objectName)
{
    const QWidgetList widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets) {
        if (widget->objectName() == objectName && widget->isVisible())
            return qobject_cast<T *>(widget);
    }
    return nullptr;
}

/// What the X server shows of the window (web content included); the
/// widget's own rendering where the platform cannot grab windows.
bool save(QWidget *widget, const QString &path)
{
    widget->raise();
    settle();
    QPixmap pixmap;
    if (QScreen *screen = widget->screen())
        pixmap = screen->grabWindow(widget->winId());
    if (pixmap.isNull() || pixmap.size() != widget->size() * widget->devicePixelRatioF())
        pixmap = widget->grab();
    if (!pixmap.save(path, "PNG")) {
        err() << "could not write " << path << Qt::endl;
        return false;
    }
    err() << "wrote " << QDir::current().relativeFilePath(path) << " (" << pixmap.width() << "x"
          << pixmap.height() << ")" << Qt::endl;
    return true;
}

bool settled(const Mcpa::ServerListModel *model)
{
    if (model->rowCount() == 0)
        return false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const Mcpa::AccountStatus::Kind kind = model->status(row).kind;
        if (kind == Mcpa::AccountStatus::Kind::Unknown
            || kind == Mcpa::AccountStatus::Kind::Refreshing)
            return false;
    }
    return true;
}

/// Counts a signal by its signature; connected at run time, so that this tool
/// needs no header of the part that emits it.
class SignalCounter : public QObject
{
    Q_OBJECT
public:
    int count = 0;
public Q_SLOTS:
    void hit() { ++count; }
};

/// The embedded sign-in's window after its page loaded, cut out of the
/// screen. The sign-in may run in this process (a dialog with a web view,
/// whose loadFinished(bool) says when) or in a helper process (an object
/// whose pageLoaded(bool) says when): this waits for either, then for the
/// screen to stop changing, and returns what differs from the black root
/// window (Xvfb -br) with everything else of this process hidden.
QPixmap grabSignInPage(QWidget *window, int timeoutMs)
{
    SignalCounter loaded;
    QSet<QObject *> watched;
    const bool signalled = waitFor(
        [&] {
            const QList<QObject *> objects = window->findChildren<QObject *>();
            for (QObject *object : objects) {
                if (watched.contains(object))
                    continue;
                for (const char *signature : { "pageLoaded(bool)", "loadFinished(bool)" }) {
                    const int index = object->metaObject()->indexOfSignal(signature);
                    if (index < 0)
                        continue;
                    watched.insert(object);
                    QObject::connect(
                        object, object->metaObject()->method(index), &loaded,
                        loaded.metaObject()->method(loaded.metaObject()->indexOfSlot("hit()")));
                }
            }
            return loaded.count > 0;
        },
        timeoutMs);
    if (!signalled)
        return {};
    QScreen *screen = QGuiApplication::primaryScreen();
    QImage previous;
    QImage current;
    // The page's first frame and the window's map take a moment (another process).
    for (int round = 0; round < 40; ++round) {
        settle(500);
        current = screen->grabWindow(0).toImage();
        if (round > 1 && current == previous)
            break;
        previous = current;
    }
    QRect content;
    for (int y = 0; y < current.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(current.constScanLine(y));
        for (int x = 0; x < current.width(); ++x) {
            if (qGray(line[x]) > 0)
                content |= QRect(x, y, 1, 1);
        }
    }
    return content.isEmpty() ? QPixmap() : QPixmap::fromImage(current.copy(content));
}

} // namespace

int main(int argc, char *argv[])
{
    // The same picture on every machine: one style, one font, plain colours.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication app(argc, argv);
    initGuiResources(); // the GUI library's icons (a static library's resources)
    QApplication::setApplicationName(QStringLiteral("mcp-accounts"));
    QApplication::setApplicationDisplayName(QStringLiteral("MCP Accounts"));
    QApplication::setOrganizationName(QStringLiteral("mcp-accounts"));
    QApplication::setPalette(QApplication::style()->standardPalette());
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output directory."),
                                       QStringLiteral("dir"));
    const QCommandLineOption tokenOption(QStringLiteral("token-server"),
                                         QStringLiteral("Server whose token viewer is shown."),
                                         QStringLiteral("id"));
    const QCommandLineOption signInOption(QStringLiteral("sign-in-server"),
                                          QStringLiteral("Server whose sign-in page is shown."),
                                          QStringLiteral("id"));
    parser.addOptions({ outOption, tokenOption, signInOption });
    parser.process(app);
    if (!parser.isSet(outOption) || !parser.isSet(tokenOption) || !parser.isSet(signInOption)) {
        err() << "mcpa_screenshots: --out, --token-server and --sign-in-server are needed"
              << Qt::endl;
        return 2;
    }
    const QDir out(parser.value(outOption));
    if (!QDir().mkpath(out.path()))
        return 1;

    Mcpa::AppController controller;
    Mcpa::MainWindow *window = controller.mainWindow();
    window->setMessagePresenter([](const QString &title, const QString &text) {
        err() << "message: " << title << ": " << text << Qt::endl;
    });
    controller.start(false);
    window->setDefaultBrowserMode(Mcpa::MainWindow::BrowserMode::Embedded); // after the settings
    window->resize(900, 500);
    window->move(0, 0);

    const Mcpa::ServerListModel *model = window->serverModel();
    if (!waitFor([&] { return settled(model); }, 30000)) {
        err() << "the status checks did not settle" << Qt::endl;
        return 1;
    }
    settle(800);
    if (!save(window, out.filePath(QStringLiteral("main-window.png"))))
        return 1;

    window->viewToken(parser.value(tokenOption));
    auto viewer = [] {
        return topLevel<Mcpa::TokenViewerDialog>(QStringLiteral("tokenViewerDialog"));
    };
    if (!waitFor([&] { return viewer() && !viewer()->isBusy(); }, 20000)) {
        err() << "the token viewer did not show the token" << Qt::endl;
        return 1;
    }
    viewer()->resize(680, 720);
    viewer()->move(40, 20);
    if (viewer()->isRevealed() || !save(viewer(), out.filePath(QStringLiteral("token-viewer.png"))))
        return 1;
    viewer()->close();

    // The sign-in window alone on the screen.
    window->hide();
    window->signIn(parser.value(signInOption));
    const QPixmap signIn = grabSignInPage(window, 60000);
    if (signIn.isNull()) {
        err() << "the sign-in page did not load" << Qt::endl;
        return 1;
    }
    const QString signInPath = out.filePath(QStringLiteral("sign-in.png"));
    if (!signIn.save(signInPath, "PNG"))
        return 1;
    err() << "wrote " << QDir::current().relativeFilePath(signInPath) << " (" << signIn.width()
          << "x" << signIn.height() << ")" << Qt::endl;
    // Quitting cancels the sign-in (and ends a helper process).
    return 0;
}

#include "screenshots.moc"
