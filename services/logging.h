#pragma once

#include <QString>

#include <memory>

namespace spdlog {
class logger;
}

// One spdlog set-up for the whole process: named loggers per layer, Qt's own messages routed
// into spdlog, and a redaction pass so that a token handed to registerSecret() never reaches a
// log line whatever the verbosity.
namespace Logging {

struct Options
{
    QString logFile; ///< rotating file sink; empty = console only
    bool verbose = false; ///< debug level instead of info
    bool console = true; ///< stderr sink
};

/// Sets up the sinks and the Qt message handler. Safe to call more than once (later calls reset).
void init(const Options &options = {});

/// The logger for one layer: "services", "gui", "models", "sim", "qt".
std::shared_ptr<spdlog::logger> get(const char *layer);

/// Every later log line has this value replaced by "***". Empty or very short values are ignored.
void registerSecret(const QString &secret);

/// Applies the registered redactions to a message (exposed for tests and for other sinks).
QString redact(const QString &message);

} // namespace Logging
