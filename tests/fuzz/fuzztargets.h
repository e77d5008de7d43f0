#pragma once

#include <cstddef>
#include <cstdint>

// Rows F1 and F2 of the reliability matrix, and the ops API's JSON: the parsers that read what a
// server or a log file sends, driven with arbitrary bytes. Each target checks its own promises and
// returns nullptr when they hold, or a sentence naming the one that broke. The libFuzzer shims
// abort on a sentence; the corpus replay test (every build, ctest) reports it with the input's file
// name.
namespace FuzzTargets {

/// F1: any body as a Prometheus HTTP API answer, with the console's limits and with tight ones.
/// Promises: no crash or hang; a refused answer keeps nothing; an accepted one stays within the
/// series and sample caps; every refusal has a sentence.
const char *prometheusAnswer(const std::uint8_t *data, std::size_t size);

/// The ops API's answers (rows U1/U3 test them by hand): any body through JsonMapping's object
/// parse and then every endpoint's mapping. Promises: no crash or hang; a refusal is invalid JSON
/// or invalid shape, with a sentence.
const char *opsAnswer(const std::uint8_t *data, std::size_t size);

/// F2: any bytes as one log line. Promises: every part lies inside the line; a key's value lies
/// inside the line; the display text holds no control or bidi character and is cut to its limit.
const char *logLine(const std::uint8_t *data, std::size_t size);

} // namespace FuzzTargets
