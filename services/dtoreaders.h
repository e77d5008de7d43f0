#pragma once

#include "jsonreader.h"
#include "opsdto.h"

/// Readers of the objects that appear inside several Ops API answers (a mode, a flag, an agent,
/// a replay, a dead-letter record, a breaker, a gate, a dream). Used by jsonmapping.cpp only;
/// problems are recorded in the reader's shared error slot with the full field path.
namespace DtoReaders {

ModeState readMode(JsonReader r);
/// The contract's {active, activatedAt, activatedBy}; also the ModeState spelling.
EmergencyMode readEmergency(JsonReader r);
IntegrationFlag readFlag(JsonReader r);
Agent readAgent(JsonReader r);
ReplayState readReplay(JsonReader r);
DeadLetterRecord readRecord(JsonReader r);
CircuitBreaker readBreaker(JsonReader r);
HealthGate readGate(JsonReader r);
Dream readDream(JsonReader r);

} // namespace DtoReaders
