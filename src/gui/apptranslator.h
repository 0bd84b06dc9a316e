#pragma once

#include <QString>

class QObject;
class QTranslator;

namespace Mcpa {

/// Replaces the app's own translator @p current (removed from the
/// application and deleted; may be nullptr) with the one for @p code:
/// "" = the system locale, "en" = none (the source texts), else a language
/// code. Loads mcp-accounts_<lang>.qm from the ":/i18n" resource. Returns the
/// installed translator (owned by @p parent), or nullptr when none applies.
/// Shared by the app and the sign-in helper, which follow the same setting.
QTranslator *replaceAppTranslator(QTranslator *current, const QString &code, QObject *parent);

} // namespace Mcpa
