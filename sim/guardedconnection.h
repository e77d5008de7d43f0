#pragma once

#include "httpreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>

class QTcpSocket;
class RequestGuard;

// The front guard of one accepted socket (QtHttpServer 6.4 has no limits). Its readyRead slot is
// connected before QHttpServer's, so it sees every byte first: it enforces the header cap, the
// body cap, Content-Length, Host, header and idle timeouts, and rejects with a complete response
// before QHttpServer parses anything. It also writes the simulator's responses in request order,
// applying the chaos verdict (delay, trickle, drop, hang). Lives as a child of its socket.
class GuardedConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedConnection)

public:
    struct Limits
    {
        int headerTimeoutMs = 10000;
        int idleTimeoutMs = 30000;
        qint64 maxHeadBytes = 16 * 1024;
        qint64 maxBodyBytes = 1024 * 1024;
        QStringList allowedHosts; ///< lower-case host[:port] forms
    };
    struct Delivery
    {
        HttpReply reply;
        bool hang = false;
        bool drop = false;
        bool close = false;
        int delayMs = 0;
        int bytesPerSecond = 0;
        std::function<void(bool delivered)> done;
    };

    GuardedConnection(QTcpSocket *socket, const Limits &limits, RequestGuard *guard);
    ~GuardedConnection() override;

    static GuardedConnection *of(QTcpSocket *socket);

    /// Asked by SimHttpServer before it acts on the next parsed request: false when an earlier
    /// request of this connection asked to close it (RFC 9112 9.6: a pipelined request after
    /// "Connection: close" is not processed and not answered).
    bool admit();
    /// Queues the answer to the next request of this connection (answers go out in order).
    void deliver(Delivery delivery);
    /// Answers with an error envelope and closes, whatever was sent (used at capacity).
    void reject(int status,
                const QString &code,
                const QString &message,
                const HttpReply::Headers &extra = {});

private:
    void onReadyRead();
    bool scan(const QByteArray &chunk);
    bool checkPrefix();
    bool checkHead(const QByteArray &head);
    void drain();
    void closeNow();
    void startNext();
    void writeChunk();
    void finishCurrent(bool delivered);
    void onIdle();
    QString traceIdFromHead() const;

    QTcpSocket *m_socket;
    Limits m_limits;
    QPointer<RequestGuard> m_guard;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    bool m_rejected = false;
    bool m_writing = false;
    bool m_closing = false; ///< an admitted request asked to close the connection
    QList<Delivery> m_queue;
    QList<bool> m_closeAfter; // per parsed request, in order: HTTP/1.0 or "Connection: close"
    QByteArray m_outgoing;
    QTimer m_headerTimer;
    QTimer m_bodyTimer;
    QTimer m_idleTimer;
    QTimer m_writeTimer;
};
