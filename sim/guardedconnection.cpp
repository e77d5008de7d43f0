#include "guardedconnection.h"

#include "httpsyntax.h"
#include "requestguard.h"

#include <QRandomGenerator>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>

using namespace HttpSyntax;

GuardedConnection::GuardedConnection(QTcpSocket *socket, const Limits &limits, RequestGuard *guard)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_guard(guard)
{
    setObjectName(QStringLiteral("GuardedConnection"));
    m_headerTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    connect(&m_headerTimer, &QTimer::timeout, this, &GuardedConnection::closeNow); // slowloris
    m_bodyTimer.setSingleShot(true);
    connect(&m_bodyTimer, &QTimer::timeout, this, [this] {
        // A body trickled byte by byte would otherwise hold the connection (and up to 1 MiB in
        // QHttpServer) forever: every byte restarts the idle timer.
        reject(408, QStringLiteral("request_timeout"),
               QStringLiteral("The request body did not arrive in time."));
    });
    connect(&m_idleTimer, &QTimer::timeout, this, &GuardedConnection::onIdle);
    connect(&m_writeTimer, &QTimer::timeout, this, &GuardedConnection::writeChunk);
    // First connection to readyRead: this slot runs before QHttpServer's.
    connect(m_socket, &QTcpSocket::readyRead, this, &GuardedConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, m_socket, &QObject::deleteLater);
    m_idleTimer.start(m_limits.idleTimeoutMs);
}

GuardedConnection::~GuardedConnection()
{
    const QList<Delivery> pending = std::exchange(m_queue, {});
    for (const Delivery &delivery : pending) {
        if (delivery.done)
            delivery.done(false);
    }
    if (m_guard)
        m_guard->connectionClosed(this);
}

GuardedConnection *GuardedConnection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<GuardedConnection *>(QStringLiteral("GuardedConnection"),
                                                           Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void GuardedConnection::onReadyRead()
{
    if (m_rejected)
        return drain();
    m_idleTimer.start(m_limits.idleTimeoutMs);
    const QByteArray chunk = m_socket->peek(m_socket->bytesAvailable());
    scan(chunk);
}

bool GuardedConnection::scan(const QByteArray &chunk)
{
    qsizetype pos = 0;
    while (pos < chunk.size() && !m_rejected) {
        if (m_bodyRemaining > 0) {
            const qint64 take = std::min<qint64>(m_bodyRemaining, chunk.size() - pos);
            m_bodyRemaining -= take;
            pos += take;
            if (m_bodyRemaining == 0)
                m_bodyTimer.stop();
            continue;
        }
        if (m_head.isEmpty()) {
            while (pos < chunk.size() && (chunk.at(pos) == '\r' || chunk.at(pos) == '\n'))
                ++pos; // tolerated empty lines between requests
            if (pos >= chunk.size())
                break;
            m_headerTimer.start(m_limits.headerTimeoutMs);
        }
        const qsizetype before = m_head.size();
        m_head += chunk.mid(pos);
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            pos = chunk.size();
            if (m_head.size() > m_limits.maxHeadBytes) {
                reject(431, QStringLiteral("headers_too_large"),
                       QStringLiteral("The request line and headers exceed 16 KiB."));
                return false;
            }
            if (!checkPrefix())
                return false;
            continue;
        }
        const qsizetype headSize = end + 4;
        pos += headSize - before;
        const QByteArray head = m_head.left(headSize);
        m_head = head; // kept while checking so that a rejection can echo the trace id
        m_headerTimer.stop();
        if (headSize > m_limits.maxHeadBytes) {
            reject(431, QStringLiteral("headers_too_large"),
                   QStringLiteral("The request line and headers exceed 16 KiB."));
            return false;
        }
        const bool ok = checkPrefix() && checkHead(head);
        m_head.clear();
        if (!ok)
            return false;
    }
    return true;
}

bool GuardedConnection::checkPrefix()
{
    // Refuse bytes that cannot start an HTTP/1.x request before QHttpServer's parser sees them.
    const PrefixVerdict verdict = checkRequestPrefix(m_head);
    if (verdict.status == 405) {
        reject(405, QStringLiteral("method_not_allowed"),
               QStringLiteral("The method %1 is not supported.")
                   .arg(QString::fromLatin1(verdict.method)),
               {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD, POST")}});
        return false;
    }
    if (verdict.status != 0) {
        reject(verdict.status, QStringLiteral("bad_request"), verdict.message);
        return false;
    }
    return true;
}

bool GuardedConnection::checkHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.left(head.size() - 4).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    const auto bad = [this](const QString &message) {
        reject(400, QStringLiteral("bad_request"), message);
        return false;
    };
    bool targetOk = requestLine.size() == 3;
    const QByteArray authority
        = targetOk ? absoluteAuthority(requestLine.at(1), &targetOk) : QByteArray();
    if (!targetOk)
        return bad(QStringLiteral("The request line is not 'METHOD target HTTP/1.1'."));
    const QByteArray method = requestLine.at(0);
    if (!isKnownMethod(method)) {
        reject(405, QStringLiteral("method_not_allowed"),
               QStringLiteral("The method %1 is not supported.").arg(QString::fromLatin1(method)),
               {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD, POST")}});
        return false;
    }
    QByteArray host;
    QByteArray connection;
    QList<QByteArray> lengths;
    bool chunked = false;
    bool upgrade = false;
    int hostCount = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !std::all_of(line.cbegin(), line.cbegin() + colon, isTokenChar)
            || std::any_of(line.cbegin(), line.cend(),
                           [](char c) { return (uchar(c) < 0x20 && c != '\t') || c == 0x7f; }))
            return bad(QStringLiteral("A request header line is malformed."));
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "host") {
            host = value.toLower();
            ++hostCount;
        } else if (name == "content-length") {
            lengths << value;
        } else if (name == "connection") {
            connection += value.toLower() + ','; // every Connection line counts
        } else if (name == "transfer-encoding") {
            chunked = true;
        } else if (name == "upgrade") {
            upgrade = true;
        }
    }
    // RFC 9112 3.2.2: with an absolute-form target the authority replaces the Host value.
    if (!authority.isEmpty() && hostCount <= 1) {
        host = authority;
        hostCount = 1;
    }
    if (hostCount != 1 || !m_limits.allowedHosts.contains(QString::fromLatin1(host))) {
        reject(400, QStringLiteral("invalid_host"),
               QStringLiteral("The Host header must name this simulator's loopback address."));
        return false;
    }
    if (upgrade && connection.contains("upgrade")) {
        // QHttpServer 6.4 would close such a connection without a word (h2c from curl --http2,
        // or a WebSocket handshake): answer instead.
        return bad(QStringLiteral("Protocol upgrades are not supported; speak HTTP/1.1."));
    }
    if (chunked) {
        reject(411, QStringLiteral("length_required"),
               QStringLiteral("Request bodies need a Content-Length; Transfer-Encoding is not "
                              "accepted."));
        return false;
    }
    qint64 length = 0;
    for (qsizetype i = 0; i < lengths.size(); ++i) {
        const QByteArray &value = lengths.at(i);
        bool ok = !value.isEmpty() && value.size() <= 15
            && std::all_of(value.cbegin(), value.cend(),
                           [](char c) { return c >= '0' && c <= '9'; });
        const qint64 parsed = ok ? value.toLongLong(&ok) : -1;
        if (!ok || (i > 0 && parsed != length))
            return bad(QStringLiteral("The Content-Length header is invalid."));
        length = parsed;
    }
    if (length > m_limits.maxBodyBytes) {
        reject(413, QStringLiteral("body_too_large"),
               QStringLiteral("The request body exceeds 1 MiB."));
        return false;
    }
    m_bodyRemaining = length;
    if (length > 0)
        m_bodyTimer.start(m_limits.headerTimeoutMs); // the body gets as long as the head had
    const bool http10 = requestLine.at(2).trimmed() == "HTTP/1.0";
    m_closeAfter.append(connection.contains("close")
                        || (http10 && !connection.contains("keep-alive")));
    return true;
}

QString GuardedConnection::traceIdFromHead() const
{
    // Same choice as SimHttpServer: a usable X-Trace-Id, else a usable X-Request-Id.
    QByteArray requestId;
    for (const QByteArray &raw : m_head.split('\n')) {
        const qsizetype colon = raw.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = raw.left(colon).trimmed().toLower();
        const QByteArray value = raw.mid(colon + 1).trimmed();
        if (name == "x-trace-id" && isSaneTraceId(value))
            return QString::fromLatin1(value);
        if (name == "x-request-id" && requestId.isEmpty() && isSaneTraceId(value))
            requestId = value;
    }
    if (!requestId.isEmpty())
        return QString::fromLatin1(requestId);
    return QString::number(QRandomGenerator::global()->generate64() | (quint64(1) << 63), 16);
}

void GuardedConnection::reject(int status,
                               const QString &code,
                               const QString &message,
                               const HttpReply::Headers &extra)
{
    if (m_rejected)
        return;
    m_rejected = true;
    m_headerTimer.stop();
    m_bodyTimer.stop();
    m_idleTimer.stop();
    m_writeTimer.stop();
    // Take the socket away from QHttpServer: nobody else reads it from now on.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &GuardedConnection::drain);
    drain();
    const QString traceId = traceIdFromHead();
    HttpReply reply = HttpReply::error(status, code, message, traceId);
    reply.headers = extra;
    reply.setHeader(QByteArrayLiteral("X-Trace-Id"), traceId.toLatin1());
    m_socket->write(reply.serialize(true));
    m_socket->flush();
    // Half-close after the answer and keep draining a little, so that a client still sending
    // its body reads our answer instead of a reset; then give up.
    const auto halfClose = [this] {
        if (m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    };
    connect(m_socket, &QTcpSocket::bytesWritten, this, halfClose);
    halfClose();
    QTimer::singleShot(2000, this, &GuardedConnection::closeNow);
}

void GuardedConnection::drain()
{
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll(); // discarded: nothing of a rejected connection is parsed
}

void GuardedConnection::closeNow()
{
    m_headerTimer.stop();
    m_bodyTimer.stop();
    m_idleTimer.stop();
    m_writeTimer.stop();
    m_socket->abort();
    m_socket->deleteLater();
}

void GuardedConnection::onIdle()
{
    if (!m_queue.isEmpty()) {
        m_idleTimer.start(m_limits.idleTimeoutMs); // an answer is pending (delayed or hung)
        return;
    }
    closeNow();
}

bool GuardedConnection::admit()
{
    if (m_closing || m_rejected) {
        if (!m_closeAfter.isEmpty())
            m_closeAfter.removeFirst();
        return false;
    }
    if (!m_closeAfter.isEmpty() && m_closeAfter.first())
        m_closing = true;
    return true;
}

void GuardedConnection::deliver(Delivery delivery)
{
    if (m_rejected) {
        if (delivery.done)
            delivery.done(false);
        return;
    }
    if (!m_closeAfter.isEmpty())
        delivery.close = m_closeAfter.takeFirst() || delivery.close;
    m_queue.append(std::move(delivery));
    if (!m_writing)
        QTimer::singleShot(0, this, &GuardedConnection::startNext);
}

void GuardedConnection::startNext()
{
    if (m_writing || m_queue.isEmpty() || m_rejected)
        return;
    Delivery &current = m_queue.first();
    if (current.hang)
        return; // never answered: the client gives up (its close destroys this object)
    m_writing = true;
    if (current.drop) {
        finishCurrent(false);
        closeNow();
        return;
    }
    const auto begin = [this] {
        Delivery &d = m_queue.first();
        m_outgoing = d.reply.serialize(d.close);
        if (d.bytesPerSecond <= 0) {
            m_socket->write(m_outgoing);
            m_outgoing.clear();
            finishCurrent(true);
            return;
        }
        m_writeTimer.start(d.bytesPerSecond >= 10 ? 100 : 1000 / d.bytesPerSecond);
        writeChunk();
    };
    if (current.delayMs > 0)
        QTimer::singleShot(current.delayMs, this, begin);
    else
        begin();
}

void GuardedConnection::writeChunk()
{
    if (m_queue.isEmpty() || m_outgoing.isEmpty()) {
        m_writeTimer.stop();
        return;
    }
    const int rate = m_queue.first().bytesPerSecond;
    const qsizetype size = rate >= 10 ? rate / 10 : 1;
    m_socket->write(m_outgoing.left(size));
    m_outgoing.remove(0, size);
    m_idleTimer.start(m_limits.idleTimeoutMs);
    if (m_outgoing.isEmpty()) {
        m_writeTimer.stop();
        finishCurrent(true);
    }
}

void GuardedConnection::finishCurrent(bool delivered)
{
    Delivery done = m_queue.takeFirst();
    m_writing = false;
    m_idleTimer.start(m_limits.idleTimeoutMs);
    if (done.done)
        done.done(delivered);
    if (!delivered)
        return;
    if (done.close) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_queue.isEmpty())
        QTimer::singleShot(0, this, &GuardedConnection::startNext);
}
