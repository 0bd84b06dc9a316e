#include "gui/signindialog.h"

#include "ui_signindialog.h"

#include <QHostAddress>
#include <QKeySequence>
#include <QShortcut>
#include <QUrlQuery>
#include <QWebEngineDownloadRequest>
#include <QWebEngineNavigationRequest>
#include <QWebEngineNewWindowRequest>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

namespace Mcpa {

namespace {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Appends the untranslated detail of an error where it helps a person (or
// a bug report) more than it confuses; the core never puts secrets in it.
QString withDetail(const QString &text, const Error &error)
{
    if (error.detail().isEmpty())
        return text;
    return SignInDialog::tr("%1\n\nDetails: %2").arg(text, error.detail());
}

} // namespace

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

void SignInDialog::showError(const Error &error)
{
    const Description description = describe(error);
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

void SignInDialog::onNavigationRequested(QWebEngineNavigationRequest &request)
{
    // Sign-in pages are web pages; nothing else (file:, other programs'
    // URL schemes) is opened from here.
    const QString scheme = request.url().scheme();
    if (scheme == QLatin1String("https") || scheme == QLatin1String("http")
        || scheme == QLatin1String("about") || scheme == QLatin1String("data"))
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
    return url.scheme() == QLatin1String("http") && isLoopbackHost(url.host())
        && url.path() == QLatin1String("/callback");
}

SignInDialog::Security SignInDialog::securityOf(const QUrl &url)
{
    if (!url.isValid() || url.isEmpty())
        return Security::None;
    if (url.scheme() == QLatin1String("https"))
        return Security::Secure;
    if (url.scheme() == QLatin1String("http"))
        return isLoopbackHost(url.host()) ? Security::Local : Security::NotSecure;
    return Security::NotSecure;
}

QString SignInDialog::displayAddress(const QUrl &url)
{
    return url
        .adjusted(QUrl::RemoveScheme | QUrl::RemoveUserInfo | QUrl::RemoveQuery
                  | QUrl::RemoveFragment)
        .toDisplayString()
        .mid(2); // "//host:port/path" without the leading slashes
}

SignInDialog::Description SignInDialog::describe(const Error &error)
{
    using Code = Error::Code;
    switch (error.code()) {
    case Code::None:
        return { tr("Signed in"), tr("The sign-in worked."), Severity::Information };
    case Code::Cancelled:
        return { tr("Sign-in cancelled"),
                 tr("The sign-in was cancelled. Sign in again when you are ready."),
                 Severity::Information };
    case Code::AuthorizationDenied:
        return { tr("Access declined"),
                 tr("You declined access on the sign-in page. Sign in again if that was a "
                    "mistake."),
                 Severity::Warning };
    case Code::AuthorizationTimeout:
        return { tr("Sign-in timed out"),
                 tr("The sign-in page was not finished in time. Sign in again and complete the "
                    "page before the time runs out."),
                 Severity::Warning };
    case Code::StaleClient:
        return { tr("App registered again"),
                 tr("The server no longer knew MCP Accounts, so it was registered again "
                    "automatically. There is nothing you need to do."),
                 Severity::Information };
    case Code::Unreachable:
    case Code::Network:
        return { tr("Server not reachable"),
                 withDetail(tr("The server could not be reached. Check the server address and "
                               "your network connection, then try again."),
                            error),
                 Severity::Error };
    case Code::Timeout:
        return { tr("No answer from the server"),
                 tr("The server did not answer in time. Try again later; if this keeps "
                    "happening, the server may be down."),
                 Severity::Error };
    case Code::TlsFailure:
        return { tr("Secure connection failed"),
                 withDetail(tr("The server's certificate was not accepted. Check the server "
                               "address; if it is right, the server's administrator needs to "
                               "fix its certificate."),
                            error),
                 Severity::Error };
    case Code::InvalidUrl:
        return { tr("Invalid server address"),
                 tr("The server address is not a valid URL. Correct it in the server's "
                    "settings."),
                 Severity::Error };
    case Code::InsecureUrl:
        return { tr("Insecure server address"),
                 tr("MCP Accounts signs in only over HTTPS (or to this computer). Use an "
                    "https:// address in the server's settings."),
                 Severity::Error };
    case Code::SignInNotRequired:
        return { tr("No sign-in needed"), tr("This server can be used without signing in."),
                 Severity::Information };
    case Code::MetadataNotFound:
        return { tr("No sign-in information"),
                 withDetail(tr("The server did not say how to sign in to it. Check the server "
                               "address; the server may not support MCP sign-in."),
                            error),
                 Severity::Error };
    case Code::ResourceMismatch:
        return { tr("Server names another server"),
                 tr("The server's sign-in information is for a different server address, so "
                    "MCP Accounts did not sign in. Check the address, or tell the server's "
                    "administrator."),
                 Severity::Error };
    case Code::IssuerMismatch:
        return { tr("Sign-in server misconfigured"),
                 tr("The sign-in server's information names a different sign-in server, so "
                    "MCP Accounts did not use it. Tell the server's administrator."),
                 Severity::Error };
    case Code::PkceNotSupported:
        return { tr("Sign-in server not supported"),
                 tr("The sign-in server does not support PKCE with S256, which MCP requires "
                    "for a safe sign-in. Ask the server's administrator to enable it."),
                 Severity::Error };
    case Code::ClientDetailsNeeded:
        return { tr("Client ID needed"),
                 tr("This server needs a client ID. Enter one in the server's settings."),
                 Severity::Warning };
    case Code::RegistrationFailed:
        return { tr("Registration refused"),
                 withDetail(tr("The sign-in server did not let MCP Accounts register. Enter a "
                               "client ID in the server's settings, or ask the server's "
                               "administrator."),
                            error),
                 Severity::Error };
    case Code::CallbackPortInUse:
        return { tr("Callback port in use"),
                 tr("Another program uses the port that receives the sign-in answer. Close that "
                    "program or choose another callback port in the server's settings."),
                 Severity::Error };
    case Code::AuthorizationFailed:
        return { tr("Sign-in refused"),
                 withDetail(tr("The sign-in server refused the sign-in. Check the server's "
                               "settings (scope, resource) and try again."),
                            error),
                 Severity::Error };
    case Code::IssMismatch:
        return { tr("Sign-in answer not trusted"),
                 tr("The sign-in answer did not come from the expected sign-in server, so it "
                    "was discarded. Sign in again; if this repeats, tell the server's "
                    "administrator."),
                 Severity::Error };
    case Code::InvalidGrant:
    case Code::NeedsSignIn:
        return { tr("Sign in again"),
                 tr("The server no longer accepts this sign-in. Sign in again."),
                 Severity::Warning };
    case Code::InvalidClient:
        return { tr("Client not accepted"),
                 tr("The sign-in server did not accept the client ID or secret. Check them in "
                    "the server's settings."),
                 Severity::Error };
    case Code::TokenEndpointError:
        return { tr("Sign-in not completed"),
                 withDetail(tr("The sign-in server did not hand out a token. Try again; if this "
                               "repeats, tell the server's administrator."),
                            error),
                 Severity::Error };
    case Code::InsufficientScope:
        return { tr("More access needed"),
                 tr("The server asks for more access than this sign-in has. Sign in again and "
                    "allow the requested access."),
                 Severity::Warning };
    default:
        break;
    }
    return { tr("Sign-in failed"),
             withDetail(tr("The sign-in did not work. Try again; the server's sign-in "
                           "diagnostics show each step."),
                        error),
             Severity::Error };
}

} // namespace Mcpa
