#include "core/import/configimporter.h"

#include "core/base/clock.h"
#include "core/base/logging.h"
#include "core/import/clientconfigreader.h"
#include "core/import/mcpremotestore.h"
#include "core/net/urlpolicy.h"
#include "core/store/serverids.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

#include <QTimer>

#include <memory>

namespace Mcpa {

namespace {

const QString DefaultLabel = QStringLiteral("default");

bool isKeychainError(const Error &error)
{
    switch (error.code()) {
    case Error::Code::KeychainUnavailable:
    case Error::Code::KeychainLocked:
    case Error::Code::KeychainAccessDenied:
    case Error::Code::KeychainTimeout:
        return true;
    default:
        return false;
    }
}

/// The spellings of a stored URL that mcp-remote may have been given.
QStringList urlSpellings(const QUrl &url)
{
    QStringList spellings;
    for (const QUrl &form : { url, UrlPolicy::canonicalResource(url) }) {
        QString text = form.toString(QUrl::FullyEncoded);
        spellings << text;
        if (text.endsWith(QLatin1Char('/')))
            text.chop(1);
        else
            text += QLatin1Char('/');
        spellings << text;
    }
    spellings.removeDuplicates();
    return spellings;
}

ServerRecord recordFor(const ImportCandidate &candidate)
{
    ServerRecord record;
    record.id = candidate.serverId;
    record.name = candidate.name;
    record.mcpUrl = candidate.url;
    record.clientId = candidate.clientId;
    if (!candidate.clientId.isEmpty())
        record.authMethod = candidate.authMethod;
    record.callbackPort = candidate.callbackPort;
    if (!candidate.redirectHost.isEmpty())
        record.redirectHost = candidate.redirectHost;
    record.sendResource = candidate.sendResource;
    record.scopes = candidate.scopes;
    return record;
}

/// Fills the settings @p target lacks from @p candidate. True when anything
/// changed; @p tookClient when the candidate's client (and secret) was taken.
bool fillIn(ServerRecord *target, const ImportCandidate &candidate, bool *tookClient,
            QStringList *warnings)
{
    bool changed = false;
    *tookClient = false;
    if (!candidate.clientId.isEmpty()) {
        if (target->clientId.isEmpty()) {
            target->clientId = candidate.clientId;
            target->authMethod = candidate.authMethod;
            if (!candidate.redirectHost.isEmpty())
                target->redirectHost = candidate.redirectHost;
            *tookClient = true;
            changed = true;
        } else if (target->clientId != candidate.clientId) {
            warnings->append(QStringLiteral("\"%1\" keeps its client %2; the client %3 of this "
                                            "entry was not imported")
                                 .arg(target->id, target->clientId, candidate.clientId));
        }
    }
    if (candidate.callbackPort != 0 && target->callbackPort == 0) {
        target->callbackPort = candidate.callbackPort;
        changed = true;
    }
    if (!candidate.scopes.isEmpty() && target->scopes.isEmpty()) {
        target->scopes = candidate.scopes;
        changed = true;
    }
    return changed;
}

} // namespace

ConfigImporter::ConfigImporter(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                               const Clock *clock)
    : m_registry(registry)
    , m_tokens(tokens)
    , m_http(http)
    , m_clock(clock)
{ }

QString ConfigImporter::uniqueId(const ImportCandidate &candidate, const QSet<QString> &taken) const
{
    // The registry's rule (ServerRegistry::addServer): the same name or URL
    // gets the same id whether it is added or imported.
    QSet<QString> ids = taken;
    const QList<ServerRecord> servers = m_registry->servers();
    for (const ServerRecord &server : servers)
        ids.insert(server.id);
    return ServerIds::unique(candidate.name, candidate.url, ids);
}

ImportPreview ConfigImporter::preview(const ImportRequest &request) const
{
    ImportPreview preview;
    readFiles(request, &preview);
    if (preview.error) {
        preview.candidates.clear();
        return preview;
    }
    attachCredentials(request, &preview);
    if (request.sources == QList<ImportSource> { ImportSource::McpRemote }) {
        QList<ImportCandidate> kept;
        for (const ImportCandidate &candidate : std::as_const(preview.candidates)) {
            if (candidate.credentials)
                kept.append(candidate);
        }
        preview.candidates = kept;
    }
    classify(&preview);
    return preview;
}

void ConfigImporter::readFiles(const ImportRequest &request, ImportPreview *preview) const
{
    const bool onlyMcpRemote = request.sources == QList<ImportSource> { ImportSource::McpRemote };
    auto readOne = [preview](const QString &path, std::optional<ImportSource> source) {
        if (preview->files.contains(path))
            return true;
        ClientConfigReader reader(path);
        const Error error = reader.read(source);
        if (error) {
            preview->error = error;
            return false;
        }
        preview->files.append(path);
        preview->candidates.append(reader.candidates());
        preview->warnings.append(reader.warnings());
        return true;
    };

    if (!request.filePath.isEmpty()) {
        std::optional<ImportSource> source;
        if (!request.sources.isEmpty() && request.sources.first() != ImportSource::McpRemote)
            source = request.sources.first();
        readOne(request.filePath, source);
        return;
    }
    QList<ImportSource> clients;
    for (const ImportSource source : allImportSources()) {
        if (source == ImportSource::McpRemote)
            continue;
        if (request.sources.isEmpty() || onlyMcpRemote || request.sources.contains(source))
            clients.append(source);
    }
    for (const ImportSource source : std::as_const(clients)) {
        for (const QString &path : ClientConfigLocations::existing(source, request.environment)) {
            if (!readOne(path, source))
                return;
        }
    }
    if (preview->files.isEmpty() && !onlyMcpRemote && !request.sources.isEmpty()) {
        QStringList looked;
        for (const ImportSource source : std::as_const(clients))
            looked.append(ClientConfigLocations::candidates(source, request.environment));
        preview->warnings.append(QStringLiteral("no config file found; looked for %1")
                                     .arg(looked.join(QLatin1String(", "))));
    }
}

void ConfigImporter::attachCredentials(const ImportRequest &request, ImportPreview *preview) const
{
    const McpRemoteStore store(request.environment.withDefaults().mcpRemoteConfigDirectory);
    const QDateTime now = m_clock->now();
    QSet<QString> matched;
    for (ImportCandidate &candidate : preview->candidates) {
        if (!candidate.mcpRemote || candidate.status != ImportCandidate::Status::New)
            continue;
        QString problem;
        candidate.credentials = store.find(candidate.mcpRemote->hashes, now, &problem);
        if (!problem.isEmpty())
            candidate.warnings.append(
                QStringLiteral("mcp-remote's stored tokens cannot be read: %1").arg(problem));
        for (const QString &hash : std::as_const(candidate.mcpRemote->hashes))
            matched.insert(hash);
    }

    const bool includeMcpRemote
        = request.sources.isEmpty() || request.sources.contains(ImportSource::McpRemote);
    if (!includeMcpRemote || !request.filePath.isEmpty())
        return;
    // Servers stored here without an account, whose URL mcp-remote has tokens for.
    for (const ServerRecord &server : m_registry->servers()) {
        if (!server.accounts.isEmpty())
            continue;
        McpRemoteInvocation invocation;
        for (const QString &spelling : urlSpellings(server.mcpUrl))
            invocation.hashes.append(ClientConfigReader::mcpRemoteHash(spelling, {}, {}));
        bool seen = false;
        for (const QString &hash : std::as_const(invocation.hashes))
            seen = seen || matched.contains(hash);
        if (seen)
            continue;
        QString problem;
        std::optional<McpRemoteCredentials> credentials
            = store.find(invocation.hashes, now, &problem);
        for (const QString &hash : std::as_const(invocation.hashes))
            matched.insert(hash);
        if (!credentials)
            continue;
        invocation.serverUrl = server.mcpUrl.toString();
        ImportCandidate candidate;
        candidate.name = server.id;
        candidate.url = server.mcpUrl;
        candidate.source = ImportSource::McpRemote;
        candidate.filePath = credentials->tokensFile;
        candidate.transport = QStringLiteral("http");
        candidate.sendResource = server.sendResource;
        candidate.mcpRemote = invocation;
        candidate.credentials = credentials;
        preview->candidates.append(candidate);
    }
    QStringList orphans;
    for (const QString &hash : store.storedHashes()) {
        if (!matched.contains(hash))
            orphans.append(hash);
    }
    if (!orphans.isEmpty())
        preview->warnings.append(
            QStringLiteral("mcp-remote in %1 keeps tokens for %2 server(s) named in no client "
                           "config and not stored here (%3); add the server (mcp-accounts-cli "
                           "add NAME URL) and import again")
                .arg(store.directory())
                .arg(orphans.size())
                .arg(orphans.join(QLatin1String(", "))));
}

void ConfigImporter::classify(ImportPreview *preview) const
{
    QHash<QString, QString> idByResource; // canonical URL -> id given in this import
    QSet<QString> taken;
    for (ImportCandidate &candidate : preview->candidates) {
        if (candidate.status != ImportCandidate::Status::New)
            continue;
        const QString resource = UrlPolicy::canonicalResource(candidate.url).toString();
        if (const auto existing = m_registry->serverByUrl(candidate.url)) {
            candidate.status = ImportCandidate::Status::Duplicate;
            candidate.serverId = existing->id;
            candidate.duplicateInRegistry = true;
            candidate.reason = QStringLiteral("already stored as \"%1\"").arg(existing->id);
        } else if (idByResource.contains(resource)) {
            candidate.status = ImportCandidate::Status::Duplicate;
            candidate.serverId = idByResource.value(resource);
            candidate.reason
                = QStringLiteral("same server as \"%1\" above").arg(candidate.serverId);
        } else {
            candidate.serverId = uniqueId(candidate, taken);
            taken.insert(candidate.serverId);
            idByResource.insert(resource, candidate.serverId);
        }
    }
}

Error ConfigImporter::removePlaintextFiles(const QStringList &files)
{
    return McpRemoteStore::removeFiles(files);
}

ConfigImportJob *ConfigImporter::importJob(const ImportPreview &preview, QObject *parent) const
{
    return new ConfigImportJob(m_registry, m_tokens, m_http, m_clock, preview, parent);
}

// ---- ConfigImportJob --------------------------------------------------------

ConfigImportJob::ConfigImportJob(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                                 const Clock *clock, ImportPreview preview, QObject *parent)
    : Job(parent)
    , m_registry(registry)
    , m_tokens(tokens)
    , m_http(http)
    , m_clock(clock)
    , m_preview(std::move(preview))
{ }

void ConfigImportJob::doStart()
{
    if (m_preview.error) {
        emitResult(
            { Error::Code::Internal, QStringLiteral("a preview with an error cannot be applied") });
        return;
    }
    if (m_registry->isReadOnly()) {
        emitResult({ Error::Code::ConfigReadOnly,
                     QStringLiteral("the config file may not be changed by this version") });
        return;
    }
    planAll();
    setPhase(Phase::Migrating);
    migrateNext();
}

ServerRecord *ConfigImportJob::plannedRecord(const QString &id)
{
    for (ServerRecord &record : m_added) {
        if (record.id == id)
            return &record;
    }
    if (!m_updated.contains(id)) {
        const std::optional<ServerRecord> stored = m_registry->server(id);
        if (!stored)
            return nullptr;
        m_updated.insert(id, *stored);
    }
    return &m_updated[id];
}

void ConfigImportJob::planAll()
{
    m_plans.clear();
    m_added.clear();
    m_updated.clear();
    m_changed.clear();
    m_next = 0;
    QSet<QString> migrating; // servers that get an account in this import
    for (ImportCandidate candidate : std::as_const(m_preview.candidates)) {
        if (!candidate.isImportable())
            continue;
        // A duplicate whose first entry was left out of the preview (a
        // checklist) becomes the new server itself.
        if (candidate.status == ImportCandidate::Status::Duplicate && !candidate.duplicateInRegistry
            && !plannedRecord(candidate.serverId))
            candidate.status = ImportCandidate::Status::New;
        Plan plan;
        plan.candidate = candidate;
        plan.result.name = candidate.name;
        plan.result.serverId = candidate.serverId;
        if (candidate.status == ImportCandidate::Status::Duplicate
            && !plannedRecord(candidate.serverId)) {
            plan.result.outcome = ImportResult::Outcome::Failed;
            plan.result.error
                = { Error::Code::UnknownServer,
                    QStringLiteral("\"%1\" was removed meanwhile").arg(candidate.serverId) };
            m_plans.append(plan);
            continue;
        }
        if (candidate.status == ImportCandidate::Status::New) {
            plan.result.outcome = ImportResult::Outcome::Added;
            m_added.append(recordFor(candidate));
            plan.takesClient = !candidate.clientId.isEmpty();
        } else if (ServerRecord *target = plannedRecord(candidate.serverId)) {
            plan.result.outcome = ImportResult::Outcome::Unchanged;
            if (fillIn(target, candidate, &plan.takesClient, &plan.result.warnings)) {
                plan.result.outcome = ImportResult::Outcome::Merged;
                if (m_updated.contains(target->id))
                    m_changed.insert(target->id);
            }
        }
        if (candidate.credentials) {
            const std::optional<ServerRecord> stored = candidate.duplicateInRegistry
                ? m_registry->server(candidate.serverId)
                : std::nullopt;
            if (stored && !stored->accounts.isEmpty()) {
                // The server is signed in here already: the files are redundant.
                plan.result.plaintextFiles = candidate.credentials->plaintextFiles;
                plan.result.warnings.append(
                    QStringLiteral("already signed in here: mcp-remote's tokens were not "
                                   "imported again"));
            } else if (migrating.contains(candidate.serverId)) {
                plan.result.warnings.append(
                    QStringLiteral("mcp-remote's tokens for this server come from another entry"));
            } else {
                plan.label = DefaultLabel;
                migrating.insert(candidate.serverId);
            }
        }
        m_plans.append(plan);
    }
}

void ConfigImportJob::migrateNext()
{
    while (m_next < m_plans.size() && m_plans.at(m_next).label.isEmpty())
        ++m_next;
    if (m_next >= m_plans.size()) {
        m_next = 0;
        setPhase(Phase::StoringSecrets);
        storeNextSecret();
        return;
    }
    const int index = m_next;
    McpRemoteMigrationInput input;
    input.serverId = m_plans.at(index).candidate.serverId;
    input.label = m_plans.at(index).label;
    input.candidate = m_plans.at(index).candidate;
    for (const Plan &plan : std::as_const(m_plans)) {
        if (plan.migration && plan.migration->registration)
            input.pendingRegistrations.append(*plan.migration->registration);
    }
    auto *migration = new McpRemoteMigrationJob(m_http, m_tokens, m_registry, m_clock, input);
    runStepHandlingErrors(migration, &ConfigImportJob::onMigrated);
}

void ConfigImportJob::onMigrated(McpRemoteMigrationJob *migration)
{
    const int index = m_next;
    if (const Error error = migration->error()) {
        if (isKeychainError(error)) {
            removeWrittenSecrets(Which::All, [this, error] { emitResult(error); });
            return;
        }
        Plan &plan = m_plans[index];
        plan.label.clear();
        plan.result.error = error;
        plan.result.warnings.append(
            QStringLiteral("mcp-remote's tokens were not imported (%1); its files are "
                           "left as they are")
                .arg(error.toString()));
        ++m_next;
        migrateNext();
        return;
    }
    const McpRemoteMigrationResult result = migration->result();
    Plan &plan = m_plans[index];
    plan.migration = result;
    plan.result.tokensImported = true;
    plan.result.accountLabel = plan.label;
    plan.result.plaintextFiles = plan.candidate.credentials->plaintextFiles;
    plan.result.warnings.append(result.warnings);
    ++m_next;
    migrateNext();
}

void ConfigImportJob::storeNextSecret()
{
    while (
        m_next < m_plans.size()
        && (!m_plans.at(m_next).takesClient || m_plans.at(m_next).candidate.clientSecret.isEmpty()))
        ++m_next;
    if (m_next >= m_plans.size()) {
        setPhase(Phase::Saving);
        save();
        return;
    }
    const Plan &plan = m_plans.at(m_next);
    m_tokens->writeServerClientSecret(
        plan.candidate.serverId, plan.candidate.clientSecret, this, [this](const Error &error) {
            if (error) {
                removeWrittenSecrets(Which::All, [this, error] { emitResult(error); });
                return;
            }
            m_plans[m_next].secretWritten = true;
            ++m_next;
            storeNextSecret();
        });
}

void ConfigImportJob::save()
{
    for (Plan &plan : m_plans) {
        if (plan.candidate.status != ImportCandidate::Status::New)
            continue;
        if (plan.takesClient && !plan.secretWritten && plan.candidate.authMethod
            && *plan.candidate.authMethod != ClientAuthMethod::None)
            plan.result.warnings.append(
                QStringLiteral("no client secret stored: enter it before signing in"));
        const Error error = m_registry->addServer(*plannedRecord(plan.candidate.serverId));
        if (error) {
            plan.result.outcome = ImportResult::Outcome::Failed;
            plan.result.error = error;
            plan.result.tokensImported = false;
            plan.result.plaintextFiles.clear();
        }
    }
    for (const QString &id : std::as_const(m_changed))
        m_registry->updateServer(m_updated.value(id));
    for (Plan &plan : m_plans) {
        if (!plan.migration || plan.result.outcome == ImportResult::Outcome::Failed)
            continue;
        const Error error
            = m_registry->setAccount(plan.candidate.serverId, plan.migration->account);
        if (error) {
            plan.result.error = error;
            plan.result.tokensImported = false;
            plan.result.plaintextFiles.clear();
            continue;
        }
        if (plan.result.outcome == ImportResult::Outcome::Unchanged)
            plan.result.outcome = ImportResult::Outcome::Merged;
        if (plan.migration->registration)
            m_registry->setRegistration(*plan.migration->registration);
    }

    const Error saved = m_registry->save();
    if (saved) {
        // Nothing of this import stays: not in memory, not in the keychain.
        m_registry->load();
        removeWrittenSecrets(Which::All, [this, saved] { emitResult(saved); });
        return;
    }
    // Secrets of servers that could not be added have no owner.
    removeWrittenSecrets(Which::NotStored, [this] { finish(); });
}

void ConfigImportJob::removeWrittenSecrets(Which which, std::function<void()> done)
{
    auto pending = std::make_shared<int>(1);
    auto one = [pending, done](const Error &error) {
        if (error)
            qCWarning(lcKeychain) << "could not remove an imported secret:" << error.codeName();
        if (--*pending == 0)
            done();
    };
    for (const Plan &plan : std::as_const(m_plans)) {
        const bool serverLost = plan.result.outcome == ImportResult::Outcome::Failed;
        const bool accountLost = plan.migration && !plan.result.tokensImported;
        const bool all = which == Which::All;
        if (plan.migration && (all || serverLost || accountLost)) {
            ++*pending;
            m_tokens->removeTokens(plan.candidate.serverId, plan.migration->account.label, this,
                                   one);
            // A registration is stored only together with its account.
            if (plan.migration->wroteRegistrationSecret && (all || serverLost || accountLost)) {
                ++*pending;
                m_tokens->removeRegistrationSecret(plan.migration->registration->issuer, this, one);
            }
        }
        if (plan.secretWritten && (all || serverLost)) {
            ++*pending;
            m_tokens->removeServerClientSecret(plan.candidate.serverId, this, one);
        }
    }
    // The last count down happens asynchronously, like every other result.
    QTimer::singleShot(0, this, [one] { one({}); });
}

void ConfigImportJob::finish()
{
    m_report = {};
    for (const Plan &plan : std::as_const(m_plans))
        m_report.results.append(plan.result);
    emitResult();
}

void ConfigImportJob::setPhase(Phase phase)
{
    switch (phase) {
    case Phase::Migrating:
        setProgressText(QStringLiteral("Moving mcp-remote's tokens to the keychain"));
        break;
    case Phase::StoringSecrets:
        setProgressText(QStringLiteral("Storing client secrets in the keychain"));
        break;
    case Phase::Saving:
        setProgressText(QStringLiteral("Saving the server list"));
        break;
    }
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

} // namespace Mcpa
