// One app per user, on a socket no other user can take or talk to.

#include "gui/singleinstance.h"

#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Mcpa;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondLaunchRaisesTheFirst();
    void socketLivesInThePrivateRuntimeDirectory();
    void anotherUsersSocketIsIgnored();
};

void TestSingleInstance::secondLaunchRaisesTheFirst()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = dir.filePath(QStringLiteral("instance"));
    SingleInstance first(name);
    QSignalSpy raised(&first, &SingleInstance::activationRequested);
    QVERIFY(first.claim());
    SingleInstance second(name);
    QVERIFY(!second.claim()); // the second launch steps aside...
    QVERIFY(raised.wait()); // ...and the first shows its window
    QCOMPARE(raised.size(), 1);
}

void TestSingleInstance::socketLivesInThePrivateRuntimeDirectory()
{
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    QVERIFY(!runtime.isEmpty());
    const QString name = SingleInstance::defaultName();
    QCOMPARE(QFileInfo(name).absolutePath(), QFileInfo(runtime).absoluteFilePath());
    QVERIFY2(!name.startsWith(QLatin1String("/tmp/mcp-accounts")), qPrintable(name));
    struct stat status
    {
    };
    QCOMPARE(::stat(QFile::encodeName(runtime).constData(), &status), 0);
    QCOMPARE(status.st_uid, ::getuid());
    QCOMPARE(status.st_mode & 0777, 0700u);
}

void TestSingleInstance::anotherUsersSocketIsIgnored()
{
    if (::getuid() != 0)
        QSKIP("needs root to start the other user's listener (uid 65534); CI runs as root");
    // Under /tmp itself: the test's own TMPDIR is private to this user.
    QTemporaryDir dir(QStringLiteral("/tmp/mcpa-singleinstance-XXXXXX"));
    QVERIFY(dir.isValid());
    QVERIFY(QFile::setPermissions(dir.path(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                      | QFileDevice::WriteOther | QFileDevice::ExeOther));
    const QString name = dir.filePath(QStringLiteral("instance"));

    // Another user's process listens under the name first and reports what
    // it is sent.
    QProcess other;
    other.setChildProcessModifier([] {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(97);
    });
    other.start(QStringLiteral("node"),
                { QStringLiteral("-e"),
                  QStringLiteral("const s=require('net').createServer(c=>c.on('data',d=>"
                                 "process.stdout.write('got:'+d)));"
                                 "s.listen(process.argv[1],()=>process.stdout.write('ready\\n'));"),
                  name });
    QVERIFY2(other.waitForStarted(), qPrintable(other.errorString()));
    QByteArray heard;
    connect(&other, &QProcess::readyReadStandardOutput, this,
            [&] { heard += other.readAllStandardOutput(); });
    QTRY_VERIFY_WITH_TIMEOUT(heard.contains("ready") || other.state() != QProcess::Running, 20000);
    QCOMPARE(other.state(), QProcess::Running);

    SingleInstance app(name);
    QVERIFY(app.claim()); // runs: a foreign socket is no reason to exit
    // and told the other process nothing: a connection of ours it could
    // answer is closed before any byte.
    QLocalSocket probe;
    probe.connectToServer(name);
    QVERIFY(probe.waitForConnected(5000));
    probe.write("ping\n");
    QVERIFY(probe.waitForBytesWritten(5000));
    QTRY_VERIFY_WITH_TIMEOUT(heard.contains("got:ping"), 10000);
    // Only the probe's bytes arrived: "show" never did.
    QVERIFY2(!heard.contains("show"), heard.constData());
    other.disconnect(this);
    other.kill();
    QVERIFY(other.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
