#pragma once

#include "core/base/error.h"

#include <QUrl>

namespace Mcpa {

/// Rules for the URLs the app talks to (MCP authorization spec, "Communication
/// security"): HTTPS for everything that is not loopback.
namespace UrlPolicy {

/// 127.0.0.0/8, [::1], or the name "localhost" (which may resolve to either).
bool isLoopback(const QUrl &url);

/// An error when @p url may not be used: not http(s), no host, or plain http to
/// a host that is not loopback. @p what names the URL in the error detail.
Error check(const QUrl &url, const QString &what);

/// The URL with query, fragment and user info removed and every path segment
/// that looks like a credential replaced by "[redacted]": safe to log, trace
/// or put in a bug report.
QString redacted(const QUrl &url);

/// A URL path segment that may be a credential rather than a name: one that
/// starts with a well-known API key prefix (`sk-`, `ghp_`, `xoxb-`, …), or a
/// long run (20 or more) of token characters mixing letters and digits.
/// "mcp", "v1", "sse" and "my-server" are names; a UUID or a key is not.
bool looksLikeSecretPathSegment(QStringView segment);

/// RFC 8707 canonical form of an MCP server URI: lowercase scheme and host,
/// default port dropped, no fragment, no query, no trailing slash on a
/// non-root path.
QUrl canonicalResource(const QUrl &url);

} // namespace UrlPolicy
} // namespace Mcpa
