#include <QTest>

// Placeholder until the implementation lands.
class Testsignindialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_MAIN(Testsignindialog)
#include "tst_signindialog.moc"
