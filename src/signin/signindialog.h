#pragma once

#include "core/base/error.h"
#include "gui/signintext.h"

#include <QDialog>
#include <QString>
#include <QUrl>

class QWebEngineNavigationRequest;
class QWebEngineNewWindowRequest;
class QWebEngineProfile;
class QWebEngineView;

namespace Ui {
class SignInDialog;
}

namespace Mcpa {

/// The embedded sign-in: the authorization server's page in a web view,
/// with a read-only address line (host and path, never the query), the
/// connection's security, load progress and Cancel (Esc).
///
/// It runs in the helper process mcp-accounts-signin (src/signin/main.cpp),
/// never in the app: mcp-accounts does not link QtWebEngine. The app drives
/// it through EmbeddedSignIn (src/gui/embeddedsignin.h), which starts the
/// helper for one sign-in and passes the calls below over the helper's
/// stdin; tests may also use the dialog directly in their own process.
///
/// The dialog does not own the sign-in flow; its owner connects them:
///
///   SignInFlow                 owner                      SignInDialog
///     | authorizeWithBrowser(url) |                             |
///     |-------------------------->| openAuthorizationPage(url) ->| web view loads url
///     |                           |                             | person signs in;
///     |<------------- GET 127.0.0.1:port/callback?code&state ---| page loads callback
///     | finished, no error() ---->| finish() ------------------>| closes
///     | finished with error() --->| showError(error) ---------->| explains, Cancel -> Close
///     |<---- cancel() ------------|<-------------- cancelled() -| Cancel / Esc
///
/// QtWebEngine is started only by openAuthorizationPage(), in an
/// off-the-record profile of this dialog alone (no cookies or cache kept
/// on disk or shared with the next sign-in). View, page and profile are
/// deleted when the dialog closes, and the page's renderer process ends
/// shortly after. Chromium's zygote processes and the browser side stay
/// until the process exits (QtWebEngine 6.4 cannot be shut down earlier),
/// which is why the app runs the dialog in a helper process that exits
/// when the sign-in ends. Pop-ups open in the same view; downloads,
/// permission requests and non-web URL schemes are refused.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    using Severity = SignInText::Severity;
    using Description = SignInText::Description;
    using Security = SignInText::Security;

    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    /// Starts the web engine (on first use), loads @p authorizationUrl and
    /// shows the dialog window-modal without blocking (QDialog::open()).
    void openAuthorizationPage(const QUrl &authorizationUrl);
    /// The window title names the server (none: the form's "Sign In").
    void setServerName(const QString &name);
    /// Shows @p error in plain words (describe()) above the page and turns
    /// Cancel into Close. Closing then emits no cancelled().
    void showError(const Mcpa::Error &error);
    /// The same with words computed elsewhere (the app, for the helper).
    void showErrorDescription(const Mcpa::SignInText::Description &description);
    /// The sign-in succeeded: closes the dialog (accepted), no cancelled().
    void finish();

    /// The web view while a page is shown; nullptr before openAuthorizationPage()
    /// and after the dialog closed. Its objectName is "webView".
    QWebEngineView *webView() const { return m_view; }
    Security security() const { return m_security; }

    /// The same as SignInText's (kept here for the dialog's own users).
    static Description describe(const Mcpa::Error &error) { return SignInText::describe(error); }
    static Security securityOf(const QUrl &url) { return SignInText::securityOf(url); }
    static QString displayAddress(const QUrl &url) { return SignInText::displayAddress(url); }
    /// Whether the page may go to @p url: http(s) and about:blank only.
    static bool allowsNavigationTo(const QUrl &url);

public Q_SLOTS:
    /// Cancel, Esc or closing the window: emits cancelled() unless the
    /// sign-in already ended (finish(), showError()), then closes.
    void reject() override;
    void done(int result) override;

Q_SIGNALS:
    /// The person cancelled the sign-in; the owner cancels its flow.
    void cancelled();

private:
    enum class Phase { Waiting, Loading, Callback, Failed, Closed };

    void createWebEngine();
    void releaseWebEngine();
    void onUrlChanged(const QUrl &url);
    void onLoadStarted();
    void onLoadProgress(int percent);
    void onLoadFinished(bool ok);
    void onNavigationRequested(QWebEngineNavigationRequest &request);
    void onNewWindowRequested(QWebEngineNewWindowRequest &request);
    void showSecurity(Security security);
    static bool isCallback(const QUrl &url);

    Ui::SignInDialog *m_ui;
    QWebEngineProfile *m_profile = nullptr; ///< owned; deleted after the view
    QWebEngineView *m_view = nullptr;
    Phase m_phase = Phase::Waiting;
    Security m_security = Security::None;
};

} // namespace Mcpa
