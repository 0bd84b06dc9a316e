#include "testserver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

TestServer::TestServer(Kind kind, QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_arguments(std::move(arguments))
{ }

TestServer::~TestServer()
{
    stop();
}

QString TestServer::fixturesDirectory()
{
    return QStringLiteral(MCPA_FIXTURES_DIR);
}

bool TestServer::start(int timeoutMs)
{
    const QString script = m_kind == Kind::Sdk ? QStringLiteral("sdk-server.mjs")
        : m_kind == Kind::Oidc                 ? QStringLiteral("oidc-server.mjs")
                                               : QStringLiteral("stateless-server.mjs");
    m_process.setWorkingDirectory(fixturesDirectory());
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // The server's own diagnostics go to the test's stderr, where ctest keeps them.
    m_process.setReadChannel(QProcess::StandardOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { fprintf(stderr, "%s", m_process.readAllStandardError().constData()); });
    m_process.start(QStringLiteral("node"), QStringList { script } + m_arguments);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("node did not start: ") + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    QByteArray output;
    while (!deadline.hasExpired()) {
        if (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            if (line.startsWith("READY ")) {
                m_mcpUrl = QUrl(QString::fromUtf8(line.mid(6)));
                return m_mcpUrl.isValid();
            }
            output += line + '\n';
            continue;
        }
        if (m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("server exited before READY: ") + QString::fromUtf8(output);
            return false;
        }
        m_process.waitForReadyRead(100);
    }
    m_error = QStringLiteral("no READY line in time: ") + QString::fromUtf8(output);
    stop();
    return false;
}

void TestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.closeWriteChannel(); // the servers exit when stdin closes
    if (!m_process.waitForFinished(3000)) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QByteArray TestServer::adminRequest(const QByteArray &method, const QString &endpoint, int *status)
{
    QNetworkAccessManager manager;
    QUrl url = m_mcpUrl;
    url.setPath(QStringLiteral("/admin/") + endpoint);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = method == "GET" ? manager.get(request) : manager.post(request, "{}");
    QEventLoop loop; // test helper only; app code never nests event loops
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    delete reply;
    return body;
}

QJsonObject TestServer::stats()
{
    int status = 0;
    return QJsonDocument::fromJson(adminRequest("GET", QStringLiteral("stats"), &status)).object();
}

bool TestServer::admin(const QString &endpoint)
{
    int status = 0;
    adminRequest("POST", endpoint, &status);
    return status >= 200 && status < 300;
}
