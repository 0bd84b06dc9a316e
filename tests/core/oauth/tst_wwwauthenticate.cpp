#include "core/oauth/wwwauthenticate.h"

#include <QTest>

using namespace Mcpa;

class TestWwwAuthenticate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void challenges_data();
    void challenges();
    void bearerFacts();
    void severalHeaderValues();
    void hostileInputNeverCrashes_data();
    void hostileInputNeverCrashes();
};

// Each row: header value, then the expected challenges rendered as
// "Scheme{k=v;k=v}" or "Scheme[token68]", joined by " | ".
static QString render(const QList<AuthChallenge> &challenges)
{
    QStringList parts;
    for (const AuthChallenge &challenge : challenges) {
        QString part = challenge.scheme;
        if (!challenge.token68.isEmpty()) {
            part += QLatin1Char('[') + challenge.token68 + QLatin1Char(']');
        } else if (!challenge.params.isEmpty()) {
            QStringList params;
            for (auto it = challenge.params.cbegin(); it != challenge.params.cend(); ++it)
                params.append(it.key() + QLatin1Char('=') + it.value());
            part += QLatin1Char('{') + params.join(QLatin1Char(';')) + QLatin1Char('}');
        }
        parts.append(part);
    }
    return parts.join(QLatin1String(" | "));
}

void TestWwwAuthenticate::challenges_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::addRow("bare scheme") << QByteArray("Bearer") << QStringLiteral("Bearer");
    QTest::addRow("one param") << QByteArray("Bearer realm=\"mcp\"")
                               << QStringLiteral("Bearer{realm=mcp}");
    QTest::addRow("mcp challenge")
        << QByteArray("Bearer resource_metadata=\"https://a.example/.well-known/"
                      "oauth-protected-resource/mcp\", scope=\"files:read files:write\"")
        << QStringLiteral("Bearer{resource_metadata=https://a.example/.well-known/"
                          "oauth-protected-resource/mcp;scope=files:read files:write}");
    QTest::addRow("rfc 9110 example")
        << QByteArray("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", "
                      "Basic realm=\"simple\"")
        << QStringLiteral("Newauth{realm=apps;title=Login to \"apps\";type=1} | "
                          "Basic{realm=simple}");
    QTest::addRow("token68") << QByteArray("Basic dXNlcjpwYXNz==, Bearer error=invalid_token")
                             << QStringLiteral(
                                    "Basic[dXNlcjpwYXNz==] | Bearer{error=invalid_token}");
    QTest::addRow("token68 last") << QByteArray("Negotiate a87421000492aa874209af8bc028")
                                  << QStringLiteral("Negotiate[a87421000492aa874209af8bc028]");
    QTest::addRow("names are case-insensitive")
        << QByteArray("bEaReR SCOPE=\"a\"") << QStringLiteral("bEaReR{scope=a}");
    QTest::addRow("bws around equals") << QByteArray("Bearer scope = \"a b\" ,error= x")
                                       << QStringLiteral("Bearer{error=x;scope=a b}");
    QTest::addRow("empty list elements")
        << QByteArray(" , ,Bearer realm=a,, ,Basic,") << QStringLiteral("Bearer{realm=a} | Basic");
    QTest::addRow("comma inside quotes")
        << QByteArray("Bearer error_description=\"a, b=c, Basic d\"")
        << QStringLiteral("Bearer{error_description=a, b=c, Basic d}");
    QTest::addRow("escaped backslash")
        << QByteArray("Bearer realm=\"a\\\\b\"") << QStringLiteral("Bearer{realm=a\\b}");
    QTest::addRow("duplicate param keeps the first")
        << QByteArray("Bearer scope=\"a\", scope=\"b\"") << QStringLiteral("Bearer{scope=a}");
    QTest::addRow("two bare schemes")
        << QByteArray("Basic, Bearer") << QStringLiteral("Basic | Bearer");
    QTest::addRow("unterminated quote is skipped")
        << QByteArray("Bearer realm=\"oops, Basic realm=x")
        << QStringLiteral("Bearer | Basic{realm=x}");
    QTest::addRow("garbage before a challenge")
        << QByteArray("=== , Bearer scope=a") << QStringLiteral("Bearer{scope=a}");
    QTest::addRow("empty") << QByteArray("") << QString();
}

void TestWwwAuthenticate::challenges()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    QCOMPARE(render(WwwAuthenticate::parse(header)), expected);
}

void TestWwwAuthenticate::bearerFacts()
{
    const auto challenges = WwwAuthenticate::parse(QByteArrayLiteral(
        "Basic realm=\"x\", Bearer error=\"insufficient_scope\", scope=\"mcp:read mcp:admin\", "
        "resource_metadata=\"http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp\", "
        "error_description=\"needs \\\"admin\\\"\""));
    const BearerChallenge bearer = WwwAuthenticate::bearer(challenges);
    QVERIFY(bearer.present);
    QCOMPARE(bearer.error, QStringLiteral("insufficient_scope"));
    QCOMPARE(bearer.scope, QStringLiteral("mcp:read mcp:admin"));
    QCOMPARE(bearer.errorDescription, QStringLiteral("needs \"admin\""));
    QCOMPARE(
        bearer.resourceMetadata,
        QUrl(QStringLiteral("http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp")));

    QVERIFY(!WwwAuthenticate::bearer(WwwAuthenticate::parse(QByteArrayLiteral("Basic realm=x")))
                 .present);
}

void TestWwwAuthenticate::severalHeaderValues()
{
    const QList<QByteArray> values { QByteArrayLiteral("Basic realm=\"a\""),
                                     QByteArrayLiteral("Bearer scope=\"s\"") };
    const auto challenges = WwwAuthenticate::parse(values);
    QCOMPARE(challenges.size(), 2);
    QCOMPARE(WwwAuthenticate::bearer(challenges).scope, QStringLiteral("s"));
}

void TestWwwAuthenticate::hostileInputNeverCrashes_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addRow("only quotes") << QByteArray(1000, '"');
    QTest::addRow("only commas") << QByteArray(10000, ',');
    QTest::addRow("only equals") << QByteArray(1000, '=');
    QTest::addRow("trailing backslash") << QByteArray("Bearer realm=\"abc\\");
    QTest::addRow("nul bytes") << QByteArray("Bearer\0realm=\"a\0b\"", 18);
    QTest::addRow("long token") << (QByteArray("Bearer ") + QByteArray(100000, 'a'));
    QTest::addRow("many params") << (QByteArray("Bearer ") + QByteArray("a=b,").repeated(5000));
}

void TestWwwAuthenticate::hostileInputNeverCrashes()
{
    QFETCH(QByteArray, header);
    const auto challenges = WwwAuthenticate::parse(header);
    // Whatever it made of it, every scheme it reports is a non-empty token.
    for (const AuthChallenge &challenge : challenges)
        QVERIFY(!challenge.scheme.isEmpty());
}

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "tst_wwwauthenticate.moc"
