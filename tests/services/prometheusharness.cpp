#include "prometheusharness.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <cmath>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

PromReply await(const std::function<void(QObject *, PrometheusClient::Callback)> &send)
{
    PromReply result;
    QEventLoop loop;
    bool done = false;
    send(&loop, [&](const PromReply &reply) {
        result = reply;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec(); // the client's deadline guarantees the callback
    return result;
}

} // namespace

PrometheusHarness::PrometheusHarness()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // A test that crashes must not leave its prometheus running: the kernel stops it with us
    // (as SimulatorProcess does for the simulator).
    m_process.setChildProcessModifier([parent = ::getpid()] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::raise(SIGTERM);
    });
    QObject::connect(&m_process, &QProcess::readyRead, &m_process, [this] {
        m_log += m_process.readAll();
        m_log = m_log.right(16 * 1024);
    });
}

PrometheusHarness::~PrometheusHarness()
{
    stop();
}

QString PrometheusHarness::binary()
{
    const QString env = qEnvironmentVariable("DREAMOPS_PROMETHEUS");
    return env.isEmpty() ? QStringLiteral("/usr/bin/prometheus") : env;
}

bool PrometheusHarness::available()
{
    return QFileInfo(binary()).isExecutable();
}

QByteArray
PrometheusHarness::scrapeConfig(const QStringList &targets, const QString &job, int intervalSeconds)
{
    QByteArray yaml = "global:\n  scrape_interval: " + QByteArray::number(intervalSeconds)
        + "s\n  scrape_timeout: " + QByteArray::number(intervalSeconds) + "s\n"
        + "scrape_configs:\n  - job_name: " + job.toUtf8() + "\n    static_configs:\n"
        + "      - targets: [";
    for (qsizetype i = 0; i < targets.size(); ++i)
        yaml += (i ? ", '" : "'") + targets.at(i).toUtf8() + '\'';
    yaml += "]\n";
    return yaml;
}

void PrometheusHarness::serveWith(const QByteArray &webConfig,
                                  bool tls,
                                  const PrometheusEndpoint &client)
{
    m_webConfig = webConfig;
    m_tls = tls;
    m_clientTemplate = client;
}

bool PrometheusHarness::start(const QByteArray &config,
                              const QString &storageDir,
                              QString *why,
                              int timeoutMs)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!m_dir.isValid())
        return fail(QStringLiteral("no temporary directory"));
    const QString configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size())
        return fail(QStringLiteral("cannot write %1").arg(configPath));
    file.close();
    m_port = freePort();
    const QString storage
        = storageDir.isEmpty() ? m_dir.filePath(QStringLiteral("data")) : storageDir;
    QStringList arguments {QStringLiteral("--config.file=") + configPath,
                           QStringLiteral("--storage.tsdb.path=") + storage,
                           QStringLiteral("--storage.tsdb.retention.time=30d"),
                           QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port),
                           QStringLiteral("--log.level=warn")};
    if (!m_webConfig.isEmpty()) {
        const QString webPath = m_dir.filePath(QStringLiteral("web.yml"));
        QFile web(webPath);
        if (!web.open(QIODevice::WriteOnly) || web.write(m_webConfig) != m_webConfig.size())
            return fail(QStringLiteral("cannot write %1").arg(webPath));
        arguments << QStringLiteral("--web.config.file=") + webPath;
    }
    m_process.start(binary(), arguments);
    if (!m_process.waitForStarted(5000))
        return fail(QStringLiteral("%1 did not start: %2").arg(binary(), m_process.errorString()));
    PrometheusEndpoint endpoint = m_clientTemplate;
    endpoint.baseUrl = url();
    endpoint.deadlineMs = 10000;
    m_client = std::make_unique<PrometheusClient>(endpoint);
    const bool ready = poll(
        [this] {
            return m_process.state() == QProcess::Running
                && query(QStringLiteral("vector(1)")).ok();
        },
        timeoutMs);
    if (!ready) {
        const QString log = logTail();
        stop();
        return fail(
            QStringLiteral("prometheus did not answer on %1: %2").arg(url().toString(), log));
    }
    return true;
}

void PrometheusHarness::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

bool PrometheusHarness::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

QUrl PrometheusHarness::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tls ? QLatin1String("https") : QLatin1String("http"))
                    .arg(m_port));
}

QString PrometheusHarness::logTail() const
{
    return QString::fromUtf8(m_log).right(2000);
}

PromReply PrometheusHarness::query(const QString &promql, double timeSeconds)
{
    return await([&](QObject *context, PrometheusClient::Callback callback) {
        m_client->query(promql, timeSeconds, context, std::move(callback));
    });
}

PromReply
PrometheusHarness::queryRange(const QString &promql, double start, double end, double step)
{
    return await([&](QObject *context, PrometheusClient::Callback callback) {
        m_client->queryRange(promql, start, end, step, context, std::move(callback));
    });
}

bool PrometheusHarness::poll(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(200, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

bool PrometheusHarness::waitForSeries(const QString &promql, int count, int timeoutMs)
{
    return poll(
        [&] {
            const PromReply reply = query(promql);
            if (!reply.ok() || int(reply.data.series.size()) != count)
                return false;
            for (const PromSeries &s : reply.data.series) {
                if (s.samples.empty() || !std::isfinite(s.samples.front().value))
                    return false;
            }
            return true;
        },
        timeoutMs);
}

bool PrometheusHarness::waitForTargetsUp(int count, int timeoutMs)
{
    return waitForSeries(QStringLiteral("up == 1"), count, timeoutMs);
}
