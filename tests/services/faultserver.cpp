#include "faultserver.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <zlib.h>

struct FaultServer::Connection
{
    QByteArray buffer;
    bool inRequest = false;
    QTimer *timer = nullptr;
    QByteArray pending; ///< body still to send (drip, gzip)
    qint64 streamRemaining = 0; ///< flood bytes still to send; -1 = forever
    bool chunked = false;
};

namespace {
constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kHighWater = 256 * 1024;

QByteArray head(int status, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    return out + "\r\n";
}
} // namespace

QByteArray FaultServer::Request::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

FaultServer::FaultServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FaultServer::onNewConnection);
}

FaultServer::~FaultServer()
{
    close();
}

bool FaultServer::listen(const QHostAddress &address, quint16 port)
{
    return m_server->listen(address, port);
}

void FaultServer::close()
{
    m_server->close();
    const auto sockets = m_conns.keys();
    for (QTcpSocket *s : sockets)
        s->abort();
}

quint16 FaultServer::port() const
{
    return m_server->serverPort();
}

QUrl FaultServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_server->serverAddress().toString());
    url.setPort(m_server->serverPort());
    return url;
}

void FaultServer::setResponse(int status,
                              const QByteArray &body,
                              const QList<QPair<QByteArray, QByteArray>> &headers,
                              const QByteArray &contentType)
{
    m_status = status;
    m_body = body;
    m_headers = headers;
    m_contentType = contentType;
}

int FaultServer::requestCount(const QByteArray &method) const
{
    int n = 0;
    for (const Request &r : m_requests) {
        if (method.isEmpty() || r.method == method)
            ++n;
    }
    return n;
}

void FaultServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        m_conns.insert(socket, new Connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            Connection *c = m_conns.take(socket);
            if (c) {
                if (c->inRequest)
                    --m_inFlight;
                delete c->timer;
                delete c;
            }
            socket->deleteLater();
        });
    }
}

void FaultServer::onReadyRead(QTcpSocket *socket)
{
    Connection *c = m_conns.value(socket);
    if (!c)
        return;
    c->buffer += socket->readAll();
    while (!c->inRequest) {
        const qsizetype end = c->buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = c->buffer.left(end).split('\n');
        Request r;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            r.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (c->buffer.size() < end + 4 + length)
            return;
        r.body = c->buffer.mid(end + 4, length);
        c->buffer.remove(0, end + 4 + length);
        onRequest(socket, r);
        c = m_conns.value(socket); // closing the socket in onRequest may have dropped it
        if (!c)
            return;
    }
}

void FaultServer::onRequest(QTcpSocket *socket, const Request &request)
{
    Connection *c = m_conns.value(socket);
    m_requests.append(request);
    c->inRequest = true;
    ++m_inFlight;
    m_maxInFlight = qMax(m_maxInFlight, m_inFlight);

    if (m_redirects.contains(request.path)) {
        write(socket,
              head(302,
                   {{"Location", m_redirects.value(request.path).toEncoded()},
                    {"Content-Length", "0"}}));
        finishRequest(socket);
        return;
    }
    switch (m_mode) {
    case Mode::Respond:
        if (m_delayMs > 0)
            QTimer::singleShot(m_delayMs, socket, [this, socket] { respond(socket); });
        else
            respond(socket);
        return;
    case Mode::Hold:
        return;
    case Mode::Drip:
        write(socket,
              head(200,
                   {{"Content-Type", m_contentType},
                    {"Content-Length", QByteArray::number(m_body.size())}}));
        c->pending = m_body;
        c->timer = new QTimer;
        connect(c->timer, &QTimer::timeout, socket, [this, socket, c] {
            if (c->pending.isEmpty()) {
                c->timer->stop();
                finishRequest(socket);
                return;
            }
            write(socket, c->pending.left(1));
            m_bytesSent += 1;
            c->pending.remove(0, 1);
        });
        c->timer->start(m_dripIntervalMs);
        return;
    case Mode::ResetAfterBytes:
        write(socket, head(200, {{"Content-Type", m_contentType}, {"Content-Length", "1000000"}}));
        write(socket, m_body.leftJustified(m_resetAfterBytes, ' ', true));
        m_bytesSent += m_resetAfterBytes;
        QTimer::singleShot(100, socket, [socket] { socket->abort(); });
        return;
    case Mode::BigBody:
        write(socket,
              head(200,
                   {{"Content-Type", m_contentType},
                    {"Content-Length", QByteArray::number(m_bigBodyBytes)}}));
        c->streamRemaining = m_bigBodyBytes;
        break;
    case Mode::LyingLength:
        write(socket, head(200, {{"Content-Type", m_contentType}, {"Content-Length", "64"}}));
        c->streamRemaining = -1;
        break;
    case Mode::EndlessChunked:
        write(socket,
              head(200, {{"Content-Type", m_contentType}, {"Transfer-Encoding", "chunked"}}));
        c->streamRemaining = -1;
        c->chunked = true;
        break;
    case Mode::EndlessNoLength:
        write(socket, head(200, {{"Content-Type", m_contentType}, {"Connection", "close"}}));
        c->streamRemaining = -1;
        break;
    case Mode::GzipBomb: {
        c->pending = gzipOfZeros(m_gzipBombBytes);
        write(socket,
              head(200,
                   {{"Content-Type", m_contentType},
                    {"Content-Encoding", "gzip"},
                    {"Content-Length", QByteArray::number(c->pending.size())}}));
        break;
    }
    case Mode::Gzip: {
        const QByteArray z = gzip(m_body);
        write(socket,
              head(200,
                   {{"Content-Type", m_contentType},
                    {"Content-Encoding", "gzip"},
                    {"Content-Length", QByteArray::number(z.size())}}));
        write(socket, z);
        finishRequest(socket);
        return;
    }
    case Mode::CloseAfterRequest:
        if (m_closeFirst > 0) {
            --m_closeFirst;
            socket->disconnectFromHost();
        } else {
            respond(socket);
        }
        return;
    }
    pump(socket);
}

void FaultServer::respond(QTcpSocket *socket)
{
    if (!m_conns.contains(socket))
        return;
    QList<QPair<QByteArray, QByteArray>> headers = m_headers;
    if (!m_contentType.isEmpty())
        headers.append({"Content-Type", m_contentType});
    headers.append({"Content-Length", QByteArray::number(m_body.size())});
    write(socket, head(m_status, headers) + m_body);
    m_bytesSent += m_body.size();
    finishRequest(socket);
}

void FaultServer::pump(QTcpSocket *socket)
{
    Connection *c = m_conns.value(socket);
    if (!c || !c->inRequest || c->timer)
        return;
    while (socket->bytesToWrite() < kHighWater) {
        if (!c->pending.isEmpty()) {
            const QByteArray part = c->pending.left(kChunk);
            c->pending.remove(0, part.size());
            write(socket, part);
            m_bytesSent += part.size();
            if (c->pending.isEmpty() && c->streamRemaining == 0)
                finishRequest(socket);
            continue;
        }
        if (c->streamRemaining == 0)
            return;
        const qint64 n = c->streamRemaining < 0 ? kChunk : qMin(kChunk, c->streamRemaining);
        const QByteArray part(n, 'x');
        if (c->chunked)
            write(socket, QByteArray::number(n, 16) + "\r\n" + part + "\r\n");
        else
            write(socket, part);
        m_bytesSent += n;
        if (c->streamRemaining > 0) {
            c->streamRemaining -= n;
            if (c->streamRemaining == 0) {
                finishRequest(socket);
                return;
            }
        }
    }
}

void FaultServer::finishRequest(QTcpSocket *socket)
{
    Connection *c = m_conns.value(socket);
    if (!c || !c->inRequest)
        return;
    c->inRequest = false;
    --m_inFlight;
    if (!c->buffer.isEmpty())
        QTimer::singleShot(0, socket, [this, socket] { onReadyRead(socket); });
}

void FaultServer::write(QTcpSocket *socket, const QByteArray &bytes)
{
    socket->write(bytes);
}

QByteArray FaultServer::gzip(const QByteArray &data)
{
    z_stream zs {};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 64, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(out.size() - qsizetype(zs.avail_out));
    deflateEnd(&zs);
    return out;
}

QByteArray FaultServer::gzipOfZeros(qint64 bytes)
{
    static QHash<qint64, QByteArray> cache;
    if (cache.contains(bytes))
        return cache.value(bytes);
    z_stream zs {};
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    const QByteArray zeros(1024 * 1024, '\0');
    QByteArray out;
    QByteArray buf(64 * 1024, Qt::Uninitialized);
    qint64 left = bytes;
    int flush = Z_NO_FLUSH;
    do {
        const qint64 n = qMin<qint64>(left, zeros.size());
        left -= n;
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        zs.avail_in = uInt(n);
        do {
            zs.next_out = reinterpret_cast<Bytef *>(buf.data());
            zs.avail_out = uInt(buf.size());
            deflate(&zs, flush);
            out.append(buf.constData(), buf.size() - qsizetype(zs.avail_out));
        } while (zs.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&zs);
    cache.insert(bytes, out);
    return out;
}
