#pragma once

#include <QSet>
#include <QString>
#include <QUrl>

namespace Mcpa {

/// The one rule for server ids, used by ServerRegistry::addServer, the server
/// dialog's id preview and the config import.
///
/// An id is [a-z0-9][a-z0-9-]{0,62}. It comes from the server's name, folded
/// to ASCII ("Café Ünïcode!" -> "cafe-unicode"); a name without a usable
/// character falls back to the URL's host without its generic parts
/// ("https://mcp.github.com/mcp" -> "github"), and a host that is an IP
/// address to "server". When that id is taken, "-2", "-3", ... is appended,
/// shortening the id to stay within 63 characters.
class ServerIds
{
public:
    static constexpr int maxLength = 63;

    /// [a-z0-9][a-z0-9-]{0,62}
    static bool isValid(const QString &id);

    /// The id for @p name and @p url that is not in @p taken.
    static QString unique(const QString &name, const QUrl &url, const QSet<QString> &taken = {});

    /// unique() before making it unique: fromName(), else fromHost(), else "server".
    static QString base(const QString &name, const QUrl &url);

    /// @p name as an id: "Ada's Server" -> "ada-s-server", "Café" -> "cafe";
    /// empty when it has no letter or digit that folds to ASCII.
    static QString fromName(const QString &name);

    /// @p url's host as an id: "mcp.github.com" -> "github",
    /// "www.example.com" -> "example"; empty for an IP address or no host.
    static QString fromHost(const QUrl &url);

    /// Lowercase ASCII letters and digits of @p text, runs of anything else
    /// as one '-' between them; not shortened.
    static QString slug(const QString &text);
};

} // namespace Mcpa
