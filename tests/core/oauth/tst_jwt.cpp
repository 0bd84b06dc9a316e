#include "core/oauth/jwt.h"

#include <QRandomGenerator>
#include <QTest>

using Mcpa::DecodedJwt;
using Mcpa::Jwt;

namespace {

QString base64Url(const QByteArray &data, QByteArray::Base64Options padding)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | padding));
}

/// A JWS compact token with a fake signature (nothing verifies it).
QString makeJwt(const QByteArray &header, const QByteArray &payload,
                QByteArray::Base64Options padding = QByteArray::OmitTrailingEquals)
{
    return base64Url(header, padding) + QLatin1Char('.') + base64Url(payload, padding)
        + QLatin1Char('.') + base64Url("not-a-real-signature", padding);
}

const QByteArray RsHeader = R"({"alg":"RS256","typ":"at+jwt","kid":"k1"})";

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void standardClaims();
    void audience_data();
    void audience();
    void scopes_data();
    void scopes();
    void numericDate_data();
    void numericDate();
    void unicodeClaims();
    void sizeCap();
    void mutatedTokens();
};

void TestJwt::decode_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<Jwt::Failure>("failure");

    const QByteArray payload = R"({"sub":"alice","exp":1700000000})";
    // {"a":1} is 7 bytes: its base64 needs one "=" of padding, {"a":12} two.
    const QByteArray needsPadding = R"({"alg":"ES256"})";

    QTest::addRow("valid") << makeJwt(RsHeader, payload) << Jwt::Failure::None;
    QTest::addRow("valid, padding present")
        << makeJwt(needsPadding, R"({"a":1})", QByteArray::KeepTrailingEquals)
        << Jwt::Failure::None;
    QTest::addRow("valid, padding absent")
        << makeJwt(needsPadding, R"({"a":1})", QByteArray::OmitTrailingEquals)
        << Jwt::Failure::None;
    QTest::addRow("valid, surrounding whitespace")
        << (QStringLiteral("  ") + makeJwt(RsHeader, payload) + QStringLiteral("\n"))
        << Jwt::Failure::None;
    QTest::addRow("unsecured, empty signature")
        << (base64Url(R"({"alg":"none"})", QByteArray::OmitTrailingEquals) + QLatin1Char('.')
            + base64Url(payload, QByteArray::OmitTrailingEquals) + QLatin1Char('.'))
        << Jwt::Failure::None;

    QTest::addRow("empty") << QString() << Jwt::Failure::Empty;
    QTest::addRow("whitespace only") << QStringLiteral(" \t\n") << Jwt::Failure::Empty;
    QTest::addRow("opaque") << QStringLiteral("gho_16C7e42F292c6912E7710c838347Ae178B4a")
                            << Jwt::Failure::NotThreeParts;
    QTest::addRow("two parts") << QStringLiteral("eyJhbGciOiJub25lIn0.e30")
                               << Jwt::Failure::NotThreeParts;
    QTest::addRow("four parts") << (makeJwt(RsHeader, payload) + QStringLiteral(".AAAA"))
                                << Jwt::Failure::NotThreeParts;
    QTest::addRow("six parts") << QStringLiteral("a.b.c.d.e.f") << Jwt::Failure::NotThreeParts;
    QTest::addRow("JWE, five parts")
        << QStringLiteral("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.OKOawDo13gRp2ojaHV7LFpZ"
                          ".48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_"
                          "EFShS8iB7j6ji.XFBoMYUZodetZdvTiFvSkQ")
        << Jwt::Failure::Encrypted;
    QTest::addRow("dots only") << QStringLiteral("..") << Jwt::Failure::InvalidBase64;
    QTest::addRow("empty payload part")
        << (base64Url(RsHeader, QByteArray::OmitTrailingEquals) + QStringLiteral("..sig"))
        << Jwt::Failure::InvalidBase64;
    QTest::addRow("invalid base64 character")
        << QStringLiteral("eyJhbGciOiJub25lIn0.e30*.sig") << Jwt::Failure::InvalidBase64;
    QTest::addRow("standard base64 alphabet")
        << QStringLiteral("eyJhbGciOiJub25lIn0.e3+/.sig") << Jwt::Failure::InvalidBase64;
    QTest::addRow("impossible length")
        << QStringLiteral("eyJhbGciOiJub25lIn0.e30aa.sig") << Jwt::Failure::InvalidBase64;
    QTest::addRow("too much padding")
        << QStringLiteral("eyJhbGciOiJub25lIn0.e30===.sig") << Jwt::Failure::InvalidBase64;
    QTest::addRow("padding in the middle")
        << QStringLiteral("eyJhbGciOiJub25lIn0.e3=0.sig") << Jwt::Failure::InvalidBase64;
    QTest::addRow("invalid signature part")
        << QStringLiteral("eyJhbGciOiJub25lIn0.e30.s!g") << Jwt::Failure::InvalidBase64;
    QTest::addRow("non-ASCII") << QStringLiteral("eyJhbGciOiJub25lIn0.e30\u00e9.sig")
                               << Jwt::Failure::InvalidBase64;
    QTest::addRow("payload not JSON")
        << makeJwt(RsHeader, "not json") << Jwt::Failure::NotJsonObject;
    QTest::addRow("payload truncated JSON")
        << makeJwt(RsHeader, R"({"sub":"alice")") << Jwt::Failure::NotJsonObject;
    QTest::addRow("payload an array")
        << makeJwt(RsHeader, R"(["sub","alice"])") << Jwt::Failure::NotJsonObject;
    QTest::addRow("payload a string")
        << makeJwt(RsHeader, R"("alice")") << Jwt::Failure::NotJsonObject;
    QTest::addRow("payload a number") << makeJwt(RsHeader, "42") << Jwt::Failure::NotJsonObject;
    QTest::addRow("header an array")
        << makeJwt(R"(["RS256"])", payload) << Jwt::Failure::NotJsonObject;
    QTest::addRow("header without alg")
        << makeJwt(R"({"typ":"JWT"})", payload) << Jwt::Failure::MissingAlgorithm;
    QTest::addRow("header alg not a string")
        << makeJwt(R"({"alg":7})", payload) << Jwt::Failure::MissingAlgorithm;
    QTest::addRow("deeply nested payload")
        << makeJwt(RsHeader, QByteArray(5000, '[') + QByteArray(5000, ']'))
        << Jwt::Failure::NotJsonObject;
}

void TestJwt::decode()
{
    QFETCH(QString, token);
    QFETCH(Jwt::Failure, failure);

    Jwt::Failure actual = Jwt::Failure::TooLarge;
    const std::optional<DecodedJwt> decoded = Jwt::decode(token, &actual);
    QCOMPARE(actual, failure);
    QCOMPARE(decoded.has_value(), failure == Jwt::Failure::None);
    if (decoded)
        QVERIFY(!decoded->algorithm().isEmpty());
    // The out-parameter is optional.
    QCOMPARE(Jwt::decode(token).has_value(), decoded.has_value());
}

void TestJwt::standardClaims()
{
    const QString token = makeJwt(RsHeader, R"({
        "iss": "https://auth.example.com/",
        "sub": "user-42",
        "aud": "https://mcp.example.com/mcp",
        "exp": 1700003600, "iat": 1700000000, "nbf": 1699999990,
        "scope": "mcp:read mcp:write",
        "client_id": "client-7",
        "jti": "token-id-1",
        "email": "alice@example.com",
        "preferred_username": "alice"
    })");
    const std::optional<DecodedJwt> jwt = Jwt::decode(token);
    QVERIFY(jwt);
    QCOMPARE(jwt->algorithm(), QStringLiteral("RS256"));
    QCOMPARE(jwt->type(), QStringLiteral("at+jwt"));
    QCOMPARE(jwt->header.value(QLatin1String("kid")).toString(), QStringLiteral("k1"));
    QCOMPARE(jwt->issuer(), QStringLiteral("https://auth.example.com/"));
    QCOMPARE(jwt->subject(), QStringLiteral("user-42"));
    QCOMPARE(jwt->audience(), QStringList { QStringLiteral("https://mcp.example.com/mcp") });
    QCOMPARE(jwt->scopes(),
             (QStringList { QStringLiteral("mcp:read"), QStringLiteral("mcp:write") }));
    QCOMPARE(jwt->clientId(), QStringLiteral("client-7"));
    QCOMPARE(jwt->jwtId(), QStringLiteral("token-id-1"));
    QCOMPARE(jwt->email(), QStringLiteral("alice@example.com"));
    QCOMPARE(jwt->name(), QStringLiteral("alice")); // preferred_username when no "name"
    QCOMPARE(jwt->expiresAt(), QDateTime(QDate(2023, 11, 14), QTime(23, 13, 20), Qt::UTC));
    QCOMPARE(jwt->issuedAt(), QDateTime(QDate(2023, 11, 14), QTime(22, 13, 20), Qt::UTC));
    QCOMPARE(jwt->notBefore(), QDateTime(QDate(2023, 11, 14), QTime(22, 13, 10), Qt::UTC));
    QCOMPARE(jwt->expiresAt().timeSpec(), Qt::UTC);

    // Absent claims read as empty, never as garbage.
    const std::optional<DecodedJwt> bare = Jwt::decode(makeJwt(R"({"alg":"none"})", "{}"));
    QVERIFY(bare);
    QVERIFY(bare->issuer().isEmpty());
    QVERIFY(bare->audience().isEmpty());
    QVERIFY(bare->scopes().isEmpty());
    QVERIFY(!bare->expiresAt().isValid());
    QVERIFY(bare->type().isEmpty());
}

void TestJwt::audience_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QStringList>("audience");

    const QString a = QStringLiteral("https://a.example/mcp");
    const QString b = QStringLiteral("client-b");
    QTest::addRow("string") << QByteArray(R"({"aud":"https://a.example/mcp"})")
                            << QStringList { a };
    QTest::addRow("array") << QByteArray(R"({"aud":["https://a.example/mcp","client-b"]})")
                           << QStringList { a, b };
    QTest::addRow("array with one") << QByteArray(R"({"aud":["client-b"]})") << QStringList { b };
    QTest::addRow("array with non-strings")
        << QByteArray(R"({"aud":[1,"client-b",null,{"x":1},""]})") << QStringList { b };
    QTest::addRow("empty string") << QByteArray(R"({"aud":""})") << QStringList();
    QTest::addRow("number") << QByteArray(R"({"aud":12})") << QStringList();
    QTest::addRow("object") << QByteArray(R"({"aud":{"a":"b"}})") << QStringList();
    QTest::addRow("absent") << QByteArray("{}") << QStringList();
}

void TestJwt::audience()
{
    QFETCH(QByteArray, payload);
    QFETCH(QStringList, audience);
    const std::optional<DecodedJwt> jwt = Jwt::decode(makeJwt(RsHeader, payload));
    QVERIFY(jwt);
    QCOMPARE(jwt->audience(), audience);
}

void TestJwt::scopes_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QStringList>("scopes");

    QTest::addRow("scope string") << QByteArray(R"({"scope":"a b  c"})")
                                  << QStringList { QStringLiteral("a"), QStringLiteral("b"),
                                                   QStringLiteral("c") };
    QTest::addRow("scp array") << QByteArray(R"({"scp":["a","b"]})")
                               << QStringList { QStringLiteral("a"), QStringLiteral("b") };
    QTest::addRow("scp string") << QByteArray(R"({"scp":"a b"})")
                                << QStringList { QStringLiteral("a"), QStringLiteral("b") };
    QTest::addRow("both, merged without duplicates")
        << QByteArray(R"({"scope":"a b","scp":["b","c"]})")
        << QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    QTest::addRow("wrong types") << QByteArray(R"({"scope":5,"scp":[1,null]})") << QStringList();
    QTest::addRow("absent") << QByteArray("{}") << QStringList();
}

void TestJwt::scopes()
{
    QFETCH(QByteArray, payload);
    QFETCH(QStringList, scopes);
    const std::optional<DecodedJwt> jwt = Jwt::decode(makeJwt(RsHeader, payload));
    QVERIFY(jwt);
    QCOMPARE(jwt->scopes(), scopes);
}

void TestJwt::numericDate_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("expected");

    QTest::addRow("integer") << QByteArray("1700000000")
                             << QDateTime(QDate(2023, 11, 14), QTime(22, 13, 20), Qt::UTC);
    QTest::addRow("fraction") << QByteArray("1700000000.25")
                              << QDateTime(QDate(2023, 11, 14), QTime(22, 13, 20, 250), Qt::UTC);
    QTest::addRow("epoch") << QByteArray("0") << QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::addRow("year 9999") << QByteArray("253402300799")
                               << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
    QTest::addRow("beyond year 9999") << QByteArray("253402300800") << QDateTime();
    QTest::addRow("negative") << QByteArray("-1") << QDateTime();
    QTest::addRow("huge") << QByteArray("1e300") << QDateTime();
    QTest::addRow("huge integer") << QByteArray("123456789012345678901234567890") << QDateTime();
    QTest::addRow("string") << QByteArray(R"("1700000000")") << QDateTime();
    QTest::addRow("null") << QByteArray("null") << QDateTime();
    QTest::addRow("bool") << QByteArray("true") << QDateTime();
    QTest::addRow("array") << QByteArray("[1700000000]") << QDateTime();
}

void TestJwt::numericDate()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);
    const QByteArray payload
        = "{\"exp\":" + value + ",\"iat\":" + value + ",\"nbf\":" + value + '}';
    Jwt::Failure failure = Jwt::Failure::None;
    const std::optional<DecodedJwt> jwt = Jwt::decode(makeJwt(RsHeader, payload), &failure);
    QCOMPARE(failure, Jwt::Failure::None);
    QVERIFY(jwt);
    QCOMPARE(jwt->expiresAt(), expected);
    QCOMPARE(jwt->issuedAt(), expected);
    QCOMPARE(jwt->notBefore(), expected);
    if (expected.isValid())
        QCOMPARE(jwt->expiresAt().timeSpec(), Qt::UTC);
}

void TestJwt::unicodeClaims()
{
    const QString name = QStringLiteral("Zoë Ødegård 山田 🦊");
    const QByteArray payload = QByteArray(R"({"name":")") + name.toUtf8()
        + R"(","sub":"\u00e9t\u00e9","scope":"lecture:écrire"})";
    const std::optional<DecodedJwt> jwt = Jwt::decode(makeJwt(RsHeader, payload));
    QVERIFY(jwt);
    QCOMPARE(jwt->name(), name);
    QCOMPARE(jwt->subject(), QStringLiteral("été"));
    QCOMPARE(jwt->scopes(), QStringList { QStringLiteral("lecture:écrire") });

    // Invalid UTF-8 inside the JSON is a JSON error, not a crash.
    Jwt::Failure failure = Jwt::Failure::None;
    QVERIFY(!Jwt::decode(makeJwt(RsHeader, "{\"name\":\"\xff\xfe\"}"), &failure));
    QCOMPARE(failure, Jwt::Failure::NotJsonObject);
}

void TestJwt::sizeCap()
{
    // A valid token just under the cap decodes.
    const QByteArray prefix = R"({"pad":")";
    const QByteArray suffix = R"("})";
    const qsizetype overhead
        = makeJwt(RsHeader, prefix + suffix).size() + 4; // base64 growth margin
    QByteArray filler((Jwt::maxTokenLength - overhead) * 3 / 4, 'x');
    QString token = makeJwt(RsHeader, prefix + filler + suffix);
    QVERIFY(token.size() <= Jwt::maxTokenLength);
    QVERIFY(token.size() > Jwt::maxTokenLength - 16);
    QVERIFY(Jwt::decode(token));

    // One character over is refused without being looked at.
    Jwt::Failure failure = Jwt::Failure::None;
    QVERIFY(!Jwt::decode(
        token + QStringLiteral("A").repeated(Jwt::maxTokenLength - token.size() + 1), &failure));
    QCOMPARE(failure, Jwt::Failure::TooLarge);

    // Megabytes of dots or garbage are refused the same way.
    QVERIFY(!Jwt::decode(QString(4 * 1024 * 1024, QLatin1Char('.')), &failure));
    QCOMPARE(failure, Jwt::Failure::TooLarge);
    QVERIFY(!Jwt::decode(QString(Jwt::maxTokenLength + 1, QLatin1Char('A')), &failure));
    QCOMPARE(failure, Jwt::Failure::TooLarge);
}

void TestJwt::mutatedTokens()
{
    // Deterministic mutations of a valid token: every result is either a
    // refusal with a reason or a decoded JWS with an "alg"; nothing crashes
    // (run under the sanitizers, this is a small fuzzer).
    const QString valid = makeJwt(RsHeader, R"({"sub":"a","aud":["x"],"exp":1e3,"n":{"d":[1]}})");
    const QString alphabet = QStringLiteral("A_-.=+/ {}\"\u00e9\u0000");
    QRandomGenerator random(20240611);
    int decoded = 0;
    for (int round = 0; round < 3000; ++round) {
        QString token = valid;
        const int edits = 1 + random.bounded(4);
        for (int edit = 0; edit < edits; ++edit) {
            const int position = random.bounded(token.size() + 1);
            switch (random.bounded(3)) {
            case 0:
                token.insert(position, alphabet.at(random.bounded(alphabet.size())));
                break;
            case 1:
                token.remove(position, 1 + random.bounded(3));
                break;
            default:
                if (position < token.size())
                    token[position] = QChar(random.bounded(0x20, 0x7f));
                break;
            }
        }
        Jwt::Failure failure = Jwt::Failure::None;
        const std::optional<DecodedJwt> jwt = Jwt::decode(token, &failure);
        QCOMPARE(jwt.has_value(), failure == Jwt::Failure::None);
        if (jwt) {
            ++decoded;
            QVERIFY(!jwt->algorithm().isEmpty());
            jwt->audience();
            jwt->scopes();
            jwt->expiresAt();
        }
    }
    QVERIFY(decoded > 0); // some mutations only touch the signature
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
