#include <QTest>

// Placeholder until the implementation lands.
class TestJwt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void notImplementedYet() { QFAIL("not implemented yet"); }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
