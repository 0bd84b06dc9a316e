#pragma once

#include "accountcommand.h"

#include "core/import/importtypes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Mcpa {

/// mcp-accounts-cli import [--from CLIENT] [FILE] [--dry-run] [--json] [--delete-plaintext]
///
/// Reads the remote servers of Claude Desktop, VS Code, Cursor and Claude
/// Code (their default files, or FILE), shows what importing would do, and
/// imports: servers into the config, client secrets and mcp-remote's tokens
/// into the keychain. mcp-remote's plaintext files are deleted only with
/// --delete-plaintext or a "y" at the prompt (when stdin is a terminal).
///
/// Exit codes: 0 imported (or nothing to import, or --dry-run); 2 bad usage
/// or a FILE that is not a valid client config (nothing imported); 5 no
/// usable keychain; otherwise the code of the first failed entry (3 a
/// server was unreachable while moving its tokens, 6 it answered unexpectedly).
class ImportCommand : public AccountCommand
{
    Q_OBJECT
public:
    using AccountCommand::AccountCommand;
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override;
    void start() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;

private:
    void printPreview(const Mcpa::ImportPreview &preview);
    void onImported(const Mcpa::ImportReport &report);
    /// Deletes the plaintext files when the person agrees; false when a
    /// deletion failed.
    bool handlePlaintext(const QStringList &files, bool *deleted);
    bool askToDelete(const QStringList &files);
    QJsonObject previewJson(const Mcpa::ImportPreview &preview) const;
    static QJsonObject candidateJson(const Mcpa::ImportCandidate &candidate);
    static QJsonObject resultJson(const Mcpa::ImportResult &result);

    QList<Mcpa::ImportSource> m_sources;
    QString m_file;
    bool m_dryRun = false;
    bool m_json = false;
    bool m_deletePlaintext = false;
    Mcpa::ImportPreview m_preview;
};

} // namespace Mcpa
