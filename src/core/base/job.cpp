#include "core/base/job.h"

#include <QMetaObject>

namespace Mcpa {

Job::Job(QObject *parent)
    : QObject(parent)
{ }

Job::~Job() = default;

void Job::start()
{
    if (m_state != State::Pending || m_startQueued)
        return;
    m_startQueued = true;
    QMetaObject::invokeMethod(this, &Job::run, Qt::QueuedConnection);
}

void Job::run()
{
    if (m_state != State::Pending) // cancelled before it began
        return;
    m_state = State::Running;
    doStart();
}

void Job::cancel()
{
    if (m_state == State::Finished)
        return;
    // The steps end without their handlers: this job decides its own end.
    const QList<QPointer<Job>> steps = m_steps;
    m_steps.clear();
    for (const QPointer<Job> &step : steps) {
        if (!step)
            continue;
        disconnect(step, nullptr, this, nullptr);
        step->cancel();
    }
    if (m_state == State::Running)
        doCancel();
    emitResult({ Error::Code::Cancelled, QStringLiteral("cancelled") });
}

void Job::emitResult(const Error &error)
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_error = error;
    QMetaObject::invokeMethod(this, &Job::deliver, Qt::QueuedConnection);
}

void Job::deliver()
{
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

void Job::setProgressText(const QString &text)
{
    if (m_progressText == text)
        return;
    m_progressText = text;
    Q_EMIT progressChanged(text);
}

QList<Job *> Job::runningSteps() const
{
    QList<Job *> steps;
    for (const QPointer<Job> &step : m_steps) {
        if (step && !step->isFinished())
            steps.append(step);
    }
    return steps;
}

void Job::addStep(Job *step, StepHandler handler)
{
    step->setParent(this);
    if (!step->trace())
        step->setTrace(m_trace);
    m_steps.append(step);
    connect(step, &Job::progressChanged, this, &Job::setProgressText);
    connect(step, &Job::finished, this,
            [this, handler = std::move(handler)](Job *done) { onStepFinished(done, handler); });
    step->start();
}

void Job::onStepFinished(Job *step, const StepHandler &handler)
{
    m_steps.removeAll(step);
    if (m_state == State::Finished) // ended meanwhile (a timeout, another step)
        return;
    handler(step);
}

} // namespace Mcpa
