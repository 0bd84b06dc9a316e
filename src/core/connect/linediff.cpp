#include "core/connect/linediff.h"

#include <QList>

#include <algorithm>
#include <vector>

namespace Mcpa::LineDiff {

namespace {

QList<QByteArray> splitLines(const QByteArray &text)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        end = end < 0 ? text.size() : end + 1;
        lines.append(text.mid(start, end - start));
        start = end;
    }
    return lines;
}

struct Op
{
    char kind; ///< ' ', '-', '+'
    qsizetype a; ///< line index in before (for ' ' and '-')
    qsizetype b; ///< line index in after (for ' ' and '+')
};

void appendLine(QByteArray *out, char kind, const QByteArray &line)
{
    *out += kind;
    *out += line;
    if (!line.endsWith('\n'))
        *out += "\n\\ No newline at end of file\n";
}

} // namespace

QByteArray unified(const QByteArray &before, const QByteArray &after, const QString &path)
{
    if (before == after)
        return {};
    const QList<QByteArray> a = splitLines(before);
    const QList<QByteArray> b = splitLines(after);
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.at(prefix) == b.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    // Longest common subsequence of the middle parts (small: one entry).
    const qsizetype n = a.size() - prefix - suffix;
    const qsizetype m = b.size() - prefix - suffix;
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            lcs[i][j] = a.at(prefix + i) == b.at(prefix + j)
                ? lcs[i + 1][j + 1] + 1
                : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::vector<Op> ops;
    for (qsizetype i = 0; i < prefix; ++i)
        ops.push_back({ ' ', i, i });
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(prefix + i) == b.at(prefix + j)) {
            ops.push_back({ ' ', prefix + i, prefix + j });
            ++i;
            ++j;
        } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.push_back({ '-', prefix + i, -1 });
            ++i;
        } else {
            ops.push_back({ '+', -1, prefix + j });
            ++j;
        }
    }
    for (qsizetype k = 0; k < suffix; ++k)
        ops.push_back({ ' ', a.size() - suffix + k, b.size() - suffix + k });

    QByteArray out = "--- " + path.toUtf8() + "\n+++ " + path.toUtf8() + "\n";
    const qsizetype context = 3;
    const qsizetype count = static_cast<qsizetype>(ops.size());
    qsizetype k = 0;
    while (k < count) {
        if (ops[k].kind == ' ') {
            ++k;
            continue;
        }
        // A hunk: from context lines before this change to context lines
        // after the last change that is within 2*context of the next.
        qsizetype start = std::max<qsizetype>(0, k - context);
        qsizetype end = k;
        qsizetype quiet = 0;
        for (qsizetype e = k; e < count; ++e) {
            if (ops[e].kind == ' ') {
                if (++quiet > 2 * context)
                    break;
            } else {
                quiet = 0;
                end = e;
            }
        }
        end = std::min(count, end + 1 + context);
        qsizetype aStart = -1, bStart = -1, aCount = 0, bCount = 0;
        QByteArray body;
        for (qsizetype e = start; e < end; ++e) {
            const Op &op = ops[e];
            if (op.kind != '+') {
                if (aStart < 0)
                    aStart = op.a;
                ++aCount;
            }
            if (op.kind != '-') {
                if (bStart < 0)
                    bStart = op.b;
                ++bCount;
            }
            appendLine(&body, op.kind, op.kind == '+' ? b.at(op.b) : a.at(op.a));
        }
        // An empty side starts at the line before (unified diff's convention).
        if (aStart < 0)
            aStart = start < count && ops[start].a >= 0 ? ops[start].a : 0;
        if (bStart < 0)
            bStart = start < count && ops[start].b >= 0 ? ops[start].b : 0;
        out += "@@ -" + QByteArray::number(aCount ? aStart + 1 : aStart) + ','
            + QByteArray::number(aCount) + " +" + QByteArray::number(bCount ? bStart + 1 : bStart)
            + ',' + QByteArray::number(bCount) + " @@\n" + body;
        k = end;
    }
    return out;
}

} // namespace Mcpa::LineDiff
