#pragma once

#include "core/serverprobe.h"

#include <QAbstractListModel>
#include <QList>
#include <QUrl>

/// The servers shown in the main window with their sign-in status.
class ServerListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { UrlRole = Qt::UserRole + 1, StatusRole, StatusTextRole };
    Q_ENUM(Role)

    enum class Status { Unknown, Checking, SignInRequired, Open, Unreachable, Error };
    Q_ENUM(Status)

    explicit ServerListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// Adds a server (ignored when the canonical URL is already listed); returns its row.
    int addServer(const QUrl &url);
    void setStatus(int row, Status status, const QString &detail = {});
    QUrl url(int row) const;
    Status status(int row) const;

    static Status statusFor(const Mcpa::ProbeResult &result);
    static QString statusText(Status status);

private:
    struct Entry
    {
        QUrl url;
        Status status = Status::Unknown;
        QString detail;
    };
    QList<Entry> m_entries;
};
