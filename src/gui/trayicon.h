#pragma once

#include <QIcon>
#include <QObject>

class QMenu;
class QSystemTrayIcon;

namespace Mcpa {

class ServerListModel;

/// The tray icon: each server with its status, "Sign in to …" for those
/// that need it, Open window, Quit; an icon that shows when something needs
/// attention; desktop notifications.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    TrayIcon(ServerListModel *model, QObject *parent = nullptr);
    ~TrayIcon() override;

    bool isAvailable() const;
    void show();
    QMenu *menu() const { return m_menu; }
    bool attention() const { return m_attention; }

public Q_SLOTS:
    void setAttention(bool attention);
    /// A desktop notification (shown by the tray when the desktop has one).
    void notify(const QString &title, const QString &text);

Q_SIGNALS:
    void showWindowRequested();
    void signInRequested(const QString &serverId, const QString &label);
    void quitRequested();
    /// Every notification, also where no tray exists (tests and logs).
    void notified(const QString &title, const QString &text);
    /// The person clicked the last notification.
    void notificationClicked();

private:
    void rebuildMenu();
    static QIcon attentionIcon(const QIcon &base);

    ServerListModel *m_model;
    QSystemTrayIcon *m_tray;
    QMenu *m_menu;
    QIcon m_normalIcon;
    QIcon m_attentionIcon;
    bool m_attention = false;
};

} // namespace Mcpa
