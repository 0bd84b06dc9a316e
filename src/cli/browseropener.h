#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

namespace Mcpa {
class Error;
class HeadlessUserAgent;
class Trace;

/// Opens an authorization URL the way the user chose with --browser:
/// "system" (xdg-open / the desktop's handler), "print" (print it and
/// wait), "none" (the headless user agent, no person involved) or any
/// other text as a command that gets the URL as its last argument.
class BrowserOpener : public QObject
{
    Q_OBJECT
public:
    BrowserOpener(QString mode, Mcpa::Trace *trace, QObject *parent = nullptr);

    /// An error text for an unusable mode, else empty.
    static QString validate(const QString &mode);

    /// The redirect URI is read from the URL's redirect_uri parameter.
    void open(const QUrl &url);

Q_SIGNALS:
    /// The browser could not be used at all (the sign-in cannot finish).
    void failed(const Mcpa::Error &error);

private:
    QString m_mode;
    Mcpa::Trace *m_trace;
};

} // namespace Mcpa
