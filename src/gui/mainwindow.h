#pragma once

#include "core/accounts/accountstatus.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace Ui {
class MainWindow;
}
class QDialog;

namespace Mcpa {
class AccountOperation;
class AccountService;
class Clock;
class Error;
class StatusChecker;
class ServerListModel;
class UseInMenu;

/// The main window: the person's MCP servers and accounts with their
/// status, and everything one does with them (add, edit, remove, sign in
/// and out, refresh, view a token, check, diagnostics). Long work runs in
/// AccountService operations; the window only shows progress and results.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class BrowserMode { Embedded, System };
    Q_ENUM(BrowserMode)

    MainWindow(Mcpa::AccountService *service, const Mcpa::Clock *clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    ServerListModel *serverModel() const { return m_model; }

    /// Adds a server by URL (no dialog), unless it is already listed; returns its id.
    QString addServerUrl(const QUrl &url, const QString &name = {});
    void setDefaultBrowserMode(BrowserMode mode) { m_browserMode = mode; }
    void setCloseToTray(bool closeToTray) { m_closeToTray = closeToTray; }
    /// The app's language for the embedded sign-in's window: "" (system), "en", "de", "fr".
    void setLanguage(const QString &code) { m_language = code; }

    /// How errors and questions reach the person (tests replace these).
    using MessagePresenter = std::function<void(const QString &title, const QString &text)>;
    using QuestionPresenter = std::function<bool(const QString &title, const QString &text)>;
    void setMessagePresenter(MessagePresenter presenter) { m_message = std::move(presenter); }
    void setQuestionPresenter(QuestionPresenter presenter) { m_question = std::move(presenter); }
    /// How the system browser is opened (tests replace it with a program).
    using UrlOpener = std::function<bool(const QUrl &url)>;
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

public Q_SLOTS:
    void checkAll();
    void signIn(const QString &serverId, const QString &label = {});
    void signOut(const QString &serverId, const QString &label = {});
    void refreshNow(const QString &serverId, const QString &label = {});
    void viewToken(const QString &serverId, const QString &label = {});
    void showDiagnostics(const QString &serverId);
    void addServer();
    void editServer(const QString &serverId);
    void removeServer(const QString &serverId);
    void showSettings();
    /// Opens the Import dialog over the usual config files of other MCP clients.
    void importServers();

Q_SIGNALS:
    /// Something needs the person (tray icon).
    void attentionChanged(bool needsAttention);
    /// The window asked to quit the app (menu File > Quit).
    void quitRequested();
    void settingsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupActions();
    void updateActions();
    void updateEmptyState();
    void onActivated(const QModelIndex &index);
    void showContextMenu(const QPoint &position);
    bool currentTarget(QString *serverId, QString *label) const;
    void track(Mcpa::AccountOperation *operation, const QString &serverId, const QString &label,
               Mcpa::AccountStatus::Kind busyKind, const QString &doneMessage = {});
    void presentError(const QString &what, const Mcpa::Error &error);
    void openInBrowser(const QString &serverId, const QUrl &url, Mcpa::AccountOperation *operation);
    BrowserMode browserModeFor(const QString &serverId) const;

    Ui::MainWindow *m_ui;
    Mcpa::AccountService *m_service;
    const Mcpa::Clock *m_clock;
    ServerListModel *m_model;
    QPointer<Mcpa::StatusChecker> m_checker;
    BrowserMode m_browserMode = BrowserMode::Embedded;
    bool m_closeToTray = false;
    QString m_language;
    bool m_lastAttention = false;
    MessagePresenter m_message;
    QuestionPresenter m_question;
    UrlOpener m_openUrl;
    UseInMenu *m_useIn = nullptr;
};

} // namespace Mcpa
