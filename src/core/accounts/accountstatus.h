#pragma once

#include "core/accounts/accounttypes.h"
#include "core/mcp/serverprobe.h"

#include <QDateTime>
#include <QString>

namespace Mcpa {

/// What the app and the CLI say about an account (or a server without
/// one). First computed from the config file alone (no network, no
/// keychain), then refined by a background check of the server.
struct AccountStatus
{
    enum class Kind {
        Unknown, ///< not checked yet
        Open, ///< the server needs no sign-in
        SignedOut, ///< sign-in required, no account yet (or signed out)
        SignedIn, ///< a token that is valid or will be refreshed
        Refreshing,
        NeedsSignIn, ///< the grant is gone or the token expired without refresh token
        Unreachable,
        Error,
    };

    Kind kind = Kind::Unknown;
    QDateTime expiresAt; ///< for SignedIn
    bool refreshDue = false; ///< SignedIn but expired: a refresh comes first
    /// SignedIn, but the AS issued no refresh token (SEP-2207): when the
    /// token expires, the person signs in again.
    bool noRefreshToken = false;
    QString reason; ///< untranslated, for NeedsSignIn / Error / Unreachable

    /// "unknown", "open", "signed-out", "signed-in", "refreshing",
    /// "needs-sign-in", "unreachable", "error".
    static QString kindName(Kind kind);
    QString kindName() const { return kindName(kind); }

    /// "no refresh token: you will need to sign in again in 60 min" (the
    /// words the CLI shows after a sign-in and in its status).
    static QString noRefreshTokenNotice(const QDateTime &expiresAt, const QDateTime &now);

    /// From the file alone. @p account may be null (no account yet).
    static AccountStatus fromRecord(const AccountRecord *account, const QDateTime &now);
    /// Refined with a probe of the server: reachability, open servers.
    static AccountStatus refine(const AccountStatus &fromFile, const ProbeResult &probe);
};

} // namespace Mcpa
