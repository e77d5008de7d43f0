// Resolving asks first: the confirmation says what resolving means (the clocks stop, the
// write-up's duration ends), Cancel leaves the incident open and running, Resolve records it.
#include "incidentpage.h"
#include "incidentpagerig.h"
#include "slaclock.h"
#include "slaclockbar.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "writeupeditor.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace {

QMessageBox *resolveBox(IncidentPage &page)
{
    page.resolveButton()->click();
    const QList<QMessageBox *> boxes = page.findChildren<QMessageBox *>();
    for (QMessageBox *box : boxes) {
        if (box->isVisible())
            return box; // a cancelled one may linger until its deferred delete
    }
    return nullptr;
}

QAbstractButton *buttonOf(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == role)
            return b;
    }
    return nullptr;
}

} // namespace

TEST(IncidentResolve, CancelLeavesItOpenAndConfirmResolvesAndStopsTheClocks)
{
    IncidentTest::PageRig rig;
    auto &[h, cursor, page] = rig;
    QWidget window; // the status bar's place
    SlaClockBar bar(h.store.get(), &window);
    bar.setClock(h.clock.function());
    window.show();
    const QString id = page.declareIncident(IncidentTest::declaration(Severity::P1));
    h.clock.advanceMinutes(20);
    ASSERT_TRUE(bar.isVisible());
    ASSERT_TRUE(page.resolveButton()->isEnabled());

    QMessageBox *box = resolveBox(page);
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->isVisible());
    EXPECT_TRUE(box->text().contains(QLatin1String("citadel errors"))) << box->text().toStdString();
    EXPECT_TRUE(box->text().contains(QLatin1String("SLA clocks stop")))
        << box->text().toStdString();
    EXPECT_TRUE(box->text().contains(QLatin1String("duration ends now")))
        << box->text().toStdString();
    EXPECT_EQ(box->defaultButton(), box->button(QMessageBox::Cancel)) << "Enter does not resolve";
    box->button(QMessageBox::Cancel)->click();
    QCoreApplication::processEvents();
    EXPECT_FALSE(h.store->incident(id)->isResolved());
    EXPECT_TRUE(page.resolveButton()->isEnabled());
    EXPECT_TRUE(bar.isVisible());
    EXPECT_TRUE(bar.slaClock()->status().valid);
    EXPECT_FALSE(page.writeupEditor()->markdown().contains(QLatin1String("Incident resolved")));

    box = resolveBox(page);
    ASSERT_NE(box, nullptr);
    QAbstractButton *resolve = buttonOf(box, QMessageBox::AcceptRole);
    ASSERT_NE(resolve, nullptr);
    EXPECT_EQ(resolve->text(), QStringLiteral("Resolve"));
    resolve->click();
    const auto incident = h.store->incident(id);
    ASSERT_TRUE(incident && incident->isResolved());
    EXPECT_EQ(incident->resolvedAt, h.clock.now);
    const TimelineModel *model = page.timelineView()->timelineModel();
    ASSERT_GE(model->rowCount(), 2);
    EXPECT_EQ(model->entryAt(model->rowCount() - 1).kind, TimelineEntry::Kind::Resolved);
    EXPECT_FALSE(page.resolveButton()->isEnabled());
    EXPECT_TRUE(page.detailsText().contains(QLatin1String("Resolved")))
        << page.detailsText().toStdString();
    // The clocks stopped: the bar is gone and does not count on.
    EXPECT_FALSE(bar.isVisible());
    EXPECT_FALSE(bar.slaClock()->status().valid);
    // The duration is fixed at the resolution, however long the lead edits afterwards.
    const QString markdown = page.writeupEditor()->markdown();
    EXPECT_TRUE(markdown.contains(QLatin1String("**Duration**: 20 minutes")))
        << markdown.toStdString();
    h.clock.advanceMinutes(30);
    h.store->setText(id, QStringLiteral("root-cause"), QStringLiteral("pool too small"));
    EXPECT_TRUE(
        page.writeupEditor()->markdown().contains(QLatin1String("**Duration**: 20 minutes")));
}
