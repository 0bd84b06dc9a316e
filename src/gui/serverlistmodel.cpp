#include "gui/serverlistmodel.h"

#include "core/clock.h"
#include "core/serverregistry.h"
#include "core/urlpolicy.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

using namespace Mcpa;

namespace {

QString busyKey(const QString &serverId, const QString &label)
{
    return serverId + QLatin1Char('/') + label;
}

QIcon statusIcon(AccountStatus::Kind kind)
{
    QStyle *style = QApplication::style();
    switch (kind) {
    case AccountStatus::Kind::SignedIn:
    case AccountStatus::Kind::Open:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case AccountStatus::Kind::Refreshing:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case AccountStatus::Kind::NeedsSignIn:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case AccountStatus::Kind::Unreachable:
    case AccountStatus::Kind::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case AccountStatus::Kind::SignedOut:
    case AccountStatus::Kind::Unknown:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxQuestion);
}

} // namespace

ServerListModel::ServerListModel(ServerRegistry *registry, const Clock *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_registry(registry)
    , m_clock(clock)
{
    connect(m_registry, &ServerRegistry::changed, this, &ServerListModel::reload);
    // "expires in 42 min" moves on by itself.
    m_ticker.setInterval(30000);
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, ExpiryColumn));
    });
    m_ticker.start();
    reload();
}

int ServerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ServerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ServerListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    const QList<ServerRecord> servers = m_registry->servers();
    for (const ServerRecord &server : servers) {
        if (server.accounts.isEmpty()) {
            m_rows.append({ server, {}, false });
            continue;
        }
        for (const AccountRecord &account : server.accounts)
            m_rows.append({ server, account, true });
    }
    endResetModel();
}

void ServerListModel::setProbeResult(const QString &serverId, const ProbeResult &result)
{
    m_probes.insert(serverId, result);
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).server.id == serverId)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void ServerListModel::setBusy(const QString &serverId, const QString &label,
                              AccountStatus::Kind kind, bool busy)
{
    if (busy)
        m_busy.insert(busyKey(serverId, label), kind);
    else
        m_busy.remove(busyKey(serverId, label));
    const int row = rowOf(serverId, label);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString ServerListModel::serverId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).server.id : QString();
}

QString ServerListModel::label(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).hasAccount
        ? m_rows.at(row).account.label
        : QString();
}

bool ServerListModel::hasAccount(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).hasAccount;
}

int ServerListModel::rowOf(const QString &serverId, const QString &label) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &entry = m_rows.at(row);
        if (entry.server.id == serverId
            && (label.isEmpty() || !entry.hasAccount || entry.account.label == label))
            return row;
    }
    return -1;
}

AccountStatus ServerListModel::status(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const Row &entry = m_rows.at(row);
    AccountStatus status
        = AccountStatus::fromRecord(entry.hasAccount ? &entry.account : nullptr, m_clock->now());
    if (m_probes.contains(entry.server.id))
        status = AccountStatus::refine(status, m_probes.value(entry.server.id));
    else if (!entry.hasAccount)
        status.kind = AccountStatus::Kind::Unknown;
    const QString key
        = busyKey(entry.server.id, entry.hasAccount ? entry.account.label : QString());
    if (m_busy.contains(key))
        status.kind = m_busy.value(key);
    return status;
}

bool ServerListModel::needsAttention() const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const AccountStatus::Kind kind = status(row).kind;
        if (kind == AccountStatus::Kind::NeedsSignIn
            || (hasAccount(row) && kind == AccountStatus::Kind::Error))
            return true;
    }
    return false;
}

QString ServerListModel::relativeExpiry(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid())
        return tr("no expiry given");
    const qint64 seconds = now.secsTo(expiresAt);
    const qint64 minutes = qAbs(seconds) / 60;
    if (seconds >= 0) {
        if (seconds < 60)
            return tr("expires in less than a minute");
        if (minutes < 120)
            return tr("expires in %n min", nullptr, static_cast<int>(minutes));
        if (minutes < 2880)
            return tr("expires in %n h", nullptr, static_cast<int>(minutes / 60));
        return tr("expires in %n days", nullptr, static_cast<int>(minutes / 1440));
    }
    if (minutes < 120)
        return tr("expired %n min ago", nullptr, static_cast<int>(qMax<qint64>(1, minutes)));
    return tr("expired %n h ago", nullptr, static_cast<int>(minutes / 60));
}

QString ServerListModel::statusText(const AccountStatus &status)
{
    switch (status.kind) {
    case AccountStatus::Kind::Unknown:
        return tr("Not checked yet");
    case AccountStatus::Kind::Open:
        return tr("Open (no sign-in needed)");
    case AccountStatus::Kind::SignedOut:
        return tr("Signed out");
    case AccountStatus::Kind::SignedIn:
        return status.refreshDue ? tr("Signed in (refreshing soon)") : tr("Signed in");
    case AccountStatus::Kind::Refreshing:
        return tr("Working\u2026");
    case AccountStatus::Kind::NeedsSignIn:
        return tr("Needs sign-in");
    case AccountStatus::Kind::Unreachable:
        return tr("Unreachable");
    case AccountStatus::Kind::Error:
        break;
    }
    return tr("Error");
}

QVariant ServerListModel::displayData(const Row &row, int column, const AccountStatus &status) const
{
    switch (column) {
    case NameColumn:
        return row.server.name.isEmpty() ? row.server.id : row.server.name;
    case StatusColumn:
        return statusText(status);
    case AccountColumn: {
        if (!row.hasAccount)
            return QString();
        const QString who = !row.account.email.isEmpty() ? row.account.email
            : !row.account.name.isEmpty()                ? row.account.name
            : !row.account.subject.isEmpty()             ? row.account.subject
                                                         : QString();
        return who.isEmpty() ? row.account.label : tr("%1 (%2)").arg(row.account.label, who);
    }
    case ExpiryColumn:
        return status.kind == AccountStatus::Kind::SignedIn
            ? relativeExpiry(status.expiresAt, m_clock->now())
            : QString();
    case UrlColumn:
        return UrlPolicy::redacted(row.server.mcpUrl);
    default:
        return {};
    }
}

QVariant ServerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const AccountStatus current = status(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column(), current);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(statusIcon(current.kind)) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = statusText(current);
        if (!current.reason.isEmpty())
            tip += QLatin1Char('\n') + current.reason;
        if (row.hasAccount && !row.account.lastError.isEmpty())
            tip += QLatin1Char('\n') + tr("Last error: %1").arg(row.account.lastError);
        return tip;
    }
    case Qt::AccessibleTextRole:
        return displayData(row, index.column(), current);
    case ServerIdRole:
        return row.server.id;
    case LabelRole:
        return row.hasAccount ? row.account.label : QString();
    case StatusKindRole:
        return static_cast<int>(current.kind);
    case HasAccountRole:
        return row.hasAccount;
    default:
        return {};
    }
}

QVariant ServerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Server");
    case StatusColumn:
        return tr("Status");
    case AccountColumn:
        return tr("Account");
    case ExpiryColumn:
        return tr("Expires");
    case UrlColumn:
        return tr("URL");
    default:
        return {};
    }
}
