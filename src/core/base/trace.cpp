#include "core/base/trace.h"

#include "core/base/logging.h"
#include "core/net/urlpolicy.h"

namespace Mcpa {

Trace::Trace(QObject *parent)
    : QObject(parent)
{ }

void Trace::add(Outcome outcome, const QString &what, const QString &detail)
{
    Step step { QDateTime::currentDateTimeUtc(), outcome, what, detail };
    m_steps.append(step);
    qCDebug(lcOAuth).noquote() << what << detail;
    Q_EMIT stepAdded(step);
}

void Trace::clear()
{
    m_steps.clear();
}

QString Trace::toText() const
{
    QString text;
    for (const Step &step : m_steps) {
        const char *mark = "    ";
        switch (step.outcome) {
        case Outcome::Info:
            mark = "[..]";
            break;
        case Outcome::Success:
            mark = "[ok]";
            break;
        case Outcome::Warning:
            mark = "[!!]";
            break;
        case Outcome::Failure:
            mark = "[XX]";
            break;
        }
        text += step.time.toString(QStringLiteral("HH:mm:ss.zzz")) + QLatin1Char(' ')
            + QLatin1String(mark) + QLatin1Char(' ') + step.what;
        if (!step.detail.isEmpty())
            text += QLatin1String(": ") + step.detail;
        text += QLatin1Char('\n');
    }
    return text;
}

QString Trace::url(const QUrl &url)
{
    return UrlPolicy::redacted(url);
}

} // namespace Mcpa
