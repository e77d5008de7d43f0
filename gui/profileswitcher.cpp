#include "profileswitcher.h"

#include "environmentprofile.h"
#include "profilestore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSignalBlocker>
#include <QToolButton>

ProfileSwitcher::ProfileSwitcher(ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_combo(new QComboBox(this))
    , m_production(new QLabel(tr("PRODUCTION"), this))
    , m_menuButton(new QToolButton(this))
{
    m_combo->setAccessibleName(tr("Environment profile"));
    m_combo->setToolTip(tr("The environment the console talks to: pick another to switch."));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_production->setAccessibleName(tr("Production environment"));
    m_production->setContentsMargins(6, 1, 6, 1);
    m_production->setAutoFillBackground(true);
    m_production->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    QPalette tag = m_production->palette();
    tag.setColor(QPalette::Window, QColor(0xc6, 0x28, 0x28));
    tag.setColor(QPalette::WindowText, Qt::white);
    m_production->setPalette(tag);
    QFont bold = m_production->font();
    bold.setBold(true);
    m_production->setFont(bold);

    m_menuButton->setText(tr("Profiles"));
    m_menuButton->setAccessibleName(tr("Manage profiles"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_menuButton);
    connect(menu->addAction(tr("New profile…")), &QAction::triggered, this,
            [this] { Q_EMIT newProfileRequested(); });
    m_edit = menu->addAction(tr("Edit this profile…"));
    connect(m_edit, &QAction::triggered, this,
            [this] { Q_EMIT editProfileRequested(shownName()); });
    m_remove = menu->addAction(tr("Remove this profile"));
    connect(m_remove, &QAction::triggered, this,
            [this] { Q_EMIT removeProfileRequested(shownName()); });
    m_menuButton->setMenu(menu);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_production);
    layout->addWidget(m_combo);
    layout->addWidget(m_menuButton);
    layout->addStretch(1);

    connect(m_combo, &QComboBox::activated, this, &ProfileSwitcher::onActivated);
    connect(m_store, &ProfileStore::profilesChanged, this, &ProfileSwitcher::rebuild);
    connect(m_store, &ProfileStore::currentChanged, this, &ProfileSwitcher::showCurrent);
    rebuild();
}

QIcon ProfileSwitcher::swatch(const QString &colour, bool production)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(production ? QColor(0xc6, 0x28, 0x28) : QColor(0x55, 0x57, 0x53),
                        production ? 2.0 : 1.0));
    painter.setBrush(QColor::fromString(colour));
    painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

QString ProfileSwitcher::shownName() const
{
    return m_combo->currentData().toString();
}

void ProfileSwitcher::rebuild()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    for (const EnvironmentProfile &p : m_store->profiles()) {
        const QString text = p.production ? tr("%1 (production)").arg(p.name) : p.name;
        m_combo->addItem(swatch(p.colour, p.production), text, p.name);
        m_combo->setItemData(m_combo->count() - 1,
                             p.isSimulator ? tr("The bundled simulator") : p.baseUrl.toString(),
                             Qt::ToolTipRole);
    }
    showCurrent();
}

void ProfileSwitcher::showCurrent()
{
    const EnvironmentProfile current = m_store->current();
    {
        const QSignalBlocker blocker(m_combo);
        m_combo->setCurrentIndex(m_combo->findData(current.name));
    }
    m_production->setVisible(current.production);
    m_edit->setEnabled(!current.isSimulator);
    m_remove->setEnabled(!current.isSimulator);
    m_combo->setToolTip(current.isSimulator
                            ? tr("Connected to the bundled simulator: pick another to switch.")
                            : tr("%1 at %2: pick another to switch.")
                                  .arg(current.name, current.baseUrl.toString()));
}

void ProfileSwitcher::onActivated(int index)
{
    const QString name = m_combo->itemData(index).toString();
    const bool changed = name != m_store->currentName();
    // Until the store says otherwise, the combo keeps showing the profile in use.
    showCurrent();
    if (changed)
        Q_EMIT profileChosen(name);
}
