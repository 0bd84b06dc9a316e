#include "core/connect/jsoncedit.h"

#include "core/import/clientconfigreader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

namespace Mcpa::JsoncEdit {

namespace {

struct Member
{
    QString key;
    qsizetype keyStart = -1;
    qsizetype valueStart = -1;
    qsizetype valueEnd = -1; ///< one past the value
};

struct ObjectSpan
{
    qsizetype open = -1; ///< the '{'
    qsizetype close = -1; ///< the '}'
    QList<Member> members;
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// Finds the byte ranges of values, members and objects in JSONC text.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_text(text)
    { }

    /// The next index at or after @p i that is not white space or a comment
    /// (the size at the end, -1 in an unterminated block comment).
    qsizetype skip(qsizetype i) const
    {
        const qsizetype size = m_text.size();
        while (i < size) {
            const char c = m_text.at(i);
            if (isSpace(c)) {
                ++i;
            } else if (c == '/' && i + 1 < size && m_text.at(i + 1) == '/') {
                while (i < size && m_text.at(i) != '\n')
                    ++i;
            } else if (c == '/' && i + 1 < size && m_text.at(i + 1) == '*') {
                const qsizetype end = m_text.indexOf("*/", i + 2);
                if (end < 0)
                    return -1;
                i = end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /// @p i at a '"': one past its closing quote, or -1.
    qsizetype string(qsizetype i) const
    {
        for (++i; i < m_text.size(); ++i) {
            const char c = m_text.at(i);
            if (c == '\\')
                ++i;
            else if (c == '"')
                return i + 1;
            else if (c == '\n')
                return -1;
        }
        return -1;
    }

    /// @p i at a value's first byte: one past its end, or -1.
    qsizetype value(qsizetype i, int depth = 0) const
    {
        if (i < 0 || i >= m_text.size() || depth > 256)
            return -1;
        const char c = m_text.at(i);
        if (c == '"')
            return string(i);
        if (c == '{') {
            ObjectSpan span;
            return object(i, &span, depth) ? span.close + 1 : -1;
        }
        if (c == '[') {
            qsizetype j = skip(i + 1);
            while (j >= 0 && j < m_text.size() && m_text.at(j) != ']') {
                j = skip(value(j, depth + 1));
                if (j < 0 || j >= m_text.size())
                    return -1;
                if (m_text.at(j) == ',')
                    j = skip(j + 1);
                else if (m_text.at(j) != ']')
                    return -1;
            }
            return j >= 0 && j < m_text.size() ? j + 1 : -1;
        }
        qsizetype j = i;
        while (j < m_text.size()
               && (QChar::isLetterOrNumber(static_cast<uchar>(m_text.at(j))) || m_text.at(j) == '-'
                   || m_text.at(j) == '+' || m_text.at(j) == '.'))
            ++j;
        return j > i ? j : -1;
    }

    /// @p open at a '{': its members and closing brace.
    bool object(qsizetype open, ObjectSpan *span, int depth = 0) const
    {
        span->open = open;
        span->members.clear();
        qsizetype j = skip(open + 1);
        while (j >= 0 && j < m_text.size() && m_text.at(j) != '}') {
            if (m_text.at(j) != '"')
                return false;
            Member member;
            member.keyStart = j;
            const qsizetype keyEnd = string(j);
            if (keyEnd < 0)
                return false;
            const QJsonDocument key
                = QJsonDocument::fromJson('[' + m_text.mid(j, keyEnd - j) + ']');
            member.key = key.array().at(0).toString();
            j = skip(keyEnd);
            if (j < 0 || j >= m_text.size() || m_text.at(j) != ':')
                return false;
            member.valueStart = skip(j + 1);
            member.valueEnd = value(member.valueStart, depth + 1);
            if (member.valueEnd < 0)
                return false;
            span->members.append(member);
            j = skip(member.valueEnd);
            if (j < 0 || j >= m_text.size())
                return false;
            if (m_text.at(j) == ',')
                j = skip(j + 1);
            else if (m_text.at(j) != '}')
                return false;
        }
        if (j < 0 || j >= m_text.size())
            return false;
        span->close = j;
        return true;
    }

private:
    const QByteArray &m_text;
};

/// The file's layout habits, to write new text the way the file is written.
struct Style
{
    QByteArray newline = "\n";
    QByteArray unit = "  "; ///< one level of indentation
};

Style styleOf(const QByteArray &text)
{
    Style style;
    if (text.contains("\r\n"))
        style.newline = "\r\n";
    qsizetype lineStart = 0;
    while (lineStart < text.size()) {
        qsizetype i = lineStart;
        while (i < text.size() && (text.at(i) == ' ' || text.at(i) == '\t'))
            ++i;
        if (i > lineStart && i < text.size() && !isSpace(text.at(i))) {
            style.unit = text.at(lineStart) == '\t' ? QByteArray("\t")
                                                    : text.mid(lineStart, i - lineStart);
            break;
        }
        const qsizetype next = text.indexOf('\n', lineStart);
        if (next < 0)
            break;
        lineStart = next + 1;
    }
    return style;
}

qsizetype lineStartOf(const QByteArray &text, qsizetype pos)
{
    return text.lastIndexOf('\n', pos - 1) + 1;
}

/// True when only spaces and tabs precede @p pos on its line.
bool firstOnLine(const QByteArray &text, qsizetype pos)
{
    for (qsizetype i = lineStartOf(text, pos); i < pos; ++i) {
        if (text.at(i) != ' ' && text.at(i) != '\t')
            return false;
    }
    return true;
}

QByteArray lineIndent(const QByteArray &text, qsizetype pos)
{
    const qsizetype start = lineStartOf(text, pos);
    qsizetype i = start;
    while (i < text.size() && (text.at(i) == ' ' || text.at(i) == '\t'))
        ++i;
    return text.mid(start, i - start);
}

/// A value written at @p indent (the indentation of its member's line);
/// compact: on one line.
using ValueWriter = std::function<QByteArray(const QByteArray &indent, bool compact)>;

QByteArray fieldsText(const OrderedFields &fields, const Style &style, const QByteArray &indent,
                      bool compact)
{
    QByteArray text = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (compact)
            text += i == 0 ? "" : ", ";
        else
            text += (i == 0 ? "" : ",") + style.newline + indent + style.unit;
        text += jsonText(fields.at(i).first) + ": " + jsonText(fields.at(i).second);
    }
    text += compact ? QByteArray("}") : style.newline + indent + '}';
    return text;
}

QJsonObject fieldsObject(const OrderedFields &fields)
{
    QJsonObject object;
    for (const auto &field : fields)
        object.insert(field.first, field.second);
    return object;
}

Error invalid(const QString &path, const QString &problem)
{
    return { Error::Code::ConfigInvalid, QStringLiteral("%1: %2").arg(path, problem) };
}

/// Inserts member @p key after the last member of @p object (or into the
/// empty object), in the file's style.
QByteArray insertMember(const QByteArray &text, const ObjectSpan &object, const Style &style,
                        const QString &key, const ValueWriter &value)
{
    QByteArray result = text;
    const QByteArray keyText = jsonText(key) + ": ";
    if (!object.members.isEmpty()) {
        const Member &first = object.members.first();
        const Member &last = object.members.last();
        if (!firstOnLine(text, first.keyStart))
            return result.insert(last.valueEnd, ", " + keyText + value({}, true));
        const QByteArray indent = lineIndent(text, first.keyStart);
        return result.insert(last.valueEnd,
                             ',' + style.newline + indent + keyText + value(indent, false));
    }
    const QByteArray outer = lineIndent(text, object.open);
    const QByteArray indent = outer + style.unit;
    const QByteArray inserted
        = style.newline + indent + keyText + value(indent, false) + style.newline + outer;
    return result.replace(object.open + 1, object.close - object.open - 1, inserted);
}

/// Removes member @p index of @p object with one separator.
QByteArray removeMember(const QByteArray &text, const Scanner &scanner, const ObjectSpan &object,
                        qsizetype index)
{
    QByteArray result = text;
    const Member &member = object.members.at(index);
    if (object.members.size() == 1)
        return result.remove(object.open + 1, object.close - object.open - 1);
    if (index > 0) {
        // What insertMember() writes: ",<white space>KEY: VALUE" after the previous value.
        const Member &previous = object.members.at(index - 1);
        const QByteArray between = text.mid(previous.valueEnd, member.keyStart - previous.valueEnd);
        bool plain = between.startsWith(',');
        for (qsizetype i = 1; plain && i < between.size(); ++i)
            plain = isSpace(between.at(i));
        if (plain)
            return result.remove(previous.valueEnd, member.valueEnd - previous.valueEnd);
    }
    // Otherwise the member's own lines, and its comma (or, for the last
    // member, the comma before it).
    qsizetype start
        = firstOnLine(text, member.keyStart) ? lineStartOf(text, member.keyStart) : member.keyStart;
    qsizetype end = member.valueEnd;
    qsizetype after = end;
    while (after < text.size() && (text.at(after) == ' ' || text.at(after) == '\t'))
        ++after;
    const bool commaFollows = after < text.size() && text.at(after) == ',';
    if (commaFollows)
        end = after + 1;
    if (start == lineStartOf(text, member.keyStart)) {
        qsizetype rest = end;
        while (rest < text.size() && (text.at(rest) == ' ' || text.at(rest) == '\t'))
            ++rest;
        if (rest < text.size() && text.at(rest) == '\r')
            ++rest;
        if (rest < text.size() && text.at(rest) == '\n')
            end = rest + 1;
    } else if (commaFollows) {
        while (end < text.size() && text.at(end) == ' ')
            ++end;
    }
    if (!commaFollows && index == object.members.size() - 1) {
        // The separator after the previous member.
        const qsizetype comma = scanner.skip(object.members.at(index - 1).valueEnd);
        result.remove(start, end - start);
        if (comma >= 0 && comma < start && text.at(comma) == ',')
            result.remove(comma, 1);
        return result;
    }
    return result.remove(start, end - start);
}

struct Located
{
    Scanner scanner;
    ObjectSpan top;
    int containerIndex = -1;
    ObjectSpan container; ///< when containerIndex >= 0
    int entryIndex = -1;
};

Error locate(const QByteArray &text, const QString &path, const QString &containerKey,
             const QString &name, Located *located)
{
    const qsizetype open = located->scanner.skip(0);
    if (open < 0 || open >= text.size() || text.at(open) != '{'
        || !located->scanner.object(open, &located->top))
        return invalid(path, QStringLiteral("cannot find the top-level object's members"));
    for (int i = 0; i < located->top.members.size(); ++i) {
        if (located->top.members.at(i).key == containerKey)
            located->containerIndex = i;
    }
    if (located->containerIndex < 0)
        return {};
    const Member &container = located->top.members.at(located->containerIndex);
    if (text.at(container.valueStart) != '{'
        || !located->scanner.object(container.valueStart, &located->container))
        return invalid(path, QStringLiteral("\"%1\" is not an object").arg(containerKey));
    for (int i = 0; i < located->container.members.size(); ++i) {
        if (located->container.members.at(i).key != name)
            continue;
        if (located->entryIndex >= 0)
            return invalid(
                path, QStringLiteral("\"%1\" appears twice in \"%2\"").arg(name, containerKey));
        located->entryIndex = i;
    }
    return {};
}

QJsonObject withEntry(QJsonObject root, const QString &container, const QString &name,
                      const std::optional<QJsonValue> &value)
{
    QJsonObject servers = root.value(container).toObject();
    if (value)
        servers.insert(name, *value);
    else
        servers.remove(name);
    root.insert(container, servers);
    return root;
}

Error check(const QByteArray &edited, const QString &path, const QJsonObject &expected)
{
    QJsonObject root;
    if (const Error error = parse(edited, path, &root))
        return invalid(path,
                       QStringLiteral("the edit would not parse (%1); nothing was written")
                           .arg(error.detail()));
    if (root != expected)
        return invalid(path,
                       QStringLiteral("the edit would change more than the entry; nothing was "
                                      "written"));
    return {};
}

} // namespace

QByteArray jsonText(const QJsonValue &value)
{
    if (value.isArray()) {
        QByteArrayList items;
        for (const QJsonValue &item : value.toArray())
            items.append(jsonText(item));
        return '[' + items.join(", ") + ']';
    }
    QByteArray text = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

Error parse(const QByteArray &text, const QString &path, QJsonObject *root)
{
    QJsonParseError parseError;
    const QByteArray json = ClientConfigReader::stripJsonComments(text);
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const int line = static_cast<int>(before.count('\n')) + 1;
        const int column = static_cast<int>(parseError.offset - (before.lastIndexOf('\n') + 1)) + 1;
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1:%2:%3: not JSON (%4); the file was not changed")
                     .arg(path)
                     .arg(line)
                     .arg(column)
                     .arg(parseError.errorString()) };
    }
    if (!document.isObject())
        return { Error::Code::ImportFileInvalid,
                 QStringLiteral("%1: the top level is not a JSON object; the file was not changed")
                     .arg(path) };
    if (root)
        *root = document.object();
    return {};
}

bool entry(const QJsonObject &root, const QString &container, const QString &name,
           QJsonObject *value)
{
    const QJsonValue found = root.value(container).toObject().value(name);
    if (value)
        *value = found.toObject();
    return found.isObject();
}

Result setEntry(const QByteArray &text, const QString &path, const QString &container,
                const QString &name, const OrderedFields &fields)
{
    Result result;
    const QJsonObject entryObject = fieldsObject(fields);
    bool blank = true;
    for (const char c : text)
        blank = blank && isSpace(c);
    if (blank) {
        const Style style;
        result.text = "{\n" + style.unit + jsonText(container) + ": {\n" + style.unit + style.unit
            + jsonText(name) + ": " + fieldsText(fields, style, style.unit + style.unit, false)
            + '\n' + style.unit + "}\n}\n";
        result.error
            = check(result.text, path, withEntry(QJsonObject(), container, name, entryObject));
        return result;
    }
    QJsonObject root;
    if ((result.error = parse(text, path, &root)))
        return result;
    Located located { Scanner(text), {}, -1, {}, -1 };
    if ((result.error = locate(text, path, container, name, &located)))
        return result;
    const Style style = styleOf(text);
    if (located.entryIndex >= 0) {
        const Member &member = located.container.members.at(located.entryIndex);
        result.hadEntry = true;
        result.previousEntry = text.mid(member.valueStart, member.valueEnd - member.valueStart);
        result.previousObject = root.value(container).toObject().value(name).toObject();
        const bool compact = !firstOnLine(text, member.keyStart);
        result.text = text;
        result.text.replace(member.valueStart, member.valueEnd - member.valueStart,
                            fieldsText(fields, style,
                                       compact ? QByteArray() : lineIndent(text, member.keyStart),
                                       compact));
    } else if (located.containerIndex >= 0) {
        result.text = insertMember(text, located.container, style, name,
                                   [&](const QByteArray &indent, bool compact) -> QByteArray {
                                       return fieldsText(fields, style, indent, compact);
                                   });
    } else {
        result.text = insertMember(
            text, located.top, style, container,
            [&](const QByteArray &indent, bool compact) -> QByteArray {
                if (compact)
                    return "{" + jsonText(name) + ": " + fieldsText(fields, style, {}, true) + '}';
                const QByteArray inner = indent + style.unit;
                return "{" + style.newline + inner + jsonText(name) + ": "
                    + fieldsText(fields, style, inner, false) + style.newline + indent + '}';
            });
    }
    result.error = check(result.text, path, withEntry(root, container, name, entryObject));
    return result;
}

Result restoreEntry(const QByteArray &text, const QString &path, const QString &container,
                    const QString &name, const QByteArray &value)
{
    Result result;
    QJsonObject root;
    if ((result.error = parse(text, path, &root)))
        return result;
    Located located { Scanner(text), {}, -1, {}, -1 };
    if ((result.error = locate(text, path, container, name, &located)))
        return result;
    // The old value must itself be JSON(C).
    QJsonObject wrapped;
    if (parse("{\"v\": " + value + "\n}", path, &wrapped)) {
        result.error = invalid(path, QStringLiteral("the saved entry is not JSON"));
        return result;
    }
    if (located.containerIndex < 0) {
        result.error = invalid(path, QStringLiteral("no \"%1\"").arg(container));
        return result;
    }
    if (located.entryIndex < 0) {
        result.text = insertMember(text, located.container, styleOf(text), name,
                                   [&](const QByteArray &, bool) -> QByteArray { return value; });
    } else {
        const Member &member = located.container.members.at(located.entryIndex);
        result.hadEntry = true;
        result.previousEntry = text.mid(member.valueStart, member.valueEnd - member.valueStart);
        result.text = text;
        result.text.replace(member.valueStart, member.valueEnd - member.valueStart, value);
    }
    result.error = check(result.text, path,
                         withEntry(root, container, name, wrapped.value(QStringLiteral("v"))));
    return result;
}

Result removeEntry(const QByteArray &text, const QString &path, const QString &container,
                   const QString &name, bool removeEmptyContainer)
{
    Result result;
    QJsonObject root;
    if ((result.error = parse(text, path, &root)))
        return result;
    Located located { Scanner(text), {}, -1, {}, -1 };
    if ((result.error = locate(text, path, container, name, &located)))
        return result;
    result.text = text;
    if (located.entryIndex < 0)
        return result;
    const Member &member = located.container.members.at(located.entryIndex);
    result.hadEntry = true;
    result.previousEntry = text.mid(member.valueStart, member.valueEnd - member.valueStart);
    QJsonObject expected = withEntry(root, container, name, std::nullopt);
    if (removeEmptyContainer && located.container.members.size() == 1) {
        result.text = removeMember(text, located.scanner, located.top, located.containerIndex);
        expected.remove(container);
    } else {
        result.text = removeMember(text, located.scanner, located.container, located.entryIndex);
    }
    result.error = check(result.text, path, expected);
    return result;
}

} // namespace Mcpa::JsoncEdit
