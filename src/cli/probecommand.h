#pragma once

#include "clicommand.h"

#include <QUrl>

namespace Mcpa {
class HttpClient;
struct ProbeResult;

/// mcp-accounts-cli probe URL: is sign-in required? (no token is sent)
class ProbeCommand : public CliCommand
{
    Q_OBJECT
public:
    explicit ProbeCommand(QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("probe"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void report(const Mcpa::ProbeResult &result);

    Mcpa::HttpClient *m_http;
    QUrl m_url;
    bool m_json = false;
    int m_timeoutSeconds = 15;
};

} // namespace Mcpa
