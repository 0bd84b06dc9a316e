#pragma once

#include "core/base/job.h"
#include "core/connect/clientconnector.h"

namespace Mcpa {

class SecretJob;
class SecretStore;
class ServerRegistry;

/// Connects or disconnects one entry of an MCP client's config (the CLI's
/// connect/disconnect and the app's "Use in…"), as one job:
///
///   connect:    plan -> keychain: the entry it replaces -> commit the file
///               -> registry: the connection noted
///   disconnect: keychain: the saved entry -> plan -> commit the file
///               -> registry: the note removed -> keychain: saved entry deleted
///
/// With planOnly it ends after planning: change() holds the diff, nothing
/// is written. A failure before the commit leaves the file as it was; the
/// entry connect replaces is in the keychain before the file changes.
class ConnectJob : public Job
{
    Q_OBJECT
public:
    enum class Mode { Connect, Disconnect };

    /// Disconnect reads only client, configPath and entryName of @p request.
    ConnectJob(Mode mode, const ConnectRequest &request, QString cliPath, SecretStore *secrets,
               ServerRegistry *registry, QObject *parent = nullptr);

    void setPlanOnly(bool planOnly) { m_planOnly = planOnly; }

    Mode mode() const { return m_mode; }
    const ConnectRequest &request() const { return m_request; }
    /// The planned (and, unless planOnly, committed) change.
    const ConfigChange &change() const { return m_change; }
    /// Connect: the entry already said so; nothing was written.
    bool unchanged() const { return m_unchanged; }
    /// Disconnect: whether an earlier entry was put back.
    bool restoredPrevious() const { return m_restoredPrevious; }
    /// Something that went wrong after the file was changed (the note in
    /// the registry, the saved entry left in the keychain); the job still
    /// succeeded.
    QStringList warnings() const { return m_warnings; }

protected:
    void doStart() override;

private:
    void startConnect();
    void onReplacedSaved(SecretJob *job);
    void startDisconnect();
    void onSavedRead(SecretJob *job);
    void onSavedRemoved(SecretJob *job);
    /// Commits m_change and notes it; false (and the job ended) on failure.
    bool commitAndRecord(bool connected);
    void recordConnection(bool connected);

    Mode m_mode;
    ConnectRequest m_request;
    ClientConnector m_connector;
    SecretStore *m_secrets;
    ServerRegistry *m_registry;
    bool m_planOnly = false;
    ConfigChange m_change;
    QString m_secretKey;
    bool m_unchanged = false;
    bool m_restoredPrevious = false;
    QStringList m_warnings;
};

} // namespace Mcpa
