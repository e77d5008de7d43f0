#include "testsupport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

namespace TestSupport {

bool waitUntil(const std::function<bool()> &pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!pred()) {
        if (deadline.hasExpired())
            return pred();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

std::unique_ptr<SimulatorProcess> startSimulator(const QStringList &extra, double speed)
{
    auto sim = std::make_unique<SimulatorProcess>();
    SimulatorProcess::Options options;
    options.extraArguments = extra;
    options.speed = speed;
    const bool ok = sim->startAndWait(options);
    EXPECT_TRUE(ok) << sim->errorString().toStdString() << "\n" << sim->stderrTail().toStdString();
    return sim;
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpResult request(const QByteArray &verb,
                   const QUrl &url,
                   const QList<QPair<QByteArray, QByteArray>> &headers,
                   const QByteArray &body,
                   int timeoutMs)
{
    QNetworkAccessManager manager;
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[name, value] : headers)
        req.setRawHeader(name, value);
    QNetworkReply *reply = manager.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, [reply] { reply->abort(); });
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.error = reply->error();
    delete reply;
    return result;
}

int killDrillRounds()
{
    return qEnvironmentVariableIsSet("DREAMOPS_D1_ROUNDS")
        ? qEnvironmentVariableIntValue("DREAMOPS_D1_ROUNDS")
        : 40;
}

QSet<qint64> acknowledgedSeqs(const QByteArray &output)
{
    QSet<qint64> seqs;
    for (const QByteArray &line : output.split('\n')) {
        if (line.startsWith("ack "))
            seqs.insert(line.mid(4).toLongLong());
    }
    return seqs;
}

} // namespace TestSupport
