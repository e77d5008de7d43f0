#include "requesthardening.h"

#include <QtGlobal>

void RequestHardening::apply(QNetworkRequest &request,
                             const QString &traceId,
                             qint64 maxResponseBytes,
                             int deadlineMs)
{
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Trace-Id", traceId.toLatin1());
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setDecompressedSafetyCheckThreshold(qMin<qint64>(maxResponseBytes, 10 * 1024 * 1024));
    request.setTransferTimeout(qMax(1, deadlineMs) + 1000);
}
