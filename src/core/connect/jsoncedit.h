#pragma once

#include "core/base/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Mcpa {

/// Minimal edits of one server entry in a JSON or JSONC file (// and /* */
/// comments, trailing commas): only the bytes of the entry (and, when it is
/// added or removed, the separator next to it) change; comments, key order,
/// indentation and line endings elsewhere stay byte for byte.
///
/// The file is scanned by a small span locator that knows strings, escapes,
/// comments and trailing commas. Every edit is checked afterwards: the
/// result must parse, and parse to the original with only the entry
/// changed; otherwise the edit is refused (Error ConfigInvalid) and the
/// text is not used.
namespace JsoncEdit {

/// An entry value as ordered fields (JSON objects sort their keys; a
/// client's entry reads better in the order written here).
using OrderedFields = QList<QPair<QString, QJsonValue>>;

struct Result
{
    QByteArray text; ///< the whole edited file
    bool hadEntry = false; ///< the entry existed before
    QByteArray previousEntry; ///< its value's exact bytes (when hadEntry)
    QJsonObject previousObject; ///< its parsed value (when hadEntry and an object)
    Error error;
};

/// Parses @p text as JSONC; ImportFileInvalid naming @p path, line and
/// column when it is not a JSON object.
Error parse(const QByteArray &text, const QString &path, QJsonObject *root);

/// The entry @p name of the object at top-level key @p container, or an
/// empty object and false.
bool entry(const QJsonObject &root, const QString &container, const QString &name,
           QJsonObject *value);

/// Sets container.name to @p fields (replacing the value in place, or adding
/// the member after the last one, or adding the container). An empty
/// @p text is a new file.
Result setEntry(const QByteArray &text, const QString &path, const QString &container,
                const QString &name, const OrderedFields &fields);
/// Puts back an entry value's exact bytes @p value (from Result::previousEntry).
Result restoreEntry(const QByteArray &text, const QString &path, const QString &container,
                    const QString &name, const QByteArray &value);
/// Removes container.name with its separator; the container too when it is
/// then empty and @p removeEmptyContainer.
Result removeEntry(const QByteArray &text, const QString &path, const QString &container,
                   const QString &name, bool removeEmptyContainer);

/// @p value as JSON text (a string with its quotes and escapes).
QByteArray jsonText(const QJsonValue &value);

} // namespace JsoncEdit
} // namespace Mcpa
