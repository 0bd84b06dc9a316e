// Benchmark 2, second half: how long the web engine's processes outlive an
// embedded sign-in. Opens Mcpa::SignInDialog on URL (the first start of
// QtWebEngine in this process), waits for the page to load, cancels the
// dialog and polls /proc every 2 ms until no renderer process of this
// process is left. Prints one line of key=value pairs:
//
//   load_ms          open -> page loaded (web engine cold start included)
//   helpers_open     QtWebEngineProcess processes while the page was shown
//   renderer_gone_ms dialog closed -> no renderer process left
//   helpers_left     QtWebEngineProcess processes still running 1 s later
//   rss_before_kib / rss_open_kib / rss_after_kib   this process's VmRSS
//   helpers_rss_kib  the helper processes' VmRSS summed, page shown
//
//   bench_signinteardown URL

#include "gui/signindialog.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTextStream>
#include <QTimer>
#include <QWebEngineView>

#include <unistd.h>

namespace {

struct Helper
{
    qint64 pid = 0;
    qint64 parent = 0;
    QByteArray type; ///< Chromium's --type= (renderer, zygote, utility, ...)
};

qint64 rssKib(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

/// Every descendant process of this one, with Chromium's process type. A
/// renderer is forked by a zygote and keeps the zygote's command line, so a
/// "zygote" whose parent is a zygote is a renderer.
QList<Helper> helpers()
{
    QHash<qint64, qint64> parentOf;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        parentOf.insert(pid, fields.value(1).toLongLong());
    }
    const qint64 self = getpid();
    QList<Helper> found;
    for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it) {
        qint64 ancestor = it.value();
        for (int depth = 0; depth < 16 && ancestor > 1 && ancestor != self; ++depth)
            ancestor = parentOf.value(ancestor);
        if (ancestor != self)
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(it.key()));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        Helper helper { it.key(), it.value(), QByteArray("other") };
        // Chromium may rewrite its command line as one space-separated string.
        const QByteArray arguments = cmdline.readAll().replace('\0', ' ');
        const qsizetype type = arguments.indexOf(" --type=");
        if (type >= 0)
            helper.type = arguments.mid(type + 8).split(' ').value(0);
        found.append(helper);
    }
    for (Helper &helper : found) {
        if (helper.type != "zygote")
            continue;
        for (const Helper &parent : std::as_const(found)) {
            if (parent.pid == helper.parent && parent.parent == self)
                helper.type = "renderer";
        }
    }
    return found;
}

int countOf(const QList<Helper> &list, const QByteArray &type)
{
    int count = 0;
    for (const Helper &helper : list)
        count += helper.type == type ? 1 : 0;
    return count;
}

class Teardown : public QObject
{
public:
    explicit Teardown(const QUrl &url)
        : m_url(url)
    { }

    void start()
    {
        m_result.insert("rss_before_kib", rssKib(getpid()));
        m_clock.start();
        m_dialog = new Mcpa::SignInDialog;
        m_dialog->openAuthorizationPage(m_url);
        connect(m_dialog->webView(), &QWebEngineView::loadFinished, this, &Teardown::loaded);
        QTimer::singleShot(30000, this, [this] { fail("the page did not load in 30 s"); });
    }

private:
    void loaded(bool ok)
    {
        if (m_closed)
            return;
        if (!ok) {
            fail("the page failed to load");
            return;
        }
        m_result.insert("load_ms", m_clock.elapsed());
        const QList<Helper> open = helpers();
        qint64 helpersRss = 0;
        for (const Helper &helper : open)
            helpersRss += rssKib(helper.pid);
        m_result.insert("helpers_open", open.size());
        m_result.insert("renderers_open", countOf(open, "renderer"));
        m_result.insert("helpers_rss_kib", helpersRss);
        m_result.insert("rss_open_kib", rssKib(getpid()));
        if (countOf(open, "renderer") == 0) {
            QTextStream err(stderr);
            for (const Helper &helper : open)
                err << "helper " << helper.pid << " of " << helper.parent << ": " << helper.type
                    << Qt::endl;
            fail("no renderer process found while the page was shown");
            return;
        }
        m_closed = true;
        m_clock.restart();
        m_dialog->reject(); // Cancel: the view, page and profile go
        auto *poll = new QTimer(this);
        poll->setInterval(2);
        connect(poll, &QTimer::timeout, this, [this, poll] {
            if (countOf(helpers(), "renderer") > 0)
                return;
            poll->stop();
            m_result.insert("renderer_gone_ms", m_clock.elapsed());
            QTimer::singleShot(1000, this, &Teardown::report);
        });
        poll->start();
        QTimer::singleShot(20000, this,
                           [this] { fail("the renderer outlived the dialog by 20 s"); });
    }

    void report()
    {
        const QList<Helper> left = helpers();
        m_result.insert("helpers_left", left.size());
        m_result.insert("rss_after_kib", rssKib(getpid()));
        QTextStream out(stdout);
        for (auto it = m_result.cbegin(); it != m_result.cend(); ++it)
            out << it.key() << '=' << it.value() << ' ';
        QStringList types;
        for (const Helper &helper : left)
            types.append(QString::fromLatin1(helper.type));
        out << "left_types="
            << (types.isEmpty() ? QStringLiteral("-") : types.join(QLatin1Char(','))) << Qt::endl;
        delete m_dialog;
        QApplication::exit(0);
    }

    void fail(const char *why)
    {
        QTextStream(stderr) << "bench_signinteardown: " << why << Qt::endl;
        QApplication::exit(1);
    }

    QUrl m_url;
    Mcpa::SignInDialog *m_dialog = nullptr;
    QElapsedTimer m_clock;
    QMap<QByteArray, qint64> m_result;
    bool m_closed = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false); // the dialog is the only window
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() != 2) {
        QTextStream(stderr) << "usage: bench_signinteardown URL" << Qt::endl;
        return 2;
    }
    Teardown teardown(QUrl(arguments.at(1)));
    QTimer::singleShot(0, &teardown, &Teardown::start);
    return QApplication::exec();
}
