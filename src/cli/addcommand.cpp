#include "addcommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"
#include "core/net/urlpolicy.h"
#include "core/store/serverregistry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace Mcpa {

QString AddCommand::summary() const
{
    return QStringLiteral(
        "Adds an MCP server under a short NAME (letters, digits, dashes).\n"
        "Registration options are only needed for servers without dynamic registration.");
}

void AddCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"),
                                 QStringLiteral("Short name, e.g. github."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The MCP server URL."));
    parser.addOptions({
        { QStringLiteral("display-name"), QStringLiteral("Name shown in the app."),
          QStringLiteral("text") },
        { QStringLiteral("client-id"), QStringLiteral("A pre-registered client id."),
          QStringLiteral("id") },
        { QStringLiteral("issuer"),
          QStringLiteral("The authorization server (issuer) the pre-registered client belongs "
                         "to; its id and secret are never sent to another (default: the "
                         "issuer of its first sign-in)."),
          QStringLiteral("url") },
        { QStringLiteral("client-secret-stdin"),
          QStringLiteral(
              "Read the pre-registered client's secret from stdin (kept in the keychain).") },
        { QStringLiteral("auth-method"),
          QStringLiteral("none, client_secret_post or client_secret_basic."),
          QStringLiteral("method") },
        { QStringLiteral("client-metadata-url"), QStringLiteral("Client ID Metadata Document URL."),
          QStringLiteral("url") },
        { QStringLiteral("scope"), QStringLiteral("Scopes to request instead of the server's."),
          QStringLiteral("scopes") },
        { QStringLiteral("no-resource"), QStringLiteral("Do not send the resource parameter.") },
        { QStringLiteral("callback-port"), QStringLiteral("Fixed port of the loopback callback."),
          QStringLiteral("port") },
        { QStringLiteral("callback-host"), QStringLiteral("127.0.0.1 (default) or localhost."),
          QStringLiteral("host") },
        { QStringLiteral("browser"), QStringLiteral("embedded or system (the app's sign-in view)."),
          QStringLiteral("mode") },
        { QStringLiteral("json"), QStringLiteral("Print the added server as JSON.") },
    });
}

QString AddCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return QStringLiteral("expected NAME and URL");
    m_record.id = positional.at(0);
    if (!ServerRegistry::isValidServerId(m_record.id))
        return QStringLiteral(
            "NAME may hold lowercase letters, digits and dashes (e.g. github-work)");
    m_record.mcpUrl = QUrl::fromUserInput(positional.at(1));
    const Error policy = UrlPolicy::check(m_record.mcpUrl, QStringLiteral("the server URL"));
    if (policy)
        return policy.detail();
    m_record.name = parser.isSet(QStringLiteral("display-name"))
        ? parser.value(QStringLiteral("display-name"))
        : m_record.id;
    m_record.clientId = parser.value(QStringLiteral("client-id"));
    m_record.clientIssuer = parser.value(QStringLiteral("issuer"));
    if (!m_record.clientIssuer.isEmpty() && m_record.clientId.isEmpty())
        return QStringLiteral("--issuer needs --client-id");
    if (parser.isSet(QStringLiteral("client-secret-stdin"))) {
        if (m_record.clientId.isEmpty())
            return QStringLiteral("a client secret needs --client-id");
        m_clientSecret = QTextStream(stdin).readLine();
    }
    if (parser.isSet(QStringLiteral("auth-method"))) {
        ClientAuthMethod method;
        if (!parseClientAuthMethod(parser.value(QStringLiteral("auth-method")), &method))
            return QStringLiteral(
                "--auth-method takes none, client_secret_post or client_secret_basic");
        m_record.authMethod = method;
    }
    if (parser.isSet(QStringLiteral("client-metadata-url")))
        m_record.clientMetadataUrl = QUrl(parser.value(QStringLiteral("client-metadata-url")));
    m_record.scopes
        = parser.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_record.sendResource = !parser.isSet(QStringLiteral("no-resource"));
    if (parser.isSet(QStringLiteral("callback-port"))) {
        bool ok = false;
        const int port = parser.value(QStringLiteral("callback-port")).toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return QStringLiteral("--callback-port takes a port number from 1 to 65535");
        m_record.callbackPort = static_cast<quint16>(port);
    }
    if (parser.isSet(QStringLiteral("callback-host"))) {
        m_record.redirectHost = parser.value(QStringLiteral("callback-host"));
        if (m_record.redirectHost != QLatin1String("127.0.0.1")
            && m_record.redirectHost != QLatin1String("localhost"))
            return QStringLiteral("--callback-host takes 127.0.0.1 or localhost");
    }
    m_record.browser = parser.value(QStringLiteral("browser"));
    if (!m_record.browser.isEmpty() && m_record.browser != QLatin1String("embedded")
        && m_record.browser != QLatin1String("system"))
        return QStringLiteral("--browser takes embedded or system");
    m_json = parser.isSet(QStringLiteral("json"));
    return {};
}

void AddCommand::start()
{
    if (!openContext())
        return;
    ServerRegistry *registry = context()->registry();
    if (const auto existing = registry->serverByUrl(m_record.mcpUrl)) {
        failWith({ Error::Code::ConfigInvalid,
                   QStringLiteral("this server is already added as \"%1\"").arg(existing->id) });
        return;
    }
    AccountOperation *operation = context()->service()->addServer(m_record, m_clientSecret);
    whenDone(
        operation,
        [this, operation] {
            const QString id = operation->serverId();
            if (m_json) {
                out() << QJsonDocument(
                             QJsonObject { { QLatin1String("name"), id },
                                           { QLatin1String("url"), m_record.mcpUrl.toString() } })
                             .toJson(QJsonDocument::Compact)
                      << Qt::endl;
            } else {
                out() << "added " << id << " (" << m_record.mcpUrl.toString() << ")" << Qt::endl;
                out() << "Sign in with: mcp-accounts-cli login " << id << Qt::endl;
            }
            finish(ExitCode::Ok);
        },
        [this](const Error &error) { failWith(error); });
}

} // namespace Mcpa
