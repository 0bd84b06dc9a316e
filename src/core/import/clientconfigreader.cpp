#include "core/import/clientconfigreader.h"

#include "core/base/boundedfile.h"
#include "core/net/urlpolicy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMap>
#include <QRegularExpression>

#include <cmath>

namespace Mcpa {

namespace {

const QString StdioReason = QStringLiteral("runs a local program, nothing to sign in to");

QString quoted(const QString &name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

/// JSON.stringify() of a string, byte for byte as Node writes it.
QString jsString(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

/// The last path element of a command, without a Windows extension.
QString programName(const QString &command)
{
    QString name = command.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    for (const QLatin1String suffix :
         { QLatin1String(".cmd"), QLatin1String(".exe"), QLatin1String(".js") }) {
        if (name.endsWith(suffix, Qt::CaseInsensitive))
            name.chop(suffix.size());
    }
    return name.toLower();
}

bool isMcpRemotePackage(const QString &argument)
{
    const QString name = programName(argument);
    return name == QLatin1String("mcp-remote") || name.startsWith(QLatin1String("mcp-remote@"));
}

/// The value after @p flag (mcp-remote reads only the first occurrence).
std::optional<QString> flagValue(const QStringList &arguments, const QString &flag)
{
    const int index = arguments.indexOf(flag);
    if (index < 0 || index >= arguments.size() - 1)
        return std::nullopt;
    return arguments.at(index + 1);
}

/// Sets the candidate's URL, or makes it Invalid with the reason.
void takeUrl(const QString &text, ImportCandidate *candidate)
{
    if (ClientConfigReader::hasPlaceholder(text)) {
        candidate->status = ImportCandidate::Status::Invalid;
        candidate->reason
            = QStringLiteral("the URL contains a placeholder; placeholders are never resolved");
        return;
    }
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (text.trimmed().isEmpty() || !url.isValid() || url.isRelative()) {
        candidate->status = ImportCandidate::Status::Invalid;
        candidate->reason = QStringLiteral("\"%1\" is not a URL").arg(text);
        return;
    }
    if (!url.userInfo().isEmpty()) {
        candidate->status = ImportCandidate::Status::Invalid;
        candidate->reason = QStringLiteral("the URL carries a user name or password");
        return;
    }
    // Keys in a query would end up in the config file, which holds no secrets.
    if (url.hasQuery()) {
        candidate->status = ImportCandidate::Status::Invalid;
        candidate->reason = QStringLiteral(
            "the URL has a query, which may carry a key; add the server by hand if it does not");
        return;
    }
    const Error policy = UrlPolicy::check(url, QStringLiteral("the server URL"));
    if (policy) {
        candidate->status = ImportCandidate::Status::Invalid;
        candidate->reason = policy.detail();
        return;
    }
    candidate->url = url;
}

void warnAboutHeaders(const QStringList &names, ImportCandidate *candidate)
{
    if (names.isEmpty())
        return;
    candidate->warnings.append(
        QStringLiteral("header %1 not imported: headers may carry secrets; MCP Accounts signs in "
                       "with OAuth instead")
            .arg(names.join(QLatin1String(", "))));
}

/// A client secret, unless it is a placeholder (then a warning).
QString takeSecret(const QString &secret, ImportCandidate *candidate)
{
    if (!ClientConfigReader::hasPlaceholder(secret))
        return secret;
    candidate->warnings.append(
        QStringLiteral("the client secret is a placeholder and is never resolved; give it with "
                       "'mcp-accounts-cli add --client-secret-stdin' or in the app"));
    return {};
}

QString takeClientId(const QString &clientId, ImportCandidate *candidate)
{
    if (!ClientConfigReader::hasPlaceholder(clientId))
        return clientId;
    candidate->warnings.append(
        QStringLiteral("the client id is a placeholder and is never resolved; not imported"));
    return {};
}

/// --static-oauth-client-info / -metadata: inline JSON or @FILE. The file
/// is named by a config that may come from anywhere (a cloned project): only
/// a small regular file is read (no FIFO, device or huge file).
std::optional<QJsonObject> staticJson(const QString &value, QString *problem)
{
    QByteArray data = value.toUtf8();
    if (value.startsWith(QLatin1Char('@'))) {
        const QString path = value.mid(1);
        if (!QFileInfo(path).isAbsolute()) {
            *problem = QStringLiteral("cannot read %1").arg(path);
            return std::nullopt;
        }
        BoundedFile::Result file = BoundedFile::read(path, ClientConfigReader::MaxStaticFileBytes);
        if (!file.ok()) {
            *problem = QStringLiteral("cannot read %1: %2").arg(path, file.reason);
            return std::nullopt;
        }
        data = std::move(file.data);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (!document.isObject()) {
        *problem = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    return document.object();
}

} // namespace

ClientConfigReader::ClientConfigReader(QString path)
    : m_path(std::move(path))
{ }

bool ClientConfigReader::hasPlaceholder(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("\\$\\{[^}]*\\}"));
    return placeholder.match(text).hasMatch();
}

QByteArray ClientConfigReader::stripJsonComments(const QByteArray &data)
{
    QByteArray out = data;
    enum class Mode { Code, String, LineComment, BlockComment };
    Mode mode = Mode::Code;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char c = out.at(i);
        const char next = i + 1 < out.size() ? out.at(i + 1) : '\0';
        switch (mode) {
        case Mode::Code:
            if (c == '"') {
                mode = Mode::String;
            } else if (c == '/' && next == '/') {
                mode = Mode::LineComment;
                out[i] = ' ';
            } else if (c == '/' && next == '*') {
                mode = Mode::BlockComment;
                out[i] = ' ';
                out[++i] = ' ';
            }
            break;
        case Mode::String:
            if (c == '\\')
                ++i;
            else if (c == '"')
                mode = Mode::Code;
            break;
        case Mode::LineComment:
            if (c == '\n')
                mode = Mode::Code;
            else
                out[i] = ' ';
            break;
        case Mode::BlockComment:
            if (c == '*' && next == '/') {
                out[i] = ' ';
                out[++i] = ' ';
                mode = Mode::Code;
            } else if (c != '\n') {
                out[i] = ' ';
            }
            break;
        }
    }
    // Trailing commas: a comma followed (past white space) by } or ].
    bool inString = false;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char c = out.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == ',') {
            qsizetype j = i + 1;
            while (j < out.size() && QChar::isSpace(static_cast<uchar>(out.at(j))))
                ++j;
            if (j < out.size() && (out.at(j) == '}' || out.at(j) == ']'))
                out[i] = ' ';
        }
    }
    return out;
}

std::optional<ImportSource> ClientConfigReader::detectSource(const QString &path,
                                                             const QJsonObject &root)
{
    const QString fileName = QFileInfo(path).fileName();
    if (fileName == QLatin1String("claude_desktop_config.json"))
        return ImportSource::ClaudeDesktop;
    if (fileName == QLatin1String(".mcp.json") || fileName == QLatin1String(".claude.json"))
        return ImportSource::ClaudeCode;
    if (root.contains(QLatin1String("servers"))
        || root.value(QLatin1String("mcp")).toObject().contains(QLatin1String("servers")))
        return ImportSource::VsCode;
    if (QDir::fromNativeSeparators(path).contains(QLatin1String("/.cursor/")))
        return ImportSource::Cursor;
    if (!root.contains(QLatin1String("mcpServers")))
        return root.contains(QLatin1String("projects")) ? std::optional(ImportSource::ClaudeCode)
                                                        : std::nullopt;
    const QJsonValue servers = root.value(QLatin1String("mcpServers"));
    if (!servers.isObject())
        return ImportSource::ClaudeDesktop; // the oldest format; parse() reports the type
    bool remote = false;
    for (const QJsonValue entry : servers.toObject()) {
        const QJsonObject object = entry.toObject();
        if (object.contains(QLatin1String("type")) || object.contains(QLatin1String("oauth")))
            return ImportSource::ClaudeCode;
        if (object.contains(QLatin1String("auth")))
            return ImportSource::Cursor;
        remote = remote || object.contains(QLatin1String("url"));
    }
    return remote ? ImportSource::Cursor : ImportSource::ClaudeDesktop;
}

QString ClientConfigReader::mcpRemoteHash(const QString &serverUrl, const QString &resource,
                                          const QList<QPair<QString, QString>> &headers)
{
    QStringList parts { serverUrl };
    if (!resource.isEmpty())
        parts.append(resource);
    if (!headers.isEmpty()) {
        // JSON.stringify(headers, Object.keys(headers).sort()): sorted keys,
        // the last value of a repeated name.
        QMap<QString, QString> sorted;
        for (const auto &header : headers)
            sorted.insert(header.first, header.second);
        QStringList members;
        for (auto it = sorted.cbegin(); it != sorted.cend(); ++it)
            members.append(jsString(it.key()) + QLatin1Char(':') + jsString(it.value()));
        parts.append(QLatin1Char('{') + members.join(QLatin1Char(',')) + QLatin1Char('}'));
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(parts.join(QLatin1Char('|')).toUtf8(), QCryptographicHash::Md5)
            .toHex());
}

bool ClientConfigReader::readMcpRemoteCommand(const QString &command, const QStringList &arguments,
                                              ImportCandidate *candidate)
{
    const QStringList line = QStringList { command } + arguments;
    int start = -1;
    for (int i = 0; i < line.size(); ++i) {
        if (isMcpRemotePackage(line.at(i))) {
            start = i + 1;
            break;
        }
    }
    if (start < 0)
        return false;

    // The same reading as mcp-remote's parseCommandLineArgs(): headers are
    // taken out first, then the URL and an optional port are positional.
    QStringList args = line.mid(start);
    QList<QPair<QString, QString>> headers;
    static const QRegularExpression headerPattern(QStringLiteral("^([A-Za-z0-9_-]+):\\s*(.*)$"),
                                                  QRegularExpression::DotMatchesEverythingOption);
    for (int i = 0; i < args.size();) {
        if (args.at(i) == QLatin1String("--header") && i < args.size() - 1) {
            const QRegularExpressionMatch match = headerPattern.match(args.at(i + 1));
            if (match.hasMatch())
                headers.append({ match.captured(1), match.captured(2) });
            args.remove(i, 2);
            continue;
        }
        ++i;
    }

    McpRemoteInvocation invocation;
    invocation.serverUrl = args.value(0);
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (digits.match(args.value(1)).hasMatch()) {
        const int port = args.value(1).toInt();
        if (port > 0 && port <= 65535)
            invocation.callbackPort = static_cast<quint16>(port);
    }
    if (const auto resource = flagValue(args, QStringLiteral("--resource"))) {
        invocation.resource = resource->trimmed();
        invocation.disableResource = invocation.resource.isEmpty();
    }
    if (args.contains(QLatin1String("--disable-resource-parameter"))) {
        invocation.disableResource = true;
        invocation.resource.clear();
    }
    invocation.host = flagValue(args, QStringLiteral("--host")).value_or(QString());
    for (const auto &header : std::as_const(headers)) {
        if (!invocation.headerNames.contains(header.first))
            invocation.headerNames.append(header.first);
    }
    invocation.hashes.append(mcpRemoteHash(invocation.serverUrl, invocation.resource, headers));
    const QString urlOnly = mcpRemoteHash(invocation.serverUrl, {}, {});
    if (!invocation.hashes.contains(urlOnly))
        invocation.hashes.append(urlOnly);

    candidate->transport = flagValue(args, QStringLiteral("--transport")).value_or(QString())
            == QLatin1String("sse-only")
        ? QStringLiteral("sse")
        : QStringLiteral("http");
    candidate->callbackPort = invocation.callbackPort;
    candidate->sendResource = !invocation.disableResource;
    candidate->resource = invocation.resource;
    if (!invocation.resource.isEmpty())
        candidate->warnings.append(
            QStringLiteral("mcp-remote asks for the resource %1; MCP Accounts uses the server's "
                           "own resource when it signs in again")
                .arg(invocation.resource));
    warnAboutHeaders(invocation.headerNames, candidate);

    if (invocation.serverUrl.isEmpty() || invocation.serverUrl.startsWith(QLatin1Char('-'))) {
        candidate->status = ImportCandidate::Status::Invalid;
        candidate->reason = QStringLiteral("mcp-remote is started without a server URL");
    } else {
        takeUrl(invocation.serverUrl, candidate);
    }

    if (const auto info = flagValue(args, QStringLiteral("--static-oauth-client-info"))) {
        QString problem;
        if (const auto object = staticJson(*info, &problem)) {
            candidate->clientId
                = takeClientId(object->value(QLatin1String("client_id")).toString(), candidate);
            if (!candidate->clientId.isEmpty()) {
                candidate->clientSecret = takeSecret(
                    object->value(QLatin1String("client_secret")).toString(), candidate);
                ClientAuthMethod method;
                if (parseClientAuthMethod(
                        object->value(QLatin1String("token_endpoint_auth_method")).toString(),
                        &method))
                    candidate->authMethod = method;
                // mcp-remote's callback host (the two MCP Accounts can use).
                if (candidate->callbackPort != 0)
                    candidate->redirectHost = invocation.host == QLatin1String("127.0.0.1")
                        ? invocation.host
                        : QStringLiteral("localhost");
                candidate->warnings.append(
                    QStringLiteral("mcp-remote's callback path is /oauth/callback, MCP Accounts "
                                   "uses /callback: the client's redirect URIs must allow it"));
            }
        } else {
            candidate->warnings.append(
                QStringLiteral("--static-oauth-client-info not imported: %1").arg(problem));
        }
    }
    if (const auto metadata = flagValue(args, QStringLiteral("--static-oauth-client-metadata"))) {
        QString problem;
        if (const auto object = staticJson(*metadata, &problem))
            candidate->scopes = object->value(QLatin1String("scope"))
                                    .toString()
                                    .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    candidate->mcpRemote = invocation;
    return true;
}

Error ClientConfigReader::read(std::optional<ImportSource> source)
{
    const BoundedFile::Result file = BoundedFile::read(m_path, MaxConfigBytes);
    if (!file.ok())
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1: cannot be read (%2)").arg(m_path, file.reason) };
    return parse(file.data, source);
}

Error ClientConfigReader::parse(const QByteArray &data, std::optional<ImportSource> source)
{
    m_candidates.clear();
    m_warnings.clear();
    m_error = {};
    QJsonParseError parseError;
    const QByteArray json = stripJsonComments(data);
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const int line = static_cast<int>(before.count('\n')) + 1;
        const int column = static_cast<int>(parseError.offset - (before.lastIndexOf('\n') + 1)) + 1;
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1:%2:%3: not JSON (%4); nothing was imported")
                     .arg(m_path)
                     .arg(line)
                     .arg(column)
                     .arg(parseError.errorString()) };
    }
    if (!document.isObject())
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1: the top level is not a JSON object; nothing was imported")
                     .arg(m_path) };
    const QJsonObject root = document.object();
    const std::optional<ImportSource> detected = source ? source : detectSource(m_path, root);
    if (!detected)
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1: not an MCP client config (no \"mcpServers\" or \"servers\"); "
                                "name the client with --from")
                     .arg(m_path) };
    m_source = *detected;

    bool found = false;
    auto readList = [this, &root, &found](const QString &key) {
        if (!root.contains(key))
            return true;
        found = true;
        return readServers(root.value(key), key);
    };
    if (!readList(QStringLiteral("mcpServers")) || !readList(QStringLiteral("servers")))
        return m_error;
    // VS Code's settings.json form, and Claude Code's per-project lists.
    QJsonObject vscodeSettings;
    if (m_source == ImportSource::VsCode
        && !objectField(root, QStringLiteral("mcp"), QString(), &vscodeSettings))
        return m_error;
    if (vscodeSettings.contains(QLatin1String("servers"))) {
        found = true;
        if (!readServers(vscodeSettings.value(QLatin1String("servers")),
                         QStringLiteral("mcp.servers")))
            return m_error;
    }
    if (m_source == ImportSource::VsCode && root.contains(QLatin1String("inputs"))
        && !root.value(QLatin1String("inputs")).isArray()) {
        fail(QStringLiteral("inputs"), QStringLiteral("expected an array"));
        return m_error;
    }
    QJsonObject projects;
    if (m_source == ImportSource::ClaudeCode
        && !objectField(root, QStringLiteral("projects"), QString(), &projects))
        return m_error;
    for (auto it = projects.constBegin(); it != projects.constEnd(); ++it) {
        const QString where = QStringLiteral("projects.") + quoted(it.key());
        if (!it.value().isObject()) {
            fail(where, QStringLiteral("expected an object"));
            return m_error;
        }
        const QJsonObject project = it.value().toObject();
        if (!project.contains(QLatin1String("mcpServers")))
            continue;
        found = true;
        if (!readServers(project.value(QLatin1String("mcpServers")),
                         where + QLatin1String(".mcpServers")))
            return m_error;
    }
    if (!found)
        m_warnings.append(QStringLiteral("%1: no MCP servers in this file").arg(m_path));
    return {};
}

bool ClientConfigReader::readServers(const QJsonValue &servers, const QString &where)
{
    if (!servers.isObject())
        return fail(where, QStringLiteral("expected an object of servers"));
    const QJsonObject object = servers.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!readEntry(it.key(), it.value(), where + QLatin1Char('.') + quoted(it.key())))
            return false;
    }
    return true;
}

bool ClientConfigReader::readEntry(const QString &name, const QJsonValue &value,
                                   const QString &where)
{
    if (!value.isObject())
        return fail(where, QStringLiteral("expected an object"));
    const QJsonObject entry = value.toObject();
    ImportCandidate candidate;
    candidate.name = name;
    candidate.source = m_source;
    candidate.filePath = m_path;

    QString type;
    QString url;
    QString command;
    QStringList arguments;
    if (!stringField(entry, QStringLiteral("type"), where, &type)
        || !stringField(entry, QStringLiteral("url"), where, &url)
        || !stringField(entry, QStringLiteral("command"), where, &command)
        || !stringListField(entry, QStringLiteral("args"), where, &arguments))
        return false;
    type = type.toLower();

    const bool stdio = type == QLatin1String("stdio") || (type.isEmpty() && url.isEmpty());
    if (stdio) {
        if (readMcpRemoteCommand(command, arguments, &candidate)) {
            // A remote server behind mcp-remote: read above.
        } else if (command.isEmpty()) {
            candidate.status = ImportCandidate::Status::Invalid;
            candidate.reason = QStringLiteral("neither a \"url\" nor a \"command\"");
        } else {
            candidate.transport = QStringLiteral("stdio");
            candidate.status = ImportCandidate::Status::Skipped;
            candidate.reason = StdioReason;
        }
        m_candidates.append(candidate);
        return true;
    }

    if (!type.isEmpty() && type != QLatin1String("http") && type != QLatin1String("sse")
        && type != QLatin1String("streamable-http") && type != QLatin1String("streamablehttp")) {
        candidate.status = ImportCandidate::Status::Invalid;
        candidate.reason = QStringLiteral("the transport \"%1\" is not supported").arg(type);
        m_candidates.append(candidate);
        return true;
    }
    if (!readRemote(entry, where, &candidate))
        return false;
    candidate.transport
        = type == QLatin1String("sse") ? QStringLiteral("sse") : QStringLiteral("http");
    if (url.isEmpty()) {
        candidate.status = ImportCandidate::Status::Invalid;
        candidate.reason = QStringLiteral("no \"url\"");
    } else {
        takeUrl(url, &candidate);
    }
    m_candidates.append(candidate);
    return true;
}

bool ClientConfigReader::readRemote(const QJsonObject &entry, const QString &where,
                                    ImportCandidate *candidate)
{
    QJsonObject headers;
    if (!objectField(entry, QStringLiteral("headers"), where, &headers))
        return false;
    warnAboutHeaders(headers.keys(), candidate);
    return readCursorAuth(entry, where, candidate) && readClaudeCodeOAuth(entry, where, candidate);
}

bool ClientConfigReader::readCursorAuth(const QJsonObject &entry, const QString &where,
                                        ImportCandidate *candidate)
{
    QJsonObject auth;
    if (!objectField(entry, QStringLiteral("auth"), where, &auth))
        return false;
    if (auth.isEmpty())
        return true;
    const QString authWhere = where + QLatin1String(".auth");
    QString clientId;
    QString secret;
    if (!stringField(auth, QStringLiteral("CLIENT_ID"), authWhere, &clientId)
        || !stringField(auth, QStringLiteral("CLIENT_SECRET"), authWhere, &secret)
        || !stringListField(auth, QStringLiteral("scopes"), authWhere, &candidate->scopes))
        return false;
    candidate->clientId = takeClientId(clientId, candidate);
    if (!candidate->clientId.isEmpty())
        candidate->clientSecret = takeSecret(secret, candidate);
    return true;
}

bool ClientConfigReader::readClaudeCodeOAuth(const QJsonObject &entry, const QString &where,
                                             ImportCandidate *candidate)
{
    QJsonObject oauth;
    if (!objectField(entry, QStringLiteral("oauth"), where, &oauth))
        return false;
    if (oauth.isEmpty())
        return true;
    const QString oauthWhere = where + QLatin1String(".oauth");
    QString clientId;
    QString metadataUrl;
    if (!stringField(oauth, QStringLiteral("clientId"), oauthWhere, &clientId)
        || !stringField(oauth, QStringLiteral("authServerMetadataUrl"), oauthWhere, &metadataUrl))
        return false;
    const QJsonValue port = oauth.value(QLatin1String("callbackPort"));
    if (!port.isUndefined()) {
        const double number = port.toDouble(-1);
        if (!port.isDouble() || number < 1 || number > 65535 || number != std::floor(number))
            return fail(oauthWhere + QLatin1String(".callbackPort"),
                        QStringLiteral("expected a port number from 1 to 65535"));
        candidate->callbackPort = static_cast<quint16>(number);
    }
    const QJsonValue scopes = oauth.value(QLatin1String("scopes"));
    if (scopes.isString())
        candidate->scopes = scopes.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    else if (!stringListField(oauth, QStringLiteral("scopes"), oauthWhere, &candidate->scopes))
        return false;
    candidate->clientId = takeClientId(clientId, candidate);
    // Claude Code registers http://localhost:PORT/callback.
    if (!candidate->clientId.isEmpty() || candidate->callbackPort != 0)
        candidate->redirectHost = QStringLiteral("localhost");
    if (!candidate->clientId.isEmpty())
        candidate->warnings.append(
            QStringLiteral("Claude Code keeps the client secret in its own keychain: if the "
                           "client has one, enter it in MCP Accounts"));
    if (!metadataUrl.isEmpty())
        candidate->warnings.append(
            QStringLiteral("authServerMetadataUrl not imported: MCP Accounts discovers the "
                           "authorization server itself"));
    return true;
}

bool ClientConfigReader::stringField(const QJsonObject &object, const QString &key,
                                     const QString &where, QString *value)
{
    const QJsonValue field = object.value(key);
    if (field.isUndefined() || field.isNull()) {
        value->clear();
        return true;
    }
    if (!field.isString())
        return fail(where.isEmpty() ? key : where + QLatin1Char('.') + key,
                    QStringLiteral("expected a string"));
    *value = field.toString();
    return true;
}

bool ClientConfigReader::stringListField(const QJsonObject &object, const QString &key,
                                         const QString &where, QStringList *value)
{
    const QJsonValue field = object.value(key);
    if (field.isUndefined() || field.isNull())
        return true;
    const QString path = where.isEmpty() ? key : where + QLatin1Char('.') + key;
    if (!field.isArray())
        return fail(path, QStringLiteral("expected an array of strings"));
    QStringList list;
    const QJsonArray array = field.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return fail(path + QStringLiteral("[%1]").arg(i), QStringLiteral("expected a string"));
        list.append(array.at(i).toString());
    }
    *value = list;
    return true;
}

bool ClientConfigReader::objectField(const QJsonObject &object, const QString &key,
                                     const QString &where, QJsonObject *value)
{
    const QJsonValue field = object.value(key);
    if (field.isUndefined() || field.isNull()) {
        *value = {};
        return true;
    }
    if (!field.isObject())
        return fail(where.isEmpty() ? key : where + QLatin1Char('.') + key,
                    QStringLiteral("expected an object"));
    *value = field.toObject();
    return true;
}

bool ClientConfigReader::fail(const QString &where, const QString &problem)
{
    m_error = { Error::Code::ImportFileInvalid,
                QStringLiteral("%1: %2: %3; nothing was imported").arg(m_path, where, problem) };
    m_candidates.clear();
    return false;
}

} // namespace Mcpa
