#include "tlsredirectserver.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

TlsRedirectServer::TlsRedirectServer(const QString &certFile,
                                     const QString &keyFile,
                                     const QUrl &target)
    : m_target(target)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile);
    QFile key(keyFile);
    if (chain.isEmpty() || !key.open(QIODevice::ReadOnly))
        return;
    const QSslKey privateKey(key.readAll(), QSsl::Ec);
    if (privateKey.isNull())
        return;
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setLocalCertificateChain(chain);
    m_tls.setPrivateKey(privateKey);
    m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
}

TlsRedirectServer::~TlsRedirectServer() = default;

QUrl TlsRedirectServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(serverAddress().toString());
    url.setPort(serverPort());
    return url;
}

void TlsRedirectServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_tls);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QSslSocket::readyRead, this, [this, socket] {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        qsizetype end = buffer.indexOf("\r\n\r\n");
        while (end >= 0) { // GETs only: a head ends each request
            m_heads << buffer.left(end);
            buffer.remove(0, end + 4);
            const QByteArray location = m_target.toEncoded();
            socket->write("HTTP/1.1 302 Found\r\nLocation: " + location
                          + "\r\nContent-Length: 0\r\n\r\n");
            end = buffer.indexOf("\r\n\r\n");
        }
        socket->setProperty("buffer", buffer);
    });
    socket->startServerEncryption();
}
