#include "runbookevidenceview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

RunbookEvidenceView::RunbookEvidenceView(QWidget *parent)
    : QWidget(parent)
    , m_badge(new StateBadge(this))
    , m_value(new QLabel(this))
    , m_rawButton(new QToolButton(this))
    , m_raw(new QPlainTextEdit(this))
    , m_watchBar(new QProgressBar(this))
    , m_watchText(new QLabel(this))
{
    setObjectName(QStringLiteral("runbookEvidence"));
    m_badge->setObjectName(QStringLiteral("evidenceVerdict"));
    m_badge->setWordWrap(true);
    m_badge->setEmphasized(true);
    m_badge->setState(StateBadge::Severity::Info, tr("No check has run yet."));
    m_value->setObjectName(QStringLiteral("evidenceValue"));
    m_value->setTextFormat(Qt::PlainText); // server values are never rich text
    m_value->setWordWrap(true);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_rawButton->setObjectName(QStringLiteral("showRawJson"));
    m_rawButton->setText(tr("Show raw JSON"));
    m_rawButton->setCheckable(true);
    m_rawButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rawButton->setArrowType(Qt::RightArrow);
    m_rawButton->setAccessibleName(tr("Show the raw JSON answer"));
    m_raw->setObjectName(QStringLiteral("rawJson"));
    m_raw->setReadOnly(true);
    m_raw->setAccessibleName(tr("Raw JSON answer"));
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setMinimumHeight(m_raw->fontMetrics().lineSpacing() * 8);
    m_raw->hide();
    connect(m_rawButton, &QToolButton::toggled, this, [this](bool shown) {
        m_raw->setVisible(shown);
        m_rawButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
        m_rawButton->setText(shown ? tr("Hide raw JSON") : tr("Show raw JSON"));
    });

    m_watchBar->setObjectName(QStringLiteral("watchProgress"));
    m_watchBar->setAccessibleName(tr("Time the check has held"));
    m_watchBar->setTextVisible(false); // the sentence beside it says it in words
    m_watchText->setObjectName(QStringLiteral("watchText"));
    m_watchText->setTextFormat(Qt::PlainText);

    auto *watch = new QHBoxLayout;
    watch->setContentsMargins(0, 0, 0, 0);
    watch->addWidget(m_watchBar, 1);
    watch->addWidget(m_watchText, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_badge);
    layout->addWidget(m_value);
    layout->addLayout(watch);
    layout->addWidget(m_rawButton, 0, Qt::AlignLeft);
    layout->addWidget(m_raw, 1);
    clear();
}

void RunbookEvidenceView::setEvidence(StateBadge::Severity severity,
                                      const QString &sentence,
                                      const QString &value,
                                      const QByteArray &raw)
{
    m_badge->setState(severity, sentence);
    m_badge->setVisible(!sentence.isEmpty());
    m_badge->setAccessibleName(sentence.isEmpty() ? tr("No check result yet") : sentence);
    m_value->setText(value.isEmpty() ? QString() : tr("Value: %1").arg(value));
    m_value->setVisible(!value.isEmpty());
    // Pretty-printed when it is JSON; shown as it came otherwise (an HTML error page).
    const QJsonDocument document = QJsonDocument::fromJson(raw);
    m_raw->setPlainText(document.isNull() ? QString::fromUtf8(raw)
                                          : QString::fromUtf8(document.toJson()));
    m_rawButton->setVisible(!raw.isEmpty());
    if (raw.isEmpty())
        m_rawButton->setChecked(false);
}

void RunbookEvidenceView::setWatchProgress(double heldSeconds,
                                           double holdSeconds,
                                           double remainingSeconds)
{
    const int hold = std::max(1, int(std::lround(holdSeconds)));
    const int held = std::clamp(int(std::lround(heldSeconds)), 0, hold);
    m_watchBar->setRange(0, hold);
    m_watchBar->setValue(held);
    QString text = tr("Held %1 s of %2 s").arg(held).arg(hold);
    if (remainingSeconds >= 0)
        text += tr(", times out in %1").arg(clock(remainingSeconds));
    m_watchText->setText(text);
    m_watchBar->setAccessibleDescription(text);
    m_watchBar->show();
    m_watchText->show();
}

void RunbookEvidenceView::clearWatch()
{
    m_watchBar->hide();
    m_watchText->hide();
    m_watchText->clear();
}

void RunbookEvidenceView::clear()
{
    setEvidence(StateBadge::Severity::None, {}, {}, {});
    clearWatch();
}

QString RunbookEvidenceView::sentence() const
{
    return m_badge->isHidden() ? QString() : m_badge->text();
}

QString RunbookEvidenceView::valueText() const
{
    return m_value->text();
}

QString RunbookEvidenceView::watchText() const
{
    return m_watchText->text();
}

QString RunbookEvidenceView::clock(double seconds)
{
    const int total = std::max(0, int(std::ceil(seconds)));
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}
