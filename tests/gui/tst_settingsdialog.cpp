#include <QTest>

// Placeholder until the implementation lands.
class Testsettingsdialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_MAIN(Testsettingsdialog)
#include "tst_settingsdialog.moc"
