#include "gui/apptranslator.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace Mcpa {

QTranslator *replaceAppTranslator(QTranslator *current, const QString &code, QObject *parent)
{
    if (current) {
        QCoreApplication::removeTranslator(current);
        delete current;
    }
    if (code == QLatin1String("en"))
        return nullptr;
    auto *translator = new QTranslator(parent);
    const QLocale locale = code.isEmpty() ? QLocale() : QLocale(code);
    if (!translator->load(locale, QStringLiteral("mcp-accounts"), QStringLiteral("_"),
                          QStringLiteral(":/i18n"))) {
        delete translator;
        return nullptr;
    }
    QCoreApplication::installTranslator(translator);
    return translator;
}

} // namespace Mcpa
