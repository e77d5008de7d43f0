#include "replayfields.h"

#include "displayformat.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace {

QComboBox *
filterBox(const QString &accessibleName, const QMap<QString, qint64> &counts, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setAccessibleName(accessibleName);
    box->addItem(QObject::tr("All"), QString());
    const QLocale locale;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        box->addItem(QStringLiteral("%1 (%2)").arg(it.key(), locale.toString(it.value())),
                     it.key());
    return box;
}

} // namespace

ReplayFields::ReplayFields(const DeadLetterStatus &status, QWidget *parent)
    : QWidget(parent)
    , m_status(status)
    , m_rate(new QSpinBox(this))
    , m_maximum(new QSpinBox(this))
    , m_errorType(filterBox(tr("Replay only this error type"), status.byErrorType, this))
    , m_conduit(filterBox(tr("Replay only this conduit"), status.byConduit, this))
    , m_summary(new QLabel(this))
{
    // Wider than the server's 1-1000 and 1-100000 on purpose: see the class comment.
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setAccessibleName(tr("Rate cap in messages per second"));
    m_rate->setRange(0, 999999);
    m_rate->setValue(ReplayRequest().rateLimit);
    m_rate->setSuffix(tr(" /s"));
    m_rate->setToolTip(tr("1-1000 messages per second (the runbook says 10/s)"));
    m_maximum->setObjectName(QStringLiteral("maximum"));
    m_maximum->setAccessibleName(tr("Maximum number of messages"));
    m_maximum->setRange(0, 99999999);
    m_maximum->setValue(ReplayRequest().maxMessages);
    m_maximum->setGroupSeparatorShown(true);
    m_maximum->setToolTip(tr("1-100,000 messages (the runbook says 100)"));
    m_errorType->setObjectName(QStringLiteral("errorTypeFilter"));
    m_conduit->setObjectName(QStringLiteral("conduitFilter"));
    m_summary->setObjectName(QStringLiteral("replaySummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    const auto addRow = [this, form](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("Rate &cap:"), m_rate);
    addRow(tr("&Maximum:"), m_maximum);
    addRow(tr("Error &type:"), m_errorType);
    addRow(tr("C&onduit:"), m_conduit);
    form->addRow(m_summary);

    connect(m_rate, &QSpinBox::valueChanged, this, [this] { update(); });
    connect(m_maximum, &QSpinBox::valueChanged, this, [this] { update(); });
    connect(m_errorType, &QComboBox::currentIndexChanged, this, [this] { update(); });
    connect(m_conduit, &QComboBox::currentIndexChanged, this, [this] { update(); });
    update();
}

ReplayRequest ReplayFields::request() const
{
    ReplayRequest request;
    request.rateLimit = m_rate->value();
    request.maxMessages = m_maximum->value();
    request.errorType = m_errorType->currentData().toString();
    request.conduitId = m_conduit->currentData().toString();
    return request;
}

qint64 ReplayFields::matching() const
{
    const ReplayRequest r = request();
    qint64 count = m_status.depth;
    if (!r.errorType.isEmpty())
        count = std::min(count, m_status.byErrorType.value(r.errorType));
    if (!r.conduitId.isEmpty())
        count = std::min(count, m_status.byConduit.value(r.conduitId));
    return count;
}

QString ReplayFields::summary() const
{
    const ReplayRequest r = request();
    const QLocale locale;
    const qint64 moved = std::min<qint64>(r.maxMessages, matching());
    const QString of = r.errorType.isEmpty() && r.conduitId.isEmpty()
        ? tr("%1 messages").arg(locale.toString(m_status.depth))
        : tr("%1 matching messages").arg(locale.toString(matching()));
    if (r.rateLimit <= 0)
        return tr("Replay up to %1 of %2.").arg(locale.toString(moved), of);
    const double seconds = std::ceil(double(moved) / r.rateLimit);
    return tr("Replay up to %1 of %2 at %3/s — about %4.")
        .arg(locale.toString(moved), of, locale.toString(r.rateLimit),
             DisplayFormat::duration(seconds));
}

void ReplayFields::update()
{
    m_summary->setText(summary());
    Q_EMIT changed();
}
