#pragma once

#include "signalchartview.h"

#include <QList>
#include <QWidget>

class QGridLayout;
class SignalStore;
class StateBadge;
class TimeCursor;

// The golden-signal charts of the dashboard (latency, error rate, traffic, CPU, memory, queue
// depth: the total of all agents and the kAgentLines agents with the deepest queues now) over
// one SignalStore, sharing one time window and one TimeCursor. It owns the window: a preset span
// that follows live data, or a fixed (paused or zoomed) range. DashboardPage feeds it samples,
// markers and staleness; WindowBar shows windowChanged().
class ChartGrid final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartGrid)

public:
    explicit ChartGrid(QWidget *parent = nullptr);
    ~ChartGrid() override;

    /// Rebuilds the charts over `store` (not owned; nullptr = no charts).
    void setStore(const SignalStore *store);
    void setMarkers(const QList<ChartMarker> &markers);
    const QList<ChartMarker> &markers() const { return m_markers; }
    /// Greys the charts out and says why; an empty reason = fresh again.
    void setStale(const QString &reason);
    bool isStale() const { return !m_staleReason.isEmpty(); }
    QString staleText() const;

    /// A preset span; keeps following live data if it was, else keeps the window's end.
    void setSpan(qint64 seconds);
    /// Follow live data (the window ends at the newest sample, rounded up to a step of
    /// 1/kLiveSteps of the span) or freeze the window.
    void setFollowLive(bool follow);
    /// Shows exactly [fromSecond, toSecond] and pauses (a drag on a chart).
    void zoomTo(qint64 fromSecond, qint64 toSecond);
    /// The store recorded a sample (or a gap) at `second`.
    void onSampleRecorded(qint64 second);

    qint64 fromSecond() const { return m_toSecond - m_spanSeconds; }
    qint64 toSecond() const { return m_toSecond; }
    qint64 spanSeconds() const { return m_spanSeconds; }
    qint64 presetSpan() const { return m_presetSpan; }
    bool followLive() const { return m_followLive; }
    const QList<SignalChartView *> &charts() const { return m_charts; }
    TimeCursor *cursor() const { return m_cursor; }

    static constexpr qint64 kMinZoomSeconds = 10;
    /// The queue chart shows the total and this many agents (the deepest queues now).
    static constexpr qsizetype kAgentLines = 4;
    /// The agents the queue chart shows, by name.
    const QStringList &agentLines() const { return m_agentLines; }
    /// A live window moves in steps of 1/kLiveSteps of its span.
    static constexpr qint64 kLiveSteps = 60;

Q_SIGNALS:
    void windowChanged(qint64 fromSecond, qint64 toSecond, qint64 presetSpan, bool followLive);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildCharts();
    void applyWindow();
    void applyStale();
    qint64 newestSecond() const;
    qint64 liveEnd(qint64 newest) const;
    void updateAgentLines();

    const SignalStore *m_store = nullptr;
    TimeCursor *m_cursor;
    StateBadge *m_staleNote;
    QGridLayout *m_grid;
    QList<SignalChartView *> m_charts;
    QList<ChartMarker> m_markers;
    SignalChartView *m_queueChart = nullptr;
    QStringList m_agentLines;
    quint64 m_agentsGeneration = 0;
    QString m_staleReason;
    qint64 m_spanSeconds = 5 * 60;
    qint64 m_presetSpan = 5 * 60;
    qint64 m_toSecond = 0;
    qint64 m_newestSample = 0;
    bool m_followLive = true;
};
