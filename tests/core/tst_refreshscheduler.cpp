#include <QTest>

// Placeholder until the implementation lands.
class Testrefreshscheduler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(Testrefreshscheduler)
#include "tst_refreshscheduler.moc"
