// Files named by someone else's config are read whole only when they are
// small regular files: no hang on a FIFO, no memory for /dev/zero.

#include "core/base/boundedfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Mcpa;

class TestBoundedFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsASmallRegularFile();
    void refusesWhatIsNotARegularFile_data();
    void refusesWhatIsNotARegularFile();
    void refusesALargeFile();
    void missingFileIsMissing();
};

void TestBoundedFile::readsASmallRegularFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"client_id\":\"x\"}");
    file.close();
    const BoundedFile::Result result = BoundedFile::read(path, 17);
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.data, QByteArray("{\"client_id\":\"x\"}"));
}

void TestBoundedFile::refusesWhatIsNotARegularFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("FIFO with no writer") << "fifo"; // a blocking open would hang here
    QTest::addRow("/dev/zero") << "/dev/zero"; // endless
    QTest::addRow("/dev/null") << "/dev/null";
    QTest::addRow("directory") << "dir";
}

void TestBoundedFile::refusesWhatIsNotARegularFile()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QString path = kind;
    if (kind == QLatin1String("fifo")) {
        path = dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else if (kind == QLatin1String("dir")) {
        path = dir.path();
    }
    const BoundedFile::Result result = BoundedFile::read(path, 1024);
    QCOMPARE(result.problem, BoundedFile::Problem::NotRegular);
    QVERIFY(result.data.isEmpty());
    QCOMPARE(result.reason, QStringLiteral("not a regular file"));
}

void TestBoundedFile::refusesALargeFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(1025, 'x'));
    file.close();
    const BoundedFile::Result result = BoundedFile::read(path, 1024);
    QCOMPARE(result.problem, BoundedFile::Problem::TooLarge);
    QVERIFY(result.data.isEmpty());
    QCOMPARE(result.reason, QStringLiteral("larger than 1024 bytes"));
    QVERIFY(BoundedFile::read(path, 1025).ok()); // the cap is inclusive
}

void TestBoundedFile::missingFileIsMissing()
{
    QTemporaryDir dir;
    const BoundedFile::Result result = BoundedFile::read(dir.filePath(QStringLiteral("no")), 10);
    QCOMPARE(result.problem, BoundedFile::Problem::Missing);
    QVERIFY(!result.reason.isEmpty());
}

QTEST_GUILESS_MAIN(TestBoundedFile)
#include "tst_boundedfile.moc"
