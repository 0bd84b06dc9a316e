#pragma once

#include "core/base/error.h"

#include <QDateTime>
#include <QDialog>
#include <QTimer>
#include <QUrl>

#include <functional>

namespace Ui {
class BrowserWaitDialog;
}

namespace Mcpa {

class Clock;

/// The sign-in in the system browser: "Continue in your browser", a
/// countdown to the sign-in's timeout, "Copy link", "Open again" and Cancel.
///
///   SignInFlow                 owner                      BrowserWaitDialog
///     | authorizeWithBrowser(url) |                             |
///     |-------------------------->| start(url, deadline) ------>| shows, counts down,
///     |                           |                             | opener(url): the browser
///     |<------------ GET 127.0.0.1:port/callback?code&state ----|-- (browser)
///     | finished, no error() ---->| finish() ------------------>| closes
///     | finished with error() --->| showError(error) ---------->| explains, Cancel -> Close
///     |<---- cancel() ------------|<-------------- cancelled() -| Cancel / Esc
///
/// The browser is opened through a replaceable opener (by default
/// QDesktopServices::openUrl); tests, or a per-server browser choice,
/// put their own in with setBrowserOpener(). The link holds no secret (only
/// the client id, state and PKCE challenge), so copying it is safe.
class BrowserWaitDialog : public QDialog
{
    Q_OBJECT
public:
    /// Opens @p url in a browser; false when no browser could be started.
    using BrowserOpener = std::function<bool(const QUrl &url)>;

    /// @p clock drives the countdown (tests inject a ManualClock).
    explicit BrowserWaitDialog(QWidget *parent = nullptr, const Clock *clock = nullptr);
    ~BrowserWaitDialog() override;

    /// Replaces how the browser is opened (default: QDesktopServices::openUrl).
    void setBrowserOpener(BrowserOpener opener);

    /// Shows the dialog window-modal without blocking, counts down to
    /// @p deadline (the sign-in's timeout) and opens @p url with the opener.
    void start(const QUrl &url, const QDateTime &deadline);
    /// Shows @p error in plain words (SignInText::describe()) and turns
    /// Cancel into Close. Closing then emits no cancelled().
    void showError(const Mcpa::Error &error);
    /// The sign-in succeeded: closes the dialog (accepted), no cancelled().
    void finish();

    QUrl url() const { return m_url; }
    QDateTime deadline() const { return m_deadline; }
    /// "mm:ss" left until the deadline, "00:00" after it.
    QString countdownText() const;
    /// @p seconds as "mm:ss" (minutes may exceed 59).
    static QString formatCountdown(qint64 seconds);

public Q_SLOTS:
    /// Opens @p url with the opener; on failure asks to copy the link instead.
    bool openInBrowser(const QUrl &url);
    /// Puts the sign-in link on the clipboard.
    void copyLink();
    /// Cancel, Esc or closing the window: emits cancelled() while the
    /// sign-in is still running, then closes.
    void reject() override;
    void done(int result) override;

Q_SIGNALS:
    /// The person cancelled the sign-in; the owner cancels its flow.
    void cancelled();
    /// "Open again" was pressed for @p url (the dialog then opens it itself).
    void openRequested(const QUrl &url);

private:
    void openAgain();
    void updateCountdown();

    Ui::BrowserWaitDialog *m_ui;
    const Clock *m_clock;
    BrowserOpener m_opener;
    QTimer m_ticker;
    QUrl m_url;
    QDateTime m_deadline;
    bool m_running = false;
};

} // namespace Mcpa
