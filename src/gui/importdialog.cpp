#include "gui/importdialog.h"

#include "core/base/error.h"
#include "core/import/configimporter.h"
#include "gui/plaintooltip.h"
#include "ui_importdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidgetItem>

using namespace Mcpa;

namespace {

constexpr int CandidateRole = Qt::UserRole + 1;

enum Column { NameColumn, SourceColumn, ActionColumn, DetailColumn };

QString sourceTitle(ImportSource source)
{
    switch (source) {
    case ImportSource::ClaudeDesktop:
        return ImportDialog::tr("Claude Desktop");
    case ImportSource::VsCode:
        return ImportDialog::tr("VS Code");
    case ImportSource::Cursor:
        return ImportDialog::tr("Cursor");
    case ImportSource::ClaudeCode:
        return ImportDialog::tr("Claude Code");
    case ImportSource::McpRemote:
        return ImportDialog::tr("mcp-remote");
    }
    return {};
}

} // namespace

ImportDialog::ImportDialog(ServerRegistry *registry, TokenStore *tokens, HttpClient *http,
                           const Clock *clock, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::ImportDialog)
    , m_registry(registry)
    , m_tokens(tokens)
    , m_http(http)
    , m_clock(clock)
    , m_environment(ImportEnvironment::fromSystem())
{
    m_ui->setupUi(this);
    m_question = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::No,
                                     QMessageBox::No)
            == QMessageBox::Yes;
    };

    m_ui->sourceCombo->addItem(tr("All clients"), -1);
    for (ImportSource source : allImportSources()) {
        const QString title = source == ImportSource::McpRemote ? tr("mcp-remote tokens only")
                                                                : sourceTitle(source);
        m_ui->sourceCombo->addItem(title, static_cast<int>(source));
    }

    m_importButton = m_ui->buttonBox->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setDefault(true);
    m_importButton->setEnabled(false);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::importChecked);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    connect(m_ui->sourceCombo, &QComboBox::activated, this, [this] { scan(); });
    connect(m_ui->rescanButton, &QPushButton::clicked, this, &ImportDialog::scan);
    connect(m_ui->fileEdit, &QLineEdit::returnPressed, this, &ImportDialog::scan);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString start = m_ui->fileEdit->text().isEmpty()
            ? m_environment.withDefaults().homeDirectory
            : m_ui->fileEdit->text();
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Config File"), start,
                                                          tr("JSON files (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
        m_ui->fileEdit->setText(QDir::toNativeSeparators(path));
        scan();
    });
    connect(m_ui->candidateList, &QTreeWidget::itemChanged, this, [this] { updateImportButton(); });

    QHeaderView *header = m_ui->candidateList->header();
    header->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SourceColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ActionColumn, QHeaderView::ResizeToContents);
    header->setStretchLastSection(true);
}

ImportDialog::~ImportDialog()
{
    delete m_ui;
}

void ImportDialog::setEnvironment(const ImportEnvironment &environment)
{
    m_environment = environment;
}

void ImportDialog::setSource(std::optional<ImportSource> source)
{
    const int data = source ? static_cast<int>(*source) : -1;
    m_ui->sourceCombo->setCurrentIndex(qMax(0, m_ui->sourceCombo->findData(data)));
}

void ImportDialog::setFilePath(const QString &path)
{
    m_ui->fileEdit->setText(path);
}

QTreeWidgetItem *ImportDialog::itemFor(int index) const
{
    return index >= 0 && index < m_items.size() ? m_items.at(index) : nullptr;
}

void ImportDialog::scan()
{
    if (m_importing)
        return;
    ImportRequest request;
    request.environment = m_environment;
    const int source = m_ui->sourceCombo->currentData().toInt();
    if (source >= 0)
        request.sources = { static_cast<ImportSource>(source) };
    const QString file = m_ui->fileEdit->text().trimmed();
    if (!file.isEmpty())
        request.filePath = QDir::fromNativeSeparators(QDir::cleanPath(file));

    ConfigImporter reader(m_registry, m_tokens, m_http, m_clock);
    m_preview = reader.preview(request);
    m_done = false;
    showPreview();
}

void ImportDialog::showPreview()
{
    m_ui->errorLabel->hide();
    m_ui->summaryLabel->clear();
    QSignalBlocker blocker(m_ui->candidateList);
    m_ui->candidateList->clear();
    m_items.clear();

    QStringList lines;
    if (m_preview.files.isEmpty())
        lines << tr("No config file of an MCP client was found.");
    else
        lines << tr("Read: %1").arg(m_preview.files.join(QLatin1String(", ")));
    for (const QString &warning : std::as_const(m_preview.warnings))
        lines << tr("Note: %1").arg(warning);
    m_ui->filesLabel->setText(lines.join(QLatin1Char('\n')));

    if (m_preview.error) {
        m_ui->candidateList->setEnabled(false);
        showError(tr("Nothing can be imported: %1 Nothing was changed; correct the file and "
                     "look again.")
                      .arg(m_preview.error.detail().isEmpty() ? m_preview.error.toString()
                                                              : m_preview.error.detail()));
        updateImportButton();
        return;
    }
    m_ui->candidateList->setEnabled(true);

    const QStyle *style = this->style();
    int importable = 0;
    for (int i = 0; i < m_preview.candidates.size(); ++i) {
        const ImportCandidate &candidate = m_preview.candidates.at(i);
        auto *item = new QTreeWidgetItem(m_ui->candidateList);
        item->setData(NameColumn, CandidateRole, i);
        item->setText(NameColumn, candidate.name);
        item->setText(SourceColumn, sourceTitle(candidate.source));
        item->setToolTip(SourceColumn, plainToolTip(candidate.filePath));
        QString action;
        QString detail = candidate.url.toString();
        switch (candidate.status) {
        case ImportCandidate::Status::New:
            action = tr("Add as “%1”").arg(candidate.serverId);
            break;
        case ImportCandidate::Status::Duplicate:
            action = candidate.duplicateInRegistry
                ? tr("Already here as “%1”: add what it lacks").arg(candidate.serverId)
                : tr("Same server as “%1”: merged").arg(candidate.serverId);
            break;
        case ImportCandidate::Status::Skipped:
            action = tr("Skipped");
            detail = candidate.reason;
            break;
        case ImportCandidate::Status::Invalid:
            action = tr("Cannot import");
            detail = candidate.reason;
            break;
        }
        item->setText(ActionColumn, action);
        item->setText(DetailColumn, detail);
        item->setToolTip(DetailColumn, plainToolTip(detail));
        if (candidate.isImportable()) {
            ++importable;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(NameColumn, Qt::Checked);
        } else {
            item->setFlags(Qt::ItemIsSelectable); // shown, not importable
            item->setIcon(ActionColumn, style->standardIcon(QStyle::SP_MessageBoxInformation));
        }

        QStringList notes;
        if (!candidate.clientId.isEmpty()) {
            notes << (candidate.clientSecret.isEmpty()
                          ? tr("Registered client %1").arg(candidate.clientId)
                          : tr("Registered client %1; its secret goes to the keychain")
                                .arg(candidate.clientId));
        }
        if (candidate.callbackPort != 0)
            notes << tr("Sign-in callback on port %1").arg(candidate.callbackPort);
        if (!candidate.scopes.isEmpty())
            notes << tr("Scopes: %1").arg(candidate.scopes.join(QLatin1Char(' ')));
        if (!candidate.sendResource)
            notes << tr("Sign-in without a resource indicator");
        if (candidate.credentials) {
            notes << (candidate.credentials->expiryKnown
                          ? tr("Signed in with mcp-remote: its tokens move to the keychain")
                          : tr("Signed in with mcp-remote: its tokens move to the keychain "
                               "(expiry unknown: refreshed when first used)"));
        }
        if (candidate.isImportable()) {
            for (const QString &warning : candidate.warnings)
                notes << tr("Note: %1").arg(warning);
        }
        for (const QString &note : std::as_const(notes)) {
            auto *child = new QTreeWidgetItem(item);
            child->setFlags(Qt::ItemIsEnabled);
            child->setFirstColumnSpanned(true);
            child->setText(NameColumn, note);
        }
        item->setExpanded(true);
        m_items.append(item);
    }

    if (m_preview.candidates.isEmpty())
        m_ui->summaryLabel->setText(tr("No servers were found."));
    else if (importable == 0)
        m_ui->summaryLabel->setText(tr("Nothing here can be imported."));
    else
        m_ui->summaryLabel->setText(tr(
            "%n server(s) can be imported. Uncheck those you do not want.", nullptr, importable));
    updateImportButton();
}

void ImportDialog::updateImportButton()
{
    int checked = 0;
    for (QTreeWidgetItem *item : std::as_const(m_items)) {
        if ((item->flags() & Qt::ItemIsUserCheckable)
            && item->checkState(NameColumn) == Qt::Checked)
            ++checked;
    }
    m_importButton->setEnabled(!m_importing && !m_done && !m_preview.error && checked > 0);
}

void ImportDialog::importChecked()
{
    if (m_importing || m_done || m_preview.error)
        return;
    ImportPreview chosen = m_preview;
    chosen.candidates.clear();
    for (int i = 0; i < m_preview.candidates.size(); ++i) {
        QTreeWidgetItem *item = m_items.value(i);
        if (item && (item->flags() & Qt::ItemIsUserCheckable)
            && item->checkState(NameColumn) == Qt::Checked)
            chosen.candidates.append(m_preview.candidates.at(i));
    }
    if (chosen.candidates.isEmpty())
        return;

    const ConfigImporter importer(m_registry, m_tokens, m_http, m_clock);
    m_importer = importer.importJob(chosen, this);
    connect(m_importer, &ConfigImportJob::phaseChanged, this,
            [this] { m_ui->summaryLabel->setText(stateText()); });
    connect(m_importer, &Job::finished, this, &ImportDialog::onImportFinished);
    setBusy(true);
    m_ui->summaryLabel->setText(stateText());
    m_importer->start();
}

void ImportDialog::onImportFinished()
{
    const Error error = m_importer->error();
    const ImportReport report = m_importer->report();
    m_importer = nullptr; // it deletes itself
    if (error)
        onFailed(error);
    else
        onImported(report);
}

QString ImportDialog::stateText() const
{
    if (!m_importer)
        return tr("Importing…");
    switch (m_importer->phase()) {
    case ConfigImportJob::Phase::Migrating:
        return tr("Moving mcp-remote's tokens to the keychain…");
    case ConfigImportJob::Phase::StoringSecrets:
        return tr("Storing client secrets in the keychain…");
    case ConfigImportJob::Phase::Saving:
        return tr("Saving the server list…");
    }
    return tr("Importing…");
}

void ImportDialog::setBusy(bool busy)
{
    m_importing = busy;
    m_ui->progressBar->setVisible(busy);
    m_ui->candidateList->setEnabled(!busy);
    m_ui->sourceCombo->setEnabled(!busy);
    m_ui->fileEdit->setEnabled(!busy);
    m_ui->browseButton->setEnabled(!busy);
    m_ui->rescanButton->setEnabled(!busy);
    if (QPushButton *close = m_ui->buttonBox->button(QDialogButtonBox::Close))
        close->setEnabled(!busy);
    updateImportButton();
}

void ImportDialog::onImported(const ImportReport &report)
{
    m_done = true;
    setBusy(false);

    int stored = 0;
    int failed = 0;
    QList<QTreeWidgetItem *> pending = m_items;
    for (const ImportResult &result : report.results) {
        // The row of this result: the first not yet reported with its name and id.
        QTreeWidgetItem *row = nullptr;
        for (QTreeWidgetItem *item : std::as_const(pending)) {
            const ImportCandidate &candidate
                = m_preview.candidates.at(item->data(NameColumn, CandidateRole).toInt());
            if (candidate.name == result.name && candidate.serverId == result.serverId) {
                row = item;
                break;
            }
        }
        QString text;
        QStyle::StandardPixmap icon = QStyle::SP_DialogApplyButton;
        switch (result.outcome) {
        case ImportResult::Outcome::Added:
            text = tr("Added as “%1”").arg(result.serverId);
            ++stored;
            break;
        case ImportResult::Outcome::Merged:
            text = tr("Added to “%1”").arg(result.serverId);
            ++stored;
            break;
        case ImportResult::Outcome::Unchanged:
            text = tr("Nothing new for “%1”").arg(result.serverId);
            break;
        case ImportResult::Outcome::Failed:
            text = tr("Failed: %1")
                       .arg(result.error.detail().isEmpty() ? result.error.toString()
                                                            : result.error.detail());
            icon = QStyle::SP_MessageBoxWarning;
            ++failed;
            break;
        }
        if (result.tokensImported)
            text += tr(", signed in as “%1”").arg(result.accountLabel);
        else if (result.outcome != ImportResult::Outcome::Failed && result.error)
            text += tr(" (its mcp-remote tokens stay where they are: %1)")
                        .arg(result.error.detail().isEmpty() ? result.error.toString()
                                                             : result.error.detail());
        if (row) {
            pending.removeOne(row);
            row->setText(ActionColumn, text);
            row->setToolTip(ActionColumn, plainToolTip(text));
            row->setIcon(ActionColumn, style()->standardIcon(icon));
            for (const QString &warning : result.warnings) {
                auto *child = new QTreeWidgetItem(row);
                child->setFlags(Qt::ItemIsEnabled);
                child->setFirstColumnSpanned(true);
                child->setText(NameColumn, tr("Note: %1").arg(warning));
            }
        }
    }
    // Rows the person unchecked keep their check box off and say so.
    for (QTreeWidgetItem *item : std::as_const(pending)) {
        if (item->flags() & Qt::ItemIsUserCheckable)
            item->setText(ActionColumn, tr("Not imported"));
    }
    for (QTreeWidgetItem *item : std::as_const(m_items))
        item->setFlags(item->flags() & ~Qt::ItemIsUserCheckable);

    QString summary = tr("Imported %n server(s).", nullptr, stored);
    if (failed > 0)
        summary += QLatin1Char(' ') + tr("%n could not be imported.", nullptr, failed);
    m_ui->summaryLabel->setText(summary);
    updateImportButton();
    offerPlaintextDeletion(report.plaintextFiles());
    Q_EMIT importEnded(stored);
}

void ImportDialog::offerPlaintextDeletion(const QStringList &files)
{
    if (files.isEmpty())
        return;
    const bool agreed = m_question(
        tr("Delete mcp-remote's plain token files?"),
        tr("The tokens are now in the keychain, but mcp-remote still keeps them in %n plain "
           "file(s) that any program you run can read:\n\n%1\n\nWhile both hold the same "
           "refresh token, a refresh by one can end the other's sign-in. Delete these files "
           "now?",
           nullptr, files.size())
            .arg(files.join(QLatin1Char('\n'))));
    QString summary = m_ui->summaryLabel->text();
    if (!agreed) {
        summary += QLatin1Char(' ')
            + tr("mcp-remote's plain token files were kept; importing again offers to delete "
                 "them.");
    } else if (const Error error = ConfigImporter::removePlaintextFiles(files)) {
        showError(tr("Some of mcp-remote's plain token files could not be deleted: %1")
                      .arg(error.detail().isEmpty() ? error.toString() : error.detail()));
    } else {
        summary += QLatin1Char(' ')
            + tr("Deleted %n plain token file(s) of mcp-remote.", nullptr, files.size());
    }
    m_ui->summaryLabel->setText(summary);
}

void ImportDialog::onFailed(const Error &error)
{
    setBusy(false);
    QString reason = error.detail().isEmpty() ? error.toString() : error.detail();
    if (error.code() == Error::Code::ConfigReadOnly)
        reason = tr("your settings were saved by a newer version of MCP Accounts, which this "
                    "version does not change.");
    showError(tr("Nothing was imported: %1").arg(reason));
    m_ui->summaryLabel->clear();
    Q_EMIT importEnded(0);
}

void ImportDialog::showError(const QString &text)
{
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->show();
}

void ImportDialog::reject()
{
    if (m_importing)
        return;
    QDialog::reject();
}
