# Dashboard charts (issue 3): AliasedLine against QPainter, P11's pixel equality on QtCharts,
# the per-agent queue lines (also live during error-spike).
dreamops_add_test(NAME dreamops_dashboard_gui_tests
    TIMEOUT 120
    SOURCES
        ${CMAKE_CURRENT_SOURCE_DIR}/../common/testmain.cpp
        dashboardcharts_test.cpp
    LIBS DreamOps::gui dreamops_testmain_core GTest::gtest Qt6::Test)
target_compile_definitions(dreamops_dashboard_gui_tests PRIVATE DREAMOPS_TEST_GUI)
