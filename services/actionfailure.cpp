#include "actionfailure.h"

const QString &ActionFailure::viewerSentence()
{
    static const QString s = QStringLiteral("This token has the viewer role: controls are "
                                            "disabled. Use an operator token to act.");
    return s;
}

ActionFailure ActionFailure::of(const ApiError &e)
{
    using K = ApiError::Kind;
    ActionFailure f;
    // ReplyClassifier's wording for the two network errors that mean no byte reached a server.
    const bool neverSent = e.kind == K::Network
        && (e.detail == QLatin1String("connection refused")
            || e.detail == QLatin1String("host not found"));
    if (e.kind == K::Http && e.code == QLatin1String("idempotency_key_in_flight")) {
        f.unknown = true;
        f.message = QStringLiteral("The server is still executing the first copy of this "
                                   "action; resend again in a moment to get its answer.");
    } else if (e.kind == K::Http && e.httpStatus == 403 && e.code == QLatin1String("forbidden")) {
        f.forbidden = true;
        f.message = viewerSentence();
    } else if (e.kind == K::Http && e.code == QLatin1String("idempotency_key_reused")) {
        f.message = QStringLiteral("Internal error: the server refused a reused Idempotency-Key "
                                   "(422) and changed nothing. Send the action again; it gets a "
                                   "new key.");
    } else if (e.kind == K::Http && !e.serverMessage.isEmpty()) {
        f.message = QStringLiteral("%1 (%2)").arg(e.serverMessage).arg(e.httpStatus);
    } else if (e.kind == K::Http || e.kind == K::Redirect || neverSent) {
        f.message = e.userMessage();
    } else if (e.kind == K::Timeout) {
        f.unknown = true;
        f.message = QStringLiteral("The server did not answer in time; the action may or may not "
                                   "have happened. Check the state, or resend with the same key.");
    } else {
        // Dropped connection, cancelled, or an answer that cannot be read: it may have run.
        f.unknown = true;
        f.message = QStringLiteral("The answer was lost (%1); the action may or may not have "
                                   "happened. Check the state, or resend with the same key.")
                        .arg(e.detail.isEmpty() ? ApiError::kindName(e.kind) : e.detail);
    }
    return f;
}
