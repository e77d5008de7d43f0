#pragma once

#include "opsclient.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QObject>
#include <QTest>

#include <optional>

// Small helpers shared by the client tests: run one call to its callback, measure it.
namespace ClientTest {

inline constexpr const char *kCanary = "canary-TOKEN-7f3e9d21c4b5a6";

inline ConnectionProfile profileFor(const QUrl &baseUrl,
                                    int deadlineMs = 5000,
                                    const QString &token = QString::fromLatin1(kCanary))
{
    ConnectionProfile p;
    p.name = QStringLiteral("test");
    p.baseUrl = baseUrl;
    p.token = token;
    p.deadlineMs = deadlineMs;
    p.operatorName = QStringLiteral("gtest");
    return p;
}

template<typename T>
struct Outcome
{
    std::optional<ApiResult<T>> result;
    qint64 elapsedMs = -1;
    bool ok() const { return result && result->ok(); }
    const ApiError &error() const { return result->error(); }
    ApiError::Kind kind() const { return result->error().kind; }
};

/// Starts a call with `start(context, callback)` and runs the event loop until the callback.
template<typename T, typename Start>
Outcome<T> await(Start start, int timeoutMs = 15000)
{
    Outcome<T> out;
    QObject context;
    QElapsedTimer timer;
    timer.start();
    start(&context, [&out, &timer](const ApiResult<T> &r) {
        out.result.emplace(r);
        out.elapsedMs = timer.elapsed();
    });
    TestSupport::waitUntil([&out] { return out.result.has_value(); }, timeoutMs);
    return out;
}

/// VmRSS of this process in KiB (Linux), 0 if unknown.
inline qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace ClientTest
