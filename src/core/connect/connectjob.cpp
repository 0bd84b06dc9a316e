#include "core/connect/connectjob.h"

#include "core/store/secretjob.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Mcpa {

ConnectJob::ConnectJob(Mode mode, const ConnectRequest &request, QString cliPath,
                       SecretStore *secrets, ServerRegistry *registry, QObject *parent)
    : Job(parent)
    , m_mode(mode)
    , m_request(request)
    , m_connector(std::move(cliPath))
    , m_secrets(secrets)
    , m_registry(registry)
{ }

void ConnectJob::doStart()
{
    if (m_mode == Mode::Connect)
        startConnect();
    else
        startDisconnect();
}

void ConnectJob::startConnect()
{
    setProgressText(QStringLiteral("Reading %1").arg(m_request.configPath));
    m_change = m_connector.planConnect(m_request);
    if (m_change.error) {
        emitResult(m_change.error);
        return;
    }
    if (m_planOnly) {
        emitResult();
        return;
    }
    if (!m_change.changes()) {
        m_unchanged = true;
        emitResult();
        return;
    }
    m_secretKey
        = ClientConnector::secretKey(m_request.client, m_change.filePath, m_request.entryName);
    if (m_change.previousIsOurs) {
        // Already ours (another server or account): what disconnect restores stays.
        if (commitAndRecord(true))
            emitResult();
        return;
    }
    SavedEntry saved;
    if (m_change.hadEntry)
        saved.previous = m_change.previousEntry;
    saved.createdFile = !m_change.fileExisted;
    saved.createdContainer = m_change.createdContainer;
    setProgressText(QStringLiteral("Keeping the replaced entry in the keychain"));
    runStepHandlingErrors(m_secrets->write(m_secretKey, saved.encode()),
                          &ConnectJob::onReplacedSaved);
}

void ConnectJob::onReplacedSaved(SecretJob *job)
{
    if (const Error error = job->error()) {
        emitResult({ error.code(),
                     QStringLiteral("the entry it replaces cannot be kept in the keychain, so %1 "
                                    "was not changed: %2")
                         .arg(m_request.configPath, error.detail()) });
        return;
    }
    if (commitAndRecord(true))
        emitResult();
}

void ConnectJob::startDisconnect()
{
    const QFileInfo info(m_request.configPath);
    const QString filePath = info.isSymLink() ? info.canonicalFilePath() : info.absoluteFilePath();
    m_secretKey = ClientConnector::secretKey(m_request.client, filePath, m_request.entryName);
    setProgressText(QStringLiteral("Reading the saved entry from the keychain"));
    runStepHandlingErrors(m_secrets->read(m_secretKey), &ConnectJob::onSavedRead);
}

void ConnectJob::onSavedRead(SecretJob *job)
{
    SavedEntry saved;
    const Error error = job->error();
    if (error && error.code() != Error::Code::SecretNotFound) {
        emitResult(error);
        return;
    }
    if (!error) {
        if (const Error corrupt = SavedEntry::decode(job->data(), &saved)) {
            emitResult(corrupt);
            return;
        }
    }
    m_change = m_connector.planDisconnect(m_request.client, m_request.configPath,
                                          m_request.entryName, saved);
    if (m_change.error) {
        emitResult(m_change.error);
        return;
    }
    if (m_planOnly) {
        emitResult();
        return;
    }
    m_restoredPrevious = saved.previous.has_value();
    if (!commitAndRecord(false))
        return;
    runStepHandlingErrors(m_secrets->remove(m_secretKey), &ConnectJob::onSavedRemoved);
}

void ConnectJob::onSavedRemoved(SecretJob *job)
{
    if (job->error() && job->error().code() != Error::Code::SecretNotFound)
        m_warnings.append(QStringLiteral("the saved entry stays in the keychain: %1")
                              .arg(job->error().toString()));
    emitResult();
}

bool ConnectJob::commitAndRecord(bool connected)
{
    setProgressText(QStringLiteral("Writing %1").arg(m_request.configPath));
    if (const Error error = m_connector.commit(m_change)) {
        emitResult(error);
        return false;
    }
    recordConnection(connected);
    return true;
}

void ConnectJob::recordConnection(bool connected)
{
    // The non-secret facts, for the app and `connections`; a failure here
    // does not undo the edit (connections also reads the client configs).
    if (!m_registry || m_registry->isReadOnly())
        return;
    QJsonObject settings = m_registry->settings();
    QJsonArray list = settings.value(QStringLiteral("connections")).toArray();
    const QString client = ClientApps::name(m_request.client);
    for (qsizetype i = list.size() - 1; i >= 0; --i) {
        const QJsonObject item = list.at(i).toObject();
        if (item.value(QStringLiteral("client")).toString() == client
            && item.value(QStringLiteral("configPath")).toString() == m_change.filePath
            && item.value(QStringLiteral("entry")).toString() == m_request.entryName)
            list.removeAt(i);
    }
    if (connected) {
        list.append(QJsonObject {
            { QStringLiteral("client"), client },
            { QStringLiteral("configPath"), m_change.filePath },
            { QStringLiteral("entry"), m_request.entryName },
            { QStringLiteral("server"), m_request.serverId },
            { QStringLiteral("account"), m_request.accountLabel },
            { QStringLiteral("connectedAt"),
              QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
        });
    }
    if (list.isEmpty())
        settings.remove(QStringLiteral("connections"));
    else
        settings.insert(QStringLiteral("connections"), list);
    if (m_registry->setSettings(settings) || m_registry->save())
        m_warnings.append(
            QStringLiteral("the connection was not noted in %1").arg(m_registry->filePath()));
}

} // namespace Mcpa
