#include "core/oauth/wwwauthenticate.h"

namespace Mcpa {

namespace {

bool isTokenChar(char c)
{
    // tchar from RFC 9110 section 5.6.2
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
        || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

/// A cursor over one field value. Every method leaves the position unchanged
/// when it does not match.
class Cursor
{
public:
    explicit Cursor(const QByteArray &text)
        : m_text(text)
    { }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }
    int position() const { return m_pos; }
    void reset(int position) { m_pos = position; }

    void skipWhitespace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }

    bool consume(char c)
    {
        if (peek() != c || atEnd())
            return false;
        ++m_pos;
        return true;
    }

    QByteArray token()
    {
        const int start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    /// quoted-string with quoted-pair escapes; false (and unmoved) when unterminated.
    bool quotedString(QByteArray *out)
    {
        const int start = m_pos;
        if (!consume('"'))
            return false;
        QByteArray value;
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '"') {
                *out = value;
                return true;
            }
            if (c == '\\') {
                if (atEnd())
                    break;
                value.append(m_text.at(m_pos++));
                continue;
            }
            value.append(c);
        }
        m_pos = start;
        return false;
    }

    QByteArray token68()
    {
        const int start = m_pos;
        while (!atEnd() && isToken68Char(peek()))
            ++m_pos;
        if (m_pos == start)
            return {};
        while (!atEnd() && peek() == '=')
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    /// Skips to just after the next comma outside a quoted string.
    void skipElement()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == ',') {
                ++m_pos;
                return;
            }
            if (c == '"') {
                QByteArray ignored;
                if (!quotedString(&ignored))
                    ++m_pos;
                continue;
            }
            ++m_pos;
        }
    }

private:
    const QByteArray &m_text;
    int m_pos = 0;
};

/// auth-param = token BWS "=" BWS ( token / quoted-string ), followed by
/// OWS and a comma or the end.
bool parseParam(Cursor &cursor, QString *name, QString *value)
{
    const int start = cursor.position();
    const QByteArray key = cursor.token();
    if (key.isEmpty())
        return false;
    cursor.skipWhitespace();
    if (!cursor.consume('=')) {
        cursor.reset(start);
        return false;
    }
    cursor.skipWhitespace();
    QByteArray raw;
    if (cursor.peek() == '"') {
        if (!cursor.quotedString(&raw)) {
            cursor.reset(start);
            return false;
        }
    } else {
        raw = cursor.token();
        if (raw.isEmpty()) {
            cursor.reset(start);
            return false;
        }
    }
    const int afterValue = cursor.position();
    cursor.skipWhitespace();
    if (!cursor.atEnd() && cursor.peek() != ',') {
        cursor.reset(start);
        return false;
    }
    cursor.reset(afterValue);
    *name = QString::fromLatin1(key).toLower();
    *value = QString::fromUtf8(raw);
    return true;
}

/// True when what follows is "token BWS =", i.e. another auth-param rather
/// than the scheme of a new challenge.
bool nextIsParam(Cursor &cursor)
{
    const int start = cursor.position();
    const bool isParam
        = !cursor.token().isEmpty() && (cursor.skipWhitespace(), cursor.consume('='));
    // "token68==" style values also start with token chars followed by '=';
    // a param needs a value after the '=', which a token68 tail never has.
    bool result = false;
    if (isParam) {
        cursor.skipWhitespace();
        result = cursor.peek() == '"' || isTokenChar(cursor.peek());
    }
    cursor.reset(start);
    return result;
}

void skipSeparators(Cursor &cursor)
{
    for (;;) {
        cursor.skipWhitespace();
        if (!cursor.consume(','))
            return;
    }
}

} // namespace

bool AuthChallenge::isScheme(QLatin1String name) const
{
    return scheme.compare(name, Qt::CaseInsensitive) == 0;
}

namespace WwwAuthenticate {

QList<AuthChallenge> parse(const QByteArray &fieldValue)
{
    QList<AuthChallenge> challenges;
    Cursor cursor(fieldValue);
    for (;;) {
        skipSeparators(cursor);
        if (cursor.atEnd())
            break;
        const QByteArray scheme = cursor.token();
        if (scheme.isEmpty()) {
            cursor.skipElement();
            continue;
        }
        AuthChallenge challenge;
        challenge.scheme = QString::fromLatin1(scheme);

        const int afterScheme = cursor.position();
        cursor.skipWhitespace();
        if (cursor.position() == afterScheme || cursor.atEnd() || cursor.peek() == ',') {
            // A bare scheme with no parameters.
            challenges.append(challenge);
            continue;
        }

        QString name;
        QString value;
        if (parseParam(cursor, &name, &value)) {
            challenge.params.insert(name, value);
            // More params of this challenge follow a comma, until something
            // that looks like the scheme of the next challenge.
            for (;;) {
                const int beforeSeparator = cursor.position();
                skipSeparators(cursor);
                if (cursor.atEnd() || !nextIsParam(cursor)) {
                    cursor.reset(beforeSeparator);
                    break;
                }
                if (!parseParam(cursor, &name, &value)) {
                    cursor.skipElement();
                    continue;
                }
                if (!challenge.params.contains(name))
                    challenge.params.insert(name, value);
            }
        } else {
            const QByteArray token68 = cursor.token68();
            const int afterToken = cursor.position();
            cursor.skipWhitespace();
            if (!token68.isEmpty() && (cursor.atEnd() || cursor.peek() == ',')) {
                challenge.token68 = QString::fromLatin1(token68);
            } else {
                cursor.reset(afterToken);
                cursor.skipElement();
            }
        }
        challenges.append(challenge);
    }
    return challenges;
}

QList<AuthChallenge> parse(const QList<QByteArray> &fieldValues)
{
    QList<AuthChallenge> challenges;
    for (const QByteArray &value : fieldValues)
        challenges.append(parse(value));
    return challenges;
}

BearerChallenge bearer(const QList<AuthChallenge> &challenges)
{
    BearerChallenge result;
    for (const AuthChallenge &challenge : challenges) {
        if (!challenge.isScheme(QLatin1String("Bearer")))
            continue;
        result.present = true;
        result.resourceMetadata
            = QUrl(challenge.param(QLatin1String("resource_metadata")), QUrl::StrictMode);
        result.scope = challenge.param(QLatin1String("scope"));
        result.error = challenge.param(QLatin1String("error"));
        result.errorDescription = challenge.param(QLatin1String("error_description"));
        result.realm = challenge.param(QLatin1String("realm"));
        break;
    }
    return result;
}

} // namespace WwwAuthenticate
} // namespace Mcpa
