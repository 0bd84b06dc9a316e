#include "callcommand.h"

#include "accountcontext.h"
#include "browseropener.h"

#include "core/accounts/accountservice.h"
#include "core/store/serverregistry.h"

#include "core/base/clock.h"
#include "core/base/servertext.h"
#include "core/base/trace.h"
#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"
#include "core/oauth/registrationcache.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace Mcpa {

namespace {

/// The text parts of a tools/call result, one per line.
QString resultText(const QJsonObject &result)
{
    QStringList lines;
    const QJsonArray content = result.value(QLatin1String("content")).toArray();
    for (const QJsonValue &item : content) {
        const QJsonObject part = item.toObject();
        if (part.value(QLatin1String("type")).toString() == QLatin1String("text"))
            lines.append(part.value(QLatin1String("text")).toString());
        else
            lines.append(
                QStringLiteral("[%1 content]").arg(part.value(QLatin1String("type")).toString()));
    }
    return lines.join(QLatin1Char('\n'));
}

bool isTerminal(FILE *file)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(file)) != 0;
#else
    return isatty(fileno(file)) != 0;
#endif
}

/// A typed answer for a primitive schema property; false when it does not fit.
bool parseAnswer(const QJsonObject &property, const QString &text, QJsonValue *value)
{
    const QString type = property.value(QLatin1String("type")).toString();
    bool ok = false;
    if (type == QLatin1String("integer")) {
        *value = QJsonValue(text.toLongLong(&ok));
    } else if (type == QLatin1String("number")) {
        *value = QJsonValue(text.toDouble(&ok));
    } else if (type == QLatin1String("boolean")) {
        const QString word = text.toLower();
        ok = QStringList { QStringLiteral("y"), QStringLiteral("yes"), QStringLiteral("true"),
                           QStringLiteral("n"), QStringLiteral("no"),  QStringLiteral("false") }
                 .contains(word);
        *value = QJsonValue(word.startsWith(QLatin1Char('y')) || word == QLatin1String("true"));
    } else {
        *value = QJsonValue(text);
        ok = true;
    }
    return ok && ElicitationAnswerer::fits(property, *value);
}

} // namespace

CallCommand::CallCommand(QObject *parent)
    : AccountCommand(parent)
    , m_http(new HttpClient(this))
    , m_trace(new Trace(this))
    , m_registrations(new MemoryRegistrationCache)
{ }

bool CallCommand::askOnTerminal(const QString &message, const QJsonObject &schema,
                                QJsonObject *content)
{
    QTextStream in(stdin);
    err() << "The server asks for input: " << message << Qt::endl;
    err() << "Answer it? [y/N] " << Qt::flush;
    const QString consent = in.readLine().trimmed().toLower();
    if (consent != QLatin1String("y") && consent != QLatin1String("yes"))
        return false;
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        QString label
            = sanitizedServerText(property.value(QLatin1String("title")).toString(it.key()), 80);
        const QString description
            = sanitizedServerText(property.value(QLatin1String("description")).toString(), 200);
        if (!description.isEmpty())
            label += QStringLiteral(" (%1)").arg(description);
        const QJsonArray options = property.value(QLatin1String("enum")).toArray();
        if (!options.isEmpty()) {
            QStringList words;
            for (const QJsonValue &option : options)
                words.append(sanitizedServerText(option.toVariant().toString(), 60));
            label += QStringLiteral(", one of: ") + words.join(QLatin1String(", "));
        }
        const QJsonValue fallback = property.value(QLatin1String("default"));
        if (!fallback.isUndefined())
            label += QStringLiteral(" [%1]").arg(
                sanitizedServerText(fallback.toVariant().toString(), 80));
        for (int attempt = 0; attempt < 3; ++attempt) {
            err() << "  " << label << ": " << Qt::flush;
            const QString text = in.readLine();
            if (text.isNull())
                return false; // end of input: decline
            if (text.trimmed().isEmpty())
                break; // the default, when there is one
            QJsonValue value;
            if (parseAnswer(property, text.trimmed(), &value)) {
                content->insert(it.key(), value);
                break;
            }
            err() << "  (that does not fit; try again)" << Qt::endl;
        }
    }
    return true;
}

CallCommand::~CallCommand()
{
    delete m_flow;
    delete m_registrations;
}

QString CallCommand::summary() const
{
    return QStringLiteral(
        "Signs in to an MCP server as needed, opens it (stateless 2026-07-28, or an\n"
        "initialize handshake for older servers), lists its tools, calls each --tool\n"
        "with the --args that follows it, in order and in one session, and closes the\n"
        "session. Tokens stay in memory for this run.\n"
        "Exit codes: 0 ok, 2 usage, 3 unreachable, 4 needs sign-in, 6 server error,\n"
        "7 the tool reported an error, 8 sign-in declined, timed out or cancelled.");
}

void CallCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name|url"),
                                 QStringLiteral("An added server's name, or an MCP server URL."));
    addAccountOption(parser);
    parser.addOptions({
        { QStringLiteral("tool"),
          QStringLiteral("Call this tool after listing; repeat for more calls, made in order."),
          QStringLiteral("name") },
        { QStringLiteral("args"),
          QStringLiteral("The arguments of the --tool before it, as a JSON object (default {})."),
          QStringLiteral("json") },
        { QStringLiteral("input"),
          QStringLiteral("Answer the server's requests for input (elicitation) with this JSON "
                         "object; fields not given take the server's defaults. Without it the "
                         "CLI asks on a terminal, or declines."),
          QStringLiteral("json") },
        { QStringLiteral("client-id"), QStringLiteral("A pre-registered client id."),
          QStringLiteral("id") },
        { QStringLiteral("issuer"),
          QStringLiteral("The authorization server (issuer) the pre-registered client belongs "
                         "to; its id and secret are never sent to another (default: the "
                         "issuer of its first sign-in)."),
          QStringLiteral("url") },
        { QStringLiteral("client-secret"),
          QStringLiteral("The client's secret. Visible to other local users in the process list: "
                         "prefer --client-secret-stdin or MCP_ACCOUNTS_CLIENT_SECRET."),
          QStringLiteral("secret") },
        { QStringLiteral("client-secret-stdin"),
          QStringLiteral("Read the client secret from the first line of stdin.") },
        { QStringLiteral("auth-method"),
          QStringLiteral("none, client_secret_post or client_secret_basic (default: what the "
                         "server supports)."),
          QStringLiteral("method") },
        { QStringLiteral("client-metadata-url"),
          QStringLiteral("Client ID Metadata Document URL (used when the server supports it)."),
          QStringLiteral("url") },
        { QStringLiteral("scope"), QStringLiteral("Scopes to request, space-separated."),
          QStringLiteral("scopes") },
        { QStringLiteral("no-resource"),
          QStringLiteral(
              "Do not send the RFC 8707 resource parameter (for servers that reject it).") },
        { QStringLiteral("callback-port"),
          QStringLiteral("Port of the loopback callback (default: any free one)."),
          QStringLiteral("port") },
        { QStringLiteral("callback-host"),
          QStringLiteral("Host in the redirect URI: 127.0.0.1 (default) or localhost. The listener "
                         "is on 127.0.0.1."),
          QStringLiteral("host"), QStringLiteral("127.0.0.1") },
        { QStringLiteral("timeout"),
          QStringLiteral("Seconds to wait for the sign-in in the browser (default 300)."),
          QStringLiteral("seconds"), QStringLiteral("300") },
        { QStringLiteral("browser"),
          QStringLiteral(
              "system, print, none (no person: follow redirects) or a command that gets the URL."),
          QStringLiteral("mode"), QStringLiteral("system") },
        { QStringLiteral("json"), QStringLiteral("Print one JSON object.") },
        { QStringLiteral("verbose"),
          QStringLiteral("Print the step-by-step trace (redacted) on stderr.") },
    });
}

QString CallCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return QStringLiteral("expected exactly one URL, as the last argument");
    ServerSettings &settings = m_request.settings;
    m_label = parser.value(QStringLiteral("account"));
    if (!positional.first().contains(QLatin1String("://"))
        && ServerRegistry::isValidServerId(positional.first())) {
        m_serverName = positional.first();
    } else {
        settings.mcpUrl = QUrl::fromUserInput(positional.first());
        const Error policy = UrlPolicy::check(settings.mcpUrl, QStringLiteral("the server URL"));
        if (policy)
            return policy.detail();
    }

    const QString toolsError = readToolCalls(parser);
    if (!toolsError.isEmpty())
        return toolsError;

    if (parser.isSet(QStringLiteral("input"))) {
        QJsonParseError jsonError;
        const QJsonDocument input
            = QJsonDocument::fromJson(parser.value(QStringLiteral("input")).toUtf8(), &jsonError);
        if (jsonError.error != QJsonParseError::NoError || !input.isObject())
            return QStringLiteral("--input must be a JSON object");
        m_elicitation.setGivenValues(input.object());
    } else if (isTerminal(stdin) && isTerminal(stderr)) {
        m_elicitation.setAsker(
            [this](const QString &message, const QJsonObject &schema, QJsonObject *content) {
                return askOnTerminal(message, schema, content);
            });
    }
    m_elicitation.setNotice(
        [this](const QString &text) { err() << "mcp-accounts-cli call: " << text << Qt::endl; });
    m_request.serverRequests = &m_elicitation;

    settings.clientId = parser.value(QStringLiteral("client-id"));
    settings.clientIssuer = parser.value(QStringLiteral("issuer"));
    if (!settings.clientIssuer.isEmpty() && settings.clientId.isEmpty())
        return QStringLiteral("--issuer needs --client-id");
    if (parser.isSet(QStringLiteral("client-secret-stdin"))) {
        QTextStream in(stdin);
        settings.clientSecret = in.readLine();
    } else if (parser.isSet(QStringLiteral("client-secret"))) {
        settings.clientSecret = parser.value(QStringLiteral("client-secret"));
        err() << "warning: --client-secret is visible in the process list; prefer "
                 "--client-secret-stdin"
              << Qt::endl;
    } else {
        settings.clientSecret = qEnvironmentVariable("MCP_ACCOUNTS_CLIENT_SECRET");
    }
    if (!settings.clientSecret.isEmpty() && settings.clientId.isEmpty())
        return QStringLiteral("a client secret needs --client-id");
    if (parser.isSet(QStringLiteral("auth-method"))) {
        ClientAuthMethod method;
        if (!parseClientAuthMethod(parser.value(QStringLiteral("auth-method")), &method))
            return QStringLiteral(
                "--auth-method takes none, client_secret_post or client_secret_basic");
        settings.authMethod = method;
    }
    if (parser.isSet(QStringLiteral("client-metadata-url")))
        settings.clientMetadataUrl = QUrl(parser.value(QStringLiteral("client-metadata-url")));
    settings.scopes
        = parser.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    settings.sendResource = !parser.isSet(QStringLiteral("no-resource"));
    if (parser.isSet(QStringLiteral("callback-port"))) {
        bool ok = false;
        const int port = parser.value(QStringLiteral("callback-port")).toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return QStringLiteral("--callback-port takes a port number from 1 to 65535");
        settings.callbackPort = static_cast<quint16>(port);
    }
    settings.redirectHost = parser.value(QStringLiteral("callback-host"));
    if (settings.redirectHost != QLatin1String("127.0.0.1")
        && settings.redirectHost != QLatin1String("localhost"))
        return QStringLiteral("--callback-host takes 127.0.0.1 or localhost");
    bool ok = false;
    const int timeout = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || timeout < 1 || timeout > 3600)
        return QStringLiteral("--timeout takes a whole number of seconds from 1 to 3600");
    settings.authorizationTimeout = std::chrono::seconds(timeout);

    m_browserMode = parser.value(QStringLiteral("browser"));
    const QString browserError = BrowserOpener::validate(m_browserMode);
    if (!browserError.isEmpty())
        return browserError;
    m_json = parser.isSet(QStringLiteral("json"));
    m_verbose = parser.isSet(QStringLiteral("verbose"));
    return {};
}

QString CallCommand::readToolCalls(const QCommandLineParser &parser)
{
    // QCommandLineParser keeps each option's values apart: pair them by
    // their order on the command line (--tool A --args X --tool B).
    const QStringList tools = parser.values(QStringLiteral("tool"));
    const QStringList args = parser.values(QStringLiteral("args"));
    QStringList order;
    const QStringList words = QCoreApplication::arguments();
    for (const QString &word : words) {
        if (word == QLatin1String("--tool") || word.startsWith(QLatin1String("--tool=")))
            order.append(QStringLiteral("tool"));
        else if (word == QLatin1String("--args") || word.startsWith(QLatin1String("--args=")))
            order.append(QStringLiteral("args"));
    }
    if (order.count(QStringLiteral("tool")) != tools.size()
        || order.count(QStringLiteral("args")) != args.size())
        order.clear(); // unusual spelling: fall back to pairing by position
    QList<QJsonObject> arguments;
    for (const QString &text : args) {
        QJsonParseError jsonError;
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &jsonError);
        if (jsonError.error != QJsonParseError::NoError || !document.isObject())
            return QStringLiteral("--args must be a JSON object");
        arguments.append(document.object());
    }
    m_request.toolCalls.clear();
    if (order.isEmpty()) {
        if (args.size() > tools.size())
            return QStringLiteral("each --args needs a --tool before it");
        for (int i = 0; i < tools.size(); ++i)
            m_request.toolCalls.append(
                { tools.at(i), i < arguments.size() ? arguments.at(i) : QJsonObject() });
        return {};
    }
    int nextTool = 0;
    int nextArgs = 0;
    bool argsGiven = true;
    for (const QString &kind : order) {
        if (kind == QLatin1String("tool")) {
            m_request.toolCalls.append({ tools.at(nextTool++), {} });
            argsGiven = false;
        } else {
            if (m_request.toolCalls.isEmpty() || argsGiven)
                return QStringLiteral("each --args needs a --tool before it");
            m_request.toolCalls.last().arguments = arguments.at(nextArgs++);
            argsGiven = true;
        }
    }
    return {};
}

void CallCommand::startStored()
{
    if (!openContext())
        return;
    AccountService *service = context()->service();
    service->setAuthorizationTimeout(m_request.settings.authorizationTimeout);
    if (m_verbose) {
        connect(
            service->trace(m_serverName), &Trace::stepAdded, this, [this](const Trace::Step &step) {
                err() << step.what
                      << (step.detail.isEmpty() ? QString() : QStringLiteral(": ") + step.detail)
                      << Qt::endl;
            });
    }
    AccountOperation *operation = service->call(m_serverName, m_label, m_request.toolCalls, true);
    attachBrowser(operation, m_browserMode);
    whenDone(
        operation, [this, operation] { report(operation->callResult()); },
        [this](const Error &error) { fail(error); });
}

void CallCommand::start()
{
    if (!m_serverName.isEmpty()) {
        startStored();
        return;
    }
    if (m_verbose) {
        connect(m_trace, &Trace::stepAdded, this, [this](const Trace::Step &) {
            // Printed as it happens, so a hanging step is visible.
            const QString line = m_trace->toText().section(QLatin1Char('\n'), -2, -2);
            err() << line << Qt::endl;
        });
    }
    m_browser = new BrowserOpener(m_browserMode, m_trace, this);
    m_flow = new McpCallFlow(m_http, Clock::system(), m_registrations, m_request, m_trace);
    connect(m_flow, &McpCallFlow::authorizeWithBrowser, this,
            [this](const QUrl &url) { m_browser->open(url); });
    connect(m_browser, &BrowserOpener::failed, m_flow, [this](const Error &error) {
        err() << "sign-in without a browser failed: " << error.toString() << Qt::endl;
        m_flow->cancelSignIn();
    });
    connect(m_flow, &Job::finished, this, [this] {
        if (m_flow->error())
            fail(m_flow->error());
        else
            report(m_flow->result());
    });
    m_flow->start();
}

void CallCommand::report(const McpCallResult &result)
{
    bool toolFailed = false;
    for (const QJsonObject &toolResult : result.toolResults)
        toolFailed = toolFailed || toolResult.value(QLatin1String("isError")).toBool();
    if (m_json) {
        QJsonObject object { { QLatin1String("serverInfo"), result.serverInfo },
                             { QLatin1String("protocolVersion"), result.protocolVersion },
                             { QLatin1String("tools"), result.tools },
                             { QLatin1String("signIns"), result.signIns },
                             { QLatin1String("refreshes"), result.refreshes } };
        if (result.calledTool) {
            object.insert(QLatin1String("toolResult"), result.toolResult);
            QJsonArray toolResults;
            for (const QJsonObject &toolResult : result.toolResults)
                toolResults.append(toolResult);
            object.insert(QLatin1String("toolResults"), toolResults);
        }
        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        out() << "server: " << result.serverInfo.value(QLatin1String("name")).toString() << ' '
              << result.serverInfo.value(QLatin1String("version")).toString() << " (protocol "
              << result.protocolVersion << ")" << Qt::endl;
        out() << "tools (" << result.tools.size() << "):" << Qt::endl;
        for (const QJsonValue &tool : result.tools) {
            const QJsonObject object = tool.toObject();
            out() << "  " << object.value(QLatin1String("name")).toString();
            const QString description = object.value(QLatin1String("description")).toString();
            if (!description.isEmpty())
                out() << " - " << description.section(QLatin1Char('\n'), 0, 0);
            out() << Qt::endl;
        }
        for (int i = 0; i < result.toolResults.size(); ++i) {
            const QJsonObject &toolResult = result.toolResults.at(i);
            const bool failed = toolResult.value(QLatin1String("isError")).toBool();
            out() << (failed ? "tool error" : "result");
            if (result.toolResults.size() > 1)
                out() << " (" << m_request.toolCalls.value(i).name << ")";
            out() << ":" << Qt::endl << resultText(toolResult) << Qt::endl;
        }
    }
    finish(toolFailed ? ExitCode::ToolFailed : ExitCode::Ok);
}

void CallCommand::fail(const Error &error)
{
    err() << "mcp-accounts-cli call: " << error.toString() << Qt::endl;
    if (!m_verbose)
        err() << "Run again with --verbose for the step-by-step trace." << Qt::endl;
    finish(exitCodeFor(error));
}

} // namespace Mcpa
