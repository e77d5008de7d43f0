// The dead-letter page and the status-bar replay progress on a real simulator: the queue's
// figures, a replay end to end (confirmation sentence, progress that follows the server, 409
// while one runs, stop), out-of-range values refused inline with nothing sent, and Enter/Escape
// sending nothing.
#include "actionoutcomerow.h"
#include "agentsfixture.h"
#include "deadletterbreakdownmodel.h"
#include "deadletterpage.h"
#include "deadletterrecordmodel.h"
#include "reasondialog.h"
#include "replayfields.h"
#include "replayprogress.h"
#include "statebadge.h"

#include <gtest/gtest.h>

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using TestSupport::waitUntil;

namespace {

const QString kReplayPath = QStringLiteral("/api/dead-letter/replay");
// Simulated time barely moves on its own: the tests step the clock.
constexpr double kSlow = 0.05;

struct DeadLetterPageTest
{
    DeadLetterPageTest()
        : f(kSlow)
        , depth(f.fillDeadLetterQueue(40))
        , page(f.controller.get(), f.poller.get(), QStringLiteral("SIMULATOR"))
        , progress(f.poller.get())
    {
        page.resize(1200, 760);
        page.show();
        // The progress shows itself while a replay runs, as it does in the status bar; showing
        // it here would leave it visible, with no text, until the first dead-letter status.
        EXPECT_TRUE(waitUntil([this] { return page.recordModel()->rowCount() > 0; }, 10000));
        EXPECT_TRUE(waitUntil([this] { return f.poller->deadLetter().has_value(); }, 10000));
    }

    ReasonDialog *openReplay()
    {
        QTest::mouseClick(page.replayButton(), Qt::LeftButton);
        return page.openDialog();
    }

    AgentsFixture f;
    qint64 depth;
    DeadLetterPage page;
    ReplayProgress progress;
};

ReplayFields *fieldsOf(ReasonDialog *dialog)
{
    return dialog->findChild<ReplayFields *>();
}

} // namespace

TEST(DeadLetterPage, ShowsDepthBreakdownAndRecentRecords)
{
    DeadLetterPageTest t;
    EXPECT_EQ(t.page.depthText(), QLocale().toString(t.depth));
    EXPECT_FALSE(
        t.page.breakdownModel()->keys(DeadLetterBreakdownModel::Dimension::ErrorType).isEmpty());
    EXPECT_FALSE(
        t.page.breakdownModel()->keys(DeadLetterBreakdownModel::Dimension::Conduit).isEmpty());
    EXPECT_LE(t.page.recordModel()->rowCount(), 50);
    const QString conduit
        = t.page.recordModel()->index(0, DeadLetterRecordModel::ConduitColumn).data().toString();
    EXPECT_EQ(conduit.count(QLatin1String("::")), 2) << conduit.toStdString();
    auto *oldest = t.page.findChild<QLabel *>(QStringLiteral("oldest"));
    ASSERT_NE(oldest, nullptr);
    EXPECT_TRUE(oldest->text().contains(QLatin1Char(':'))) << oldest->text().toStdString();
    EXPECT_TRUE(oldest->toolTip().endsWith(QLatin1String("UTC")))
        << oldest->toolTip().toStdString();
    EXPECT_TRUE(t.progress.isHidden()) << "no replay runs";
    EXPECT_FALSE(t.page.stopButton()->isEnabled());
}

TEST(DeadLetterPage, ReplayEndToEndWithProgress409AndStop)
{
    DeadLetterPageTest t;
    QSignalSpy showPage(&t.progress, &ReplayProgress::showRequested);
    ReasonDialog *dialog = t.openReplay();
    ASSERT_NE(dialog, nullptr);
    ReplayFields *fields = fieldsOf(dialog);
    ASSERT_NE(fields, nullptr);
    EXPECT_EQ(fields->rateBox()->value(), 10) << "the runbook's default";
    EXPECT_EQ(fields->maximumBox()->value(), 100);
    const QLocale locale;
    const qint64 moved = std::min<qint64>(100, t.depth);
    EXPECT_EQ(fields->summaryLabel()->text(),
              QStringLiteral("Replay up to %1 of %2 messages at 10/s — about %3 s.")
                  .arg(locale.toString(moved), locale.toString(t.depth))
                  .arg((moved + 9) / 10));
    fields->rateBox()->setValue(2);
    fields->maximumBox()->setValue(20);
    EXPECT_TRUE(fields->summaryLabel()->text().startsWith(
        QStringLiteral("Replay up to 20 of %1 messages at 2/s").arg(locale.toString(t.depth))))
        << fields->summaryLabel()->text().toStdString();
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("openai recovered, drain the DLQ"));
    AgentsFixture::screenshot(dialog, QStringLiteral("replay-confirm"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

    ASSERT_TRUE(waitUntil([&] { return !t.progress.isHidden(); })) << "the status bar shows it";
    EXPECT_TRUE(t.progress.text().startsWith(QLatin1String("Replay ")))
        << t.progress.text().toStdString();
    EXPECT_TRUE(t.progress.text().contains(QLatin1String("2/s")))
        << t.progress.text().toStdString();
    EXPECT_FALSE(t.page.replayButton()->isEnabled());
    EXPECT_TRUE(t.page.stopButton()->isEnabled());

    t.f.advance(4); // 2/s for 4 s: up to 8 messages
    ASSERT_TRUE(waitUntil([&] { return t.page.progressBar()->value() > 0; }))
        << t.page.progressText().toStdString();
    EXPECT_TRUE(t.page.progressText().contains(QLatin1String("remaining")));
    EXPECT_TRUE(t.page.progressText().contains(QLatin1String("left")));
    EXPECT_GT(t.progress.bar()->value(), 0);
    AgentsFixture::screenshot(&t.page, QStringLiteral("replay-progress"));
    AgentsFixture::screenshot(&t.progress, QStringLiteral("replay-statusbar"));
    QTest::mouseClick(t.progress.button(), Qt::LeftButton);
    EXPECT_EQ(showPage.count(), 1);

    // A second replay while one runs: 409, a sentence, the running one stays shown.
    t.page.requestReplay();
    dialog = t.page.openDialog();
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("second"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] {
        return t.page.outcomeRow()->text().contains(QLatin1String("already running"));
    })) << t.page.outcomeRow()->text().toStdString();
    EXPECT_TRUE(t.page.stopButton()->isEnabled());
    EXPECT_EQ(t.f.executed(kReplayPath), 1);

    QTest::mouseClick(t.page.stopButton(), Qt::LeftButton);
    dialog = t.page.openDialog();
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("enough for now"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    EXPECT_TRUE(waitUntil([&] { return t.progress.isHidden(); }));
    EXPECT_TRUE(waitUntil([&] { return t.page.replayButton()->isEnabled(); }));
    EXPECT_EQ(t.f.get(QStringLiteral(
                  "/api/dead-letter/status"))[QLatin1String("replay")][QLatin1String("state")]
                  .toString(),
              QStringLiteral("stopped"));
}

TEST(DeadLetterPage, OutOfRangeValuesAreRefusedInlineAndNothingIsSent)
{
    DeadLetterPageTest t;
    ReasonDialog *dialog = t.openReplay();
    ASSERT_NE(dialog, nullptr);
    ReplayFields *fields = fieldsOf(dialog);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("drill"));
    ASSERT_TRUE(dialog->confirmButton()->isEnabled());

    const struct
    {
        int rate;
        int maximum;
        const char *sentence;
    } cases[] = {{0, 100, "Rate cap must be 1-1000"},
                 {1001, 100, "Rate cap must be 1-1000"},
                 {10, 0, "Maximum must be 1-100000"},
                 {10, 100001, "Maximum must be 1-100000"}};
    for (const auto &c : cases) {
        fields->rateBox()->setValue(c.rate);
        fields->maximumBox()->setValue(c.maximum);
        EXPECT_TRUE(dialog->problem().startsWith(QLatin1String(c.sentence)))
            << c.rate << "/" << c.maximum << ": " << dialog->problem().toStdString();
        EXPECT_TRUE(dialog->problemLabel()->isVisible());
        EXPECT_FALSE(dialog->confirmButton()->isEnabled());
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        EXPECT_TRUE(dialog->isVisible());
    }
    // Typed, not set: the box takes 5000 and the sentence appears.
    fields->maximumBox()->setValue(100);
    fields->rateBox()->selectAll();
    QTest::keyClicks(fields->rateBox(), QStringLiteral("5000"));
    EXPECT_EQ(fields->rateBox()->value(), 5000);
    EXPECT_FALSE(dialog->confirmButton()->isEnabled());
    AgentsFixture::screenshot(dialog, QStringLiteral("replay-out-of-range"));

    fields->rateBox()->setValue(1000);
    fields->maximumBox()->setValue(100000);
    EXPECT_TRUE(dialog->problem().isEmpty());
    EXPECT_TRUE(dialog->confirmButton()->isEnabled());
    // Enter in a field still means Cancel.
    QTest::keyClick(fields->maximumBox(), Qt::Key_Return);
    EXPECT_TRUE(waitUntil([&] { return t.page.openDialog() == nullptr; }));

    dialog = t.openReplay();
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("drill"));
    QTest::keyClick(dialog->reasonEdit(), Qt::Key_Escape);
    EXPECT_TRUE(waitUntil([&] { return t.page.openDialog() == nullptr; }));
    QTest::qWait(300);
    EXPECT_EQ(t.f.executed(kReplayPath), 0);
    EXPECT_TRUE(t.progress.isHidden());
}

TEST(DeadLetterPage, FiltersNarrowTheConfirmationAndTheReplay)
{
    DeadLetterPageTest t;
    ReasonDialog *dialog = t.openReplay();
    ASSERT_NE(dialog, nullptr);
    ReplayFields *fields = fieldsOf(dialog);
    ASSERT_GT(fields->errorTypeBox()->count(), 1);
    // The error type with the most messages (a type may have none).
    int best = 1;
    qint64 most = 0;
    for (int i = 1; i < fields->errorTypeBox()->count(); ++i) {
        fields->errorTypeBox()->setCurrentIndex(i);
        if (fields->matching() > most) {
            most = fields->matching();
            best = i;
        }
    }
    ASSERT_GT(most, 0);
    fields->errorTypeBox()->setCurrentIndex(best);
    const QString type = fields->errorTypeBox()->currentData().toString();
    EXPECT_TRUE(fields->errorTypeBox()->currentText().startsWith(type + QStringLiteral(" (")));
    EXPECT_LT(fields->matching(), t.depth + 1);
    EXPECT_TRUE(fields->summaryLabel()->text().contains(QLatin1String("matching messages")))
        << fields->summaryLabel()->text().toStdString();
    fields->maximumBox()->setValue(5);
    // 1/s: the replay runs for seconds, so the page sees it running even on a loaded machine.
    fields->rateBox()->setValue(1);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("only %1").arg(type));
    ASSERT_TRUE(dialog->confirmButton()->isEnabled()) << dialog->problem().toStdString();
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return !t.progress.isHidden(); }))
        << t.page.outcomeRow()->badge()->text().toStdString() << " | "
        << QJsonDocument(t.f.get(QStringLiteral("/api/dead-letter/status"))[QLatin1String("replay")]
                             .toObject())
               .toJson()
               .toStdString();
    const QJsonObject replay
        = t.f.get(QStringLiteral("/api/dead-letter/status"))[QLatin1String("replay")].toObject();
    EXPECT_EQ(replay[QLatin1String("errorType")].toString(), type);
    EXPECT_EQ(replay[QLatin1String("maxMessages")].toInt(), 5);
    EXPECT_EQ(replay[QLatin1String("rateLimit")].toInt(), 1);
}

TEST(DeadLetterPage, U5_EveryControlHasAnAccessibleName)
{
    DeadLetterPageTest t;
    EXPECT_EQ(AgentsFixture::unnamedControls(&t.page), QStringList());
    ReasonDialog *dialog = t.openReplay();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(AgentsFixture::unnamedControls(dialog), QStringList());
    dialog->reject();
    t.f.controller->setReadOnly(true, QStringLiteral("The token is a viewer token."));
    EXPECT_FALSE(t.page.replayButton()->isEnabled());
    EXPECT_FALSE(t.page.stopButton()->isEnabled());
}

TEST(ReplayProgress, ShownWhileRunningOrPausedHiddenOtherwise)
{
    ConnectionProfile profile; // never polled: the widget is fed by hand
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
    OpsClient client(profile);
    ControlsPoller poller(&client);
    ReplayProgress progress(&poller);
    progress.show();
    QSignalSpy showPage(&progress, &ReplayProgress::showRequested);

    DeadLetterStatus status;
    progress.showStatus(status);
    EXPECT_TRUE(progress.isHidden());

    ReplayState replay;
    replay.rateLimit = 10;
    replay.maxMessages = 100;
    replay.replayed = 39;
    replay.failed = 3;
    replay.remaining = 58;
    status.replay = replay;
    progress.showStatus(status);
    EXPECT_FALSE(progress.isHidden());
    EXPECT_EQ(progress.text(), QStringLiteral("Replay 42/100 · 3 failed · 10/s"));
    EXPECT_EQ(progress.bar()->maximum(), 100);
    EXPECT_EQ(progress.bar()->value(), 42);
    EXPECT_EQ(ReplayProgress::etaSeconds(replay), 6);
    EXPECT_FALSE(progress.button()->accessibleName().isEmpty());

    status.replay->state = ReplayPhase::Paused;
    progress.showStatus(status);
    EXPECT_FALSE(progress.isHidden());
    EXPECT_TRUE(progress.text().endsWith(QStringLiteral("· paused")));

    QTest::mouseClick(progress.bar(), Qt::LeftButton); // the bar passes the click on
    EXPECT_EQ(showPage.count(), 1);

    for (ReplayPhase ended : {ReplayPhase::Done, ReplayPhase::Stopped}) {
        status.replay->state = ended;
        progress.showStatus(status);
        EXPECT_TRUE(progress.isHidden());
    }
}
