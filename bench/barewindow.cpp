// The baseline of the cold start benchmark: the least a Qt Widgets app with
// a list of 20 servers can do. Shows a QMainWindow with a QListWidget of 20
// items and quits right after the window's first paint (the same trigger as
// mcp-accounts --exit-after-startup). Prints nothing. With --stay it keeps
// running (the reference of the idle memory benchmark).

#include <QApplication>
#include <QEvent>
#include <QListWidget>
#include <QMainWindow>
#include <QTimer>

namespace {

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
    QApplication app(argc, argv);
    QMainWindow window;
    auto *list = new QListWidget(&window);
    for (int i = 0; i < 20; ++i)
        list->addItem(QStringLiteral("http://127.0.0.1/mcp/%1 \u2014 Sign-in required").arg(i));
    window.setCentralWidget(list);
    window.resize(720, 480); // as ui/mainwindow.ui
    QuitAfterFirstPaint quitAfterFirstPaint;
    if (!QApplication::arguments().contains(QStringLiteral("--stay")))
        window.installEventFilter(&quitAfterFirstPaint);
    window.show();
    return QApplication::exec();
}
