#include <QTest>

// Placeholder until the implementation lands.
class TestMcpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(TestMcpClient)
#include "tst_mcpclient.moc"
