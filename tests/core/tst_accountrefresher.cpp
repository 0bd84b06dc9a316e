#include <QTest>

// Placeholder until the implementation lands.
class Testaccountrefresher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(Testaccountrefresher)
#include "tst_accountrefresher.moc"
