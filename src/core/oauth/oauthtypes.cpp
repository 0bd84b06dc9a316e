#include "core/oauth/oauthtypes.h"

namespace Mcpa {

QString clientAuthMethodName(ClientAuthMethod method)
{
    switch (method) {
    case ClientAuthMethod::None:
        return QStringLiteral("none");
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral("client_secret_post");
    case ClientAuthMethod::ClientSecretBasic:
        return QStringLiteral("client_secret_basic");
    }
    return QStringLiteral("none");
}

bool parseClientAuthMethod(const QString &name, ClientAuthMethod *method)
{
    if (name == QLatin1String("none"))
        *method = ClientAuthMethod::None;
    else if (name == QLatin1String("client_secret_post"))
        *method = ClientAuthMethod::ClientSecretPost;
    else if (name == QLatin1String("client_secret_basic"))
        *method = ClientAuthMethod::ClientSecretBasic;
    else
        return false;
    return true;
}

} // namespace Mcpa
