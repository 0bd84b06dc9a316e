#include "core/net/urlpolicy.h"

#include <QHostAddress>

namespace Mcpa::UrlPolicy {

bool isLoopback(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost"))
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    return address.isLoopback();
}

Error check(const QUrl &url, const QString &what)
{
    if (!url.isValid() || url.host().isEmpty())
        return { Error::Code::InvalidUrl, what + QLatin1String(" is not a valid URL") };
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return { Error::Code::InvalidUrl,
                 what + QLatin1String(" must use https (or http on loopback), not ") + scheme };
    if (!isLoopback(url))
        return { Error::Code::InsecureUrl,
                 what + QLatin1String(" uses plain http to ") + url.host()
                     + QLatin1String("; only loopback addresses may use http") };
    return {};
}

QString redacted(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

QUrl canonicalResource(const QUrl &url)
{
    QUrl out = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    out.setScheme(out.scheme().toLower());
    out.setHost(out.host().toLower());
    if ((out.scheme() == QLatin1String("https") && out.port() == 443)
        || (out.scheme() == QLatin1String("http") && out.port() == 80))
        out.setPort(-1);
    QString path = out.path();
    while (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path == QLatin1String("/"))
        path.clear();
    out.setPath(path);
    return out;
}

} // namespace Mcpa::UrlPolicy
