#pragma once

#include <QIcon>
#include <QString>
#include <QtGlobal>

/// Registers the icons of resources/resources.qrc, which live in the static
/// library mcpaccounts_gui: the linker keeps a static library's resources
/// only when someone calls this (Q_INIT_RESOURCE). Call it before loading
/// ":/icons/..."; calling it again does nothing. Global namespace on purpose
/// (Q_INIT_RESOURCE must not be used inside a namespace).
inline void initGuiResources()
{
    static const bool registered = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    Q_UNUSED(registered)
}

namespace Mcpa {

/// The application's icon (scalable, from the resources).
inline QIcon appIcon()
{
    initGuiResources();
    return QIcon(QStringLiteral(":/icons/mcp-accounts.svg"));
}

} // namespace Mcpa
