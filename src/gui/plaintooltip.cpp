#include "gui/plaintooltip.h"

#include <QTextDocument>

namespace Mcpa {

QString plainToolTip(const QString &text)
{
    // What Qt would show as plain text anyway stays as it is; what it would
    // render becomes escaped HTML that says exactly the plain text.
    if (!Qt::mightBeRichText(text))
        return text;
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

} // namespace Mcpa
