#include "probecommand.h"

#include "core/mcp/serverprobe.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

ProbeCommand::ProbeCommand(QObject *parent)
    : CliCommand(parent)
    , m_http(new HttpClient(this))
{ }

QString ProbeCommand::summary() const
{
    return QStringLiteral("Asks an MCP server, without a token, whether it needs sign-in.\n"
                          "First word of the output: auth-required, open, unreachable or error.\n"
                          "Exit codes: 0 answered (auth-required or open), 3 unreachable,\n"
                          "6 answered but not as an MCP server, 2 usage.");
}

void ProbeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The MCP server URL."));
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print one JSON object.") });
    parser.addOption({ QStringLiteral("timeout"),
                       QStringLiteral("Seconds to wait for the answer (default 15)."),
                       QStringLiteral("seconds"), QStringLiteral("15") });
}

QString ProbeCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return QStringLiteral("expected exactly one URL");
    m_url = QUrl::fromUserInput(positional.first());
    const Error policy = UrlPolicy::check(m_url, QStringLiteral("the server URL"));
    if (policy)
        return policy.detail();
    m_json = parser.isSet(QStringLiteral("json"));
    bool ok = false;
    m_timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || m_timeoutSeconds <= 0 || m_timeoutSeconds > 3600)
        return QStringLiteral("--timeout takes a whole number of seconds from 1 to 3600");
    return {};
}

void ProbeCommand::start()
{
    auto *probe = new ProbeJob(m_http, m_url, this);
    probe->setTimeout(std::chrono::seconds(m_timeoutSeconds));
    connect(probe, &Job::finished, this, [this, probe] { report(probe->result()); });
    probe->start();
}

void ProbeCommand::report(const ProbeResult &result)
{
    const QString url = UrlPolicy::redacted(result.url);
    if (m_json) {
        QJsonObject object { { QLatin1String("result"), result.kindName() },
                             { QLatin1String("url"), url },
                             { QLatin1String("httpStatus"), result.httpStatus } };
        if (result.challenge.present) {
            object.insert(QLatin1String("resourceMetadata"),
                          result.challenge.resourceMetadata.toString());
            object.insert(QLatin1String("scope"), result.challenge.scope);
            object.insert(QLatin1String("challengeError"), result.challenge.error);
        }
        if (result.kind == ProbeResult::Kind::Open) {
            object.insert(QLatin1String("serverName"), result.serverName);
            object.insert(QLatin1String("serverVersion"), result.serverVersion);
            object.insert(QLatin1String("protocolVersion"), result.protocolVersion);
            object.insert(QLatin1String("stateless"), result.stateless);
        }
        if (result.error) {
            object.insert(QLatin1String("error"), result.error.codeName());
            object.insert(QLatin1String("errorDetail"), result.error.detail());
        }
        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        out() << result.kindName() << ' ' << url << Qt::endl;
        if (result.httpStatus)
            out() << "  HTTP status: " << result.httpStatus << Qt::endl;
        if (result.challenge.present) {
            if (!result.challenge.resourceMetadata.isEmpty())
                out() << "  resource_metadata: " << result.challenge.resourceMetadata.toString()
                      << Qt::endl;
            if (!result.challenge.scope.isEmpty())
                out() << "  scope: " << result.challenge.scope << Qt::endl;
            if (!result.challenge.error.isEmpty())
                out() << "  error: " << result.challenge.error << Qt::endl;
        }
        if (result.kind == ProbeResult::Kind::Open) {
            out() << "  server: " << result.serverName << ' ' << result.serverVersion << Qt::endl;
            out() << "  protocol: " << result.protocolVersion
                  << (result.stateless ? " (stateless, no session)" : "") << Qt::endl;
        }
        if (result.error)
            out() << "  reason: " << result.error.toString() << Qt::endl;
    }
    switch (result.kind) {
    case ProbeResult::Kind::AuthRequired:
    case ProbeResult::Kind::Open:
        finish(ExitCode::Ok);
        return;
    case ProbeResult::Kind::Unreachable:
        finish(ExitCode::Unreachable);
        return;
    case ProbeResult::Kind::Error:
        break;
    }
    finish(ExitCode::ServerError);
}

} // namespace Mcpa
