#include "core/accounts/accountoperation.h"

#include <QTimer>

namespace Mcpa {

AccountOperation::AccountOperation(QObject *parent)
    : QObject(parent)
{ }

void AccountOperation::cancel()
{
    if (m_state != State::Running)
        return;
    if (m_cancel)
        m_cancel();
    else
        fail({ Error::Code::Cancelled, QStringLiteral("cancelled") });
}

void AccountOperation::succeed()
{
    if (m_state != State::Running)
        return;
    m_state = State::Succeeded;
    QTimer::singleShot(0, this, [this] {
        Q_EMIT succeeded();
        deleteLater();
    });
}

void AccountOperation::fail(const Error &error)
{
    if (m_state != State::Running)
        return;
    m_state = State::Failed;
    QTimer::singleShot(0, this, [this, error] {
        Q_EMIT failed(error);
        deleteLater();
    });
}

} // namespace Mcpa
