#include "core/connect/clientconnector.h"

#include "core/base/boundedfile.h"
#include "core/connect/jsoncedit.h"
#include "core/connect/linediff.h"
#include "core/connect/tomledit.h"
#include "core/import/clientconfigreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Mcpa {

namespace {

constexpr qint64 MaxConfigBytes = ClientConfigReader::MaxConfigBytes;
const char cliName[] = "mcp-accounts-cli";

QString join(const QString &directory, const QString &relative)
{
    return QDir::cleanPath(directory + QLatin1Char('/') + relative);
}

bool isOurProgram(const QString &program)
{
    QString name = QFileInfo(program).fileName();
    if (name.endsWith(QLatin1String(".exe")))
        name.chop(4);
    return name == QLatin1String(cliName);
}

/// bridge NAME [--account LABEL] -> server and label.
bool readOurArguments(const QStringList &arguments, const QString &verb, ClientConnection *found)
{
    if (arguments.size() < 2 || arguments.at(0) != verb)
        return false;
    found->serverId = arguments.at(1);
    const qsizetype account = arguments.indexOf(QStringLiteral("--account"));
    if (account >= 0 && account + 1 < arguments.size())
        found->accountLabel = arguments.at(account + 1);
    found->via = verb;
    return true;
}

/// A shell command line split the way a POSIX shell would for the simple
/// cases we write (words, '…' and "…").
QStringList shellWords(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (const QChar c : line) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                word += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

QString shellQuote(const QString &word)
{
    static const QString safe
        = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@=,");
    bool plain = !word.isEmpty();
    for (const QChar c : word)
        plain = plain && safe.contains(c);
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Error fileError(const QString &path, const QString &problem)
{
    return { Error::Code::ConfigWriteFailed, QStringLiteral("%1: %2").arg(path, problem) };
}

} // namespace

namespace ClientApps {

QString name(ClientApp client)
{
    switch (client) {
    case ClientApp::ClaudeDesktop:
        return QStringLiteral("claude-desktop");
    case ClientApp::ClaudeCode:
        return QStringLiteral("claude-code");
    case ClientApp::VsCode:
        return QStringLiteral("vscode");
    case ClientApp::Cursor:
        return QStringLiteral("cursor");
    case ClientApp::Windsurf:
        return QStringLiteral("windsurf");
    case ClientApp::Codex:
        return QStringLiteral("codex");
    case ClientApp::GeminiCli:
        break;
    }
    return QStringLiteral("gemini-cli");
}

QList<ClientApp> all()
{
    return { ClientApp::ClaudeDesktop, ClientApp::ClaudeCode, ClientApp::VsCode,
             ClientApp::Cursor,        ClientApp::Windsurf,   ClientApp::Codex,
             ClientApp::GeminiCli };
}

bool parse(const QString &text, ClientApp *client)
{
    for (const ClientApp candidate : all()) {
        if (name(candidate) == text) {
            *client = candidate;
            return true;
        }
    }
    return false;
}

bool hasProjectScope(ClientApp client)
{
    return client == ClientApp::ClaudeCode || client == ClientApp::VsCode
        || client == ClientApp::Cursor || client == ClientApp::GeminiCli;
}

QString configPath(ClientApp client, ConfigScope scope, const ImportEnvironment &environment)
{
    const ImportEnvironment env = environment.withDefaults();
    const QString home = env.homeDirectory;
    const QString work = env.workingDirectory;
    if (scope == ConfigScope::Project) {
        if (work.isEmpty())
            return {};
        switch (client) {
        case ClientApp::ClaudeCode:
            return join(work, QStringLiteral(".mcp.json"));
        case ClientApp::VsCode:
            return join(work, QStringLiteral(".vscode/mcp.json"));
        case ClientApp::Cursor:
            return join(work, QStringLiteral(".cursor/mcp.json"));
        case ClientApp::GeminiCli:
            return join(work, QStringLiteral(".gemini/settings.json"));
        default:
            return {};
        }
    }
    switch (client) {
    case ClientApp::ClaudeDesktop:
        return ClientConfigLocations::candidates(ImportSource::ClaudeDesktop, env).value(0);
    case ClientApp::ClaudeCode:
        return join(home, QStringLiteral(".claude.json"));
    case ClientApp::VsCode:
        return ClientConfigLocations::candidates(ImportSource::VsCode, env).value(0);
    case ClientApp::Cursor:
        return join(home, QStringLiteral(".cursor/mcp.json"));
    case ClientApp::Windsurf:
        return join(home, QStringLiteral(".codeium/windsurf/mcp_config.json"));
    case ClientApp::Codex:
        return join(env.codexHomeDirectory, QStringLiteral("config.toml"));
    case ClientApp::GeminiCli:
        break;
    }
    return join(home, QStringLiteral(".gemini/settings.json"));
}

QString serversKey(ClientApp client)
{
    switch (client) {
    case ClientApp::VsCode:
        return QStringLiteral("servers");
    case ClientApp::Codex:
        return QStringLiteral("mcp_servers");
    default:
        break;
    }
    return QStringLiteral("mcpServers");
}

} // namespace ClientApps

QByteArray ConfigChange::diff() const
{
    return LineDiff::unified(before, deleteFile ? QByteArray() : after, path);
}

QByteArray SavedEntry::encode() const
{
    QJsonObject object { { QStringLiteral("v"), 1 },
                         { QStringLiteral("createdFile"), createdFile },
                         { QStringLiteral("createdContainer"), createdContainer } };
    object.insert(QStringLiteral("previous"),
                  previous ? QJsonValue(QString::fromUtf8(*previous)) : QJsonValue());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Error SavedEntry::decode(const QByteArray &data, SavedEntry *saved)
{
    const QJsonObject object = QJsonDocument::fromJson(data).object();
    const QJsonValue previous = object.value(QStringLiteral("previous"));
    if (object.value(QStringLiteral("v")).toInt() != 1
        || !(previous.isNull() || previous.isString()))
        return { Error::Code::SecretCorrupt, QStringLiteral("a saved client entry") };
    *saved = {};
    if (previous.isString())
        saved->previous = previous.toString().toUtf8();
    saved->createdFile = object.value(QStringLiteral("createdFile")).toBool();
    saved->createdContainer = object.value(QStringLiteral("createdContainer")).toBool();
    return {};
}

ClientConnector::ClientConnector(QString cliPath)
    : m_cliPath(std::move(cliPath))
{ }

QString ClientConnector::secretKey(ClientApp client, const QString &filePath,
                                   const QString &entryName)
{
    return QStringLiteral("connection/%1/%2#%3").arg(ClientApps::name(client), filePath, entryName);
}

ConfigChange ClientConnector::read(ClientApp client, const QString &path,
                                   const QString &entryName) const
{
    ConfigChange change;
    change.client = client;
    change.path = path;
    change.entryName = entryName;
    const QFileInfo info(path);
    change.filePath = QFileInfo(path).absoluteFilePath();
    if (info.isSymLink()) {
        const QString target = info.canonicalFilePath();
        if (target.isEmpty()) {
            change.error = fileError(path, QStringLiteral("a symbolic link to a missing file"));
            return change;
        }
        change.filePath = target;
    }
    if (!QFileInfo::exists(change.filePath))
        return change;
    const BoundedFile::Result file = BoundedFile::read(change.filePath, MaxConfigBytes);
    if (!file.ok()) {
        change.error = { Error::Code::ImportFileInvalid,
                         QStringLiteral("%1: cannot be read (%2)").arg(path, file.reason) };
        return change;
    }
    change.fileExisted = true;
    change.before = file.data;
    return change;
}

QStringList ClientConnector::bridgeArguments(const ConnectRequest &request) const
{
    QStringList arguments { QStringLiteral("bridge"), request.serverId };
    if (!request.accountLabel.isEmpty())
        arguments << QStringLiteral("--account") << request.accountLabel;
    return arguments;
}

QString ClientConnector::headersHelper(const ConnectRequest &request) const
{
    QStringList words { shellQuote(m_cliPath), QStringLiteral("header"),
                        shellQuote(request.serverId) };
    if (!request.accountLabel.isEmpty())
        words << QStringLiteral("--account") << shellQuote(request.accountLabel);
    words << QStringLiteral("--json");
    return words.join(QLatin1Char(' '));
}

ConfigChange ClientConnector::planConnect(const ConnectRequest &request) const
{
    ConfigChange change = read(request.client, request.configPath, request.entryName);
    if (change.error)
        return change;
    const QString path = change.path;
    if (request.entryName.isEmpty()) {
        change.error = { Error::Code::ConfigInvalid, QStringLiteral("an empty entry name") };
        return change;
    }
    const QString key = ClientApps::serversKey(request.client);
    if (request.client == ClientApp::Codex) {
        const QByteArray newline = change.before.contains("\r\n") ? "\r\n" : "\n";
        const QStringList table { key, request.entryName };
        QByteArrayList args;
        for (const QString &argument : bridgeArguments(request))
            args.append(TomlEdit::basicString(argument));
        const QByteArray text = '[' + TomlEdit::headerKey(table) + ']' + newline
            + "command = " + TomlEdit::basicString(m_cliPath) + newline + "args = ["
            + args.join(", ") + ']' + newline;
        if (change.fileExisted) {
            if ((change.error = TomlEdit::check(change.before, path)))
                return change;
        }
        const TomlEdit::Result result = TomlEdit::setTable(change.before, path, table, text);
        change.error = result.error;
        change.after = result.text;
        change.hadEntry = result.hadEntry;
        change.previousEntry = result.previousEntry;
        if (result.hadEntry) {
            const QList<ClientConnection> found
                = connectionsIn(request.client, path, change.before);
            for (const ClientConnection &connection : found)
                change.previousIsOurs
                    = change.previousIsOurs || connection.entryName == request.entryName;
        }
        return change;
    }
    JsoncEdit::OrderedFields fields;
    if (request.client == ClientApp::ClaudeCode) {
        fields = { { QStringLiteral("type"), QStringLiteral("http") },
                   { QStringLiteral("url"), request.serverUrl.toString() },
                   { QStringLiteral("headersHelper"), headersHelper(request) } };
    } else {
        if (request.client == ClientApp::VsCode)
            fields.append({ QStringLiteral("type"), QStringLiteral("stdio") });
        fields.append({ QStringLiteral("command"), m_cliPath });
        fields.append(
            { QStringLiteral("args"), QJsonArray::fromStringList(bridgeArguments(request)) });
    }
    QJsonObject root;
    if (change.fileExisted && !change.before.trimmed().isEmpty()) {
        if ((change.error = JsoncEdit::parse(change.before, path, &root)))
            return change;
    }
    change.createdContainer = !root.contains(key);
    const JsoncEdit::Result result
        = JsoncEdit::setEntry(change.before, path, key, request.entryName, fields);
    change.error = result.error;
    change.after = result.text;
    change.hadEntry = result.hadEntry;
    change.previousEntry = result.previousEntry;
    if (result.hadEntry) {
        for (const ClientConnection &connection :
             connectionsIn(request.client, path, change.before))
            change.previousIsOurs
                = change.previousIsOurs || connection.entryName == request.entryName;
    }
    return change;
}

ConfigChange ClientConnector::planDisconnect(ClientApp client, const QString &path,
                                             const QString &entryName,
                                             const SavedEntry &saved) const
{
    ConfigChange change = read(client, path, entryName);
    if (change.error)
        return change;
    if (!change.fileExisted) {
        change.error = { Error::Code::ConfigInvalid,
                         QStringLiteral("%1: no such file; nothing to disconnect").arg(path) };
        return change;
    }
    bool ours = false;
    for (const ClientConnection &connection : connectionsIn(client, path, change.before))
        ours = ours || connection.entryName == entryName;
    const QString key = ClientApps::serversKey(client);
    if (client == ClientApp::Codex) {
        if ((change.error = TomlEdit::check(change.before, path)))
            return change;
    } else if ((change.error = JsoncEdit::parse(change.before, path, nullptr))) {
        return change;
    }
    if (!ours) {
        change.error = { Error::Code::ConfigInvalid,
                         QStringLiteral("%1: the entry \"%2\" does not use MCP Accounts (changed "
                                        "since, or never connected); it was left as it is")
                             .arg(path, entryName) };
        return change;
    }
    change.hadEntry = true;
    if (client == ClientApp::Codex) {
        const QStringList table { key, entryName };
        const TomlEdit::Result result = saved.previous
            ? TomlEdit::setTable(change.before, path, table, *saved.previous)
            : TomlEdit::removeTable(change.before, path, table);
        change.error = result.error;
        change.after = result.text;
        change.previousEntry = result.previousEntry;
        change.deleteFile = !saved.previous && saved.createdFile && result.text.trimmed().isEmpty();
        return change;
    }
    const JsoncEdit::Result result = saved.previous
        ? JsoncEdit::restoreEntry(change.before, path, key, entryName, *saved.previous)
        : JsoncEdit::removeEntry(change.before, path, key, entryName, saved.createdContainer);
    change.error = result.error;
    change.after = result.text;
    change.previousEntry = result.previousEntry;
    if (!result.error && !saved.previous && saved.createdFile) {
        QJsonObject root;
        change.deleteFile = !JsoncEdit::parse(result.text, path, &root) && root.isEmpty();
    }
    return change;
}

Error ClientConnector::commit(const ConfigChange &change, const BeforeCommit &beforeCommit) const
{
    if (change.error)
        return change.error;
    if (beforeCommit)
        beforeCommit();
    const QString &target = change.filePath;
    const auto unchanged = [&]() -> Error {
        const QFileInfo info(target);
        if (!change.fileExisted) {
            if (info.exists() || info.isSymLink())
                return fileError(change.path,
                                 QStringLiteral("was created by another program while it was "
                                                "edited; nothing was written"));
            return {};
        }
        const BoundedFile::Result now = BoundedFile::read(target, MaxConfigBytes);
        if (!now.ok() || now.data != change.before)
            return fileError(change.path,
                             QStringLiteral("changed while it was edited (another program wrote "
                                            "it); nothing was written, try again"));
        return {};
    };
    if (const Error error = unchanged())
        return error;
    const QFile::Permissions permissions
        = change.fileExisted ? QFile::permissions(target) : (QFile::ReadOwner | QFile::WriteOwner);
    if (change.fileExisted) {
        // Owner-only: the old bytes may hold a secret (an mcp-remote --header line).
        QSaveFile backup(target + QStringLiteral(".mcp-accounts.bak"));
        if (!backup.open(QIODevice::WriteOnly)
            || !backup.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
            || backup.write(change.before) != change.before.size() || !backup.commit())
            return fileError(change.path,
                             QStringLiteral("cannot write the backup %1.mcp-accounts.bak (%2); "
                                            "nothing was changed")
                                 .arg(target, backup.errorString()));
    } else if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
        return fileError(change.path, QStringLiteral("cannot create its folder"));
    }
    if (change.deleteFile) {
        if (const Error error = unchanged())
            return error;
        if (!QFile::remove(target))
            return fileError(change.path, QStringLiteral("cannot be removed"));
        return {};
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions)
        || file.write(change.after) != change.after.size())
        return fileError(
            change.path,
            QStringLiteral("cannot be written (%1); it was not changed").arg(file.errorString()));
    // Once more, just before the rename: a write by the client meanwhile wins.
    if (const Error error = unchanged()) {
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return fileError(
            change.path,
            QStringLiteral("cannot be written (%1); it was not changed").arg(file.errorString()));
    return {};
}

QList<ClientConnection> ClientConnector::connectionsIn(ClientApp client, const QString &path,
                                                       const QByteArray &data) const
{
    QList<ClientConnection> found;
    const QString key = ClientApps::serversKey(client);
    const auto add = [&](const QString &name, const QString &command, const QStringList &args,
                         const QString &helper) {
        ClientConnection connection;
        connection.client = client;
        connection.configPath = path;
        connection.entryName = name;
        bool ours = isOurProgram(command)
            && readOurArguments(args, QStringLiteral("bridge"), &connection);
        if (!ours && !helper.isEmpty()) {
            const QStringList words = shellWords(helper);
            ours = !words.isEmpty() && isOurProgram(words.first())
                && readOurArguments(words.mid(1), QStringLiteral("header"), &connection);
        }
        if (ours)
            found.append(connection);
    };
    if (client == ClientApp::Codex) {
        for (const QString &name : TomlEdit::tableNames(data, key)) {
            QString command;
            QStringList args;
            if (TomlEdit::readCommand(data, { key, name }, &command, &args))
                add(name, command, args, {});
        }
        return found;
    }
    QJsonObject root;
    if (JsoncEdit::parse(data, path, &root))
        return found;
    const QJsonObject servers = root.value(key).toObject();
    for (auto it = servers.begin(); it != servers.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        QStringList args;
        for (const QJsonValue &arg : entry.value(QStringLiteral("args")).toArray())
            args.append(arg.toString());
        add(it.key(), entry.value(QStringLiteral("command")).toString(), args,
            entry.value(QStringLiteral("headersHelper")).toString());
    }
    return found;
}

QList<ClientConnection> ClientConnector::scanFile(ClientApp client, const QString &path) const
{
    const BoundedFile::Result file = BoundedFile::read(path, MaxConfigBytes);
    if (!file.ok())
        return {};
    return connectionsIn(client, path, file.data);
}

QList<ClientConnection> ClientConnector::scan(const ImportEnvironment &environment) const
{
    QList<ClientConnection> found;
    QStringList seen;
    for (const ClientApp client : ClientApps::all()) {
        for (const ConfigScope scope : { ConfigScope::User, ConfigScope::Project }) {
            const QString path = ClientApps::configPath(client, scope, environment);
            if (path.isEmpty() || seen.contains(path) || !QFileInfo(path).isFile())
                continue;
            seen.append(path);
            found += scanFile(client, path);
        }
    }
    return found;
}

} // namespace Mcpa
