#pragma once

#include "core/oauth/headlessuseragent.h"

#include <QObject>
#include <QUrl>
#include <QUrlQuery>

/// Test glue: answers authorizeWithBrowser(url) with the core's headless
/// user agent, for the test servers' auto-approving authorization pages.
class HeadlessBrowser : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    template<typename Flow> void attach(Flow *flow)
    {
        connect(flow, &Flow::authorizeWithBrowser, this, &HeadlessBrowser::open);
    }

    void open(const QUrl &url)
    {
        ++opened;
        const QUrl redirect(
            QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        auto *agent = new Mcpa::HeadlessUserAgent(url, redirect, this);
        connect(agent, &Mcpa::Job::finished, this, [this](Mcpa::Job *job) {
            if (job->error())
                lastError = job->error();
        });
        agent->start();
    }

    int opened = 0;
    Mcpa::Error lastError;
};
