#include "severitybanner.h"

#include "displayformat.h"
#include "reasondialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <array>

namespace {

constexpr std::array kChoiceSeverities {Severity::P0, Severity::P1, Severity::P2, Severity::None};

QString levelText(Severity severity)
{
    return severity == Severity::None ? SeverityBanner::tr("OK") : severityName(severity);
}

QLabel *textLabel(QWidget *parent, bool bold = false)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (bold) {
        QFont font = label->font();
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 1.15);
        label->setFont(font);
    }
    return label;
}

} // namespace

SeverityBanner::SeverityBanner(QWidget *parent)
    : QFrame(parent)
    , m_level(new QLabel(this))
    , m_headline(textLabel(this, true))
    , m_reasons(textLabel(this))
    , m_declaredLabel(textLabel(this))
    , m_dataNote(textLabel(this))
    , m_confirm(new QPushButton(this))
    , m_override(new QPushButton(tr("&Override…"), this))
    , m_runbook(new QPushButton(tr("Open &runbook…"), this))
{
    setObjectName(QStringLiteral("severityBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Severity"));

    // The level in words in a coloured block: readable without the colour.
    m_level->setObjectName(QStringLiteral("severityLevel"));
    m_level->setAlignment(Qt::AlignCenter);
    m_level->setAutoFillBackground(true);
    QFont levelFont = m_level->font();
    levelFont.setBold(true);
    levelFont.setPointSizeF(levelFont.pointSizeF() * 1.8);
    m_level->setFont(levelFont);
    m_level->setMinimumWidth(QFontMetrics(levelFont).horizontalAdvance(QStringLiteral("P0")) * 2);
    m_headline->setObjectName(QStringLiteral("severityHeadline"));
    m_reasons->setObjectName(QStringLiteral("severityReasons"));
    m_declaredLabel->setObjectName(QStringLiteral("declaredSeverity"));
    m_dataNote->setObjectName(QStringLiteral("severityDataNote"));
    m_dataNote->hide();

    m_confirm->setObjectName(QStringLiteral("confirmSeverity"));
    m_override->setObjectName(QStringLiteral("overrideSeverity"));
    m_override->setAccessibleName(tr("Override the severity"));
    m_override->setToolTip(tr("Declare a severity of your choice, with a reason."));
    connect(m_confirm, &QPushButton::clicked, this,
            [this] { Q_EMIT confirmRequested(m_suggestion); });
    connect(m_override, &QPushButton::clicked, this, &SeverityBanner::requestOverride);
    m_runbook->setObjectName(QStringLiteral("openRunbook"));
    m_runbook->hide();
    connect(m_runbook, &QPushButton::clicked, this, [this] {
        if (!m_runbookId.isEmpty())
            Q_EMIT runbookRequested(m_runbookId);
    });

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_headline);
    text->addWidget(m_reasons);
    text->addWidget(m_declaredLabel);
    text->addWidget(m_dataNote);
    // Side by side: one line instead of two, so the banner stays short.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_confirm);
    buttons->addWidget(m_override);
    buttons->addWidget(m_runbook);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_level);
    layout->addLayout(text, 1);
    layout->addLayout(buttons);
    layout->setAlignment(buttons, Qt::AlignTop);
    updateView();
}

QColor SeverityBanner::severityColor(Severity severity)
{
    switch (severity) {
    case Severity::P0:
        return QColor(0xb7, 0x1c, 0x1c);
    case Severity::P1:
        return QColor(0xd8, 0x43, 0x15);
    case Severity::P2:
        return QColor(0xf9, 0xa8, 0x25);
    case Severity::None:
        break;
    }
    return QColor(0x2e, 0x7d, 0x32);
}

QStringList SeverityBanner::severityChoices()
{
    return {tr("P0 — user-visible outage or data risk"), tr("P1 — major degradation"),
            tr("P2 — minor impact"), tr("No incident")};
}

Severity SeverityBanner::severityForChoice(int index)
{
    if (index < 0 || index >= int(kChoiceSeverities.size()))
        return Severity::None;
    return kChoiceSeverities[std::size_t(index)];
}

void SeverityBanner::setSuggestion(const SeveritySuggestion &suggestion)
{
    m_suggestion = suggestion;
    updateView();
}

void SeverityBanner::setDeclared(const std::optional<SeverityDeclaration::Entry> &declared)
{
    m_declared = declared;
    updateView();
}

void SeverityBanner::setDataNote(const QString &note, bool noLiveData)
{
    m_dataNote->setText(note);
    m_dataNote->setVisible(!note.isEmpty());
    if (noLiveData != m_noLiveData) {
        m_noLiveData = noLiveData;
        updateView();
    }
}

void SeverityBanner::setSuggestedRunbook(const QString &runbookId, const QString &title)
{
    m_runbookId = runbookId;
    m_runbook->setVisible(!runbookId.isEmpty());
    // The title on the button: the lead sees which runbook before opening it.
    m_runbook->setText(runbookId.isEmpty() ? tr("Open &runbook…")
                                           : tr("Open &runbook: %1…").arg(title));
    m_runbook->setToolTip(runbookId.isEmpty()
                              ? QString()
                              : tr("The live signals suggest the runbook “%1”.").arg(title));
    m_runbook->setAccessibleName(runbookId.isEmpty() ? tr("Open the suggested runbook")
                                                     : tr("Open the runbook %1").arg(title));
}

void SeverityBanner::setEnvironment(const QString &environment)
{
    m_environment = environment;
}

QString SeverityBanner::headlineText() const
{
    return m_headline->text();
}

QString SeverityBanner::reasonsText() const
{
    return m_reasons->text();
}

QString SeverityBanner::declaredText() const
{
    return m_declaredLabel->text();
}

void SeverityBanner::requestOverride()
{
    ReasonDialog::Request request;
    request.title = tr("Declare the incident severity");
    request.actionText = tr("Declare severity");
    request.target = tr("the severity of the current incident");
    request.environment = m_environment;
    request.effect = tr("Records your severity; the console keeps it whatever it suggests later.");
    request.choiceLabel = tr("&Severity:");
    request.choices = severityChoices();
    const Severity start = m_declared ? m_declared->severity : m_suggestion.severity;
    for (std::size_t i = 0; i < kChoiceSeverities.size(); ++i) {
        if (kChoiceSeverities[i] == start)
            request.currentChoice = int(i);
    }
    auto *dialog = new ReasonDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Q_EMIT overrideRequested(severityForChoice(dialog->choice()), dialog->reason());
    });
    dialog->open();
}

void SeverityBanner::updateView()
{
    const Severity suggested = m_suggestion.severity;
    // Without live data a green "OK" would be a claim nobody checked: grey, still in words.
    const QColor color = m_noLiveData ? QColor(0x75, 0x75, 0x75) : severityColor(suggested);

    QPalette levelPalette = m_level->palette();
    levelPalette.setColor(QPalette::Window, color);
    levelPalette.setColor(QPalette::WindowText,
                          suggested == Severity::P2 && !m_noLiveData ? QColor(0x26, 0x1a, 0x00)
                                                                     : QColor(Qt::white));
    m_level->setPalette(levelPalette);
    m_level->setText(levelText(suggested));
    m_level->setAccessibleName(suggested == Severity::None
                                   ? tr("No incident suggested")
                                   : tr("%1 suggested").arg(severityName(suggested)));

    // A light tint of the same colour across the banner; the text stays the palette's.
    QPalette pal = palette();
    const QColor window = parentWidget() ? parentWidget()->palette().color(QPalette::Window)
                                         : pal.color(QPalette::Window);
    pal.setColor(QPalette::Window,
                 DisplayFormat::mix(color, window, suggested == Severity::None ? 0.08 : 0.18));
    setPalette(pal);

    // The headline carries the first reason; the others follow on one wrapped line, so that
    // five reasons do not push the charts below their readable height.
    m_headline->setText(m_suggestion.headline());
    if (m_suggestion.reasons.size() > 1) {
        m_reasons->setText(
            tr("Also: %1").arg(m_suggestion.reasons.mid(1).join(QStringLiteral("; "))));
        m_reasons->show();
    } else {
        m_reasons->clear();
        m_reasons->hide();
    }
    setToolTip(m_suggestion.reasons.isEmpty()
                   ? QString()
                   : tr("Every rule that fired:\n• %1")
                         .arg(m_suggestion.reasons.join(QStringLiteral("\n• "))));

    QString declared = SeverityDeclaration::describe(m_declared);
    const bool differs = m_declared && m_declared->severity != suggested;
    if (!m_declared && suggested != Severity::None)
        declared = tr("No severity declared yet: confirm the suggestion or override it.");
    else if (differs)
        declared
            += tr(" — differs from the suggestion (%1); the declared severity stays until "
                  "you change it.")
                   .arg(suggested == Severity::None ? tr("no incident") : severityName(suggested));
    m_declaredLabel->setText(declared);
    QFont declaredFont = m_declaredLabel->font();
    declaredFont.setBold(m_declared.has_value()); // the lead's word weighs more than a suggestion
    m_declaredLabel->setFont(declaredFont);
    m_declaredLabel->setAccessibleName(declared);

    // Confirm adopts the suggestion; pointless when it is already what is declared, or when
    // nothing is suggested and nothing was declared.
    const bool canConfirm = m_declared ? differs : suggested != Severity::None;
    m_confirm->setVisible(canConfirm);
    m_confirm->setText(suggested == Severity::None
                           ? tr("&Confirm: no incident")
                           : tr("&Confirm %1").arg(severityName(suggested)));
    m_confirm->setAccessibleName(m_confirm->text().remove(QLatin1Char('&')));
    m_override->setText(m_declared || suggested != Severity::None ? tr("&Override…")
                                                                  : tr("&Declare…"));
}
