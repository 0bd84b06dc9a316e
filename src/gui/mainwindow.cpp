#include "gui/mainwindow.h"

#include "core/httpclient.h"
#include "core/serverprobe.h"
#include "gui/serverlistmodel.h"
#include "ui_mainwindow.h"

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_model(new ServerListModel(this))
    , m_http(new Mcpa::HttpClient(this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/mcp-accounts.svg")));
    m_ui->serverList->setModel(m_model);
    connect(m_model, &ServerListModel::rowsInserted, this, &MainWindow::updateEmptyState);
    updateEmptyState();
}

MainWindow::~MainWindow()
{
    delete m_ui;
}

void MainWindow::addServer(const QUrl &url)
{
    checkServer(m_model->addServer(url));
}

void MainWindow::checkServer(int row)
{
    m_model->setStatus(row, ServerListModel::Status::Checking);
    auto *probe = new Mcpa::ServerProbe(m_http, this);
    connect(probe, &Mcpa::ServerProbe::finished, this,
            [this, row, probe](const Mcpa::ProbeResult &result) {
                m_model->setStatus(row, ServerListModel::statusFor(result),
                                   result.error ? result.error.toString() : QString());
                probe->deleteLater();
            });
    probe->start(m_model->url(row));
}

void MainWindow::updateEmptyState()
{
    m_ui->stack->setCurrentWidget(m_model->rowCount() == 0 ? m_ui->emptyPage : m_ui->listPage);
}
