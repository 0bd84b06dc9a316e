#pragma once

#include "core/base/error.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>

namespace QKeychain {
class Job;
}

namespace Mcpa {

/// One keychain operation. Starts on the next event-loop turn (connect
/// first), ends with exactly one of succeeded() / failed(), then deletes
/// itself. A job the backend does not answer in time fails with
/// KeychainTimeout; the backend's late answer is then ignored.
class SecretJob : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Read, Write, Remove };
    Q_ENUM(Operation)
    enum class State { Pending, Running, Succeeded, Failed };
    Q_ENUM(State)

    SecretJob(Operation operation, QString service, QString key, QByteArray data,
              std::chrono::milliseconds timeout, QObject *parent = nullptr);

    Operation operation() const { return m_operation; }
    QString key() const { return m_key; }
    State state() const { return m_state; }

Q_SIGNALS:
    void stateChanged(Mcpa::SecretJob::State state);
    /// @p data is the stored secret for reads, empty otherwise.
    void succeeded(const QByteArray &data);
    void failed(const Mcpa::Error &error);

private:
    void run();
    void onBackendFinished(QKeychain::Job *job);
    void onTimeout();
    void complete(const Error &error, const QByteArray &data);
    void setState(State state);

    Operation m_operation;
    QString m_service;
    QString m_key;
    QByteArray m_data;
    std::chrono::milliseconds m_timeout;
    State m_state = State::Pending;
};

} // namespace Mcpa
