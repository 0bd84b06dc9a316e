#include "connectcommand.h"

#include "accountcontext.h"

#include "core/store/secretjob.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Mcpa {

namespace {

QString clientList()
{
    QStringList names;
    for (const ClientApp client : ClientApps::all())
        names.append(ClientApps::name(client));
    return names.join(QLatin1Char('|'));
}

} // namespace

ConnectCommand::ConnectCommand(Mode mode, QObject *parent)
    : AccountCommand(parent)
    , m_mode(mode)
{ }

QString ConnectCommand::name() const
{
    return m_mode == Mode::Connect ? QStringLiteral("connect") : QStringLiteral("disconnect");
}

QString ConnectCommand::summary() const
{
    if (m_mode == Mode::Disconnect)
        return QStringLiteral(
            "Puts a client's entry back as it was before connect (or removes it).\n"
            "The file is edited in place: everything outside the entry stays as it is; a backup\n"
            "FILE.mcp-accounts.bak is kept beside it. --dry-run prints the diff only.");
    return QStringLiteral(
               "Makes an MCP client use an account: writes the entry into the client's own "
               "config.\n"
               "Stdio clients start 'mcp-accounts-cli bridge NAME'; Claude Code gets the server's "
               "URL\n"
               "and the headersHelper 'mcp-accounts-cli header NAME --json'. No token is written.\n"
               "Everything outside the entry stays byte for byte; a backup FILE.mcp-accounts.bak "
               "is "
               "kept\nbeside it; an entry it replaces (an mcp-remote line, say) is kept in the "
               "keychain "
               "for\ndisconnect. A file that is not valid is never rewritten. --dry-run prints the "
               "diff only.\nCLIENT: ")
        + clientList();
}

void ConnectCommand::addOptions(QCommandLineParser &parser)
{
    if (m_mode == Mode::Connect) {
        parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
        addAccountOption(parser);
        parser.addOption(
            { QStringLiteral("entry"),
              QStringLiteral("The entry's key in the client's config (default: NAME)."),
              QStringLiteral("key") });
    } else {
        parser.addPositionalArgument(
            QStringLiteral("entry"),
            QStringLiteral("The entry's key in the client's config (the NAME connect used)."));
    }
    parser.addOptions({
        { QStringLiteral("client"), QStringLiteral("The MCP client: %1.").arg(clientList()),
          QStringLiteral("client") },
        { QStringLiteral("scope"),
          QStringLiteral("user (default) or project (the file in the current directory: Claude "
                         "Code, VS Code, Cursor, Gemini CLI)."),
          QStringLiteral("scope"), QStringLiteral("user") },
        { QStringLiteral("config"),
          QStringLiteral("The client's config file (default: where the client keeps it)."),
          QStringLiteral("file") },
        { QStringLiteral("dry-run"),
          QStringLiteral("Print the change as a unified diff; write nothing.") },
    });
}

QString ConnectCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return m_mode == Mode::Connect ? QStringLiteral("expected one NAME")
                                       : QStringLiteral("expected one ENTRY");
    m_server = parser.positionalArguments().first();
    if (!parser.isSet(QStringLiteral("client")))
        return QStringLiteral("--client is required: %1").arg(clientList());
    if (!ClientApps::parse(parser.value(QStringLiteral("client")), &m_client))
        return QStringLiteral("--client takes one of: %1").arg(clientList());
    const QString scope = parser.value(QStringLiteral("scope"));
    if (scope == QLatin1String("project"))
        m_scope = ConfigScope::Project;
    else if (scope != QLatin1String("user"))
        return QStringLiteral("--scope takes user or project");
    if (m_scope == ConfigScope::Project && !ClientApps::hasProjectScope(m_client))
        return QStringLiteral("%1 has no project config; use --scope user")
            .arg(ClientApps::name(m_client));
    if (parser.isSet(QStringLiteral("config")))
        m_config = QFileInfo(parser.value(QStringLiteral("config"))).absoluteFilePath();
    m_dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (m_mode == Mode::Connect) {
        m_label = parser.value(QStringLiteral("account"));
        m_entry = parser.isSet(QStringLiteral("entry")) ? parser.value(QStringLiteral("entry"))
                                                        : m_server;
        if (m_entry.isEmpty())
            return QStringLiteral("--entry takes a non-empty key");
    } else {
        m_entry = m_server;
    }
    return {};
}

void ConnectCommand::start()
{
    if (!openContext())
        return;
    if (m_config.isEmpty())
        m_config = ClientApps::configPath(m_client, m_scope, ImportEnvironment::fromSystem());
    ConnectRequest request;
    request.client = m_client;
    request.configPath = m_config;
    request.entryName = m_entry;
    if (m_mode == Mode::Connect && !prepareConnect(&request))
        return;
    auto *job = new ConnectJob(
        m_mode == Mode::Connect ? ConnectJob::Mode::Connect : ConnectJob::Mode::Disconnect, request,
        QCoreApplication::applicationFilePath(), context()->secrets(), context()->registry(), this);
    job->setPlanOnly(m_dryRun);
    connect(job, &Job::finished, this, [this, job] { onFinished(job); });
    job->start();
}

bool ConnectCommand::prepareConnect(ConnectRequest *request)
{
    const std::optional<ServerRecord> server = context()->registry()->server(m_server);
    if (!server) {
        failWith({ Error::Code::UnknownServer,
                   QStringLiteral("no server \"%1\" (see: mcp-accounts-cli list)").arg(m_server) });
        return false;
    }
    QString label = m_label;
    if (!label.isEmpty()) {
        bool known = false;
        for (const AccountRecord &account : server->accounts)
            known = known || account.label == label;
        if (!known) {
            failWith({ Error::Code::UnknownServer,
                       QStringLiteral("\"%1\" has no account \"%2\"").arg(m_server, label) });
            return false;
        }
        if (label == server->defaultAccount)
            label.clear(); // the default needs no --account
    }
    request->serverId = server->id;
    request->serverUrl = server->mcpUrl;
    request->accountLabel = label;
    return true;
}

void ConnectCommand::onFinished(ConnectJob *job)
{
    if (const Error error = job->error()) {
        failWith(error);
        return;
    }
    const ConfigChange &change = job->change();
    const QString client = ClientApps::name(m_client);
    if (m_dryRun) {
        const QByteArray diff = change.diff();
        if (diff.isEmpty())
            out() << "No change: " << m_config << " already says so." << Qt::endl;
        else
            out() << QString::fromUtf8(diff);
        out() << "Dry run: nothing was changed." << Qt::endl;
    } else if (m_mode == Mode::Connect && job->unchanged()) {
        out() << client << " entry \"" << m_entry << "\" in " << m_config << " already uses "
              << m_server << "; nothing was changed." << Qt::endl;
    } else if (m_mode == Mode::Connect) {
        out() << "Connected " << client << " entry \"" << m_entry << "\" in " << m_config << " to "
              << m_server
              << (m_label.isEmpty() ? QString() : QStringLiteral(" (account %1)").arg(m_label))
              << "." << Qt::endl;
        if (change.fileExisted)
            out() << "Backup: " << change.filePath << ".mcp-accounts.bak" << Qt::endl;
        out() << "Restart " << client << " to use it. Undo with: "
              << "mcp-accounts-cli disconnect " << m_entry << " --client " << client << Qt::endl;
    } else {
        out() << "Disconnected " << client << " entry \"" << m_entry << "\" in " << m_config << ": "
              << (change.deleteFile ? QStringLiteral("the file connect created is removed")
                      : job->restoredPrevious()
                      ? QStringLiteral("the entry is as it was before connect")
                      : QStringLiteral("the entry is removed"))
              << "." << Qt::endl;
    }
    for (const QString &warning : job->warnings())
        err() << "warning: " << warning << Qt::endl;
    finish(ExitCode::Ok);
}

} // namespace Mcpa
