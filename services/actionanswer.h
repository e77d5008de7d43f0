#pragma once

#include "opsdto.h"

#include <QJsonObject>

/// The server's answer to an action, back in the contract's JSON shape
/// (`{"ok":true,"safeMode":{...}}`, `{"ok":true,"agent":{...}}`, ...), built from the typed DTO
/// that OpsClient parsed. ActionController puts it into ActionOutcome::answer so that a first
/// send and a resend (which OpsClient answers with raw JSON) look the same to the GUI.
namespace ActionAnswer {

QJsonObject safeMode(const ModeState &mode);
QJsonObject writeDrain(const ModeState &mode);
QJsonObject emergencyMode(const EmergencyMode &mode);
QJsonObject flag(const IntegrationFlag &flag);
QJsonObject agent(const Agent &agent);
QJsonObject replay(const ReplayState &replay);
QJsonObject breaker(const CircuitBreaker &breaker);
QJsonObject acknowledgement(const Acknowledgement &ack);

} // namespace ActionAnswer
