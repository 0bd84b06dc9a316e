#include "core/tokenclient.h"

#include <QTimer>

namespace Mcpa {

TokenRequest::TokenRequest(QObject *parent)
    : QObject(parent)
{
}

void TokenRequest::finishWith(const TokenSet &tokens)
{
    if (m_state != State::Running)
        return;
    m_state = State::Succeeded;
    QTimer::singleShot(0, this, [this, tokens] {
        Q_EMIT succeeded(tokens);
        deleteLater();
    });
}

void TokenRequest::failWith(const Error &error)
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
