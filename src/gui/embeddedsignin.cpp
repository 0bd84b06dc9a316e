#include "gui/embeddedsignin.h"

#include "core/base/error.h"
#include "gui/signintext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace Mcpa {

namespace {

const char helperName[] = "mcp-accounts-signin";

bool isProgram(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

QProcessEnvironment EmbeddedSignIn::helperEnvironment(const QProcessEnvironment &app)
{
    QProcessEnvironment environment = app;
    environment.remove(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"));
    const QString flagsName = QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS");
    if (environment.contains(flagsName)) {
        static const QLatin1String devToolsFlags[] = {
            QLatin1String("--remote-debugging"),
            QLatin1String("--remote-allow-origins"),
            QLatin1String("--auto-open-devtools-for-tabs"),
        };
        QStringList kept;
        const QStringList flags
            = environment.value(flagsName).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &flag : flags) {
            bool devTools = false;
            for (const QLatin1String &prefix : devToolsFlags)
                devTools = devTools || flag.startsWith(prefix);
            if (!devTools)
                kept.append(flag);
        }
        if (kept.isEmpty())
            environment.remove(flagsName);
        else
            environment.insert(flagsName, kept.join(QLatin1Char(' ')));
    }
    const QString switchName = QStringLiteral("MCP_ACCOUNTS_SIGNIN_DEVTOOLS");
    const QString devTools = environment.value(switchName);
    environment.remove(switchName);
    static const QRegularExpression loopbackPort(QStringLiteral("^127\\.0\\.0\\.1:[0-9]{1,5}$"));
    if (loopbackPort.match(devTools).hasMatch())
        environment.insert(QStringLiteral("QTWEBENGINE_REMOTE_DEBUGGING"), devTools);
    return environment;
}

EmbeddedSignIn::EmbeddedSignIn(QObject *parent)
    : QObject(parent)
    , m_program(findHelper())
{
    m_exitTimeout.setSingleShot(true);
    m_exitTimeout.setInterval(5000);
    connect(&m_exitTimeout, &QTimer::timeout, &m_process, &QProcess::kill);

    // No arguments and nothing secret in the environment: the URL goes over stdin.
    if (qEnvironmentVariableIsSet("MCP_ACCOUNTS_SIGNIN_LOG"))
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    else
        m_process.setStandardErrorFile(QProcess::nullDevice());
    connect(&m_process, &QProcess::started, this, &EmbeddedSignIn::onStarted);
    connect(&m_process, &QProcess::errorOccurred, this, &EmbeddedSignIn::onErrorOccurred);
    connect(&m_process, &QProcess::finished, this, &EmbeddedSignIn::onFinished);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &EmbeddedSignIn::onReadyRead);
}

EmbeddedSignIn::~EmbeddedSignIn()
{
    m_process.disconnect(this);
    if (m_process.state() == QProcess::NotRunning)
        return;
    if (m_process.state() == QProcess::Running) {
        m_process.write(SignInProtocol::finishCommand());
        m_process.closeWriteChannel();
        if (m_process.waitForFinished(m_exitTimeout.interval()))
            return;
    }
    m_process.kill();
    m_process.waitForFinished(1000);
}

QString EmbeddedSignIn::findHelper()
{
    const QString override = qEnvironmentVariable("MCP_ACCOUNTS_SIGNIN_HELPER");
    if (!override.isEmpty())
        return isProgram(override) ? override : QString();
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QString name = QString::fromLatin1(helperName);
    // Next to the app (the build tree), then where the package installs it.
    for (const QString &path :
         { appDir.filePath(name),
           QDir::cleanPath(appDir.filePath(QStringLiteral(MCPA_SIGNIN_HELPER_RELATIVE_DIR)
                                           + QLatin1Char('/') + name)) }) {
        if (isProgram(path))
            return path;
    }
    return {};
}

void EmbeddedSignIn::openAuthorizationPage(const QUrl &authorizationUrl)
{
    if (m_phase != Phase::Idle)
        return;
    m_url = authorizationUrl;
    m_phase = Phase::Running;
    if (m_program.isEmpty() || !isProgram(m_program)) {
        // Later, not now: this runs inside the flow's authorizeWithBrowser().
        QMetaObject::invokeMethod(
            this,
            [this] {
                fail(tr("The window for signing in inside the app could not be found "
                        "(mcp-accounts-signin is missing). Sign in with the system web browser "
                        "instead: choose it under Settings, \"Sign in with\"."));
                close();
            },
            Qt::QueuedConnection);
        return;
    }
    m_process.setProcessEnvironment(helperEnvironment(QProcessEnvironment::systemEnvironment()));
    m_process.start(m_program, {}, QIODevice::ReadWrite);
}

void EmbeddedSignIn::showError(const Error &error)
{
    if (m_phase != Phase::Running)
        return;
    m_errorShown = true;
    const SignInText::Description description = SignInText::describe(error);
    send(SignInProtocol::errorCommand(description.title, description.text,
                                      SignInText::severityName(description.severity)));
}

void EmbeddedSignIn::finish()
{
    if (m_phase == Phase::Idle) {
        m_phase = Phase::Ending;
        QMetaObject::invokeMethod(this, &EmbeddedSignIn::close, Qt::QueuedConnection);
        return;
    }
    if (m_phase != Phase::Running)
        return;
    m_phase = Phase::Ending;
    if (m_process.state() == QProcess::Running) {
        send(SignInProtocol::finishCommand());
        m_process.closeWriteChannel();
    } // still starting: onStarted() closes its input instead
    m_exitTimeout.start();
}

qint64 EmbeddedSignIn::processId() const
{
    return m_process.state() == QProcess::NotRunning ? 0 : m_process.processId();
}

void EmbeddedSignIn::onStarted()
{
    if (m_phase != Phase::Running) {
        m_process.closeWriteChannel();
        return;
    }
    send(SignInProtocol::openCommand(m_url, m_title, m_language));
}

void EmbeddedSignIn::onErrorOccurred(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // a crash ends in onFinished()
    m_exitTimeout.stop();
    if (m_phase == Phase::Running && !m_errorShown)
        fail(tr("The window for signing in inside the app could not be started. Sign in with "
                "the system web browser instead: choose it under Settings, \"Sign in with\"."));
    close();
}

void EmbeddedSignIn::onFinished()
{
    m_exitTimeout.stop();
    onReadyRead(); // events written just before the end
    if (m_phase == Phase::Running && !m_errorShown)
        fail(tr("The sign-in window closed unexpectedly. Sign in again, or sign in with the "
                "system web browser: choose it under Settings, \"Sign in with\"."));
    close();
}

void EmbeddedSignIn::onReadyRead()
{
    const QList<QJsonObject> messages = m_protocol.feed(m_process.readAllStandardOutput());
    for (const QJsonObject &message : messages) {
        const QString event = message.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("loaded")) {
            Q_EMIT pageLoaded(message.value(QStringLiteral("ok")).toBool());
        } else if (event == QLatin1String("cancelled")) {
            if (m_phase != Phase::Running)
                continue;
            m_phase = Phase::Ending;
            m_exitTimeout.start();
            Q_EMIT cancelled();
        } else if (event == QLatin1String("closed")) {
            // After an error (Close) or finish(): the helper exits by itself.
            // Closed while the sign-in runs, without a word: that is a cancel.
            const bool unannounced = m_phase == Phase::Running && !m_errorShown;
            if (m_phase == Phase::Running)
                m_phase = Phase::Ending;
            if (m_process.state() == QProcess::Running)
                m_process.closeWriteChannel();
            if (!m_exitTimeout.isActive())
                m_exitTimeout.start();
            if (unannounced)
                Q_EMIT cancelled();
        }
    }
}

void EmbeddedSignIn::send(const QByteArray &line)
{
    if (m_process.state() == QProcess::Running)
        m_process.write(line);
}

void EmbeddedSignIn::fail(const QString &message)
{
    m_phase = Phase::Ending;
    Q_EMIT failed(message);
}

void EmbeddedSignIn::close()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    Q_EMIT closed();
}

} // namespace Mcpa
