#pragma once

// Raw-socket helpers of the front-guard tests: what QNetworkAccessManager cannot send.
#include <QByteArray>
#include <QTcpSocket>

namespace GuardSupport {

struct RawAnswer
{
    int status = 0; ///< 0 = no HTTP answer
    QByteArray head;
    QByteArray body;
    bool closedByServer = false;
    QByteArray header(const char *name) const;
};

/// Sends `request` (and `extraBody` zero bytes after it) and reads until a complete answer,
/// the server's close, or the timeout.
RawAnswer
exchange(quint16 port, const QByteArray &request, qint64 extraBody = 0, int timeoutMs = 8000);
/// Reads one complete answer from an already connected socket.
RawAnswer readAnswer(QTcpSocket &socket, int timeoutMs);
/// True when the server closes `socket` within timeoutMs.
bool waitClosed(QTcpSocket &socket, int timeoutMs);
/// VmRSS of a process in KiB (0 if unknown).
qint64 rssKiB(qint64 pid);
QByteArray get(quint16 port, const char *path, const QByteArray &extraHeaders = {});

} // namespace GuardSupport
