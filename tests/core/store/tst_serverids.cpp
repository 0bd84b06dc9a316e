#include "core/store/serverids.h"
#include "core/store/serverregistry.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Mcpa;

namespace {

QSet<QString> setOf(const QStringList &ids)
{
    return QSet<QString>(ids.cbegin(), ids.cend());
}

} // namespace

class TestServerIds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unique_data();
    void unique();
    void fromName_data();
    void fromName();
    void fromHost_data();
    void fromHost();
    void isValid_data();
    void isValid();
};

void TestServerIds::unique_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<QString>("expected");

    const QString example = QStringLiteral("https://example.com/mcp");
    const QString github = QStringLiteral("https://mcp.github.com/mcp");
    const QStringList none;

    // From the name.
    QTest::addRow("plain") << QStringLiteral("GitHub") << example << none
                           << QStringLiteral("github");
    QTest::addRow("accent") << QStringLiteral("Caf\u00e9") << example << none
                            << QStringLiteral("cafe");
    QTest::addRow("decomposed accent")
        << QStringLiteral("Cafe\u0301") << example << none << QStringLiteral("cafe");
    QTest::addRow("accents and punctuation") << QStringLiteral("  Caf\u00e9 \u00dcn\u00efcode! ")
                                             << example << none << QStringLiteral("cafe-unicode");
    QTest::addRow("spaces") << QStringLiteral("  Work   Server  ") << example << none
                            << QStringLiteral("work-server");
    QTest::addRow("apostrophe") << QStringLiteral("Ada's Server") << example << none
                                << QStringLiteral("ada-s-server");
    QTest::addRow("brackets") << QStringLiteral("My Server (Work)") << example << none
                              << QStringLiteral("my-server-work");
    QTest::addRow("underscores and dots") << QStringLiteral("__github.enterprise__") << example
                                          << none << QStringLiteral("github-enterprise");
    QTest::addRow("digits") << QStringLiteral("Server 2024") << example << none
                            << QStringLiteral("server-2024");
    QTest::addRow("emoji around") << QStringLiteral("\U0001F680 Rocket \U0001F680") << example
                                  << none << QStringLiteral("rocket");
    QTest::addRow("emoji between") << QStringLiteral("Rocket\U0001F680Launch") << example << none
                                   << QStringLiteral("rocket-launch");
    QTest::addRow("full-width") << QStringLiteral("\uff27\uff49\uff54\uff28\uff55\uff42") << example
                                << none << QStringLiteral("github");
    QTest::addRow("ligature") << QStringLiteral("\ufb01les") << example << none
                              << QStringLiteral("files");
    QTest::addRow("german sharp s")
        << QStringLiteral("Stra\u00dfe") << example << none << QStringLiteral("stra-e");

    // No usable character in the name: from the URL's host.
    QTest::addRow("nameless mcp host") << QString() << github << none << QStringLiteral("github");
    QTest::addRow("emoji only") << QStringLiteral("\U0001F680\U0001F680") << github << none
                                << QStringLiteral("github");
    QTest::addRow("punctuation only")
        << QStringLiteral("***") << github << none << QStringLiteral("github");
    QTest::addRow("non-latin") << QStringLiteral("\u65e5\u672c\u8a9e")
                               << QStringLiteral("https://mcp.example.jp/") << none
                               << QStringLiteral("example");
    QTest::addRow("api host") << QString() << QStringLiteral("https://api.githubcopilot.com/mcp/")
                              << none << QStringLiteral("githubcopilot");
    QTest::addRow("www host") << QString() << QStringLiteral("https://www.example.com/mcp") << none
                              << QStringLiteral("example");
    QTest::addRow("two generic labels")
        << QString() << QStringLiteral("https://mcp.api.example.com/") << none
        << QStringLiteral("example");
    QTest::addRow("second-level domain")
        << QString() << QStringLiteral("https://mcp.example.co.uk/") << none
        << QStringLiteral("example-co");
    QTest::addRow("only generic") << QString() << QStringLiteral("https://mcp.com/") << none
                                  << QStringLiteral("mcp");
    QTest::addRow("upper-case host") << QString() << QStringLiteral("https://MCP.Linear.APP/sse")
                                     << none << QStringLiteral("linear");
    QTest::addRow("localhost") << QString() << QStringLiteral("http://localhost:3000/mcp") << none
                               << QStringLiteral("localhost");

    // Neither: "server".
    QTest::addRow("ipv4") << QString() << QStringLiteral("http://127.0.0.1:3000/mcp") << none
                          << QStringLiteral("server");
    QTest::addRow("ipv6") << QString() << QStringLiteral("http://[::1]:3000/mcp") << none
                          << QStringLiteral("server");
    QTest::addRow("empty") << QString() << QString() << none << QStringLiteral("server");
    QTest::addRow("blank name, no url")
        << QStringLiteral("   ") << QString() << none << QStringLiteral("server");

    // Taken: the first free "-N" from 2 on.
    QTest::addRow("taken") << QStringLiteral("GitHub") << example
                           << QStringList { QStringLiteral("github") }
                           << QStringLiteral("github-2");
    QTest::addRow("taken twice") << QStringLiteral(
        "GitHub") << example << QStringList { QStringLiteral("github"), QStringLiteral("github-2") }
                                 << QStringLiteral("github-3");
    QTest::addRow("gap") << QStringLiteral("GitHub") << example
                         << QStringList { QStringLiteral("github"), QStringLiteral("github-3") }
                         << QStringLiteral("github-2");
    QStringList nine { QStringLiteral("github") };
    for (int n = 2; n <= 9; ++n)
        nine.append(QStringLiteral("github-%1").arg(n));
    QTest::addRow("two digits") << QStringLiteral("GitHub") << example << nine
                                << QStringLiteral("github-10");
    QTest::addRow("only the suffixed one taken")
        << QStringLiteral("GitHub") << example << QStringList { QStringLiteral("github-2") }
        << QStringLiteral("github");
    QTest::addRow("taken host") << QString() << github << QStringList { QStringLiteral("github") }
                                << QStringLiteral("github-2");
    QTest::addRow("taken server") << QString() << QStringLiteral("http://127.0.0.1/mcp")
                                  << QStringList { QStringLiteral("server") }
                                  << QStringLiteral("server-2");
    QTest::addRow("other ids taken")
        << QStringLiteral("GitHub") << example << QStringList { QStringLiteral("gitlab") }
        << QStringLiteral("github");

    // At most 63 characters, never ending in '-'.
    QTest::addRow("long") << QString(70, QLatin1Char('x')) << example << none
                          << QString(63, QLatin1Char('x'));
    QTest::addRow("long taken") << QString(70, QLatin1Char('x')) << example
                                << QStringList { QString(63, QLatin1Char('x')) }
                                << QString(61, QLatin1Char('x')) + QLatin1String("-2");
    QTest::addRow("cut at a dash") << QString(62, QLatin1Char('a')) + QStringLiteral(" bcd")
                                   << example << none << QString(62, QLatin1Char('a'));
    QTest::addRow("cut at a dash, taken")
        << QString(60, QLatin1Char('a')) + QStringLiteral(" b") << example
        << QStringList { QString(60, QLatin1Char('a')) + QStringLiteral("-b") }
        << QString(60, QLatin1Char('a')) + QStringLiteral("-2");
}

void TestServerIds::unique()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(QStringList, taken);
    QFETCH(QString, expected);

    const QString id = ServerIds::unique(name, QUrl(url), setOf(taken));
    QCOMPARE(id, expected);
    QVERIFY2(ServerIds::isValid(id), qPrintable(id));
    QVERIFY(!taken.contains(id));
    if (taken.isEmpty())
        QCOMPARE(ServerIds::base(name, QUrl(url)), expected);

    // ServerRegistry::addServer follows the same rule.
    if (url.isEmpty())
        return;
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    ServerRegistry registry(directory.filePath(QStringLiteral("config.json")));
    for (int i = 0; i < taken.size(); ++i) {
        ServerRecord other;
        other.id = taken.at(i);
        other.mcpUrl = QUrl(QStringLiteral("https://other%1.example.net/mcp").arg(i));
        QVERIFY(!registry.addServer(other));
    }
    ServerRecord record;
    record.name = name;
    record.mcpUrl = QUrl(url);
    QString assigned;
    QVERIFY(!registry.addServer(record, &assigned));
    QCOMPARE(assigned, expected);
}

void TestServerIds::fromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::addRow("accent") << QStringLiteral("Caf\u00e9") << QStringLiteral("cafe");
    QTest::addRow("leading and trailing punctuation")
        << QStringLiteral("--a--b--") << QStringLiteral("a-b");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("spaces") << QStringLiteral("    ") << QString();
    QTest::addRow("punctuation") << QStringLiteral("!?*") << QString();
    QTest::addRow("emoji") << QStringLiteral("\U0001F680") << QString();
    QTest::addRow("katakana") << QStringLiteral("\u30b5\u30fc\u30d0") << QString();
    QTest::addRow("long") << QString(80, QLatin1Char('a')) << QString(63, QLatin1Char('a'));
}

void TestServerIds::fromName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(ServerIds::fromName(name), expected);
}

void TestServerIds::fromHost_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");

    QTest::addRow("mcp") << QStringLiteral("https://mcp.github.com/mcp")
                         << QStringLiteral("github");
    QTest::addRow("plain") << QStringLiteral("https://notion.so/") << QStringLiteral("notion");
    QTest::addRow("subdomain") << QStringLiteral("https://eu.sentry.io/")
                               << QStringLiteral("eu-sentry");
    QTest::addRow("ip") << QStringLiteral("http://192.168.1.2/") << QString();
    QTest::addRow("no host") << QString() << QString();
}

void TestServerIds::fromHost()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(ServerIds::fromHost(QUrl(url)), expected);
}

void TestServerIds::isValid_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::addRow("one char") << QStringLiteral("a") << true;
    QTest::addRow("digit first") << QStringLiteral("9-x") << true;
    QTest::addRow("trailing dash") << QStringLiteral("x-") << true;
    QTest::addRow("63 chars") << QString(63, QLatin1Char('a')) << true;
    QTest::addRow("64 chars") << QString(64, QLatin1Char('a')) << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("leading dash") << QStringLiteral("-x") << false;
    QTest::addRow("upper case") << QStringLiteral("GitHub") << false;
    QTest::addRow("space") << QStringLiteral("a b") << false;
    QTest::addRow("accent") << QStringLiteral("caf\u00e9") << false;
}

void TestServerIds::isValid()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(ServerIds::isValid(id), valid);
    QCOMPARE(ServerRegistry::isValidServerId(id), valid);
}

QTEST_GUILESS_MAIN(TestServerIds)

#include "tst_serverids.moc"
