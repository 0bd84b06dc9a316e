#include "core/store/secretjob.h"

#include "core/base/logging.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace Mcpa {

namespace {

Error mapBackendError(QKeychain::Error code, const QString &text)
{
    switch (code) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return { Error::Code::SecretNotFound, QStringLiteral("no such keychain entry") };
    case QKeychain::AccessDeniedByUser:
        return { Error::Code::KeychainAccessDenied, text };
    case QKeychain::AccessDenied:
        return { Error::Code::KeychainLocked, text };
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return { Error::Code::KeychainUnavailable, text };
}

} // namespace

SecretJob::SecretJob(Operation operation, QString service, QString key, QByteArray data,
                     std::chrono::milliseconds timeout, QObject *parent)
    : Job(parent)
    , m_operation(operation)
    , m_service(std::move(service))
    , m_key(std::move(key))
    , m_data(std::move(data))
    , m_timeout(timeout)
{ }

void SecretJob::doStart()
{
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setBinaryData(m_data);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    m_data.clear();
    // Never fall back to a plaintext store, whatever the backend offers.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(m_key);
    connect(job, &QKeychain::Job::finished, this, &SecretJob::onBackendFinished);
    QTimer::singleShot(m_timeout, this, &SecretJob::onTimeout);
    qCDebug(lcKeychain) << m_operation << "key" << m_key;
    job->start();
}

void SecretJob::onBackendFinished(QKeychain::Job *job)
{
    if (isFinished())
        return;
    const Error error = mapBackendError(job->error(), job->errorString());
    QByteArray data;
    if (!error && m_operation == Operation::Read)
        data = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
    complete(error, data);
}

void SecretJob::onTimeout()
{
    if (isFinished())
        return;
    complete({ Error::Code::KeychainTimeout,
               QStringLiteral("the keychain did not answer within %1 ms").arg(m_timeout.count()) },
             {});
}

void SecretJob::complete(const Error &error, const QByteArray &data)
{
    if (error)
        qCDebug(lcKeychain) << m_operation << "key" << m_key << "failed:" << error.codeName();
    m_data = data;
    emitResult(error);
}

} // namespace Mcpa
