#include "fleetmetricssource.h"

#include "prometheusclient.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr double kGap = std::numeric_limits<double>::quiet_NaN();
/// A live edge further than this from the previous one is not held across: the seconds between
/// stay gaps (the machine slept, the source was stopped).
constexpr qint64 kMaxHoldSeconds = 60;

/// The value of an aggregated query: its one series (the first if a template forgot to aggregate).
const std::vector<PromSample> *samplesOf(const std::optional<PromReply> &reply)
{
    if (!reply || !reply->ok() || reply->data.series.empty())
        return nullptr;
    return &reply->data.series.front().samples;
}

} // namespace

FleetMetricsSource::FleetMetricsSource(PrometheusClient *client,
                                       const PrometheusTemplates &templates,
                                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_templates(templates)
    , m_writer(&m_store)
    , m_liveTimer(new QTimer(this))
{
    m_liveTimer->setInterval(m_liveIntervalMs);
    connect(m_liveTimer, &QTimer::timeout, this, &FleetMetricsSource::pollLive);
}

FleetMetricsSource::~FleetMetricsSource() = default;

void FleetMetricsSource::setTemplates(const PrometheusTemplates &templates)
{
    m_templates = templates;
}

void FleetMetricsSource::setLiveIntervalMs(int ms)
{
    m_liveIntervalMs = qMax(100, ms);
    m_liveTimer->setInterval(m_liveIntervalMs);
}

bool FleetMetricsSource::isLive() const
{
    return m_liveTimer->isActive();
}

int FleetMetricsSource::stepFor(qint64 spanSeconds)
{
    static constexpr int kSteps[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    const qint64 wanted = (qMax<qint64>(spanSeconds, 1) + 5759) / 5760;
    for (int step : kSteps) {
        if (step >= wanted)
            return step;
    }
    return int(wanted);
}

QString FleetMetricsSource::queryText(std::size_t index) const
{
    if (index < SignalStore::kSignalCount)
        return m_templates.query(SignalStore::Signal(index));
    return index == kUpRatio ? m_templates.instancesUpRatioQuery() : m_templates.instanceUpQuery();
}

void FleetMetricsSource::stop()
{
    ++m_generation;
    m_liveTimer->stop();
    m_backfill = {};
    m_live = {};
}

void FleetMetricsSource::openWindow(qint64 fromSecond, qint64 toSecond)
{
    stop();
    m_from = qMin(fromSecond, toSecond);
    m_to = qMax(fromSecond, toSecond);
    m_step = stepFor(m_to - m_from);
    const TimeSeries &held = m_store.series(SignalStore::Signal::RequestsPerSecond);
    if (!held.isEmpty() && m_from < held.firstSecond()) {
        // A wider window: the store only rewrites seconds it holds, so start it again.
        m_store = SignalStore();
        m_writer = FleetStoreWriter(&m_store);
        m_upRatio.clear();
        m_lastWritten.reset();
    }
    const quint64 generation = m_generation;
    m_backfill.replies.assign(kInstanceUp, std::nullopt); // per-instance up is live only
    for (std::size_t i = 0; i < kInstanceUp; ++i) {
        const QString promql = queryText(i);
        if (promql.isEmpty())
            continue;
        ++m_backfill.pending;
        m_client->queryRange(promql, double(m_from), double(m_to), double(m_step), this,
                             [this, generation, i](const PromReply &reply) {
                                 onBackfillReply(generation, i, reply);
                             });
    }
    if (m_backfill.pending == 0)
        finishBackfill();
}

void FleetMetricsSource::onBackfillReply(quint64 generation,
                                         std::size_t index,
                                         const PromReply &reply)
{
    if (generation != m_generation)
        return;
    m_backfill.replies[index] = reply;
    if (--m_backfill.pending == 0)
        finishBackfill();
}

void FleetMetricsSource::finishBackfill()
{
    // Step k covers [from + k*step, from + (k+1)*step - 1]; a step no query answered is a gap.
    const qint64 steps = (m_to - m_from) / m_step + 1;
    std::vector<FleetStoreWriter::Values> values(std::size_t(steps), FleetStoreWriter::missing());
    std::vector<double> upRatio(std::size_t(steps), kGap);
    std::vector<bool> seen(std::size_t(steps), false);
    for (std::size_t i = 0; i < m_backfill.replies.size(); ++i) {
        const auto *samples = samplesOf(m_backfill.replies[i]);
        if (!samples)
            continue;
        for (const PromSample &p : *samples) {
            const qint64 k = std::llround((p.time - double(m_from)) / m_step);
            if (k < 0 || k >= steps)
                continue;
            seen[std::size_t(k)] = true;
            if (i == kUpRatio)
                upRatio[std::size_t(k)] = p.value;
            else
                values[std::size_t(k)][i] = p.value;
        }
    }
    for (qint64 k = 0; k < steps; ++k) {
        const qint64 first = m_from + k * m_step;
        const qint64 last = qMin(first + m_step - 1, m_to);
        if (seen[std::size_t(k)])
            m_writer.fill(first, last, values[std::size_t(k)]);
        else
            m_writer.fillGap(first, last);
        for (qint64 s = first; s <= last; ++s)
            m_upRatio.append(s, upRatio[std::size_t(k)]);
    }
    m_lastWritten = m_to;
    noteError(m_backfill.replies);
    m_backfill = {};
    const quint64 generation = m_generation;
    Q_EMIT backfilled(m_from, m_to, m_step);
    if (generation != m_generation)
        return; // a slot stopped or reopened the source
    m_liveTimer->start();
    pollLive();
}

void FleetMetricsSource::pollLive()
{
    if (m_live.pending > 0)
        return; // one round at a time; a slow server is not piled on
    const quint64 generation = m_generation;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    m_liveSecond = nowMs / 1000;
    m_live.replies.assign(kQueryCount, std::nullopt);
    for (std::size_t i = 0; i < kQueryCount; ++i) {
        const QString promql = queryText(i);
        if (promql.isEmpty())
            continue;
        ++m_live.pending;
        m_client->query(
            promql, double(m_liveSecond), this,
            [this, generation, i](const PromReply &reply) { onLiveReply(generation, i, reply); });
    }
    if (m_live.pending == 0)
        finishLive();
}

void FleetMetricsSource::onLiveReply(quint64 generation, std::size_t index, const PromReply &reply)
{
    if (generation != m_generation)
        return;
    m_live.replies[index] = reply;
    if (--m_live.pending == 0)
        finishLive();
}

void FleetMetricsSource::finishLive()
{
    const qint64 second = m_liveSecond;
    const bool hold
        = m_lastWritten && second > *m_lastWritten && second - *m_lastWritten <= kMaxHoldSeconds;
    const qint64 from = hold ? *m_lastWritten + 1 : second;
    FleetStoreWriter::Values values = FleetStoreWriter::missing();
    bool any = false;
    for (std::size_t i = 0; i < SignalStore::kSignalCount; ++i) {
        if (const auto *samples = samplesOf(m_live.replies[i]); samples && !samples->empty()) {
            values[i] = samples->front().value;
            any = true;
        }
    }
    if (any)
        m_writer.fill(from, second, values);
    else
        m_writer.fillGap(from, second);
    const auto *ratio = samplesOf(m_live.replies[kUpRatio]);
    for (qint64 s = from; s <= second; ++s)
        m_upRatio.append(s, ratio && !ratio->empty() ? ratio->front().value : kGap);
    m_lastWritten = second;

    if (const auto &up = m_live.replies[kInstanceUp]; up && up->ok()) {
        QList<FleetInstance> instances;
        for (const PromSeries &series : up->data.series) {
            const double v = series.samples.empty() ? kGap : series.samples.front().value;
            instances.append({series.metric.value(QStringLiteral("instance")),
                              series.metric.value(QStringLiteral("job")), v == 1.0});
        }
        std::sort(
            instances.begin(), instances.end(),
            [](const FleetInstance &a, const FleetInstance &b) { return a.instance < b.instance; });
        if (instances != m_instances) {
            m_instances = instances;
            Q_EMIT instancesChanged(m_instances);
        }
    }
    noteError(m_live.replies);
    m_live = {};
    Q_EMIT sampled(second);
}

void FleetMetricsSource::noteError(const std::vector<std::optional<PromReply>> &replies)
{
    for (const auto &reply : replies) {
        if (reply && !reply->ok()) {
            m_lastError = reply->error;
            Q_EMIT failed(reply->error->userMessage());
            return;
        }
    }
    m_lastError.reset();
}
