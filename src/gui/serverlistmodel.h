#pragma once

#include "core/accounts/accountstatus.h"
#include "core/accounts/accounttypes.h"
#include "core/mcp/serverprobe.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

namespace Mcpa {
class Clock;
class ServerRegistry;

/// The servers and their accounts, one row per account (and one for a
/// server without any), for the main window's table and the tray menu.
/// Status comes from the config file first, then from background checks
/// (probe results) and from work in progress (signing in, refreshing).
class ServerListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, AccountColumn, ExpiryColumn, UrlColumn, ColumnCount };
    enum Role { ServerIdRole = Qt::UserRole + 1, LabelRole, StatusKindRole, HasAccountRole };

    ServerListModel(Mcpa::ServerRegistry *registry, const Mcpa::Clock *clock,
                    QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Rebuilds the rows from the registry (keeps probe results and busy marks).
    void reload();
    void setProbeResult(const QString &serverId, const Mcpa::ProbeResult &result);
    /// Marks an account as busy (signing in, refreshing) or not.
    void setBusy(const QString &serverId, const QString &label, Mcpa::AccountStatus::Kind kind,
                 bool busy);

    QString serverId(int row) const;
    QString label(int row) const;
    bool hasAccount(int row) const;
    Mcpa::AccountStatus status(int row) const;
    /// The row of a server's account (or of the server without account); -1 when absent.
    int rowOf(const QString &serverId, const QString &label = {}) const;
    /// True when some account needs the person's attention.
    bool needsAttention() const;

    static QString statusText(const Mcpa::AccountStatus &status);
    static QString relativeExpiry(const QDateTime &expiresAt, const QDateTime &now);

private:
    struct Row
    {
        Mcpa::ServerRecord server;
        Mcpa::AccountRecord account;
        bool hasAccount = false;
    };
    QVariant displayData(const Row &row, int column, const Mcpa::AccountStatus &status) const;

    Mcpa::ServerRegistry *m_registry;
    const Mcpa::Clock *m_clock;
    QList<Row> m_rows;
    QHash<QString, Mcpa::ProbeResult> m_probes;
    QHash<QString, Mcpa::AccountStatus::Kind> m_busy; ///< "server/label" -> what it is doing
    QTimer m_ticker;
};

} // namespace Mcpa
