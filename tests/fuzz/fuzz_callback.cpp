// The loopback callback listener, fed whatever a local program could send.

#include "core/oauth/loopbackreplyhandler.h"

#include "fuzzsupport.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QVariantMap>

using namespace Mcpa;

MCPA_FUZZ_INITIALIZE

namespace {

struct Listener
{
    LoopbackReplyHandler handler { 0, QStringLiteral("127.0.0.1") };
    int callbacks = 0;
};

Listener *listener()
{
    static Listener *instance = [] {
        auto *created = new Listener;
        QObject::connect(&created->handler, &QAbstractOAuthReplyHandler::callbackReceived,
                         &created->handler,
                         [created](const QVariantMap &) { ++created->callbacks; });
        return created;
    }();
    return instance;
}

/// Sends a well-formed request for another path and waits for its answer:
/// by then the listener has read what came before it.
void settle(quint16 port)
{
    QTcpSocket socket;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&closed] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write("GET /settle HTTP/1.1\r\n\r\n");
    QElapsedTimer clock;
    clock.start();
    while (!closed && clock.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!closed)
        Fuzz::violated("the listener stopped answering");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Listener *target = listener();
    if (!target->handler.isListening())
        Fuzz::violated("the listener is not listening");
    const quint16 port = target->handler.port();
    const QByteArray input = Fuzz::bytes(data, size);
    const int before = target->callbacks;
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            Fuzz::violated("cannot connect to the listener");
        socket.write(input);
        socket.flush();
        socket.disconnectFromHost();
    }
    settle(port);
    // Only a GET of the callback path with a complete head reaches the flow.
    if (target->callbacks != before && !input.startsWith("GET /"))
        Fuzz::violated("a callback from something that is not a GET");
    return 0;
}
