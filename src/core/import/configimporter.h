#pragma once

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"
#include "core/base/job.h"
#include "core/import/clientconfiglocations.h"
#include "core/import/importtypes.h"
#include "core/import/mcpremotemigration.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

namespace Mcpa {

class Clock;
class ConfigImportJob;
class HttpClient;
class ServerRegistry;
class TokenStore;
/// What to import.
struct ImportRequest
{
    /// The clients to read; empty = every client and mcp-remote's tokens.
    /// Only McpRemote = only servers with mcp-remote tokens (their URLs come
    /// from the clients' configs and from the servers already stored).
    QList<ImportSource> sources;
    /// An explicit config file instead of the default locations. Its client
    /// is sources.first() (unless that is McpRemote), else told from the file.
    QString filePath;
    ImportEnvironment environment = ImportEnvironment::fromSystem();
};

/// Imports remote MCP servers from the config files of other MCP clients
/// (Claude Desktop, VS Code, Cursor, Claude Code) and moves mcp-remote's
/// plaintext tokens into the keychain.
///
/// preview() only reads: the client files, mcp-remote's files and the
/// registry. importJob() stores what the preview says, as one change
/// (ConfigImportJob):
///
///   preview: files -> ClientConfigReader -> candidates -> mcp-remote
///            credentials (by md5 of the invocation) -> duplicates (canonical
///            URL, registry and earlier entries) -> server ids
///   job:     for each candidate with credentials (one at a time):
///              McpRemoteMigrationJob: probe, discovery, tokens -> keychain
///            pre-registered client secrets -> keychain
///            registry: add servers, fill in empty settings of duplicates,
///            accounts, registrations -> one save()
///            (save failed: the keychain entries written here are removed)
///
/// A duplicate only fills in settings the stored server lacks (client id,
/// callback port, scopes); tokens are imported only into a server without
/// any account. mcp-remote's files are never touched here: the report
/// lists those that became redundant, and removePlaintextFiles() deletes
/// them when the person agrees.
class ConfigImporter
{
public:
    ConfigImporter(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                   const Clock *clock);

    /// Reads and classifies; changes nothing. A malformed file gives an
    /// ImportFileInvalid error and no candidates.
    ImportPreview preview(const ImportRequest &request) const;

    /// A job (not started) that imports the importable candidates of
    /// @p preview (which must have no error; a caller may drop candidates
    /// the person unchecked).
    ConfigImportJob *importJob(const ImportPreview &preview, QObject *parent = nullptr) const;

    /// Deletes mcp-remote plaintext files (ImportReport::plaintextFiles()).
    static Error removePlaintextFiles(const QStringList &files);

private:
    void readFiles(const ImportRequest &request, ImportPreview *preview) const;
    void attachCredentials(const ImportRequest &request, ImportPreview *preview) const;
    void classify(ImportPreview *preview) const;
    QString uniqueId(const ImportCandidate &candidate, const QSet<QString> &taken) const;

    ServerRegistry *m_registry;
    TokenStore *m_tokens;
    HttpClient *m_http;
    const Clock *m_clock;
};

/// The import of a preview (ConfigImporter::importJob()). report() holds a
/// result per candidate when the job succeeded, also when some of them
/// failed; an error means nothing was stored (the registry is read-only or
/// could not be saved, or the keychain failed). The migrations write to the
/// job's trace.
class ConfigImportJob : public Job
{
    Q_OBJECT
public:
    /// What the running import does now (for a progress line).
    enum class Phase { Migrating, StoringSecrets, Saving };
    Q_ENUM(Phase)

    ConfigImportJob(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                    const Clock *clock, ImportPreview preview, QObject *parent = nullptr);

    Phase phase() const { return m_phase; }
    /// What was done, per imported candidate (empty unless it succeeded).
    ImportReport report() const { return m_report; }

Q_SIGNALS:
    void phaseChanged(Mcpa::ConfigImportJob::Phase phase);

protected:
    void doStart() override;

private:
    struct Plan
    {
        ImportCandidate candidate;
        ImportResult result;
        QString label; ///< account label for migrated tokens ("" = none)
        std::optional<McpRemoteMigrationResult> migration;
        bool takesClient = false; ///< its client (and secret) goes to its server
        bool secretWritten = false;
    };
    /// Which keychain entries of this import to remove again.
    enum class Which {
        All, ///< everything written (nothing is stored)
        NotStored, ///< those whose records could not be stored
    };

    void planAll();
    /// The planned state of server @p id: a new one, or a copy of the stored one.
    ServerRecord *plannedRecord(const QString &id);
    void migrateNext();
    void onMigrated(McpRemoteMigrationJob *migration);
    void storeNextSecret();
    void save();
    void removeWrittenSecrets(Which which, std::function<void()> done);
    void finish();
    void setPhase(Phase phase);

    ServerRegistry *m_registry;
    TokenStore *m_tokens;
    HttpClient *m_http;
    const Clock *m_clock;
    ImportPreview m_preview;
    Phase m_phase = Phase::Migrating;
    ImportReport m_report;
    QList<Plan> m_plans;
    QList<ServerRecord> m_added; ///< new servers, filled in by their duplicates
    QHash<QString, ServerRecord> m_updated; ///< stored servers as they will be
    QSet<QString> m_changed; ///< ids in m_updated that differ from the stored ones
    int m_next = 0;
};

} // namespace Mcpa
