#pragma once

#include "signin/signindialog.h"
#include "signin/signinprotocol.h"

#include <QFile>
#include <QObject>
#include <QPointer>

class QSocketNotifier;
class QTranslator;

namespace Mcpa {

/// The sign-in helper's side of SignInProtocol: reads commands from a file
/// descriptor (stdin), drives one SignInDialog and writes its events to
/// another (the original stdout). Quits the application once the dialog
/// has closed and its web view is gone, on "finish" and at the end of the
/// input (the app went away). SIGTERM closes the window like Cancel.
class SignInHelper : public QObject
{
    Q_OBJECT
public:
    /// Reads from @p inputFd, writes to @p outputFd (both stay open).
    SignInHelper(int inputFd, int outputFd, QObject *parent = nullptr);
    ~SignInHelper() override;

    SignInDialog *dialog() const { return m_dialog; }

    /// Asked to quit (SIGTERM, SIGINT: the session ends, someone stops it):
    /// closes the window as Cancel would (a running sign-in is cancelled),
    /// then ends like after any close.
    void closeByRequest();

private:
    void readInput();
    void handle(const QJsonObject &message);
    SignInDialog *ensureDialog(const QString &language);
    void open(const QJsonObject &message);
    void showError(const QJsonObject &message);
    void end();
    void onDialogFinished();
    void send(const QByteArray &line);
    void applyLanguage(const QString &code);

    int m_inputFd;
    QFile m_output;
    QSocketNotifier *m_notifier;
    SignInProtocol m_protocol;
    QPointer<SignInDialog> m_dialog;
    QTranslator *m_translator = nullptr;
    bool m_opened = false;
    bool m_ending = false;
};

} // namespace Mcpa
