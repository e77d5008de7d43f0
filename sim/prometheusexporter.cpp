#include "prometheusexporter.h"

#include "enginereport.h"
#include "simengine.h"

#include <cmath>

namespace {

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_out += QByteArray("# HELP ") + name + ' ' + help + '\n';
        m_out += QByteArray("# TYPE ") + name + ' ' + type + '\n';
    }
    void sample(const QByteArray &name, double value, const QByteArray &labels = {})
    {
        m_out += name;
        if (!labels.isEmpty())
            m_out += '{' + labels + '}';
        m_out += ' ' + number(value) + '\n';
    }
    static QByteArray label(const char *key, const QString &value)
    {
        QByteArray escaped = value.toUtf8();
        escaped.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        return QByteArray(key) + "=\"" + escaped + '"';
    }
    static QByteArray number(double value)
    {
        if (std::isnan(value))
            return QByteArrayLiteral("NaN");
        if (std::isinf(value))
            return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
        if (std::floor(value) == value && std::abs(value) < 1e15)
            return QByteArray::number(qint64(value));
        return QByteArray::number(value, 'g', 10);
    }
    QByteArray result() const { return m_out; }

private:
    QByteArray m_out;
};

} // namespace

QByteArray PrometheusExporter::render(const SimEngine &engine, int openConnections)
{
    const TrafficModel &t = engine.traffic();
    const SimEngine::Process &p = engine.process();
    Writer w;
    w.family("dreamnet_up", "gauge", "1 when the service answers health checks as ok.");
    w.sample("dreamnet_up", EngineReport::isHealthy(engine) ? 1 : 0);
    w.family("dreamnet_http_requests_total", "counter", "HTTP requests served.");
    w.sample("dreamnet_http_requests_total", double(t.requestsTotal()));
    w.family("dreamnet_http_responses_total", "counter", "HTTP error responses by status class.");
    w.sample("dreamnet_http_responses_total", double(t.status4xx()), "class=\"4xx\"");
    w.sample("dreamnet_http_responses_total", double(t.status5xx()), "class=\"5xx\"");
    w.family("dreamnet_http_request_duration_seconds", "histogram",
             "Time to answer HTTP requests.");
    const auto &buckets = t.promBuckets();
    for (size_t i = 0; i < buckets.size(); ++i) {
        w.sample("dreamnet_http_request_duration_seconds_bucket", double(buckets[i]),
                 "le=\"" + Writer::number(TrafficModel::kPromBounds[i]) + '"');
    }
    w.sample("dreamnet_http_request_duration_seconds_bucket", double(t.requestsTotal()),
             "le=\"+Inf\"");
    w.sample("dreamnet_http_request_duration_seconds_sum", t.promSumSeconds());
    w.sample("dreamnet_http_request_duration_seconds_count", double(t.requestsTotal()));
    w.family("dreamnet_http_error_ratio", "gauge", "Share of 5xx answers over the last 60 s.");
    w.sample("dreamnet_http_error_ratio", t.errorRate());
    w.family("dreamnet_http_requests_per_second", "gauge", "Request rate over the last 5 s.");
    w.sample("dreamnet_http_requests_per_second", t.requestsPerSecond());
    w.family("dreamnet_http_latency_seconds", "gauge", "Latency quantiles over the last 10 s.");
    w.sample("dreamnet_http_latency_seconds", t.percentileMs(0.50) / 1000.0, "percentile=\"p50\"");
    w.sample("dreamnet_http_latency_seconds", t.percentileMs(0.95) / 1000.0, "percentile=\"p95\"");
    w.sample("dreamnet_http_latency_seconds", t.percentileMs(0.99) / 1000.0, "percentile=\"p99\"");
    w.family("dreamnet_http_active_connections", "gauge", "Open client connections.");
    w.sample("dreamnet_http_active_connections",
             std::round(t.activeConnections()) + openConnections);
    w.family("process_cpu_user_seconds_total", "counter", "User CPU time spent.");
    w.sample("process_cpu_user_seconds_total", double(p.cpuUserUs) / 1e6);
    w.family("process_cpu_system_seconds_total", "counter", "System CPU time spent.");
    w.sample("process_cpu_system_seconds_total", double(p.cpuSystemUs) / 1e6);
    w.family("process_resident_memory_bytes", "gauge", "Resident set size.");
    w.sample("process_resident_memory_bytes", std::round(p.rssBytes));
    w.family("dreamnet_uptime_seconds", "gauge", "Seconds since the last (re)start.");
    w.sample("dreamnet_uptime_seconds", engine.uptimeSeconds());
    w.family("dreamnet_event_loop_delay_seconds", "gauge", "Event loop delay.");
    w.sample("dreamnet_event_loop_delay_seconds", p.eventLoopDelayMs / 1000.0);
    w.family("dreamnet_agent_queue_depth", "gauge", "Queued work items per agent.");
    for (const AgentBoard::Agent &a : engine.agents().all())
        w.sample("dreamnet_agent_queue_depth", std::round(a.queueDepth),
                 Writer::label("agent", a.id));
    w.family("dreamnet_agent_quarantined", "gauge", "1 when the agent is quarantined.");
    for (const AgentBoard::Agent &a : engine.agents().all())
        w.sample("dreamnet_agent_quarantined", a.quarantined ? 1 : 0, Writer::label("agent", a.id));
    w.family("dreamnet_circuit_breaker_state", "gauge",
             "1 for the current state of each circuit breaker.");
    for (const BreakerBoard::Breaker &b : engine.breakers().all()) {
        for (const auto state : {BreakerBoard::State::Closed, BreakerBoard::State::Open,
                                 BreakerBoard::State::HalfOpen}) {
            w.sample("dreamnet_circuit_breaker_state", b.state == state ? 1 : 0,
                     Writer::label("breaker", b.name) + ','
                         + Writer::label("state", BreakerBoard::stateName(state)));
        }
    }
    w.family("dreamnet_mode_enabled", "gauge", "1 when an ops mode is on.");
    w.sample("dreamnet_mode_enabled", engine.safeMode().enabled ? 1 : 0, "mode=\"safe_mode\"");
    w.sample("dreamnet_mode_enabled", engine.writeDrain().enabled ? 1 : 0, "mode=\"write_drain\"");
    w.sample("dreamnet_mode_enabled", engine.flags().emergency().active ? 1 : 0,
             "mode=\"emergency\"");
    w.family("dreamnet_integration_flag_enabled", "gauge", "1 when an integration flag is on.");
    for (const char *name : {"citadel_enabled", "drone_dome_scan_enabled", "ai_embeddings_enabled",
                             "latent_collaboration_enabled", "dreamkeeper_enabled"}) {
        w.sample("dreamnet_integration_flag_enabled",
                 engine.flags().effective(QLatin1String(name)) ? 1 : 0,
                 Writer::label("flag", QLatin1String(name)));
    }
    w.family("dreamnet_health_gate_ready", "gauge", "1 when a health gate is ready.");
    for (const GateBoard::Gate &g : engine.gates().all())
        w.sample("dreamnet_health_gate_ready", g.ready() ? 1 : 0,
                 Writer::label("gate", g.serviceId));
    w.family("dreamnet_dlq_depth", "gauge", "Messages in the dead-letter queue.");
    w.sample("dreamnet_dlq_depth", double(engine.deadLetters().depth()));
    w.family("dreamnet_dlq_messages_total", "counter", "Messages ever dead-lettered.");
    w.sample("dreamnet_dlq_messages_total", double(engine.deadLetters().totalMessages()));
    w.family("dreamnet_ai_calls_total", "counter", "Outbound AI calls made.");
    w.sample("dreamnet_ai_calls_total", double(p.aiTotalCalls));
    w.family("dreamnet_ai_call_latency_seconds", "gauge", "AI call latency (average and p99).");
    w.sample("dreamnet_ai_call_latency_seconds", p.aiAverageMs / 1000.0, "stat=\"average\"");
    w.sample("dreamnet_ai_call_latency_seconds", p.aiP99Ms / 1000.0, "stat=\"p99\"");
    return w.result();
}
