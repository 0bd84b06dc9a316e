#pragma once

// A SignInFlow's end as two signals, for tests that wire a flow to a dialog
// or spy on its success and failure apart.

#include "core/oauth/signinflow.h"

#include <QObject>

namespace Mcpa::Test {

/// Relays @p flow's finished() as succeeded(result) or failed(error), from
/// inside finished(). A child of the flow.
class SignInSignals : public QObject
{
    Q_OBJECT
public:
    explicit SignInSignals(SignInFlow *flow)
        : QObject(flow)
    {
        connect(flow, &Job::finished, this, [this, flow] {
            if (flow->error())
                Q_EMIT failed(flow->error());
            else
                Q_EMIT succeeded(flow->result());
        });
    }

Q_SIGNALS:
    void succeeded(const Mcpa::SignInResult &result);
    void failed(const Mcpa::Error &error);
};

} // namespace Mcpa::Test
