#pragma once

#include "accountcommand.h"

#include "core/mcp/elicitationanswerer.h"
#include "core/mcp/mcpcallflow.h"

#include <QPointer>

namespace Mcpa {
class HttpClient;
class MemoryRegistrationCache;
class Trace;
class BrowserOpener;

/// mcp-accounts-cli call NAME|URL: sign in as needed, initialize, list the
/// tools, call each --tool (with the --args after it) in order, close the
/// session. With a URL the tokens
/// stay in memory; with the NAME of an added server the stored account is
/// used (and kept up to date).
class CallCommand : public AccountCommand
{
    Q_OBJECT
public:
    explicit CallCommand(QObject *parent = nullptr);
    ~CallCommand() override;

    QString name() const override { return QStringLiteral("call"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void report(const Mcpa::McpCallResult &result);
    void fail(const Mcpa::Error &error);
    void startStored();
    bool askOnTerminal(const QString &message, const QJsonObject &schema, QJsonObject *content);
    QString readToolCalls(const QCommandLineParser &parser);

    Mcpa::HttpClient *m_http;
    Mcpa::Trace *m_trace;
    Mcpa::MemoryRegistrationCache *m_registrations;
    QPointer<Mcpa::McpCallFlow> m_flow; ///< deletes itself once it has finished
    BrowserOpener *m_browser = nullptr;
    Mcpa::McpCallRequest m_request;
    Mcpa::ElicitationAnswerer m_elicitation;
    QString m_browserMode;
    QString m_serverName; ///< an added server, instead of a URL
    bool m_json = false;
    bool m_verbose = false;
};

} // namespace Mcpa
