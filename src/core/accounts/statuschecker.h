#pragma once

#include "core/mcp/serverprobe.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>

namespace Mcpa {

class HttpClient;

/// Probes many servers with bounded parallelism (no tokens are sent).
/// checked() arrives once per server, in completion order; finished()
/// after the last one.
class StatusChecker : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QString serverId;
        QUrl url;
    };

    StatusChecker(HttpClient *http, QObject *parent = nullptr);

    void setMaxParallel(int maxParallel) { m_maxParallel = qMax(1, maxParallel); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void start(const QList<Target> &targets);
    void cancel();
    bool isRunning() const { return m_running > 0 || !m_queue.isEmpty(); }
    int peakParallel() const { return m_peak; }

Q_SIGNALS:
    void checked(const QString &serverId, const Mcpa::ProbeResult &result);
    void finished();

private:
    void startNext();

    HttpClient *m_http;
    int m_maxParallel = 8;
    std::chrono::milliseconds m_timeout { 10000 };
    QList<Target> m_queue;
    int m_running = 0;
    int m_peak = 0;
};

} // namespace Mcpa
