#include "connectionscommand.h"

#include "accountcontext.h"

#include "core/connect/clientconnector.h"
#include "core/store/serverregistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

QString ConnectionsCommand::summary() const
{
    return QStringLiteral(
        "Lists which MCP client uses which account (entries that run mcp-accounts-cli).\n"
        "Reads the clients' config files in their usual places (user and project scope).");
}

void ConnectionsCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
}

QString ConnectionsCommand::readOptions(const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty())
        return QStringLiteral("connections takes no arguments");
    m_json = parser.isSet(QStringLiteral("json"));
    return {};
}

void ConnectionsCommand::start()
{
    if (!openContext())
        return;
    const ClientConnector connector(QCoreApplication::applicationFilePath());
    const QList<ClientConnection> found = connector.scan(ImportEnvironment::fromSystem());
    const ServerRegistry *registry = context()->registry();
    const auto accountOf = [registry](const ClientConnection &connection) {
        if (!connection.accountLabel.isEmpty())
            return connection.accountLabel;
        const std::optional<ServerRecord> server = registry->server(connection.serverId);
        return server ? server->defaultAccount : QString();
    };
    if (m_json) {
        QJsonArray list;
        for (const ClientConnection &connection : found) {
            list.append(QJsonObject {
                { QStringLiteral("client"), ClientApps::name(connection.client) },
                { QStringLiteral("configPath"), connection.configPath },
                { QStringLiteral("entry"), connection.entryName },
                { QStringLiteral("server"), connection.serverId },
                { QStringLiteral("account"), accountOf(connection) },
                { QStringLiteral("defaultAccount"), connection.accountLabel.isEmpty() },
                { QStringLiteral("via"), connection.via },
                { QStringLiteral("knownServer"),
                  registry->server(connection.serverId).has_value() },
            });
        }
        out() << QJsonDocument(QJsonObject { { QStringLiteral("connections"), list } })
                     .toJson(QJsonDocument::Compact)
              << Qt::endl;
        finish(ExitCode::Ok);
        return;
    }
    if (found.isEmpty()) {
        out() << "No MCP client uses an account of MCP Accounts. Connect one with:\n"
                 "  mcp-accounts-cli connect NAME --client CLIENT"
              << Qt::endl;
        finish(ExitCode::Ok);
        return;
    }
    out() << QStringLiteral("%1 %2 %3 %4 %5")
                 .arg(QStringLiteral("CLIENT"), -15)
                 .arg(QStringLiteral("ENTRY"), -16)
                 .arg(QStringLiteral("SERVER"), -16)
                 .arg(QStringLiteral("ACCOUNT"), -16)
                 .arg(QStringLiteral("CONFIG"))
          << Qt::endl;
    for (const ClientConnection &connection : found) {
        QString account = accountOf(connection);
        if (connection.accountLabel.isEmpty())
            account = account.isEmpty() ? QStringLiteral("(default)")
                                        : account + QStringLiteral(" (default)");
        QString server = connection.serverId;
        if (!registry->server(connection.serverId))
            server += QStringLiteral(" (unknown)");
        out() << QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(ClientApps::name(connection.client), -15)
                     .arg(connection.entryName, -16)
                     .arg(server, -16)
                     .arg(account, -16)
                     .arg(connection.configPath)
              << Qt::endl;
    }
    finish(ExitCode::Ok);
}

} // namespace Mcpa
