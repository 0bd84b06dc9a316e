#include "core/import/importtypes.h"

namespace Mcpa {

QString importSourceName(ImportSource source)
{
    switch (source) {
    case ImportSource::ClaudeDesktop:
        return QStringLiteral("claude");
    case ImportSource::VsCode:
        return QStringLiteral("vscode");
    case ImportSource::Cursor:
        return QStringLiteral("cursor");
    case ImportSource::ClaudeCode:
        return QStringLiteral("claude-code");
    case ImportSource::McpRemote:
        break;
    }
    return QStringLiteral("mcp-remote");
}

bool parseImportSource(const QString &name, ImportSource *source)
{
    for (const ImportSource candidate : allImportSources()) {
        if (importSourceName(candidate) == name) {
            *source = candidate;
            return true;
        }
    }
    return false;
}

QList<ImportSource> allImportSources()
{
    return { ImportSource::ClaudeDesktop, ImportSource::VsCode, ImportSource::Cursor,
             ImportSource::ClaudeCode, ImportSource::McpRemote };
}

QString ImportCandidate::statusName(Status status)
{
    switch (status) {
    case Status::New:
        return QStringLiteral("new");
    case Status::Duplicate:
        return QStringLiteral("duplicate");
    case Status::Skipped:
        return QStringLiteral("skipped");
    case Status::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

QString ImportResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Added:
        return QStringLiteral("added");
    case Outcome::Merged:
        return QStringLiteral("merged");
    case Outcome::Unchanged:
        return QStringLiteral("unchanged");
    case Outcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

QStringList ImportReport::plaintextFiles() const
{
    QStringList files;
    for (const ImportResult &result : results) {
        for (const QString &file : result.plaintextFiles) {
            if (!files.contains(file))
                files.append(file);
        }
    }
    return files;
}

Error ImportReport::firstError() const
{
    for (const ImportResult &result : results) {
        if (result.error)
            return result.error;
    }
    return {};
}

} // namespace Mcpa
