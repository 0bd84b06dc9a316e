#pragma once

#include <QMainWindow>
#include <QUrl>

namespace Ui {
class MainWindow;
}
namespace Mcpa {
class HttpClient;
}
class ServerListModel;

/// The main window: the servers a person uses and whether each is signed in.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ServerListModel *serverModel() const { return m_model; }

    /// Lists a server and checks whether it needs sign-in.
    void addServer(const QUrl &url);

private:
    void checkServer(int row);
    void updateEmptyState();

    Ui::MainWindow *m_ui;
    ServerListModel *m_model;
    Mcpa::HttpClient *m_http;
};
