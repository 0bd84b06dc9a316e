#include "statuscommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/statuschecker.h"
#include "core/base/clock.h"
#include "core/store/serverregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

namespace {

QString relative(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = qAbs(seconds);
    QString amount;
    if (magnitude < 120)
        amount = QStringLiteral("%1 s").arg(magnitude);
    else if (magnitude < 7200)
        amount = QStringLiteral("%1 min").arg(magnitude / 60);
    else if (magnitude < 172800)
        amount = QStringLiteral("%1 h").arg(magnitude / 3600);
    else
        amount = QStringLiteral("%1 days").arg(magnitude / 86400);
    if (seconds >= 0)
        return QStringLiteral("expires in ") + amount;
    return QStringLiteral("expired ") + amount + QStringLiteral(" ago");
}

} // namespace

StatusCommand::StatusCommand(Mode mode, QObject *parent)
    : AccountCommand(parent)
    , m_mode(mode)
{ }

QString StatusCommand::name() const
{
    return m_mode == Mode::List ? QStringLiteral("list") : QStringLiteral("status");
}

QString StatusCommand::summary() const
{
    return m_mode == Mode::List
        ? QStringLiteral(
            "Lists the servers and accounts from the config file (no network, no keychain).")
        : QStringLiteral(
            "Shows each server's sign-in status, checking the servers (no tokens are sent).\n"
            "Exit codes: 0 every account usable, 4 an account needs sign-in, 3 a server is "
            "unreachable.");
}

void StatusCommand::addOptions(QCommandLineParser &parser)
{
    if (m_mode == Mode::Status) {
        parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Only this server."),
                                     QStringLiteral("[name]"));
        parser.addOption(
            { QStringLiteral("offline"), QStringLiteral("Only what the config file says.") });
    }
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
}

QString StatusCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > (m_mode == Mode::Status ? 1 : 0))
        return QStringLiteral("too many arguments");
    m_server = positional.value(0);
    m_json = parser.isSet(QStringLiteral("json"));
    m_offline = m_mode == Mode::List || parser.isSet(QStringLiteral("offline"));
    return {};
}

void StatusCommand::start()
{
    if (!openContext())
        return;
    if (!m_server.isEmpty() && !context()->registry()->server(m_server)) {
        failWith(
            { Error::Code::UnknownServer, QStringLiteral("no server named \"%1\"").arg(m_server) });
        return;
    }
    if (m_offline) {
        report();
        return;
    }
    QList<StatusChecker::Target> targets;
    const QList<ServerRecord> servers = context()->registry()->servers();
    for (const ServerRecord &server : servers) {
        if (m_server.isEmpty() || server.id == m_server)
            targets.append({ server.id, server.mcpUrl });
    }
    auto *checker = new StatusChecker(context()->http(), targets, this);
    connect(checker, &Job::finished, this, [this, checker] {
        m_probes = checker->results();
        report();
    });
    checker->start();
}

void StatusCommand::report()
{
    const QDateTime now = Clock::system()->now();
    QJsonArray rows;
    bool needsSignIn = false;
    bool unreachable = false;
    const QList<ServerRecord> servers = context()->registry()->servers();
    if (servers.isEmpty() && !m_json)
        out() << "No servers yet. Add one with: mcp-accounts-cli add NAME URL" << Qt::endl;
    for (const ServerRecord &server : servers) {
        if (!m_server.isEmpty() && server.id != m_server)
            continue;
        QList<const AccountRecord *> accounts;
        for (const AccountRecord &account : server.accounts)
            accounts.append(&account);
        if (accounts.isEmpty())
            accounts.append(nullptr);
        for (const AccountRecord *account : std::as_const(accounts)) {
            AccountStatus status = AccountStatus::fromRecord(account, now);
            if (m_probes.contains(server.id))
                status = AccountStatus::refine(status, m_probes.value(server.id));
            needsSignIn |= status.kind == AccountStatus::Kind::NeedsSignIn
                || (m_mode == Mode::Status && status.kind == AccountStatus::Kind::SignedOut);
            unreachable |= status.kind == AccountStatus::Kind::Unreachable;
            QString detail;
            if (status.kind == AccountStatus::Kind::SignedIn && status.expiresAt.isValid())
                detail = relative(status.expiresAt, now)
                    + (status.refreshDue ? QStringLiteral(" (will refresh)") : QString())
                    + (status.noRefreshToken ? QStringLiteral(", no refresh token") : QString());
            if (!status.reason.isEmpty())
                detail = status.reason;
            if (account && !account->email.isEmpty())
                detail += QStringLiteral(" [") + account->email + QLatin1Char(']');
            const QString label = account ? account->label : QStringLiteral("-");
            if (m_json) {
                QJsonObject row {
                    { QLatin1String("name"), server.id },
                    { QLatin1String("url"), server.mcpUrl.toString() },
                    { QLatin1String("account"), account ? account->label : QString() },
                    { QLatin1String("default"),
                      account && AccountService::resolveLabel(server, {}) == account->label },
                    { QLatin1String("status"), status.kindName() },
                    { QLatin1String("detail"), detail.trimmed() }
                };
                if (status.expiresAt.isValid())
                    row.insert(QLatin1String("expiresAt"),
                               status.expiresAt.toString(Qt::ISODateWithMs));
                if (account) {
                    row.insert(QLatin1String("scopes"),
                               QJsonArray::fromStringList(account->grantedScopes));
                    row.insert(QLatin1String("issuer"), account->issuer);
                    row.insert(QLatin1String("hasRefreshToken"), account->hasRefreshToken);
                }
                rows.append(row);
            } else {
                out() << server.id.leftJustified(16) << ' ' << status.kindName().leftJustified(14)
                      << ' ' << label.leftJustified(10) << ' ' << server.mcpUrl.toString();
                if (!detail.isEmpty())
                    out() << "  " << detail.trimmed();
                out() << Qt::endl;
            }
        }
    }
    if (m_json)
        out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << Qt::endl;
    if (m_mode == Mode::List) {
        finish(ExitCode::Ok);
        return;
    }
    finish(unreachable       ? ExitCode::Unreachable
               : needsSignIn ? ExitCode::NeedsSignIn
                             : ExitCode::Ok);
}

} // namespace Mcpa
