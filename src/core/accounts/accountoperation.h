#pragma once

#include "core/base/error.h"
#include "core/mcp/mcpcallflow.h"
#include "core/oauth/oauthtypes.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace Mcpa {

/// One thing AccountService does for the GUI or the CLI (sign in, sign
/// out, get a fresh token, call a server). Ends with exactly one of
/// succeeded() / failed(), asynchronously, then deletes itself.
class AccountOperation : public QObject
{
    Q_OBJECT
public:
    enum class State { Running, Succeeded, Failed };
    Q_ENUM(State)

    explicit AccountOperation(QObject *parent = nullptr);

    State state() const { return m_state; }
    /// Tokens after a sign-in or a fresh-token request (secrets: do not log).
    TokenSet tokens() const { return m_tokens; }
    McpCallResult callResult() const { return m_callResult; }
    /// Something the person should know although it worked ("the server
    /// offers no revocation; the token stays valid until it expires").
    QString warning() const { return m_warning; }

    void cancel();

    // For AccountService.
    void setCancelHandler(std::function<void()> handler) { m_cancel = std::move(handler); }
    void setTokens(const TokenSet &tokens) { m_tokens = tokens; }
    void setCallResult(const McpCallResult &result) { m_callResult = result; }
    void setWarning(const QString &warning) { m_warning = warning; }
    void succeed();
    void fail(const Error &error);

Q_SIGNALS:
    void authorizeWithBrowser(const QUrl &url);
    void progress(const QString &step);
    void succeeded();
    void failed(const Mcpa::Error &error);

private:
    State m_state = State::Running;
    TokenSet m_tokens;
    McpCallResult m_callResult;
    QString m_warning;
    std::function<void()> m_cancel;
};

} // namespace Mcpa
