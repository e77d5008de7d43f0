#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// N17's certificates, made with the `openssl` command in a temporary folder: a test CA, a server
// certificate it signs for 127.0.0.1/localhost, an expired one and a wrong-name one signed by
// the same CA, and a self-signed one for 127.0.0.1. EC P-256 keys (fast to make). PEM files.
class TlsCertificates final
{
public:
    TlsCertificates();
    ~TlsCertificates();
    TlsCertificates(const TlsCertificates &) = delete;
    TlsCertificates &operator=(const TlsCertificates &) = delete;

    /// False (with error()) when openssl is missing or failed.
    bool generate();
    QString error() const { return m_error; }

    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    /// "good", "expired", "wrongname" or "selfsigned" -> its certificate and key.
    QString certFile(const QString &name) const { return path(name + QStringLiteral(".pem")); }
    QString keyFile(const QString &name) const { return path(name + QStringLiteral(".key")); }
    /// `--tls-cert F --tls-key K` for dreamnet-sim.
    QStringList simArguments(const QString &name) const;
    QString path(const QString &file) const;

private:
    bool openssl(const QStringList &arguments);
    bool signedLeaf(const QString &name, const QString &subjectAltName, const QString &days);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_error;
};
