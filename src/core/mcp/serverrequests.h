#pragma once

#include "core/base/error.h"

#include <QJsonObject>
#include <QString>

namespace Mcpa {

/// Answers the JSON-RPC requests a server sends to the client (inside an SSE
/// answer): "elicitation/create" and the like. McpClient answers "ping"
/// itself and every method no handler takes with -32601.
class ServerRequestHandler
{
public:
    virtual ~ServerRequestHandler() = default;

    /// Whether answer() takes this method.
    virtual bool handles(const QString &method) const = 0;
    /// The result object for the request; or sets @p error (sent back as a
    /// JSON-RPC error, its detail as the message).
    virtual QJsonObject answer(const QString &method, const QJsonObject &params, Error *error) = 0;
};

} // namespace Mcpa
