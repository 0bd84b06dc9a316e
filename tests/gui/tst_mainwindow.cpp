#include "gui/mainwindow.h"
#include "gui/serverlistmodel.h"

#include "scriptedhttpserver.h"

#include <QListView>
#include <QStackedWidget>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void titleAndEmptyState();
    void addedServerShowsItsStatus();
};

void TestMainWindow::titleAndEmptyState()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("MCP Accounts"));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("stack"));
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyPage"));
}

void TestMainWindow::addedServerShowsItsStatus()
{
    ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "/mcp",
        ScriptedHttpServer::json(401, "{}", { { "WWW-Authenticate", "Bearer scope=\"a\"" } }));

    MainWindow window;
    window.show();
    window.addServer(server.url(QStringLiteral("/mcp")));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("stack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("listPage"));
    auto *list = window.findChild<QListView *>(QStringLiteral("serverList"));
    QVERIFY(list);
    QCOMPARE(list->model()->rowCount(), 1);
    QTRY_COMPARE(window.serverModel()->status(0), ServerListModel::Status::SignInRequired);
    QVERIFY(
        list->model()->index(0, 0).data().toString().contains(QStringLiteral("Sign-in required")));

    // The same server twice is one row.
    window.addServer(server.url(QStringLiteral("/mcp/")));
    QCOMPARE(list->model()->rowCount(), 1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
