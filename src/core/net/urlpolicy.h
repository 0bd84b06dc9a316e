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

/// The URL with query, fragment and user info removed: safe to log or trace.
QString redacted(const QUrl &url);

/// RFC 8707 canonical form of an MCP server URI: lowercase scheme and host,
/// default port dropped, no fragment, no query, no trailing slash on a
/// non-root path.
QUrl canonicalResource(const QUrl &url);

} // namespace UrlPolicy
} // namespace Mcpa
