#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QString>

namespace Ui {
class SettingsDialog;
}

namespace Mcpa {

/// The app's preferences. Stored by the app as the "settings" object of the
/// config file; keys this version does not know are kept on rewrite.
///
/// JSON (every key optional; a missing or mistyped value reads as the default):
/// ```
/// { "browser": "system" | "embedded",
///   "notifyNeedsSignIn": true, "notifyExpiringWithoutRefreshToken": true,
///   "notifyRefreshed": false, "startAtLogin": false, "startMinimized": false,
///   "closeToTray": true, "language": "system" | "en" | "de" | "fr" }
/// ```
struct AppSettings
{
    enum class BrowserMode { System, Embedded };
    enum class Language { System, English, German, French };

    /// RFC 8252 recommends the system browser for native apps; it is the
    /// default, the embedded view is a choice.
    BrowserMode browserMode = BrowserMode::System;
    bool notifyNeedsSignIn = true; ///< a server needs sign-in, or a refresh failed
    bool notifyExpiringWithoutRefreshToken = true;
    bool notifyRefreshed = false;
    bool startAtLogin = false; ///< mirrored by the XDG autostart entry
    bool startMinimized = false;
    bool closeToTray = true;
    Language language = Language::System;
    QJsonObject unknownFields; ///< keys written by another version, kept on rewrite

    QJsonObject toJson() const;
    static AppSettings fromJson(const QJsonObject &object);

    /// "" for Language::System (follow the system locale), else "en", "de", "fr".
    static QString languageCode(Language language);
    /// "system" or "embedded", the values ServerRecord::browser uses too.
    static QString browserModeName(BrowserMode mode);

    bool operator==(const AppSettings &other) const;
    bool operator!=(const AppSettings &other) const { return !(*this == other); }
};

/// Edits AppSettings. OK applies "start at login" to the XDG autostart entry
/// (written or removed) before closing; if that fails, the dialog stays open
/// and says why. The owner reads settings() after accepted() and stores them.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// Shows `settings`; unknown fields are carried through to settings().
    void setSettings(const AppSettings &settings);
    /// The settings as edited.
    AppSettings settings() const;

    /// `$XDG_CONFIG_HOME/autostart/mcp-accounts.desktop`
    /// (QStandardPaths::GenericConfigLocation).
    static QString autostartEntryPath();
    /// Writes (atomically) or removes the autostart entry. Returns false and
    /// sets `errorText` (translated, may be nullptr) when that fails.
    static bool applyAutostart(bool enabled, QString *errorText);

    void accept() override;

private:
    Ui::SettingsDialog *m_ui;
    AppSettings m_settings; ///< the last setSettings(): unknown fields come from here
};

} // namespace Mcpa
