#include "gui/serverdialog.h"

#include "core/store/serverids.h"
#include "core/store/serverregistry.h"

#include "ui_serverdialog.h"

#include "core/accounts/servercheckjob.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"
#include "gui/diagnosticsdialog.h"
#include "gui/signintext.h"

#include <QAction>
#include <QHostAddress>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QTimer>

namespace Mcpa {

namespace {

constexpr std::chrono::milliseconds DefaultCheckDelay { 700 };
/// Shorter than the engine's default: a person is waiting for this answer.
constexpr std::chrono::milliseconds CheckTimeout { 10000 };
/// Server-provided names are shown, but not at any length.
constexpr int MaxServerNameLength = 80;

constexpr int AutomaticAuthMethod = -1;

} // namespace

ServerDialog::ServerDialog(Mode mode, HttpClient *http, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::ServerDialog)
    , m_mode(mode)
    , m_http(http)
    , m_checkDelay(new QTimer(this))
    , m_checkTrace(new Trace(this))
{
    m_ui->setupUi(this);
    setWindowTitle(mode == Mode::Add ? tr("Add Server") : tr("Edit Server"));
    setUpFields();
    setUpCheck();
    setRecord(ServerRecord());
    m_ui->urlEdit->setFocus();
}

ServerDialog::~ServerDialog()
{
    stopCheck();
    delete m_ui;
}

void ServerDialog::setUpFields()
{
    m_ui->authMethodCombo->addItem(tr("Automatic"), AutomaticAuthMethod);
    m_ui->authMethodCombo->addItem(tr("None (public client)"),
                                   static_cast<int>(ClientAuthMethod::None));
    m_ui->authMethodCombo->addItem(tr("Secret in the request body (client_secret_post)"),
                                   static_cast<int>(ClientAuthMethod::ClientSecretPost));
    m_ui->authMethodCombo->addItem(tr("Secret in the Authorization header (client_secret_basic)"),
                                   static_cast<int>(ClientAuthMethod::ClientSecretBasic));
    // Host names, not words: the same in every language.
    m_ui->redirectHostCombo->addItem(QStringLiteral("127.0.0.1"));
    m_ui->redirectHostCombo->addItem(QStringLiteral("localhost"));
    m_ui->browserCombo->addItem(tr("App default"), QString());
    m_ui->browserCombo->addItem(tr("A window inside the app"), QStringLiteral("embedded"));
    m_ui->browserCombo->addItem(tr("The system web browser"), QStringLiteral("system"));

    if (QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok)) {
        ok->setObjectName(QStringLiteral("okButton"));
        ok->setAccessibleName(m_mode == Mode::Add ? tr("Add the server") : tr("Save the server"));
    }
    if (QPushButton *cancel = m_ui->buttonBox->button(QDialogButtonBox::Cancel)) {
        cancel->setObjectName(QStringLiteral("cancelButton"));
        cancel->setAccessibleName(tr("Discard the changes"));
    }

    // A problem shows as a warning icon inside the field and a sentence under
    // it: readable without colour, in any palette.
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (QLineEdit *edit : { m_ui->urlEdit, m_ui->nameEdit, m_ui->clientMetadataUrlEdit }) {
        QAction *action = edit->addAction(warning, QLineEdit::TrailingPosition);
        action->setVisible(false);
        m_problemActions.append(action);
    }

    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &ServerDialog::validate);
    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &ServerDialog::onUrlChanged);
    connect(m_ui->urlEdit, &QLineEdit::textEdited, this, &ServerDialog::onUrlEdited);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &ServerDialog::validate);
    connect(m_ui->clientMetadataUrlEdit, &QLineEdit::textChanged, this, [this] {
        validate();
        showRegistration();
    });
    connect(m_ui->clientIdEdit, &QLineEdit::textChanged, this, &ServerDialog::showRegistration);
    connect(m_ui->advancedToggle, &QToolButton::toggled, this, &ServerDialog::onAdvancedToggled);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ServerDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ServerDialog::reject);
    onAdvancedToggled(false);
}

void ServerDialog::setUpCheck()
{
    m_checkDelay->setObjectName(QStringLiteral("checkDelayTimer"));
    m_checkDelay->setSingleShot(true);
    m_checkDelay->setInterval(DefaultCheckDelay);
    connect(m_checkDelay, &QTimer::timeout, this, &ServerDialog::startCheck);
    connect(m_ui->checkButton, &QPushButton::clicked, this, [this] {
        if (isChecking())
            stopCheck();
        else
            startCheck();
    });
    connect(m_ui->checkDetailsButton, &QPushButton::clicked, this, &ServerDialog::showCheckDetails);
    m_ui->checkGroup->setVisible(m_http != nullptr);
    clearCheck();
}

void ServerDialog::setRecord(const ServerRecord &record)
{
    m_record = record;
    m_ui->urlEdit->setText(record.mcpUrl.toString());
    m_ui->nameEdit->setText(record.name);
    m_ui->clientIdEdit->setText(record.clientId);
    m_ui->clientSecretEdit->clear();
    const int method
        = record.authMethod ? static_cast<int>(*record.authMethod) : AutomaticAuthMethod;
    m_ui->authMethodCombo->setCurrentIndex(qMax(0, m_ui->authMethodCombo->findData(method)));
    m_ui->clientMetadataUrlEdit->setText(record.clientMetadataUrl.toString());
    m_ui->scopesEdit->setText(record.scopes.join(QLatin1Char(' ')));
    m_ui->callbackPortSpin->setValue(record.callbackPort);
    int host = m_ui->redirectHostCombo->findText(record.redirectHost);
    if (host < 0 && !record.redirectHost.isEmpty()) {
        // Not one this version offers: keep it rather than change it silently.
        m_ui->redirectHostCombo->addItem(record.redirectHost);
        host = m_ui->redirectHostCombo->count() - 1;
    }
    m_ui->redirectHostCombo->setCurrentIndex(qMax(0, host));
    m_ui->sendResourceCheck->setChecked(record.sendResource);
    m_ui->browserCombo->setCurrentIndex(qMax(0, m_ui->browserCombo->findData(record.browser)));

    const ServerRecord defaults;
    const bool advanced = !record.clientId.isEmpty() || record.authMethod
        || !record.clientMetadataUrl.isEmpty() || !record.scopes.isEmpty()
        || record.callbackPort != 0 || record.redirectHost != defaults.redirectHost
        || !record.sendResource || !record.browser.isEmpty();
    m_ui->advancedToggle->setChecked(advanced);

    stopCheck();
    clearCheck();
    validate();
}

ServerRecord ServerDialog::record() const
{
    ServerRecord record = m_record;
    record.mcpUrl = QUrl(m_ui->urlEdit->text().trimmed());
    const QString name = m_ui->nameEdit->text().trimmed();
    record.name = name.isEmpty() ? record.mcpUrl.host() : name;
    if (m_mode == Mode::Add)
        record.id = derivedId();
    record.clientId = m_ui->clientIdEdit->text().trimmed();
    const int method = m_ui->authMethodCombo->currentData().toInt();
    if (method == AutomaticAuthMethod)
        record.authMethod.reset();
    else
        record.authMethod = static_cast<ClientAuthMethod>(method);
    const QString metadataUrl = m_ui->clientMetadataUrlEdit->text().trimmed();
    record.clientMetadataUrl = metadataUrl.isEmpty() ? QUrl() : QUrl(metadataUrl);
    record.scopes = m_ui->scopesEdit->text().split(QRegularExpression(QStringLiteral("\\s+")),
                                                   Qt::SkipEmptyParts);
    record.callbackPort = static_cast<quint16>(m_ui->callbackPortSpin->value());
    record.redirectHost = m_ui->redirectHostCombo->currentText();
    record.sendResource = m_ui->sendResourceCheck->isChecked();
    record.browser = m_ui->browserCombo->currentData().toString();
    return record;
}

QString ServerDialog::clientSecret() const
{
    return m_ui->clientSecretEdit->text();
}

void ServerDialog::setClientSecretStored(bool stored)
{
    m_ui->clientSecretEdit->setPlaceholderText(
        stored ? tr("Stored in the keychain; leave empty to keep it")
               : tr("Only for a client that has one"));
}

void ServerDialog::setExistingIds(const QStringList &ids)
{
    m_existingIds = ids;
    validate();
}

QString ServerDialog::derivedId() const
{
    if (m_mode == Mode::Edit)
        return m_record.id;
    return deriveId(m_ui->nameEdit->text().trimmed(), parsedUrl());
}

QString ServerDialog::deriveId(const QString &name, const QUrl &url)
{
    return ServerIds::base(name, url);
}

bool ServerDialog::isValid() const
{
    return parsedUrl().isValid() && nameProblem().isEmpty() && clientMetadataUrlProblem().isEmpty();
}

void ServerDialog::accept()
{
    if (!isValid())
        return;
    QDialog::accept();
}

void ServerDialog::done(int result)
{
    stopCheck();
    if (m_detailsDialog)
        m_detailsDialog->close();
    QDialog::done(result);
}

// ---- validation -------------------------------------------------------------

QUrl ServerDialog::parsedUrl(QString *problem) const
{
    QString reason;
    const QString text = m_ui->urlEdit->text().trimmed();
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (text.isEmpty()) {
        // Nothing typed yet is not a mistake.
    } else if (!url.isValid() || scheme.isEmpty() || url.host().isEmpty()) {
        reason = tr("This is not a complete web address. It should look like "
                    "https://example.com/mcp.");
    } else if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        reason = tr("Use an address that starts with https://.");
    } else if (!url.userInfo().isEmpty()) {
        reason = tr("Leave the user name and password out of the address; signing in takes "
                    "care of that.");
    } else if (const Error error = UrlPolicy::check(url, QStringLiteral("the MCP URL"))) {
        reason = error.code() == Error::Code::InsecureUrl
            ? tr("Plain http is only allowed for this computer (loopback). Use https:// for "
                 "this server.")
            : tr("This is not a complete web address. It should look like "
                 "https://example.com/mcp.");
    }
    if (problem)
        *problem = reason;
    if (text.isEmpty() || !reason.isEmpty())
        return {};
    return url;
}

QString ServerDialog::nameProblem() const
{
    if (m_mode != Mode::Add || !parsedUrl().isValid())
        return {};
    const QString id = derivedId();
    if (!m_existingIds.contains(id))
        return {};
    return m_ui->nameEdit->text().trimmed().isEmpty()
        ? tr("You already have a server with the ID \u201c%1\u201d. Enter a name to tell them "
             "apart.")
              .arg(id)
        : tr("You already have a server with the ID \u201c%1\u201d. Choose a different name.")
              .arg(id);
}

QString ServerDialog::clientMetadataUrlProblem() const
{
    // The rules of a Client ID Metadata Document URL (it becomes the client_id).
    const QString text = m_ui->clientMetadataUrlEdit->text().trimmed();
    if (text.isEmpty())
        return {};
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        return tr("This is not a complete web address. It should look like "
                  "https://example.com/client.json.");
    if (url.scheme().toLower() != QLatin1String("https"))
        return tr("The client metadata document must be at an https:// address.");
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        return tr("The address needs a path, like https://example.com/client.json.");
    if (url.hasFragment())
        return tr("The address must not have a # part.");
    return {};
}

void ServerDialog::validate()
{
    QString urlProblemText;
    const QUrl url = parsedUrl(&urlProblemText);
    showProblem(Field::Url, urlProblemText);
    showProblem(Field::Name, nameProblem());
    showProblem(Field::ClientMetadataUrl, clientMetadataUrlProblem());

    m_ui->nameEdit->setPlaceholderText(url.isValid() ? url.host()
                                                     : tr("Shown in the list of servers"));
    const QString id = derivedId();
    m_ui->idHintLabel->setVisible(url.isValid() && !id.isEmpty());
    m_ui->idHintLabel->setText(tr("ID: %1 (for the command line)").arg(id));

    if (QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok))
        ok->setEnabled(isValid());
    m_ui->checkButton->setEnabled(isChecking() || url.isValid());
}

void ServerDialog::showProblem(Field field, const QString &problem)
{
    QLabel *label = nullptr;
    switch (field) {
    case Field::Url:
        label = m_ui->urlErrorLabel;
        break;
    case Field::Name:
        label = m_ui->nameErrorLabel;
        break;
    case Field::ClientMetadataUrl:
        label = m_ui->clientMetadataUrlErrorLabel;
        break;
    }
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
    QAction *icon = m_problemActions.value(static_cast<int>(field));
    if (icon) {
        icon->setVisible(!problem.isEmpty());
        icon->setToolTip(problem);
    }
}

void ServerDialog::onAdvancedToggled(bool expanded)
{
    m_ui->advancedWidget->setVisible(expanded);
    m_ui->advancedToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_ui->advancedToggle->setAccessibleName(expanded ? tr("Hide the advanced settings")
                                                     : tr("Show the advanced settings"));
    if (expanded && isVisible())
        resize(width(), qMax(height(), sizeHint().height()));
}

// ---- live check --------------------------------------------------------------

void ServerDialog::setCheckDelay(std::chrono::milliseconds delay)
{
    m_checkDelay->setInterval(delay);
}

bool ServerDialog::isChecking() const
{
    return m_checkResult == CheckResult::Running;
}

void ServerDialog::onUrlChanged()
{
    // Whatever was found is about another URL now.
    const QUrl url = parsedUrl();
    if (url.isValid() && url == m_checkedUrl)
        return;
    abandonCheck();
    clearCheck();
    if (!url.isValid())
        m_checkDelay->stop();
}

void ServerDialog::onUrlEdited()
{
    // Only the person's typing checks by itself (not setRecord()), once it pauses.
    const QUrl url = parsedUrl();
    if (m_http && url.isValid() && url != m_checkedUrl)
        m_checkDelay->start();
}

void ServerDialog::startCheck()
{
    m_checkDelay->stop();
    const QUrl url = parsedUrl();
    if (!m_http || !url.isValid())
        return;
    abandonCheck();
    clearCheck();
    m_checkedUrl = url;

    m_check = new ServerCheckJob(m_http, url, checkSettings(), this);
    m_check->setTimeout(CheckTimeout);
    m_check->setTrace(m_checkTrace);
    connect(m_check, &ServerCheckJob::signInRequired, this, [this] {
        showStatus(CheckResult::Running,
                   tr("This server needs sign-in. Looking for its authorization server\u2026"));
    });
    connect(m_check, &Job::finished, this, [this] { onCheckFinished(m_check->result()); });

    showStatus(CheckResult::Running, tr("Checking the server\u2026"));
    m_ui->checkProgress->show();
    m_ui->checkButton->setText(tr("&Stop"));
    m_ui->checkButton->setAccessibleName(tr("Stop checking the server"));
    m_ui->checkDetailsButton->setEnabled(true); // the details follow the check live
    m_check->start();
}

void ServerDialog::stopCheck()
{
    m_checkDelay->stop();
    abandonCheck();
}

void ServerDialog::abandonCheck()
{
    // The cancelled job drops its steps' answers and deletes itself.
    if (m_check) {
        m_check->disconnect(this);
        m_check->cancel();
    }
    m_check = nullptr;
    if (m_checkResult == CheckResult::Running) {
        m_checkTrace->warning(QStringLiteral("Check stopped"));
        showStatus(CheckResult::None, tr("The check was stopped."));
    }
    finishCheck();
}

ServerCheckSettings ServerDialog::checkSettings() const
{
    const ServerRecord edited = record();
    ServerCheckSettings settings;
    settings.clientId = edited.clientId;
    settings.authMethod = edited.authMethod;
    // A metadata document URL with a problem is not used.
    if (clientMetadataUrlProblem().isEmpty())
        settings.clientMetadataUrl = edited.clientMetadataUrl;
    settings.preferredIssuer = m_record.preferredIssuer;
    return settings;
}

void ServerDialog::onCheckFinished(const ServerCheckResult &result)
{
    m_check = nullptr; // it deletes itself
    const ProbeResult &probe = result.probe;
    switch (result.outcome) {
    case ServerCheckResult::Outcome::None:
        break;
    case ServerCheckResult::Outcome::Open: {
        const QString name = probe.serverName.left(MaxServerNameLength).simplified();
        showStatus(CheckResult::Open,
                   name.isEmpty()
                       ? tr("No sign-in needed: the server answers without it.")
                       : tr("No sign-in needed: the server (%1) answers without it.").arg(name));
        break;
    }
    case ServerCheckResult::Outcome::Unreachable:
        showStatus(
            CheckResult::Unreachable,
            tr("Can't reach the server (%1).").arg(reasonText(result.error, probe.httpStatus)),
            result.error.detail());
        break;
    case ServerCheckResult::Outcome::NotMcp:
        showStatus(CheckResult::NotMcp,
                   tr("The server answered, but not like an MCP server (%1). Check the URL.")
                       .arg(reasonText(result.error, probe.httpStatus)),
                   result.error.detail());
        break;
    case ServerCheckResult::Outcome::SignInRequiredNoAuthServer:
        m_ui->issuerLabel->setText(
            tr("No usable authorization server was found (%1).").arg(reasonText(result.error, 0)));
        m_ui->issuerLabel->setToolTip(result.error.detail());
        m_ui->issuerLabel->show();
        showStatus(CheckResult::SignInRequiredNoAuthServer,
                   tr("This server needs sign-in, but signing in to it will not work as it is set "
                      "up now. The details say why."),
                   result.error.detail());
        break;
    case ServerCheckResult::Outcome::SignInRequired: {
        const AuthServerMetadata &authServer = result.discovery->authServer;
        m_authServer = authServer;
        m_ui->issuerLabel->setText(issuerText(authServer));
        m_ui->issuerLabel->setToolTip(authServer.issuer);
        m_ui->issuerLabel->show();
        showStatus(CheckResult::SignInRequired, tr("This server needs sign-in."));
        finishCheck();
        if (plannedRegistration() == Registration::NeedsClientId)
            m_ui->advancedToggle->setChecked(true); // where the client id goes
        return;
    }
    }
    finishCheck();
}

void ServerDialog::finishCheck()
{
    m_ui->checkProgress->hide();
    m_ui->checkButton->setText(tr("Chec&k"));
    m_ui->checkButton->setAccessibleName(tr("Check the server"));
    m_ui->checkButton->setEnabled(parsedUrl().isValid());
    m_ui->checkDetailsButton->setEnabled(!m_checkTrace->steps().isEmpty());
}

void ServerDialog::clearCheck()
{
    m_checkResult = CheckResult::None;
    m_authServer.reset();
    m_checkedUrl.clear();
    m_checkTrace->clear();
    if (m_detailsDialog)
        m_detailsDialog->setTrace(m_checkTrace); // shows the cleared trace
    m_ui->checkStatusIconLabel->clear();
    m_ui->checkStatusLabel->setText(
        tr("Checks whether the server needs sign-in and how the app will sign in."));
    m_ui->checkStatusLabel->setToolTip(QString());
    m_ui->issuerLabel->hide();
    m_ui->issuerLabel->clear();
    m_ui->registrationLabel->hide();
    m_ui->registrationLabel->clear();
    m_ui->checkProgress->hide();
    m_ui->checkDetailsButton->setEnabled(false);
}

void ServerDialog::showStatus(CheckResult result, const QString &text, const QString &toolTip)
{
    m_checkResult = result;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    bool hasIcon = true;
    switch (result) {
    case CheckResult::None:
    case CheckResult::Running:
        hasIcon = false;
        break;
    case CheckResult::Open:
    case CheckResult::SignInRequired:
        icon = QStyle::SP_DialogApplyButton;
        break;
    case CheckResult::SignInRequiredNoAuthServer:
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case CheckResult::Unreachable:
    case CheckResult::NotMcp:
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    if (hasIcon)
        m_ui->checkStatusIconLabel->setPixmap(style()->standardIcon(icon).pixmap(size, size));
    else
        m_ui->checkStatusIconLabel->clear();
    m_ui->checkStatusLabel->setText(text);
    m_ui->checkStatusLabel->setToolTip(toolTip);
    showRegistration();
}

ServerDialog::Registration ServerDialog::planRegistration(const AuthServerMetadata &authServer,
                                                          const QString &clientId,
                                                          const QUrl &clientMetadataUrl)
{
    ServerCheckSettings settings;
    settings.clientId = clientId;
    settings.clientMetadataUrl = clientMetadataUrl;
    return registration(ServerCheckJob::plan(authServer, settings));
}

ServerDialog::Registration ServerDialog::registration(const RegistrationPlan &plan)
{
    // What the core's registration will do, in the dialog's words.
    switch (plan.kind) {
    case RegistrationPlan::Kind::PreRegistered:
        return Registration::PreRegistered;
    case RegistrationPlan::Kind::MetadataDocument:
        return Registration::MetadataDocument;
    case RegistrationPlan::Kind::Dynamic:
        return Registration::Dynamic;
    case RegistrationPlan::Kind::NeedsClientId:
        break;
    }
    return Registration::NeedsClientId;
}

std::optional<ServerDialog::Registration> ServerDialog::plannedRegistration() const
{
    // The check's plan, again for the settings as they are now.
    if (m_checkResult != CheckResult::SignInRequired || !m_authServer)
        return std::nullopt;
    return registration(ServerCheckJob::plan(*m_authServer, checkSettings()));
}

void ServerDialog::showRegistration()
{
    const std::optional<Registration> plan = plannedRegistration();
    m_ui->registrationLabel->setVisible(plan.has_value());
    if (!plan)
        return;
    QString text;
    switch (*plan) {
    case Registration::PreRegistered:
        text = tr("The app will sign in with the pre-registered client ID entered under "
                  "Advanced.");
        break;
    case Registration::MetadataDocument:
        text = tr("The app will identify itself with its client ID metadata document.");
        break;
    case Registration::Dynamic:
        text = tr("The app will register itself with the authorization server (dynamic "
                  "registration).");
        break;
    case Registration::NeedsClientId:
        text = tr("This server needs a client ID \u2014 enter one under Advanced. Its "
                  "administrator can give you one.");
        break;
    }
    m_ui->registrationLabel->setText(text);
    const QStyle::StandardPixmap icon = *plan == Registration::NeedsClientId
        ? QStyle::SP_MessageBoxWarning
        : QStyle::SP_DialogApplyButton;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->checkStatusIconLabel->setPixmap(style()->standardIcon(icon).pixmap(size, size));
}

void ServerDialog::showCheckDetails()
{
    if (!m_detailsDialog) {
        m_detailsDialog = new DiagnosticsDialog(this);
        m_detailsDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_detailsDialog->setTrace(m_checkTrace);
    }
    m_detailsDialog->setServerName(record().name);
    m_detailsDialog->show();
    m_detailsDialog->raise();
    m_detailsDialog->activateWindow();
}

QString ServerDialog::reasonText(const Error &error, int httpStatus)
{
    return SignInText::reason(error, httpStatus);
}

QString ServerDialog::issuerText(const AuthServerMetadata &authServer)
{
    if (!authServer.fromMetadata)
        return tr("Authorization server: the server itself (it publishes no sign-in "
                  "information, so the app uses the standard addresses)");
    const QUrl issuer(authServer.issuer);
    QString host = issuer.host();
    if (issuer.port() > 0)
        host += QLatin1Char(':') + QString::number(issuer.port());
    return tr("Authorization server: %1").arg(host.isEmpty() ? authServer.issuer : host);
}

} // namespace Mcpa
