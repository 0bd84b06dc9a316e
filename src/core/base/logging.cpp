#include "core/base/logging.h"

Q_LOGGING_CATEGORY(lcHttp, "mcpaccounts.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcProbe, "mcpaccounts.probe", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKeychain, "mcpaccounts.keychain", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDiscovery, "mcpaccounts.discovery", QtWarningMsg)
Q_LOGGING_CATEGORY(lcOAuth, "mcpaccounts.oauth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMcp, "mcpaccounts.mcp", QtWarningMsg)
Q_LOGGING_CATEGORY(lcConfig, "mcpaccounts.config", QtWarningMsg)
Q_LOGGING_CATEGORY(lcRefresh, "mcpaccounts.refresh", QtWarningMsg)
