#include "core/accounts/statuschecker.h"

#include "core/net/httpclient.h"

namespace Mcpa {

StatusChecker::StatusChecker(HttpClient *http, const QList<Target> &targets, QObject *parent)
    : Job(parent)
    , m_http(http)
    , m_queue(targets)
{ }

void StatusChecker::doStart()
{
    if (m_queue.isEmpty()) {
        emitResult();
        return;
    }
    setProgressText(QStringLiteral("Checking the servers"));
    startNext();
}

void StatusChecker::startNext()
{
    while (m_running.size() < m_maxParallel && !m_queue.isEmpty()) {
        const Target target = m_queue.takeFirst();
        auto *probe = new ProbeJob(m_http, target.url);
        probe->setTimeout(m_timeout);
        m_running.insert(probe, target.serverId);
        m_peak = qMax(m_peak, static_cast<int>(m_running.size()));
        runStepHandlingErrors(probe, &StatusChecker::onProbed);
    }
}

void StatusChecker::onProbed(ProbeJob *probe)
{
    const QString id = m_running.take(probe);
    const ProbeResult result = probe->result();
    m_results.insert(id, result);
    Q_EMIT checked(id, result);
    if (isFinished()) // cancelled from checked()
        return;
    startNext();
    if (m_running.isEmpty() && m_queue.isEmpty())
        emitResult();
}

void StatusChecker::doCancel()
{
    m_queue.clear();
    m_running.clear();
}

} // namespace Mcpa
