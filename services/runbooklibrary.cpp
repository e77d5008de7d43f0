#include "runbooklibrary.h"

#include "logging.h"
#include "runbookparser.h"
#include "runbookpath.h"
#include "signalstore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace {

QString displayName(const QString &path)
{
    const QFileInfo info(path);
    return info.dir().dirName() + QLatin1Char('/') + info.fileName();
}

std::optional<QJsonValue> signalValue(const QString &name, const RunbookSignals &live)
{
    const SeverityInputs &s = live.severity;
    auto number = [](const std::optional<double> &v) -> std::optional<QJsonValue> {
        return v ? std::optional<QJsonValue>(*v) : std::nullopt;
    };
    auto boolean = [](const std::optional<bool> &v) -> std::optional<QJsonValue> {
        return v ? std::optional<QJsonValue>(*v) : std::nullopt;
    };
    if (name == QLatin1String("live"))
        return boolean(s.live);
    if (name == QLatin1String("databaseUp"))
        return boolean(s.databaseUp);
    if (name == QLatin1String("writesFailing"))
        return boolean(s.writesFailing);
    if (name == QLatin1String("errorRate"))
        return s.errorRate ? std::optional<QJsonValue>(*s.errorRate * 100.0) : std::nullopt;
    if (name == QLatin1String("p95LatencyMs"))
        return number(s.p95LatencyMs);
    if (name == QLatin1String("p99LatencyMs"))
        return number(s.p99LatencyMs);
    if (name == QLatin1String("eventLoopDelayMs"))
        return number(s.eventLoopDelayMs);
    if (name == QLatin1String("memoryRssMb"))
        return number(live.memoryRssMb);
    if (name == QLatin1String("memoryGrowthMbPerMin"))
        return number(live.memoryGrowthMbPerMin);
    return std::nullopt;
}

bool matches(const RunbookCondition &c, const RunbookSignals &live)
{
    if (c.signal == QLatin1String("breakerOpen")) {
        const QStringList open
            = live.severity.criticalBreakersOpen + live.severity.otherBreakersOpen;
        return open.contains(c.value.toString());
    }
    const std::optional<QJsonValue> v = signalValue(c.signal, live);
    if (!v)
        return false;
    if (c.op == QLatin1String("=="))
        return *v == c.value;
    if (c.op == QLatin1String("!="))
        return *v != c.value;
    if (!v->isDouble() || !c.value.isDouble())
        return false;
    const double a = v->toDouble();
    const double b = c.value.toDouble();
    if (c.op == QLatin1String("<"))
        return a < b;
    if (c.op == QLatin1String("<="))
        return a <= b;
    if (c.op == QLatin1String(">"))
        return a > b;
    if (c.op == QLatin1String(">="))
        return a >= b;
    return false;
}

QString sentenceOf(const RunbookCondition &c)
{
    if (!c.text.isEmpty())
        return c.text;
    if (c.signal == QLatin1String("breakerOpen"))
        return QStringLiteral("%1 breaker open").arg(c.value.toString());
    return QStringLiteral("%1 %2 %3").arg(c.signal, c.op, RunbookPath::display(c.value));
}

} // namespace

QString RunbookLibrary::LoadError::sentence() const
{
    if (stepId.isEmpty())
        return QStringLiteral("%1: %2").arg(file, reason);
    return QStringLiteral("%1, step '%2': %3").arg(file, stepId, reason);
}

RunbookSignals
RunbookSignals::from(const SeverityInputs &inputs, const SignalStore *store, int windowSeconds)
{
    RunbookSignals s;
    s.severity = inputs;
    if (!store)
        return s;
    const TimeSeries &rss = store->series(SignalStore::Signal::MemoryRssMb);
    if (rss.isEmpty())
        return s;
    const double latest = rss.latest();
    if (!std::isnan(latest))
        s.memoryRssMb = latest;
    const qint64 to = rss.lastSecond();
    double first = std::nan("");
    qint64 firstSecond = 0;
    rss.forEach(to - windowSeconds, to, [&](qint64 second, double v) {
        if (std::isnan(first) && !std::isnan(v)) {
            first = v;
            firstSecond = second;
        }
    });
    if (!std::isnan(first) && !std::isnan(latest) && to > firstSecond)
        s.memoryGrowthMbPerMin = (latest - first) / double(to - firstSecond) * 60.0;
    return s;
}

QStringList RunbookLibrary::defaultDirectories()
{
    return {QStringLiteral(":/runbooks"),
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                + QStringLiteral("/runbooks")};
}

void RunbookLibrary::load(const QStringList &directories, const CommandCatalogue *catalogue)
{
    m_runbooks.clear();
    m_errors.clear();
    for (const QString &directory : directories) {
        const QDir dir(directory);
        if (!dir.exists())
            continue;
        const QStringList files
            = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            if (!file.endsWith(QLatin1String(".schema.json")))
                loadFile(dir.filePath(file), catalogue);
        }
    }
    dropBrokenHandovers();
}

void RunbookLibrary::loadFile(const QString &path, const CommandCatalogue *catalogue)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errors.append({displayName(path), {}, file.errorString()});
        return;
    }
    RunbookParser parser(catalogue);
    const std::optional<Runbook> runbook = parser.parse(file.readAll(), path);
    if (!runbook) {
        for (const RunbookParser::Problem &p : parser.problems())
            m_errors.append({displayName(path), p.stepId, p.reason});
        Logging::get("services")
            ->warn("runbook {} rejected: {}", path.toStdString(),
                   m_errors.constLast().sentence().toStdString());
        return;
    }
    m_runbooks.append(*runbook); // candidates; dropBrokenHandovers() applies the overrides
}

void RunbookLibrary::dropBrokenHandovers()
{
    // Every good file is a candidate, in load order; the same id later replaces an earlier one in
    // its place. A hand-over must name a runbook of the resolved set; a candidate whose hand-over
    // does not is dropped (so a broken override gives the built-in runbook back) and the set is
    // resolved again.
    QList<Runbook> candidates = m_runbooks;
    for (;;) {
        m_runbooks.clear();
        for (const Runbook &candidate : std::as_const(candidates)) {
            auto same = std::find_if(m_runbooks.begin(), m_runbooks.end(),
                                     [&](const Runbook &rb) { return rb.id == candidate.id; });
            if (same != m_runbooks.end())
                *same = candidate;
            else
                m_runbooks.append(candidate);
        }
        std::optional<LoadError> broken;
        for (const Runbook &rb : std::as_const(m_runbooks)) {
            for (const RunbookStep &step : rb.steps) {
                QStringList targets {step.next, step.ifPass, step.ifFail};
                for (const RunbookAnswer &a : step.answers)
                    targets.append(a.next);
                for (const QString &t : std::as_const(targets)) {
                    if (!broken && t.startsWith(QLatin1String("runbook:")) && !find(t.mid(8)))
                        broken = LoadError {
                            rb.sourceFile, step.id,
                            QStringLiteral("hands over to unknown runbook '%1'").arg(t.mid(8))};
                }
            }
        }
        if (!broken)
            return;
        candidates.removeIf([&](const Runbook &rb) { return rb.sourceFile == broken->file; });
        broken->file = displayName(broken->file);
        m_errors.append(*broken);
    }
}

const Runbook *RunbookLibrary::find(const QString &id) const
{
    for (const Runbook &rb : m_runbooks) {
        if (rb.id == id)
            return &rb;
    }
    return nullptr;
}

QStringList RunbookLibrary::matchingReasons(const QString &runbookId,
                                            const RunbookSignals &live) const
{
    QStringList reasons;
    const Runbook *rb = find(runbookId);
    if (!rb)
        return reasons;
    // A weaker threshold on the same signal says nothing new: after "error rate 50 % or more",
    // "error rate 5 % or more" is left out (it still counts for suggest()).
    QStringList thresholds;
    for (const RunbookCondition &c : rb->appliesWhen) {
        if (!matches(c, live))
            continue;
        const bool ordering
            = c.op.startsWith(QLatin1Char('<')) || c.op.startsWith(QLatin1Char('>'));
        const QString key = c.signal + QLatin1Char(' ') + c.op.at(0);
        if (ordering && thresholds.contains(key))
            continue;
        if (ordering)
            thresholds.append(key);
        reasons.append(sentenceOf(c));
    }
    return reasons;
}

qsizetype RunbookLibrary::matchCount(const Runbook &runbook, const RunbookSignals &live)
{
    return std::count_if(runbook.appliesWhen.cbegin(), runbook.appliesWhen.cend(),
                         [&live](const RunbookCondition &c) { return matches(c, live); });
}

QStringList RunbookLibrary::suggest(const RunbookSignals &live) const
{
    QList<QPair<qsizetype, QString>> scored;
    for (const Runbook &rb : m_runbooks) {
        const qsizetype n = matchCount(rb, live);
        if (n > 0)
            scored.append({n, rb.id});
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList ids;
    for (const auto &s : std::as_const(scored))
        ids.append(s.second);
    return ids;
}
