// Shared GoogleTest main. Tests run on the offscreen platform; gui tests link a variant that
// constructs a QApplication (DREAMOPS_TEST_GUI), every other suite only a QCoreApplication.
#include <gtest/gtest.h>

#ifdef DREAMOPS_TEST_GUI
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

#include "logging.h"
#include "requesthardening.h"

#include <QStandardPaths>

namespace {

// Each test leaves its network clients' managers to the event loop (RequestHardening::
// retireManager); delete them before the next test, and before the application goes.
class RetiredManagers final : public testing::EmptyTestEventListener
{
    void OnTestEnd(const testing::TestInfo &) override
    {
        RequestHardening::deleteRetiredManagers();
    }
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    testing::InitGoogleTest(&argc, argv);
    TestApplication app(argc, argv);
    // Journals, incident records and settings that tests write go to ~/.qttest, never to the
    // user's own data folders.
    QStandardPaths::setTestModeEnabled(true);
    Logging::init({.logFile = {},
                   .verbose = qEnvironmentVariableIsSet("DREAMOPS_TEST_VERBOSE"),
                   .console = true});
    testing::UnitTest::GetInstance()->listeners().Append(new RetiredManagers);
    return RUN_ALL_TESTS();
}
