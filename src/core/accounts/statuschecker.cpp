#include "core/accounts/statuschecker.h"

#include "core/net/httpclient.h"

#include <QTimer>

namespace Mcpa {

StatusChecker::StatusChecker(HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{ }

void StatusChecker::start(const QList<Target> &targets)
{
    m_queue.append(targets);
    if (m_queue.isEmpty() && m_running == 0) {
        QTimer::singleShot(0, this, &StatusChecker::finished);
        return;
    }
    startNext();
}

void StatusChecker::startNext()
{
    while (m_running < m_maxParallel && !m_queue.isEmpty()) {
        const Target target = m_queue.takeFirst();
        auto *probe = new ServerProbe(m_http, this);
        probe->setTimeout(m_timeout);
        ++m_running;
        m_peak = qMax(m_peak, m_running);
        connect(probe, &ServerProbe::finished, this,
                [this, probe, id = target.serverId](const ProbeResult &result) {
                    probe->deleteLater();
                    --m_running;
                    Q_EMIT checked(id, result);
                    startNext();
                    if (m_running == 0 && m_queue.isEmpty())
                        Q_EMIT finished();
                });
        probe->start(target.url);
    }
}

void StatusChecker::cancel()
{
    m_queue.clear();
}

} // namespace Mcpa
