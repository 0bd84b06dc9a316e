#pragma once

#include <QDateTime>

namespace Mcpa {

/// The time source for expiry logic; tests inject their own so that no
/// test has to sleep.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }

    /// The process-wide real clock (stateless, so sharing it is harmless).
    static const Clock *system();
};

/// A clock that stands still until told to move.
class ManualClock : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc())
        : m_now(std::move(start))
    { }
    QDateTime now() const override { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void set(const QDateTime &now) { m_now = now; }

private:
    QDateTime m_now;
};

} // namespace Mcpa
