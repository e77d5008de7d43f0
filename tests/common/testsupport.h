#pragma once

#include "simulatorprocess.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QUrl>

#include <functional>
#include <memory>

namespace TestSupport {

/// Runs the event loop until pred() is true or timeoutMs passes. Returns pred().
bool waitUntil(const std::function<bool()> &pred, int timeoutMs = 5000);

/// A dreamnet-sim child on 127.0.0.1 port 0 with known tokens; fails the test if it cannot start.
/// `extra` goes on the command line (e.g. {"--seed", "7", "--scenario", "db-outage"}).
std::unique_ptr<SimulatorProcess> startSimulator(const QStringList &extra = {}, double speed = 1.0);

/// A minimal blocking HTTP exchange for contract tests: the whole raw response, headers parsed.
struct HttpResult
{
    int status = 0; ///< 0 when there was no HTTP answer
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const; ///< the body as an object (empty when not JSON)
};

/// Sends one request with QNetworkAccessManager (HTTP/2 off, no redirects) and waits for it.
HttpResult request(const QByteArray &verb,
                   const QUrl &url,
                   const QList<QPair<QByteArray, QByteArray>> &headers = {},
                   const QByteArray &body = {},
                   int timeoutMs = 10000);

/// D1 drills (kill -9 during appends): the rounds to run, 40 by default and the matrix's 200
/// with DREAMOPS_D1_ROUNDS=200.
int killDrillRounds();
/// The sequence numbers a drill's child acknowledged on stdout, one `ack <seq>` line each.
QSet<qint64> acknowledgedSeqs(const QByteArray &output);

} // namespace TestSupport
