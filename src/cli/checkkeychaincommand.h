#pragma once

#include "clicommand.h"

namespace Mcpa {
class Error;
class SecretStore;

/// mcp-accounts-cli check-keychain: can secrets be stored here? Writes,
/// reads back and deletes a random test entry.
class CheckKeychainCommand : public CliCommand
{
    Q_OBJECT
public:
    explicit CheckKeychainCommand(QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("check-keychain"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void readBack();
    void cleanUp();
    void fail(const Mcpa::Error &error);

    Mcpa::SecretStore *m_store;
    QString m_key;
    QByteArray m_value;
    int m_timeoutSeconds = 15;
};

} // namespace Mcpa
