#include "gui/trayicon.h"

#include "gui/guiresources.h"
#include "gui/serverlistmodel.h"

#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace Mcpa {

TrayIcon::TrayIcon(ServerListModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
    , m_normalIcon(appIcon())
    , m_attentionIcon(attentionIcon(m_normalIcon))
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_tray->setIcon(m_normalIcon);
    m_tray->setToolTip(tr("MCP Accounts"));
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT showWindowRequested();
            });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::notificationClicked);
    connect(m_model, &ServerListModel::modelReset, this, &TrayIcon::rebuildMenu);
    connect(m_model, &ServerListModel::dataChanged, this, &TrayIcon::rebuildMenu);
    rebuildMenu();
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isAvailable() const
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    m_tray->show();
}

QIcon TrayIcon::attentionIcon(const QIcon &base)
{
    QPixmap pixmap = base.pixmap(64, 64);
    if (pixmap.isNull()) {
        // No SVG support (libqt6svg6 missing): a plain square still shows attention.
        pixmap = QPixmap(64, 64);
        pixmap.fill(QColor(0x2d, 0x5f, 0x8b));
    }
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xd9, 0x30, 0x25));
    painter.drawEllipse(QRectF(36, 0, 28, 28));
    painter.end();
    return QIcon(pixmap);
}

void TrayIcon::setAttention(bool attention)
{
    m_attention = attention;
    m_tray->setIcon(attention ? m_attentionIcon : m_normalIcon);
    m_tray->setToolTip(attention ? tr("MCP Accounts: an account needs your attention")
                                 : tr("MCP Accounts"));
}

void TrayIcon::notify(const QString &title, const QString &text)
{
    Q_EMIT notified(title, text);
    if (m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text,
                            m_attention ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

void TrayIcon::rebuildMenu()
{
    m_menu->clear();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString serverId = m_model->serverId(row);
        const QString label = m_model->label(row);
        const QString name = m_model->index(row, ServerListModel::NameColumn).data().toString();
        const AccountStatus status = m_model->status(row);
        QAction *entry = m_menu->addAction(
            m_model->index(row, ServerListModel::StatusColumn)
                .data(Qt::DecorationRole)
                .value<QIcon>(),
            tr("%1: %2").arg(
                label.isEmpty() ? name : name + QStringLiteral(" (") + label + QLatin1Char(')'),
                ServerListModel::statusText(status)));
        entry->setObjectName(QStringLiteral("trayServer_") + serverId);
        connect(entry, &QAction::triggered, this, &TrayIcon::showWindowRequested);
        if (status.kind == AccountStatus::Kind::NeedsSignIn
            || status.kind == AccountStatus::Kind::SignedOut) {
            QAction *signIn = m_menu->addAction(tr("    Sign in to %1\u2026").arg(name));
            signIn->setObjectName(QStringLiteral("traySignIn_") + serverId);
            connect(signIn, &QAction::triggered, this,
                    [this, serverId, label] { Q_EMIT signInRequested(serverId, label); });
        }
    }
    if (m_model->rowCount() > 0)
        m_menu->addSeparator();
    QAction *open = m_menu->addAction(tr("&Open MCP Accounts"));
    open->setObjectName(QStringLiteral("trayOpen"));
    connect(open, &QAction::triggered, this, &TrayIcon::showWindowRequested);
    QAction *quit = m_menu->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("trayQuit"));
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);
}

} // namespace Mcpa
