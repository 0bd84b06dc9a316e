#pragma once

#include <QByteArray>
#include <QString>

namespace Mcpa::LineDiff {

/// A unified diff (3 lines of context) from @p before to @p after, both
/// named @p path ("--- PATH", "+++ PATH", "@@ -a,b +c,d @@" hunks); empty
/// when they are equal. Lines are compared with their line endings; a last
/// line without one is marked "\ No newline at end of file".
QByteArray unified(const QByteArray &before, const QByteArray &after, const QString &path);

} // namespace Mcpa::LineDiff
