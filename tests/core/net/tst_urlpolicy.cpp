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
    void redactedHidesSecretPathSegments_data();
    void redactedHidesSecretPathSegments();
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

void TestUrlPolicy::redactedHidesSecretPathSegments_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::addRow("API key") << "https://mcp.example.com/v1/sk-live-abcdefgh12345678/sse"
                             << "https://mcp.example.com/v1/[redacted]/sse";
    QTest::addRow("GitHub token") << "https://h.example/ghp_0123456789abcdefABCDEF/mcp"
                                  << "https://h.example/[redacted]/mcp";
    QTest::addRow("UUID") << "https://h.example/s/3f2a9c1e-7b4d-4e8a-9f00-123456789abc"
                          << "https://h.example/s/[redacted]";
    QTest::addRow("long mixed token, query dropped too")
        << "http://127.0.0.1:5000/AbCdEf0123456789xyzW/mcp?key=1"
        << "http://127.0.0.1:5000/[redacted]/mcp";
    // Names stay: what a person recognises their server by.
    QTest::addRow("short names") << "https://mcp.example.com/v1/mcp/sse"
                                 << "https://mcp.example.com/v1/mcp/sse";
    QTest::addRow("long name without digits")
        << "https://mcp.example.com/my-very-long-server-name/mcp"
        << "https://mcp.example.com/my-very-long-server-name/mcp";
    QTest::addRow("a bare prefix is a name") << "https://h.example/sk-tools/mcp"
                                             << "https://h.example/sk-tools/mcp";
    QTest::addRow("no path") << "https://h.example"
                             << "https://h.example";
}

void TestUrlPolicy::redactedHidesSecretPathSegments()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(UrlPolicy::redacted(QUrl(url)), expected);
}

QTEST_GUILESS_MAIN(TestUrlPolicy)
#include "tst_urlpolicy.moc"
