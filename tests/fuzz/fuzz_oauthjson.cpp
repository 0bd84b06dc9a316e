// What authorization servers answer: protected resource metadata, AS
// metadata, dynamic client registration and token responses, read by the
// real flows (DiscoveryJob, RegistrationJob, TokenClient) from a scripted
// server on 127.0.0.1.
//
// Input: four bodies separated by 0xFF bytes: PRM, AS metadata,
// registration response, token response. "@@" in a body stands for the
// scripted server's origin (http://127.0.0.1:PORT), so seeds can point the
// flow back at it. The first byte of each body, when it is a digit,
// chooses the HTTP status: 0-4 = 200, 5 = 201, 6 = 400, 7 = 401, 8 = 404,
// 9 = 500 (and is removed).

#include "core/net/httpclient.h"
#include "core/net/urlpolicy.h"
#include "core/oauth/clientregistrar.h"
#include "core/oauth/discovery.h"
#include "core/oauth/tokenclient.h"

#include "fuzzsupport.h"
#include "scriptedhttpserver.h"

#include <QEventLoop>
#include <QTimer>

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

namespace {

struct Peer
{
    HttpClient http; ///< one for all runs, as in the app
    ScriptedHttpServer server;
    QList<QByteArray> bodies { {}, {}, {}, {} };
    QList<int> statuses { 200, 200, 200, 200 };
};

int bodyIndex(const QByteArray &path)
{
    if (path.startsWith("/.well-known/oauth-protected-resource"))
        return 0;
    if (path.startsWith("/.well-known/oauth-authorization-server")
        || path.startsWith("/.well-known/openid-configuration"))
        return 1;
    if (path == "/register")
        return 2;
    if (path == "/token")
        return 3;
    return -1;
}

Peer *peer()
{
    static Peer *instance = [] {
        auto *created = new Peer;
        if (!created->server.listen())
            Fuzz::violated("the scripted server does not listen");
        created->server.setHandler([created](const ScriptedHttpServer::Request &request) {
            const int index = bodyIndex(request.path());
            if (index < 0)
                return ScriptedHttpServer::json(404, R"({"error":"not_found"})");
            return ScriptedHttpServer::json(created->statuses.at(index), created->bodies.at(index));
        });
        return created;
    }();
    return instance;
}

void checkEndpoint(const QUrl &url, bool required)
{
    if ((required || !url.isEmpty()) && UrlPolicy::check(url, QStringLiteral("endpoint")))
        Fuzz::violated("discovery accepted an endpoint the URL policy refuses");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statusOf[] = { 200, 200, 200, 200, 200, 201, 400, 401, 404, 500 };
    Peer *target = peer();
    const QByteArray origin = target->server.url().toString(QUrl::RemovePath).toUtf8();
    const QList<QByteArray> bodies = Fuzz::parts(Fuzz::bytes(data, size), 4);
    for (int i = 0; i < 4; ++i) {
        QByteArray body = bodies.at(i);
        target->statuses[i] = 200;
        if (!body.isEmpty() && body.at(0) >= '0' && body.at(0) <= '9') {
            target->statuses[i] = statusOf[body.at(0) - '0'];
            body.remove(0, 1);
        }
        target->bodies[i] = body.replace("@@", origin);
    }

    HttpClient &http = target->http;
    QEventLoop loop;
    int running = 3;
    const auto done = [&running, &loop] {
        if (--running == 0)
            loop.quit();
    };

    BearerChallenge challenge;
    challenge.present = true;
    challenge.resourceMetadata
        = target->server.url(QStringLiteral("/.well-known/oauth-protected-resource/mcp"));
    auto *discovery
        = new DiscoveryJob(&http, target->server.url(QStringLiteral("/mcp")), challenge, &loop);
    QObject::connect(discovery, &Job::finished, &loop, [&, discovery] {
        if (!discovery->error()) {
            const DiscoveryResult result = discovery->result();
            checkEndpoint(result.authServer.authorizationEndpoint, true);
            checkEndpoint(result.authServer.tokenEndpoint, true);
            checkEndpoint(result.authServer.registrationEndpoint, false);
            checkEndpoint(result.authServer.revocationEndpoint, false);
        }
        done();
    });
    discovery->start();

    AuthServerMetadata authServer;
    authServer.issuer = QString::fromUtf8(origin);
    authServer.authorizationEndpoint = target->server.url(QStringLiteral("/authorize"));
    authServer.tokenEndpoint = target->server.url(QStringLiteral("/token"));
    authServer.registrationEndpoint = target->server.url(QStringLiteral("/register"));
    authServer.codeChallengeMethodsSupported = { QStringLiteral("S256") };
    RegistrationOptions options;
    options.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:33418/callback"));
    auto *registration = new RegistrationJob(&http, authServer, options, &loop);
    QObject::connect(registration, &Job::finished, &loop, [&, registration] {
        if (!registration->error() && registration->result().clientId.isEmpty())
            Fuzz::violated("a registration without a client id");
        done();
    });
    registration->start();

    TokenClient tokens(&http, nullptr);
    TokenEndpointConfig config;
    config.tokenEndpoint = target->server.url(QStringLiteral("/token"));
    config.client.clientId = QStringLiteral("client-1");
    TokenJob *request
        = tokens.exchangeCode(config, QStringLiteral("code"), QStringLiteral("verifier"),
                              options.redirectUri, { QStringLiteral("mcp:read") });
    QObject::connect(request, &Job::finished, &loop, [&](Job *job) {
        if (!job->error().isError()) {
            const TokenSet set = request->tokens();
            if (set.accessToken.isEmpty())
                Fuzz::violated("tokens without an access token");
            if (set.tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
                Fuzz::violated("tokens of a type other than Bearer");
        }
        done();
    });

    QTimer::singleShot(8000, &loop, [] { Fuzz::violated("a flow never finished"); });
    loop.exec();
    return 0;
}
