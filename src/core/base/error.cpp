#include "core/base/error.h"

#include <QMetaEnum>

namespace Mcpa {

Error::Error(Code code, QString detail)
    : m_code(code)
    , m_detail(std::move(detail))
{ }

QString Error::codeName() const
{
    // "KeychainUnavailable" -> "keychain-unavailable"
    const char *key = QMetaEnum::fromType<Code>().valueToKey(static_cast<int>(m_code));
    const QString camel = QString::fromLatin1(key ? key : "Unknown");
    QString out;
    for (int i = 0; i < camel.size(); ++i) {
        const QChar c = camel.at(i);
        if (c.isUpper() && i > 0)
            out += QLatin1Char('-');
        out += c.toLower();
    }
    return out;
}

QString Error::toString() const
{
    if (m_detail.isEmpty())
        return codeName();
    return codeName() + QLatin1String(": ") + m_detail;
}

} // namespace Mcpa
