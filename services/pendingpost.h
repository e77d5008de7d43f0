#pragma once

#include <QByteArray>
#include <QString>

/// The exact mutation OpsClient sent: path, body bytes and Idempotency-Key. The GUI keeps it
/// for an outcome-unknown action and calls OpsClient::resend() with it, which sends the SAME
/// bytes with the SAME key so that the server executes the action at most once (N8-N11).
struct PendingPost
{
    QString path; ///< e.g. "/api/ops/safe-mode"
    QByteArray body; ///< compact JSON as sent
    QString idempotencyKey; ///< a fresh QUuid for every new call
    QString traceId; ///< X-Trace-Id of the first send

    bool isValid() const { return !path.isEmpty() && !idempotencyKey.isEmpty(); }
};
