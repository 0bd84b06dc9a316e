#include <QTest>

// Placeholder until the implementation lands.
class Testtokenviewerdialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_MAIN(Testtokenviewerdialog)
#include "tst_tokenviewerdialog.moc"
