#pragma once

#include "core/base/error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Mcpa {

/// Minimal edits of one table of a TOML file (Codex's config.toml:
/// `[mcp_servers.NAME]` and its sub-tables such as `[mcp_servers.NAME.env]`).
/// Only the table's lines change; comments, other tables and their order
/// stay byte for byte.
///
/// A small line scanner, not a full TOML parser: it knows comments, basic and
/// literal strings (multi-line ones too), arrays and inline tables across
/// lines, table and array-of-table headers with bare, quoted and dotted keys.
/// A file it cannot follow (an unterminated string or array, a line that is
/// neither a header nor KEY = VALUE, a table defined twice) is refused with
/// ImportFileInvalid naming the file and line, and never rewritten. So is a
/// server defined in a way it would not edit in place (an inline table,
/// dotted keys, its tables apart from each other).
namespace TomlEdit {

struct Result
{
    QByteArray text; ///< the whole edited file
    bool hadEntry = false;
    QByteArray previousEntry; ///< the table's exact lines (when hadEntry)
    Error error;
};

/// The syntax check; ImportFileInvalid with the line when the file is not
/// TOML this scanner can follow.
Error check(const QByteArray &text, const QString &path);

/// Replaces the table @p table (a dotted path: {"mcp_servers", NAME}) and
/// its sub-tables by @p tableText, or appends it after a blank line.
Result setTable(const QByteArray &text, const QString &path, const QStringList &table,
                const QByteArray &tableText);
/// Removes the table and its sub-tables (and the blank line setTable()
/// wrote before an appended one).
Result removeTable(const QByteArray &text, const QString &path, const QStringList &table);

/// The table's "command" and "args" (single-line basic strings or an array
/// of them); false when the table is not there.
bool readCommand(const QByteArray &text, const QStringList &table, QString *command,
                 QStringList *args);
/// The second key of every table header that starts with @p first
/// ("mcp_servers"), in file order, without repeats.
QStringList tableNames(const QByteArray &text, const QString &first);

/// @p table as a header key ("mcp_servers.name", quoting keys that are not bare).
QByteArray headerKey(const QStringList &table);
/// @p text as a TOML basic string, quotes included.
QByteArray basicString(const QString &text);

} // namespace TomlEdit
} // namespace Mcpa
