#pragma once

#include <QObject>
#include <QString>
#include <QTextStream>

namespace Mcpa {
class AccountService;
class Error;
class HttpClient;
class SecretStore;
class ServerRegistry;
class TokenStore;

/// What the account commands share: the config file, the keychain and the
/// account service, opened once per run. Startup reads only the config
/// file; the keychain is touched when a command needs a secret.
class AccountContext : public QObject
{
    Q_OBJECT
public:
    explicit AccountContext(QObject *parent = nullptr);

    /// Loads the config file; reports problems on @p err. False when the
    /// file cannot be used at all.
    bool open(QTextStream &err);

    Mcpa::ServerRegistry *registry() const { return m_registry; }
    Mcpa::TokenStore *tokens() const { return m_tokens; }
    Mcpa::SecretStore *secrets() const { return m_secrets; }
    Mcpa::HttpClient *http() const { return m_http; }
    Mcpa::AccountService *service() const { return m_service; }

private:
    Mcpa::ServerRegistry *m_registry;
    Mcpa::SecretStore *m_secrets;
    Mcpa::TokenStore *m_tokens;
    Mcpa::HttpClient *m_http;
    Mcpa::AccountService *m_service;
};

} // namespace Mcpa
