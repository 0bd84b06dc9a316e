#include "gui/serverlistmodel.h"

#include "core/urlpolicy.h"

ServerListModel::ServerListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int ServerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ServerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 \u2014 %2")
            .arg(Mcpa::UrlPolicy::redacted(entry.url), statusText(entry.status));
    case Qt::ToolTipRole:
        return entry.detail.isEmpty() ? statusText(entry.status) : entry.detail;
    case UrlRole:
        return entry.url;
    case StatusRole:
        return QVariant::fromValue(entry.status);
    case StatusTextRole:
        return statusText(entry.status);
    default:
        return {};
    }
}

int ServerListModel::addServer(const QUrl &url)
{
    const QUrl canonical = Mcpa::UrlPolicy::canonicalResource(url);
    for (int row = 0; row < m_entries.size(); ++row) {
        if (Mcpa::UrlPolicy::canonicalResource(m_entries.at(row).url) == canonical)
            return row;
    }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append({ url, Status::Unknown, {} });
    endInsertRows();
    return row;
}

void ServerListModel::setStatus(int row, Status status, const QString &detail)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].status = status;
    m_entries[row].detail = detail;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

QUrl ServerListModel::url(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).url : QUrl();
}

ServerListModel::Status ServerListModel::status(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row).status : Status::Unknown;
}

ServerListModel::Status ServerListModel::statusFor(const Mcpa::ProbeResult &result)
{
    switch (result.kind) {
    case Mcpa::ProbeResult::Kind::AuthRequired:
        return Status::SignInRequired;
    case Mcpa::ProbeResult::Kind::Open:
        return Status::Open;
    case Mcpa::ProbeResult::Kind::Unreachable:
        return Status::Unreachable;
    case Mcpa::ProbeResult::Kind::Error:
        break;
    }
    return Status::Error;
}

QString ServerListModel::statusText(Status status)
{
    switch (status) {
    case Status::Unknown:
        return tr("Not checked yet");
    case Status::Checking:
        return tr("Checking\u2026");
    case Status::SignInRequired:
        return tr("Sign-in required");
    case Status::Open:
        return tr("Open (no sign-in needed)");
    case Status::Unreachable:
        return tr("Unreachable");
    case Status::Error:
        break;
    }
    return tr("Error");
}
