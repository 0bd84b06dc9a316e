#include "core/store/serverids.h"

#include <QHostAddress>
#include <QStringList>

namespace Mcpa {

namespace {

/// At most @p length characters, no trailing '-'.
QString shortened(const QString &id, int length)
{
    QString out = id.left(length);
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    return out;
}

} // namespace

bool ServerIds::isValid(const QString &id)
{
    if (id.isEmpty() || id.size() > maxLength)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const char16_t c = id.at(i).unicode();
        const bool alphanumeric = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alphanumeric && (i == 0 || c != u'-'))
            return false;
    }
    return true;
}

QString ServerIds::unique(const QString &name, const QUrl &url, const QSet<QString> &taken)
{
    const QString stem = base(name, url);
    for (int n = 1;; ++n) {
        const QString suffix = n == 1 ? QString() : QLatin1Char('-') + QString::number(n);
        const QString candidate = shortened(stem, maxLength - int(suffix.size())) + suffix;
        if (!taken.contains(candidate))
            return candidate;
    }
}

QString ServerIds::base(const QString &name, const QUrl &url)
{
    QString id = fromName(name);
    if (id.isEmpty())
        id = fromHost(url);
    if (id.isEmpty())
        id = QStringLiteral("server");
    return id;
}

QString ServerIds::fromName(const QString &name)
{
    return shortened(slug(name), maxLength);
}

QString ServerIds::fromHost(const QUrl &url)
{
    const QString host = url.host().toLower();
    if (host.isEmpty() || QHostAddress().setAddress(host))
        return {};
    QStringList labels = host.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    if (labels.size() > 1)
        labels.removeLast(); // the top-level domain
    const QStringList generic { QStringLiteral("www"), QStringLiteral("mcp"),
                                QStringLiteral("api") };
    while (labels.size() > 1 && generic.contains(labels.first()))
        labels.removeFirst();
    return shortened(slug(labels.join(QLatin1Char('-'))), maxLength);
}

QString ServerIds::slug(const QString &text)
{
    QString out;
    bool pendingDash = false;
    const QString decomposed = text.normalized(QString::NormalizationForm_KD).toLower();
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        const char16_t code = c.unicode();
        if (!((code >= u'a' && code <= u'z') || (code >= u'0' && code <= u'9'))) {
            pendingDash = !out.isEmpty();
            continue;
        }
        if (pendingDash)
            out += QLatin1Char('-');
        pendingDash = false;
        out += c;
    }
    return out;
}

} // namespace Mcpa
