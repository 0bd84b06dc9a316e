#include "core/net/urlpolicy.h"

#include <QTest>

using namespace Mcpa;

class TestUrlPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data();
    void check();
    void canonicalResource_data();
    void canonicalResource();
    void redactedDropsQueryAndUserInfo();
};

void TestUrlPolicy::check_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Error::Code>("expected");
    QTest::addRow("https") << "https://mcp.example.com/mcp" << Error::Code::None;
    QTest::addRow("http loopback v4") << "http://127.0.0.1:8080/mcp" << Error::Code::None;
    QTest::addRow("http loopback 127/8") << "http://127.9.8.7/mcp" << Error::Code::None;
    QTest::addRow("http loopback v6") << "http://[::1]:8080/mcp" << Error::Code::None;
    QTest::addRow("http localhost") << "http://LocalHost:1/" << Error::Code::None;
    QTest::addRow("http remote") << "http://mcp.example.com/mcp" << Error::Code::InsecureUrl;
    QTest::addRow("http private range") << "http://192.168.1.2/mcp" << Error::Code::InsecureUrl;
    QTest::addRow("localhost lookalike")
        << "http://localhost.example.com/" << Error::Code::InsecureUrl;
    QTest::addRow("ftp") << "ftp://127.0.0.1/" << Error::Code::InvalidUrl;
    QTest::addRow("no host") << "https:///path" << Error::Code::InvalidUrl;
    QTest::addRow("garbage") << "::::" << Error::Code::InvalidUrl;
}

void TestUrlPolicy::check()
{
    QFETCH(QString, url);
    QFETCH(Error::Code, expected);
    QCOMPARE(UrlPolicy::check(QUrl(url), QStringLiteral("url")).code(), expected);
}

void TestUrlPolicy::canonicalResource_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("lowercase") << "HTTPS://MCP.Example.COM/Path"
                               << "https://mcp.example.com/Path";
    QTest::addRow("fragment") << "https://a.example/mcp#frag"
                              << "https://a.example/mcp";
    QTest::addRow("trailing slash") << "https://a.example/mcp/"
                                    << "https://a.example/mcp";
    QTest::addRow("root") << "https://a.example/"
                          << "https://a.example";
    QTest::addRow("default port") << "https://a.example:443/mcp"
                                  << "https://a.example/mcp";
    QTest::addRow("other port") << "http://127.0.0.1:8080/mcp"
                                << "http://127.0.0.1:8080/mcp";
}

void TestUrlPolicy::canonicalResource()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(UrlPolicy::canonicalResource(QUrl(input)).toString(), expected);
}

void TestUrlPolicy::redactedDropsQueryAndUserInfo()
{
    const QUrl url(QStringLiteral("https://user:pw@a.example/cb?code=SECRET&state=S#x"));
    const QString redacted = UrlPolicy::redacted(url);
    QCOMPARE(redacted, QStringLiteral("https://a.example/cb"));
}

QTEST_GUILESS_MAIN(TestUrlPolicy)
#include "tst_urlpolicy.moc"
