#include "guard_support.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>

namespace GuardSupport {

QByteArray RawAnswer::header(const char *name) const
{
    const QByteArray wanted = QByteArray(name).toLower() + ':';
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith(wanted))
            return line.mid(wanted.size()).trimmed();
    }
    return {};
}

static bool complete(RawAnswer &answer, const QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    answer.head = buffer.left(end);
    const QList<QByteArray> statusLine = answer.head.split(' ');
    answer.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    const qint64 length = answer.header("content-length").toLongLong();
    if (buffer.size() < end + 4 + length)
        return false;
    answer.body = buffer.mid(end + 4, length);
    return true;
}

RawAnswer readAnswer(QTcpSocket &socket, int timeoutMs)
{
    RawAnswer answer;
    QByteArray buffer;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (socket.bytesAvailable() || socket.waitForReadyRead(50))
            buffer += socket.readAll();
        if (complete(answer, buffer))
            return answer;
        if (socket.state() == QAbstractSocket::UnconnectedState) {
            buffer += socket.readAll();
            answer.closedByServer = true;
            complete(answer, buffer);
            return answer;
        }
    }
    complete(answer, buffer);
    return answer;
}

RawAnswer exchange(quint16 port, const QByteArray &request, qint64 extraBody, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write(request);
    if (extraBody > 0) {
        const QByteArray chunk(64 * 1024, 'x');
        for (qint64 sent = 0; sent < extraBody && socket.state() == QAbstractSocket::ConnectedState;
             sent += chunk.size()) {
            socket.write(chunk);
            socket.waitForBytesWritten(50);
        }
    }
    socket.flush();
    return readAnswer(socket, timeoutMs);
}

bool waitClosed(QTcpSocket &socket, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        socket.waitForReadyRead(50);
        socket.readAll();
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
    }
    return socket.state() == QAbstractSocket::UnconnectedState;
}

qint64 rssKiB(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

QByteArray get(quint16 port, const char *path, const QByteArray &extraHeaders)
{
    return QByteArray("GET ") + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\n" + extraHeaders + "\r\n";
}

} // namespace GuardSupport
