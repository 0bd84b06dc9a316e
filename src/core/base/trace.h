#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace Mcpa {

/// A step-by-step record of one discovery / sign-in / refresh, for
/// `--verbose` and the GUI's sign-in diagnostics. Every entry is written
/// to be shown to a person and pasted into a bug report: callers pass URLs
/// through url() (query and user info removed) and never pass token values,
/// codes, verifiers, secrets or response bodies.
class Trace : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Info, Success, Warning, Failure };
    Q_ENUM(Outcome)

    struct Step
    {
        QDateTime time;
        Outcome outcome = Outcome::Info;
        QString what; ///< "GET protected resource metadata"
        QString detail; ///< "HTTP 200 from http://host/.well-known/...", "issuer matches"
    };

    explicit Trace(QObject *parent = nullptr);

    void add(Outcome outcome, const QString &what, const QString &detail = {});
    void info(const QString &what, const QString &detail = {}) { add(Outcome::Info, what, detail); }
    void success(const QString &what, const QString &detail = {})
    {
        add(Outcome::Success, what, detail);
    }
    void warning(const QString &what, const QString &detail = {})
    {
        add(Outcome::Warning, what, detail);
    }
    void failure(const QString &what, const QString &detail = {})
    {
        add(Outcome::Failure, what, detail);
    }

    const QList<Step> &steps() const { return m_steps; }
    void clear();

    /// Plain text, one line per step: "12:00:01.123 [ok] what: detail".
    QString toText() const;

    /// A URL made safe for the trace (no query, fragment or user info).
    static QString url(const QUrl &url);

Q_SIGNALS:
    void stepAdded(const Mcpa::Trace::Step &step);

private:
    QList<Step> m_steps;
};

/// Adds to a trace that may be absent.
inline void traceStep(Trace *trace, Trace::Outcome outcome, const QString &what,
                      const QString &detail = {})
{
    if (trace)
        trace->add(outcome, what, detail);
}

} // namespace Mcpa
