#include <QTest>

// Placeholder until the implementation lands.
class TestDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
