#pragma once

#include "core/oauth/wwwauthenticate.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Mcpa {

/// RFC 9728 protected resource metadata, as far as the client uses it.
struct ProtectedResourceMetadata
{
    QUrl resource;
    QList<QUrl> authorizationServers;
    QStringList scopesSupported;
    QUrl sourceUrl; ///< where it was fetched
};

/// RFC 8414 / OIDC discovery authorization server metadata.
struct AuthServerMetadata
{
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl registrationEndpoint;
    QUrl revocationEndpoint;
    QUrl userinfoEndpoint;
    QStringList scopesSupported;
    QStringList codeChallengeMethodsSupported;
    QStringList tokenEndpointAuthMethodsSupported;
    QStringList grantTypesSupported;
    bool clientIdMetadataDocumentSupported = false;
    bool authorizationResponseIssParameterSupported = false;
    /// False for the 2025-03-26 fallback: no metadata at all, default
    /// endpoints /authorize, /token, /register on the server's origin.
    bool fromMetadata = true;
    QUrl sourceUrl; ///< where it was fetched (empty for the fallback)
};

/// Everything discovery learned about one MCP server.
struct DiscoveryResult
{
    QUrl mcpUrl;
    /// The RFC 8707 resource to request tokens for: the PRM "resource" when
    /// there is PRM, else the canonical MCP URL.
    QUrl resource;
    bool hasProtectedResourceMetadata = false;
    ProtectedResourceMetadata protectedResource;
    AuthServerMetadata authServer;
    BearerChallenge challenge; ///< from the unauthenticated request (may be absent)
};

enum class ClientAuthMethod { None, ClientSecretPost, ClientSecretBasic };

/// "none", "client_secret_post", "client_secret_basic".
QString clientAuthMethodName(ClientAuthMethod method);
/// Parses a method name; false for methods this client does not support.
bool parseClientAuthMethod(const QString &name, ClientAuthMethod *method);

/// A client identity at one authorization server (keyed by issuer).
struct ClientRegistration
{
    enum class Source { PreRegistered, MetadataDocument, Dynamic };

    QString issuer;
    QString clientId;
    QString clientSecret; ///< secret: never logged or written to a file
    ClientAuthMethod authMethod = ClientAuthMethod::None;
    /// The exact redirect URI registered; reused byte for byte.
    QUrl redirectUri;
    Source source = Source::Dynamic;
    QDateTime clientSecretExpiresAt; ///< invalid when it never expires

    bool isValid() const { return !clientId.isEmpty(); }
};

/// Tokens from one token response. Secrets: never logged or written to a file.
struct TokenSet
{
    QString accessToken;
    QString tokenType;
    QString refreshToken;
    QString idToken;
    QStringList scopes; ///< granted scopes (the requested ones when the AS does not say)
    QDateTime expiresAt; ///< absolute (receipt time + expires_in); invalid when unknown
    QDateTime receivedAt;

    bool isValid() const { return !accessToken.isEmpty(); }
};

} // namespace Mcpa

Q_DECLARE_METATYPE(Mcpa::DiscoveryResult)
Q_DECLARE_METATYPE(Mcpa::ClientRegistration)
Q_DECLARE_METATYPE(Mcpa::TokenSet)
