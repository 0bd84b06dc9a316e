#include "gui/mainwindow.h"

#include "core/accounts/accountoperation.h"
#include "core/accounts/accountservice.h"
#include "core/accounts/statuschecker.h"
#include "core/base/clock.h"
#include "core/base/servertext.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"
#include "gui/browserwaitdialog.h"
#include "gui/diagnosticsdialog.h"
#include "gui/embeddedsignin.h"
#include "gui/guiresources.h"
#include "gui/importdialog.h"
#include "gui/plaintooltip.h"
#include "gui/serverdialog.h"
#include "gui/serverlistmodel.h"
#include "gui/signintext.h"
#include "gui/tokenviewerdialog.h"
#include "gui/useinmenu.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QDesktopServices>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QToolButton>

namespace Mcpa {

MainWindow::MainWindow(AccountService *service, const Clock *clock, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_service(service)
    , m_clock(clock)
    , m_model(new ServerListModel(service->registry(), clock, this))
{
    m_ui->setupUi(this);
    setWindowIcon(appIcon());
    m_ui->serverTable->setModel(m_model);
    m_ui->serverTable->verticalHeader()->hide();
    m_ui->serverTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->serverTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_message = [this](const QString &title, const QString &text) {
        QMessageBox::warning(this, title, text);
    };
    m_question = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };
    m_openUrl = [](const QUrl &url) {
        return QDesktopServices::openUrl(url);
    };
    setupActions();
    connect(m_model, &ServerListModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_model, &ServerListModel::dataChanged, this, [this] {
        const bool attention = m_model->needsAttention();
        if (attention != m_lastAttention) {
            m_lastAttention = attention;
            Q_EMIT attentionChanged(attention);
        }
        updateActions();
    });
    connect(m_ui->serverTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::updateActions);
    connect(m_ui->serverTable, &QTableView::activated, this, &MainWindow::onActivated);
    connect(m_ui->serverTable, &QTableView::doubleClicked, this, &MainWindow::onActivated);
    connect(m_ui->serverTable, &QTableView::customContextMenuRequested, this,
            &MainWindow::showContextMenu);
    connect(m_ui->emptyAddButton, &QPushButton::clicked, this, &MainWindow::addServer);
    connect(m_ui->emptyImportButton, &QPushButton::clicked, this, &MainWindow::importServers);
    updateEmptyState();
}

MainWindow::~MainWindow()
{
    delete m_ui;
}

void MainWindow::setupActions()
{
    struct Spec
    {
        const char *name;
        QString text;
        QKeySequence shortcut;
        QStyle::StandardPixmap icon;
        std::function<void()> run;
        bool toolbar;
    };
    auto withTarget = [this](std::function<void(const QString &, const QString &)> run) {
        return [this, run] {
            QString serverId;
            QString label;
            if (currentTarget(&serverId, &label))
                run(serverId, label);
        };
    };
    const QList<Spec> specs {
        { "actionAdd", tr("&Add Server…"), QKeySequence::New, QStyle::SP_FileDialogNewFolder,
          [this] { addServer(); }, true },
        { "actionEdit", tr("&Edit…"), QKeySequence(Qt::CTRL | Qt::Key_E),
          QStyle::SP_FileDialogDetailedView,
          withTarget([this](const QString &id, const QString &) { editServer(id); }), true },
        { "actionRemove", tr("&Remove…"), QKeySequence::Delete, QStyle::SP_TrashIcon,
          withTarget([this](const QString &id, const QString &) { removeServer(id); }), true },
        { "actionSignIn", tr("&Sign In"), QKeySequence(Qt::CTRL | Qt::Key_L),
          QStyle::SP_DialogYesButton,
          withTarget([this](const QString &id, const QString &label) { signIn(id, label); }),
          true },
        { "actionSignOut", tr("Sign &Out"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
          QStyle::SP_DialogNoButton,
          withTarget([this](const QString &id, const QString &label) { signOut(id, label); }),
          true },
        { "actionRefresh", tr("&Refresh Now"), QKeySequence::Refresh, QStyle::SP_BrowserReload,
          withTarget([this](const QString &id, const QString &label) { refreshNow(id, label); }),
          true },
        { "actionViewToken", tr("View &Token…"), QKeySequence(Qt::CTRL | Qt::Key_T),
          QStyle::SP_FileDialogContentsView,
          withTarget([this](const QString &id, const QString &label) { viewToken(id, label); }),
          true },
        { "actionCheck", tr("&Check Now"), QKeySequence(Qt::CTRL | Qt::Key_R),
          QStyle::SP_BrowserReload, [this] { checkAll(); }, true },
        { "actionDiagnostics", tr("Sign-in &Diagnostics…"), QKeySequence(Qt::CTRL | Qt::Key_D),
          QStyle::SP_MessageBoxInformation,
          withTarget([this](const QString &id, const QString &) { showDiagnostics(id); }), false },
        { "actionImport", tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I),
          QStyle::SP_DialogOpenButton, [this] { importServers(); }, false },
        { "actionSettings", tr("Se&ttings…"), QKeySequence::Preferences,
          QStyle::SP_FileDialogListView, [this] { showSettings(); }, false },
        { "actionQuit", tr("&Quit"), QKeySequence::Quit, QStyle::SP_DialogCloseButton,
          [this] { Q_EMIT quitRequested(); }, false },
    };
    for (const Spec &spec : specs) {
        auto *action = new QAction(style()->standardIcon(spec.icon), spec.text, this);
        action->setObjectName(QString::fromLatin1(spec.name));
        action->setShortcut(spec.shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, spec.run);
        addAction(action);
        if (spec.toolbar)
            m_ui->toolBar->addAction(action);
    }
    // Use in…: the MCP clients on this machine, and which use the account.
    m_useIn = new UseInMenu(m_service, this);
    m_useIn->setQuestionPresenter(
        [this](const QString &title, const QString &text) { return m_question(title, text); });
    m_useIn->setMessagePresenter(
        [this](const QString &title, const QString &text) { m_message(title, text); });
    m_useIn->setErrorPresenter(
        [this](const QString &what, const Error &error) { presentError(what, error); });
    connect(m_useIn, &UseInMenu::changed, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    auto *useIn = new QAction(style()->standardIcon(QStyle::SP_ComputerIcon), tr("&Use in…"), this);
    useIn->setObjectName(QStringLiteral("actionUseIn"));
    useIn->setToolTip(tr("Let other MCP clients (Claude Desktop, VS Code, Cursor…) use this "
                         "account"));
    useIn->setMenu(m_useIn);
    addAction(useIn);
    m_ui->toolBar->addAction(useIn);
    if (auto *button = qobject_cast<QToolButton *>(m_ui->toolBar->widgetForAction(useIn)))
        button->setPopupMode(QToolButton::InstantPopup);
    updateActions();
}

bool MainWindow::currentTarget(QString *serverId, QString *label) const
{
    const QModelIndex current = m_ui->serverTable->currentIndex();
    if (!current.isValid())
        return false;
    *serverId = m_model->serverId(current.row());
    *label = m_model->label(current.row());
    return !serverId->isEmpty();
}

void MainWindow::updateActions()
{
    QString serverId;
    QString label;
    const bool selected = currentTarget(&serverId, &label);
    const AccountStatus status
        = selected ? m_model->status(m_ui->serverTable->currentIndex().row()) : AccountStatus();
    const bool hasAccount = selected && !label.isEmpty();
    const bool busy = status.kind == AccountStatus::Kind::Refreshing;
    auto enable = [this](const char *name, bool enabled) {
        if (auto *action = findChild<QAction *>(QString::fromLatin1(name)))
            action->setEnabled(enabled);
    };
    enable("actionEdit", selected && !busy);
    enable("actionRemove", selected && !busy);
    enable("actionSignIn", selected && !busy && status.kind != AccountStatus::Kind::Open);
    enable("actionSignOut", hasAccount && !busy);
    enable("actionRefresh", hasAccount && !busy && status.kind != AccountStatus::Kind::NeedsSignIn);
    enable("actionViewToken",
           hasAccount && !busy && status.kind != AccountStatus::Kind::NeedsSignIn);
    enable("actionDiagnostics", selected);
    enable("actionUseIn", selected && status.kind != AccountStatus::Kind::Open);
    if (m_useIn)
        m_useIn->setTarget(selected ? serverId : QString(), label);
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_ui->stack->setCurrentWidget(empty ? m_ui->emptyPage : m_ui->listPage);
    if (!empty && !m_ui->serverTable->currentIndex().isValid())
        m_ui->serverTable->setCurrentIndex(m_model->index(0, 0));
    updateActions();
}

void MainWindow::onActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString serverId = m_model->serverId(index.row());
    const QString label = m_model->label(index.row());
    const AccountStatus status = m_model->status(index.row());
    if (status.kind == AccountStatus::Kind::SignedIn)
        viewToken(serverId, label);
    else if (status.kind != AccountStatus::Kind::Open
             && status.kind != AccountStatus::Kind::Refreshing)
        signIn(serverId, label);
}

void MainWindow::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_ui->serverTable->indexAt(position);
    if (index.isValid())
        m_ui->serverTable->setCurrentIndex(index);
    QMenu menu(this);
    for (const char *name : { "actionSignIn", "actionSignOut", "actionRefresh", "actionViewToken",
                              "actionDiagnostics" })
        menu.addAction(findChild<QAction *>(QString::fromLatin1(name)));
    if (index.isValid())
        menu.addMenu(m_useIn);
    menu.addSeparator();
    for (const char *name : { "actionEdit", "actionRemove", "actionAdd" })
        menu.addAction(findChild<QAction *>(QString::fromLatin1(name)));
    menu.exec(m_ui->serverTable->viewport()->mapToGlobal(position));
}

QString MainWindow::addServerUrl(const QUrl &url, const QString &name)
{
    ServerRegistry *registry = m_service->registry();
    if (const auto existing = registry->serverByUrl(url))
        return existing->id;
    ServerRecord record;
    record.mcpUrl = url;
    record.name = name.isEmpty() ? url.host() : name;
    QString id;
    Error error = registry->addServer(record, &id);
    if (!error)
        error = registry->save();
    if (error) {
        presentError(tr("Could not add the server"), error);
        return {};
    }
    checkAll();
    return id;
}

void MainWindow::checkAll()
{
    if (m_checker && !m_checker->isFinished())
        return;
    QList<StatusChecker::Target> targets;
    const QList<ServerRecord> servers = m_service->registry()->servers();
    for (const ServerRecord &server : servers)
        targets.append({ server.id, server.mcpUrl });
    m_checker = new StatusChecker(m_service->httpClient(), targets, this);
    connect(m_checker, &StatusChecker::checked, m_model, &ServerListModel::setProbeResult);
    connect(m_checker, &Job::finished, this,
            [this] { statusBar()->showMessage(tr("Checked all servers"), 4000); });
    statusBar()->showMessage(
        tr("Checking %n server(s)\u2026", nullptr, static_cast<int>(targets.size())));
    m_checker->start();
}

void MainWindow::track(AccountOperation *operation, const QString &serverId, const QString &label,
                       AccountStatus::Kind busyKind, const QString &doneMessage)
{
    m_model->setBusy(serverId, label, busyKind, true);
    updateActions();
    connect(operation, &Job::finished, this, [this, operation, serverId, label, doneMessage] {
        m_model->setBusy(serverId, label, {}, false);
        m_model->reload();
        updateEmptyState();
        const Error error = operation->error();
        if (error) {
            if (error.code() != Error::Code::Cancelled)
                presentError(tr("%1: it did not work").arg(serverId), error);
            return;
        }
        if (!operation->warning().isEmpty())
            m_message(tr("Done, with a warning"), operation->warning());
        if (!doneMessage.isEmpty())
            statusBar()->showMessage(doneMessage, 5000);
    });
}

void MainWindow::presentError(const QString &what, const Error &error)
{
    const SignInText::Description description = SignInText::describe(error);
    m_message(description.title.isEmpty() ? what : description.title, description.text);
}

MainWindow::BrowserMode MainWindow::browserModeFor(const QString &serverId) const
{
    const auto server = m_service->registry()->server(serverId);
    if (server && server->browser == QLatin1String("system"))
        return BrowserMode::System;
    if (server && server->browser == QLatin1String("embedded"))
        return BrowserMode::Embedded;
    return m_browserMode;
}

void MainWindow::openInBrowser(const QString &serverId, const QUrl &url,
                               AccountOperation *operation)
{
    if (browserModeFor(serverId) == BrowserMode::Embedded) {
        // The page runs in the helper process mcp-accounts-signin; this is its proxy.
        auto *signIn = new EmbeddedSignIn(this);
        signIn->setObjectName(QStringLiteral("embeddedSignIn"));
        const auto server = m_service->registry()->server(serverId);
        signIn->setTitle(server && !server->name.isEmpty() ? server->name : serverId);
        signIn->setLanguage(m_language);
        connect(signIn, &EmbeddedSignIn::cancelled, operation, &Job::cancel);
        connect(signIn, &EmbeddedSignIn::failed, operation,
                [this, serverId, operation](const QString &message) {
                    operation->cancel();
                    m_message(tr("%1: it did not work").arg(serverId), message);
                });
        connect(operation, &Job::finished, signIn, &EmbeddedSignIn::finish);
        connect(signIn, &EmbeddedSignIn::closed, signIn, &QObject::deleteLater);
        signIn->openAuthorizationPage(url);
        return;
    }
    auto *dialog = new BrowserWaitDialog(this, m_clock);
    dialog->setObjectName(QStringLiteral("browserWaitDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const UrlOpener opener = m_openUrl;
    dialog->setBrowserOpener([opener](const QUrl &target) { return opener(target); });
    connect(dialog, &BrowserWaitDialog::cancelled, operation, &Job::cancel);
    connect(operation, &Job::finished, dialog, &BrowserWaitDialog::finish);
    dialog->start(url, m_clock->now().addSecs(300));
}

void MainWindow::signIn(const QString &serverId, const QString &label)
{
    AccountOperation *operation = m_service->signIn(serverId, label);
    connect(
        operation, &AccountOperation::authorizeWithBrowser, this,
        [this, serverId, operation](const QUrl &url) { openInBrowser(serverId, url, operation); });
    // SEP-2352: a server that moved to another authorization server is
    // signed in there only when the person agrees.
    connect(operation, &AccountOperation::authServerChanged, this,
            [this, serverId, operation](const QString &previous, const QString &now) {
                const QString text
                    = tr("%1 now signs in through %2 (it used to be %3). Nothing of the old "
                         "sign-in is sent there. Sign in through %2?")
                          .arg(serverId, sanitizedServerText(now, 200),
                               sanitizedServerText(previous, 200));
                const bool accepted
                    = m_question(tr("Sign in through another server?"), plainToolTip(text));
                operation->continueWithAuthServer(accepted);
            });
    track(operation, serverId, label, AccountStatus::Kind::Refreshing,
          tr("Signed in to %1").arg(serverId));
}

void MainWindow::signOut(const QString &serverId, const QString &label)
{
    if (!m_question(tr("Sign out?"),
                    tr("Sign out of %1? The tokens are revoked at the server and deleted here.")
                        .arg(serverId)))
        return;
    track(m_service->signOut(serverId, label), serverId, label, AccountStatus::Kind::Refreshing,
          tr("Signed out of %1").arg(serverId));
}

void MainWindow::refreshNow(const QString &serverId, const QString &label)
{
    track(m_service->freshToken(serverId, label, std::chrono::seconds(0), true), serverId, label,
          AccountStatus::Kind::Refreshing, tr("Refreshed %1").arg(serverId));
}

void MainWindow::viewToken(const QString &serverId, const QString &label)
{
    const auto server = m_service->registry()->server(serverId);
    if (!server)
        return;
    const QString resolved = AccountService::resolveLabel(*server, label);
    const AccountRecord *account = server->account(resolved);
    if (!account)
        return;
    auto *dialog = new TokenViewerDialog(m_clock, this);
    dialog->setObjectName(QStringLiteral("tokenViewerDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setServer(server->name.isEmpty() ? server->id : server->name, server->mcpUrl);
    dialog->setAccount(*account);
    dialog->setBusy(true);
    AccountOperation *read = m_service->storedTokens(serverId, resolved);
    connect(read, &Job::finished, dialog, [this, dialog, read] {
        if (read->error()) {
            dialog->close();
            presentError(tr("Could not read the token"), read->error());
            return;
        }
        dialog->setTokens(read->tokens());
        dialog->setBusy(false);
    });
    connect(dialog, &TokenViewerDialog::refreshRequested, this, [this, dialog, serverId, resolved] {
        dialog->setBusy(true);
        AccountOperation *refresh
            = m_service->freshToken(serverId, resolved, std::chrono::seconds(0), true);
        connect(refresh, &Job::finished, dialog, [this, dialog, refresh, serverId, resolved] {
            if (refresh->error()) {
                dialog->setBusy(false);
                presentError(tr("Refresh failed"), refresh->error());
                return;
            }
            const auto updated = m_service->registry()->server(serverId);
            if (updated && updated->account(resolved))
                dialog->setAccount(*updated->account(resolved));
            dialog->setTokens(refresh->tokens());
            dialog->setBusy(false);
        });
    });
    connect(dialog, &TokenViewerDialog::revokeRequested, this, [this, dialog, serverId, resolved] {
        dialog->close();
        track(m_service->signOut(serverId, resolved), serverId, resolved,
              AccountStatus::Kind::Refreshing, tr("Revoked and signed out of %1").arg(serverId));
    });
    dialog->show();
}

void MainWindow::removeServer(const QString &serverId)
{
    if (!m_question(tr("Remove server?"),
                    tr("Remove %1? Its tokens are revoked at the server and deleted here, with its "
                       "settings.")
                        .arg(serverId)))
        return;
    track(m_service->removeServer(serverId), serverId, {}, AccountStatus::Kind::Refreshing,
          tr("Removed %1").arg(serverId));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeToTray) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::addServer()
{
    ServerDialog dialog(ServerDialog::Mode::Add, m_service->httpClient(), this);
    QStringList ids;
    const QList<ServerRecord> servers = m_service->registry()->servers();
    for (const ServerRecord &server : servers)
        ids.append(server.id);
    dialog.setExistingIds(ids);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ServerRecord record = dialog.record();
    const QString secret = dialog.clientSecret();
    ServerRegistry *registry = m_service->registry();
    if (const auto existing = registry->serverByUrl(record.mcpUrl)) {
        m_message(tr("Already added"),
                  tr("This server is already in the list as %1.").arg(existing->id));
        return;
    }
    AccountOperation *operation = m_service->addServer(record, secret);
    connect(operation, &Job::finished, this, [this, operation] {
        if (operation->error()) {
            presentError(tr("Could not add the server"), operation->error());
            return;
        }
        const int row = m_model->rowOf(operation->serverId());
        if (row >= 0)
            m_ui->serverTable->setCurrentIndex(m_model->index(row, 0));
        checkAll();
    });
}

void MainWindow::editServer(const QString &serverId)
{
    const auto server = m_service->registry()->server(serverId);
    if (!server)
        return;
    ServerDialog dialog(ServerDialog::Mode::Edit, m_service->httpClient(), this);
    dialog.setRecord(*server);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ServerRecord record = dialog.record();
    record.id = server->id;
    record.accounts = server->accounts;
    record.defaultAccount = server->defaultAccount;
    record.unknownFields = server->unknownFields;
    Error error = m_service->registry()->updateServer(record);
    if (!error)
        error = m_service->registry()->save();
    if (error) {
        presentError(tr("Could not save the server"), error);
        return;
    }
    const QString secret = dialog.clientSecret();
    if (!secret.isEmpty())
        m_service->tokenStore()->writeServerClientSecret(
            serverId, secret, this, [this](const Error &secretError) {
                if (secretError)
                    presentError(tr("Could not keep the client secret"), secretError);
            });
}

void MainWindow::showDiagnostics(const QString &serverId)
{
    auto *dialog = new DiagnosticsDialog(this);
    dialog->setObjectName(QStringLiteral("diagnosticsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Sign-in diagnostics: %1").arg(serverId));
    dialog->setTrace(m_service->trace(serverId));
    dialog->show();
}

void MainWindow::importServers()
{
    auto *dialog = new ImportDialog(m_service->registry(), m_service->tokenStore(),
                                    m_service->httpClient(), m_clock, this);
    dialog->setObjectName(QStringLiteral("importDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setQuestionPresenter(m_question);
    connect(dialog, &ImportDialog::importEnded, this, [this](int imported) {
        if (imported > 0)
            checkAll();
    });
    dialog->scan();
    dialog->open();
}

void MainWindow::showSettings()
{
    Q_EMIT settingsRequested();
}

} // namespace Mcpa
