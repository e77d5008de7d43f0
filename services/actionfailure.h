#pragma once

#include "apierror.h"

#include <QString>

/// How a failed action call reads to the operator: whether its outcome is unknown (it may have
/// happened: timeout, dropped answer, 409 still in flight) or it failed (the server refused,
/// or the request never left), and the sentence shown next to the control. ActionController
/// feeds it every ApiError of a mutation.
struct ActionFailure
{
    bool unknown = false;
    bool forbidden = false; ///< 403 forbidden: the token is a viewer's
    QString message;

    static ActionFailure of(const ApiError &error);
    static const QString &viewerSentence();
};
