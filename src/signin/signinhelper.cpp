#include "signin/signinhelper.h"

#include "gui/apptranslator.h"
#include "signin/signindialog.h"

#include <QApplication>
#include <QLocale>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTranslator>
#include <QWebEngineView>

#include <cerrno>

#include <unistd.h>

namespace Mcpa {

namespace {

void complain(const char *what)
{
    // Never the message itself: it may hold an authorization URL.
    QTextStream(stderr) << "mcp-accounts-signin: " << what << Qt::endl;
}

} // namespace

SignInHelper::SignInHelper(int inputFd, int outputFd, QObject *parent)
    : QObject(parent)
    , m_inputFd(inputFd)
    , m_notifier(new QSocketNotifier(inputFd, QSocketNotifier::Read, this))
{
    if (!m_output.open(outputFd, QIODevice::WriteOnly | QIODevice::Unbuffered))
        complain("cannot write events");
    connect(m_notifier, &QSocketNotifier::activated, this, &SignInHelper::readInput);
}

SignInHelper::~SignInHelper()
{
    delete m_dialog;
}

void SignInHelper::readInput()
{
    char buffer[16384];
    const ssize_t count = ::read(m_inputFd, buffer, sizeof buffer);
    if (count < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (count <= 0) {
        // The app closed our stdin or went away: nobody waits for this sign-in.
        m_notifier->setEnabled(false);
        end();
        return;
    }
    const QList<QJsonObject> messages = m_protocol.feed(QByteArray(buffer, count));
    if (m_protocol.hasError())
        complain("ignored a malformed line");
    for (const QJsonObject &message : messages)
        handle(message);
}

void SignInHelper::handle(const QJsonObject &message)
{
    const QString command = message.value(QStringLiteral("command")).toString();
    if (command == QLatin1String("open"))
        open(message);
    else if (command == QLatin1String("error"))
        showError(message);
    else if (command == QLatin1String("finish"))
        end();
}

SignInDialog *SignInHelper::ensureDialog(const QString &language)
{
    if (m_dialog || m_ending)
        return m_dialog;
    // Before the dialog exists: its form is translated when it is set up.
    applyLanguage(language);
    m_dialog = new SignInDialog;
    m_dialog->setObjectName(QStringLiteral("signInDialog"));
    connect(m_dialog, &SignInDialog::cancelled, this,
            [this] { send(SignInProtocol::event(QStringLiteral("cancelled"))); });
    connect(m_dialog, &QDialog::finished, this, &SignInHelper::onDialogFinished);
    return m_dialog;
}

void SignInHelper::open(const QJsonObject &message)
{
    if (m_opened || m_ending)
        return;
    const QUrl url(message.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        complain("refused to open an address that is not http(s)");
        return;
    }
    if (!ensureDialog(message.value(QStringLiteral("language")).toString()))
        return;
    m_opened = true;
    m_dialog->setServerName(message.value(QStringLiteral("title")).toString());
    m_dialog->openAuthorizationPage(url);
    m_dialog->raise();
    m_dialog->activateWindow();
    if (QWebEngineView *view = m_dialog->webView()) {
        connect(view, &QWebEngineView::loadFinished, this, [this](bool ok) {
            send(SignInProtocol::event(QStringLiteral("loaded"), { { QStringLiteral("ok"), ok } }));
        });
    }
}

void SignInHelper::showError(const QJsonObject &message)
{
    if (!ensureDialog(message.value(QStringLiteral("language")).toString()))
        return;
    SignInText::Description description;
    description.title = message.value(QStringLiteral("title")).toString();
    description.text = message.value(QStringLiteral("text")).toString();
    description.severity
        = SignInText::severityFromName(message.value(QStringLiteral("severity")).toString());
    m_dialog->showErrorDescription(description);
    if (!m_dialog->isVisible())
        m_dialog->open();
}

void SignInHelper::end()
{
    if (m_ending)
        return;
    if (m_dialog && m_dialog->isVisible()) {
        m_dialog->finish(); // closes; onDialogFinished() goes on from there
        return;
    }
    m_ending = true;
    if (m_dialog) {
        connect(m_dialog, &QObject::destroyed, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        m_dialog->deleteLater();
    } else {
        QCoreApplication::quit();
    }
}

void SignInHelper::closeByRequest()
{
    if (m_dialog && m_dialog->isVisible())
        m_dialog->reject(); // cancelled (if running), closed, then the end
    else
        end();
}

void SignInHelper::onDialogFinished()
{
    send(SignInProtocol::event(QStringLiteral("closed")));
    // The view and its profile are already on their way (deleteLater); the
    // dialog follows them, then the process ends and Chromium's processes
    // with it.
    end();
}

void SignInHelper::send(const QByteArray &line)
{
    if (!m_output.isOpen())
        return;
    if (m_output.write(line) != line.size())
        complain("the app no longer reads the events");
}

void SignInHelper::applyLanguage(const QString &code)
{
    m_translator = replaceAppTranslator(m_translator, code, this);
}

} // namespace Mcpa
