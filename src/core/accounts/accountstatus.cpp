#include "core/accounts/accountstatus.h"

namespace Mcpa {

QString AccountStatus::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Unknown:
        return QStringLiteral("unknown");
    case Kind::Open:
        return QStringLiteral("open");
    case Kind::SignedOut:
        return QStringLiteral("signed-out");
    case Kind::SignedIn:
        return QStringLiteral("signed-in");
    case Kind::Refreshing:
        return QStringLiteral("refreshing");
    case Kind::NeedsSignIn:
        return QStringLiteral("needs-sign-in");
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Error:
        break;
    }
    return QStringLiteral("error");
}

AccountStatus AccountStatus::fromRecord(const AccountRecord *account, const QDateTime &now)
{
    AccountStatus status;
    if (!account) {
        status.kind = Kind::SignedOut;
        return status;
    }
    status.expiresAt = account->expiresAt;
    if (account->needsSignIn) {
        status.kind = Kind::NeedsSignIn;
        status.reason
            = account->lastError.isEmpty() ? QStringLiteral("sign in again") : account->lastError;
        return status;
    }
    const bool expired = account->expiresAt.isValid() && account->expiresAt <= now;
    if (expired && !account->hasRefreshToken) {
        status.kind = Kind::NeedsSignIn;
        status.reason = QStringLiteral("the token expired and there is no refresh token");
        return status;
    }
    status.kind = Kind::SignedIn;
    status.refreshDue = expired;
    status.noRefreshToken = !account->hasRefreshToken;
    return status;
}

QString AccountStatus::noRefreshTokenNotice(const QDateTime &expiresAt, const QDateTime &now)
{
    const QString prefix = QStringLiteral("no refresh token: you will need to sign in again ");
    if (!expiresAt.isValid())
        return prefix + QStringLiteral("when the server stops taking this token");
    const qint64 minutes = now.secsTo(expiresAt) / 60;
    if (minutes < 1)
        return prefix + QStringLiteral("in less than a minute");
    if (minutes < 120)
        return prefix + QStringLiteral("in %1 min").arg(minutes);
    if (minutes < 2880)
        return prefix + QStringLiteral("in %1 h").arg(minutes / 60);
    return prefix + QStringLiteral("in %1 days").arg(minutes / 1440);
}

AccountStatus AccountStatus::refine(const AccountStatus &fromFile, const ProbeResult &probe)
{
    AccountStatus status = fromFile;
    switch (probe.kind) {
    case ProbeResult::Kind::Open:
        status.kind = Kind::Open;
        status.reason.clear();
        break;
    case ProbeResult::Kind::Unreachable:
        status.kind = Kind::Unreachable;
        status.reason = probe.error.toString();
        break;
    case ProbeResult::Kind::Error:
        status.kind = Kind::Error;
        status.reason = probe.error.toString();
        break;
    case ProbeResult::Kind::AuthRequired:
        if (status.kind == Kind::Unknown || status.kind == Kind::Open
            || status.kind == Kind::Unreachable || status.kind == Kind::Error)
            status.kind = Kind::SignedOut;
        break;
    }
    return status;
}

} // namespace Mcpa
