#include "core/net/urlpolicy.h"

#include <QHostAddress>
#include <QStringList>

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

bool looksLikeSecretPathSegment(QStringView segment)
{
    static const QLatin1String keyPrefixes[] = {
        QLatin1String("sk-"),    QLatin1String("sk_"),   QLatin1String("pk_"),
        QLatin1String("rk_"),    QLatin1String("ghp_"),  QLatin1String("gho_"),
        QLatin1String("ghu_"),   QLatin1String("ghs_"),  QLatin1String("github_pat_"),
        QLatin1String("glpat-"), QLatin1String("xoxb-"), QLatin1String("xoxp-"),
        QLatin1String("xapp-"),  QLatin1String("AKIA"),
    };
    for (const QLatin1String &prefix : keyPrefixes) {
        if (segment.size() >= prefix.size() + 8 && segment.startsWith(prefix))
            return true;
    }
    if (segment.size() < 20)
        return false;
    bool letter = false;
    bool digit = false;
    for (const QChar c : segment) {
        const char16_t u = c.unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z'))
            letter = true;
        else if (u >= u'0' && u <= u'9')
            digit = true;
        else if (u != u'-' && u != u'_' && u != u'.' && u != u'~' && u != u'+' && u != u'=')
            return false; // prose or a path with other punctuation, not a token
    }
    return letter && digit;
}

QString redacted(const QUrl &url)
{
    QUrl out = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QStringList segments = out.path().split(QLatin1Char('/'));
    bool changed = false;
    for (QString &segment : segments) {
        if (looksLikeSecretPathSegment(segment)) {
            segment = QStringLiteral("[redacted]");
            changed = true;
        }
    }
    if (!changed)
        return out.toString();
    // Built by hand: QUrl would percent-encode the brackets.
    out.setPath({});
    return out.toString() + segments.join(QLatin1Char('/'));
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
