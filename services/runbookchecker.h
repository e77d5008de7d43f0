#pragma once

#include "runbook.h"
#include "runbookevidence.h"

#include <QObject>

#include <functional>
#include <memory>

class OpsClient;
class SignalStore;

/// Evaluates runbook checks against the live system: an API check GETs its path through
/// OpsClient::getJson (a failing readiness answer, 503, is evidence, not an error) and applies the
/// predicate to the JSON; a metric check aggregates the console's SignalStore over the window,
/// or, when no store is given or it holds no sample in the window, GETs /api/metrics itself and
/// aggregates the samples it took (so a watch accumulates its own window). Used by RunbookRun.
class RunbookChecker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunbookChecker)

public:
    using Done = std::function<void(const RunbookEvidence &)>;

    /// `store` may be null (the checker then samples /api/metrics itself).
    RunbookChecker(OpsClient *client, const SignalStore *store, QObject *parent = nullptr);
    ~RunbookChecker() override;

    /// Simulated seconds per real second (the embedded simulator's --speed): metric windows are
    /// divided by it. Default 1.
    void setTimeScale(double scale);
    double timeScale() const { return m_timeScale; }

    /// Evaluates once; `done` runs exactly once, asynchronously (never inside this call), unless
    /// cancel() is called first or the checker is destroyed. Never hangs: the client's deadline
    /// bounds every GET, and a network failure gives Verdict::Unavailable with its sentence.
    void evaluate(const RunbookCheck &check, Done done);
    /// Drops every pending evaluation (their `done` is never called).
    void cancel();

    /// Pure part, for tests: judges one JSON answer (or metric number) against the check.
    static RunbookEvidence judge(const RunbookCheck &check,
                                 const QJsonValue &answer,
                                 int httpStatus,
                                 const QString &source);

private:
    void evaluateApi(const RunbookCheck &check, quint64 generation, Done done);
    void evaluateMetric(const RunbookCheck &check, quint64 generation, Done done);
    RunbookEvidence aggregate(const RunbookCheck &check, const SignalStore &store) const;

    OpsClient *m_client = nullptr;
    const SignalStore *m_store = nullptr;
    std::unique_ptr<SignalStore> m_ownSamples;
    double m_timeScale = 1.0;
    quint64 m_generation = 0;
};
