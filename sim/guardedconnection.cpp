#include "guardedconnection.h"

#include "requestguard.h"

#include <QRandomGenerator>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>

namespace {

const char *const kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isSaneTraceId(const QByteArray &value)
{
    if (value.isEmpty() || value.size() > 128)
        return false;
    return std::all_of(value.cbegin(), value.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == '-';
    });
}

} // namespace

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
    const qsizetype lineEnd = m_head.indexOf("\r\n");
    const QByteArray line = lineEnd < 0 ? m_head : m_head.left(lineEnd);
    const qsizetype space = line.indexOf(' ');
    const QByteArray method = space < 0 ? line : line.left(space);
    bool ok = method.size() <= 16
        && std::all_of(method.cbegin(), method.cend(), [](char c) { return c >= 'A' && c <= 'Z'; });
    const auto known = [&method](const char *m) {
        return method == m;
    };
    const auto startsKnown = [&method](const char *m) {
        return QByteArray(m).startsWith(method);
    };
    if (ok && space >= 0 && std::none_of(std::begin(kMethods), std::end(kMethods), known)) {
        reject(405, QStringLiteral("method_not_allowed"),
               QStringLiteral("The method %1 is not supported.").arg(QString::fromLatin1(method)),
               {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, POST")}});
        return false;
    }
    ok = ok && (space >= 0 || std::any_of(std::begin(kMethods), std::end(kMethods), startsKnown));
    if (ok && space >= 0) {
        ok = std::none_of(line.cbegin() + space, line.cend(),
                          [](char c) { return uchar(c) < 0x20 || uchar(c) > 0x7e; });
    }
    if (ok && lineEnd >= 0) {
        const QList<QByteArray> parts = line.split(' ');
        ok = parts.size() == 3 && parts.at(1).startsWith('/')
            && (parts.at(2) == "HTTP/1.1" || parts.at(2) == "HTTP/1.0");
    }
    // Control characters anywhere in the head would make QHttpServer's parser give up on the
    // socket without an answer: refuse them here with one.
    ok = ok && std::none_of(m_head.cbegin(), m_head.cend(), [](char c) {
             return (uchar(c) < 0x20 && c != '\r' && c != '\n' && c != '\t') || uchar(c) == 0x7f;
         });
    if (!ok) {
        reject(400, QStringLiteral("bad_request"), QStringLiteral("The request is not HTTP/1.1."));
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
    if (requestLine.size() != 3 || !requestLine.at(1).startsWith('/'))
        return bad(QStringLiteral("The request line is not 'METHOD /path HTTP/1.1'."));
    const QByteArray method = requestLine.at(0);
    if (std::none_of(std::begin(kMethods), std::end(kMethods),
                     [&method](const char *m) { return method == m; })) {
        reject(405, QStringLiteral("method_not_allowed"),
               QStringLiteral("The method %1 is not supported.").arg(QString::fromLatin1(method)),
               {{QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, POST")}});
        return false;
    }
    QByteArray host;
    QByteArray connection;
    QList<QByteArray> lengths;
    bool chunked = false;
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
            connection = value.toLower();
        } else if (name == "transfer-encoding") {
            chunked = true;
        }
    }
    if (hostCount != 1 || !m_limits.allowedHosts.contains(QString::fromLatin1(host))) {
        reject(400, QStringLiteral("invalid_host"),
               QStringLiteral("The Host header must name this simulator's loopback address."));
        return false;
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
    const bool http10 = requestLine.at(2).trimmed() == "HTTP/1.0";
    m_closeAfter.append(connection.contains("close")
                        || (http10 && !connection.contains("keep-alive")));
    return true;
}

QString GuardedConnection::traceIdFromHead() const
{
    for (const QByteArray &raw : m_head.split('\n')) {
        const qsizetype colon = raw.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = raw.left(colon).trimmed().toLower();
        const QByteArray value = raw.mid(colon + 1).trimmed();
        if ((name == "x-trace-id" || name == "x-request-id") && isSaneTraceId(value))
            return QString::fromLatin1(value);
    }
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
