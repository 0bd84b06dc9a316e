#include "core/base/job.h"
#include "core/base/trace.h"
#include "jobrunner.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Mcpa;
using Mcpa::Test::runJob;

namespace {

/// Ends with a given error: at once inside doStart(), or after a timer.
class ScriptedJob : public Job
{
    Q_OBJECT
public:
    enum class Ending { InStart, Later, Never };

    ScriptedJob(Ending ending, Error error = {}, QObject *parent = nullptr)
        : Job(parent)
        , m_ending(ending)
        , m_result(std::move(error))
    { }

    int starts = 0;
    int cancels = 0;
    bool insideStart = false;

protected:
    void doStart() override
    {
        ++starts;
        insideStart = true;
        setProgressText(QStringLiteral("scripted step"));
        if (m_ending == Ending::InStart)
            emitResult(m_result);
        else if (m_ending == Ending::Later)
            QTimer::singleShot(1, this, [this] { emitResult(m_result); });
        insideStart = false;
    }
    void doCancel() override { ++cancels; }

private:
    Ending m_ending;
    Error m_result;
};

/// Two steps in a row; records which handlers ran.
class TwoStepJob : public Job
{
    Q_OBJECT
public:
    TwoStepJob(Error firstError, bool handleErrors, QObject *parent = nullptr)
        : Job(parent)
        , m_firstError(std::move(firstError))
        , m_handleErrors(handleErrors)
    { }

    QStringList handled;
    QPointer<ScriptedJob> first;
    QPointer<ScriptedJob> second;

protected:
    void doStart() override
    {
        first = new ScriptedJob(ScriptedJob::Ending::Later, m_firstError);
        if (m_handleErrors)
            runStepHandlingErrors(first.data(), &TwoStepJob::onFirstHandled);
        else
            runStep(first.data(), &TwoStepJob::onFirst);
    }

private:
    void onFirst(ScriptedJob *)
    {
        handled << QStringLiteral("first");
        second = new ScriptedJob(ScriptedJob::Ending::Never);
        runStep(second.data(), &TwoStepJob::onSecond);
    }
    void onFirstHandled(ScriptedJob *step)
    {
        handled << QStringLiteral("first:") + step->error().codeName();
        emitResult();
    }
    void onSecond(ScriptedJob *) { handled << QStringLiteral("second"); }

    Error m_firstError;
    bool m_handleErrors;
};

} // namespace

class TestJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startIsQueued();
    void finishedOnceAsynchronouslyThenDeleted_data();
    void finishedOnceAsynchronouslyThenDeleted();
    void laterResultsAreIgnored();
    void secondStartDoesNothing();
    void cancelBeforeTheStart();
    void cancelWhileRunningCancelsTheSteps();
    void cancelAfterTheEndChangesNothing();
    void stepFailureEndsTheParent();
    void stepErrorsCanBeHandled();
    void stepsShareTraceAndProgress();
    void withoutAutoDeleteTheOwnerKeepsTheJob();
};

void TestJob::startIsQueued()
{
    auto *job = new ScriptedJob(ScriptedJob::Ending::InStart);
    job->start();
    QCOMPARE(job->starts, 0);
    QCOMPARE(job->state(), Job::State::Pending);
    const auto outcome = runJob(job);
    QVERIFY(outcome.finished);
}

void TestJob::finishedOnceAsynchronouslyThenDeleted_data()
{
    QTest::addColumn<int>("ending");
    QTest::addColumn<int>("code");
    QTest::addRow("success inside doStart")
        << int(ScriptedJob::Ending::InStart) << int(Error::Code::None);
    QTest::addRow("failure inside doStart")
        << int(ScriptedJob::Ending::InStart) << int(Error::Code::Timeout);
    QTest::addRow("success later") << int(ScriptedJob::Ending::Later) << int(Error::Code::None);
    QTest::addRow("failure later")
        << int(ScriptedJob::Ending::Later) << int(Error::Code::InvalidGrant);
}

void TestJob::finishedOnceAsynchronouslyThenDeleted()
{
    QFETCH(int, ending);
    QFETCH(int, code);
    const Error error(Error::Code(code), code ? QStringLiteral("scripted") : QString());
    auto *job = new ScriptedJob(ScriptedJob::Ending(ending), error);
    bool emittedInsideStart = false;
    connect(job, &Job::finished, this, [&] { emittedInsideStart = job->insideStart; });
    const auto outcome = runJob(job);
    QVERIFY(outcome.finished);
    QCOMPARE(outcome.finishedSignals, 1);
    QVERIFY(!emittedInsideStart);
    QCOMPARE(outcome.error.code(), Error::Code(code));
    QVERIFY(outcome.deleted);
}

void TestJob::laterResultsAreIgnored()
{
    class TwiceJob : public Job
    {
    protected:
        void doStart() override
        {
            emitResult({ Error::Code::Timeout, QStringLiteral("first") });
            emitResult();
        }
    };
    const auto outcome = runJob(new TwiceJob);
    QCOMPARE(outcome.finishedSignals, 1);
    QCOMPARE(outcome.error.code(), Error::Code::Timeout);
}

void TestJob::secondStartDoesNothing()
{
    auto *job = new ScriptedJob(ScriptedJob::Ending::Later);
    job->start();
    job->start();
    QPointer<ScriptedJob> guard(job);
    int starts = 0;
    connect(job, &Job::finished, this, [&] { starts = job->starts; });
    const auto outcome = runJob(job);
    QCOMPARE(outcome.finishedSignals, 1);
    QCOMPARE(starts, 1);
}

void TestJob::cancelBeforeTheStart()
{
    auto *job = new ScriptedJob(ScriptedJob::Ending::InStart);
    QSignalSpy finished(job, &Job::finished);
    job->start();
    job->cancel();
    QCOMPARE(finished.count(), 0); // never synchronously
    QVERIFY(job->isFinished());
    int starts = -1;
    int cancels = -1;
    connect(job, &Job::finished, this, [&] {
        starts = job->starts;
        cancels = job->cancels;
    });
    const auto outcome = runJob(job);
    QCOMPARE(outcome.finishedSignals, 1);
    QCOMPARE(outcome.error.code(), Error::Code::Cancelled);
    QCOMPARE(starts, 0);
    QCOMPARE(cancels, 0); // nothing had begun that needed stopping
}

void TestJob::cancelWhileRunningCancelsTheSteps()
{
    auto *job = new TwoStepJob({}, false);
    job->setAutoDelete(false);
    job->start();
    QTRY_VERIFY(job->second);
    QPointer<ScriptedJob> second = job->second;
    QCOMPARE(job->runningSteps().size(), 1);
    QSignalSpy stepFinished(second.data(), &Job::finished);
    job->cancel();
    QCOMPARE(second->error().code(), Error::Code::Cancelled);
    QCOMPARE(second->cancels, 1);
    const auto outcome = runJob(job);
    QCOMPARE(outcome.error.code(), Error::Code::Cancelled);
    QCOMPARE(job->handled, QStringList { QStringLiteral("first") }); // onSecond never ran
    QTRY_VERIFY(second.isNull()); // the cancelled step still cleans itself up
    QCOMPARE(stepFinished.count(), 1);
    delete job;
}

void TestJob::cancelAfterTheEndChangesNothing()
{
    auto *job = new ScriptedJob(ScriptedJob::Ending::InStart, { Error::Code::Timeout, {} });
    job->setAutoDelete(false);
    const auto outcome = runJob(job);
    job->cancel();
    QTest::qWait(0);
    QCOMPARE(outcome.error.code(), Error::Code::Timeout);
    QCOMPARE(job->error().code(), Error::Code::Timeout);
    QCOMPARE(job->cancels, 0);
    delete job;
}

void TestJob::stepFailureEndsTheParent()
{
    auto *job = new TwoStepJob({ Error::Code::InvalidClient, QStringLiteral("step") }, false);
    job->setAutoDelete(false);
    const auto outcome = runJob(job);
    QCOMPARE(outcome.finishedSignals, 1);
    QCOMPARE(outcome.error.code(), Error::Code::InvalidClient);
    QCOMPARE(outcome.error.detail(), QStringLiteral("step"));
    QVERIFY(job->handled.isEmpty());
    QVERIFY(!job->second);
    QTRY_VERIFY(job->first.isNull()); // the step deleted itself
    delete job;
}

void TestJob::stepErrorsCanBeHandled()
{
    auto *job = new TwoStepJob({ Error::Code::InvalidClient, {} }, true);
    job->setAutoDelete(false);
    const auto outcome = runJob(job);
    QVERIFY(!outcome.error);
    QCOMPARE(job->handled, QStringList { QStringLiteral("first:invalid-client") });
    delete job;
}

void TestJob::stepsShareTraceAndProgress()
{
    Trace trace;
    auto *job = new TwoStepJob({}, false);
    QPointer<TwoStepJob> guard(job);
    job->setTrace(&trace);
    QSignalSpy progress(job, &Job::progressChanged);
    job->start();
    QTRY_VERIFY(job->second);
    QCOMPARE(job->second->trace(), &trace);
    QCOMPARE(job->progressText(), QStringLiteral("scripted step"));
    QVERIFY(progress.count() >= 1);
    job->cancel();
    QTRY_VERIFY(guard.isNull());
}

void TestJob::withoutAutoDeleteTheOwnerKeepsTheJob()
{
    auto *job = new ScriptedJob(ScriptedJob::Ending::Later);
    job->setAutoDelete(false);
    const auto outcome = runJob(job);
    QVERIFY(outcome.finished);
    QVERIFY(!outcome.deleted);
    QTest::qWait(0);
    QCOMPARE(job->state(), Job::State::Finished);
    delete job;
}

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
