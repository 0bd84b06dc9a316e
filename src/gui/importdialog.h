#pragma once

#include "core/import/clientconfiglocations.h"
#include "core/import/importtypes.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>

class QPushButton;
class QTreeWidgetItem;

namespace Ui {
class ImportDialog;
}

namespace Mcpa {

class Clock;
class ConfigImportJob;
class Error;
class HttpClient;
class ServerRegistry;
class TokenStore;

/// Import from other MCP clients: reads their config files (ConfigImporter::
/// preview()), shows every server found as a checklist with what importing
/// it would do, and imports the checked ones (ConfigImportJob).
///
///   scan() --> checklist: new (checked), duplicate (checked; merged),
///              skipped / cannot import (disabled, with the reason)
///   Import --> busy (Close disabled: the import is one change and runs to
///              its end, bounded by the network deadlines)
///          --> each row says what was done; when mcp-remote's plaintext
///              token files became redundant, asks whether to delete them
///
/// A file that cannot be read as what it claims to be shows the error and
/// nothing can be imported. A failed import stores nothing and says so; the
/// checklist stays, so it can be tried again.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    using QuestionPresenter = std::function<bool(const QString &title, const QString &text)>;

    ImportDialog(ServerRegistry *registry, TokenStore *tokens, HttpClient *http, const Clock *clock,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Where the clients' files are looked for (default: this machine).
    void setEnvironment(const ImportEnvironment &environment);
    /// Asks yes/no (default: a QMessageBox). Tests answer it themselves.
    void setQuestionPresenter(QuestionPresenter presenter) { m_question = std::move(presenter); }

    /// Reads the files of the chosen client (or the file given) again and
    /// shows what was found. Changes nothing.
    void scan();
    /// Imports the checked servers. Does nothing unless some are checked.
    void importChecked();

    /// Chooses the client to read (nullopt = every client and mcp-remote).
    void setSource(std::optional<Mcpa::ImportSource> source);
    /// A config file instead of the usual places ("" = the usual places).
    void setFilePath(const QString &path);

    bool isImporting() const { return m_importing; }
    const ImportPreview &preview() const { return m_preview; }
    /// The checklist row of candidate @p index of preview().
    QTreeWidgetItem *itemFor(int index) const;
    QPushButton *importButton() const { return m_importButton; }

public Q_SLOTS:
    /// Ignored while importing (the import is one change: it runs to its end).
    void reject() override;

Q_SIGNALS:
    /// An import ended: @p imported servers were added or merged (0 when it failed).
    void importEnded(int imported);

private:
    void showPreview();
    void updateImportButton();
    void setBusy(bool busy);
    void onImportFinished();
    void onImported(const Mcpa::ImportReport &report);
    void onFailed(const Mcpa::Error &error);
    void offerPlaintextDeletion(const QStringList &files);
    void showError(const QString &text);
    QString stateText() const;

    Ui::ImportDialog *m_ui;
    ServerRegistry *m_registry;
    TokenStore *m_tokens;
    HttpClient *m_http;
    const Clock *m_clock;
    ImportEnvironment m_environment;
    QuestionPresenter m_question;
    QPushButton *m_importButton;
    ConfigImportJob *m_importer = nullptr; ///< while importing (it deletes itself)
    ImportPreview m_preview;
    QList<QTreeWidgetItem *> m_items; ///< per candidate of m_preview
    bool m_importing = false;
    bool m_done = false;
};

} // namespace Mcpa
