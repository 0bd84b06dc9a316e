#include "core/store/serverregistry.h"

#include "core/base/logging.h"
#include "core/net/urlpolicy.h"
#include "core/store/serverids.h"

#include <QDir>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QStandardPaths>

namespace Mcpa {
namespace {

QString newerVersionReason()
{
    return QStringLiteral("written by a newer version of MCP Accounts; not changing it");
}

} // namespace

// ---- ServerRegistry --------------------------------------------------------

QString ServerRegistry::defaultFilePath()
{
    // Not AppConfigLocation: with organisation and application both named
    // "mcp-accounts" that is ~/.config/mcp-accounts/mcp-accounts. A fixed name
    // also keeps the app, the CLI and any test binary on the same file.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QLatin1String("/mcp-accounts/config.json");
}

ServerRegistry::ServerRegistry(QString filePath, QObject *parent)
    : QObject(parent)
    , m_file(filePath)
{ }

ConfigLoadResult ServerRegistry::load()
{
    ConfigLoadResult result;
    m_readOnlyReason.clear();
    QJsonObject root;
    QByteArray bytes;
    QString problem;
    switch (m_file.read(&bytes, &problem)) {
    case RegistryFile::ReadOutcome::Missing:
        result.status = ConfigLoadResult::Status::Missing;
        break;
    case RegistryFile::ReadOutcome::Failed:
        result.status = ConfigLoadResult::Status::Unreadable;
        m_readOnlyReason = QLatin1String("cannot read ") + QDir::toNativeSeparators(filePath())
            + QLatin1String(" (") + problem + QLatin1String("); not changing it");
        result.error = Error(Error::Code::ConfigReadOnly, m_readOnlyReason);
        break;
    case RegistryFile::ReadOutcome::Read: {
        RegistryFormat::Document file = RegistryFormat::parse(bytes);
        QString setAsideProblem;
        if (file.kind == RegistryFormat::Document::Kind::Corrupt) {
            // Under the lock, and only if no other process replaced it meanwhile.
            QByteArray current;
            QString readProblem;
            if (m_file.lock(&setAsideProblem)) {
                if (m_file.read(&current, &readProblem) == RegistryFile::ReadOutcome::Read
                    && current != bytes)
                    file = RegistryFormat::parse(current);
                if (file.kind == RegistryFormat::Document::Kind::Corrupt)
                    result.backupPath = m_file.setAside(&setAsideProblem);
                m_file.unlock();
            }
        }
        result.fileVersion = file.version;
        switch (file.kind) {
        case RegistryFormat::Document::Kind::Current:
            root = file.root;
            break;
        case RegistryFormat::Document::Kind::Newer:
            root = file.root;
            result.status = ConfigLoadResult::Status::NewerVersion;
            m_readOnlyReason = newerVersionReason();
            result.error = Error(Error::Code::ConfigReadOnly, m_readOnlyReason);
            break;
        case RegistryFormat::Document::Kind::Corrupt:
            result.status = ConfigLoadResult::Status::Corrupt;
            if (result.backupPath.isEmpty())
                problem
                    = file.problem + QLatin1String("; could not set it aside: ") + setAsideProblem;
            else
                problem = file.problem + QLatin1String("; moved to ")
                    + QDir::toNativeSeparators(result.backupPath);
            result.error = Error(Error::Code::ConfigInvalid, problem);
            qCWarning(lcConfig).noquote() << "config file is corrupt:" << result.error.detail();
            break;
        }
        break;
    }
    }
    adopt(root, &result.warnings);
    for (const QString &warning : std::as_const(result.warnings))
        qCWarning(lcConfig).noquote() << "config:" << warning;
    if (isReadOnly())
        qCWarning(lcConfig).noquote() << "config is read-only:" << m_readOnlyReason;
    qCDebug(lcConfig) << "loaded" << m_servers.size() << "servers and" << m_registrations.size()
                      << "registrations; status" << result.status;
    Q_EMIT changed();
    return result;
}

Error ServerRegistry::save()
{
    if (const Error error = checkWritable())
        return error;
    QString problem;
    if (!m_file.makeDirectory(&problem))
        return { Error::Code::ConfigWriteFailed, problem };

    if (!m_file.lock(&problem))
        return { Error::Code::ConfigWriteFailed, problem };
    auto unlock = qScopeGuard([this] { m_file.unlock(); });

    QJsonObject onDisk;
    QString backupPath;
    QByteArray bytes;
    switch (m_file.read(&bytes, &problem)) {
    case RegistryFile::ReadOutcome::Missing:
        break;
    case RegistryFile::ReadOutcome::Failed:
        return { Error::Code::ConfigWriteFailed,
                 QLatin1String("cannot read the current file: ") + problem };
    case RegistryFile::ReadOutcome::Read: {
        const RegistryFormat::Document file = RegistryFormat::parse(bytes);
        if (file.kind == RegistryFormat::Document::Kind::Newer) {
            m_readOnlyReason = newerVersionReason();
            qCWarning(lcConfig).noquote() << "config is read-only:" << m_readOnlyReason;
            return { Error::Code::ConfigReadOnly, m_readOnlyReason };
        }
        if (file.kind == RegistryFormat::Document::Kind::Corrupt) {
            backupPath = m_file.setAside(&problem);
            if (backupPath.isEmpty())
                return { Error::Code::ConfigWriteFailed,
                         QLatin1String("the current file is corrupt (") + file.problem
                             + QLatin1String(") and could not be set aside: ") + problem };
            qCWarning(lcConfig).noquote() << "config file was corrupt:" << file.problem
                                          << "- moved to" << QDir::toNativeSeparators(backupPath);
        }
        onDisk = file.root;
        break;
    }
    }

    const QJsonObject merged
        = RegistryMerge::merge(onDisk, { m_servers, m_registrations, m_settings }, m_changes);
    const bool written
        = m_file.write(QJsonDocument(merged).toJson(QJsonDocument::Indented), &problem);
    unlock.dismiss();
    m_file.unlock(); // before any signal: a slot may save again
    if (!backupPath.isEmpty())
        Q_EMIT fileSetAside(backupPath);
    if (!written)
        return { Error::Code::ConfigWriteFailed, problem };

    QStringList warnings; // the entries load() reported, still kept in the file
    const bool differs = adopt(merged, &warnings);
    qCDebug(lcConfig) << "saved" << m_servers.size() << "servers," << warnings.size()
                      << "entries skipped";
    if (differs)
        Q_EMIT changed();
    return {};
}

bool ServerRegistry::hasUnsavedChanges() const
{
    return !m_changes.isEmpty() || m_settings != m_changes.baseSettings;
}

std::optional<ServerRecord> ServerRegistry::server(const QString &id) const
{
    const int index = indexOfServer(id);
    if (index < 0)
        return std::nullopt;
    return m_servers.at(index);
}

std::optional<ServerRecord> ServerRegistry::serverByUrl(const QUrl &url) const
{
    const QUrl wanted = UrlPolicy::canonicalResource(url);
    for (const ServerRecord &server : m_servers) {
        if (UrlPolicy::canonicalResource(server.mcpUrl) == wanted)
            return server;
    }
    return std::nullopt;
}

Error ServerRegistry::addServer(const ServerRecord &record, QString *assignedId)
{
    if (const Error error = checkWritable())
        return error;
    ServerRecord added = record;
    if (added.id.isEmpty())
        added.id = ServerIds::unique(added.name, added.mcpUrl, serverIds());
    else if (indexOfServer(added.id) >= 0)
        return { Error::Code::ConfigInvalid,
                 QStringLiteral("a server with id \"%1\" already exists").arg(added.id) };
    if (added.defaultAccount.isEmpty() && !added.accounts.isEmpty())
        added.defaultAccount = added.accounts.first().label;
    if (const Error error = RegistryFormat::validateServer(added))
        return error;
    m_servers.append(added);
    RegistryMerge::noteServerChange(&m_changes, nullptr, added);
    if (assignedId)
        *assignedId = added.id;
    qCDebug(lcConfig) << "added server" << added.id;
    Q_EMIT changed();
    return {};
}

Error ServerRegistry::updateServer(const ServerRecord &record)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(record.id);
    if (index < 0)
        return { Error::Code::UnknownServer,
                 QStringLiteral("no server with id \"%1\"").arg(record.id) };
    return replaceServer(index, record);
}

Error ServerRegistry::removeServer(const QString &id)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(id);
    if (index < 0)
        return { Error::Code::UnknownServer, QStringLiteral("no server with id \"%1\"").arg(id) };
    m_servers.removeAt(index);
    RegistryMerge::noteServerRemoved(&m_changes, id);
    qCDebug(lcConfig) << "removed server" << id;
    Q_EMIT changed();
    return {};
}

Error ServerRegistry::setAccount(const QString &serverId, const AccountRecord &account)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(serverId);
    if (index < 0)
        return { Error::Code::UnknownServer,
                 QStringLiteral("no server with id \"%1\"").arg(serverId) };
    if (!isValidAccountLabel(account.label))
        return { Error::Code::ConfigInvalid,
                 QStringLiteral("an account label must be 1-64 characters without '/'") };
    ServerRecord updated = m_servers.at(index);
    if (AccountRecord *existing = updated.account(account.label))
        *existing = account;
    else
        updated.accounts.append(account);
    return replaceServer(index, updated);
}

Error ServerRegistry::removeAccount(const QString &serverId, const QString &label)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(serverId);
    if (index < 0 || !m_servers.at(index).account(label))
        return { Error::Code::UnknownServer,
                 QStringLiteral("no account \"%1\" on server \"%2\"").arg(label, serverId) };
    ServerRecord updated = m_servers.at(index);
    updated.accounts.removeIf([&](const AccountRecord &entry) { return entry.label == label; });
    if (updated.defaultAccount == label)
        updated.defaultAccount.clear(); // replaceServer picks the first remaining one
    return replaceServer(index, updated);
}

Error ServerRegistry::setDefaultAccount(const QString &serverId, const QString &label)
{
    if (const Error error = checkWritable())
        return error;
    const int index = indexOfServer(serverId);
    if (index < 0 || !m_servers.at(index).account(label))
        return { Error::Code::UnknownServer,
                 QStringLiteral("no account \"%1\" on server \"%2\"").arg(label, serverId) };
    ServerRecord updated = m_servers.at(index);
    updated.defaultAccount = label;
    return replaceServer(index, updated);
}

std::optional<RegistrationRecord> ServerRegistry::registration(const QString &issuer) const
{
    const int index = indexOfRegistration(issuer);
    if (index < 0)
        return std::nullopt;
    return m_registrations.at(index);
}

Error ServerRegistry::setRegistration(const RegistrationRecord &record)
{
    if (const Error error = checkWritable())
        return error;
    if (record.issuer.isEmpty() || record.clientId.isEmpty())
        return { Error::Code::ConfigInvalid,
                 QStringLiteral("a registration needs an issuer and a client id") };
    const int index = indexOfRegistration(record.issuer);
    if (index < 0)
        m_registrations.append(record);
    else
        m_registrations[index] = record;
    RegistryMerge::noteRegistrationSet(&m_changes, record.issuer);
    Q_EMIT changed();
    return {};
}

Error ServerRegistry::removeRegistration(const QString &issuer)
{
    if (const Error error = checkWritable())
        return error;
    // Recorded even when unknown here: another process may have stored it.
    RegistryMerge::noteRegistrationRemoved(&m_changes, issuer);
    const int index = indexOfRegistration(issuer);
    if (index >= 0) {
        m_registrations.removeAt(index);
        Q_EMIT changed();
    }
    return {};
}

Error ServerRegistry::setSettings(const QJsonObject &settings)
{
    if (const Error error = checkWritable())
        return error;
    if (settings == m_settings)
        return {};
    m_settings = settings;
    Q_EMIT changed();
    return {};
}

bool ServerRegistry::isValidServerId(const QString &id)
{
    return ServerIds::isValid(id);
}

bool ServerRegistry::isValidAccountLabel(const QString &label)
{
    return RegistryFormat::isValidAccountLabel(label);
}

Error ServerRegistry::checkWritable() const
{
    if (isReadOnly())
        return { Error::Code::ConfigReadOnly, m_readOnlyReason };
    return {};
}

QString ServerRegistry::idSlug(const QString &text)
{
    return ServerIds::slug(text);
}

QString ServerRegistry::hostIdSlug(const QUrl &url)
{
    return ServerIds::fromHost(url);
}

QSet<QString> ServerRegistry::serverIds() const
{
    QSet<QString> ids;
    ids.reserve(m_servers.size());
    for (const ServerRecord &server : m_servers)
        ids.insert(server.id);
    return ids;
}

int ServerRegistry::indexOfServer(const QString &id) const
{
    for (int i = 0; i < m_servers.size(); ++i) {
        if (m_servers.at(i).id == id)
            return i;
    }
    return -1;
}

int ServerRegistry::indexOfRegistration(const QString &issuer) const
{
    for (int i = 0; i < m_registrations.size(); ++i) {
        if (m_registrations.at(i).issuer == issuer)
            return i;
    }
    return -1;
}

Error ServerRegistry::replaceServer(int index, ServerRecord updated)
{
    if (updated.defaultAccount.isEmpty() && !updated.accounts.isEmpty())
        updated.defaultAccount = updated.accounts.first().label;
    if (const Error error = RegistryFormat::validateServer(updated))
        return error;
    const ServerRecord before = m_servers.at(index);
    m_servers[index] = updated;
    RegistryMerge::noteServerChange(&m_changes, &before, updated);
    Q_EMIT changed();
    return {};
}

bool ServerRegistry::adopt(const QJsonObject &root, QStringList *warnings)
{
    const QJsonObject before = RegistryFormat::toJson({ m_servers, m_registrations, m_settings });
    RegistryFormat::State state = RegistryFormat::read(root, warnings);
    m_servers = std::move(state.servers);
    m_registrations = std::move(state.registrations);
    m_settings = state.settings;
    m_changes = RegistryMerge::Changes();
    m_changes.baseSettings = state.settings;
    return RegistryFormat::toJson({ m_servers, m_registrations, m_settings }) != before;
}

} // namespace Mcpa
