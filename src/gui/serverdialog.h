#pragma once

#include "core/accounts/accounttypes.h"
#include "core/base/error.h"
#include "core/oauth/oauthtypes.h"

#include <QDialog>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

class QAction;

namespace Ui {
class ServerDialog;
}

namespace Mcpa {

class DiagnosticsDialog;
class HttpClient;
class ServerCheckJob;
class Trace;
struct RegistrationPlan;
struct ServerCheckResult;
struct ServerCheckSettings;

/// Adds a server or edits one: its URL (checked as it is typed), a display
/// name, and the advanced sign-in settings of ServerRecord. A pre-registered
/// client's secret is typed here too, but never put into the record: the
/// owner reads clientSecret() after accepted() and stores it in the keychain.
///
/// The live check tells the person, before anything is saved, what signing
/// in will take. It runs when "Check" is pressed and by itself shortly after
/// the URL stops changing:
///
///   ServerDialog                 ServerCheckJob (probe, discovery, plan)
///     | start(url, form settings) ->|
///     |<- signInRequired() ---------|  "Looking for its authorization server"
///     |<- finished: result() -------|
///        Open -> "No sign-in needed"; Unreachable -> "Can't reach the server";
///        SignInRequired -> issuer host, and how the app will register (the
///        ClientRegistrar's plan, shown again when the client settings change)
///
/// One job per check: a new check cancels the running one; closing the
/// dialog cancels it too. "Details" shows the check's
/// protocol steps in a DiagnosticsDialog.
class ServerDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Add, Edit };
    Q_ENUM(Mode)

    /// How the app will obtain a client id at the authorization server.
    enum class Registration {
        PreRegistered, ///< the client id under Advanced
        MetadataDocument, ///< the client ID metadata document URL under Advanced
        Dynamic, ///< RFC 7591 dynamic client registration
        NeedsClientId, ///< none of these: the person must enter a client id
    };
    Q_ENUM(Registration)

    /// What the live check found.
    enum class CheckResult {
        None, ///< no check ran, or the URL changed since
        Running,
        SignInRequired, ///< the authorization server was found
        SignInRequiredNoAuthServer, ///< sign-in is required, but discovery failed
        Open, ///< the server answers without sign-in
        Unreachable,
        NotMcp, ///< it answered, but not as an MCP server
    };
    Q_ENUM(CheckResult)

    /// @p http runs the live check; nullptr turns the check off.
    ServerDialog(Mode mode, Mcpa::HttpClient *http, QWidget *parent = nullptr);
    ~ServerDialog() override;

    Mode mode() const { return m_mode; }

    /// Shows @p record. Fields the dialog does not edit (accounts, the default
    /// account, the preferred issuer, unknown fields; in Edit mode the id) are
    /// carried through to record(). Does not start a check.
    void setRecord(const ServerRecord &record);
    /// The record as edited. In Add mode its id is derivedId(); the name is
    /// the URL's host when the name field is empty. Never holds the secret.
    ServerRecord record() const;
    /// The client secret typed under Advanced (empty when none). The dialog
    /// keeps it only in the field; it is never part of record().
    QString clientSecret() const;
    /// Edit mode: a secret is already stored for this server. The secret
    /// field then says that leaving it empty keeps the stored one.
    void setClientSecretStored(bool stored);

    /// Ids of the servers that exist already: in Add mode a name whose
    /// derived id is one of them is an inline error and OK stays disabled.
    void setExistingIds(const QStringList &ids);
    /// Add mode: the id the new server gets (from the name, else the URL's
    /// host, as ServerRegistry::addServer derives it). Edit mode: its id.
    QString derivedId() const;

    /// True when every field is valid, i.e. OK is enabled.
    bool isValid() const;

    /// Starts the live check of the current URL now (abandoning a running one).
    void startCheck();
    /// Abandons a running check.
    void stopCheck();
    bool isChecking() const;
    CheckResult checkResult() const { return m_checkResult; }
    /// The registration the app would use after the last successful check.
    std::optional<Registration> plannedRegistration() const;
    /// Protocol steps of the last check (for the "Details" button).
    Mcpa::Trace *checkTrace() const { return m_checkTrace; }

    /// How long after the last URL edit the check starts by itself (default 700 ms).
    void setCheckDelay(std::chrono::milliseconds delay);

    /// The registration ClientRegistrar::plan() chooses for @p authServer
    /// with these settings (empty @p clientId / @p clientMetadataUrl: not set).
    static Registration planRegistration(const AuthServerMetadata &authServer,
                                         const QString &clientId, const QUrl &clientMetadataUrl);
    /// The id ServerRegistry::addServer would derive for @p name (or, when it
    /// has no usable character, @p url's host) before making it unique:
    /// ServerIds::base(). The dialog reports a taken id instead of adding a
    /// suffix, so the person can choose a name that tells the servers apart.
    static QString deriveId(const QString &name, const QUrl &url);

public Q_SLOTS:
    void accept() override;
    void done(int result) override;

private:
    enum class Field { Url, Name, ClientMetadataUrl };

    void setUpFields();
    void setUpCheck();
    void onUrlChanged();
    void onUrlEdited();
    void abandonCheck();
    void onAdvancedToggled(bool expanded);
    void validate();
    /// The URL typed, or an invalid QUrl with the reason in @p problem (empty for an empty field).
    QUrl parsedUrl(QString *problem = nullptr) const;
    QString nameProblem() const;
    QString clientMetadataUrlProblem() const;
    void showProblem(Field field, const QString &problem);

    /// The form's client settings, as the check and the registration plan read them.
    ServerCheckSettings checkSettings() const;
    void onCheckFinished(const Mcpa::ServerCheckResult &result);
    static Registration registration(const RegistrationPlan &plan);
    void finishCheck();
    void clearCheck();
    void showStatus(CheckResult result, const QString &text, const QString &toolTip = {});
    void showRegistration();
    void showCheckDetails();
    /// Why the check failed, in a few words (SignInText::reason()).
    static QString reasonText(const Mcpa::Error &error, int httpStatus);
    static QString issuerText(const AuthServerMetadata &authServer);

    Ui::ServerDialog *m_ui;
    Mode m_mode;
    HttpClient *m_http;
    ServerRecord m_record; ///< the last setRecord(): fields the dialog does not edit
    QStringList m_existingIds;
    QList<QAction *> m_problemActions; ///< one warning icon per Field, inside the line edit

    QTimer *m_checkDelay; ///< "checkDelayTimer": starts the check when typing pauses
    QPointer<ServerCheckJob> m_check; ///< the running check; a new one cancels it
    Trace *m_checkTrace;
    QUrl m_checkedUrl;
    CheckResult m_checkResult = CheckResult::None;
    std::optional<AuthServerMetadata> m_authServer; ///< from the last successful discovery
    QPointer<DiagnosticsDialog> m_detailsDialog;
};

} // namespace Mcpa
