#include "gui/settingsdialog.h"

#include "ui_settingsdialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonValue>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>

namespace Mcpa {

namespace {

const QLatin1String BrowserKey("browser");
const QLatin1String NotifyNeedsSignInKey("notifyNeedsSignIn");
const QLatin1String NotifyExpiringKey("notifyExpiringWithoutRefreshToken");
const QLatin1String NotifyRefreshedKey("notifyRefreshed");
const QLatin1String StartAtLoginKey("startAtLogin");
const QLatin1String StartMinimizedKey("startMinimized");
const QLatin1String CloseToTrayKey("closeToTray");
const QLatin1String LanguageKey("language");

const QLatin1String SystemLanguageName("system");

const QLatin1String AutostartFileName("autostart/mcp-accounts.desktop");

// The autostart entry (XDG Autostart spec; freedesktop Desktop Entry spec).
// Not translated: the desktop reads it, not a person.
const char AutostartEntry[] = "[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=MCP Accounts\n"
                              "Comment=Keeps MCP server sign-ins fresh\n"
                              "Exec=mcp-accounts --minimized\n"
                              "Icon=mcp-accounts\n"
                              "Terminal=false\n"
                              "X-GNOME-Autostart-enabled=true\n";

bool readBool(const QJsonObject &object, QLatin1String key, bool fallback)
{
    const QJsonValue value = object.value(key);
    return value.isBool() ? value.toBool() : fallback;
}

AppSettings::Language languageFromCode(const QString &code, AppSettings::Language fallback)
{
    for (const auto language : { AppSettings::Language::English, AppSettings::Language::German,
                                 AppSettings::Language::French }) {
        if (code == AppSettings::languageCode(language))
            return language;
    }
    return code == SystemLanguageName ? AppSettings::Language::System : fallback;
}

} // namespace

QJsonObject AppSettings::toJson() const
{
    QJsonObject object = unknownFields;
    object.insert(BrowserKey, browserModeName(browserMode));
    object.insert(NotifyNeedsSignInKey, notifyNeedsSignIn);
    object.insert(NotifyExpiringKey, notifyExpiringWithoutRefreshToken);
    object.insert(NotifyRefreshedKey, notifyRefreshed);
    object.insert(StartAtLoginKey, startAtLogin);
    object.insert(StartMinimizedKey, startMinimized);
    object.insert(CloseToTrayKey, closeToTray);
    object.insert(LanguageKey,
                  language == Language::System ? QString(SystemLanguageName)
                                               : languageCode(language));
    return object;
}

AppSettings AppSettings::fromJson(const QJsonObject &object)
{
    AppSettings settings;
    const QString browser = object.value(BrowserKey).toString();
    if (browser == browserModeName(BrowserMode::Embedded))
        settings.browserMode = BrowserMode::Embedded;
    else if (browser == browserModeName(BrowserMode::System))
        settings.browserMode = BrowserMode::System;
    settings.notifyNeedsSignIn = readBool(object, NotifyNeedsSignInKey, settings.notifyNeedsSignIn);
    settings.notifyExpiringWithoutRefreshToken
        = readBool(object, NotifyExpiringKey, settings.notifyExpiringWithoutRefreshToken);
    settings.notifyRefreshed = readBool(object, NotifyRefreshedKey, settings.notifyRefreshed);
    settings.startAtLogin = readBool(object, StartAtLoginKey, settings.startAtLogin);
    settings.startMinimized = readBool(object, StartMinimizedKey, settings.startMinimized);
    settings.closeToTray = readBool(object, CloseToTrayKey, settings.closeToTray);
    settings.language = languageFromCode(object.value(LanguageKey).toString(), settings.language);

    settings.unknownFields = object;
    for (const QLatin1String key :
         { BrowserKey, NotifyNeedsSignInKey, NotifyExpiringKey, NotifyRefreshedKey, StartAtLoginKey,
           StartMinimizedKey, CloseToTrayKey, LanguageKey })
        settings.unknownFields.remove(key);
    return settings;
}

QString AppSettings::languageCode(Language language)
{
    switch (language) {
    case Language::English:
        return QStringLiteral("en");
    case Language::German:
        return QStringLiteral("de");
    case Language::French:
        return QStringLiteral("fr");
    case Language::System:
        break;
    }
    return QString();
}

QString AppSettings::browserModeName(BrowserMode mode)
{
    return mode == BrowserMode::Embedded ? QStringLiteral("embedded") : QStringLiteral("system");
}

bool AppSettings::operator==(const AppSettings &other) const
{
    return browserMode == other.browserMode && notifyNeedsSignIn == other.notifyNeedsSignIn
        && notifyExpiringWithoutRefreshToken == other.notifyExpiringWithoutRefreshToken
        && notifyRefreshed == other.notifyRefreshed && startAtLogin == other.startAtLogin
        && startMinimized == other.startMinimized && closeToTray == other.closeToTray
        && language == other.language && unknownFields == other.unknownFields;
}

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::SettingsDialog)
{
    m_ui->setupUi(this);
    // Language names in their own language: a person who cannot read the
    // current one still finds theirs.
    m_ui->languageCombo->addItem(tr("System default"),
                                 static_cast<int>(AppSettings::Language::System));
    m_ui->languageCombo->addItem(QStringLiteral("English"),
                                 static_cast<int>(AppSettings::Language::English));
    m_ui->languageCombo->addItem(QStringLiteral("Deutsch"),
                                 static_cast<int>(AppSettings::Language::German));
    m_ui->languageCombo->addItem(QStringLiteral("Fran\u00e7ais"),
                                 static_cast<int>(AppSettings::Language::French));
    m_ui->autostartErrorLabel->hide();
    if (QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok)) {
        ok->setObjectName(QStringLiteral("okButton"));
        ok->setAccessibleName(tr("Save the settings"));
    }
    if (QPushButton *cancel = m_ui->buttonBox->button(QDialogButtonBox::Cancel)) {
        cancel->setObjectName(QStringLiteral("cancelButton"));
        cancel->setAccessibleName(tr("Discard the changes"));
    }
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    setSettings(AppSettings());
}

SettingsDialog::~SettingsDialog()
{
    delete m_ui;
}

void SettingsDialog::setSettings(const AppSettings &settings)
{
    m_settings = settings;
    const bool embedded = settings.browserMode == AppSettings::BrowserMode::Embedded;
    m_ui->embeddedBrowserRadio->setChecked(embedded);
    m_ui->systemBrowserRadio->setChecked(!embedded);
    m_ui->notifyNeedsSignInCheck->setChecked(settings.notifyNeedsSignIn);
    m_ui->notifyExpiringCheck->setChecked(settings.notifyExpiringWithoutRefreshToken);
    m_ui->notifyRefreshedCheck->setChecked(settings.notifyRefreshed);
    m_ui->startAtLoginCheck->setChecked(settings.startAtLogin);
    m_ui->startMinimizedCheck->setChecked(settings.startMinimized);
    m_ui->closeToTrayCheck->setChecked(settings.closeToTray);
    const int index = m_ui->languageCombo->findData(static_cast<int>(settings.language));
    m_ui->languageCombo->setCurrentIndex(qMax(0, index));
    m_ui->autostartErrorLabel->hide();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings settings = m_settings;
    settings.browserMode = m_ui->embeddedBrowserRadio->isChecked()
        ? AppSettings::BrowserMode::Embedded
        : AppSettings::BrowserMode::System;
    settings.notifyNeedsSignIn = m_ui->notifyNeedsSignInCheck->isChecked();
    settings.notifyExpiringWithoutRefreshToken = m_ui->notifyExpiringCheck->isChecked();
    settings.notifyRefreshed = m_ui->notifyRefreshedCheck->isChecked();
    settings.startAtLogin = m_ui->startAtLoginCheck->isChecked();
    settings.startMinimized = m_ui->startMinimizedCheck->isChecked();
    settings.closeToTray = m_ui->closeToTrayCheck->isChecked();
    settings.language
        = static_cast<AppSettings::Language>(m_ui->languageCombo->currentData().toInt());
    return settings;
}

QString SettingsDialog::autostartEntryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QLatin1Char('/') + AutostartFileName;
}

bool SettingsDialog::applyAutostart(bool enabled, QString *errorText)
{
    const QString path = autostartEntryPath();
    const QString shownPath = QDir::toNativeSeparators(path);
    if (!enabled) {
        if (!QFileInfo::exists(path) || QFile::remove(path))
            return true;
        if (errorText)
            *errorText = tr("Could not remove %1.").arg(shownPath);
        return false;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (errorText)
            *errorText = tr("Could not create the folder for %1.").arg(shownPath);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(AutostartEntry, sizeof(AutostartEntry) - 1)
            != static_cast<qint64>(sizeof(AutostartEntry) - 1)
        || !file.commit()) {
        if (errorText)
            *errorText = tr("Could not write %1: %2").arg(shownPath, file.errorString());
        return false;
    }
    return true;
}

void SettingsDialog::accept()
{
    QString errorText;
    if (!applyAutostart(m_ui->startAtLoginCheck->isChecked(), &errorText)) {
        m_ui->autostartErrorLabel->setText(errorText);
        m_ui->autostartErrorLabel->show();
        m_ui->startAtLoginCheck->setFocus();
        return;
    }
    m_ui->autostartErrorLabel->hide();
    QDialog::accept();
}

} // namespace Mcpa
