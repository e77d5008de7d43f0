#include "tlscertificates.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace {

const QStringList kEcKey {QStringLiteral("-newkey"), QStringLiteral("ec"),
                          QStringLiteral("-pkeyopt"),
                          QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};

} // namespace

TlsCertificates::TlsCertificates()
    : m_dir(std::make_unique<QTemporaryDir>())
{ }

TlsCertificates::~TlsCertificates() = default;

QString TlsCertificates::path(const QString &file) const
{
    return m_dir->filePath(file);
}

QStringList TlsCertificates::simArguments(const QString &name) const
{
    return {QStringLiteral("--tls-cert"), certFile(name), QStringLiteral("--tls-key"),
            keyFile(name)};
}

bool TlsCertificates::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2 %3")
                      .arg(arguments.value(0), process.errorString(),
                           QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

bool TlsCertificates::signedLeaf(const QString &name,
                                 const QString &subjectAltName,
                                 const QString &days)
{
    const QString ext = name + QStringLiteral(".ext");
    QFile file(path(ext));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
               "extendedKeyUsage=serverAuth\nsubjectAltName="
               + subjectAltName.toLatin1() + '\n');
    file.close();
    return openssl(QStringList {QStringLiteral("req")} + kEcKey
                   + QStringList {QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                                  QStringLiteral("-out"), name + QStringLiteral(".csr"),
                                  QStringLiteral("-subj"),
                                  QStringLiteral("/CN=dreamops-test-") + name})
        && openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                    QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-set_serial"), QString::number(qHash(name) & 0xffffff),
                    QStringLiteral("-days"), days, QStringLiteral("-extfile"), ext,
                    QStringLiteral("-out"), name + QStringLiteral(".pem")});
}

bool TlsCertificates::generate()
{
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty()) {
        m_error = QStringLiteral("the openssl command is not installed");
        return false;
    }
    const QString local = QStringLiteral("IP:127.0.0.1,DNS:localhost");
    return openssl(QStringList {QStringLiteral("req"), QStringLiteral("-x509")} + kEcKey
                   + QStringList {QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                                  QStringLiteral("-out"), QStringLiteral("ca.pem"),
                                  QStringLiteral("-days"), QStringLiteral("30"),
                                  QStringLiteral("-subj"), QStringLiteral("/CN=DreamOps Test CA"),
                                  QStringLiteral("-addext"),
                                  QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                  QStringLiteral("-addext"),
                                  QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")})
        && signedLeaf(QStringLiteral("good"), local, QStringLiteral("30"))
        // -days -1: not-after one day before not-before, i.e. expired as soon as it exists.
        && signedLeaf(QStringLiteral("expired"), local, QStringLiteral("-1"))
        && signedLeaf(QStringLiteral("wrongname"), QStringLiteral("DNS:wrong.example"),
                      QStringLiteral("30"))
        && openssl(QStringList {QStringLiteral("req"), QStringLiteral("-x509")} + kEcKey
                   + QStringList {QStringLiteral("-keyout"), QStringLiteral("selfsigned.key"),
                                  QStringLiteral("-out"), QStringLiteral("selfsigned.pem"),
                                  QStringLiteral("-days"), QStringLiteral("30"),
                                  QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                                  QStringLiteral("-addext"),
                                  QStringLiteral("subjectAltName=") + local});
}
