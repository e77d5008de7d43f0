#include "requestguard.h"

#include <QSslSocket>
#include <QTcpSocket>

RequestGuard::RequestGuard(const GuardedConnection::Limits &limits,
                           int maxConnections,
                           QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_maxConnections(maxConnections)
{ }

RequestGuard::~RequestGuard()
{
    // Close sockets while this object is whole: their guards report back to it.
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(sockets);
}

void RequestGuard::allowHostsFor(const QHostAddress &bindAddress)
{
    const QString port = QString::number(serverPort());
    QStringList hosts {QStringLiteral("127.0.0.1"), QStringLiteral("localhost"),
                       QStringLiteral("[::1]")};
    if (bindAddress.protocol() == QAbstractSocket::IPv6Protocol)
        hosts << QLatin1Char('[') + bindAddress.toString().toLower() + QLatin1Char(']');
    else if (!bindAddress.isNull() && bindAddress != QHostAddress::Any)
        hosts << bindAddress.toString();
    QStringList allowed;
    for (const QString &host : std::as_const(hosts)) {
        allowed << host + QLatin1Char(':') + port;
        if (serverPort() == 80)
            allowed << host;
    }
    allowed.removeDuplicates();
    m_limits.allowedHosts = allowed;
}

void RequestGuard::connectionClosed(GuardedConnection *connection)
{
    if (m_counted.remove(connection))
        --m_open;
}

void RequestGuard::incomingConnection(qintptr socketDescriptor)
{
    QSslSocket *tlsSocket = m_tls.isNull() ? nullptr : new QSslSocket(this);
    QTcpSocket *socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
    if (tlsSocket)
        tlsSocket->setSslConfiguration(m_tls);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (tlsSocket)
        tlsSocket->startServerEncryption(); // a client that rejects the certificate just leaves
    auto *connection = new GuardedConnection(socket, m_limits, this);
    if (m_open >= m_maxConnections) {
        // Never handed to QHttpServer: answered and closed by the guard alone.
        connection->reject(503, QStringLiteral("too_many_connections"),
                           QStringLiteral("The simulator has too many open connections; retry "
                                          "later."),
                           {{QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")}});
        return;
    }
    ++m_open;
    m_counted.insert(connection);
    addPendingConnection(socket);
}
