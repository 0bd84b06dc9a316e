#include "gui/settingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Mcpa::AppSettings;
using Mcpa::SettingsDialog;

Q_DECLARE_METATYPE(AppSettings)

namespace {

AppSettings nonDefaultSettings()
{
    AppSettings settings;
    settings.browserMode = AppSettings::BrowserMode::Embedded;
    settings.notifyNeedsSignIn = false;
    settings.notifyExpiringWithoutRefreshToken = false;
    settings.notifyRefreshed = true;
    settings.startAtLogin = true;
    settings.startMinimized = true;
    settings.closeToTray = false;
    settings.language = AppSettings::Language::French;
    return settings;
}

template<typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QLatin1String(name));
}

/// Clicks a check box or radio button on its indicator, as a person would (its
/// centre may lie beyond the label, where a click does nothing).
void clickIndicator(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, Qt::NoModifier, QPoint(6, button->height() / 2));
}

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void defaults();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonShape();
    void unknownKeysPreserved();
    void invalidValuesReadAsDefaults_data();
    void invalidValuesReadAsDefaults();
    void dialogShowsAndEditsSettings();
    void languageChoices();
    void autostartWrittenOnOkAndRemoved();
    void cancelWritesNothing();
    void autostartFailureKeepsDialogOpen();
    void keyboardOperation();

private:
    QTemporaryDir m_configHome;
};

void TestSettingsDialog::initTestCase()
{
    // A private XDG_CONFIG_HOME: QStandardPaths reads it on every call, so
    // setting it here (QApplication already exists) is enough. Test mode
    // (QStandardPaths::setTestModeEnabled) would use ~/.qttest/config, which
    // every test run on the machine shares.
    QVERIFY(m_configHome.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path()));
    QCOMPARE(SettingsDialog::autostartEntryPath(),
             m_configHome.path() + QStringLiteral("/autostart/mcp-accounts.desktop"));
}

void TestSettingsDialog::init()
{
    QFile::remove(SettingsDialog::autostartEntryPath());
}

void TestSettingsDialog::defaults()
{
    const AppSettings settings;
    QCOMPARE(settings.browserMode, AppSettings::BrowserMode::System);
    QVERIFY(settings.notifyNeedsSignIn);
    QVERIFY(settings.notifyExpiringWithoutRefreshToken);
    QVERIFY(!settings.notifyRefreshed);
    QVERIFY(!settings.startAtLogin);
    QVERIFY(!settings.startMinimized);
    QVERIFY(settings.closeToTray);
    QCOMPARE(settings.language, AppSettings::Language::System);
    QVERIFY(settings.unknownFields.isEmpty());
    QVERIFY(AppSettings::fromJson(QJsonObject()) == settings);

    SettingsDialog dialog;
    QVERIFY(dialog.settings() == settings);
    QVERIFY(child<QRadioButton>(&dialog, "systemBrowserRadio")->isChecked());
    QVERIFY(!child<QRadioButton>(&dialog, "embeddedBrowserRadio")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "notifyNeedsSignInCheck")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "notifyExpiringCheck")->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, "notifyRefreshedCheck")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "closeToTrayCheck")->isChecked());
    QCOMPARE(child<QComboBox>(&dialog, "languageCombo")->currentText(),
             QStringLiteral("System default"));
}

void TestSettingsDialog::jsonRoundTrip_data()
{
    QTest::addColumn<AppSettings>("settings");

    QTest::addRow("defaults") << AppSettings();
    QTest::addRow("every value changed") << nonDefaultSettings();
    for (const auto language : { AppSettings::Language::English, AppSettings::Language::German,
                                 AppSettings::Language::French, AppSettings::Language::System }) {
        AppSettings settings;
        settings.language = language;
        QTest::addRow("language %s", qPrintable(AppSettings::languageCode(language))) << settings;
    }
    AppSettings withUnknown = nonDefaultSettings();
    withUnknown.unknownFields.insert(QStringLiteral("theme"), QStringLiteral("dark"));
    QTest::addRow("with unknown fields") << withUnknown;
}

void TestSettingsDialog::jsonRoundTrip()
{
    QFETCH(AppSettings, settings);
    const QJsonObject json = settings.toJson();
    QVERIFY(AppSettings::fromJson(json) == settings);
    // And through text, as the config file stores it.
    const QJsonObject reparsed = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
    QVERIFY(AppSettings::fromJson(reparsed) == settings);
    QCOMPARE(AppSettings::fromJson(reparsed).toJson(), json);
}

void TestSettingsDialog::jsonShape()
{
    const QJsonObject json = nonDefaultSettings().toJson();
    const QJsonObject expected = QJsonDocument::fromJson(R"({
        "browser": "embedded",
        "notifyNeedsSignIn": false,
        "notifyExpiringWithoutRefreshToken": false,
        "notifyRefreshed": true,
        "startAtLogin": true,
        "startMinimized": true,
        "closeToTray": false,
        "language": "fr"
    })")
                                     .object();
    QCOMPARE(json, expected);
    QCOMPARE(AppSettings().toJson().value(QLatin1String("browser")).toString(),
             QStringLiteral("system"));
    QCOMPARE(AppSettings().toJson().value(QLatin1String("language")).toString(),
             QStringLiteral("system"));
}

void TestSettingsDialog::unknownKeysPreserved()
{
    const QJsonObject stored = QJsonDocument::fromJson(R"({
        "browser": "embedded",
        "notifyRefreshed": true,
        "theme": "high-contrast",
        "future": {"nested": [1, 2, {"x": null}]},
        "quietHours": 22
    })")
                                   .object();
    const AppSettings settings = AppSettings::fromJson(stored);
    QCOMPARE(settings.browserMode, AppSettings::BrowserMode::Embedded);
    QVERIFY(settings.notifyRefreshed);
    QCOMPARE(settings.unknownFields.size(), 3);
    QVERIFY(!settings.unknownFields.contains(QLatin1String("browser")));

    const QJsonObject written = settings.toJson();
    for (const QString &key :
         { QStringLiteral("theme"), QStringLiteral("future"), QStringLiteral("quietHours") })
        QCOMPARE(written.value(key), stored.value(key));

    // Through the dialog, edited, they survive too.
    SettingsDialog dialog;
    dialog.setSettings(settings);
    child<QCheckBox>(&dialog, "notifyRefreshedCheck")->click();
    const QJsonObject edited = dialog.settings().toJson();
    QCOMPARE(edited.value(QLatin1String("notifyRefreshed")), QJsonValue(false));
    QCOMPARE(edited.value(QLatin1String("future")), stored.value(QLatin1String("future")));
    QCOMPARE(edited.value(QLatin1String("theme")), stored.value(QLatin1String("theme")));
}

void TestSettingsDialog::invalidValuesReadAsDefaults_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::addRow("wrong types") << QByteArray(R"({"browser": 1, "notifyNeedsSignIn": "no",
        "notifyExpiringWithoutRefreshToken": 0, "notifyRefreshed": "yes", "startAtLogin": 1,
        "startMinimized": null, "closeToTray": [], "language": 7})");
    QTest::addRow("unknown names") << QByteArray(R"({"browser": "lynx", "language": "tlh"})");
    QTest::addRow("wrong case") << QByteArray(R"({"browser": "Embedded", "language": "DE"})");
}

void TestSettingsDialog::invalidValuesReadAsDefaults()
{
    QFETCH(QByteArray, json);
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    QVERIFY(!object.isEmpty());
    AppSettings settings = AppSettings::fromJson(object);
    QVERIFY(settings.unknownFields.isEmpty()); // known keys, just bad values
    QVERIFY(settings == AppSettings());
}

void TestSettingsDialog::dialogShowsAndEditsSettings()
{
    SettingsDialog dialog;
    AppSettings settings = nonDefaultSettings();
    dialog.setSettings(settings);
    dialog.show();

    QVERIFY(child<QRadioButton>(&dialog, "embeddedBrowserRadio")->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, "notifyNeedsSignInCheck")->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, "notifyExpiringCheck")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "notifyRefreshedCheck")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "startAtLoginCheck")->isChecked());
    QVERIFY(child<QCheckBox>(&dialog, "startMinimizedCheck")->isChecked());
    QVERIFY(!child<QCheckBox>(&dialog, "closeToTrayCheck")->isChecked());
    QCOMPARE(child<QComboBox>(&dialog, "languageCombo")->currentText(),
             QStringLiteral("Fran\u00e7ais"));
    QVERIFY(dialog.settings() == settings);

    // Edit every control the way a person would.
    clickIndicator(child<QRadioButton>(&dialog, "systemBrowserRadio"));
    for (const char *name :
         { "notifyNeedsSignInCheck", "notifyExpiringCheck", "notifyRefreshedCheck",
           "startAtLoginCheck", "startMinimizedCheck", "closeToTrayCheck" })
        clickIndicator(child<QCheckBox>(&dialog, name));
    auto *language = child<QComboBox>(&dialog, "languageCombo");
    language->setCurrentIndex(language->findText(QStringLiteral("Deutsch")));

    AppSettings expected;
    expected.language = AppSettings::Language::German;
    QVERIFY(dialog.settings() == expected);
    QVERIFY(!QFileInfo::exists(SettingsDialog::autostartEntryPath())); // nothing until OK
}

void TestSettingsDialog::languageChoices()
{
    SettingsDialog dialog;
    auto *combo = child<QComboBox>(&dialog, "languageCombo");
    QStringList names;
    for (int i = 0; i < combo->count(); ++i)
        names << combo->itemText(i);
    QCOMPARE(names,
             (QStringList { QStringLiteral("System default"), QStringLiteral("English"),
                            QStringLiteral("Deutsch"), QStringLiteral("Fran\u00e7ais") }));
    QCOMPARE(AppSettings::languageCode(AppSettings::Language::System), QString());
    QCOMPARE(AppSettings::languageCode(AppSettings::Language::German), QStringLiteral("de"));
    for (int i = 0; i < combo->count(); ++i) {
        combo->setCurrentIndex(i);
        AppSettings settings;
        settings.language = dialog.settings().language;
        dialog.setSettings(settings);
        QCOMPARE(combo->currentIndex(), i);
    }
}

void TestSettingsDialog::autostartWrittenOnOkAndRemoved()
{
    const QString path = SettingsDialog::autostartEntryPath();
    {
        SettingsDialog dialog;
        dialog.show();
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        clickIndicator(child<QCheckBox>(&dialog, "startAtLoginCheck"));
        QVERIFY(!QFileInfo::exists(path));
        QTest::mouseClick(child<QPushButton>(&dialog, "okButton"), Qt::LeftButton);
        QCOMPARE(accepted.count(), 1);
        QVERIFY(dialog.settings().startAtLogin);
    }
    QVERIFY(QFileInfo::exists(path));
    const QString entry = readFile(path);
    const QStringList lines = entry.split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), QStringLiteral("[Desktop Entry]"));
    QVERIFY(lines.contains(QStringLiteral("Type=Application")));
    QVERIFY(lines.contains(QStringLiteral("Exec=mcp-accounts --minimized")));
    QVERIFY(lines.contains(QStringLiteral("Name=MCP Accounts")));
    QVERIFY(entry.endsWith(QLatin1Char('\n')));

    const QString validator
        = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty()) {
        qWarning("desktop-file-validate not installed (apt package desktop-file-utils): "
                 "the entry was not validated");
    } else {
        QProcess process;
        process.start(validator, { path });
        QVERIFY(process.waitForFinished(30000));
        const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 output.constData());
        QVERIFY2(output.trimmed().isEmpty(), output.constData()); // not even a hint
    }

    // Ticking again rewrites it in place (atomically); unticking removes it.
    {
        SettingsDialog dialog;
        AppSettings settings;
        settings.startAtLogin = true;
        dialog.setSettings(settings);
        dialog.show();
        clickIndicator(child<QCheckBox>(&dialog, "startAtLoginCheck"));
        QTest::mouseClick(child<QPushButton>(&dialog, "okButton"), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QVERIFY(!dialog.settings().startAtLogin);
    }
    QVERIFY(!QFileInfo::exists(path));

    // Removing what is not there is fine.
    QString error;
    QVERIFY(SettingsDialog::applyAutostart(false, &error));
    QVERIFY(error.isEmpty());
}

void TestSettingsDialog::cancelWritesNothing()
{
    SettingsDialog dialog;
    dialog.show();
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    clickIndicator(child<QCheckBox>(&dialog, "startAtLoginCheck"));
    QTest::mouseClick(child<QPushButton>(&dialog, "cancelButton"), Qt::LeftButton);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!QFileInfo::exists(SettingsDialog::autostartEntryPath()));
}

void TestSettingsDialog::autostartFailureKeepsDialogOpen()
{
    // "autostart" is a file here, so the folder cannot be created.
    QTemporaryDir broken;
    QVERIFY(broken.isValid());
    QFile blocker(broken.filePath(QStringLiteral("autostart")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(broken.path()));
    auto restore = qScopeGuard(
        [this] { qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_configHome.path())); });

    SettingsDialog dialog;
    dialog.show();
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    auto *error = child<QLabel>(&dialog, "autostartErrorLabel");
    QVERIFY(!error->isVisible());
    clickIndicator(child<QCheckBox>(&dialog, "startAtLoginCheck"));
    QTest::mouseClick(child<QPushButton>(&dialog, "okButton"), Qt::LeftButton);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("mcp-accounts.desktop")),
             qPrintable(error->text()));

    // Unticking is then accepted: there is nothing to remove.
    clickIndicator(child<QCheckBox>(&dialog, "startAtLoginCheck"));
    QTest::mouseClick(child<QPushButton>(&dialog, "okButton"), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
}

void TestSettingsDialog::keyboardOperation()
{
    SettingsDialog dialog;
    dialog.show();
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));

    const QStringList controls {
        QStringLiteral("systemBrowserRadio"),
        QStringLiteral("notifyNeedsSignInCheck"),
        QStringLiteral("notifyExpiringCheck"),
        QStringLiteral("notifyRefreshedCheck"),
        QStringLiteral("startAtLoginCheck"),
        QStringLiteral("startMinimizedCheck"),
        QStringLiteral("closeToTrayCheck"),
        QStringLiteral("languageCombo"),
        QStringLiteral("okButton"),
        QStringLiteral("cancelButton"),
    };
    for (const QString &name : controls) {
        auto *widget = dialog.findChild<QWidget *>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    QVERIFY(!child<QRadioButton>(&dialog, "embeddedBrowserRadio")->accessibleName().isEmpty());

    child<QRadioButton>(&dialog, "systemBrowserRadio")->setFocus();
    QStringList reached { QApplication::focusWidget()->objectName() };
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        reached << QApplication::focusWidget()->objectName();
    }
    for (const QString &name : controls)
        QVERIFY2(reached.contains(name), qPrintable(reached.join(QLatin1Char(' '))));

    // Arrow keys move between the browser choices; Space toggles a check box.
    auto *system = child<QRadioButton>(&dialog, "systemBrowserRadio");
    system->setFocus();
    QTest::keyClick(system, Qt::Key_Down);
    QVERIFY(child<QRadioButton>(&dialog, "embeddedBrowserRadio")->isChecked());
    auto *refreshed = child<QCheckBox>(&dialog, "notifyRefreshedCheck");
    refreshed->setFocus();
    QTest::keyClick(refreshed, Qt::Key_Space);
    QVERIFY(refreshed->isChecked());
    // A mnemonic: Alt+L ticks "Start at login" (the click lands a moment later).
    QTest::keyClick(&dialog, Qt::Key_L, Qt::AltModifier);
    QTRY_VERIFY(child<QCheckBox>(&dialog, "startAtLoginCheck")->isChecked());

    // Escape cancels: nothing written.
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!QFileInfo::exists(SettingsDialog::autostartEntryPath()));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
