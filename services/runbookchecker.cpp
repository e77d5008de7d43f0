#include "runbookchecker.h"

#include "opsclient.h"
#include "runbookpath.h"
#include "signalstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace {

constexpr qsizetype kOwnCapacitySeconds = 3600;

std::optional<SignalStore::Signal> signalOf(const QString &metric)
{
    const QStringList names = runbookMetricNames();
    static constexpr SignalStore::Signal kSignals[]
        = {SignalStore::Signal::RequestsPerSecond, SignalStore::Signal::ActiveConnections,
           SignalStore::Signal::ErrorRate,         SignalStore::Signal::LatencyP50,
           SignalStore::Signal::LatencyP95,        SignalStore::Signal::LatencyP99,
           SignalStore::Signal::CpuPercent,        SignalStore::Signal::MemoryRssMb,
           SignalStore::Signal::QueueDepthTotal,   SignalStore::Signal::DlqPerMinute,
           SignalStore::Signal::AiCallP99,         SignalStore::Signal::EventLoopDelayMs};
    const qsizetype i = names.indexOf(metric);
    if (i < 0 || i >= qsizetype(std::size(kSignals)))
        return std::nullopt;
    return kSignals[i];
}

bool equalValues(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return std::abs(a.toDouble() - b.toDouble()) < 1e-9;
    return a == b;
}

// A value as the lead reads it: bytes in MB (the predicate still judges the bytes).
QString shown(const QJsonValue &value, const QString &unit)
{
    if (value.isDouble() && unit == QLatin1String("bytes"))
        return QStringLiteral("%1 MB").arg(value.toDouble() / (1024.0 * 1024.0), 0, 'f', 0);
    return RunbookPath::display(value);
}

// nullopt: the predicate cannot judge this value (a comparison on a non-number).
std::optional<bool> holds(const RunbookPredicate &p, const std::optional<QJsonValue> &value)
{
    const QString &op = p.op;
    if (op == QLatin1String("exists"))
        return value.has_value() && !value->isNull();
    if (!value)
        return std::nullopt;
    if (op == QLatin1String("=="))
        return equalValues(*value, p.value);
    if (op == QLatin1String("!="))
        return !equalValues(*value, p.value);
    if (op == QLatin1String("contains")) {
        if (value->isString())
            return value->toString().contains(p.value.toString());
        if (value->isArray())
            return std::any_of(value->toArray().begin(), value->toArray().end(),
                               [&](const QJsonValue &v) { return equalValues(v, p.value); });
        return std::nullopt;
    }
    if (!value->isDouble() || !p.value.isDouble())
        return std::nullopt;
    const double v = value->toDouble();
    const double limit = p.value.toDouble();
    if (op == QLatin1String("<"))
        return v < limit;
    if (op == QLatin1String("<="))
        return v <= limit;
    if (op == QLatin1String(">"))
        return v > limit;
    if (op == QLatin1String(">="))
        return v >= limit;
    return std::nullopt;
}

} // namespace

RunbookChecker::RunbookChecker(OpsClient *client, const SignalStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_ownSamples(std::make_unique<SignalStore>(kOwnCapacitySeconds))
{ }

RunbookChecker::~RunbookChecker() = default;

void RunbookChecker::setTimeScale(double scale)
{
    m_timeScale = scale > 0 ? scale : 1.0;
}

void RunbookChecker::cancel()
{
    ++m_generation;
}

void RunbookChecker::evaluate(const RunbookCheck &check, Done done)
{
    if (check.source == RunbookCheck::Source::Api)
        evaluateApi(check, m_generation, std::move(done));
    else
        evaluateMetric(check, m_generation, std::move(done));
}

RunbookEvidence RunbookChecker::judge(const RunbookCheck &check,
                                      const QJsonValue &answer,
                                      int httpStatus,
                                      const QString &source)
{
    RunbookEvidence e;
    e.atUtc = QDateTime::currentDateTimeUtc();
    e.httpStatus = httpStatus;
    e.source = source;
    if (answer.isObject())
        e.rawJson = QString::fromUtf8(QJsonDocument(answer.toObject()).toJson());
    else if (answer.isArray())
        e.rawJson = QString::fromUtf8(QJsonDocument(answer.toArray()).toJson());
    const std::optional<QJsonValue> value = RunbookPath::resolve(answer, check.predicate.path);
    e.rawValue = value.value_or(QJsonValue(QJsonValue::Undefined));
    e.value = value ? shown(*value, check.predicate.unit) : QStringLiteral("(missing)");
    const std::optional<bool> verdict = holds(check.predicate, value);
    if (!verdict) {
        e.verdict = RunbookEvidence::Verdict::Unavailable;
        e.sentence = value
            ? QStringLiteral("%1 is %2, which '%3 %4' cannot judge.")
                  .arg(check.predicate.path, e.value, check.predicate.op,
                       shown(check.predicate.value, check.predicate.unit))
            : QStringLiteral("%1 is missing from the answer.").arg(check.predicate.path);
        return e;
    }
    e.verdict = *verdict ? RunbookEvidence::Verdict::Passed : RunbookEvidence::Verdict::Failed;
    const QString text = *verdict ? check.passText : check.failText;
    e.sentence = text.isEmpty()
        ? QStringLiteral("%1 is %2 (expected %3 %4).")
              .arg(check.predicate.path.isEmpty() ? QStringLiteral("The value")
                                                  : check.predicate.path,
                   e.value, check.predicate.op, shown(check.predicate.value, check.predicate.unit))
        : text;
    return e;
}

void RunbookChecker::evaluateApi(const RunbookCheck &check, quint64 generation, Done done)
{
    QPointer<RunbookChecker> self(this);
    m_client->getJson(
        check.apiPath, this,
        [self, check, generation, done = std::move(done)](const ApiResult<QJsonObject> &result) {
            if (!self || self->m_generation != generation)
                return;
            const QString source
                = QStringLiteral("GET %1 \u2192 %2")
                      .arg(check.apiPath)
                      .arg(result.httpStatus() ? QString::number(result.httpStatus())
                                               : QStringLiteral("no answer"));
            if (!result.ok()) {
                RunbookEvidence e;
                e.verdict = RunbookEvidence::Verdict::Unavailable;
                e.sentence = result.error().userMessage();
                e.source = source;
                e.httpStatus = result.httpStatus();
                e.atUtc = QDateTime::currentDateTimeUtc();
                done(e);
                return;
            }
            done(judge(check, result.value(), result.httpStatus(), source));
        });
}

void RunbookChecker::evaluateMetric(const RunbookCheck &check, quint64 generation, Done done)
{
    if (m_store) {
        RunbookEvidence e = aggregate(check, *m_store);
        if (e.verdict != RunbookEvidence::Verdict::Unavailable) {
            QTimer::singleShot(0, this, [this, generation, e, done = std::move(done)] {
                if (m_generation == generation)
                    done(e);
            });
            return;
        }
    }
    QPointer<RunbookChecker> self(this);
    m_client->getMetrics(this,
                         [self, check, generation,
                          done = std::move(done)](const ApiResult<MetricsSnapshot> &result) {
                             if (!self || self->m_generation != generation)
                                 return;
                             if (!result.ok()) {
                                 RunbookEvidence e;
                                 e.verdict = RunbookEvidence::Verdict::Unavailable;
                                 e.sentence = result.error().userMessage();
                                 e.source = QStringLiteral("GET /api/metrics");
                                 e.httpStatus = result.httpStatus();
                                 e.atUtc = QDateTime::currentDateTimeUtc();
                                 done(e);
                                 return;
                             }
                             self->m_ownSamples->ingest(QDateTime::currentSecsSinceEpoch(),
                                                        result.value());
                             done(self->aggregate(check, *self->m_ownSamples));
                         });
}

RunbookEvidence RunbookChecker::aggregate(const RunbookCheck &check, const SignalStore &store) const
{
    const std::optional<SignalStore::Signal> signal = signalOf(check.metric);
    const int window = std::max(1, int(std::lround(check.windowSeconds / m_timeScale)));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QList<QPair<qint64, double>> samples;
    if (signal) {
        store.series(*signal).forEach(now - window, now, [&](qint64 second, double v) {
            if (!std::isnan(v))
                samples.append({second, v});
        });
    }
    const QString label = QStringLiteral("%1 %2 over %3 s")
                              .arg(check.metric, check.aggregate)
                              .arg(check.windowSeconds);
    if (samples.isEmpty()) {
        RunbookEvidence e;
        e.source = label;
        e.atUtc = QDateTime::currentDateTimeUtc();
        e.sentence = QStringLiteral("No %1 sample in the last %2 s.")
                         .arg(check.metric)
                         .arg(check.windowSeconds);
        return e;
    }
    double value = samples.constLast().second;
    if (check.aggregate == QLatin1String("max")) {
        value = -std::numeric_limits<double>::infinity();
        for (const auto &s : samples)
            value = std::max(value, s.second);
    } else if (check.aggregate == QLatin1String("avg")) {
        value = 0;
        for (const auto &s : samples)
            value += s.second;
        value /= double(samples.size());
    } else if (check.aggregate == QLatin1String("slope")) {
        // Least squares, in units per runbook minute; one sample gives no slope (0).
        double mt = 0, mv = 0;
        for (const auto &s : samples) {
            mt += double(s.first - now);
            mv += s.second;
        }
        mt /= double(samples.size());
        mv /= double(samples.size());
        double num = 0, den = 0;
        for (const auto &s : samples) {
            num += (double(s.first - now) - mt) * (s.second - mv);
            den += (double(s.first - now) - mt) * (double(s.first - now) - mt);
        }
        value = den > 0 ? num / den * 60.0 / m_timeScale : 0.0;
    }
    QJsonArray raw;
    for (const auto &s : samples)
        raw.append(QJsonArray {double(s.first), s.second});
    RunbookEvidence e = judge(check, QJsonValue(value), 0, {});
    const QString unit = signal ? SignalStore::unit(*signal) : QString();
    e.value = RunbookPath::display(QJsonValue(std::round(value * 10.0) / 10.0))
        + (unit.isEmpty() ? QString() : QLatin1Char(' ') + unit)
        + (check.aggregate == QLatin1String("slope") ? QStringLiteral("/min") : QString());
    e.source = QStringLiteral("%1 (%2 samples)").arg(label).arg(samples.size());
    e.rawJson = QString::fromUtf8(
        QJsonDocument(QJsonObject {{QLatin1String("metric"), check.metric},
                                   {QLatin1String("aggregate"), check.aggregate},
                                   {QLatin1String("windowSeconds"), check.windowSeconds},
                                   {QLatin1String("value"), value},
                                   {QLatin1String("samples"), raw}})
            .toJson());
    if (e.verdict != RunbookEvidence::Verdict::Unavailable && check.passText.isEmpty()
        && check.failText.isEmpty())
        e.sentence = QStringLiteral("%1 is %2 (expected %3 %4).")
                         .arg(check.metric, e.value, check.predicate.op,
                              RunbookPath::display(check.predicate.value));
    return e;
}
