#include "browseropener.h"

#include "core/base/error.h"
#include "core/base/trace.h"
#include "core/oauth/headlessuseragent.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QUrlQuery>

#include <cstdio>

namespace Mcpa {

BrowserOpener::BrowserOpener(QString mode, Mcpa::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_mode(std::move(mode))
    , m_trace(trace)
{ }

QString BrowserOpener::validate(const QString &mode)
{
    if (mode == QLatin1String("system") || mode == QLatin1String("print")
        || mode == QLatin1String("none"))
        return {};
    const QStringList command = QProcess::splitCommand(mode);
    if (command.isEmpty())
        return QStringLiteral("--browser needs system, print, none or a command");
    if (QStandardPaths::findExecutable(command.first()).isEmpty()
        && !QFile::exists(command.first()))
        return QStringLiteral("--browser: no program \"%1\"").arg(command.first());
    return {};
}

void BrowserOpener::open(const QUrl &url)
{
    const QUrl redirectUri(
        QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    const QString text = url.toString(QUrl::FullyEncoded);
    if (m_mode == QLatin1String("none")) {
        auto *agent = new Mcpa::HeadlessUserAgent(url, redirectUri, this);
        agent->setTrace(m_trace);
        connect(agent, &Mcpa::Job::finished, this, [this](Mcpa::Job *job) {
            if (job->error())
                Q_EMIT failed(job->error());
        });
        agent->start();
        return;
    }
    QTextStream err(stderr);
    if (m_mode == QLatin1String("print")) {
        err << "Open this address in a browser to sign in:\n\n  " << text
            << "\n\nWaiting for the sign-in" << Qt::endl;
        return;
    }
    QString program;
    QStringList arguments;
    if (m_mode == QLatin1String("system")) {
        program = QStringLiteral("xdg-open");
    } else {
        arguments = QProcess::splitCommand(m_mode);
        program = arguments.takeFirst();
    }
    arguments.append(text);
    if (!QProcess::startDetached(program, arguments)) {
        err << "Could not start " << program << "; open this address in a browser:\n\n  " << text
            << Qt::endl;
        return;
    }
    err << "Opened the sign-in page in the browser; waiting for the sign-in" << Qt::endl;
}

} // namespace Mcpa
