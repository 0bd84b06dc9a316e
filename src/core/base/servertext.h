#pragma once

#include <QString>

namespace Mcpa {

/// Text a server sent that will be shown to people or put in a trace
/// (error descriptions, client ids, method names): control characters
/// become spaces (they could forge trace lines or terminal output) and it
/// is cut to @p limit characters with an ellipsis.
QString sanitizedServerText(const QString &text, int limit = 300);

} // namespace Mcpa
