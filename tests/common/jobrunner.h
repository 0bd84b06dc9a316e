#pragma once

#include "core/base/job.h"

#include <QObject>
#include <QPointer>
#include <QTest>

#include <memory>
#include <type_traits>
#include <utility>

namespace Mcpa::Test {

/// What one job ended with, as its owner saw it.
template<typename Value> struct JobOutcome
{
    bool finished = false; ///< finished() arrived within the wait
    int finishedSignals = 0; ///< how often finished() arrived (must be 1)
    bool deleted = false; ///< the job deleted itself afterwards
    Error error;
    Value value {}; ///< what the reader took from the job when it finished
};

/// Starts @p job (a pending job; a started one is just waited for) and waits
/// until it has finished and, when it auto-deletes, is gone. @p read takes the
/// typed result from the job inside finished(), while it still exists.
template<typename JobType, typename Reader>
auto runJob(JobType *job, Reader read, int timeoutMs = 30000)
{
    using Value = std::decay_t<decltype(read(job))>;
    auto outcome = std::make_shared<JobOutcome<Value>>();
    const bool autoDelete = job->autoDelete();
    QPointer<JobType> guard(job);
    QObject::connect(job, &Job::finished, job, [outcome, job, read](Job *) {
        ++outcome->finishedSignals;
        outcome->finished = true;
        outcome->error = job->error();
        outcome->value = read(job);
    });
    job->start();
    const bool ended = QTest::qWaitFor(
        [&] { return outcome->finished && (!autoDelete || guard.isNull()); }, timeoutMs);
    if (!ended && !outcome->finished)
        outcome->error = Error(Error::Code::Internal, QStringLiteral("the job never finished"));
    outcome->deleted = guard.isNull();
    QTest::qWait(0); // a second finished() would be queued by now
    return *outcome;
}

/// runJob() for a job whose result is its error alone.
template<typename JobType> JobOutcome<bool> runJob(JobType *job, int timeoutMs = 30000)
{
    return runJob(
        job, [](JobType *) { return true; }, timeoutMs);
}

} // namespace Mcpa::Test
