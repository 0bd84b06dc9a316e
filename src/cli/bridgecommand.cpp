#include "bridgecommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/bridgetokensource.h"
#include "core/mcp/bridge.h"
#include "core/net/httpclient.h"
#include "core/store/serverregistry.h"

#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace Mcpa {

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

BridgeCommand::BridgeCommand(QObject *parent)
    : AccountCommand(parent)
{ }

QString BridgeCommand::summary() const
{
    return QStringLiteral(
        "Runs an MCP stdio server that forwards to the server NAME with the account's tokens\n"
        "(refreshed once for every client that uses the account). For MCP clients that take\n"
        "only stdio servers: {\"command\": \"mcp-accounts-cli\", \"args\": [\"bridge\", "
        "\"NAME\"]}.\n"
        "stdout carries MCP messages only; notices go to stderr.");
}

void BridgeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    addAccountOption(parser);
    parser.addOptions({
        { QStringLiteral("min-validity"),
          QStringLiteral("Refresh when the token expires within this many seconds (default 60)."),
          QStringLiteral("seconds"), QStringLiteral("60") },
        { QStringLiteral("timeout"),
          QStringLiteral("Longest wait for one answer of the server, in seconds (default 600)."),
          QStringLiteral("seconds"), QStringLiteral("600") },
        { QStringLiteral("verbose"),
          QStringLiteral("Log every message's method and id on stderr.") },
    });
}

QString BridgeCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return QStringLiteral("expected one NAME");
    m_server = parser.positionalArguments().first();
    m_label = parser.value(QStringLiteral("account"));
    bool ok = false;
    m_minValidity = parser.value(QStringLiteral("min-validity")).toInt(&ok);
    if (!ok || m_minValidity < 0 || m_minValidity > 86400)
        return QStringLiteral("--min-validity takes seconds from 0 to 86400");
    m_timeout = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || m_timeout < 1 || m_timeout > 86400)
        return QStringLiteral("--timeout takes seconds from 1 to 86400");
    m_verbose = parser.isSet(QStringLiteral("verbose"));
    return {};
}

void BridgeCommand::start()
{
    if (!openContext())
        return;
    const std::optional<ServerRecord> server = context()->registry()->server(m_server);
    if (!server) {
        failWith({ Error::Code::UnknownServer,
                   QStringLiteral("no server named \"%1\" (see: mcp-accounts-cli list)")
                       .arg(m_server) });
        return;
    }
    McpBridge::Options options;
    options.url = server->mcpUrl;
    options.name = m_server;
    options.minValidity = std::chrono::seconds(m_minValidity);
    options.requestTimeout = std::chrono::seconds(m_timeout);
    options.verbose = m_verbose;
    // The MCP traffic has an HTTP client of its own: ending the bridge
    // aborts it, never a refresh in flight (whose rotated token must be kept).
    auto *http = new HttpClient(this);
    auto *tokens = new AccountBridgeTokenSource(context()->service(), m_server, m_label, this);
    auto *bridge = new McpBridge(http, tokens, options, this);
    connect(bridge, &Job::finished, this, [this, bridge] {
        if (bridge->error() && bridge->error().code() != Error::Code::Cancelled) {
            failWith(bridge->error());
            return;
        }
        finish(ExitCode::Ok);
    });
    watchSignals(bridge);
    bridge->start();
}

/// SIGTERM, SIGINT and SIGHUP end the bridge as the end of stdin does;
/// a client that went away (SIGPIPE) is noticed by the failing write.
void BridgeCommand::watchSignals(McpBridge *bridge)
{
    std::signal(SIGPIPE, SIG_IGN);
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, bridge, [bridge] {
        char byte = 0;
        while (::read(signalPipe[0], &byte, 1) > 0) { }
        bridge->stop();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
}

} // namespace Mcpa
