#pragma once

#include "logline.h"

#include <QObject>
#include <QString>

/// One origin of log lines (a followed file, a cloud CLI): reads whole lines and reports its
/// state as a sentence the log page shows beside the source. LogMux owns and merges them.
class LogSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogSource)

public:
    enum class State { Stopped, Starting, Following, Waiting, Restarting, Failed };
    Q_ENUM(State)

    ~LogSource() override;

    /// Unique per console run, given at construction.
    int id() const { return m_id; }
    /// "server.log", "gcloud run services logs tail api".
    QString name() const { return m_name; }
    State state() const { return m_state; }
    /// One sentence: "Following /x/server.log", "Waiting for /x/server.log to appear",
    /// "gcloud exited with status 1 — restarting in 8 s".
    QString statusText() const { return m_statusText; }

    virtual void start() = 0;
    virtual void stop() = 0;

    /// A single line longer than this is cut into pieces of this size (with a diagnostic), so a
    /// flood without newlines cannot eat memory.
    static constexpr qsizetype MaxLineBytes = 8 << 20;

    /// "stopped", "starting", "following", "waiting", "restarting", "failed".
    static QString stateName(State state);

Q_SIGNALS:
    /// Whole lines only, each ending in '\n', bytes untouched.
    void chunkRead(const LogChunk &chunk);
    void stateChanged(LogSource::State state, const QString &statusText);
    /// A CLI's stderr line, "file truncated — reading from the start", "file rotated", ...
    /// (plain text).
    void diagnostic(const QString &text);

protected:
    LogSource(int id, const QString &name, QObject *parent);
    /// Records and announces a state; emits stateChanged only when state or text changed.
    void setState(State state, const QString &statusText);
    /// Emits chunkRead for non-empty lines of this source.
    void emitLines(QByteArray lines);
    /// Appends freshly read bytes to `partial` and emits the whole lines; the rest stays in
    /// `partial` (cut at MaxLineBytes, with a diagnostic).
    void emitWholeLines(QByteArray &partial, QByteArray data);
    /// Emits a held partial line, completed with '\n' (the source ended or moved on).
    void flushPartial(QByteArray &partial);

private:
    int m_id;
    QString m_name;
    State m_state = State::Stopped;
    QString m_statusText;
};
