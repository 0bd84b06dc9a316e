#include "core/connect/tomledit.h"

#include "core/connect/jsoncedit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Mcpa::TomlEdit {

namespace {

struct Line
{
    enum class Kind { Blank, Comment, Header, KeyValue, Continuation };
    Kind kind = Kind::Blank;
    qsizetype start = 0;
    qsizetype end = 0; ///< one past its newline (or the end of the text)
    QStringList key; ///< Header: the table; KeyValue: the (dotted) key
    bool arrayHeader = false;
    QByteArray value; ///< KeyValue: the value's text when it ends on this line
};

bool isBare(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-';
}

class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_text(text)
    { }

    /// Splits the text into lines; false (and error()) when it cannot.
    bool scan()
    {
        qsizetype start = 0;
        int number = 0;
        while (start < m_text.size()) {
            ++number;
            qsizetype end = m_text.indexOf('\n', start);
            end = end < 0 ? m_text.size() : end + 1;
            Line line;
            line.start = start;
            line.end = end;
            if (!classify(&line, number))
                return false;
            m_lines.append(line);
            start = end;
        }
        if (!m_multiline.isEmpty() || m_depth != 0) {
            m_error = QStringLiteral("line %1: an unterminated %2")
                          .arg(number)
                          .arg(m_depth != 0 ? QStringLiteral("array or inline table")
                                            : QStringLiteral("string"));
            return false;
        }
        return true;
    }

    QList<Line> lines() const { return m_lines; }
    QString error() const { return m_error; }

private:
    bool fail(int number, const QString &problem)
    {
        m_error = QStringLiteral("line %1: %2").arg(number).arg(problem);
        return false;
    }

    /// A (dotted) key from @p i; @p i ends after it and its trailing spaces.
    bool key(qsizetype *i, qsizetype end, QStringList *parts)
    {
        qsizetype j = *i;
        for (;;) {
            while (j < end && (m_text.at(j) == ' ' || m_text.at(j) == '\t'))
                ++j;
            if (j >= end)
                return false;
            const char c = m_text.at(j);
            if (c == '"' || c == '\'') {
                qsizetype k = j + 1;
                while (k < end && m_text.at(k) != c && m_text.at(k) != '\n') {
                    if (c == '"' && m_text.at(k) == '\\')
                        ++k;
                    ++k;
                }
                if (k >= end || m_text.at(k) != c)
                    return false;
                if (c == '"') {
                    const QJsonDocument decoded
                        = QJsonDocument::fromJson('[' + m_text.mid(j, k + 1 - j) + ']');
                    if (!decoded.isArray())
                        return false;
                    parts->append(decoded.array().at(0).toString());
                } else {
                    parts->append(QString::fromUtf8(m_text.mid(j + 1, k - j - 1)));
                }
                j = k + 1;
            } else if (isBare(c)) {
                const qsizetype from = j;
                while (j < end && isBare(m_text.at(j)))
                    ++j;
                parts->append(QString::fromLatin1(m_text.mid(from, j - from)));
            } else {
                return false;
            }
            while (j < end && (m_text.at(j) == ' ' || m_text.at(j) == '\t'))
                ++j;
            if (j < end && m_text.at(j) == '.') {
                ++j;
                continue;
            }
            *i = j;
            return true;
        }
    }

    /// Follows strings, comments and brackets from @p i to @p end.
    bool value(qsizetype i, qsizetype end, int number)
    {
        while (i < end) {
            if (!m_multiline.isEmpty()) {
                const qsizetype close = m_text.indexOf(m_multiline, i);
                if (close < 0 || close >= end)
                    return true;
                i = close + m_multiline.size();
                while (i < end && m_text.at(i) == m_multiline.at(0))
                    ++i; // up to two quotes may end the content
                m_multiline.clear();
                continue;
            }
            const char c = m_text.at(i);
            if (c == '#')
                return true;
            if (c == '"' || c == '\'') {
                const QByteArray triple(3, c);
                if (m_text.mid(i, 3) == triple) {
                    m_multiline = triple;
                    i += 3;
                    continue;
                }
                qsizetype k = i + 1;
                while (k < end && m_text.at(k) != c && m_text.at(k) != '\n') {
                    if (c == '"' && m_text.at(k) == '\\')
                        ++k;
                    ++k;
                }
                if (k >= end || m_text.at(k) != c)
                    return fail(number, QStringLiteral("an unterminated string"));
                i = k + 1;
                continue;
            }
            if (c == '[' || c == '{')
                ++m_depth;
            else if (c == ']' || c == '}')
                --m_depth;
            if (m_depth < 0)
                return fail(number, QStringLiteral("a closing bracket without an opening one"));
            ++i;
        }
        return true;
    }

    bool classify(Line *line, int number)
    {
        qsizetype end = line->end;
        if (!m_multiline.isEmpty() || m_depth > 0) {
            line->kind = Line::Kind::Continuation;
            return value(line->start, end, number);
        }
        qsizetype i = line->start;
        while (i < end && (m_text.at(i) == ' ' || m_text.at(i) == '\t'))
            ++i;
        if (i >= end || m_text.at(i) == '\n' || m_text.at(i) == '\r') {
            line->kind = Line::Kind::Blank;
            return true;
        }
        if (m_text.at(i) == '#') {
            line->kind = Line::Kind::Comment;
            return true;
        }
        if (m_text.at(i) == '[') {
            line->kind = Line::Kind::Header;
            line->arrayHeader = m_text.mid(i, 2) == "[[";
            i += line->arrayHeader ? 2 : 1;
            if (!key(&i, end, &line->key))
                return fail(number, QStringLiteral("a table header that cannot be read"));
            const QByteArray close = line->arrayHeader ? "]]" : "]";
            if (m_text.mid(i, close.size()) != close)
                return fail(number, QStringLiteral("a table header that cannot be read"));
            i += close.size();
            while (i < end && (m_text.at(i) == ' ' || m_text.at(i) == '\t'))
                ++i;
            if (i < end && m_text.at(i) != '#' && m_text.at(i) != '\r' && m_text.at(i) != '\n')
                return fail(number, QStringLiteral("text after a table header"));
            const QString name = line->key.join(QChar(0));
            if (!line->arrayHeader && m_headers.contains(name))
                return fail(number,
                            QStringLiteral("the table [%1] is defined twice")
                                .arg(line->key.join(QLatin1Char('.'))));
            m_headers.insert(name);
            return true;
        }
        line->kind = Line::Kind::KeyValue;
        if (!key(&i, end, &line->key) || i >= end || m_text.at(i) != '=')
            return fail(number, QStringLiteral("neither a table header nor KEY = VALUE"));
        ++i;
        while (i < end && (m_text.at(i) == ' ' || m_text.at(i) == '\t'))
            ++i;
        if (i >= end || m_text.at(i) == '\n' || m_text.at(i) == '\r' || m_text.at(i) == '#')
            return fail(number, QStringLiteral("a key without a value"));
        const qsizetype valueStart = i;
        if (!value(i, end, number))
            return false;
        if (m_multiline.isEmpty() && m_depth == 0)
            line->value = m_text.mid(valueStart, end - valueStart).trimmed();
        return true;
    }

    const QByteArray &m_text;
    QList<Line> m_lines;
    QSet<QString> m_headers;
    QByteArray m_multiline; ///< the delimiter of an open multi-line string
    int m_depth = 0;
    QString m_error;
};

bool startsWith(const QStringList &key, const QStringList &prefix)
{
    return key.size() >= prefix.size() && key.mid(0, prefix.size()) == prefix;
}

struct Span
{
    bool found = false;
    qsizetype start = 0;
    qsizetype end = 0;
};

Error locate(const QByteArray &text, const QString &path, const QStringList &table,
             QList<Line> *linesOut, Span *span)
{
    Scanner scanner(text);
    if (!scanner.scan())
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1: %2; the file was not changed").arg(path, scanner.error()) };
    const QList<Line> lines = scanner.lines();
    if (linesOut)
        *linesOut = lines;
    QStringList current;
    bool inOurs = false;
    bool oursEnded = false;
    qsizetype lastContent = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Line &line = lines.at(i);
        if (line.kind == Line::Kind::Header) {
            current = line.key;
            const bool ours = startsWith(line.key, table);
            if (ours && oursEnded)
                return { Error::Code::ConfigInvalid,
                         QStringLiteral("%1: [%2] is split into parts apart from each other; "
                                        "edit it by hand")
                             .arg(path, table.join(QLatin1Char('.'))) };
            if (ours && !inOurs) {
                span->found = true;
                span->start = line.start;
            }
            if (!ours && inOurs)
                oursEnded = true;
            inOurs = ours;
        } else if (line.kind == Line::Kind::KeyValue && !inOurs) {
            QStringList full = current + line.key;
            if (startsWith(full, table) || startsWith(table, full))
                return { Error::Code::ConfigInvalid,
                         QStringLiteral("%1: %2 is defined with dotted keys or an inline table; "
                                        "edit it by hand")
                             .arg(path, table.join(QLatin1Char('.'))) };
        }
        if (inOurs && line.kind != Line::Kind::Blank && line.kind != Line::Kind::Comment)
            lastContent = i;
    }
    if (span->found)
        span->end = lines.at(lastContent).end;
    return {};
}

QByteArray newlineOf(const QByteArray &text)
{
    return text.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
}

} // namespace

Error check(const QByteArray &text, const QString &path)
{
    Scanner scanner(text);
    if (!scanner.scan())
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1: %2; the file was not changed").arg(path, scanner.error()) };
    return {};
}

QByteArray basicString(const QString &text)
{
    return JsoncEdit::jsonText(text);
}

QByteArray headerKey(const QStringList &table)
{
    static const QRegularExpression bare(QStringLiteral("^[A-Za-z0-9_-]+$"));
    QByteArrayList parts;
    for (const QString &part : table)
        parts.append(bare.match(part).hasMatch() ? part.toUtf8() : basicString(part));
    return parts.join('.');
}

Result setTable(const QByteArray &text, const QString &path, const QStringList &table,
                const QByteArray &tableText)
{
    Result result;
    Span span;
    if ((result.error = locate(text, path, table, nullptr, &span)))
        return result;
    if (span.found) {
        result.hadEntry = true;
        result.previousEntry = text.mid(span.start, span.end - span.start);
        QByteArray replacement = tableText;
        if (!result.previousEntry.endsWith('\n') && replacement.endsWith('\n'))
            replacement.chop(replacement.endsWith("\r\n") ? 2 : 1);
        result.text = text.left(span.start) + replacement + text.mid(span.end);
    } else if (text.trimmed().isEmpty()) {
        result.text = tableText;
    } else {
        const QByteArray newline = newlineOf(text);
        result.text = text + (text.endsWith('\n') ? QByteArray() : newline) + newline + tableText;
    }
    Span after;
    if ((result.error = locate(result.text, path, table, nullptr, &after)) || !after.found) {
        if (!result.error)
            result.error = { Error::Code::ConfigInvalid,
                             QStringLiteral("%1: the edit cannot be read back").arg(path) };
        return result;
    }
    return result;
}

Result removeTable(const QByteArray &text, const QString &path, const QStringList &table)
{
    Result result;
    Span span;
    if ((result.error = locate(text, path, table, nullptr, &span)))
        return result;
    result.text = text;
    if (!span.found)
        return result;
    result.hadEntry = true;
    result.previousEntry = text.mid(span.start, span.end - span.start);
    qsizetype start = span.start;
    if (text.mid(span.end).trimmed().isEmpty()) {
        // The blank line setTable() writes before an appended table.
        if (text.mid(0, start).endsWith("\r\n\r\n"))
            start -= 2;
        else if (text.mid(0, start).endsWith("\n\n"))
            start -= 1;
    }
    result.text = text.left(start) + text.mid(span.end);
    Span after;
    if ((result.error = locate(result.text, path, table, nullptr, &after)))
        return result;
    if (after.found)
        result.error
            = { Error::Code::ConfigInvalid,
                QStringLiteral("%1: the table is still there after removing it").arg(path) };
    return result;
}

bool readCommand(const QByteArray &text, const QStringList &table, QString *command,
                 QStringList *args)
{
    Scanner scanner(text);
    if (!scanner.scan())
        return false;
    bool found = false;
    QStringList current;
    for (const Line &line : scanner.lines()) {
        if (line.kind == Line::Kind::Header) {
            current = line.key;
            found = found || current == table;
            continue;
        }
        if (line.kind != Line::Kind::KeyValue || current != table || line.key.size() != 1)
            continue;
        QByteArray value = line.value;
        const qsizetype hash = value.lastIndexOf('#');
        const QJsonDocument parsed = QJsonDocument::fromJson('[' + value + ']');
        QJsonArray items = parsed.array();
        if (parsed.isNull() && hash > 0)
            items = QJsonDocument::fromJson('[' + value.left(hash).trimmed() + ']').array();
        if (items.isEmpty())
            continue;
        if (line.key.first() == QLatin1String("command"))
            *command = items.at(0).toString();
        else if (line.key.first() == QLatin1String("args")) {
            args->clear();
            for (const QJsonValue &item : items.at(0).toArray())
                args->append(item.toString());
        }
    }
    return found;
}

QStringList tableNames(const QByteArray &text, const QString &first)
{
    Scanner scanner(text);
    QStringList names;
    if (!scanner.scan())
        return names;
    for (const Line &line : scanner.lines()) {
        if (line.kind == Line::Kind::Header && line.key.size() >= 2 && line.key.first() == first
            && !names.contains(line.key.at(1)))
            names.append(line.key.at(1));
    }
    return names;
}

} // namespace Mcpa::TomlEdit
