#include "signin/signindialog.h"

#include "ui_signindialog.h"

#include <QKeySequence>
#include <QShortcut>
#include <QWebEngineDownloadRequest>
#include <QWebEngineNavigationRequest>
#include <QWebEngineNewWindowRequest>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace Mcpa {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::SignInDialog)
{
    m_ui->setupUi(this);
    QFont titleFont = m_ui->errorTitle->font();
    titleFont.setBold(true);
    m_ui->errorTitle->setFont(titleFont);
    m_ui->progressBar->setVisible(false);
    showSecurity(Security::None);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &SignInDialog::reject);
    // The web view takes key presses itself, so Esc needs a shortcut to
    // reach the dialog while the page has the focus.
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WindowShortcut);
    connect(escape, &QShortcut::activated, this, &SignInDialog::reject);
}

SignInDialog::~SignInDialog()
{
    // The page must go before its profile, whatever the order of children.
    delete m_view;
    delete m_profile;
    delete m_ui;
}

void SignInDialog::openAuthorizationPage(const QUrl &authorizationUrl)
{
    createWebEngine();
    m_phase = Phase::Loading;
    m_ui->errorPanel->setVisible(false);
    m_ui->cancelButton->setText(tr("Cancel"));
    m_ui->cancelButton->setAccessibleName(tr("Cancel sign-in"));
    m_ui->statusLabel->setText(tr("Loading the sign-in page…"));
    onUrlChanged(authorizationUrl);
    m_view->load(authorizationUrl);
    QDialog::open();
    m_view->setFocus();
}

void SignInDialog::setServerName(const QString &name)
{
    if (!name.isEmpty())
        setWindowTitle(tr("Sign in to %1").arg(name));
}

void SignInDialog::showError(const Error &error)
{
    showErrorDescription(describe(error));
}

void SignInDialog::showErrorDescription(const Description &description)
{
    m_phase = Phase::Failed;
    m_ui->errorTitle->setText(description.title);
    m_ui->errorText->setText(description.text);
    m_ui->errorPanel->setVisible(true);
    m_ui->statusLabel->clear();
    m_ui->progressBar->setVisible(false);
    m_ui->cancelButton->setText(tr("Close"));
    m_ui->cancelButton->setAccessibleName(tr("Close"));
    m_ui->cancelButton->setFocus();
}

void SignInDialog::finish()
{
    m_phase = Phase::Closed;
    accept();
}

void SignInDialog::reject()
{
    const bool running = m_phase != Phase::Failed && m_phase != Phase::Closed;
    m_phase = Phase::Closed;
    if (running)
        Q_EMIT cancelled();
    QDialog::reject();
}

void SignInDialog::done(int result)
{
    m_phase = Phase::Closed;
    releaseWebEngine();
    QDialog::done(result);
}

void SignInDialog::createWebEngine()
{
    if (m_view)
        return;
    // No storage name: off the record, nothing written to disk, nothing
    // shared with any other sign-in.
    m_profile = new QWebEngineProfile(this);
    m_profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    m_profile->setSpellCheckEnabled(false);
    connect(m_profile, &QWebEngineProfile::downloadRequested, this,
            [](QWebEngineDownloadRequest *download) { download->cancel(); });

    m_view = new QWebEngineView(m_ui->webContainer);
    m_view->setObjectName(QStringLiteral("webView"));
    m_view->setAccessibleName(tr("Sign-in page"));
    m_view->setContextMenuPolicy(Qt::NoContextMenu);
    auto *page = new QWebEnginePage(m_profile, m_view);
    page->settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    page->settings()->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, true);
    m_view->setPage(page);
    m_ui->webLayout->addWidget(m_view);

    connect(page, &QWebEnginePage::urlChanged, this, &SignInDialog::onUrlChanged);
    connect(page, &QWebEnginePage::loadStarted, this, &SignInDialog::onLoadStarted);
    connect(page, &QWebEnginePage::loadProgress, this, &SignInDialog::onLoadProgress);
    connect(page, &QWebEnginePage::loadFinished, this, &SignInDialog::onLoadFinished);
    connect(page, &QWebEnginePage::navigationRequested, this, &SignInDialog::onNavigationRequested);
    connect(page, &QWebEnginePage::newWindowRequested, this, &SignInDialog::onNewWindowRequested);
    connect(page, &QWebEnginePage::featurePermissionRequested, page,
            [page](const QUrl &origin, QWebEnginePage::Feature feature) {
                page->setFeaturePermission(origin, feature, QWebEnginePage::PermissionDeniedByUser);
            });
}

void SignInDialog::releaseWebEngine()
{
    if (!m_view)
        return;
    QWebEngineView *view = m_view;
    QWebEngineProfile *profile = m_profile;
    m_view = nullptr;
    m_profile = nullptr;
    view->page()->disconnect(this);
    view->hide();
    m_ui->webLayout->removeWidget(view);
    // Later, not now: this may run inside a signal of the page. The page
    // (a child of the view) goes with the view, then its profile; Chromium
    // then ends the helper processes it no longer needs.
    if (profile)
        connect(view, &QObject::destroyed, profile, &QObject::deleteLater);
    view->deleteLater();
    m_ui->progressBar->setVisible(false);
    m_ui->addressLine->clear();
    showSecurity(Security::None);
}

void SignInDialog::onUrlChanged(const QUrl &url)
{
    if (url.isEmpty())
        return;
    m_ui->addressLine->setText(displayAddress(url));
    m_ui->addressLine->setCursorPosition(0);
    showSecurity(securityOf(url));
    if (m_phase == Phase::Loading && isCallback(url)) {
        m_phase = Phase::Callback;
        m_ui->statusLabel->setText(tr("Finishing the sign-in…"));
    }
}

void SignInDialog::onLoadStarted()
{
    m_ui->progressBar->setValue(0);
    m_ui->progressBar->setVisible(m_phase != Phase::Failed);
}

void SignInDialog::onLoadProgress(int percent)
{
    m_ui->progressBar->setValue(percent);
}

void SignInDialog::onLoadFinished(bool ok)
{
    m_ui->progressBar->setVisible(false);
    if (m_phase != Phase::Loading)
        return;
    m_ui->statusLabel->setText(
        ok ? QString() : tr("The page could not be loaded. Check your network connection."));
}

bool SignInDialog::allowsNavigationTo(const QUrl &url)
{
    // Sign-in pages are web pages; nothing else (file:, data: pages a script
    // made up to look like a sign-in page, other programs' URL schemes) is
    // opened from here. about:blank is where a page starts.
    const QString scheme = url.scheme();
    return scheme == QLatin1String("https") || scheme == QLatin1String("http")
        || url == QUrl(QStringLiteral("about:blank"));
}

void SignInDialog::onNavigationRequested(QWebEngineNavigationRequest &request)
{
    if (allowsNavigationTo(request.url()))
        request.accept();
    else
        request.reject();
}

void SignInDialog::onNewWindowRequested(QWebEngineNewWindowRequest &request)
{
    // One window: pop-ups and target=_blank links replace the current page.
    if (m_view)
        request.openIn(m_view->page());
}

void SignInDialog::showSecurity(Security security)
{
    m_security = security;
    switch (security) {
    case Security::None:
        m_ui->securityLabel->clear();
        m_ui->securityLabel->setToolTip(QString());
        break;
    case Security::Secure:
        m_ui->securityLabel->setText(tr("Secure"));
        m_ui->securityLabel->setToolTip(tr("The connection to this site is encrypted (HTTPS)."));
        break;
    case Security::Local:
        m_ui->securityLabel->setText(tr("Local"));
        m_ui->securityLabel->setToolTip(tr("This page comes from this computer."));
        break;
    case Security::NotSecure:
        m_ui->securityLabel->setText(tr("Not secure"));
        m_ui->securityLabel->setToolTip(
            tr("The connection to this site is not encrypted. Do not enter a password you "
               "use elsewhere."));
        break;
    }
    m_ui->securityLabel->setAccessibleDescription(m_ui->securityLabel->toolTip());
}

bool SignInDialog::isCallback(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") && securityOf(url) == Security::Local
        && url.path() == QLatin1String("/callback");
}

} // namespace Mcpa
