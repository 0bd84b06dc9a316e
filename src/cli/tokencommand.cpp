#include "tokencommand.h"

#include "accountcontext.h"

#include "core/accounts/accountservice.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Mcpa {

TokenCommand::TokenCommand(Output output, QObject *parent)
    : AccountCommand(parent)
    , m_output(output)
{ }

QString TokenCommand::name() const
{
    return m_output == Output::Token ? QStringLiteral("token") : QStringLiteral("header");
}

QString TokenCommand::summary() const
{
    return m_output == Output::Token
        ? QStringLiteral(
            "Prints a valid access token (only the token) on stdout, refreshing it when needed.\n"
            "Example: curl -H \"Authorization: Bearer $(mcp-accounts-cli token NAME)\" …\n"
            "With --json: {\"access_token\", \"token_type\", \"expires_at\", \"expires_in\"}.")
        : QStringLiteral(
            "Prints \"Authorization: Bearer <token>\" for header-based clients, refreshing when "
            "needed.\n"
            "With --json: {\"Authorization\": \"Bearer <token>\"}, what Claude Code's "
            "headersHelper reads.");
}

void TokenCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The server's name."));
    addAccountOption(parser);
    parser.addOptions({
        { QStringLiteral("min-validity"),
          QStringLiteral("Refresh when the token expires within this many seconds (default 60)."),
          QStringLiteral("seconds"), QStringLiteral("60") },
        { QStringLiteral("force-refresh"),
          QStringLiteral("Refresh even when the token is still valid.") },
        { QStringLiteral("json"), QStringLiteral("Print one JSON object.") },
    });
}

QString TokenCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return QStringLiteral("expected one NAME");
    m_server = parser.positionalArguments().first();
    m_label = parser.value(QStringLiteral("account"));
    bool ok = false;
    m_minValidity = parser.value(QStringLiteral("min-validity")).toInt(&ok);
    if (!ok || m_minValidity < 0 || m_minValidity > 86400)
        return QStringLiteral("--min-validity takes seconds from 0 to 86400");
    m_force = parser.isSet(QStringLiteral("force-refresh"));
    m_json = parser.isSet(QStringLiteral("json"));
    return {};
}

void TokenCommand::start()
{
    if (!openContext())
        return;
    AccountOperation *operation = context()->service()->freshToken(
        m_server, m_label, std::chrono::seconds(m_minValidity), m_force);
    whenDone(
        operation,
        [this, operation] {
            // The one place a secret is printed: that is what this command is for.
            print(operation->tokens());
            finish(ExitCode::Ok);
        },
        [this](const Error &error) { failWith(error); });
}

void TokenCommand::print(const TokenSet &tokens)
{
    if (!m_json) {
        if (m_output == Output::Header)
            out() << "Authorization: Bearer ";
        out() << tokens.accessToken << Qt::endl;
        return;
    }
    QJsonObject object;
    if (m_output == Output::Header) {
        object.insert(QLatin1String("Authorization"),
                      QString(QStringLiteral("Bearer ") + tokens.accessToken));
    } else {
        object.insert(QLatin1String("access_token"), tokens.accessToken);
        object.insert(QLatin1String("token_type"), QStringLiteral("Bearer"));
        if (tokens.expiresAt.isValid()) {
            object.insert(QLatin1String("expires_at"),
                          tokens.expiresAt.toUTC().toString(Qt::ISODate));
            object.insert(
                QLatin1String("expires_in"),
                qMax<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(tokens.expiresAt)));
        } else {
            object.insert(QLatin1String("expires_at"), QJsonValue::Null);
            object.insert(QLatin1String("expires_in"), QJsonValue::Null);
        }
    }
    out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
}

} // namespace Mcpa
