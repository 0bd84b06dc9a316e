#include <QTest>

// Placeholder until the implementation lands.
class TestClientRegistrar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(TestClientRegistrar)
#include "tst_clientregistrar.moc"
