#pragma once

#include "prometheusclient.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

/// A real `prometheus` (Debian's package) on a free loopback port for the fleet metrics tests and
/// the benchmark: a generated config, a temporary storage directory (or the caller's), blocking
/// query helpers over PrometheusClient. Needs no GoogleTest, so the benchmark links it too.
class PrometheusHarness final
{
public:
    PrometheusHarness();
    ~PrometheusHarness();
    PrometheusHarness(const PrometheusHarness &) = delete;
    PrometheusHarness &operator=(const PrometheusHarness &) = delete;

    /// $DREAMOPS_PROMETHEUS or /usr/bin/prometheus.
    static QString binary();
    static bool available();
    /// A config scraping `targets` ("127.0.0.1:port") as `job` every `intervalSeconds`.
    static QByteArray scrapeConfig(const QStringList &targets,
                                   const QString &job = QStringLiteral("dreamnet"),
                                   int intervalSeconds = 1);

    /// Serves over TLS and/or asks for credentials (`--web.config.file` with `webConfig`, the
    /// exporter toolkit's format); `client` carries the CA file and credentials the harness's own
    /// queries need (its URL is replaced). Call before start().
    void serveWith(const QByteArray &webConfig, bool tls, const PrometheusEndpoint &client);

    /// Starts prometheus with `config` on `storageDir` (empty = a fresh temporary directory) and
    /// waits until it answers queries. False with the reason in `why`.
    bool start(const QByteArray &config,
               const QString &storageDir = {},
               QString *why = nullptr,
               int timeoutMs = 30000);
    void stop();
    bool isRunning() const;
    QUrl url() const;
    QString logTail() const;

    /// Blocking queries (the client's deadline bounds them).
    PromReply query(const QString &promql, double timeSeconds = 0);
    PromReply queryRange(const QString &promql, double start, double end, double step);
    /// Waits until `up` has `count` series and all are 1. False on timeout.
    bool waitForTargetsUp(int count, int timeoutMs = 30000);
    /// Waits until `promql` answers `count` series with finite values. False on timeout.
    bool waitForSeries(const QString &promql, int count, int timeoutMs = 30000);

private:
    bool poll(const std::function<bool()> &done, int timeoutMs);

    QProcess m_process;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    QByteArray m_webConfig;
    bool m_tls = false;
    PrometheusEndpoint m_clientTemplate;
    std::unique_ptr<PrometheusClient> m_client;
    QByteArray m_log;
};
