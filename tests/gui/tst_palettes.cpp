#include "core/accounts/accountservice.h"
#include "core/base/clock.h"
#include "core/net/httpclient.h"
#include "core/store/secretstore.h"
#include "core/store/serverregistry.h"
#include "core/store/tokenstore.h"
#include "gui/mainwindow.h"
#include "gui/serverdialog.h"
#include "gui/serverlistmodel.h"
#include "gui/tokenviewerdialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>

#include <cmath>
#include <memory>

using namespace Mcpa;

// "Readable in dark and high-contrast palettes": every text the app draws
// itself (model colours, style sheets, palette overrides, rich text) has a
// WCAG contrast of at least 4.5:1 against what it is drawn on, and the
// status icons at least 3:1 (non-text contrast), in Fusion with a light, a
// dark and a high-contrast palette. Disabled texts are exempt (as in WCAG);
// text and background that both come from the palette are the theme's.
namespace {

constexpr double TextContrast = 4.5;
constexpr double IconContrast = 3.0;

double channel(double value)
{
    return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

/// WCAG 2 relative luminance.
double luminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

/// WCAG 2 contrast ratio, 1 to 21.
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

/// @p color (possibly translucent) painted over the opaque @p background.
QColor over(const QColor &color, const QColor &background)
{
    const double alpha = color.alphaF();
    return QColor::fromRgbF(
        static_cast<float>(color.redF() * alpha + background.redF() * (1 - alpha)),
        static_cast<float>(color.greenF() * alpha + background.greenF() * (1 - alpha)),
        static_cast<float>(color.blueF() * alpha + background.blueF() * (1 - alpha)));
}

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return fusion->standardPalette();
}

/// The usual "Fusion dark" palette many apps and themes use.
QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x35, 0x35, 0x35);
    const QColor base(0x24, 0x24, 0x24);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, Qt::white);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x2e, 0x2e, 0x2e));
    palette.setColor(QPalette::ToolTipBase, QColor(0x19, 0x19, 0x19));
    palette.setColor(QPalette::ToolTipText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa8));
    palette.setColor(QPalette::Text, Qt::white);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, Qt::white);
    palette.setColor(QPalette::BrightText, Qt::red);
    palette.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    palette.setColor(QPalette::Midlight, QColor(0x42, 0x42, 0x42));
    palette.setColor(QPalette::Mid, QColor(0x28, 0x28, 0x28));
    palette.setColor(QPalette::Dark, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::Shadow, Qt::black);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x6a, 0xb0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7f, 0x7f, 0x7f));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7f, 0x7f, 0x7f));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7f, 0x7f, 0x7f));
    return palette;
}

/// Black, white and yellow, as high-contrast themes do.
QPalette highContrastPalette()
{
    QPalette palette;
    const QColor yellow(0xff, 0xff, 0x00);
    palette.setColor(QPalette::Window, Qt::black);
    palette.setColor(QPalette::WindowText, Qt::white);
    palette.setColor(QPalette::Base, Qt::black);
    palette.setColor(QPalette::AlternateBase, QColor(0x1a, 0x1a, 0x1a));
    palette.setColor(QPalette::ToolTipBase, Qt::black);
    palette.setColor(QPalette::ToolTipText, yellow);
    palette.setColor(QPalette::PlaceholderText, QColor(0xc0, 0xc0, 0xc0));
    palette.setColor(QPalette::Text, Qt::white);
    palette.setColor(QPalette::Button, Qt::black);
    palette.setColor(QPalette::ButtonText, yellow);
    palette.setColor(QPalette::BrightText, yellow);
    palette.setColor(QPalette::Light, Qt::white);
    palette.setColor(QPalette::Midlight, QColor(0xc0, 0xc0, 0xc0));
    palette.setColor(QPalette::Mid, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Dark, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Shadow, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x00, 0xff, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xff, 0x80, 0xff));
    palette.setColor(QPalette::Highlight, yellow);
    palette.setColor(QPalette::HighlightedText, Qt::black);
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x90, 0x90, 0x90));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x90, 0x90, 0x90));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x90, 0x90, 0x90));
    return palette;
}

QString describe(const QWidget *widget)
{
    QString path;
    for (const QObject *object = widget; object; object = object->parent()) {
        const QString name = object->objectName().isEmpty()
            ? QString::fromLatin1(object->metaObject()->className())
            : object->objectName();
        path = path.isEmpty() ? name : name + QLatin1Char('/') + path;
    }
    return path;
}

/// A colour a widget draws with, and whether it is simply the theme's (the
/// application palette's colour for that kind of widget) or the app's own.
struct Shade
{
    QColor color;
    bool fromTheme = false;
};

Shade shade(const QWidget *widget, QPalette::ColorRole role)
{
    const QColor color = widget->palette().color(QPalette::Active, role);
    return { color, color == QApplication::palette(widget).color(QPalette::Active, role) };
}

Shade own(const QColor &color)
{
    return { color, false };
}

/// What a widget's text is drawn on: the background role of the nearest
/// widget (itself or an ancestor) that paints one, else the window's.
Shade backgroundOf(const QWidget *widget)
{
    for (const QWidget *current = widget; current; current = current->parentWidget()) {
        if (current->autoFillBackground() || current->isWindow()
            || qobject_cast<const QAbstractScrollArea *>(current->parentWidget()))
            return shade(current, current->backgroundRole());
    }
    return { QApplication::palette().color(QPalette::Window), true };
}

/// Colour values in a style sheet or rich text ("color: #777", "color=\"red\"",
/// "background-color: palette(base)"), with the property they belong to.
QList<std::pair<QString, QColor>> colorsIn(const QString &text, const QPalette &palette)
{
    static const QRegularExpression pattern(QStringLiteral(
        "((?:background-)?color|background)\\s*[:=]\\s*[\"']?"
        "(#[0-9a-fA-F]{3,8}|rgba?\\([^)]*\\)|palette\\(\\s*[\\w-]+\\s*\\)|[a-zA-Z]+)"));
    QList<std::pair<QString, QColor>> colors;
    QRegularExpressionMatchIterator matches = pattern.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString value = match.captured(2).trimmed();
        QColor color;
        if (value.startsWith(QLatin1String("palette("))) {
            const QString role
                = value.mid(8).chopped(1).trimmed().toLower().remove(QLatin1Char('-'));
            const QMetaEnum roles = QMetaEnum::fromType<QPalette::ColorRole>();
            for (int i = 0; i < roles.keyCount(); ++i) {
                if (QString::fromLatin1(roles.key(i)).toLower() == role)
                    color = palette.color(static_cast<QPalette::ColorRole>(roles.value(i)));
            }
        } else if (value.startsWith(QLatin1String("rgb"))) {
            const QStringList parts
                = value.mid(value.indexOf(QLatin1Char('(')) + 1).chopped(1).split(QLatin1Char(','));
            if (parts.size() >= 3)
                color = QColor(parts.at(0).trimmed().toInt(), parts.at(1).trimmed().toInt(),
                               parts.at(2).trimmed().toInt());
        } else {
            color = QColor::fromString(value);
        }
        if (color.isValid())
            colors.append({ match.captured(1).toLower(), color });
    }
    return colors;
}

class ContrastChecker
{
public:
    explicit ContrastChecker(const QString &paletteName)
        : m_palette(paletteName)
    { }

    QStringList failures() const { return m_failures; }

    /// Text in @p foreground on @p background. Pairs that are both the theme's
    /// are the theme's business (Fusion's own light palette has some below
    /// 4.5:1); a colour the app chose must be readable on what it is drawn on.
    void text(const QString &where, const Shade &foreground, const Shade &background)
    {
        ++m_checks;
        if (foreground.fromTheme && background.fromTheme)
            return;
        const QColor shown = over(foreground.color, background.color);
        const double ratio = contrast(shown, background.color);
        if (ratio < TextContrast)
            m_failures << QStringLiteral("%1: %2: text %3 on %4 has contrast %5 < %6")
                              .arg(m_palette, where, foreground.color.name(QColor::HexArgb),
                                   background.color.name(), QString::number(ratio, 'f', 2),
                                   QString::number(TextContrast));
    }

    /// The share of an icon's visible pixels that stand out from @p background
    /// by 3:1 must be large enough to make out its shape.
    void icon(const QString &where, const QIcon &icon, const QSize &size, const QColor &background,
              QIcon::Mode mode = QIcon::Normal)
    {
        ++m_checks;
        const QImage image
            = icon.pixmap(size, mode).toImage().convertToFormat(QImage::Format_ARGB32);
        int visible = 0;
        int distinct = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor pixel = image.pixelColor(x, y);
                if (pixel.alphaF() < 0.5f)
                    continue;
                ++visible;
                if (contrast(over(pixel, background), background) >= IconContrast)
                    ++distinct;
            }
        }
        const double share = visible ? double(distinct) / visible : 0;
        if (qEnvironmentVariableIsSet("MCPA_PALETTE_VERBOSE"))
            qInfo("%s: %s: %.0f %% of %d", qPrintable(m_palette), qPrintable(where), share * 100,
                  visible);
        if (share < MinimumIconShare)
            m_failures << QStringLiteral("%1: %2: only %3 % of the icon contrasts 3:1 with %4")
                              .arg(m_palette, where, QString::number(share * 100, 'f', 0),
                                   background.name());
    }

    /// Every widget under @p root (itself included) that shows text, and the
    /// application's style sheet.
    void widgetTree(QWidget *root)
    {
        const QString appSheet = qApp->styleSheet();
        for (const auto &[property, color] : colorsIn(appSheet, QApplication::palette())) {
            if (!property.contains(QLatin1String("background")))
                text(QStringLiteral("application style sheet"), own(color),
                     shade(root, QPalette::Window));
        }
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *widget : std::as_const(widgets)) {
            if (!widget->isVisibleTo(root) && widget != root)
                continue;
            styleSheet(widget);
            if (!widget->isEnabled())
                continue; // disabled texts are exempt
            const QString where = describe(widget);
            auto role = [widget](QPalette::ColorRole colorRole) {
                return shade(widget, colorRole);
            };
            if (qobject_cast<QHeaderView *>(widget)) {
                text(where, role(QPalette::ButtonText), role(QPalette::Button));
            } else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
                itemView(view);
            } else if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
                text(where, role(QPalette::Text), role(QPalette::Base));
                if (!edit->placeholderText().isEmpty())
                    text(where + QStringLiteral(" (placeholder)"), role(QPalette::PlaceholderText),
                         role(QPalette::Base));
            } else if (qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QTextEdit *>(widget)
                       || qobject_cast<QAbstractSpinBox *>(widget)) {
                text(where, role(QPalette::Text), role(QPalette::Base));
            } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
                if (combo->isEditable())
                    text(where, role(QPalette::Text), role(QPalette::Base));
                else
                    text(where, role(QPalette::ButtonText), role(QPalette::Button));
            } else if (qobject_cast<QPushButton *>(widget) || qobject_cast<QToolButton *>(widget)) {
                text(where, role(QPalette::ButtonText), role(QPalette::Button));
            } else if (qobject_cast<QCheckBox *>(widget) || qobject_cast<QRadioButton *>(widget)
                       || qobject_cast<QGroupBox *>(widget)) {
                text(where, role(widget->foregroundRole()), backgroundOf(widget));
            } else if (auto *label = qobject_cast<QLabel *>(widget)) {
                if (label->text().isEmpty())
                    continue;
                const Shade background = backgroundOf(label);
                text(where, role(label->foregroundRole()), background);
                if (label->textFormat() != Qt::PlainText) {
                    const QList<std::pair<QString, QColor>> colors
                        = colorsIn(label->text(), label->palette());
                    for (const auto &[property, color] : colors) {
                        if (!property.contains(QLatin1String("background")))
                            text(where + QStringLiteral(" (rich text)"), own(color), background);
                    }
                }
                if (label->textInteractionFlags() & Qt::LinksAccessibleByMouse)
                    text(where + QStringLiteral(" (link)"), role(QPalette::Link), background);
            }
        }
    }

    int checks() const { return m_checks; }

private:
    /// At least a quarter of an icon's visible pixels (its outline, its glyph
    /// or its body) must stand out; Qt's yellow warning triangle on white,
    /// outlined, has 31 %.
    static constexpr double MinimumIconShare = 0.25;

    void styleSheet(QWidget *widget)
    {
        const QString sheet = widget->styleSheet();
        if (sheet.isEmpty())
            return;
        const QList<std::pair<QString, QColor>> colors = colorsIn(sheet, widget->palette());
        Shade background = backgroundOf(widget);
        for (const auto &[property, color] : colors) {
            if (property.contains(QLatin1String("background")))
                background = own(color);
        }
        for (const auto &[property, color] : colors) {
            if (!property.contains(QLatin1String("background")))
                text(describe(widget) + QStringLiteral(" (style sheet)"), own(color), background);
        }
    }

    void itemView(QAbstractItemView *view)
    {
        const QString where = describe(view);
        const Shade text = shade(view, QPalette::Text);
        const Shade base = shade(view, QPalette::Base);
        const Shade alternate = shade(view, QPalette::AlternateBase);
        const Shade highlight = shade(view, QPalette::Highlight);
        this->text(where, text, base);
        if (view->alternatingRowColors())
            this->text(where + QStringLiteral(" (alternate rows)"), text, alternate);
        this->text(where + QStringLiteral(" (selection)"), shade(view, QPalette::HighlightedText),
                   highlight);
        QAbstractItemModel *model = view->model();
        if (!model)
            return;
        QSize iconSize = view->iconSize();
        if (!iconSize.isValid())
            iconSize = QSize(16, 16);
        QList<QModelIndex> parents { QModelIndex() };
        int visited = 0;
        while (!parents.isEmpty() && visited < 2000) {
            const QModelIndex parent = parents.takeFirst();
            for (int row = 0; row < model->rowCount(parent); ++row) {
                for (int column = 0; column < model->columnCount(parent); ++column) {
                    const QModelIndex index = model->index(row, column, parent);
                    ++visited;
                    if (column == 0 && model->hasChildren(index))
                        parents.append(index);
                    const QString cell = QStringLiteral("%1 [%2,%3 %4]")
                                             .arg(where)
                                             .arg(row)
                                             .arg(column)
                                             .arg(index.data().toString().left(24));
                    QList<Shade> backgrounds;
                    const QVariant ownBackground = index.data(Qt::BackgroundRole);
                    if (ownBackground.isValid()) {
                        backgrounds << own(ownBackground.value<QBrush>().color());
                    } else {
                        backgrounds << base;
                        if (view->alternatingRowColors())
                            backgrounds << alternate;
                    }
                    const QVariant foreground = index.data(Qt::ForegroundRole);
                    for (const Shade &background : std::as_const(backgrounds)) {
                        this->text(cell,
                                   foreground.isValid() ? own(foreground.value<QBrush>().color())
                                                        : text,
                                   background);
                    }
                    const QVariant decoration = index.data(Qt::DecorationRole);
                    if (decoration.canConvert<QIcon>() && !decoration.value<QIcon>().isNull()) {
                        const QIcon shown = decoration.value<QIcon>();
                        for (const Shade &background : std::as_const(backgrounds))
                            icon(cell, shown, iconSize, background.color);
                        icon(cell + QStringLiteral(" (selected)"), shown, iconSize, highlight.color,
                             QIcon::Selected);
                    }
                }
            }
        }
    }

    QString m_palette;
    QStringList m_failures;
    int m_checks = 0;
};

// 2030-01-01T10:00:00Z
const QDateTime Later(QDate(2030, 1, 1), QTime(10, 0), Qt::UTC);

QString base64Url(const QByteArray &data)
{
    return QString::fromLatin1(
        data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString makeJwt(const QByteArray &payload)
{
    return base64Url(R"({"alg":"RS256","typ":"at+jwt"})") + QLatin1Char('.') + base64Url(payload)
        + QLatin1Char('.') + base64Url("fake-signature");
}

} // namespace

class TestPalettes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void mainWindowInEveryStatus_data() { palettes(); }
    void mainWindowInEveryStatus();
    void tokenViewer_data() { palettes(); }
    void tokenViewer();
    void serverDialogWithAProblem_data() { palettes(); }
    void serverDialogWithAProblem();
    void theCheckFindsUnreadableColours();

private:
    void palettes();
    void addServers();

    QTemporaryDir *m_dir = nullptr;
    ServerRegistry *m_registry = nullptr;
    SecretStore *m_secrets = nullptr;
    TokenStore *m_tokens = nullptr;
    HttpClient *m_http = nullptr;
    AccountService *m_service = nullptr;
    ManualClock m_clock;
};

void TestPalettes::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_clock.set(Later.addSecs(-3600));
}

void TestPalettes::palettes()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
    QTest::newRow("high contrast") << highContrastPalette();
}

void TestPalettes::init()
{
    m_dir = new QTemporaryDir;
    m_registry = new ServerRegistry(m_dir->filePath(QStringLiteral("config.json")));
    m_registry->load();
    m_secrets = new SecretStore(QStringLiteral("mcp-accounts-test-palettes"));
    m_tokens = new TokenStore(m_secrets);
    m_http = new HttpClient;
    m_service = new AccountService(m_registry, m_tokens, m_http, &m_clock);
}

void TestPalettes::cleanup()
{
    delete m_service;
    delete m_http;
    delete m_tokens;
    delete m_secrets;
    delete m_registry;
    delete m_dir;
    QApplication::setPalette(lightPalette());
}

void TestPalettes::addServers()
{
    auto add = [this](const QString &name, bool hasAccount, AccountRecord account = {}) {
        ServerRecord server;
        server.name = name;
        server.mcpUrl = QUrl(QStringLiteral("https://%1.example.com/mcp").arg(name.toLower()));
        if (hasAccount)
            server.accounts.append(account);
        QString id;
        QVERIFY(!m_registry->addServer(server, &id));
    };
    AccountRecord signedIn;
    signedIn.email = QStringLiteral("alice@example.com");
    signedIn.expiresAt = Later;
    signedIn.hasRefreshToken = true;
    AccountRecord needsSignIn = signedIn;
    needsSignIn.needsSignIn = true;
    needsSignIn.lastError = QStringLiteral("invalid-grant: revoked");
    AccountRecord expiredNoRefresh = signedIn;
    expiredNoRefresh.expiresAt = Later.addDays(-1);
    expiredNoRefresh.hasRefreshToken = false;
    add(QStringLiteral("SignedIn"), true, signedIn);
    add(QStringLiteral("NeedsSignIn"), true, needsSignIn);
    add(QStringLiteral("Expired"), true, expiredNoRefresh);
    add(QStringLiteral("Refreshing"), true, signedIn);
    add(QStringLiteral("Unreachable"), true, signedIn);
    add(QStringLiteral("Broken"), true, signedIn);
    add(QStringLiteral("SignedOut"), false);
    add(QStringLiteral("Open"), false);
    add(QStringLiteral("Unchecked"), false);
}

void TestPalettes::mainWindowInEveryStatus()
{
    QFETCH(QPalette, palette);
    QApplication::setPalette(palette);
    addServers();
    MainWindow window(m_service, &m_clock);
    ServerListModel *model = window.serverModel();
    auto probe = [model](const QString &id, ProbeResult::Kind kind) {
        ProbeResult result;
        result.kind = kind;
        result.error = Error(Error::Code::HttpStatus, QStringLiteral("HTTP 404"));
        model->setProbeResult(id, result);
    };
    probe(QStringLiteral("unreachable"), ProbeResult::Kind::Unreachable);
    probe(QStringLiteral("broken"), ProbeResult::Kind::Error);
    probe(QStringLiteral("signedout"), ProbeResult::Kind::AuthRequired);
    probe(QStringLiteral("open"), ProbeResult::Kind::Open);
    model->setBusy(QStringLiteral("refreshing"), QStringLiteral("default"),
                   AccountStatus::Kind::Refreshing, true);

    QSet<AccountStatus::Kind> kinds;
    for (int row = 0; row < model->rowCount(); ++row)
        kinds.insert(model->status(row).kind);
    for (AccountStatus::Kind kind :
         { AccountStatus::Kind::Unknown, AccountStatus::Kind::Open, AccountStatus::Kind::SignedOut,
           AccountStatus::Kind::SignedIn, AccountStatus::Kind::Refreshing,
           AccountStatus::Kind::NeedsSignIn, AccountStatus::Kind::Unreachable,
           AccountStatus::Kind::Error })
        QVERIFY2(kinds.contains(kind), qPrintable(AccountStatus::kindName(kind)));

    window.resize(900, 500);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ContrastChecker checker(QString::fromLatin1(QTest::currentDataTag()));
    checker.widgetTree(&window);
    QVERIFY2(checker.failures().isEmpty(), qPrintable(checker.failures().join(QLatin1Char('\n'))));
    QVERIFY(checker.checks() > 9 * ServerListModel::ColumnCount);
}

void TestPalettes::tokenViewer()
{
    QFETCH(QPalette, palette);
    QApplication::setPalette(palette);
    TokenViewerDialog dialog(&m_clock);
    dialog.setServer(QStringLiteral("Example"),
                     QUrl(QStringLiteral("https://mcp.example.com/mcp")));
    AccountRecord account;
    account.issuer = QStringLiteral("https://auth.example.com/");
    account.email = QStringLiteral("alice@example.com");
    account.hasRefreshToken = true;
    dialog.setAccount(account);
    TokenSet tokens;
    tokens.accessToken
        = makeJwt(R"({"iss":"https://auth.example.com/","sub":"alice","aud":"x","exp":1893492000,)"
                  R"("scope":"mcp:read","nested":{"a":[1,2]}})");
    tokens.tokenType = QStringLiteral("Bearer");
    tokens.refreshToken = QStringLiteral("refresh");
    tokens.expiresAt = Later;
    dialog.setTokens(tokens);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    ContrastChecker checker(QString::fromLatin1(QTest::currentDataTag()));
    checker.widgetTree(&dialog);
    // Busy, and expired (the expiry turns bold, nothing else should change).
    dialog.setBusy(true);
    m_clock.set(Later.addSecs(60));
    dialog.setTokens(tokens);
    checker.widgetTree(&dialog);
    m_clock.set(Later.addSecs(-3600));
    QVERIFY2(checker.failures().isEmpty(), qPrintable(checker.failures().join(QLatin1Char('\n'))));
    QVERIFY(checker.checks() > 10);
}

void TestPalettes::serverDialogWithAProblem()
{
    QFETCH(QPalette, palette);
    QApplication::setPalette(palette);
    ServerDialog dialog(ServerDialog::Mode::Add, nullptr);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    ContrastChecker checker(QString::fromLatin1(QTest::currentDataTag()));
    checker.widgetTree(&dialog);
    // A problem shows as a warning icon in the field and a sentence under it.
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    QVERIFY(url);
    url->setText(QStringLiteral("http://mcp.example.com/mcp"));
    QTest::qWait(50);
    checker.widgetTree(&dialog);
    for (QAction *action : url->actions()) {
        if (action->isVisible() && !action->icon().isNull())
            checker.icon(QStringLiteral("urlEdit warning"), action->icon(), QSize(16, 16),
                         url->palette().color(QPalette::Base));
    }
    QVERIFY2(checker.failures().isEmpty(), qPrintable(checker.failures().join(QLatin1Char('\n'))));
}

void TestPalettes::theCheckFindsUnreadableColours()
{
    QApplication::setPalette(darkPalette());
    QWidget window;
    auto *label = new QLabel(QStringLiteral("hint"), &window);
    label->setStyleSheet(QStringLiteral("QLabel { color: #555555; }"));
    auto *rich = new QLabel(QStringLiteral("<span style=\"color:#444\">grey</span>"), &window);
    rich->setTextFormat(Qt::RichText);
    auto *overridden = new QLabel(QStringLiteral("dark on dark"), &window);
    overridden->setObjectName(QStringLiteral("overridden"));
    QPalette palette = overridden->palette();
    palette.setColor(QPalette::WindowText, QColor(0x30, 0x30, 0x30));
    overridden->setPalette(palette);
    window.show();
    qApp->setStyleSheet(QStringLiteral("QLabel#nothing { color: rgb(60, 60, 60) }"));
    ContrastChecker checker(QStringLiteral("dark"));
    checker.widgetTree(&window);
    qApp->setStyleSheet(QString());
    const QString failures = checker.failures().join(QLatin1Char('\n'));
    QVERIFY2(failures.contains(QLatin1String("application style sheet")), qPrintable(failures));
    QVERIFY2(failures.contains(QLatin1String("(style sheet)")), qPrintable(failures));
    QVERIFY2(failures.contains(QLatin1String("(rich text)")), qPrintable(failures));
    QVERIFY2(failures.contains(QLatin1String("/overridden: text")), qPrintable(failures));
    QVERIFY2(checker.failures().size() >= 4, qPrintable(failures));
    // Icons: a dark grey disc on the dark base is not distinguishable.
    QPixmap disc(16, 16);
    disc.fill(Qt::transparent);
    QPainter painter(&disc);
    painter.setBrush(QColor(0x40, 0x40, 0x40));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(0, 0, 16, 16);
    painter.end();
    ContrastChecker icons(QStringLiteral("dark"));
    icons.icon(QStringLiteral("disc"), QIcon(disc), QSize(16, 16),
               darkPalette().color(QPalette::Base));
    QCOMPARE(icons.failures().size(), 1);
}

QTEST_MAIN(TestPalettes)
#include "tst_palettes.moc"
