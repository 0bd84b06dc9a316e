#pragma once

#include "core/mcp/serverrequests.h"

#include <QStringList>

#include <functional>

namespace Mcpa {

/// Answers form-mode "elicitation/create" (MCP "Elicitation"): accepts with
/// the values given up front (the CLI's --input), completed by the schema's
/// defaults (SEP-1034); or asks a person through the Asker; otherwise
/// declines and says why through the Notice. URL mode is declined.
class ElicitationAnswerer : public ServerRequestHandler
{
public:
    /// Shows @p message (already sanitized) and asks for the fields of
    /// @p schema; fills @p content and returns true to accept, false to decline.
    using Asker = std::function<bool(const QString &message, const QJsonObject &schema,
                                     QJsonObject *content)>;
    /// One line for the person: why a request was declined.
    using Notice = std::function<void(const QString &text)>;

    /// Accept with these values (plus defaults) instead of asking.
    void setGivenValues(const QJsonObject &values)
    {
        m_given = values;
        m_hasGiven = true;
    }
    void setAsker(Asker asker) { m_asker = std::move(asker); }
    void setNotice(Notice notice) { m_notice = std::move(notice); }

    bool handles(const QString &method) const override;
    QJsonObject answer(const QString &method, const QJsonObject &params, Error *error) override;

    /// The schema's properties taken from @p given, and for those not given
    /// the schema's default when it fits the property's type (string, enum,
    /// integer, number, boolean). Keys the schema does not name are dropped.
    static QJsonObject withDefaults(const QJsonObject &schema, const QJsonObject &given);
    /// The required properties @p content lacks.
    static QStringList missingRequired(const QJsonObject &schema, const QJsonObject &content);
    /// Whether @p value fits the primitive schema @p property.
    static bool fits(const QJsonObject &property, const QJsonValue &value);

private:
    QJsonObject decline(const QString &why);

    QJsonObject m_given;
    bool m_hasGiven = false;
    Asker m_asker;
    Notice m_notice;
};

} // namespace Mcpa
