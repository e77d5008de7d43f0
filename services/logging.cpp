#include "logging.h"

#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>
#include <QStringList>
#include <QtGlobal>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <vector>

namespace Logging {
namespace {

QMutex s_mutex; // guards the sinks and logger creation
QMutex s_secretsMutex; // guards s_secrets; taken inside sinks, so never held while logging
QStringList s_secrets;
std::vector<spdlog::sink_ptr> s_sinks;
spdlog::level::level_enum s_level = spdlog::level::info;

// Rewrites every message through redact() before the real sinks see it, so that a secret never
// reaches a file or the terminal, whichever logger or format call produced the line.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> targets)
        : m_targets(std::move(targets))
    { }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        const QString original
            = QString::fromUtf8(msg.payload.data(), static_cast<qsizetype>(msg.payload.size()));
        const std::string cleaned = redact(original).toStdString();
        spdlog::details::log_msg copy = msg;
        copy.payload = cleaned;
        for (const auto &target : m_targets) {
            if (target->should_log(copy.level))
                target->log(copy);
        }
    }
    void flush_() override
    {
        for (const auto &target : m_targets)
            target->flush();
    }
    void set_pattern_(const std::string &pattern) override
    {
        for (const auto &target : m_targets)
            target->set_pattern(pattern);
    }
    void set_formatter_(std::unique_ptr<spdlog::formatter> formatter) override
    {
        for (const auto &target : m_targets)
            target->set_formatter(formatter->clone());
    }

private:
    std::vector<spdlog::sink_ptr> m_targets;
};

constexpr const char *kLayers[] = {"services", "gui", "models", "sim", "qt"};

spdlog::level::level_enum levelFor(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return spdlog::level::debug;
    case QtInfoMsg:
        return spdlog::level::info;
    case QtWarningMsg:
        return spdlog::level::warn;
    case QtCriticalMsg:
        return spdlog::level::err;
    case QtFatalMsg:
        return spdlog::level::critical;
    }
    return spdlog::level::info;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category = QString::fromUtf8(context.category ? context.category : "default");
    get("qt")->log(levelFor(type), "[{}] {}", category.toStdString(),
                   redact(message).toStdString());
    if (type == QtFatalMsg)
        std::abort();
}

std::shared_ptr<spdlog::logger> makeLogger(const char *name)
{
    auto logger = std::make_shared<spdlog::logger>(name, s_sinks.begin(), s_sinks.end());
    logger->set_level(s_level);
    logger->flush_on(spdlog::level::warn);
    spdlog::register_logger(logger);
    return logger;
}

} // namespace

void init(const Options &options)
{
    {
        QMutexLocker lock(&s_mutex);
        spdlog::drop_all();
        s_sinks.clear();
        s_level = options.verbose ? spdlog::level::debug : spdlog::level::info;
        std::vector<spdlog::sink_ptr> targets;
        if (options.console)
            targets.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
        if (!options.logFile.isEmpty()) {
            constexpr std::size_t kMaxBytes = 5 * 1024 * 1024;
            targets.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                options.logFile.toStdString(), kMaxBytes, 3));
        }
        s_sinks.push_back(std::make_shared<RedactingSink>(std::move(targets)));
        for (const char *layer : kLayers)
            makeLogger(layer);
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ [%n] %v", spdlog::pattern_time_type::utc);
    }
    qInstallMessageHandler(qtMessageHandler);
}

std::shared_ptr<spdlog::logger> get(const char *layer)
{
    if (auto logger = spdlog::get(layer))
        return logger;
    QMutexLocker lock(&s_mutex);
    if (auto logger = spdlog::get(layer)) // another thread won the race
        return logger;
    if (s_sinks.empty()) {
        std::vector<spdlog::sink_ptr> targets {
            std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
        s_sinks.push_back(std::make_shared<RedactingSink>(std::move(targets)));
    }
    return makeLogger(layer);
}

void registerSecret(const QString &secret)
{
    constexpr int kMinSecretLength = 4; // shorter values would redact ordinary words
    if (secret.size() < kMinSecretLength)
        return;
    QMutexLocker lock(&s_secretsMutex);
    if (!s_secrets.contains(secret))
        s_secrets.append(secret);
}

QString redact(const QString &message)
{
    QMutexLocker lock(&s_secretsMutex);
    QString out = message;
    for (const QString &secret : std::as_const(s_secrets))
        out.replace(secret, QStringLiteral("***"));
    return out;
}

} // namespace Logging
