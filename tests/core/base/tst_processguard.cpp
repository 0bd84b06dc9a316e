// Secrets stay out of crash dumps: the guard itself, and each executable
// (app, CLI, sign-in helper) applying it while it runs.

#include "core/base/processguard.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <sys/resource.h>

using namespace Mcpa;

namespace {

/// The "Max core file size" soft limit of a running process, as the kernel
/// reports it ("0", "unlimited", a number); empty when unreadable.
QString coreLimitOf(qint64 pid)
{
    QFile limits(QStringLiteral("/proc/%1/limits").arg(pid));
    if (!limits.open(QIODevice::ReadOnly))
        return {};
    static const QRegularExpression line(QStringLiteral("^Max core file size\\s+(\\S+)"),
                                         QRegularExpression::MultilineOption);
    return line.match(QString::fromLatin1(limits.readAll())).captured(1);
}

/// Raises this process's soft core limit to its hard limit, so that a child
/// starts with core files allowed and the guard has something to lower.
bool allowCoreFiles()
{
    struct rlimit limit
    {
        RLIM_INFINITY, RLIM_INFINITY
    };
    if (::setrlimit(RLIMIT_CORE, &limit) == 0)
        return true; // root may raise the hard limit
    if (::getrlimit(RLIMIT_CORE, &limit) != 0 || limit.rlim_max == 0)
        return false;
    limit.rlim_cur = limit.rlim_max;
    return ::setrlimit(RLIMIT_CORE, &limit) == 0;
}

} // namespace

class TestProcessGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void guardLowersLimitAndDumpability();
    void executablesApplyTheGuard_data();
    void executablesApplyTheGuard();

private:
    bool m_coreFilesAllowed = false;
};

void TestProcessGuard::initTestCase()
{
    m_coreFilesAllowed = allowCoreFiles();
}

void TestProcessGuard::guardLowersLimitAndDumpability()
{
    // A child does the guarding: this test process must stay dumpable.
    QProcess child;
    child.setProgram(QStringLiteral(MCPA_GUARD_PROBE_PATH));
    child.start();
    QVERIFY(child.waitForFinished(20000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    const QString report = QString::fromLatin1(child.readAllStandardOutput()).trimmed();
    // Before: dumpable with the inherited limit; after: neither.
    QCOMPARE(report.section(QLatin1Char(' '), 0, 0), QStringLiteral("before=1"));
    QCOMPARE(report.section(QLatin1Char(' '), 1), QStringLiteral("ok=1 dumpable=0 core=0/0"));
}

void TestProcessGuard::executablesApplyTheGuard_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    // Each stays alive on its own: the CLI waits for a server that never
    // answers, the helper for its first instruction on stdin, the app in
    // its event loop.
    QTest::addRow("mcp-accounts-cli")
        << QStringLiteral(MCPA_CLI_PATH) << QStringList { QStringLiteral("probe") };
    QTest::addRow("mcp-accounts-signin")
        << QStringLiteral(MCPA_SIGNIN_HELPER_PATH) << QStringList();
    QTest::addRow("mcp-accounts") << QStringLiteral(MCPA_GUI_PATH) << QStringList();
}

void TestProcessGuard::executablesApplyTheGuard()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    if (!m_coreFilesAllowed)
        QSKIP("the hard core-file limit is 0 and cannot be raised here: a child would start "
              "with 0 whether or not it applies the guard");
    QTcpServer silent; // accepts and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    if (!arguments.isEmpty())
        arguments << QStringLiteral("http://127.0.0.1:%1/mcp").arg(silent.serverPort());

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    const qint64 pid = process.processId();
    // The limit is inherited as "allowed" and must drop to 0 once main runs.
    QTRY_COMPARE_WITH_TIMEOUT(coreLimitOf(pid), QStringLiteral("0"), 20000);
    QCOMPARE(process.state(), QProcess::Running);
    process.kill();
    QVERIFY(process.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestProcessGuard)
#include "tst_processguard.moc"
