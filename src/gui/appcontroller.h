#pragma once

#include "core/store/serverregistry.h"
#include "gui/settingsdialog.h"

#include <QObject>
#include <QUrl>

class QTranslator;

namespace Mcpa {
class AccountService;
class Error;
class HttpClient;
class RefreshCoordinator;
class SecretStore;
class ServerRegistry;
class TokenStore;
struct AccountId;
class MainWindow;
class SingleInstance;
class TrayIcon;

/// Puts the desktop app together: config, keychain, engine, background
/// refresh, main window, tray, settings and notifications. main() only
/// parses the command line and hands over.
class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(QObject *parent = nullptr);
    ~AppController() override;

    /// Loads the config (reporting problems), shows the window (or only the
    /// tray when minimized) and starts the background work.
    void start(bool minimized);
    /// Adds these servers (by URL) unless already listed.
    void addServers(const QList<QUrl> &urls);

    MainWindow *mainWindow() const { return m_window; }
    TrayIcon *tray() const { return m_tray; }
    Mcpa::AccountService *service() const { return m_service; }
    Mcpa::AppSettings settings() const { return m_settings; }

    void showWindow();
    /// Serves the sign-in requests of bridges and the CLI that reach
    /// @p instance: a notification "X needs you to sign in to Y" (a click
    /// signs in), and the answer once the account is signed in.
    void serveSignInRequests(SingleInstance *instance);

private:
    void applySettings(const Mcpa::AppSettings &settings);
    void editSettings();
    void connectNotifications();
    void notify(bool enabled, const QString &title, const QString &text);
    QString displayName(const Mcpa::AccountId &account) const;
    void applyLanguage(const QString &code);
    void onSignInRequested(const QString &serverId, const QString &label, const QString &client);

    Mcpa::ServerRegistry *m_registry;
    Mcpa::SecretStore *m_secrets;
    Mcpa::TokenStore *m_tokens;
    Mcpa::HttpClient *m_http;
    Mcpa::AccountService *m_service;
    Mcpa::RefreshCoordinator *m_refresh;
    Mcpa::ConfigLoadResult m_loaded;
    MainWindow *m_window = nullptr;
    TrayIcon *m_tray = nullptr;
    QTranslator *m_translator = nullptr;
    Mcpa::AppSettings m_settings;
    SingleInstance *m_instance = nullptr;
    /// The account of the last sign-in request shown (a click signs in to it).
    QString m_requestedServer;
    QString m_requestedLabel;
};

} // namespace Mcpa
