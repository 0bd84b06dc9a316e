#pragma once

#include "core/base/error.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace Mcpa {

class Trace;

/// The one shape of every asynchronous step of the core (after KDE's KJob /
/// KCompositeJob and QKeychain::Job): a network request, a keychain call, a
/// sign-in made of many of them.
///
///   owner                 job                          step (a sub-job)
///     | start() ----------->|                              |
///     |                     |-- (next event-loop turn) --> doStart()
///     |                     |-- runStep(step, &onDone) --->| start()
///     |                     |<---------- finished(step) ---|
///     |                     |   step failed: emitResult(step->error())
///     |                     |   else onDone(step) ... emitResult()
///     |<-- finished(job) ---|   (queued, exactly once; then deleteLater)
///
/// Rules every job keeps:
/// - start() only queues: the work begins on the next event-loop turn, so
///   connecting after start() is fine. A second start() does nothing.
/// - finished() is emitted exactly once, never from inside start(), cancel()
///   or emitResult() (always queued), whether the job succeeded, failed or was
///   cancelled. error() says which; results live on the typed subclass.
/// - emitResult() (protected) is the only way to end a job; the first call
///   wins, later ones are ignored.
/// - cancel() stops the running steps, calls doCancel() and ends the job with
///   Error::Code::Cancelled unless doCancel() ended it otherwise.
/// - Auto-delete is on: the job deletes itself after finished(). A holder that
///   reads the result later turns it off and owns the job.
class Job : public QObject
{
    Q_OBJECT
public:
    enum class State { Pending, Running, Finished };
    Q_ENUM(State)

    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    /// Queues the job's start for the next event-loop turn.
    void start();
    /// Ends the job as cancelled (see the class comment); does nothing when
    /// it has already ended.
    void cancel();

    State state() const { return m_state; }
    bool isFinished() const { return m_state == State::Finished; }
    /// The job's outcome once it has ended; no error while it runs.
    Error error() const { return m_error; }

    /// The redacted step-by-step record this job (and its steps) write to;
    /// may be null. Not owned.
    Trace *trace() const { return m_trace; }
    void setTrace(Trace *trace) { m_trace = trace; }

    /// What the job is doing now, in plain untranslated words ("Asking the
    /// server how to sign in"), for a progress line.
    QString progressText() const { return m_progressText; }

    /// The steps (sub-jobs) that are running now.
    QList<Job *> runningSteps() const;

    bool autoDelete() const { return m_autoDelete; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

Q_SIGNALS:
    /// Emitted exactly once, asynchronously, when the job has ended.
    void finished(Mcpa::Job *job);
    void progressChanged(const QString &text);

protected:
    /// The job's work; called once, on the event-loop turn after start().
    virtual void doStart() = 0;
    /// Called by cancel() before the job ends as cancelled: stop timers,
    /// abort what is not a step. The running steps are cancelled already.
    virtual void doCancel() { }

    /// Ends the job with @p error (none = success). The first call wins.
    void emitResult(const Error &error = {});

    void setProgressText(const QString &text);

    /// Runs @p step as a part of this job: this job becomes its parent, it
    /// gets this job's trace unless it has one, its progress text becomes this
    /// job's, it is started, and when it ends @p onSuccess is called with it,
    /// unless it failed: then this job ends with the step's error. Cancelling
    /// this job cancels the step (and no handler runs).
    template<typename Owner, typename Step>
    void runStep(Step *step, void (Owner::*onSuccess)(Step *))
    {
        addStep(step, [this, onSuccess](Job *done) {
            if (done->error()) {
                emitResult(done->error());
                return;
            }
            (static_cast<Owner *>(this)->*onSuccess)(static_cast<Step *>(done));
        });
    }

    /// Like runStep() above, for a step whose failure this job handles
    /// itself: @p onFinished is called with the step whatever its outcome.
    template<typename Owner, typename Step>
    void runStepHandlingErrors(Step *step, void (Owner::*onFinished)(Step *))
    {
        addStep(step, [this, onFinished](Job *done) {
            (static_cast<Owner *>(this)->*onFinished)(static_cast<Step *>(done));
        });
    }

private:
    using StepHandler = std::function<void(Job *)>;
    void addStep(Job *step, StepHandler handler);
    void onStepFinished(Job *step, const StepHandler &handler);
    void run();
    void deliver();

    State m_state = State::Pending;
    Error m_error;
    Trace *m_trace = nullptr;
    QString m_progressText;
    bool m_autoDelete = true;
    bool m_startQueued = false;
    QList<QPointer<Job>> m_steps;
};

} // namespace Mcpa
