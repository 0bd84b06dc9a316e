#include "logincommand.h"

#include "accountcontext.h"
#include "browseropener.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/accountstatus.h"
#include "core/base/clock.h"
#include "core/base/trace.h"
#include "core/store/serverregistry.h"

namespace Mcpa {

void LoginCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    addAccountOption(parser);
    parser.addOptions({
        { QStringLiteral("browser"),
          QStringLiteral(
              "system, print, none (no person: follow redirects) or a command that gets the URL."),
          QStringLiteral("mode"), QStringLiteral("system") },
        { QStringLiteral("timeout"),
          QStringLiteral("Seconds to wait for the sign-in (default 300)."),
          QStringLiteral("seconds"), QStringLiteral("300") },
        { QStringLiteral("verbose"),
          QStringLiteral("Print the step-by-step trace (redacted) on stderr.") },
    });
}

QString LoginCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return QStringLiteral("expected one NAME");
    m_server = parser.positionalArguments().first();
    m_label = parser.value(QStringLiteral("account"));
    m_browserMode = parser.value(QStringLiteral("browser"));
    const QString browserError = BrowserOpener::validate(m_browserMode);
    if (!browserError.isEmpty())
        return browserError;
    bool ok = false;
    m_timeoutSeconds = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || m_timeoutSeconds < 1 || m_timeoutSeconds > 3600)
        return QStringLiteral("--timeout takes a whole number of seconds from 1 to 3600");
    m_verbose = parser.isSet(QStringLiteral("verbose"));
    return {};
}

void LoginCommand::start()
{
    if (!openContext())
        return;
    AccountService *service = context()->service();
    service->setAuthorizationTimeout(std::chrono::seconds(m_timeoutSeconds));
    if (m_verbose) {
        connect(service->trace(m_server), &Trace::stepAdded, this, [this](const Trace::Step &step) {
            err() << step.what
                  << (step.detail.isEmpty() ? QString() : QStringLiteral(": ") + step.detail)
                  << Qt::endl;
        });
    }
    AccountOperation *operation = service->signIn(m_server, m_label);
    attachBrowser(operation, m_browserMode);
    whenDone(
        operation,
        [this, service] {
            const auto server = context()->registry()->server(m_server);
            const QString label = server ? AccountService::resolveLabel(*server, m_label) : m_label;
            const AccountRecord *account = server ? server->account(label) : nullptr;
            out() << "signed in to " << m_server << " (account " << label << ")";
            if (account && !account->email.isEmpty())
                out() << " as " << account->email;
            else if (account && !account->subject.isEmpty())
                out() << " as " << account->subject;
            out() << Qt::endl;
            // SEP-2207: never assume a refresh token; say when there is none.
            if (account && !account->hasRefreshToken)
                err() << AccountStatus::noRefreshTokenNotice(account->expiresAt,
                                                             service->clock()->now())
                      << Qt::endl;
            finish(ExitCode::Ok);
        },
        [this](const Error &error) { failWith(error); });
}

} // namespace Mcpa
