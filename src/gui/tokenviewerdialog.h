#pragma once

#include "core/accounts/accounttypes.h"
#include "core/oauth/jwt.h"
#include "core/oauth/oauthtypes.h"

#include <QDateTime>
#include <QDialog>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

class QTimer;
class QTreeWidgetItem;
class QJsonValue;

namespace Ui {
class TokenViewerDialog;
}

namespace Mcpa {

class Clock;

/// Shows one account's tokens: the access token (masked until Reveal),
/// its decoded JWT header and claims marked "not verified" (or a note that
/// the token is opaque), scopes, issuer, audience, absolute and relative
/// expiry, and whether a refresh token exists. The refresh token and the
/// id token are never shown.
///
/// Masking: the token is fully masked (a fixed run of bullets that says
/// nothing about its length or prefix) until Reveal is pressed.
///
/// Copy puts the access token on the clipboard (marked as a secret for
/// clipboard managers) and clears it after clipboardClearDelay() if the
/// clipboard still holds exactly that token, and at once when the dialog
/// closes (also when the revealed text was copied by hand). Whatever else
/// the person copied meanwhile is left alone.
///
/// The dialog does no network work: "Refresh now" emits refreshRequested(),
/// "Revoke…" asks for confirmation and emits revokeRequested(); the owner
/// does the work, calls setBusy() around it and setTokens() afterwards.
class TokenViewerDialog : public QDialog
{
    Q_OBJECT
public:
    /// Asks a yes/no question without blocking and calls `answer` with true
    /// for "go ahead" (at most once; never is fine too). The default opens a
    /// window-modal QMessageBox with Revoke and Cancel; tests replace it.
    using Confirmation
        = std::function<void(QWidget *parent, const QString &title, const QString &question,
                             const std::function<void(bool confirmed)> &answer)>;

    /// `clock` gives "now" for the relative expiry; it must outlive the
    /// dialog (nullptr: the system clock).
    explicit TokenViewerDialog(const Clock *clock, QWidget *parent = nullptr);
    ~TokenViewerDialog() override;

    /// The server the tokens are for (name and MCP URL, shown at the top).
    void setServer(const QString &name, const QUrl &url);
    /// The account's non-secret facts: identity, issuer, granted scopes,
    /// refresh token presence. Tokens win over these where both say something.
    void setAccount(const AccountRecord &account);
    /// The tokens to show; call again after a refresh. An invalid TokenSet
    /// shows "no access token" (e.g. after a revoke).
    void setTokens(const TokenSet &tokens);
    /// While true, Refresh now and Revoke are disabled and a note says work runs.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    /// Whether the access token is shown in full.
    bool isRevealed() const;

    /// How long a copied token stays on the clipboard (default 30 s).
    void setClipboardClearDelay(std::chrono::milliseconds delay);
    std::chrono::milliseconds clipboardClearDelay() const { return m_clipboardClearDelay; }
    /// How often the relative expiry is recomputed (default 30 s).
    void setExpiryUpdateInterval(std::chrono::milliseconds interval);
    /// Replaces the revoke confirmation (tests).
    void setConfirmation(Confirmation confirmation);

    /// "expires in 42 min", "expires in 2 h 5 min", "expires in 3 days",
    /// "expires in less than a minute", "expired just now",
    /// "expired 3 min ago", "expired 2 h ago", "expired 4 days ago",
    /// "no expiry given" (invalid `expiresAt`). Minutes are rounded down.
    static QString relativeExpiryText(const QDateTime &now, const QDateTime &expiresAt);

    void done(int result) override;

Q_SIGNALS:
    /// The person asked to refresh the access token now.
    void refreshRequested();
    /// The person confirmed revoking the tokens.
    void revokeRequested();

private:
    void updateView();
    void updateTokenText();
    void updateSummary();
    void updateContents();
    void updateExpiry();
    void updateButtons();
    void copyToken();
    bool clearClipboardIfOurs();
    void confirmRevoke();
    void fillClaims(const DecodedJwt &jwt);
    void addJsonItem(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value,
                     int depth);
    QString identityText() const;
    QDateTime effectiveExpiry() const;
    bool hasRefreshToken() const;

    Ui::TokenViewerDialog *m_ui;
    const Clock *m_clock;
    QTimer *m_expiryTimer;
    QTimer *m_clipboardTimer;
    std::chrono::milliseconds m_clipboardClearDelay;
    Confirmation m_confirmation;

    QString m_serverName;
    QUrl m_serverUrl;
    AccountRecord m_account;
    TokenSet m_tokens;
    std::optional<DecodedJwt> m_jwt;
    Jwt::Failure m_jwtFailure = Jwt::Failure::Empty;
    QString m_copiedToken; ///< what Copy put on the clipboard; empty once cleared
    bool m_busy = false;
};

} // namespace Mcpa
