#include "gui/useinmenu.h"

#include "core/accounts/accountservice.h"
#include "core/connect/connectjob.h"
#include "core/import/clientconfiglocations.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Mcpa {

namespace {

bool isExecutable(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

/// A client counts as found when its config file, or the folder of its own
/// that holds it, exists (a home folder does not count).
bool clientFound(const QString &path)
{
    if (path.isEmpty())
        return false;
    const QFileInfo file(path);
    if (file.exists())
        return true;
    const QDir folder = file.dir();
    return folder.exists() && folder.absolutePath() != QDir::homePath();
}

} // namespace

UseInMenu::UseInMenu(AccountService *service, QWidget *parent)
    : QMenu(tr("&Use in"), parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("menuUseIn"));
    connect(this, &QMenu::aboutToShow, this, &UseInMenu::rebuild);
}

void UseInMenu::setTarget(const QString &serverId, const QString &label)
{
    m_serverId = serverId;
    m_label = label;
}

QString UseInMenu::cliPath()
{
    const QString fromEnvironment = qEnvironmentVariable("MCP_ACCOUNTS_CLI");
    if (!fromEnvironment.isEmpty())
        return isExecutable(fromEnvironment) ? QFileInfo(fromEnvironment).absoluteFilePath()
                                             : QString();
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates { appDir + QStringLiteral("/mcp-accounts-cli"),
                                   appDir + QStringLiteral("/../cli/mcp-accounts-cli") };
    for (const QString &candidate : candidates) {
        if (isExecutable(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("mcp-accounts-cli"));
}

QString UseInMenu::displayName(ClientApp client)
{
    switch (client) {
    case ClientApp::ClaudeDesktop:
        return QStringLiteral("Claude Desktop");
    case ClientApp::ClaudeCode:
        return QStringLiteral("Claude Code");
    case ClientApp::VsCode:
        return QStringLiteral("VS Code");
    case ClientApp::Cursor:
        return QStringLiteral("Cursor");
    case ClientApp::Windsurf:
        return QStringLiteral("Windsurf");
    case ClientApp::Codex:
        return QStringLiteral("Codex");
    case ClientApp::GeminiCli:
        return QStringLiteral("Gemini CLI");
    }
    return {};
}

void UseInMenu::rebuild()
{
    clear();
    const QString cli = cliPath();
    if (m_serverId.isEmpty() || cli.isEmpty()) {
        QAction *note = addAction(m_serverId.isEmpty()
                                      ? tr("Select a server first")
                                      : tr("mcp-accounts-cli was not found next to the app"));
        note->setEnabled(false);
        return;
    }
    const ImportEnvironment environment = ImportEnvironment::fromSystem();
    const ClientConnector connector(cli);
    const auto server = m_service->registry()->server(m_serverId);
    const QString defaultLabel = server ? server->defaultAccount : QString();
    for (const ClientApp client : ClientApps::all()) {
        const QString path = ClientApps::configPath(client, ConfigScope::User, environment);
        bool connected = false;
        if (QFileInfo::exists(path)) {
            for (const ClientConnection &connection : connector.scanFile(client, path)) {
                const QString label
                    = connection.accountLabel.isEmpty() ? defaultLabel : connection.accountLabel;
                connected = connected
                    || (connection.serverId == m_serverId
                        && (m_label.isEmpty() || label == m_label));
            }
        }
        QAction *action = addAction(displayName(client));
        action->setObjectName(QStringLiteral("useIn-") + ClientApps::name(client));
        action->setCheckable(true);
        action->setChecked(connected);
        action->setEnabled(!m_busy && clientFound(path));
        action->setToolTip(clientFound(path) ? QDir::toNativeSeparators(path)
                                             : tr("Not found on this computer"));
        action->setStatusTip(action->toolTip());
        connect(action, &QAction::triggered, this,
                [this, client, connected] { choose(client, connected); });
    }
    setToolTipsVisible(true);
}

ConnectRequest UseInMenu::requestFor(ClientApp client) const
{
    ConnectRequest request;
    request.client = client;
    request.configPath
        = ClientApps::configPath(client, ConfigScope::User, ImportEnvironment::fromSystem());
    request.entryName = m_serverId;
    request.serverId = m_serverId;
    if (const auto server = m_service->registry()->server(m_serverId)) {
        request.serverUrl = server->mcpUrl;
        if (m_label != server->defaultAccount)
            request.accountLabel = m_label; // the default needs no --account
    }
    return request;
}

void UseInMenu::choose(ClientApp client, bool connected)
{
    auto *job = new ConnectJob(connected ? ConnectJob::Mode::Disconnect : ConnectJob::Mode::Connect,
                               requestFor(client), cliPath(),
                               m_service->tokenStore()->secretStore(), m_service->registry(), this);
    job->setPlanOnly(true);
    m_busy = true;
    connect(job, &Job::finished, this, [this, job] { onPlanned(job); });
    job->start();
}

void UseInMenu::onPlanned(ConnectJob *planned)
{
    m_busy = false;
    const QString client = displayName(planned->request().client);
    if (const Error error = planned->error()) {
        m_error(tr("Could not change %1's settings").arg(client), error);
        return;
    }
    const ConfigChange &change = planned->change();
    if (!change.changes()) {
        m_message(tr("Nothing to change"),
                  tr("%1 already uses %2.").arg(client, planned->request().serverId));
        return;
    }
    const bool connect = planned->mode() == ConnectJob::Mode::Connect;
    const QString title = connect
        ? tr("Use %1 in %2?").arg(planned->request().serverId, client)
        : tr("Stop using %1 in %2?").arg(planned->request().serverId, client);
    const QString text
        = (connect ? tr("%1 will start MCP Accounts for this server, which signs in and refreshes "
                        "its token. This changes %2 (a backup is kept beside it; the entry it "
                        "replaces is kept in the keychain):")
                   : tr("%1 gets back the entry it had before. This changes %2:"))
              .arg(client, QDir::toNativeSeparators(change.path))
        + QStringLiteral("\n\n") + QString::fromUtf8(change.diff())
        + tr("\nRestart %1 afterwards.").arg(client);
    if (!m_question(title, text))
        return;
    auto *job = new ConnectJob(planned->mode(), planned->request(), cliPath(),
                               m_service->tokenStore()->secretStore(), m_service->registry(), this);
    m_busy = true;
    QObject::connect(job, &Job::finished, this, [this, job] { onDone(job); });
    job->start();
}

void UseInMenu::onDone(ConnectJob *job)
{
    m_busy = false;
    const QString client = displayName(job->request().client);
    if (const Error error = job->error()) {
        m_error(tr("Could not change %1's settings").arg(client), error);
        return;
    }
    Q_EMIT changed(
        job->mode() == ConnectJob::Mode::Connect
            ? tr("%1 now uses %2; restart it").arg(client, job->request().serverId)
            : tr("%1 no longer uses %2; restart it").arg(client, job->request().serverId));
}

} // namespace Mcpa
