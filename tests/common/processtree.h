#pragma once

#include <QDir>
#include <QFile>
#include <QHash>
#include <QList>
#include <QStringList>

/// Processes of this machine through /proc: a process's descendants, and
/// whether one is still alive (zombies do not count). A process is named by
/// its pid and start time, so a reused pid is not mistaken for it.
namespace ProcessTree {

struct Process
{
    qint64 pid = 0;
    qint64 parent = 0;
    QByteArray startTime; ///< /proc/PID/stat field 22
    char state = '?';
    QByteArray command; ///< argv[0]

    bool operator==(const Process &other) const
    {
        return pid == other.pid && startTime == other.startTime;
    }
};

inline bool read(qint64 pid, Process *process)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    // "pid (comm) state ppid ...": comm may hold spaces, so split after ')'.
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    if (fields.size() < 20)
        return false;
    process->pid = pid;
    process->state = fields.at(0).isEmpty() ? '?' : fields.at(0).at(0);
    process->parent = fields.at(1).toLongLong();
    process->startTime = fields.at(19); // field 22 of the whole line
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (cmdline.open(QIODevice::ReadOnly))
        process->command = cmdline.readAll().split('\0').value(0);
    return true;
}

/// Every living descendant of @p root (children, grandchildren, ...).
inline QList<Process> descendants(qint64 root)
{
    QHash<qint64, QList<Process>> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        Process process;
        if (isPid && read(pid, &process) && process.state != 'Z')
            children[process.parent].append(process);
    }
    QList<Process> found;
    QList<qint64> queue { root };
    while (!queue.isEmpty()) {
        const QList<Process> direct = children.value(queue.takeFirst());
        for (const Process &child : direct) {
            found.append(child);
            queue.append(child.pid);
        }
    }
    return found;
}

inline bool isAlive(const Process &process)
{
    Process now;
    return read(process.pid, &now) && now == process && now.state != 'Z';
}

/// The processes of @p processes that are still alive.
inline QList<Process> alive(const QList<Process> &processes)
{
    QList<Process> living;
    for (const Process &process : processes) {
        if (isAlive(process))
            living.append(process);
    }
    return living;
}

inline QString describe(const QList<Process> &processes)
{
    QStringList entries;
    for (const Process &process : processes) {
        // Chromium rewrites its command line into one string: program and --type= only.
        const QList<QByteArray> words = process.command.split(' ');
        QString name = QString::fromLocal8Bit(words.value(0)).section(QLatin1Char('/'), -1);
        for (const QByteArray &word : words) {
            if (word.startsWith("--type="))
                name += QLatin1Char(' ') + QString::fromLocal8Bit(word);
        }
        entries.append(QStringLiteral("%1 %2 (%3)")
                           .arg(process.pid)
                           .arg(name)
                           .arg(QLatin1Char(process.state)));
    }
    return entries.join(QStringLiteral(", "));
}

} // namespace ProcessTree
