#include "gui/diagnosticsdialog.h"

#include "core/net/urlpolicy.h"
#include "gui/plaintooltip.h"

#include "ui_diagnosticsdialog.h"

#include <QClipboard>
#include <QFont>
#include <QGuiApplication>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QShowEvent>
#include <QStyle>
#include <QSysInfo>

namespace Mcpa {

namespace {

constexpr int OutcomeRole = Qt::UserRole;

enum Column { TimeColumn, WhatColumn, DetailColumn };

const QLatin1String Redacted("[redacted]");

/// Names whose values are credentials wherever they appear.
QString secretNames()
{
    return QStringLiteral("access_token|refresh_token|id_token|code|code_verifier|client_secret|"
                          "client_assertion|assertion|device_code|subject_token|token|password");
}

/// A Bearer/Basic credential rather than a challenge parameter
/// (`Bearer error="invalid_token"`) or a word of prose ("only Bearer is
/// supported"): it has a character no plain word has, or is long.
bool looksLikeCredential(QStringView value)
{
    static const QStringList challengeParameters {
        QStringLiteral("realm"),     QStringLiteral("scope"),
        QStringLiteral("error"),     QStringLiteral("error_description"),
        QStringLiteral("error_uri"), QStringLiteral("resource_metadata"),
        QStringLiteral("max_age"),   QStringLiteral("acr_values"),
        QStringLiteral("algs"),      QStringLiteral("charset"),
    };
    QStringView name = value;
    while (name.endsWith(u'='))
        name.chop(1);
    if (name.size() < value.size()
        && challengeParameters.contains(name.toString(), Qt::CaseInsensitive))
        return false;
    if (value.size() >= 20)
        return true;
    for (const QChar c : value) {
        if (!c.isLetter())
            return true;
    }
    return false;
}

} // namespace

DiagnosticsDialog::DiagnosticsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::DiagnosticsDialog)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Sign-in Diagnostics"));
    if (QPushButton *close = m_ui->buttonBox->button(QDialogButtonBox::Close)) {
        close->setObjectName(QStringLiteral("closeButton"));
        close->setAccessibleName(tr("Close the diagnostics"));
    }
    QHeaderView *header = m_ui->stepsTree->header();
    header->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(WhatColumn, QHeaderView::Interactive);
    header->resizeSection(WhatColumn, fontMetrics().averageCharWidth() * 36);
    header->setStretchLastSection(true);
    m_ui->copiedLabel->clear();
    m_ui->stepDetailLabel->hide();
    QFont emphasis = m_ui->emptyLabel->font();
    emphasis.setBold(true);
    emphasis.setPointSizeF(emphasis.pointSizeF() * 1.25);
    m_ui->emptyLabel->setFont(emphasis);

    connect(m_ui->copyButton, &QPushButton::clicked, this, &DiagnosticsDialog::copyReport);
    connect(m_ui->stepsTree, &QTreeWidget::currentItemChanged, this,
            &DiagnosticsDialog::showSelectedStep);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &DiagnosticsDialog::reject);
    updateState();
}

DiagnosticsDialog::~DiagnosticsDialog()
{
    delete m_ui;
}

void DiagnosticsDialog::setTrace(Trace *trace)
{
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    if (m_trace)
        connect(m_trace, &Trace::stepAdded, this, &DiagnosticsDialog::onStepAdded);
    rebuild();
}

void DiagnosticsDialog::setServerName(const QString &name)
{
    m_serverName = name;
    setWindowTitle(name.isEmpty() ? tr("Sign-in Diagnostics")
                                  : tr("Sign-in Diagnostics \u2014 %1").arg(name));
}

int DiagnosticsDialog::stepCount() const
{
    return m_ui->stepsTree->topLevelItemCount();
}

QString DiagnosticsDialog::reportText() const
{
    // Not translated: a bug report is read by the server's or the app's
    // maintainers, like the trace text itself.
    QString report
        = QStringLiteral("MCP Accounts %1 sign-in diagnostics\n").arg(QLatin1String(MCPA_VERSION));
    if (!m_serverName.isEmpty())
        report += QStringLiteral("Server: %1\n").arg(m_serverName);
    report += QStringLiteral("Qt %1 (built with %2) on %3\n")
                  .arg(QLatin1String(qVersion()), QLatin1String(QT_VERSION_STR),
                       QSysInfo::prettyProductName());
    report += QStringLiteral("Times are UTC.\n\n");
    const QString steps = m_trace ? m_trace->toText() : m_traceText;
    report += steps.isEmpty() ? QStringLiteral("(no steps recorded)\n") : steps;
    return redactSecrets(report);
}

void DiagnosticsDialog::copyReport()
{
    QGuiApplication::clipboard()->setText(reportText());
    m_ui->copiedLabel->setText(tr("Copied to the clipboard."));
}

QString DiagnosticsDialog::redactSecrets(const QString &text)
{
    QString out = text;

    // name=value in query strings and form bodies; name="value" in headers.
    static const QRegularExpression parameter(
        QStringLiteral("\\b(%1)=(\"[^\"]*\"|[^&\\s\"'<>,;]+)").arg(secretNames()),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(parameter, QStringLiteral("\\1=") + Redacted);

    // "name": "value" in JSON.
    static const QRegularExpression jsonMember(
        QStringLiteral("\"(%1)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"").arg(secretNames()),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(jsonMember, QStringLiteral("\"\\1\": \"") + Redacted + QLatin1Char('"'));

    // Authorization credentials (RFC 6750 b64token). A following "=value"
    // or "=\"...\"" makes it a challenge parameter (Bearer error="..."), not
    // a credential, so that is kept.
    static const QRegularExpression credential(
        QStringLiteral("\\b(?:Bearer|Basic|DPoP)\\s+([A-Za-z0-9\\-._~+/]+=*)(?=$|[\\s,;)\"'\\]])"),
        QRegularExpression::CaseInsensitiveOption);
    QList<QRegularExpressionMatch> matches;
    QRegularExpressionMatchIterator it = credential.globalMatch(out);
    while (it.hasNext())
        matches.append(it.next());
    for (auto match = matches.crbegin(); match != matches.crend(); ++match) {
        if (match->captured(1) == Redacted || !looksLikeCredential(match->capturedView(1)))
            continue;
        out.replace(match->capturedStart(1), match->capturedLength(1), Redacted);
    }

    // Keys in URL paths (…/mcp/sk-…/sse), also inside texts that were not
    // written through UrlPolicy::redacted() (a network library's error text).
    static const QRegularExpression urlPath(
        QStringLiteral("\\bhttps?://[^/\\s\"'<>]+(/[^?#\\s\"'<>]*)"),
        QRegularExpression::CaseInsensitiveOption);
    matches.clear();
    it = urlPath.globalMatch(out);
    while (it.hasNext())
        matches.append(it.next());
    for (auto match = matches.crbegin(); match != matches.crend(); ++match) {
        QStringList segments = match->captured(1).split(QLatin1Char('/'));
        bool changed = false;
        for (QString &segment : segments) {
            if (segment != Redacted && UrlPolicy::looksLikeSecretPathSegment(segment)) {
                segment = Redacted;
                changed = true;
            }
        }
        if (changed)
            out.replace(match->capturedStart(1), match->capturedLength(1),
                        segments.join(QLatin1Char('/')));
    }
    return out;
}

QIcon DiagnosticsDialog::outcomeIcon(Trace::Outcome outcome) const
{
    switch (outcome) {
    case Trace::Outcome::Success:
        return style()->standardIcon(QStyle::SP_DialogApplyButton);
    case Trace::Outcome::Warning:
        return style()->standardIcon(QStyle::SP_MessageBoxWarning);
    case Trace::Outcome::Failure:
        return style()->standardIcon(QStyle::SP_MessageBoxCritical);
    case Trace::Outcome::Info:
        break;
    }
    return style()->standardIcon(QStyle::SP_MessageBoxInformation);
}

QString DiagnosticsDialog::outcomeText(Trace::Outcome outcome)
{
    switch (outcome) {
    case Trace::Outcome::Success:
        return tr("Succeeded");
    case Trace::Outcome::Warning:
        return tr("Warning");
    case Trace::Outcome::Failure:
        return tr("Failed");
    case Trace::Outcome::Info:
        break;
    }
    return tr("Note");
}

void DiagnosticsDialog::showEvent(QShowEvent *event)
{
    if (m_trace && m_trace->steps().size() != stepCount())
        rebuild();
    QDialog::showEvent(event);
}

void DiagnosticsDialog::onStepAdded(const Trace::Step &step)
{
    if (!m_trace)
        return;
    // Trace::clear() says nothing: a step count that does not add up means
    // the trace started over.
    if (m_trace->steps().size() != stepCount() + 1) {
        rebuild();
        return;
    }
    appendStep(step);
    m_traceText = m_trace->toText();
    updateState();
}

void DiagnosticsDialog::rebuild()
{
    m_ui->stepsTree->clear();
    m_traceText.clear();
    if (m_trace) {
        for (const Trace::Step &step : m_trace->steps())
            appendStep(step);
        m_traceText = m_trace->toText();
    }
    m_ui->copiedLabel->clear();
    updateState();
}

void DiagnosticsDialog::appendStep(const Trace::Step &step)
{
    auto *item = new QTreeWidgetItem(m_ui->stepsTree);
    const QString time = step.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    const QString outcome = outcomeText(step.outcome);
    item->setIcon(TimeColumn, outcomeIcon(step.outcome));
    item->setText(TimeColumn, time);
    item->setData(TimeColumn, OutcomeRole, static_cast<int>(step.outcome));
    item->setData(TimeColumn, Qt::AccessibleTextRole, tr("%1, %2").arg(outcome, time));
    item->setToolTip(TimeColumn, outcome);
    item->setText(WhatColumn, step.what);
    item->setToolTip(WhatColumn, plainToolTip(step.what));
    item->setText(DetailColumn, step.detail);
    item->setToolTip(DetailColumn, plainToolTip(step.detail));
    m_ui->stepsTree->scrollToItem(item);
}

void DiagnosticsDialog::showSelectedStep()
{
    const QTreeWidgetItem *item = m_ui->stepsTree->currentItem();
    m_ui->stepDetailLabel->setVisible(item != nullptr);
    if (!item)
        return;
    const auto outcome = static_cast<Trace::Outcome>(item->data(TimeColumn, OutcomeRole).toInt());
    QString text = tr("%1: %2").arg(outcomeText(outcome), item->text(WhatColumn));
    if (!item->text(DetailColumn).isEmpty())
        text += QLatin1Char('\n') + item->text(DetailColumn);
    m_ui->stepDetailLabel->setText(text);
}

void DiagnosticsDialog::updateState()
{
    const bool empty = stepCount() == 0;
    m_ui->stack->setCurrentWidget(empty ? m_ui->emptyPage : m_ui->stepsPage);
    m_ui->copyButton->setEnabled(!empty);
    if (empty)
        m_ui->stepDetailLabel->hide();
}

} // namespace Mcpa
