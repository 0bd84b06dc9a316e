#pragma once

// Plain HTTP helpers shared by the OAuth tests, for what is not under test
// there: a JSON GET and the authorization server metadata of a real test
// server (the discovery engine is tested in tst_discovery).

#include "core/oauth/oauthtypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Mcpa::Test {

/// The JSON object at @p url; empty when there is none within 10 s.
inline QJsonObject getJson(const QUrl &url)
{
    QNetworkAccessManager manager;
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(url)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

/// The strings of a JSON array.
inline QStringList strings(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array)
        list.append(entry.toString());
    return list;
}

/// PRM -> AS metadata of a real test server.
inline AuthServerMetadata discoverAuthServer(const QUrl &mcpUrl)
{
    QUrl prmUrl = mcpUrl;
    prmUrl.setPath(QStringLiteral("/.well-known/oauth-protected-resource/mcp"));
    const QJsonObject prm = getJson(prmUrl);
    QUrl metadataUrl(
        prm.value(QLatin1String("authorization_servers")).toArray().first().toString());
    metadataUrl.setPath(QStringLiteral("/.well-known/oauth-authorization-server"));
    const QJsonObject json = getJson(metadataUrl);
    AuthServerMetadata metadata;
    metadata.issuer = json.value(QLatin1String("issuer")).toString();
    metadata.authorizationEndpoint
        = QUrl(json.value(QLatin1String("authorization_endpoint")).toString());
    metadata.tokenEndpoint = QUrl(json.value(QLatin1String("token_endpoint")).toString());
    metadata.registrationEndpoint
        = QUrl(json.value(QLatin1String("registration_endpoint")).toString());
    metadata.revocationEndpoint = QUrl(json.value(QLatin1String("revocation_endpoint")).toString());
    metadata.tokenEndpointAuthMethodsSupported
        = strings(json.value(QLatin1String("token_endpoint_auth_methods_supported")));
    metadata.codeChallengeMethodsSupported
        = strings(json.value(QLatin1String("code_challenge_methods_supported")));
    metadata.sourceUrl = metadataUrl;
    return metadata;
}

} // namespace Mcpa::Test
