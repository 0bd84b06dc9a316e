#pragma once

#include <QString>

namespace Mcpa {

/// @p text as a tooltip that shows it literally. Qt renders a tooltip that
/// looks like HTML as rich text; text a server or another program's config
/// wrote ("<img src=…>", "<a href=…>") must not be rendered. Line breaks stay.
QString plainToolTip(const QString &text);

} // namespace Mcpa
