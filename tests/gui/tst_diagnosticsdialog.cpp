#include <QTest>

// Placeholder until the implementation lands.
class Testdiagnosticsdialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_MAIN(Testdiagnosticsdialog)
#include "tst_diagnosticsdialog.moc"
