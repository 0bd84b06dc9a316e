#include <QTest>

// Placeholder until the implementation lands.
class Testserverdialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_MAIN(Testserverdialog)
#include "tst_serverdialog.moc"
