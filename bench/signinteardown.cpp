// Benchmark 2, second half: how long the embedded sign-in's processes
// outlive it. Opens Mcpa::EmbeddedSignIn on URL, the way the app does: it
// starts the helper process mcp-accounts-signin (QtWebEngine runs there
// only), waits for the page to load, finishes the sign-in and polls /proc
// every 2 ms until neither the helper nor any process it started (Chromium's
// zygotes, renderer, GPU/utility processes) is left. Prints one line of
// key=value pairs:
//
//   load_ms          open -> page loaded (helper start and web engine cold start included)
//   helpers_open     processes of the helper (itself included) while the page was shown
//   renderers_open   renderer processes among them
//   renderer_gone_ms finish() -> no renderer process left
//   helpers_gone_ms  finish() -> no process of the helper left
//   helpers_left     processes of the helper still running 1 s later (0)
//   rss_before_kib / rss_open_kib / rss_after_kib   this (the app's) process's VmRSS
//   helpers_rss_kib  the helper's processes' VmRSS summed, page shown
//
//   bench_signinteardown URL       (MCP_ACCOUNTS_SIGNIN_HELPER names the helper if
//                                   it is not next to this program)

#include "gui/embeddedsignin.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTextStream>
#include <QTimer>

#include <unistd.h>

namespace {

struct Process
{
    qint64 pid = 0;
    qint64 parent = 0;
    QByteArray startTime;
    QByteArray type; ///< Chromium's --type= (renderer, zygote, utility, ...); "helper"
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

/// pid -> (parent, start time) of every living process.
QHash<qint64, QPair<qint64, QByteArray>> processTable()
{
    QHash<qint64, QPair<qint64, QByteArray>> table;
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
        if (fields.size() < 20 || fields.at(0) == "Z")
            continue;
        table.insert(pid, { fields.at(1).toLongLong(), fields.at(19) });
    }
    return table;
}

/// The helper and its descendants. A renderer is forked by a zygote and
/// keeps the zygote's command line, so a "zygote" whose parent is a zygote
/// is a renderer.
QList<Process> helperProcesses(qint64 helper)
{
    const auto table = processTable();
    QList<Process> found;
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        qint64 ancestor = it.key();
        for (int depth = 0; depth < 16 && ancestor > 1 && ancestor != helper; ++depth)
            ancestor = table.value(ancestor).first;
        if (ancestor != helper)
            continue;
        Process process { it.key(), it.value().first, it.value().second, QByteArray("other") };
        if (process.pid == helper) {
            process.type = "helper";
        } else {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(process.pid));
            if (cmdline.open(QIODevice::ReadOnly)) {
                // Chromium may rewrite its command line as one space-separated string.
                const QByteArray arguments = cmdline.readAll().replace('\0', ' ');
                const qsizetype type = arguments.indexOf(" --type=");
                if (type >= 0)
                    process.type = arguments.mid(type + 8).split(' ').value(0);
            }
        }
        found.append(process);
    }
    for (Process &process : found) {
        if (process.type != "zygote")
            continue;
        for (const Process &parent : std::as_const(found)) {
            if (parent.pid == process.parent && parent.type == "zygote")
                process.type = "renderer";
        }
    }
    return found;
}

/// The processes of @p processes still alive (same pid and start time).
QList<Process> alive(const QList<Process> &processes)
{
    const auto table = processTable();
    QList<Process> living;
    for (const Process &process : processes) {
        const auto it = table.constFind(process.pid);
        if (it != table.cend() && it.value().second == process.startTime)
            living.append(process);
    }
    return living;
}

int countOf(const QList<Process> &list, const QByteArray &type)
{
    int count = 0;
    for (const Process &process : list)
        count += process.type == type ? 1 : 0;
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
        m_signIn = new Mcpa::EmbeddedSignIn(this);
        if (m_signIn->program().isEmpty()) {
            fail("mcp-accounts-signin not found (set MCP_ACCOUNTS_SIGNIN_HELPER)");
            return;
        }
        connect(m_signIn, &Mcpa::EmbeddedSignIn::pageLoaded, this, &Teardown::loaded);
        connect(m_signIn, &Mcpa::EmbeddedSignIn::failed, this,
                [this] { fail("the sign-in helper failed"); });
        m_clock.start();
        m_signIn->openAuthorizationPage(m_url);
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
        m_open = helperProcesses(m_signIn->processId());
        qint64 helpersRss = 0;
        for (const Process &process : std::as_const(m_open))
            helpersRss += rssKib(process.pid);
        m_result.insert("helpers_open", m_open.size());
        m_result.insert("renderers_open", countOf(m_open, "renderer"));
        m_result.insert("helpers_rss_kib", helpersRss);
        m_result.insert("rss_open_kib", rssKib(getpid()));
        if (countOf(m_open, "renderer") == 0) {
            QTextStream err(stderr);
            for (const Process &process : std::as_const(m_open))
                err << "process " << process.pid << " of " << process.parent << ": " << process.type
                    << Qt::endl;
            fail("no renderer process found while the page was shown");
            return;
        }
        m_closed = true;
        m_clock.restart();
        m_signIn->finish(); // the helper closes its window and exits
        auto *poll = new QTimer(this);
        poll->setInterval(2);
        connect(poll, &QTimer::timeout, this, [this, poll] {
            const QList<Process> left = alive(m_open);
            if (!m_result.contains("renderer_gone_ms") && countOf(left, "renderer") == 0)
                m_result.insert("renderer_gone_ms", m_clock.elapsed());
            if (!left.isEmpty())
                return;
            poll->stop();
            m_result.insert("helpers_gone_ms", m_clock.elapsed());
            QTimer::singleShot(1000, this, &Teardown::report);
        });
        poll->start();
        QTimer::singleShot(20000, this,
                           [this] { fail("the helper's processes outlived the sign-in by 20 s"); });
    }

    void report()
    {
        const QList<Process> left = alive(m_open);
        m_result.insert("helpers_left", left.size());
        m_result.insert("rss_after_kib", rssKib(getpid()));
        QTextStream out(stdout);
        for (auto it = m_result.cbegin(); it != m_result.cend(); ++it)
            out << it.key() << '=' << it.value() << ' ';
        QStringList types;
        for (const Process &process : left)
            types.append(QString::fromLatin1(process.type));
        out << "left_types="
            << (types.isEmpty() ? QStringLiteral("-") : types.join(QLatin1Char(','))) << Qt::endl;
        QApplication::exit(0);
    }

    void fail(const char *why)
    {
        QTextStream(stderr) << "bench_signinteardown: " << why << Qt::endl;
        QApplication::exit(1);
    }

    QUrl m_url;
    Mcpa::EmbeddedSignIn *m_signIn = nullptr;
    QList<Process> m_open;
    QElapsedTimer m_clock;
    QMap<QByteArray, qint64> m_result;
    bool m_closed = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() != 2) {
        QTextStream(stderr) << "usage: bench_signinteardown URL" << Qt::endl;
        return 2;
    }
    Teardown teardown(QUrl(arguments.at(1)));
    QTimer::singleShot(0, &teardown, &Teardown::start);
    return QApplication::exec();
}
