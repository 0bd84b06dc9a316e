#include "core/store/secretstore.h"

#include "jobrunner.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Mcpa;

// Runs against the session's real Secret Service (scripts/test.sh starts
// gnome-keyring in a throwaway HOME) under a service name only tests use.
class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void roundTrip();
    void readingAMissingEntryIsNotFound();
    void jobsAreAsynchronous();

private:
    struct Outcome
    {
        bool ok = false;
        QByteArray data;
        Error error;
    };
    static Outcome wait(SecretJob *job);
    static QString lookupFromOutside(const QString &service, const QString &key, int *exitCode);

    SecretStore m_store { QStringLiteral("mcp-accounts-test-secretstore") };
    QString m_key;
};

TestSecretStore::Outcome TestSecretStore::wait(SecretJob *job)
{
    const auto finished = Test::runJob(job, [](SecretJob *done) { return done->data(); });
    Outcome outcome;
    outcome.ok = finished.finished && !finished.error;
    outcome.data = finished.value;
    outcome.error = finished.error;
    return outcome;
}

QString TestSecretStore::lookupFromOutside(const QString &service, const QString &key,
                                           int *exitCode)
{
    // qtkeychain's libsecret schema: attributes "user" (the key) and "server" (the service).
    QProcess process;
    process.start(QStringLiteral("secret-tool"),
                  { QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"),
                    service });
    process.waitForFinished(20000);
    *exitCode = process.exitCode();
    return QString::fromUtf8(process.readAllStandardOutput());
}

void TestSecretStore::initTestCase()
{
    m_store.setTimeout(std::chrono::seconds(20));
    m_key = QStringLiteral("roundtrip/%1").arg(QRandomGenerator::global()->generate());
    const Outcome check = wait(m_store.write(QStringLiteral("probe"), "x"));
    if (!check.ok)
        QFAIL(qPrintable(QStringLiteral("no usable Secret Service in this session (run the tests "
                                        "through scripts/test.sh): ")
                         + check.error.toString()));
    wait(m_store.remove(QStringLiteral("probe")));
}

void TestSecretStore::roundTrip()
{
    const QByteArray first("first-secret-\x01\xff", 15);
    QVERIFY(wait(m_store.write(m_key, first)).ok);
    Outcome read = wait(m_store.read(m_key));
    QVERIFY2(read.ok, qPrintable(read.error.toString()));
    QCOMPARE(read.data, first);

    int exitCode = -1;
    QString outside = lookupFromOutside(m_store.serviceName(), m_key, &exitCode);
    QCOMPARE(exitCode, 0);
    // Binary secrets are stored base64-encoded; the item is really in the Secret Service.
    QCOMPARE(QByteArray::fromBase64(outside.trimmed().toLatin1()), first);

    const QByteArray second("second");
    QVERIFY(wait(m_store.write(m_key, second)).ok);
    read = wait(m_store.read(m_key));
    QCOMPARE(read.data, second);

    QVERIFY(wait(m_store.remove(m_key)).ok);
    outside = lookupFromOutside(m_store.serviceName(), m_key, &exitCode);
    QVERIFY(outside.isEmpty());
    QCOMPARE(wait(m_store.read(m_key)).error.code(), Error::Code::SecretNotFound);
}

void TestSecretStore::readingAMissingEntryIsNotFound()
{
    const Outcome outcome = wait(m_store.read(QStringLiteral("never-written")));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error.code(), Error::Code::SecretNotFound);
}

void TestSecretStore::jobsAreAsynchronous()
{
    SecretJob *job = m_store.read(QStringLiteral("never-written"));
    QSignalSpy finished(job, &Job::finished);
    QCOMPARE(job->state(), SecretJob::State::Pending);
    QVERIFY(finished.isEmpty());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error().code(), Error::Code::SecretNotFound);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
