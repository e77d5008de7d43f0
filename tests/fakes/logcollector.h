#pragma once

#include "logsource.h"
#include "testsupport.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QStringList>

#include <algorithm>

// Records everything a LogSource reports, for the log source tests and the tail benchmark.
struct LogCollector
{
    explicit LogCollector(LogSource *source)
    {
        QObject::connect(source, &LogSource::chunkRead, &context, [this](const LogChunk &chunk) {
            ++chunks;
            largestChunk = std::max(largestChunk, chunk.lines.size());
            if (keepBytes)
                bytes += chunk.lines;
            received += chunk.lines.size();
            lines += chunk.lines.count('\n');
        });
        QObject::connect(source, &LogSource::diagnostic, &context,
                         [this](const QString &text) { diagnostics.append(text); });
        QObject::connect(source, &LogSource::stateChanged, &context,
                         [this](LogSource::State state, const QString &text) {
                             states.append(state);
                             statusTexts.append(text);
                         });
    }

    bool diagnosticContains(const QString &part) const
    {
        return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                           [&part](const QString &d) { return d.contains(part); });
    }

    QObject context;
    bool keepBytes = true; ///< false: count only (floods)
    QByteArray bytes;
    qint64 received = 0;
    qint64 lines = 0;
    qsizetype largestChunk = 0;
    int chunks = 0;
    QStringList diagnostics;
    QList<LogSource::State> states;
    QStringList statusTexts;
};

// Lets the event loop run for a while (for "nothing more arrives" checks).
inline void settle(int ms = 300)
{
    TestSupport::waitUntil([] { return false; }, ms);
}
