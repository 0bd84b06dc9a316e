#pragma once

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"
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
class HttpClient;
class ServerRegistry;
class TokenStore;
class Trace;

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
/// registry. apply() stores what the preview says, as one change:
///
///   preview: files -> ClientConfigReader -> candidates -> mcp-remote
///            credentials (by md5 of the invocation) -> duplicates (canonical
///            URL, registry and earlier entries) -> server ids
///   apply:   for each candidate with credentials (one at a time):
///              McpRemoteMigration: probe, discovery, tokens -> keychain
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
class ConfigImporter : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Migrating, StoringSecrets, Saving, Finished, Failed };
    Q_ENUM(State)

    ConfigImporter(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                   const Clock *clock, QObject *parent = nullptr);

    State state() const { return m_state; }
    /// Where the migrations record their steps (optional).
    void setTrace(Trace *trace) { m_trace = trace; }

    /// Reads and classifies; changes nothing. A malformed file gives an
    /// ImportFileInvalid error and no candidates.
    ImportPreview preview(const ImportRequest &request) const;

    /// Imports the importable candidates of @p preview (which must have no
    /// error; a caller may drop candidates the person unchecked). succeeded()
    /// carries a result per candidate, also when some of them failed;
    /// failed() means nothing was stored (the registry is read-only or could
    /// not be saved, or the keychain failed). Always asynchronous.
    void apply(const ImportPreview &preview);

    /// Deletes mcp-remote plaintext files (ImportReport::plaintextFiles()).
    static Error removePlaintextFiles(const QStringList &files);

Q_SIGNALS:
    void stateChanged(Mcpa::ConfigImporter::State state);
    void succeeded(const Mcpa::ImportReport &report);
    void failed(const Mcpa::Error &error);

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

    void readFiles(const ImportRequest &request, ImportPreview *preview) const;
    void attachCredentials(const ImportRequest &request, ImportPreview *preview) const;
    void classify(ImportPreview *preview) const;
    QString uniqueId(const ImportCandidate &candidate, const QSet<QString> &taken) const;

    void planAll(const ImportPreview &preview);
    /// The planned state of server @p id: a new one, or a copy of the stored one.
    ServerRecord *plannedRecord(const QString &id);
    void migrateNext();
    void storeNextSecret();
    void save();
    void removeWrittenSecrets(Which which, std::function<void()> done);
    void finish();
    void fail(const Error &error);
    void setState(State state);

    ServerRegistry *m_registry;
    TokenStore *m_tokens;
    HttpClient *m_http;
    const Clock *m_clock;
    Trace *m_trace = nullptr;
    State m_state = State::Idle;
    QList<Plan> m_plans;
    QList<ServerRecord> m_added; ///< new servers, filled in by their duplicates
    QHash<QString, ServerRecord> m_updated; ///< stored servers as they will be
    QSet<QString> m_changed; ///< ids in m_updated that differ from the stored ones
    int m_next = 0;
};

} // namespace Mcpa
