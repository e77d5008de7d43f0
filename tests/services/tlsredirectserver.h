#pragma once

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

// A TLS "faultd" for N16: an HTTPS server on loopback that answers every request with a 302 to
// one target URL (e.g. the plain-HTTP port of a FaultServer) and records the request heads.
class TlsRedirectServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsRedirectServer)

public:
    /// `certFile`/`keyFile`: PEM, as made by TlsCertificates.
    TlsRedirectServer(const QString &certFile, const QString &keyFile, const QUrl &target);
    ~TlsRedirectServer() override;

    bool isConfigured() const { return !m_tls.isNull(); }
    QUrl baseUrl() const;
    /// Every request head received (request line and headers), decrypted.
    const QList<QByteArray> &requestHeads() const { return m_heads; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QSslConfiguration m_tls;
    QUrl m_target;
    QList<QByteArray> m_heads;
};
