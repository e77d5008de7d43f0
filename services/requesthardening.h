#pragma once

#include <QNetworkRequest>
#include <QString>

/// The settings every request the console sends carries, whatever the server (the ops API or a
/// Prometheus server): JSON accepted, a trace id, HTTP/1.1 only (the h2 path is not what the
/// tests cover, N18), no automatic redirects (the caller decides, same-origin only), no cache
/// and no cookies, Qt's archive-bomb check from the size cap (at most Qt's 10 MiB default; the
/// callers count decompressed bytes themselves, N14), and a transfer timeout one second past the
/// total deadline as a second line of defence (N3).
namespace RequestHardening {
void apply(QNetworkRequest &request,
           const QString &traceId,
           qint64 maxResponseBytes,
           int deadlineMs);
} // namespace RequestHardening
