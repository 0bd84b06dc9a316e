#include "core/accounts/bridgetokensource.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/signinbroker.h"
#include "core/store/serverregistry.h"

#include <QFileInfo>

namespace Mcpa {

namespace {

void deliver(AccountOperation *operation, QObject *context,
             const BridgeTokenSource::Callback &callback)
{
    QObject::connect(operation, &Job::finished, context, [operation, callback] {
        const TokenSet tokens = operation->tokens();
        callback({ tokens.accessToken, tokens.expiresAt }, operation->error());
    });
}

} // namespace

AccountBridgeTokenSource::AccountBridgeTokenSource(AccountService *service, const QString &serverId,
                                                   const QString &label, QObject *parent)
    : BridgeTokenSource(parent)
    , m_service(service)
    , m_serverId(serverId)
    , m_label(label)
{ }

void AccountBridgeTokenSource::reloadIfChanged()
{
    ServerRegistry *registry = m_service->registry();
    const QFileInfo file(registry->filePath());
    const QDateTime modified = file.exists() ? file.lastModified() : QDateTime();
    const qint64 size = file.exists() ? file.size() : -1;
    if (modified == m_configModified && size == m_configSize)
        return;
    const bool first = m_configSize == -1 && !m_configModified.isValid();
    m_configModified = modified;
    m_configSize = size;
    if (!first && !registry->isReadOnly())
        registry->load();
}

void AccountBridgeTokenSource::fetch(std::chrono::seconds minValidity, QObject *context,
                                     Callback callback)
{
    reloadIfChanged();
    deliver(m_service->freshToken(m_serverId, m_label, minValidity), context, callback);
}

void AccountBridgeTokenSource::replace(const QString &rejected, QObject *context, Callback callback)
{
    reloadIfChanged();
    deliver(m_service->replaceRejectedToken(m_serverId, m_label, rejected), context, callback);
}

void AccountBridgeTokenSource::requestSignIn(const QString &clientName, QObject *context,
                                             std::function<void(const Error &error)> callback)
{
    auto *job = new SignInRequestJob(m_serverId, m_label, clientName);
    QObject::connect(job, &Job::finished, context, [job, callback] { callback(job->error()); });
    job->start();
}

QString AccountBridgeTokenSource::commandTail() const
{
    return m_label.isEmpty() ? m_serverId : m_serverId + QStringLiteral(" --account ") + m_label;
}

QString AccountBridgeTokenSource::signInAdvice() const
{
    return QStringLiteral("Sign in with the MCP Accounts app, or run: mcp-accounts-cli login %1")
        .arg(commandTail());
}

QString AccountBridgeTokenSource::stepUpAdvice(const QString &scope, const QString &tool) const
{
    Q_UNUSED(scope)
    return QStringLiteral("Grant it once with: mcp-accounts-cli call %1 --tool %2 (it signs in "
                          "for the scope and keeps the new token)")
        .arg(commandTail(), tool.isEmpty() ? QStringLiteral("TOOL") : tool);
}

} // namespace Mcpa
