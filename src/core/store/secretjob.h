#pragma once

#include "core/base/job.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>

namespace QKeychain {
class Job;
}

namespace Mcpa {

/// One keychain operation, as a Job: SecretStore hands it out started (it
/// begins on the next event-loop turn, so connect to finished() first or
/// after). data() holds the secret a read found. A job the backend does not
/// answer in time fails with KeychainTimeout; the backend's late answer is
/// then ignored.
class SecretJob : public Job
{
    Q_OBJECT
public:
    enum class Operation { Read, Write, Remove };
    Q_ENUM(Operation)

    SecretJob(Operation operation, QString service, QString key, QByteArray data,
              std::chrono::milliseconds timeout, QObject *parent = nullptr);

    Operation operation() const { return m_operation; }
    QString key() const { return m_key; }
    /// The stored secret, for a read that succeeded; empty otherwise.
    QByteArray data() const { return m_data; }

protected:
    void doStart() override;

private:
    void onBackendFinished(QKeychain::Job *job);
    void onTimeout();
    void complete(const Error &error, const QByteArray &data);

    Operation m_operation;
    QString m_service;
    QString m_key;
    QByteArray m_data;
    std::chrono::milliseconds m_timeout;
};

} // namespace Mcpa
