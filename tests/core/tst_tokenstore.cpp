#include <QTest>

// Placeholder until the implementation lands.
class Testtokenstore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(Testtokenstore)
#include "tst_tokenstore.moc"
