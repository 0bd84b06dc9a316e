#include "gui/serverlistmodel.h"

#include "core/base/clock.h"
#include "core/net/urlpolicy.h"
#include "core/store/serverregistry.h"
#include "gui/plaintooltip.h"

#include <QGuiApplication>
#include <QIcon>
#include <QIconEngine>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

#include <cmath>

namespace Mcpa {

namespace {

QString busyKey(const QString &serverId, const QString &label)
{
    return serverId + QLatin1Char('/') + label;
}

double luminance(const QColor &color)
{
    auto channel = [](float value) {
        return value <= 0.04045f ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

/// WCAG 2 contrast ratio (1 to 21).
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

/// @p hue made darker (light backgrounds) or lighter (dark ones) until it
/// stands out from every background by 3.5:1 (WCAG asks 3:1 for icons).
QColor readableOn(QColor hue, const QList<QColor> &backgrounds)
{
    double lightness = 0;
    for (const QColor &background : backgrounds)
        lightness += luminance(background) / backgrounds.size();
    const bool darken = lightness > 0.2;
    for (int step = 0; step < 40; ++step) {
        bool readable = true;
        for (const QColor &background : backgrounds)
            readable = readable && contrast(hue, background) >= 3.5;
        if (readable)
            break;
        const QColor hsl = hue.toHsl();
        const int shifted = qBound(0, hsl.lightness() + (darken ? -8 : 8), 255);
        hue = QColor::fromHsl(hsl.hslHue(), hsl.hslSaturation(), shifted);
    }
    return hue;
}

/// The status icons, drawn for the current palette: a coloured shape with a
/// glyph, in a colour that stands out from the list's backgrounds; on a
/// selected row the shape is drawn in the highlighted text colour (the
/// style's tinted icons nearly vanish in the selection).
class StatusIconEngine : public QIconEngine
{
public:
    enum class Glyph { Check, Busy, Warning, Cross, Question };

    StatusIconEngine(Glyph glyph, const QColor &hue, const QPalette &palette)
        : m_glyph(glyph)
        , m_normal(readableOn(hue,
                              { palette.color(QPalette::Active, QPalette::Base),
                                palette.color(QPalette::Active, QPalette::AlternateBase),
                                palette.color(QPalette::Active, QPalette::Window) }))
        , m_selected(palette.color(QPalette::Active, QPalette::HighlightedText))
        , m_disabled(palette.color(QPalette::Disabled, QPalette::Text))
    { }

    QIconEngine *clone() const override { return new StatusIconEngine(*this); }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        QPixmap image = scaledPixmap(rect.size(), mode, state, ratio);
        painter->drawPixmap(rect, image);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        const QColor fill = mode == QIcon::Selected ? m_selected
            : mode == QIcon::Disabled               ? m_disabled
                                                    : m_normal;
        // The glyph: cut out of a selected or disabled shape, else black or
        // white, whichever reads better on the fill.
        const bool cutOut = mode == QIcon::Selected || mode == QIcon::Disabled;
        const QColor ink = contrast(fill, Qt::white) >= contrast(fill, Qt::black)
            ? QColor(Qt::white)
            : QColor(Qt::black);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(image.width(), image.height());
        painter.translate((image.width() - side) / 2, (image.height() - side) / 2);
        painter.scale(side / 16.0, side / 16.0); // drawn on a 16x16 grid
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        if (m_glyph == Glyph::Warning)
            painter.drawPolygon(
                QPolygonF({ QPointF(8, 0.5), QPointF(15.5, 14.5), QPointF(0.5, 14.5) }));
        else
            painter.drawEllipse(QRectF(0.5, 0.5, 15, 15));
        if (cutOut)
            painter.setCompositionMode(QPainter::CompositionMode_Clear);
        QPen pen(ink, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        switch (m_glyph) {
        case Glyph::Check:
            painter.drawPolyline(
                QPolygonF({ QPointF(4.5, 8.3), QPointF(7, 10.8), QPointF(11.5, 5.5) }));
            break;
        case Glyph::Busy:
            painter.drawArc(QRectF(4.2, 4.2, 7.6, 7.6), 90 * 16, 270 * 16);
            painter.setPen(Qt::NoPen);
            painter.setBrush(ink);
            painter.drawPolygon(
                QPolygonF({ QPointF(7, 2.2), QPointF(10.4, 4.2), QPointF(7, 6.2) }));
            break;
        case Glyph::Warning:
            painter.drawLine(QPointF(8, 5.5), QPointF(8, 9.3));
            painter.drawPoint(QPointF(8, 12.2));
            break;
        case Glyph::Cross:
            painter.drawLine(QPointF(5.2, 5.2), QPointF(10.8, 10.8));
            painter.drawLine(QPointF(10.8, 5.2), QPointF(5.2, 10.8));
            break;
        case Glyph::Question: {
            QPainterPath hook;
            hook.moveTo(5.6, 6.2);
            hook.cubicTo(5.6, 3.2, 10.4, 3.2, 10.4, 6.0);
            hook.cubicTo(10.4, 7.8, 8, 7.9, 8, 9.6);
            painter.drawPath(hook);
            painter.drawPoint(QPointF(8, 12.3));
            break;
        }
        }
        painter.end();
        QPixmap pixmap = QPixmap::fromImage(image);
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

private:
    Glyph m_glyph;
    QColor m_normal;
    QColor m_selected;
    QColor m_disabled;
};

QIcon statusIcon(AccountStatus::Kind kind)
{
    using Glyph = StatusIconEngine::Glyph;
    const QPalette palette = QGuiApplication::palette();
    auto icon = [&palette](Glyph glyph, QRgb hue) {
        return QIcon(new StatusIconEngine(glyph, QColor::fromRgb(hue), palette));
    };
    switch (kind) {
    case AccountStatus::Kind::SignedIn:
    case AccountStatus::Kind::Open:
        return icon(Glyph::Check, 0x2e9e44);
    case AccountStatus::Kind::Refreshing:
        return icon(Glyph::Busy, 0x3b82d6);
    case AccountStatus::Kind::NeedsSignIn:
        return icon(Glyph::Warning, 0xf0a020);
    case AccountStatus::Kind::Unreachable:
    case AccountStatus::Kind::Error:
        return icon(Glyph::Cross, 0xe0443a);
    case AccountStatus::Kind::SignedOut:
    case AccountStatus::Kind::Unknown:
        break;
    }
    return icon(Glyph::Question, 0x8a8f98);
}

} // namespace

ServerListModel::ServerListModel(ServerRegistry *registry, const Clock *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_registry(registry)
    , m_clock(clock)
{
    connect(m_registry, &ServerRegistry::changed, this, &ServerListModel::reload);
    // "expires in 42 min" moves on by itself.
    m_ticker.setInterval(30000);
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, ExpiryColumn));
    });
    m_ticker.start();
    reload();
}

int ServerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ServerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ServerListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    const QList<ServerRecord> servers = m_registry->servers();
    for (const ServerRecord &server : servers) {
        if (server.accounts.isEmpty()) {
            m_rows.append({ server, {}, false });
            continue;
        }
        for (const AccountRecord &account : server.accounts)
            m_rows.append({ server, account, true });
    }
    endResetModel();
}

void ServerListModel::setProbeResult(const QString &serverId, const ProbeResult &result)
{
    m_probes.insert(serverId, result);
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).server.id == serverId)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void ServerListModel::setBusy(const QString &serverId, const QString &label,
                              AccountStatus::Kind kind, bool busy)
{
    if (busy)
        m_busy.insert(busyKey(serverId, label), kind);
    else
        m_busy.remove(busyKey(serverId, label));
    const int row = rowOf(serverId, label);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString ServerListModel::serverId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).server.id : QString();
}

QString ServerListModel::label(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).hasAccount
        ? m_rows.at(row).account.label
        : QString();
}

bool ServerListModel::hasAccount(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).hasAccount;
}

int ServerListModel::rowOf(const QString &serverId, const QString &label) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &entry = m_rows.at(row);
        if (entry.server.id == serverId
            && (label.isEmpty() || !entry.hasAccount || entry.account.label == label))
            return row;
    }
    return -1;
}

AccountStatus ServerListModel::status(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const Row &entry = m_rows.at(row);
    AccountStatus status
        = AccountStatus::fromRecord(entry.hasAccount ? &entry.account : nullptr, m_clock->now());
    if (m_probes.contains(entry.server.id))
        status = AccountStatus::refine(status, m_probes.value(entry.server.id));
    else if (!entry.hasAccount)
        status.kind = AccountStatus::Kind::Unknown;
    const QString key
        = busyKey(entry.server.id, entry.hasAccount ? entry.account.label : QString());
    if (m_busy.contains(key))
        status.kind = m_busy.value(key);
    return status;
}

bool ServerListModel::needsAttention() const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const AccountStatus::Kind kind = status(row).kind;
        if (kind == AccountStatus::Kind::NeedsSignIn
            || (hasAccount(row) && kind == AccountStatus::Kind::Error))
            return true;
    }
    return false;
}

QString ServerListModel::relativeExpiry(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid())
        return tr("no expiry given");
    const qint64 seconds = now.secsTo(expiresAt);
    const qint64 minutes = qAbs(seconds) / 60;
    if (seconds >= 0) {
        if (seconds < 60)
            return tr("expires in less than a minute");
        if (minutes < 120)
            return tr("expires in %n min", nullptr, static_cast<int>(minutes));
        if (minutes < 2880)
            return tr("expires in %n h", nullptr, static_cast<int>(minutes / 60));
        return tr("expires in %n days", nullptr, static_cast<int>(minutes / 1440));
    }
    if (minutes < 120)
        return tr("expired %n min ago", nullptr, static_cast<int>(qMax<qint64>(1, minutes)));
    return tr("expired %n h ago", nullptr, static_cast<int>(minutes / 60));
}

QString ServerListModel::statusText(const AccountStatus &status)
{
    switch (status.kind) {
    case AccountStatus::Kind::Unknown:
        return tr("Not checked yet");
    case AccountStatus::Kind::Open:
        return tr("Open (no sign-in needed)");
    case AccountStatus::Kind::SignedOut:
        return tr("Signed out");
    case AccountStatus::Kind::SignedIn:
        if (status.refreshDue)
            return tr("Signed in (refreshing soon)");
        // SEP-2207: no refresh token, so the person signs in again at expiry.
        return status.noRefreshToken ? tr("Signed in (no refresh token)") : tr("Signed in");
    case AccountStatus::Kind::Refreshing:
        return tr("Working\u2026");
    case AccountStatus::Kind::NeedsSignIn:
        return tr("Needs sign-in");
    case AccountStatus::Kind::Unreachable:
        return tr("Unreachable");
    case AccountStatus::Kind::Error:
        break;
    }
    return tr("Error");
}

QVariant ServerListModel::displayData(const Row &row, int column, const AccountStatus &status) const
{
    switch (column) {
    case NameColumn:
        return row.server.name.isEmpty() ? row.server.id : row.server.name;
    case StatusColumn:
        return statusText(status);
    case AccountColumn: {
        if (!row.hasAccount)
            return QString();
        const QString who = !row.account.email.isEmpty() ? row.account.email
            : !row.account.name.isEmpty()                ? row.account.name
            : !row.account.subject.isEmpty()             ? row.account.subject
                                                         : QString();
        return who.isEmpty() ? row.account.label : tr("%1 (%2)").arg(row.account.label, who);
    }
    case ExpiryColumn:
        return status.kind == AccountStatus::Kind::SignedIn
            ? relativeExpiry(status.expiresAt, m_clock->now())
            : QString();
    case UrlColumn:
        return UrlPolicy::redacted(row.server.mcpUrl);
    default:
        return {};
    }
}

QVariant ServerListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const AccountStatus current = status(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column(), current);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(statusIcon(current.kind)) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = statusText(current);
        if (!current.reason.isEmpty())
            tip += QLatin1Char('\n') + current.reason;
        if (row.hasAccount && !row.account.lastError.isEmpty())
            tip += QLatin1Char('\n') + tr("Last error: %1").arg(row.account.lastError);
        return plainToolTip(tip);
    }
    case Qt::AccessibleTextRole:
        return displayData(row, index.column(), current);
    case ServerIdRole:
        return row.server.id;
    case LabelRole:
        return row.hasAccount ? row.account.label : QString();
    case StatusKindRole:
        return static_cast<int>(current.kind);
    case HasAccountRole:
        return row.hasAccount;
    default:
        return {};
    }
}

QVariant ServerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Server");
    case StatusColumn:
        return tr("Status");
    case AccountColumn:
        return tr("Account");
    case ExpiryColumn:
        return tr("Expires");
    case UrlColumn:
        return tr("URL");
    default:
        return {};
    }
}

} // namespace Mcpa
