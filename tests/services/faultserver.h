#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

class QTcpServer;
class QTcpSocket;
class QTimer;

// A deliberately misbehaving HTTP/1.1 server on loopback ("faultd" of the reliability matrix),
// owned by the client tests for the rows the simulator's chaos does not cover: holds, drips,
// resets, floods, lies about lengths, gzip bombs, redirects, closes after a POST. It records
// every request and how many were in flight at once.
class FaultServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultServer)

public:
    enum class Mode {
        Respond, ///< the canned response (status, headers, body), after delayMs
        Hold, ///< read the request, never answer
        Drip, ///< headers at once, then the body one byte every dripIntervalMs
        ResetAfterBytes, ///< announce a long body, send resetAfterBytes of it, then abort
        BigBody, ///< 200 with a real Content-Length of bigBodyBytes, streamed
        LyingLength, ///< Content-Length: 64 then an endless stream
        EndlessChunked, ///< Transfer-Encoding: chunked, chunks forever
        EndlessNoLength, ///< no length, Connection: close, bytes forever
        GzipBomb, ///< Content-Encoding: gzip of gzipBombBytes zeros
        Gzip, ///< the canned body, gzip-encoded (the benign case)
        CloseAfterRequest, ///< the first closeFirstRequests requests: read, then close; then
                           ///< Respond
    };

    struct Request
    {
        QByteArray method;
        QByteArray path;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit FaultServer(QObject *parent = nullptr);
    ~FaultServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void close();
    QUrl baseUrl() const;
    quint16 port() const;

    void setMode(Mode mode) { m_mode = mode; }
    void setResponse(int status,
                     const QByteArray &body,
                     const QList<QPair<QByteArray, QByteArray>> &headers = {},
                     const QByteArray &contentType = "application/json");
    void setDelayMs(int ms) { m_delayMs = ms; }
    void setDripIntervalMs(int ms) { m_dripIntervalMs = ms; }
    void setResetAfterBytes(int bytes) { m_resetAfterBytes = bytes; }
    void setBigBodyBytes(qint64 bytes) { m_bigBodyBytes = bytes; }
    void setGzipBombBytes(qint64 bytes) { m_gzipBombBytes = bytes; }
    void setCloseFirstRequests(int n) { m_closeFirst = n; }
    /// Requests for `path` get a 302 to `target` whatever the mode.
    void addRedirect(const QByteArray &path, const QUrl &target)
    {
        m_redirects.insert(path, target);
    }

    const QList<Request> &requests() const { return m_requests; }
    int requestCount(const QByteArray &method = {}) const;
    int connectionCount() const { return m_connections; }
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    /// Bytes of response body this server managed to write (for flood modes).
    qint64 bytesSent() const { return m_bytesSent; }

    /// gzip stream of `bytes` zero bytes (cached), e.g. 256 MiB -> ~250 KiB.
    static QByteArray gzipOfZeros(qint64 bytes);
    static QByteArray gzip(const QByteArray &data);

private:
    struct Connection;

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onRequest(QTcpSocket *socket, const Request &request);
    void respond(QTcpSocket *socket);
    void pump(QTcpSocket *socket);
    void finishRequest(QTcpSocket *socket);
    void write(QTcpSocket *socket, const QByteArray &bytes);

    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Connection *> m_conns;
    Mode m_mode = Mode::Respond;
    int m_status = 200;
    QByteArray m_body = "{\"ok\":true}";
    QByteArray m_contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QHash<QByteArray, QUrl> m_redirects;
    int m_delayMs = 0;
    int m_dripIntervalMs = 1000;
    int m_resetAfterBytes = 10;
    qint64 m_bigBodyBytes = 50LL * 1024 * 1024;
    qint64 m_gzipBombBytes = 256LL * 1024 * 1024;
    int m_closeFirst = 1;
    QList<Request> m_requests;
    int m_connections = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    qint64 m_bytesSent = 0;
};
