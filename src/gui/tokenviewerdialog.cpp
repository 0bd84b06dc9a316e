#include "gui/tokenviewerdialog.h"

#include "core/base/clock.h"
#include "ui_tokenviewerdialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QTreeWidgetItem>

#include <cmath>

namespace Mcpa {

namespace {

using namespace std::chrono_literals;

constexpr auto DefaultClipboardClearDelay = 30s;
constexpr auto DefaultExpiryUpdateInterval = 30s;
/// The masked token: a fixed run of bullets, so it tells nothing about the token.
constexpr int MaskLength = 24;
/// Beyond this nesting depth a claim is shown as compact JSON.
constexpr int MaxTreeDepth = 8;
/// Longer claim values are cut for display.
constexpr int MaxValueLength = 2000;
/// 2^53: larger JSON numbers have lost integer precision anyway.
constexpr double LargestExactInteger = 9007199254740992.0;

/// Tells clipboard managers (KDE Klipper and others) not to keep a copied secret.
const QLatin1String PasswordManagerHint("x-kde-passwordManagerHint");

bool isNumericDateClaim(const QString &name)
{
    return name == QLatin1String("exp") || name == QLatin1String("iat")
        || name == QLatin1String("nbf") || name == QLatin1String("auth_time");
}

QString elided(const QString &text)
{
    if (text.size() <= MaxValueLength)
        return text;
    return text.left(MaxValueLength) + QChar(0x2026);
}

QString numberText(double value)
{
    if (std::isfinite(value) && std::floor(value) == value
        && std::fabs(value) <= LargestExactInteger)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', 17);
}

QString localDateTimeText(const QDateTime &dateTime)
{
    const QDateTime local = dateTime.toLocalTime();
    return QLocale().toString(local, QLocale::LongFormat);
}

/// The default Confirmation: a window-modal message box with Revoke and Cancel.
void askWithMessageBox(QWidget *parent, const QString &title, const QString &question,
                       const std::function<void(bool)> &answer)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, question, QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("revokeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *revoke
        = box->addButton(TokenViewerDialog::tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(QStringLiteral("confirmRevokeButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, revoke, answer](int) { answer(box->clickedButton() == revoke); });
    box->open();
}

} // namespace

TokenViewerDialog::TokenViewerDialog(const Clock *clock, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::TokenViewerDialog)
    , m_clock(clock ? clock : Clock::system())
    , m_expiryTimer(new QTimer(this))
    , m_clipboardTimer(new QTimer(this))
    , m_clipboardClearDelay(DefaultClipboardClearDelay)
    , m_confirmation(&askWithMessageBox)
{
    m_ui->setupUi(this);
    m_ui->tokenEdit->setUndoRedoEnabled(false); // no copy of the token in an undo stack
    m_ui->busyLabel->hide();
    m_ui->copyStatusLabel->clear();
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->notVerifiedIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    QFont bold = m_ui->notVerifiedLabel->font();
    bold.setBold(true);
    m_ui->notVerifiedLabel->setFont(bold);
    m_ui->claimsTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    if (QPushButton *close = m_ui->buttonBox->button(QDialogButtonBox::Close)) {
        close->setObjectName(QStringLiteral("closeButton"));
        close->setAccessibleName(tr("Close the token viewer"));
    }

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &TokenViewerDialog::reject);
    connect(m_ui->revealButton, &QPushButton::toggled, this, &TokenViewerDialog::updateTokenText);
    connect(m_ui->copyButton, &QPushButton::clicked, this, &TokenViewerDialog::copyToken);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, [this] {
        if (!m_busy)
            Q_EMIT refreshRequested();
    });
    connect(m_ui->revokeButton, &QPushButton::clicked, this, &TokenViewerDialog::confirmRevoke);

    m_clipboardTimer->setSingleShot(true);
    connect(m_clipboardTimer, &QTimer::timeout, this, [this] {
        m_ui->copyStatusLabel->setText(clearClipboardIfOurs() ? tr("Clipboard cleared.")
                                                              : QString());
    });
    m_expiryTimer->setInterval(DefaultExpiryUpdateInterval);
    connect(m_expiryTimer, &QTimer::timeout, this, &TokenViewerDialog::updateExpiry);
    m_expiryTimer->start();

    updateView();
}

TokenViewerDialog::~TokenViewerDialog()
{
    clearClipboardIfOurs();
    delete m_ui;
}

void TokenViewerDialog::setServer(const QString &name, const QUrl &url)
{
    m_serverName = name;
    m_serverUrl = url;
    updateView();
}

void TokenViewerDialog::setAccount(const AccountRecord &account)
{
    m_account = account;
    updateView();
}

void TokenViewerDialog::setTokens(const TokenSet &tokens)
{
    m_tokens = tokens;
    m_jwt = Jwt::decode(m_tokens.accessToken, &m_jwtFailure);
    if (!m_tokens.isValid())
        m_ui->revealButton->setChecked(false);
    updateView();
}

void TokenViewerDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ui->busyLabel->setVisible(busy);
    updateButtons();
}

bool TokenViewerDialog::isRevealed() const
{
    return m_ui->revealButton->isChecked();
}

void TokenViewerDialog::setClipboardClearDelay(std::chrono::milliseconds delay)
{
    m_clipboardClearDelay = delay;
}

void TokenViewerDialog::setExpiryUpdateInterval(std::chrono::milliseconds interval)
{
    m_expiryTimer->start(interval);
}

void TokenViewerDialog::setConfirmation(Confirmation confirmation)
{
    m_confirmation = confirmation ? std::move(confirmation) : Confirmation(&askWithMessageBox);
}

QString TokenViewerDialog::relativeExpiryText(const QDateTime &now, const QDateTime &expiresAt)
{
    if (!expiresAt.isValid() || !now.isValid())
        return tr("no expiry given");
    const qint64 seconds = now.secsTo(expiresAt);
    const qint64 minutes = (seconds < 0 ? -seconds : seconds) / 60;
    const qint64 hours = minutes / 60;
    const int days = static_cast<int>(qMin<qint64>(hours / 24, 1000000));
    if (seconds >= 0) {
        if (minutes == 0)
            return tr("expires in less than a minute");
        if (minutes < 60)
            return tr("expires in %n min", nullptr, static_cast<int>(minutes));
        if (hours < 48) {
            if (minutes % 60 == 0)
                return tr("expires in %n h", nullptr, static_cast<int>(hours));
            return tr("expires in %1 h %2 min").arg(hours).arg(minutes % 60);
        }
        return tr("expires in %n days", nullptr, days);
    }
    if (minutes == 0)
        return tr("expired just now");
    if (minutes < 60)
        return tr("expired %n min ago", nullptr, static_cast<int>(minutes));
    if (hours < 48)
        return tr("expired %n h ago", nullptr, static_cast<int>(hours));
    return tr("expired %n days ago", nullptr, days);
}

void TokenViewerDialog::done(int result)
{
    // Leaving the window ends the copy: a token on the clipboard goes now.
    if (clearClipboardIfOurs())
        m_ui->copyStatusLabel->setText(tr("Clipboard cleared."));
    QDialog::done(result);
}

void TokenViewerDialog::updateView()
{
    const QString server = m_serverName.isEmpty() ? m_serverUrl.host() : m_serverName;
    setWindowTitle(server.isEmpty() ? tr("Token") : tr("Token for %1").arg(server));
    if (m_serverUrl.isEmpty() || m_serverName.isEmpty())
        m_ui->serverLabel->setText(m_serverName.isEmpty() ? m_serverUrl.toDisplayString()
                                                          : m_serverName);
    else
        m_ui->serverLabel->setText(tr("%1 — %2").arg(m_serverName, m_serverUrl.toDisplayString()));
    m_ui->serverLabel->setVisible(!m_ui->serverLabel->text().isEmpty());
    updateTokenText();
    updateSummary();
    updateContents();
    updateExpiry();
    updateButtons();
}

void TokenViewerDialog::updateTokenText()
{
    const bool revealed = isRevealed() && m_tokens.isValid();
    QString text;
    if (!m_tokens.isValid())
        text = tr("No access token");
    else if (revealed)
        text = m_tokens.accessToken;
    else
        text = QString(MaskLength, QChar(0x2022));
    m_ui->tokenEdit->setPlainText(text);
    m_ui->tokenEdit->setAccessibleDescription(
        revealed ? QString() : tr("Hidden. Press Reveal to show the access token."));
    m_ui->revealButton->setText(revealed ? tr("&Hide") : tr("&Reveal"));
    m_ui->revealButton->setAccessibleName(revealed ? tr("Hide the access token")
                                                   : tr("Reveal the access token"));
}

void TokenViewerDialog::updateSummary()
{
    m_ui->identityLabel->setText(identityText());

    QString issuer = m_account.issuer;
    if (issuer.isEmpty() && m_jwt)
        issuer = m_jwt->issuer();
    m_ui->issuerLabel->setText(issuer.isEmpty() ? tr("Unknown") : issuer);

    if (m_jwt && !m_jwt->audience().isEmpty())
        m_ui->audienceLabel->setText(m_jwt->audience().join(QStringLiteral(", ")));
    else if (m_jwt)
        m_ui->audienceLabel->setText(tr("Not stated in the token"));
    else
        m_ui->audienceLabel->setText(tr("Not known (the token is not readable)"));

    QStringList scopes = m_tokens.scopes;
    if (scopes.isEmpty())
        scopes = m_account.grantedScopes;
    if (scopes.isEmpty() && m_jwt)
        scopes = m_jwt->scopes();
    m_ui->scopesLabel->setText(scopes.isEmpty() ? tr("None stated")
                                                : scopes.join(QLatin1Char(' ')));

    m_ui->refreshTokenLabel->setText(
        hasRefreshToken()
            ? tr("Present: the app renews the access token by itself (the refresh token "
                 "is never shown)")
            : tr("None: sign in again when the access token expires"));

    QString format;
    if (m_jwt)
        format = tr("JWT signed with %1 (not verified)").arg(m_jwt->algorithm());
    else if (m_jwtFailure == Jwt::Failure::Encrypted)
        format = tr("encrypted JWT (JWE)");
    else if (m_tokens.isValid())
        format = tr("opaque");
    const QString tokenType = m_tokens.tokenType.isEmpty() ? tr("Bearer") : m_tokens.tokenType;
    m_ui->tokenTypeLabel->setText(format.isEmpty() ? tokenType
                                                   : tr("%1, %2").arg(tokenType, format));
}

void TokenViewerDialog::updateContents()
{
    m_ui->claimsTree->clear();
    if (m_jwt) {
        fillClaims(*m_jwt);
        m_ui->contentsStack->setCurrentWidget(m_ui->jwtPage);
        return;
    }
    QString text;
    switch (m_jwtFailure) {
    case Jwt::Failure::Empty:
        text = tr("No access token.");
        break;
    case Jwt::Failure::Encrypted:
        text = tr("Encrypted token (JWE): only the server can read its contents, so they "
                  "cannot be shown.");
        break;
    case Jwt::Failure::TooLarge:
        text = tr("The token is too large to be decoded here.");
        break;
    default:
        text = tr("Opaque token (the server does not share its contents).");
        break;
    }
    m_ui->opaqueLabel->setText(text);
    m_ui->contentsStack->setCurrentWidget(m_ui->opaquePage);
}

void TokenViewerDialog::updateExpiry()
{
    const QDateTime expiresAt = effectiveExpiry();
    if (!expiresAt.isValid()) {
        m_ui->expiresAtLabel->setText(tr("Not stated by the server"));
        m_ui->expiresInLabel->clear();
        m_ui->expiresInLabel->hide();
        return;
    }
    m_ui->expiresAtLabel->setText(localDateTimeText(expiresAt));
    m_ui->expiresInLabel->setText(relativeExpiryText(m_clock->now(), expiresAt));
    m_ui->expiresInLabel->show();
    QFont font = m_ui->expiresInLabel->font();
    font.setBold(m_clock->now() >= expiresAt);
    m_ui->expiresInLabel->setFont(font);
}

void TokenViewerDialog::updateButtons()
{
    const bool hasToken = m_tokens.isValid();
    m_ui->revealButton->setEnabled(hasToken);
    m_ui->copyButton->setEnabled(hasToken);
    m_ui->refreshButton->setEnabled(!m_busy && hasRefreshToken());
    m_ui->refreshButton->setToolTip(
        hasRefreshToken() ? tr("Get a new access token with the refresh token now.")
                          : tr("There is no refresh token: sign in again to get a new access "
                               "token."));
    m_ui->revokeButton->setEnabled(!m_busy && (hasToken || hasRefreshToken()));
    m_ui->revokeButton->setToolTip(
        tr("Ask the server to revoke the tokens, then forget them here."));
}

void TokenViewerDialog::copyToken()
{
    if (!m_tokens.isValid())
        return;
    auto *data = new QMimeData;
    data->setText(m_tokens.accessToken);
    data->setData(PasswordManagerHint, QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(data, QClipboard::Clipboard);
    m_copiedToken = m_tokens.accessToken;
    m_clipboardTimer->start(m_clipboardClearDelay);
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(m_clipboardClearDelay).count();
    m_ui->copyStatusLabel->setText(
        tr("Copied. The clipboard is cleared in %n s or when this window closes.", nullptr,
           static_cast<int>(seconds)));
}

bool TokenViewerDialog::clearClipboardIfOurs()
{
    m_clipboardTimer->stop();
    // Copy put m_copiedToken there; Ctrl+C on the revealed text, the current token.
    const auto isOurs = [this](const QString &text) {
        return !text.isEmpty() && (text == m_copiedToken || text == m_tokens.accessToken);
    };
    QClipboard *clipboard = QGuiApplication::clipboard();
    bool cleared = false;
    if (isOurs(clipboard->text(QClipboard::Clipboard))) {
        clipboard->clear(QClipboard::Clipboard);
        cleared = true;
    }
    // The revealed token selected with the mouse sits in the X11 primary selection.
    if (clipboard->supportsSelection() && isOurs(clipboard->text(QClipboard::Selection)))
        clipboard->clear(QClipboard::Selection);
    m_copiedToken.clear();
    return cleared;
}

void TokenViewerDialog::confirmRevoke()
{
    if (m_busy)
        return;
    const QString server = m_serverName.isEmpty() ? m_serverUrl.toDisplayString() : m_serverName;
    const QPointer<TokenViewerDialog> self(this);
    m_confirmation(this, tr("Revoke tokens"),
                   tr("Revoke the tokens for %1? The server will no longer accept them, and "
                      "you will need to sign in again.")
                       .arg(server),
                   [self](bool confirmed) {
                       if (self && confirmed && !self->m_busy)
                           Q_EMIT self->revokeRequested();
                   });
}

void TokenViewerDialog::fillClaims(const DecodedJwt &jwt)
{
    auto *header = new QTreeWidgetItem(m_ui->claimsTree, { tr("Header") });
    for (auto it = jwt.header.constBegin(); it != jwt.header.constEnd(); ++it)
        addJsonItem(header, it.key(), it.value(), 1);
    auto *claims = new QTreeWidgetItem(m_ui->claimsTree, { tr("Claims") });
    for (auto it = jwt.payload.constBegin(); it != jwt.payload.constEnd(); ++it)
        addJsonItem(claims, it.key(), it.value(), 1);
    m_ui->claimsTree->expandAll();
}

void TokenViewerDialog::addJsonItem(QTreeWidgetItem *parent, const QString &key,
                                    const QJsonValue &value, int depth)
{
    auto *item = new QTreeWidgetItem(parent, { elided(key) });
    QString text;
    switch (value.type()) {
    case QJsonValue::String:
        text = elided(value.toString());
        break;
    case QJsonValue::Double:
        text = numberText(value.toDouble());
        if (depth == 1 && isNumericDateClaim(key)) {
            const QDateTime date = Jwt::numericDate(value);
            if (date.isValid())
                text = tr("%1 (%2)", "a NumericDate claim: seconds (local date and time)")
                           .arg(text, localDateTimeText(date));
        }
        break;
    case QJsonValue::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Null:
        text = QStringLiteral("null");
        break;
    case QJsonValue::Array:
    case QJsonValue::Object: {
        if (depth >= MaxTreeDepth) {
            const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray())
                                                           : QJsonDocument(value.toObject());
            text = elided(QString::fromUtf8(document.toJson(QJsonDocument::Compact)));
            break;
        }
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype index = 0; index < array.size(); ++index)
                addJsonItem(item, QString::number(index), array.at(index), depth + 1);
        } else {
            const QJsonObject object = value.toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                addJsonItem(item, it.key(), it.value(), depth + 1);
        }
        break;
    }
    case QJsonValue::Undefined:
        break;
    }
    item->setText(1, text);
}

QString TokenViewerDialog::identityText() const
{
    QString name = m_account.name;
    QString email = m_account.email;
    QString subject = m_account.subject;
    // The id token's claims name the person; the access token's may too.
    const std::optional<DecodedJwt> idToken = Jwt::decode(m_tokens.idToken);
    for (const std::optional<DecodedJwt> *source : { &idToken, &m_jwt }) {
        if (!source->has_value())
            continue;
        if (name.isEmpty())
            name = (*source)->name();
        if (email.isEmpty())
            email = (*source)->email();
        if (subject.isEmpty())
            subject = (*source)->subject();
    }
    if (!name.isEmpty() && !email.isEmpty())
        return tr("%1 (%2)", "identity: name (email)").arg(name, email);
    if (!name.isEmpty())
        return name;
    if (!email.isEmpty())
        return email;
    if (!subject.isEmpty())
        return tr("Subject %1").arg(subject);
    return tr("Not shared by the server");
}

QDateTime TokenViewerDialog::effectiveExpiry() const
{
    if (m_tokens.expiresAt.isValid())
        return m_tokens.expiresAt;
    if (m_account.expiresAt.isValid())
        return m_account.expiresAt;
    return m_jwt ? m_jwt->expiresAt() : QDateTime();
}

bool TokenViewerDialog::hasRefreshToken() const
{
    return !m_tokens.refreshToken.isEmpty() || m_account.hasRefreshToken;
}

} // namespace Mcpa
