#include <QTest>

// Placeholder until the implementation lands.
class Testserverregistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(Testserverregistry)
#include "tst_serverregistry.moc"
