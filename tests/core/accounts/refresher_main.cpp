// Test helper: one AccountRefresher (or one held RefreshLock) in a process
// of its own, so that tests can run many refreshers of one account at once.
//
//   mcpa_refresher_helper --service S --server-id ID [--label L]
//       --token-endpoint URL --client-id ID [--resource URL]
//       [--auth-method none|client_secret_post|client_secret_basic
//        --secret-from registration --issuer I | --secret-from server]
//       [--policy expiring|force] [--lead SECONDS] [--lock-timeout MS]
//       [--lock-dir DIR] [--keychain-timeout MS] [--wait-for-go] [--hold-lock]
//
// Secrets come only from the keychain. Prints one JSON line on stdout:
//   {"ok":true,"didRefresh":true,"outcome":"Refreshed","accessTokenSha256":"..."}
//   {"ok":false,"error":"invalid-grant","detail":"..."}
// and never a token. --wait-for-go prints {"ready":true} and starts on a
// line on stdin; --hold-lock prints {"locked":true} once it holds the
// account's refresh lock and keeps it until stdin closes.
// Exit status: 0 ok, 1 failed, 2 usage.

#include "core/accounts/accountrefresher.h"
#include "core/base/clock.h"
#include "core/net/httpclient.h"
#include "core/oauth/tokenclient.h"
#include "core/store/refreshlock.h"
#include "core/store/secretstore.h"
#include "core/store/tokenstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

using namespace Mcpa;

namespace {

enum ExitStatus { Ok = 0, Failed = 1, Usage = 2 };

void printLine(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString sha256(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

class HelperRun : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString serverId;
        QString label;
        TokenEndpointConfig endpoint;
        QString secretFrom; ///< "", "registration" or "server"
        AccountRefresher::Policy policy;
        std::chrono::milliseconds lockTimeout { 60000 };
        QString lockDirectory;
        bool holdLock = false;
    };

    HelperRun(SecretStore *secrets, Options options)
        : m_tokenStore(secrets)
        , m_tokenClient(&m_http, Clock::system())
        , m_options(std::move(options))
    { }

    void start()
    {
        m_elapsed.start();
        if (m_options.holdLock)
            holdLock();
        else if (m_options.secretFrom.isEmpty())
            startRefresher();
        else
            readClientSecret();
    }

    /// Starts on the first line (or EOF) on stdin.
    void startOnGo()
    {
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, [this] {
            m_stdin->setEnabled(false);
            char buffer[64];
            [[maybe_unused]] const ssize_t ignored = ::read(STDIN_FILENO, buffer, sizeof buffer);
            start();
        });
        printLine({ { QLatin1String("ready"), true } });
    }

private:
    void readClientSecret()
    {
        const auto onSecret = [this](const QString &secret, const Error &error) {
            if (error) {
                onFailed(error);
                return;
            }
            m_options.endpoint.client.clientSecret = secret;
            startRefresher();
        };
        if (m_options.secretFrom == QLatin1String("server"))
            m_tokenStore.readServerClientSecret(m_options.serverId, this, onSecret);
        else
            m_tokenStore.readRegistrationSecret(m_options.endpoint.client.issuer, this, onSecret);
    }

    void startRefresher()
    {
        auto *refresher = new AccountRefresher(&m_tokenStore, &m_tokenClient, Clock::system(),
                                               m_options.serverId, m_options.label,
                                               m_options.endpoint, m_options.policy, this);
        if (!m_options.lockDirectory.isEmpty())
            refresher->setLockDirectory(m_options.lockDirectory);
        refresher->setLockTimeout(m_options.lockTimeout);
        connect(refresher, &Job::finished, this, [this, refresher] {
            if (refresher->error())
                onFailed(refresher->error());
            else
                onSucceeded(refresher->tokens(), refresher->outcome());
        });
        refresher->start();
    }

    void holdLock()
    {
        const QString directory = m_options.lockDirectory.isEmpty()
            ? RefreshLock::defaultDirectory()
            : m_options.lockDirectory;
        auto *lock = new RefreshLock(
            RefreshLock::filePath(directory, m_options.serverId, m_options.label), this);
        connect(lock, &RefreshLock::failed, this, &HelperRun::onFailed);
        connect(lock, &RefreshLock::acquired, this, [this] {
            printLine({ { QLatin1String("locked"), true } });
            // Held until stdin closes (or the process is killed).
            m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
            connect(m_stdin, &QSocketNotifier::activated, this, &HelperRun::onStdinWhileHolding);
        });
        lock->acquire(m_options.lockTimeout);
    }

    void onStdinWhileHolding()
    {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            QCoreApplication::exit(Ok);
    }

    void onSucceeded(const TokenSet &tokens, AccountRefresher::Outcome outcome)
    {
        const char *outcomeName = QMetaEnum::fromType<AccountRefresher::Outcome>().valueToKey(
            static_cast<int>(outcome));
        printLine(
            { { QLatin1String("ok"), true },
              { QLatin1String("didRefresh"), outcome == AccountRefresher::Outcome::Refreshed },
              { QLatin1String("outcome"), QString::fromLatin1(outcomeName) },
              { QLatin1String("accessTokenSha256"), sha256(tokens.accessToken) },
              { QLatin1String("elapsedMs"), m_elapsed.elapsed() } });
        QCoreApplication::exit(Ok);
    }

    void onFailed(const Error &error)
    {
        printLine({ { QLatin1String("ok"), false },
                    { QLatin1String("error"), error.codeName() },
                    { QLatin1String("detail"), error.detail() },
                    { QLatin1String("elapsedMs"), m_elapsed.elapsed() } });
        QCoreApplication::exit(Failed);
    }

    HttpClient m_http;
    TokenStore m_tokenStore;
    TokenClient m_tokenClient;
    Options m_options;
    QElapsedTimer m_elapsed;
    QSocketNotifier *m_stdin = nullptr;
};

int usage(const QString &message)
{
    std::fprintf(stderr, "mcpa_refresher_helper: %s\n", qPrintable(message));
    return Usage;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const auto option = [&parser](const char *name, const char *valueName = nullptr) {
        QCommandLineOption entry(QString::fromLatin1(name));
        if (valueName)
            entry.setValueName(QString::fromLatin1(valueName));
        parser.addOption(entry);
    };
    option("service", "name");
    option("server-id", "id");
    option("label", "label");
    option("token-endpoint", "url");
    option("client-id", "id");
    option("resource", "url");
    option("auth-method", "method");
    option("secret-from", "registration|server");
    option("issuer", "issuer");
    option("policy", "expiring|force");
    option("lead", "seconds");
    option("lock-timeout", "ms");
    option("lock-dir", "dir");
    option("keychain-timeout", "ms");
    option("wait-for-go");
    option("hold-lock");
    parser.process(app);
    const auto value = [&parser](const char *name) {
        return parser.value(QString::fromLatin1(name));
    };
    const auto isSet = [&parser](const char *name) {
        return parser.isSet(QString::fromLatin1(name));
    };

    HelperRun::Options options;
    options.serverId = value("server-id");
    options.label = isSet("label") ? value("label") : QStringLiteral("default");
    if (options.serverId.isEmpty())
        return usage(QStringLiteral("--server-id is required"));
    options.holdLock = isSet("hold-lock");
    options.endpoint.tokenEndpoint = QUrl(value("token-endpoint"));
    options.endpoint.client.clientId = value("client-id");
    options.endpoint.client.issuer = value("issuer");
    options.endpoint.resource = QUrl(value("resource"));
    if (!options.holdLock
        && (!options.endpoint.tokenEndpoint.isValid()
            || options.endpoint.client.clientId.isEmpty()))
        return usage(QStringLiteral("--token-endpoint and --client-id are required"));
    if (isSet("auth-method")
        && !parseClientAuthMethod(value("auth-method"), &options.endpoint.client.authMethod))
        return usage(QStringLiteral("unknown --auth-method"));
    options.secretFrom = value("secret-from");
    if (options.endpoint.client.authMethod != ClientAuthMethod::None
        && options.secretFrom != QLatin1String("registration")
        && options.secretFrom != QLatin1String("server"))
        return usage(QStringLiteral("a client secret needs --secret-from registration|server"));
    if (options.endpoint.client.authMethod == ClientAuthMethod::None)
        options.secretFrom.clear();
    const bool forced = value("policy") == QLatin1String("force");
    const auto lead = std::chrono::seconds(isSet("lead") ? value("lead").toLongLong() : 60);
    options.policy = forced ? AccountRefresher::Policy::force()
                            : AccountRefresher::Policy::ifExpiringWithin(lead);
    if (isSet("lock-timeout"))
        options.lockTimeout = std::chrono::milliseconds(value("lock-timeout").toLongLong());
    options.lockDirectory = value("lock-dir");

    SecretStore secrets(isSet("service") ? value("service") : SecretStore::defaultServiceName());
    if (isSet("keychain-timeout"))
        secrets.setTimeout(std::chrono::milliseconds(value("keychain-timeout").toLongLong()));
    HelperRun run(&secrets, options);
    if (isSet("wait-for-go"))
        run.startOnGo();
    else
        run.start();
    return app.exec();
}

#include "refresher_main.moc"
