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
        auto *probe = new ProbeJob(m_http, target.url, this);
        probe->setTimeout(m_timeout);
        ++m_running;
        m_peak = qMax(m_peak, m_running);
        connect(probe, &Job::finished, this, [this, probe, id = target.serverId] {
            --m_running;
            Q_EMIT checked(id, probe->result());
            startNext();
            if (m_running == 0 && m_queue.isEmpty())
                Q_EMIT finished();
        });
        probe->start();
    }
}

void StatusChecker::cancel()
{
    m_queue.clear();
}

} // namespace Mcpa
