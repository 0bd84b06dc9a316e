#include "core/mcp/elicitationanswerer.h"

#include <QJsonArray>
#include <QTest>

using namespace Mcpa;

namespace {

/// The schema of the conformance suite's SEP-1034 scenario.
QJsonObject defaultsSchema()
{
    auto property = [](const char *type, const QJsonValue &fallback) {
        return QJsonObject { { QLatin1String("type"), QLatin1String(type) },
                             { QLatin1String("default"), fallback } };
    };
    QJsonObject status = property("string", QLatin1String("active"));
    status.insert(QLatin1String("enum"),
                  QJsonArray { QLatin1String("active"), QLatin1String("inactive") });
    return { { QLatin1String("type"), QLatin1String("object") },
             { QLatin1String("properties"),
               QJsonObject { { QLatin1String("name"), property("string", QLatin1String("John")) },
                             { QLatin1String("age"), property("integer", 30) },
                             { QLatin1String("score"), property("number", 95.5) },
                             { QLatin1String("status"), status },
                             { QLatin1String("verified"), property("boolean", true) } } } };
}

QJsonObject request(const QJsonObject &schema, const QString &mode = {})
{
    QJsonObject params { { QLatin1String("message"), QLatin1String("Please\n\x1b[31mconfirm") },
                         { QLatin1String("requestedSchema"), schema } };
    if (!mode.isEmpty())
        params.insert(QLatin1String("mode"), mode);
    return params;
}

} // namespace

class TestElicitationAnswerer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsFillWhatIsNotGiven();
    void defaultsThatDoNotFitAreDropped();
    void missingRequiredDeclines();
    void withoutInputOrPersonDeclines();
    void urlModeDeclines();
    void askerAnswers();
};

void TestElicitationAnswerer::defaultsFillWhatIsNotGiven()
{
    ElicitationAnswerer answerer;
    answerer.setGivenValues(
        { { QLatin1String("age"), 41 }, { QLatin1String("unasked"), QLatin1String("x") } });
    Error error;
    const QJsonObject result
        = answerer.answer(QStringLiteral("elicitation/create"), request(defaultsSchema()), &error);
    QVERIFY(!error);
    QCOMPARE(result.value(QLatin1String("action")), QJsonValue(QLatin1String("accept")));
    const QJsonObject expected { { QLatin1String("name"), QLatin1String("John") },
                                 { QLatin1String("age"), 41 },
                                 { QLatin1String("score"), 95.5 },
                                 { QLatin1String("status"), QLatin1String("active") },
                                 { QLatin1String("verified"), true } };
    QCOMPARE(result.value(QLatin1String("content")).toObject(), expected);
}

void TestElicitationAnswerer::defaultsThatDoNotFitAreDropped()
{
    const QJsonObject schema {
        { QLatin1String("properties"),
          QJsonObject {
              { QLatin1String("n"),
                QJsonObject { { QLatin1String("type"), QLatin1String("integer") },
                              { QLatin1String("default"), 2.5 } } },
              { QLatin1String("e"),
                QJsonObject { { QLatin1String("type"), QLatin1String("string") },
                              { QLatin1String("enum"), QJsonArray { QLatin1String("a") } },
                              { QLatin1String("default"), QLatin1String("b") } } },
              { QLatin1String("b"),
                QJsonObject { { QLatin1String("type"), QLatin1String("boolean") },
                              { QLatin1String("default"), QLatin1String("yes") } } } } }
    };
    QCOMPARE(ElicitationAnswerer::withDefaults(schema, {}), QJsonObject());
}

void TestElicitationAnswerer::missingRequiredDeclines()
{
    QJsonObject schema = defaultsSchema();
    QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    properties.insert(QLatin1String("email"),
                      QJsonObject { { QLatin1String("type"), QLatin1String("string") } });
    schema.insert(QLatin1String("properties"), properties);
    schema.insert(QLatin1String("required"), QJsonArray { QLatin1String("email") });
    ElicitationAnswerer answerer;
    answerer.setGivenValues({});
    QStringList notices;
    answerer.setNotice([&](const QString &text) { notices.append(text); });
    Error error;
    const QJsonObject result
        = answerer.answer(QStringLiteral("elicitation/create"), request(schema), &error);
    QCOMPARE(result.value(QLatin1String("action")), QJsonValue(QLatin1String("decline")));
    QVERIFY(!result.contains(QLatin1String("content")));
    QCOMPARE(notices.size(), 1);
    QVERIFY(notices.first().contains(QLatin1String("email")));
}

void TestElicitationAnswerer::withoutInputOrPersonDeclines()
{
    ElicitationAnswerer answerer;
    QStringList notices;
    answerer.setNotice([&](const QString &text) { notices.append(text); });
    Error error;
    const QJsonObject result
        = answerer.answer(QStringLiteral("elicitation/create"), request(defaultsSchema()), &error);
    QVERIFY(!error);
    QCOMPARE(result.value(QLatin1String("action")), QJsonValue(QLatin1String("decline")));
    QCOMPARE(notices.size(), 1);
    QVERIFY(notices.first().contains(QLatin1String("--input")));
    // The server's message is shown without its control characters.
    QVERIFY(notices.first().contains(QLatin1String("Please")));
    QVERIFY(!notices.first().contains(QLatin1Char('\x1b')));
    QVERIFY(!notices.first().contains(QLatin1Char('\n')));
}

void TestElicitationAnswerer::urlModeDeclines()
{
    ElicitationAnswerer answerer;
    answerer.setGivenValues({});
    Error error;
    const QJsonObject result = answerer.answer(QStringLiteral("elicitation/create"),
                                               request({}, QStringLiteral("url")), &error);
    QCOMPARE(result.value(QLatin1String("action")), QJsonValue(QLatin1String("decline")));
}

void TestElicitationAnswerer::askerAnswers()
{
    ElicitationAnswerer answerer;
    QString shown;
    answerer.setAsker([&](const QString &message, const QJsonObject &, QJsonObject *content) {
        shown = message;
        content->insert(QLatin1String("name"), QLatin1String("Ann"));
        return true;
    });
    Error error;
    const QJsonObject result
        = answerer.answer(QStringLiteral("elicitation/create"), request(defaultsSchema()), &error);
    QCOMPARE(result.value(QLatin1String("action")), QJsonValue(QLatin1String("accept")));
    const QJsonObject content = result.value(QLatin1String("content")).toObject();
    QCOMPARE(content.value(QLatin1String("name")), QJsonValue(QLatin1String("Ann")));
    QCOMPARE(content.value(QLatin1String("age")), QJsonValue(30));
    QVERIFY(!shown.contains(QLatin1Char('\x1b')));

    answerer.setAsker([](const QString &, const QJsonObject &, QJsonObject *) { return false; });
    QCOMPARE(
        answerer.answer(QStringLiteral("elicitation/create"), request(defaultsSchema()), &error)
            .value(QLatin1String("action")),
        QJsonValue(QLatin1String("decline")));
}

QTEST_GUILESS_MAIN(TestElicitationAnswerer)
#include "tst_elicitationanswerer.moc"
