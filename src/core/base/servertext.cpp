#include "core/base/servertext.h"

namespace Mcpa {

QString sanitizedServerText(const QString &text, int limit)
{
    QString out;
    out.reserve(qMin(text.size(), limit + 1));
    for (const QChar c : text) {
        if (out.size() >= limit) {
            out += QChar(0x2026); // ellipsis
            break;
        }
        out += c.category() == QChar::Other_Control ? QLatin1Char(' ') : c;
    }
    return out.trimmed();
}

} // namespace Mcpa
