#pragma once

#include "signin/signinprotocol.h"

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace Mcpa {

class Error;

/// The embedded sign-in as the app sees it: the same role as SignInDialog
/// (openAuthorizationPage(), showError(), finish(), cancelled()), but the
/// dialog and QtWebEngine run in the helper process mcp-accounts-signin,
/// started for one sign-in and gone when it ends. The app never loads
/// QtWebEngine; Chromium's processes leave with the helper.
///
///   owner                     EmbeddedSignIn                 mcp-accounts-signin
///     | openAuthorizationPage(url) | start, stdin: open(url) --->| dialog, web view
///     |<------ pageLoaded(ok) -----|<------------ loaded -------|
///     |<------ cancelled() --------|<------------ cancelled ----| Cancel / Esc
///     | showError(error) --------->| error(title, text) ------->| explains, Cancel -> Close
///     | finish() ----------------->| finish, close stdin ------>| closes, exits
///     |<------ closed() -----------| helper exited (or killed after exitTimeout())
///
/// The callback still reaches the app's 127.0.0.1 listener; the helper only
/// shows the pages. The URL travels on stdin, never on a command line, and
/// the helper's stderr is dropped unless MCP_ACCOUNTS_SIGNIN_LOG is set
/// (Chromium's messages may name pages). When the helper is missing, cannot
/// start or dies during the sign-in, failed() says so in plain words
/// (suggesting the system browser) and closed() follows; nothing hangs.
class EmbeddedSignIn : public QObject
{
    Q_OBJECT
public:
    explicit EmbeddedSignIn(QObject *parent = nullptr);
    /// A helper still running is told to finish, then killed if it does not.
    ~EmbeddedSignIn() override;

    /// The helper program: $MCP_ACCOUNTS_SIGNIN_HELPER if set, else
    /// mcp-accounts-signin next to the app's executable, else in the
    /// installed libexec directory relative to it. Empty when none exists.
    static QString findHelper();
    /// The environment the helper starts with: the app's, without what
    /// would open Chromium's DevTools to every local user during the sign-in
    /// (QTWEBENGINE_REMOTE_DEBUGGING, and --remote-debugging-*,
    /// --remote-allow-origins and --auto-open-devtools-for-tabs in
    /// QTWEBENGINE_CHROMIUM_FLAGS). Only MCP_ACCOUNTS_SIGNIN_DEVTOOLS=
    /// 127.0.0.1:PORT, a deliberate switch for tests and developers, opens
    /// DevTools, on the loopback address only.
    static QProcessEnvironment helperEnvironment(const QProcessEnvironment &app);
    /// Overrides findHelper() for this sign-in (tests).
    void setProgram(const QString &program) { m_program = program; }
    QString program() const { return m_program; }

    /// The server's name for the helper's window title.
    void setTitle(const QString &title) { m_title = title; }
    /// The app's language: "" (system), "en", "de", "fr".
    void setLanguage(const QString &code) { m_language = code; }
    /// How long the helper may take to exit after finish() (default 5 s).
    void setExitTimeout(int milliseconds) { m_exitTimeout.setInterval(milliseconds); }
    int exitTimeout() const { return m_exitTimeout.interval(); }

    /// Starts the helper and shows @p authorizationUrl in it.
    void openAuthorizationPage(const QUrl &authorizationUrl);
    /// Shows @p error in the helper's window (words from SignInText::describe()).
    void showError(const Mcpa::Error &error);
    /// The sign-in ended: the helper closes its window and exits. No cancelled().
    void finish();

    /// The helper's process id while it runs, else 0.
    qint64 processId() const;
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

Q_SIGNALS:
    /// The helper finished loading a page (ok: without an error).
    void pageLoaded(bool ok);
    /// The person cancelled in the helper's window; the owner cancels its flow.
    void cancelled();
    /// The embedded sign-in cannot go on (no helper, it did not start or it
    /// died): @p message says so and suggests the system browser. The owner
    /// cancels its flow.
    void failed(const QString &message);
    /// The helper has exited (or was never started); emitted once, last.
    void closed();

private:
    enum class Phase { Idle, Running, Ending, Closed };

    void onStarted();
    void onErrorOccurred(QProcess::ProcessError error);
    void onFinished();
    void onReadyRead();
    void send(const QByteArray &line);
    void fail(const QString &message);
    void close();

    QProcess m_process;
    QTimer m_exitTimeout;
    SignInProtocol m_protocol;
    QString m_program;
    QString m_title;
    QString m_language;
    QUrl m_url;
    Phase m_phase = Phase::Idle;
    bool m_errorShown = false; ///< the flow ended with an error shown in the helper
};

} // namespace Mcpa
