#include "gui/browserwaitdialog.h"

#include "core/base/clock.h"
#include "gui/signintext.h"
#include "ui_browserwaitdialog.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>

namespace Mcpa {

BrowserWaitDialog::BrowserWaitDialog(QWidget *parent, const Clock *clock)
    : QDialog(parent)
    , m_ui(new Ui::BrowserWaitDialog)
    , m_clock(clock ? clock : Clock::system())
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    m_ui->setupUi(this);
    QFont headingFont = m_ui->headingLabel->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    m_ui->headingLabel->setFont(headingFont);
    QFont titleFont = m_ui->errorTitle->font();
    titleFont.setBold(true);
    m_ui->errorTitle->setFont(titleFont);
    m_ui->countdownCaption->setBuddy(m_ui->countdownLabel);

    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &BrowserWaitDialog::updateCountdown);
    connect(m_ui->copyLinkButton, &QPushButton::clicked, this, &BrowserWaitDialog::copyLink);
    connect(m_ui->openAgainButton, &QPushButton::clicked, this, &BrowserWaitDialog::openAgain);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &BrowserWaitDialog::reject);
}

BrowserWaitDialog::~BrowserWaitDialog()
{
    delete m_ui;
}

void BrowserWaitDialog::setBrowserOpener(BrowserOpener opener)
{
    m_opener = std::move(opener);
}

void BrowserWaitDialog::start(const QUrl &url, const QDateTime &deadline)
{
    m_url = url;
    m_deadline = deadline;
    m_running = true;
    m_ui->explanationLabel->setText(
        tr("The sign-in page of %1 opens in your browser. Sign in there; this window "
           "closes by itself when you are done.")
            .arg(url.host()));
    m_ui->statusLabel->clear();
    m_ui->errorPanel->setVisible(false);
    m_ui->copyLinkButton->setEnabled(true);
    m_ui->openAgainButton->setEnabled(true);
    m_ui->cancelButton->setText(tr("Cancel"));
    m_ui->cancelButton->setAccessibleName(tr("Cancel sign-in"));
    updateCountdown();
    m_ticker.start();
    QDialog::open();
    openInBrowser(url);
}

void BrowserWaitDialog::showError(const Error &error)
{
    const SignInText::Description description = SignInText::describe(error);
    m_running = false;
    m_ticker.stop();
    m_ui->errorTitle->setText(description.title);
    m_ui->errorText->setText(description.text);
    m_ui->errorPanel->setVisible(true);
    m_ui->statusLabel->clear();
    m_ui->openAgainButton->setEnabled(false);
    m_ui->copyLinkButton->setEnabled(false);
    m_ui->cancelButton->setText(tr("Close"));
    m_ui->cancelButton->setAccessibleName(tr("Close"));
    m_ui->cancelButton->setFocus();
}

void BrowserWaitDialog::finish()
{
    m_running = false;
    accept();
}

bool BrowserWaitDialog::openInBrowser(const QUrl &url)
{
    if (m_opener && m_opener(url))
        return true;
    m_ui->statusLabel->setText(tr("No browser could be opened. Copy the link and open it in "
                                  "your browser yourself."));
    return false;
}

void BrowserWaitDialog::copyLink()
{
    if (m_url.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_url.toString(QUrl::FullyEncoded));
    m_ui->statusLabel->setText(tr("Link copied. Paste it into your browser's address bar."));
}

void BrowserWaitDialog::reject()
{
    const bool running = m_running;
    m_running = false;
    if (running)
        Q_EMIT cancelled();
    QDialog::reject();
}

void BrowserWaitDialog::done(int result)
{
    m_running = false;
    m_ticker.stop();
    QDialog::done(result);
}

void BrowserWaitDialog::openAgain()
{
    Q_EMIT openRequested(m_url);
    openInBrowser(m_url);
}

QString BrowserWaitDialog::countdownText() const
{
    const qint64 milliseconds = m_clock->now().msecsTo(m_deadline);
    // Round up: "00:01" until the last second has passed.
    return formatCountdown(milliseconds > 0 ? (milliseconds + 999) / 1000 : 0);
}

QString BrowserWaitDialog::formatCountdown(qint64 seconds)
{
    seconds = qMax<qint64>(seconds, 0);
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void BrowserWaitDialog::updateCountdown()
{
    const QString text = countdownText();
    m_ui->countdownLabel->setText(text);
    m_ui->countdownLabel->setAccessibleDescription(text);
    if (m_clock->now() >= m_deadline)
        m_ticker.stop();
}

} // namespace Mcpa
