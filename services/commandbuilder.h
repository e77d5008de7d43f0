#pragma once

#include "commandinvocation.h"
#include "commandvalidator.h"

#include <optional>

/// Turns a catalogue command and the form's values into a CommandInvocation: validates every
/// value first (nothing is built from an invalid one), then fills the argv template element by
/// element, so each value lands inside exactly one argv element.
namespace CommandBuilder {

/// The masked stand-in for a secret in previews, logs and the journal.
QString secretMask(CommandParam::Delivery delivery);

/// nullopt with *errors (param name -> sentence) when a value is invalid.
std::optional<CommandInvocation> build(const CommandSpec &spec,
                                       const CommandValidator::Values &values,
                                       CommandValidator::Values *errors = nullptr);

/// The shell-quoted preview even for incomplete values (invalid ones shown as typed, quoted),
/// for the form to show while the operator types.
QString previewText(const CommandSpec &spec, const CommandValidator::Values &values);

/// spec.confirm with its placeholders filled: what the operator types to confirm.
QString confirmText(const CommandSpec &spec, const CommandValidator::Values &values);

} // namespace CommandBuilder
