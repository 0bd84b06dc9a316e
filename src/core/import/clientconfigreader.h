#pragma once

#include "core/base/error.h"
#include "core/import/importtypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Mcpa {

/// Reads the server list of one MCP client config file into import
/// candidates. Reads only: nothing is resolved, stored or written.
///
/// Formats (JSON; VS Code's JSON with comments and trailing commas too):
/// - Claude Desktop: {"mcpServers": {NAME: {"command", "args", "env"}}}; a
///   remote server is `npx [-y] mcp-remote URL [PORT] [--header "N: V"]
///   [--resource R] [--static-oauth-client-info JSON|@FILE] ...`.
/// - VS Code: {"servers": {NAME: {"type": "http"|"sse"|"stdio", "url",
///   "headers", "command", ...}}, "inputs": [...]} (or settings.json's
///   {"mcp": {"servers": ...}}).
/// - Cursor: {"mcpServers": {NAME: {"url", "headers", "auth": {"CLIENT_ID",
///   "CLIENT_SECRET", "scopes": [...]}}}}.
/// - Claude Code: {"mcpServers": {NAME: {"type": "http"|"sse"|"stdio", "url",
///   "oauth": {"clientId", "callbackPort", "scopes"}}}}; ~/.claude.json also
///   has {"projects": {DIR: {"mcpServers": ...}}}.
///
/// Problems with the file itself (not JSON, a top level that is not an
/// object, a server list or entry of the wrong JSON type, a field of the
/// wrong type) are an ImportFileInvalid error naming the file, the line and
/// column or the JSON path: then no candidate of that file may be imported.
/// Problems with one entry (a URL that is not https, a placeholder URL, an
/// unsupported transport) make that candidate Invalid with the reason.
/// Local programs (stdio) are Skipped. Placeholders (${env:X}, ${input:X},
/// ${X}) are never resolved: a placeholder client secret is left out with a
/// warning; header values are never imported.
class ClientConfigReader
{
public:
    /// Larger client config files are refused (a config is kilobytes).
    static constexpr qint64 MaxConfigBytes = 4 * 1024 * 1024;
    /// Larger --static-oauth-client-info/-metadata @FILEs are not read.
    static constexpr qint64 MaxStaticFileBytes = 64 * 1024;

    explicit ClientConfigReader(QString path);

    /// Reads and parses the file. @p source: the client whose file this is;
    /// none = tell from the file name and content.
    Error read(std::optional<ImportSource> source = std::nullopt);
    /// Parses @p data as if read from the path.
    Error parse(const QByteArray &data, std::optional<ImportSource> source = std::nullopt);

    QString path() const { return m_path; }
    /// The client the file was read as (valid after a successful read).
    ImportSource source() const { return m_source; }
    /// Every entry (in key order, as JSON objects keep them); status New for
    /// remote servers (duplicates and ids are the importer's business),
    /// Skipped or Invalid otherwise.
    QList<ImportCandidate> candidates() const { return m_candidates; }
    QStringList warnings() const { return m_warnings; }

    /// Which client wrote @p root (found at @p path); none when it is no MCP
    /// client config at all.
    static std::optional<ImportSource> detectSource(const QString &path, const QJsonObject &root);
    /// JSON with comments (// and /* */) and trailing commas to plain JSON.
    /// Removed characters become spaces, so offsets and lines stay the same.
    static QByteArray stripJsonComments(const QByteArray &data);
    /// True when @p text holds a ${...} placeholder of any client.
    static bool hasPlaceholder(const QString &text);
    /// Reads the arguments of an entry that starts mcp-remote (through npx,
    /// bunx, pnpm dlx, cmd /c npx, or directly) into @p candidate: URL,
    /// callback port, resource, static client, header names and the md5
    /// names of its token files. False when the command is not mcp-remote.
    static bool readMcpRemoteCommand(const QString &command, const QStringList &arguments,
                                     ImportCandidate *candidate);
    /// mcp-remote's file name for a server: md5 hex of "URL[|resource][|headers JSON]".
    static QString mcpRemoteHash(const QString &serverUrl, const QString &resource,
                                 const QList<QPair<QString, QString>> &headers);

private:
    bool readServers(const QJsonValue &servers, const QString &where);
    bool readEntry(const QString &name, const QJsonValue &value, const QString &where);
    bool readRemote(const QJsonObject &entry, const QString &where, ImportCandidate *candidate);
    bool readCursorAuth(const QJsonObject &entry, const QString &where, ImportCandidate *candidate);
    bool readClaudeCodeOAuth(const QJsonObject &entry, const QString &where,
                             ImportCandidate *candidate);
    /// The field as a string ("" when absent); false (and the error set) when
    /// it is there but of another type.
    bool stringField(const QJsonObject &object, const QString &key, const QString &where,
                     QString *value);
    bool stringListField(const QJsonObject &object, const QString &key, const QString &where,
                         QStringList *value);
    bool objectField(const QJsonObject &object, const QString &key, const QString &where,
                     QJsonObject *value);
    bool fail(const QString &where, const QString &problem);

    QString m_path;
    ImportSource m_source = ImportSource::ClaudeDesktop;
    QList<ImportCandidate> m_candidates;
    QStringList m_warnings;
    Error m_error;
};

} // namespace Mcpa
