#pragma once

#include "core/accounts/accounttypes.h"
#include "core/base/job.h"
#include "core/mcp/mcpcallflow.h"
#include "core/oauth/oauthtypes.h"

#include <QUrl>

namespace Mcpa {

class AccountService;

/// One thing AccountService does for the GUI or the CLI (sign in, sign
/// out, get a fresh token, call a server), as a Job: handed out started,
/// it ends with one finished(); error() says whether it worked. The
/// subclasses (SignInOperation, FreshTokenOperation, …) do the steps; the
/// results below are read-only for everybody else.
class AccountOperation : public Job
{
    Q_OBJECT
public:
    /// Tokens after a sign-in or a fresh-token request (secrets: do not log).
    TokenSet tokens() const { return m_tokens; }
    McpCallResult callResult() const { return m_callResult; }
    /// Something the person should know although it worked ("the server
    /// offers no revocation; the token stays valid until it expires").
    QString warning() const { return m_warning; }

    QString serverId() const { return m_serverId; }
    /// The account acted on (the server's default when none was named).
    QString label() const { return m_target.label; }

Q_SIGNALS:
    /// The operation needs a person to open @p url (sign-in only).
    void authorizeWithBrowser(const QUrl &url);
    /// Sign-in only: the server now signs in through another authorization
    /// server (SEP-2352). Connected before the operation starts, the
    /// operation waits for continueWithAuthServer(); unconnected, it goes on
    /// (and its trace says so).
    void authServerChanged(const QString &previous, const QString &now);

public:
    /// The answer to authServerChanged() (sign-in only; others ignore it).
    virtual void continueWithAuthServer(bool accepted) { Q_UNUSED(accepted) }

protected:
    /// The server and account the operation acts on, as the config said at its start.
    struct Target
    {
        ServerRecord server;
        QString label;
        AccountRecord account;
        bool hasAccount = false;
    };

    AccountOperation(AccountService *service, QString serverId, QString label);

    /// Finds the server and account; false (and the operation ends with
    /// UnknownServer) when the server is not in the config.
    bool findTarget();

    void setTokens(const TokenSet &tokens) { m_tokens = tokens; }
    void setCallResult(const McpCallResult &result) { m_callResult = result; }
    void setWarning(const QString &warning) { m_warning = warning; }

    AccountService *m_service;
    QString m_serverId;
    QString m_requestedLabel;
    Target m_target;

private:
    TokenSet m_tokens;
    McpCallResult m_callResult;
    QString m_warning;
};

} // namespace Mcpa
