#pragma once

#include "core/base/job.h"
#include "core/mcp/serverprobe.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>

namespace Mcpa {

class HttpClient;

/// Probes many servers with bounded parallelism (no tokens are sent), one
/// ProbeJob step per server. checked() arrives once per server, in
/// completion order; the job ends after the last one, with results() by
/// server id. An unreachable server is a result, not a failure: error() is
/// set only when the job was cancelled.
class StatusChecker : public Job
{
    Q_OBJECT
public:
    struct Target
    {
        QString serverId;
        QUrl url;
    };

    StatusChecker(HttpClient *http, const QList<Target> &targets, QObject *parent = nullptr);

    void setMaxParallel(int maxParallel) { m_maxParallel = qMax(1, maxParallel); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    /// What each probe found, by server id.
    QHash<QString, ProbeResult> results() const { return m_results; }
    int peakParallel() const { return m_peak; }

Q_SIGNALS:
    void checked(const QString &serverId, const Mcpa::ProbeResult &result);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void startNext();
    void onProbed(ProbeJob *probe);

    HttpClient *m_http;
    int m_maxParallel = 8;
    std::chrono::milliseconds m_timeout { 10000 };
    QList<Target> m_queue;
    QHash<const ProbeJob *, QString> m_running;
    QHash<QString, ProbeResult> m_results;
    int m_peak = 0;
};

} // namespace Mcpa
