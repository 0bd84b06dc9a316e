#pragma once

#include "core/base/trace.h"

#include <QDialog>
#include <QIcon>
#include <QPointer>
#include <QString>

class QTreeWidgetItem;

namespace Ui {
class DiagnosticsDialog;
}

namespace Mcpa {

/// Sign-in diagnostics: the steps of the last discovery / sign-in / refresh
/// of one server, each with a status icon, its time, what was done and what
/// came of it. The dialog follows the Trace live (steps added while it is
/// open appear at once) and "Copy for a bug report" puts the trace text, with
/// a header naming the app and Qt versions, on the clipboard.
///
/// The trace is already free of secrets (see Trace); the copied text still
/// goes through redactSecrets() as a last guard.
class DiagnosticsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DiagnosticsDialog(QWidget *parent = nullptr);
    ~DiagnosticsDialog() override;

    /// Shows @p trace and follows its stepAdded(). nullptr, or a trace
    /// without steps, shows "No sign-in attempt yet". The dialog does not own
    /// the trace; when it is destroyed the steps shown so far stay.
    void setTrace(Mcpa::Trace *trace);
    Mcpa::Trace *trace() const { return m_trace; }

    /// Names the server in the window title and the report.
    void setServerName(const QString &name);

    /// Number of steps shown.
    int stepCount() const;
    /// What "Copy for a bug report" copies: header + Trace::toText(), redacted.
    QString reportText() const;
    /// Copies reportText() to the clipboard.
    void copyReport();

    /// Replaces anything that looks like a credential with "[redacted]":
    /// `access_token=`, `refresh_token=`, `id_token=`, `code=`,
    /// `code_verifier=`, `client_secret=`, `token=`, `password=` parameters,
    /// the same names as JSON members, and `Bearer`/`Basic` credentials.
    static QString redactSecrets(const QString &text);
    /// The standard icon shown for a step's outcome.
    QIcon outcomeIcon(Mcpa::Trace::Outcome outcome) const;

protected:
    /// Catches up with a trace that was cleared while the dialog was hidden.
    void showEvent(QShowEvent *event) override;

private:
    void onStepAdded(const Mcpa::Trace::Step &step);
    void rebuild();
    void appendStep(const Mcpa::Trace::Step &step);
    void showSelectedStep();
    void updateState();
    static QString outcomeText(Mcpa::Trace::Outcome outcome);

    Ui::DiagnosticsDialog *m_ui;
    QPointer<Trace> m_trace;
    QString m_serverName;
    QString m_traceText; ///< Trace::toText() as of the last step: kept if the trace goes away
};

} // namespace Mcpa
