#include "checkkeychaincommand.h"

#include "core/store/secretstore.h"

#include <QRandomGenerator>

namespace Mcpa {

CheckKeychainCommand::CheckKeychainCommand(QObject *parent)
    : CliCommand(parent)
    , m_store(new SecretStore(SecretStore::defaultServiceName(), this))
{ }

QString CheckKeychainCommand::summary() const
{
    return QStringLiteral("Checks that the OS keychain can store secrets: writes, reads back and\n"
                          "deletes a test entry. Exit codes: 0 works, 5 keychain unavailable.");
}

void CheckKeychainCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("timeout"),
                       QStringLiteral("Seconds to wait for each keychain step (default 15)."),
                       QStringLiteral("seconds"), QStringLiteral("15") });
}

QString CheckKeychainCommand::readOptions(const QCommandLineParser &parser)
{
    bool ok = false;
    m_timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || m_timeoutSeconds <= 0 || m_timeoutSeconds > 600)
        return QStringLiteral("--timeout takes a whole number of seconds from 1 to 600");
    return {};
}

void CheckKeychainCommand::start()
{
    m_store->setTimeout(std::chrono::seconds(m_timeoutSeconds));
    const quint64 nonce = QRandomGenerator::system()->generate64();
    m_key = QStringLiteral("self-test/%1").arg(nonce, 16, 16, QLatin1Char('0'));
    m_value = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    SecretJob *job = m_store->write(m_key, m_value);
    connect(job, &Job::finished, this, [this, job] {
        if (job->error())
            fail(job->error());
        else
            readBack();
    });
}

void CheckKeychainCommand::readBack()
{
    SecretJob *job = m_store->read(m_key);
    connect(job, &Job::finished, this, [this, job] {
        if (job->error()) {
            fail(job->error());
            return;
        }
        if (job->data() != m_value) {
            fail({ Error::Code::KeychainUnavailable,
                   QStringLiteral("the keychain returned a different value than was stored") });
            return;
        }
        cleanUp();
    });
}

void CheckKeychainCommand::cleanUp()
{
    SecretJob *job = m_store->remove(m_key);
    connect(job, &Job::finished, this, [this, job] {
        if (job->error()) {
            fail(job->error());
            return;
        }
        out() << "keychain ok (service \"" << m_store->serviceName() << "\")" << Qt::endl;
        finish(ExitCode::Ok);
    });
}

void CheckKeychainCommand::fail(const Error &error)
{
    err() << "keychain unavailable: " << error.toString() << Qt::endl;
    err() << "Secrets are only ever stored in the OS keychain. Start a Secret Service "
             "(gnome-keyring or KWallet) in this session and unlock it."
          << Qt::endl;
    finish(ExitCode::KeychainUnavailable);
}

} // namespace Mcpa
