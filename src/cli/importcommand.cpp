#include "importcommand.h"

#include "accountcontext.h"

#include "core/base/clock.h"
#include "core/connect/clientconnector.h"
#include "core/import/configimporter.h"
#include "core/store/serverregistry.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace Mcpa {

namespace {

bool stdinIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin)) != 0;
#else
    return isatty(fileno(stdin)) != 0;
#endif
}

QString sourceList()
{
    QStringList names;
    for (const ImportSource source : allImportSources())
        names.append(importSourceName(source));
    return names.join(QLatin1String(", "));
}

QString statusText(const ImportCandidate &candidate)
{
    switch (candidate.status) {
    case ImportCandidate::Status::New:
        return QStringLiteral("new as \"%1\"").arg(candidate.serverId);
    case ImportCandidate::Status::Duplicate:
        return QStringLiteral("duplicate of \"%1\"").arg(candidate.serverId);
    case ImportCandidate::Status::Skipped:
        return QStringLiteral("skipped");
    case ImportCandidate::Status::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

/// A word as the shell reads it back: single-quoted unless plain.
QString shellWord(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:@%+=,-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

/// The connect command that switches an imported client entry that runs
/// mcp-remote to our bridge, in place; empty for entries it does not fit.
QString switchCommand(const ImportCandidate &candidate, const QString &serverId)
{
    if (!candidate.mcpRemote || candidate.filePath.isEmpty() || serverId.isEmpty())
        return {};
    ClientApp client;
    switch (candidate.source) {
    case ImportSource::ClaudeDesktop:
        client = ClientApp::ClaudeDesktop;
        break;
    case ImportSource::VsCode:
        client = ClientApp::VsCode;
        break;
    case ImportSource::Cursor:
        client = ClientApp::Cursor;
        break;
    case ImportSource::ClaudeCode:
        client = ClientApp::ClaudeCode;
        break;
    default:
        return {};
    }
    return QStringLiteral("mcp-accounts-cli connect %1 --client %2 --entry %3 --config %4")
        .arg(shellWord(serverId), ClientApps::name(client), shellWord(candidate.name),
             shellWord(candidate.filePath));
}

QString tokensText(const McpRemoteCredentials &credentials)
{
    if (!credentials.expiryKnown)
        return QStringLiteral("mcp-remote tokens (expiry unknown: refreshed at first use)");
    return QStringLiteral("mcp-remote tokens (expire %1)")
        .arg(credentials.tokens.expiresAt.toUTC().toString(Qt::ISODate));
}

} // namespace

QString ImportCommand::summary() const
{
    return QStringLiteral(
               "Imports remote MCP servers from other MCP clients and mcp-remote's tokens.\n"
               "Reads Claude Desktop, VS Code, Cursor and Claude Code configs (their usual "
               "places, or FILE),\n"
               "shows what it would do, then adds the servers. Local (stdio) servers are "
               "skipped; servers\n"
               "already stored are merged; ${...} placeholders are never resolved. Tokens that "
               "mcp-remote keeps\n"
               "in plaintext files (~/.mcp-auth) move to the keychain; those files are deleted "
               "only with\n"
               "--delete-plaintext or when you answer y.\n"
               "CLIENT is one of: ")
        + sourceList()
        + QStringLiteral(".\nExit codes: 0 done, 2 bad usage or an invalid FILE (nothing "
                         "imported), 3 a server "
                         "was\nunreachable, 5 no keychain, 6 a server answered unexpectedly.");
}

void ImportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        QStringLiteral("file"), QStringLiteral("A client config file (default: the usual places)."),
        QStringLiteral("[FILE]"));
    parser.addOptions({
        { QStringLiteral("from"),
          QStringLiteral("Only this client: %1 (mcp-remote: only servers with mcp-remote tokens).")
              .arg(sourceList()),
          QStringLiteral("client") },
        { QStringLiteral("dry-run"),
          QStringLiteral("Show what would be imported; change nothing.") },
        { QStringLiteral("json"), QStringLiteral("Print JSON.") },
        { QStringLiteral("delete-plaintext"),
          QStringLiteral("Delete mcp-remote's plaintext token files once their tokens are in the "
                         "keychain.") },
    });
}

QString ImportCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return QStringLiteral("expected at most one FILE");
    if (!positional.isEmpty())
        m_file = QFileInfo(positional.first()).absoluteFilePath();
    if (parser.isSet(QStringLiteral("from"))) {
        ImportSource source;
        if (!parseImportSource(parser.value(QStringLiteral("from")), &source))
            return QStringLiteral("--from takes one of: %1").arg(sourceList());
        m_sources = { source };
    }
    m_dryRun = parser.isSet(QStringLiteral("dry-run"));
    m_json = parser.isSet(QStringLiteral("json"));
    m_deletePlaintext = parser.isSet(QStringLiteral("delete-plaintext"));
    if (m_dryRun && m_deletePlaintext)
        return QStringLiteral(
            "--dry-run changes nothing: it cannot be used with --delete-plaintext");
    return {};
}

void ImportCommand::start()
{
    if (!openContext())
        return;
    ImportRequest request;
    request.sources = m_sources;
    request.filePath = m_file;
    const ConfigImporter importer(context()->registry(), context()->tokens(), context()->http(),
                                  Clock::system());
    m_preview = importer.preview(request);
    if (m_preview.error) {
        err() << "mcp-accounts-cli import: " << m_preview.error.toString() << Qt::endl;
        finish(ExitCode::Usage);
        return;
    }
    bool importable = false;
    for (const ImportCandidate &candidate : std::as_const(m_preview.candidates))
        importable = importable || candidate.isImportable();
    if (m_dryRun || !importable) {
        if (m_json) {
            QJsonObject root = previewJson(m_preview);
            root.insert(QLatin1String("dryRun"), m_dryRun);
            out() << QJsonDocument(root).toJson(QJsonDocument::Compact) << Qt::endl;
        } else {
            printPreview(m_preview);
            out() << (m_dryRun ? "Dry run: nothing was changed." : "Nothing to import.")
                  << Qt::endl;
        }
        finish(ExitCode::Ok);
        return;
    }
    if (!m_json)
        printPreview(m_preview);
    ConfigImportJob *job = importer.importJob(m_preview, this);
    connect(job, &Job::finished, this, [this, job] {
        if (const Error error = job->error()) {
            err() << "Nothing was imported." << Qt::endl;
            failWith(error);
            return;
        }
        onImported(job->report());
    });
    job->start();
}

void ImportCommand::printPreview(const ImportPreview &preview)
{
    if (preview.files.isEmpty())
        out() << "No client config files read." << Qt::endl;
    for (const QString &file : preview.files)
        out() << "Read " << file << Qt::endl;
    for (const QString &warning : preview.warnings)
        err() << "warning: " << warning << Qt::endl;
    if (preview.candidates.isEmpty())
        return;
    out() << Qt::endl
          << QStringLiteral("  %1 %2 %3 %4")
                 .arg(QStringLiteral("NAME"), -20)
                 .arg(QStringLiteral("SOURCE"), -12)
                 .arg(QStringLiteral("STATUS"), -28)
                 .arg(QStringLiteral("URL / REASON"))
          << Qt::endl;
    for (const ImportCandidate &candidate : preview.candidates) {
        QString detail = candidate.isImportable() ? candidate.url.toString() : candidate.reason;
        if (candidate.status == ImportCandidate::Status::Duplicate && candidate.duplicateInRegistry)
            detail += QStringLiteral(" (already stored)");
        out() << QStringLiteral("  %1 %2 %3 %4")
                     .arg(candidate.name, -20)
                     .arg(importSourceName(candidate.source), -12)
                     .arg(statusText(candidate), -28)
                     .arg(detail)
              << Qt::endl;
        QStringList notes;
        if (!candidate.clientId.isEmpty())
            notes << QStringLiteral("client %1%2")
                         .arg(candidate.clientId,
                              candidate.clientSecret.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" (secret goes to the keychain)"));
        if (candidate.callbackPort != 0)
            notes << QStringLiteral("callback port %1").arg(candidate.callbackPort);
        if (!candidate.scopes.isEmpty())
            notes << QStringLiteral("scopes %1").arg(candidate.scopes.join(QLatin1Char(' ')));
        if (!candidate.sendResource)
            notes << QStringLiteral("no resource parameter");
        if (candidate.credentials)
            notes << tokensText(*candidate.credentials);
        if (!notes.isEmpty())
            out() << "      " << notes.join(QLatin1String("; ")) << Qt::endl;
        if (candidate.isImportable()) {
            for (const QString &warning : candidate.warnings)
                out() << "      ! " << warning << Qt::endl;
        }
    }
    out() << Qt::endl;
}

void ImportCommand::onImported(const ImportReport &report)
{
    const QStringList files = report.plaintextFiles();
    bool deleted = false;
    const bool deletionOk = handlePlaintext(files, &deleted);
    if (m_json) {
        QJsonObject root = previewJson(m_preview);
        root.insert(QLatin1String("dryRun"), false);
        QJsonArray candidates = root.value(QLatin1String("candidates")).toArray();
        for (const ImportResult &result : report.results) {
            for (int i = 0; i < candidates.size(); ++i) {
                QJsonObject row = candidates.at(i).toObject();
                if (row.value(QLatin1String("name")).toString() == result.name
                    && row.value(QLatin1String("id")).toString() == result.serverId
                    && !row.contains(QLatin1String("result"))) {
                    row.insert(QLatin1String("result"), resultJson(result));
                    const QString command = result.outcome == ImportResult::Outcome::Failed
                        ? QString()
                        : switchCommand(m_preview.candidates.value(i), result.serverId);
                    if (!command.isEmpty())
                        row.insert(QLatin1String("switchToBridge"), command);
                    candidates.replace(i, row);
                    break;
                }
            }
        }
        root.insert(QLatin1String("candidates"), candidates);
        root.insert(QLatin1String("plaintextFiles"), QJsonArray::fromStringList(files));
        root.insert(QLatin1String("plaintextDeleted"), deleted);
        out() << QJsonDocument(root).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        int stored = 0;
        for (const ImportResult &result : report.results) {
            QString line;
            switch (result.outcome) {
            case ImportResult::Outcome::Added:
                line = QStringLiteral("added \"%1\"").arg(result.serverId);
                ++stored;
                break;
            case ImportResult::Outcome::Merged:
                line = QStringLiteral("merged into \"%1\"").arg(result.serverId);
                ++stored;
                break;
            case ImportResult::Outcome::Unchanged:
                line = QStringLiteral("unchanged (\"%1\" has it all)").arg(result.serverId);
                break;
            case ImportResult::Outcome::Failed:
                line = QStringLiteral("failed: %1").arg(result.error.toString());
                break;
            }
            if (result.tokensImported)
                line += QStringLiteral(", signed in with mcp-remote's tokens (account \"%1\")")
                            .arg(result.accountLabel);
            out() << result.name << ": " << line << Qt::endl;
            for (const QString &warning : result.warnings)
                out() << "    ! " << warning << Qt::endl;
        }
        out() << "Imported " << stored << " server(s)." << Qt::endl;
        QStringList switches;
        for (const ImportCandidate &candidate : m_preview.candidates) {
            for (const ImportResult &result : report.results) {
                if (result.name != candidate.name || result.serverId != candidate.serverId
                    || result.outcome == ImportResult::Outcome::Failed)
                    continue;
                const QString command = switchCommand(candidate, result.serverId);
                if (!command.isEmpty() && !switches.contains(command))
                    switches.append(command);
            }
        }
        if (!switches.isEmpty()) {
            out() << "These client entries still start mcp-remote. Switch them to MCP Accounts "
                     "(its bridge, tokens from the keychain; the entry is replaced in place and "
                     "disconnect puts it back; --dry-run shows the change first):"
                  << Qt::endl;
            for (const QString &command : switches)
                out() << "    " << command << Qt::endl;
        }
        if (!files.isEmpty() && deleted)
            out() << "Deleted " << files.size() << " plaintext mcp-remote file(s)." << Qt::endl;
        if (!files.isEmpty() && !deleted) {
            out() << "mcp-remote still keeps these tokens in " << files.size()
                  << " plaintext file(s):" << Qt::endl;
            for (const QString &file : files)
                out() << "    " << file << Qt::endl;
            out() << "While both hold the same refresh token, a refresh by one can end the other's "
                     "sign-in.\nDelete them with: mcp-accounts-cli import --from mcp-remote "
                     "--delete-plaintext"
                  << Qt::endl;
        }
    }
    const Error error = report.firstError();
    if (error) {
        finish(exitCodeFor(error));
        return;
    }
    finish(deletionOk ? ExitCode::Ok : ExitCode::Failure);
}

bool ImportCommand::handlePlaintext(const QStringList &files, bool *deleted)
{
    *deleted = false;
    if (files.isEmpty())
        return true;
    const bool consent = m_deletePlaintext || (!m_json && stdinIsTerminal() && askToDelete(files));
    if (!consent)
        return true;
    const Error error = ConfigImporter::removePlaintextFiles(files);
    if (error) {
        err() << "mcp-accounts-cli import: " << error.toString() << Qt::endl;
        return false;
    }
    *deleted = true;
    return true;
}

bool ImportCommand::askToDelete(const QStringList &files)
{
    err() << "The tokens are now in the keychain. mcp-remote still keeps them in " << files.size()
          << " plaintext file(s):" << Qt::endl;
    for (const QString &file : files)
        err() << "    " << file << Qt::endl;
    err() << "Delete these files now? [y/N] " << Qt::flush;
    const QString answer = QTextStream(stdin).readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

QJsonObject ImportCommand::previewJson(const ImportPreview &preview) const
{
    QJsonArray candidates;
    for (const ImportCandidate &candidate : preview.candidates)
        candidates.append(candidateJson(candidate));
    return { { QLatin1String("files"), QJsonArray::fromStringList(preview.files) },
             { QLatin1String("warnings"), QJsonArray::fromStringList(preview.warnings) },
             { QLatin1String("candidates"), candidates } };
}

QJsonObject ImportCommand::candidateJson(const ImportCandidate &candidate)
{
    QJsonObject row { { QLatin1String("name"), candidate.name },
                      { QLatin1String("source"), importSourceName(candidate.source) },
                      { QLatin1String("file"), candidate.filePath },
                      { QLatin1String("status"), ImportCandidate::statusName(candidate.status) },
                      { QLatin1String("warnings"),
                        QJsonArray::fromStringList(candidate.warnings) } };
    if (!candidate.transport.isEmpty())
        row.insert(QLatin1String("transport"), candidate.transport);
    if (!candidate.reason.isEmpty())
        row.insert(QLatin1String("reason"), candidate.reason);
    if (!candidate.isImportable())
        return row;
    row.insert(QLatin1String("id"), candidate.serverId);
    row.insert(QLatin1String("url"), candidate.url.toString());
    if (candidate.status == ImportCandidate::Status::Duplicate) {
        row.insert(QLatin1String("duplicateOf"), candidate.serverId);
        row.insert(QLatin1String("alreadyStored"), candidate.duplicateInRegistry);
    }
    QJsonObject settings;
    if (!candidate.clientId.isEmpty())
        settings.insert(QLatin1String("clientId"), candidate.clientId);
    // Whether there is a secret, never the secret.
    settings.insert(QLatin1String("clientSecret"), !candidate.clientSecret.isEmpty());
    if (candidate.authMethod)
        settings.insert(QLatin1String("authMethod"), clientAuthMethodName(*candidate.authMethod));
    if (candidate.callbackPort != 0)
        settings.insert(QLatin1String("callbackPort"), candidate.callbackPort);
    if (!candidate.redirectHost.isEmpty())
        settings.insert(QLatin1String("redirectHost"), candidate.redirectHost);
    settings.insert(QLatin1String("sendResource"), candidate.sendResource);
    if (!candidate.resource.isEmpty())
        settings.insert(QLatin1String("resource"), candidate.resource);
    settings.insert(QLatin1String("scopes"), QJsonArray::fromStringList(candidate.scopes));
    row.insert(QLatin1String("settings"), settings);
    if (candidate.credentials) {
        const McpRemoteCredentials &credentials = *candidate.credentials;
        row.insert(
            QLatin1String("tokens"),
            QJsonObject {
                { QLatin1String("from"), QLatin1String("mcp-remote") },
                { QLatin1String("file"), credentials.tokensFile },
                { QLatin1String("expiresAt"),
                  credentials.expiryKnown
                      ? QJsonValue(credentials.tokens.expiresAt.toUTC().toString(Qt::ISODateWithMs))
                      : QJsonValue() },
                { QLatin1String("hasRefreshToken"), !credentials.tokens.refreshToken.isEmpty() },
                { QLatin1String("clientId"), credentials.client.clientId },
            });
    }
    return row;
}

QJsonObject ImportCommand::resultJson(const ImportResult &result)
{
    QJsonObject row { { QLatin1String("outcome"), ImportResult::outcomeName(result.outcome) },
                      { QLatin1String("tokensImported"), result.tokensImported },
                      { QLatin1String("warnings"), QJsonArray::fromStringList(result.warnings) } };
    if (result.tokensImported)
        row.insert(QLatin1String("account"), result.accountLabel);
    if (result.error)
        row.insert(QLatin1String("error"), result.error.toString());
    return row;
}

} // namespace Mcpa
