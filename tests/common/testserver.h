#pragma once

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

/// Starts one of the Node test servers in tests/fixtures (real MCP and OAuth
/// servers from npm), waits for its "READY <mcp-url>" line and stops it
/// again. Servers bind 127.0.0.1 only and exit when the test goes away.
class TestServer : public QObject
{
    Q_OBJECT
public:
    enum class Kind {
        Sdk, ///< @modelcontextprotocol/sdk server auth with its own AS
        Oidc, ///< oidc-provider AS in front of an MCP server
        Stateless, ///< a 2026-07-28 stateless MCP server without auth (plain node:http)
    };
    Q_ENUM(Kind)

    explicit TestServer(Kind kind, QStringList arguments = {}, QObject *parent = nullptr);
    ~TestServer() override;

    /// Starts the server; false (with errorString()) when it did not get ready.
    bool start(int timeoutMs = 30000);
    void stop();

    QUrl mcpUrl() const { return m_mcpUrl; }
    QString errorString() const { return m_error; }

    /// GET /admin/stats of the server, parsed.
    QJsonObject stats();
    /// POST to an /admin/ endpoint; true on HTTP 2xx.
    bool admin(const QString &endpoint);

    /// The directory with the fixtures' package.json.
    static QString fixturesDirectory();

private:
    QByteArray adminRequest(const QByteArray &method, const QString &endpoint, int *status);

    Kind m_kind;
    QStringList m_arguments;
    QProcess m_process;
    QUrl m_mcpUrl;
    QString m_error;
};
