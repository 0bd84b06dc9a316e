#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace Mcpa {

/// One running app per user: the first instance listens on a local socket;
/// a second launch connects, asks the first to show its window and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(QString name = defaultName(), QObject *parent = nullptr);

    /// True when this is the first instance (it now listens); false when
    /// another one runs (it has been asked to show itself).
    bool claim();

    static QString defaultName();

Q_SIGNALS:
    /// Another launch asked this instance to show its window.
    void activationRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace Mcpa
