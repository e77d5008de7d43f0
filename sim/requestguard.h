#pragma once

#include "guardedconnection.h"

#include <QSslConfiguration>
#include <QTcpServer>

// The listening socket of the simulator. incomingConnection() creates each QTcpSocket, attaches
// a GuardedConnection (whose readyRead slot is thus connected before QHttpServer's) and only then
// hands the socket to QHttpServer through addPendingConnection(). Caps open connections.
// With a TLS configuration each socket is a QSslSocket that starts server encryption at once
// (QHttpServer then reads the decrypted stream); without one, plain HTTP as before.
class RequestGuard final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestGuard)

public:
    RequestGuard(const GuardedConnection::Limits &limits,
                 int maxConnections,
                 QObject *parent = nullptr);
    ~RequestGuard() override;

    /// After listen(): the Host header values accepted (loopback forms and the bind address).
    void allowHostsFor(const QHostAddress &bindAddress);
    /// Before listen(): serve HTTPS with this certificate and key (null = plain HTTP).
    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }
    int openConnections() const { return m_open; }

    void connectionClosed(GuardedConnection *connection);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    GuardedConnection::Limits m_limits;
    int m_maxConnections;
    int m_open = 0;
    QSslConfiguration m_tls;
    QSet<GuardedConnection *> m_counted;
};
