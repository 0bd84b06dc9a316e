#include "gui/appcontroller.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/refreshcoordinator.h"
#include "core/base/clock.h"
#include "core/base/servertext.h"
#include "core/net/httpclient.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"
#include "gui/apptranslator.h"
#include "gui/mainwindow.h"
#include "gui/serverlistmodel.h"
#include "gui/singleinstance.h"
#include "gui/trayicon.h"

#include <QApplication>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

namespace Mcpa {

AppController::AppController(QObject *parent)
    : QObject(parent)
    , m_registry(new ServerRegistry(ServerRegistry::defaultFilePath(), this))
    , m_secrets(new SecretStore(SecretStore::defaultServiceName(), this))
    , m_tokens(new TokenStore(m_secrets, this))
    , m_http(new HttpClient(this))
    , m_service(new AccountService(m_registry, m_tokens, m_http, Clock::system(), this))
    , m_refresh(new RefreshCoordinator(m_service, Clock::system(), this))
{
    // The language first: windows take their texts when they are built.
    m_loaded = m_registry->load();
    m_settings = AppSettings::fromJson(m_registry->settings());
    applyLanguage(AppSettings::languageCode(m_settings.language));
    m_window = new MainWindow(m_service, Clock::system());
    m_tray = new TrayIcon(m_window->serverModel(), this);
    connect(m_window, &MainWindow::quitRequested, qApp, &QApplication::quit);
    connect(m_window, &MainWindow::settingsRequested, this, &AppController::editSettings);
    connect(m_window, &MainWindow::attentionChanged, m_tray, &TrayIcon::setAttention);
    connect(m_tray, &TrayIcon::showWindowRequested, this, &AppController::showWindow);
    connect(m_tray, &TrayIcon::quitRequested, qApp, &QApplication::quit);
    connect(m_tray, &TrayIcon::signInRequested, this,
            [this](const QString &serverId, const QString &label) {
                showWindow();
                m_window->signIn(serverId, label);
            });
    connectNotifications();
}

AppController::~AppController()
{
    delete m_window;
}

void AppController::start(bool minimized)
{
    const ConfigLoadResult loaded = m_loaded;
    applySettings(m_settings);
    m_window->serverModel()->reload();
    switch (loaded.status) {
    case ConfigLoadResult::Status::NewerVersion:
        QMessageBox::information(
            m_window, tr("Read-only"),
            tr("Your settings were saved by a newer version of MCP Accounts. This version "
               "shows them but will not change them."));
        break;
    case ConfigLoadResult::Status::Corrupt:
        QMessageBox::warning(
            m_window, tr("Settings were damaged"),
            tr("The settings file could not be read and was kept as %1. MCP Accounts starts "
               "with an empty list; your tokens are still in the keychain.")
                .arg(loaded.backupPath));
        break;
    case ConfigLoadResult::Status::Unreadable:
        QMessageBox::warning(
            m_window, tr("Settings cannot be read"),
            tr("%1 cannot be read. Nothing will be changed.").arg(m_registry->filePath()));
        break;
    case ConfigLoadResult::Status::Ok:
    case ConfigLoadResult::Status::Missing:
        break;
    }
    if (m_tray->isAvailable())
        m_tray->show();
    if (!minimized || !m_tray->isAvailable())
        showWindow();
    m_refresh->synchronize();
    m_refresh->scheduler()->connectToNetworkInformation();
    // Refine the status from the file with a check of every server.
    QTimer::singleShot(0, m_window, &MainWindow::checkAll);
}

void AppController::addServers(const QList<QUrl> &urls)
{
    for (const QUrl &url : urls)
        m_window->addServerUrl(url);
}

void AppController::showWindow()
{
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void AppController::serveSignInRequests(SingleInstance *instance)
{
    m_instance = instance;
    connect(instance, &SingleInstance::signInRequested, this, &AppController::onSignInRequested);
    connect(m_tray, &TrayIcon::notificationClicked, this, [this] {
        if (!m_requestedServer.isEmpty()) {
            showWindow();
            m_window->signIn(m_requestedServer, m_requestedLabel);
        }
    });
    // A waiting asker hears as soon as the account is signed in.
    connect(m_service, &AccountService::accountChanged, this,
            [this](const QString &serverId, const QString &label) {
                if (m_service->status(serverId, label).kind == AccountStatus::Kind::SignedIn)
                    m_instance->answerSignIn(serverId, label, true);
            });
}

void AppController::onSignInRequested(const QString &serverId, const QString &label,
                                      const QString &client)
{
    const auto server = m_registry->server(serverId);
    if (!server) {
        m_instance->answerSignIn(serverId, label, false,
                                 QStringLiteral("the app has no server \"%1\"").arg(serverId));
        return;
    }
    const QString resolved = AccountService::resolveLabel(*server, label);
    if (m_service->status(serverId, resolved).kind == AccountStatus::Kind::SignedIn) {
        m_instance->answerSignIn(serverId, label, true); // signed in meanwhile
        return;
    }
    m_requestedServer = serverId;
    m_requestedLabel = resolved;
    const QString asker
        = client.trimmed().isEmpty() ? tr("An MCP client") : sanitizedServerText(client, 60);
    const QString title
        = tr("%1 needs you to sign in to %2").arg(asker, displayName({ serverId, resolved }));
    // Always shown: a client is waiting for the answer.
    m_tray->notify(title,
                   m_tray->isAvailable()
                       ? tr("Click here to sign in; the waiting request then goes on.")
                       : tr("Sign in from the window; the waiting request then goes on."));
    m_window->statusBar()->showMessage(title);
}

void AppController::applySettings(const AppSettings &settings)
{
    m_settings = settings;
    m_window->setDefaultBrowserMode(settings.browserMode == AppSettings::BrowserMode::Embedded
                                        ? MainWindow::BrowserMode::Embedded
                                        : MainWindow::BrowserMode::System);
    m_window->setCloseToTray(settings.closeToTray && m_tray->isAvailable());
    QApplication::setQuitOnLastWindowClosed(!(settings.closeToTray && m_tray->isAvailable()));
    applyLanguage(AppSettings::languageCode(settings.language));
    m_window->setLanguage(AppSettings::languageCode(settings.language));
}

void AppController::applyLanguage(const QString &code)
{
    m_translator = replaceAppTranslator(m_translator, code, this);
}

void AppController::editSettings()
{
    SettingsDialog dialog(m_window);
    dialog.setSettings(m_settings);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const AppSettings changed = dialog.settings();
    applySettings(changed);
    Error error = m_registry->setSettings(changed.toJson());
    if (!error)
        error = m_registry->save();
    if (error)
        QMessageBox::warning(m_window, tr("Settings not saved"),
                             QString::fromLatin1("%1").arg(error.toString()));
}

QString AppController::displayName(const AccountId &account) const
{
    const auto server = m_registry->server(account.serverId);
    const QString name = server && !server->name.isEmpty() ? server->name : account.serverId;
    return server && server->accounts.size() > 1 ? tr("%1 (%2)").arg(name, account.label) : name;
}

void AppController::notify(bool enabled, const QString &title, const QString &text)
{
    if (enabled)
        m_tray->notify(title, text);
}

void AppController::connectNotifications()
{
    RefreshScheduler *scheduler = m_refresh->scheduler();
    connect(scheduler, &RefreshScheduler::refreshStarted, this, [this](const AccountId &account) {
        m_window->serverModel()->setBusy(account.serverId, account.label,
                                         AccountStatus::Kind::Refreshing, true);
    });
    connect(scheduler, &RefreshScheduler::refreshed, this,
            [this](const AccountId &account, const QDateTime &) {
                m_window->serverModel()->setBusy(account.serverId, account.label, {}, false);
                notify(m_settings.notifyRefreshed, tr("Signed in to %1").arg(displayName(account)),
                       tr("The token was refreshed in the background."));
            });
    connect(scheduler, &RefreshScheduler::refreshFailed, this,
            [this](const AccountId &account, const Error &error, const QDateTime &) {
                m_window->serverModel()->setBusy(account.serverId, account.label, {}, false);
                notify(m_settings.notifyNeedsSignIn,
                       tr("Refresh failed: %1").arg(displayName(account)),
                       tr("MCP Accounts will try again. (%1)").arg(error.codeName()));
            });
    connect(scheduler, &RefreshScheduler::needsSignIn, this,
            [this](const AccountId &account, const Error &) {
                m_window->serverModel()->setBusy(account.serverId, account.label, {}, false);
                notify(m_settings.notifyNeedsSignIn,
                       tr("%1 needs sign-in").arg(displayName(account)),
                       tr("The server no longer accepts the saved sign-in. Sign in again from the "
                          "tray or the window."));
            });
    connect(
        scheduler, &RefreshScheduler::expiringSoon, this,
        [this](const AccountId &account, const QDateTime &) {
            notify(
                m_settings.notifyExpiringWithoutRefreshToken,
                tr("%1 expires soon").arg(displayName(account)),
                tr("This server gave no refresh token, so you will need to sign in again soon."));
        });
    connect(scheduler, &RefreshScheduler::expired, this, [this](const AccountId &account) {
        notify(m_settings.notifyExpiringWithoutRefreshToken,
               tr("%1 expired").arg(displayName(account)),
               tr("Sign in again to keep using this server."));
    });
}

} // namespace Mcpa
