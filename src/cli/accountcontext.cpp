#include "accountcontext.h"

#include "core/accounts/accountservice.h"
#include "core/base/clock.h"
#include "core/net/httpclient.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"

namespace Mcpa {

AccountContext::AccountContext(QObject *parent)
    : QObject(parent)
    , m_registry(new ServerRegistry(ServerRegistry::defaultFilePath(), this))
    , m_secrets(new SecretStore(SecretStore::defaultServiceName(), this))
    , m_tokens(new TokenStore(m_secrets, this))
    , m_http(new HttpClient(this))
    , m_service(new AccountService(m_registry, m_tokens, m_http, Clock::system(), this))
{ }

bool AccountContext::open(QTextStream &err)
{
    const ConfigLoadResult result = m_registry->load();
    switch (result.status) {
    case ConfigLoadResult::Status::Ok:
    case ConfigLoadResult::Status::Missing:
        break;
    case ConfigLoadResult::Status::NewerVersion:
        err << "note: " << m_registry->filePath()
            << " was written by a newer version of MCP Accounts; it is read-only here." << Qt::endl;
        break;
    case ConfigLoadResult::Status::Corrupt:
        err << "warning: the config file was damaged and has been set aside"
            << (result.backupPath.isEmpty() ? QString()
                                            : QStringLiteral(" as ") + result.backupPath)
            << "; starting with an empty list." << Qt::endl;
        break;
    case ConfigLoadResult::Status::Unreadable:
        err << "error: cannot read " << m_registry->filePath() << Qt::endl;
        return false;
    }
    for (const QString &warning : result.warnings)
        err << "warning: " << warning << Qt::endl;
    return true;
}

} // namespace Mcpa
