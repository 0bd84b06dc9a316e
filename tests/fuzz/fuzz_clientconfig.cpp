// Config files of other MCP clients (Claude Desktop, VS Code, Cursor,
// Claude Code) read by the import: JSON, JSON with comments, anything.

#include "core/import/clientconfigreader.h"

#include "fuzzsupport.h"

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // First byte: the file name it was found under and the client it is read as.
    static const char *const paths[] = {
        "/home/u/.config/Claude/claude_desktop_config.json",
        "/home/u/project/.vscode/mcp.json",
        "/home/u/.config/Code/User/settings.json",
        "/home/u/.cursor/mcp.json",
        "/home/u/.claude.json",
        "/home/u/project/.mcp.json",
    };
    static const std::optional<ImportSource> sources[] = {
        std::nullopt,         ImportSource::ClaudeDesktop, ImportSource::VsCode,
        ImportSource::Cursor, ImportSource::ClaudeCode,
    };
    const QByteArray input = Fuzz::bytes(data + 1, size - 1);
    ClientConfigReader reader(QString::fromLatin1(paths[data[0] % std::size(paths)]));
    reader.parse(input, sources[(data[0] / std::size(paths)) % std::size(sources)]);
    const QList<ImportCandidate> candidates = reader.candidates();
    Q_UNUSED(candidates)

    // Documented: removed characters become spaces, so offsets stay the same.
    if (ClientConfigReader::stripJsonComments(input).size() != input.size())
        Fuzz::violated("stripJsonComments changed the length");

    // The same bytes as an mcp-remote command line (one argument per line).
    const QList<QByteArray> lines = input.split('\n');
    QStringList arguments;
    for (qsizetype i = 1; i < lines.size(); ++i)
        arguments.append(QString::fromUtf8(lines.at(i)));
    ImportCandidate candidate;
    ClientConfigReader::readMcpRemoteCommand(QString::fromUtf8(lines.first()), arguments,
                                             &candidate);
    ClientConfigReader::hasPlaceholder(QString::fromUtf8(input));
    return 0;
}
